// Starts policy packs the way the Pulumi CLI does and keeps one process per pack directory for the
// life of the test worker (test files run one after another in a worker, vitest.config.mts:
// isolate false); runs fixture stacks through the engine's call order.
import * as fs from "node:fs";
import * as path from "node:path";
import { inject } from "vitest";
import { AnalyzerClient } from "../../checker/engine/analyzer-client";
import { evaluate, EvaluateOptions, Evaluation, Finding, resourceNameOf } from "../../checker/engine/evaluate";
import { FixtureResource, Mode, plan } from "./stack";

export const PACK_DIR = path.resolve(__dirname, "../../policy-pack");

interface WorkerPacks {
    byDir: Map<string, Promise<AnalyzerClient>>;
    started: Set<AnalyzerClient>;
}

// On globalThis: a worker may evaluate this module once per test file.
const KEY = Symbol.for("pa-guard.test.packs");
const packs: WorkerPacks = ((globalThis as any)[KEY] ??= stopWithWorker({ byDir: new Map(), started: new Set() }));

/** A pack process never exits by itself: stop each one when the worker exits (pack-processes.ts when it is killed). */
function stopWithWorker(worker: WorkerPacks): WorkerPacks {
    process.once("exit", () => worker.started.forEach((client) => client.close()));
    return worker;
}

export function pack(dir: string = PACK_DIR): Promise<AnalyzerClient> {
    const key = path.resolve(dir);
    if (!packs.byDir.has(key)) {
        packs.byDir.set(
            key,
            AnalyzerClient.start({ packDir: key }).then((client) => {
                packs.started.add(client);
                fs.writeFileSync(path.join(inject("packPidDir"), String(client.child.pid)), "");
                return client;
            }),
        );
    }
    return packs.byDir.get(key)!;
}

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
