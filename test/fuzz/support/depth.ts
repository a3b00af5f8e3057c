// How deep the fuzz suite goes in this run, as the vitest configuration provides it (vitest.config.mts):
// `npm test` runs a fixed-seed slice, `npm run test:deep` (`vitest run --mode deep`) the full size.
// It is not read from the environment, so a run's size depends on its command only (FUZZ_SCALE still
// multiplies either, for exploration by hand).
import { inject } from "vitest";

export type FuzzDepth = "slice" | "deep";

declare module "vitest" {
    export interface ProvidedContext {
        fuzzDepth: FuzzDepth;
    }
}

export function fuzzDepth(): FuzzDepth {
    const depth: unknown = inject("fuzzDepth");
    if (depth !== "slice" && depth !== "deep") {
        throw new Error(`fuzzDepth is ${JSON.stringify(depth)}: run the fuzz suite through vitest.config.mts (npm test, or npm run test:deep)`);
    }
    return depth;
}
