// One fuzz suite per group of resource types, with one long-lived pack process per test file: random
// and malformed property trees, then one-field mutations of the compliant scenarios, then a check that
// every type of the group got at least the plan's minimum of generated cases.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalyzerClient, AnalyzerInfo } from "../../../checker/engine/analyzer-client";
import { pack } from "../../harness/pack";
import { Batch, CaseCounter, describe as show, isolate, runBatch, SCALE, SEED } from "./batch";
import { POLICED_TYPES } from "./catalogue";
import { mutationBatchArb, perBatch, policyConfigArb, randomBatchArb } from "./gen";

export interface SuitePlan {
    /** Random resources per type in each batch (times the type's share), and batches. */
    perType: number;
    randomRuns: number;
    /** Scenario copies per mutation batch, and batches. */
    instances: number;
    mutationRuns: number;
    /** Generated cases each type must get (random and mutated together) at FUZZ_SCALE=1, times its share. */
    minCasesPerType: number;
}

// A deep run on a slow machine (or one shared with other jobs) can take twice as long as on CI's:
// a property that times out keeps running after vitest gives up, and its requests then interleave
// with the next property's on the same pack process. Generous, so that only a hang times out.
const PROPERTY_TIMEOUT_MS = 1_800_000;

async function checkBatch(client: AnalyzerClient, batch: Batch, counter: CaseCounter): Promise<void> {
    const outcome = await runBatch(client, batch);
    counter.add(batch);
    if (outcome.failures.length === 0) {
        return;
    }
    const minimal = await isolate(client, batch);
    const context = `mode ${batch.mode}, stackTags ${show(batch.stackTags)}, policyConfig ${show(batch.policyConfig)}`;
    const lines = (minimal?.failures ?? outcome.failures).map((f) => `${f.property}: ${f.detail}`);
    throw new Error(
        [
            ...new Set(lines),
            minimal ? `minimal input (${context}): ${show({ token: minimal.resource.token, providerVersion: minimal.resource.providerVersion, inputs: minimal.resource.inputs })}` : `no single resource reproduces it (${context}); batch of ${batch.resources.length}`,
        ].join("\n"),
    );
}

async function assertProperty(arb: fc.Arbitrary<Batch>, runs: number, client: AnalyzerClient, counter: CaseCounter): Promise<void> {
    const details = await fc.check(
        fc.asyncProperty(arb, (batch) => checkBatch(client, batch, counter)),
        { seed: SEED, numRuns: Math.max(1, Math.round(runs * SCALE)), endOnFailure: true },
    );
    if (details.failed) {
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        throw new Error(`fuzz failure (FUZZ_SEED=${details.seed}, path ${details.counterexamplePath}):\n${error}`);
    }
}

export function fuzzSuite(title: string, typeKeys: readonly string[], plan: SuitePlan): void {
    const types = POLICED_TYPES.filter((t) => typeKeys.includes(t.key));
    if (types.length !== typeKeys.length) {
        throw new Error(`unknown type in ${typeKeys.join(", ")}`);
    }
    const counter = new CaseCounter();

    describe(title, () => {
        let client: AnalyzerClient;
        let info: AnalyzerInfo;

        beforeAll(async () => {
            // FUZZ_PACK_DIR fuzzes another build of the pack (a branch, a patched copy) for exploration.
            client = await pack(process.env.FUZZ_PACK_DIR);
            info = await client.getAnalyzerInfo();
        });

        afterAll(() => {
            console.log(counter.summary(title));
        });

        it("never throws, leaks or fails open on random and malformed property trees", async () => {
            await assertProperty(randomBatchArb(types, plan.perType, policyConfigArb(info)), plan.randomRuns, client, counter);
        }, PROPERTY_TIMEOUT_MS);

        it("never throws, leaks or fails open on one-field mutations of compliant scenarios", async () => {
            await assertProperty(mutationBatchArb(types, plan.instances, policyConfigArb(info)), plan.mutationRuns, client, counter);
        }, PROPERTY_TIMEOUT_MS);

        it(`generated at least ${plan.minCasesPerType} cases per resource type (times its share)`, () => {
            const minimum = (t: (typeof types)[number]) => (plan.minCasesPerType * perBatch(t, plan.perType) * Math.min(1, SCALE)) / plan.perType;
            const short = types.filter((t) => counter.get(t.key) < minimum(t)).map((t) => `${t.key}=${counter.get(t.key)}`);
            expect(short).toEqual([]);
        });
    });
}
