// The fuzz suite: every policied resource type, through the engine protocol, with one long-lived pack
// process — random and malformed property trees, then one-field mutations of the compliant
// scenarios, each batch under a random security level, mode and policy-pack configuration, and each
// run twice. Properties, seed (FUZZ_SEED) and scale (FUZZ_SCALE): see support/batch.ts and
// support/suite.ts; the fail-closed property is in unknowns.test.ts.
//
// `npm test` runs the slice: the same properties, batch shapes and seed, fewer batches — the first
// batches of the deep run, since fast-check draws each run from the seed and its index. `npm run
// test:deep` runs the full size.
import { POLICED_TYPES } from "./support/catalogue";
import { testDepth } from "../harness/depth";
import { fuzzSuite, SuitePlan } from "./support/suite";

const PLANS = {
    slice: { perType: 4, randomRuns: 5, instances: 12, mutationRuns: 4, minCasesPerType: 20 },
    deep: { perType: 4, randomRuns: 250, instances: 12, mutationRuns: 25, minCasesPerType: 1000 },
} satisfies Record<string, SuitePlan>;

const depth = testDepth();

fuzzSuite(
    `fuzz (${depth}): every policied resource type`,
    POLICED_TYPES.map((t) => t.key),
    PLANS[depth],
);
