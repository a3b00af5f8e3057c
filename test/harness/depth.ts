// How deep this run goes, as the vitest configuration provides it (vitest.config.mts): `npm test`
// runs a slice — the fuzz suite at a fixed seed and a fraction of its size, each fixture program in
// one mode — and `npm run test:deep` (`vitest run --mode deep`) the full size. It is not read from
// the environment, so a run's size depends on its command only (FUZZ_SCALE still multiplies the
// fuzz suite's, for exploration by hand).
import { inject } from "vitest";

export type TestDepth = "slice" | "deep";

declare module "vitest" {
    export interface ProvidedContext {
        testDepth: TestDepth;
    }
}

export function testDepth(): TestDepth {
    const depth: unknown = inject("testDepth");
    if (depth !== "slice" && depth !== "deep") {
        throw new Error(`testDepth is ${JSON.stringify(depth)}: run the tests through vitest.config.mts (npm test, or npm run test:deep)`);
    }
    return depth;
}
