// Starts policy packs the way the Pulumi CLI does and keeps one process per pack for a whole test
// file; runs fixture stacks through the engine's call order.
import * as path from "node:path";
import { AnalyzerClient } from "../../checker/engine/analyzer-client";
import { evaluate, EvaluateOptions, Evaluation, Finding, resourceNameOf } from "../../checker/engine/evaluate";
import { onFileEnd } from "./cleanup";
import { FixtureResource, Mode, plan } from "./stack";

export const PACK_DIR = path.resolve(__dirname, "../../policy-pack");

const running = new Map<string, Promise<AnalyzerClient>>();

export function pack(dir: string = PACK_DIR): Promise<AnalyzerClient> {
    const key = path.resolve(dir);
    if (!running.has(key)) {
        running.set(key, AnalyzerClient.start({ packDir: key }));
    }
    return running.get(key)!;
}

export async function closePacks(): Promise<void> {
    for (const client of running.values()) {
        (await client).close();
    }
    running.clear();
}

// Every pack a test file started stops when the file ends (test/harness/setup.ts).
onFileEnd(closePacks);

export interface RunOptions extends EvaluateOptions {
    mode?: Mode;
    packDir?: string;
}

export async function run(fixtures: readonly FixtureResource[], opts: RunOptions = {}): Promise<Evaluation> {
    const client = await pack(opts.packDir);
    return evaluate(client, plan(fixtures, { mode: opts.mode, stack: opts.stack, project: opts.project }), opts);
}

/** `policy resource level` per finding, sorted: what tests compare against an exact expected set. */
export function verdicts(evaluation: Evaluation, policy?: string): string[] {
    return evaluation.findings
        .filter((f: Finding) => policy === undefined || f.policyName === policy)
        .map((f) => `${f.policyName} ${resourceNameOf(f.urn)} ${f.enforcementLevel}`)
        .sort();
}

export function messagesOf(evaluation: Evaluation): string[] {
    return evaluation.findings.map((f) => f.message);
}
