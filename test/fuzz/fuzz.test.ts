// The fuzz suite: every policied resource type, through the engine protocol, with one long-lived pack
// process — random and malformed property trees, then one-field mutations of the compliant
// scenarios, each batch under a random security level, mode and policy-pack configuration, and each
// run twice. Properties, seed (FUZZ_SEED) and scale (FUZZ_SCALE): see support/batch.ts and
// support/suite.ts; the fail-closed property is in unknowns.test.ts.
import { POLICED_TYPES } from "./support/catalogue";
import { fuzzSuite } from "./support/suite";

fuzzSuite(
    "fuzz: every policied resource type",
    POLICED_TYPES.map((t) => t.key),
    { perType: 4, randomRuns: 250, instances: 12, mutationRuns: 25 },
);
