import { afterAll } from "vitest";
import { closeAll } from "./cleanup";

afterAll(closeAll);
