import { afterAll } from "vitest";
import { closePacks } from "./pack";

afterAll(closePacks);
