// Runs generated resources through the real pack process in batches (one AnalyzeStack per batch) and
// checks the properties every input must satisfy:
//   (a) no RPC error — evaluate() rejects when the pack throws;
//   (b) the same input gives the same findings (every batch runs twice, the two runs interleaved);
//   (c) no secret-marker core in any diagnostic;
//   (e) never the framework's fail-open "can't run policy … during preview";
//   and: findings respect each policy's configured enforcement level, name a URN of the batch or the
//   stack, and a remediation never strips the secret wrapper from an input.
// A failing batch is narrowed down to the single resource that reproduces the failure, when one does.
import { AnalyzerClient, PolicyConfigEntry } from "../../../checker/engine/analyzer-client";
import { evaluate, Evaluation, PlannedResource } from "../../../checker/engine/evaluate";
import { isSecretValue } from "../../../checker/engine/wire";
import { FixtureResource, Mode, plan, ref, secret } from "../../harness/stack";
import { reconciled } from "./gen";
import { isRefNode, markerCores, objectOf, RefNode, SecretNode, Tree } from "./values";

export const SEED = Number(process.env.FUZZ_SEED ?? 424242);
/** Multiplies the number of generated batches, for longer local exploration (`FUZZ_SCALE=10`). */
export const SCALE = Number(process.env.FUZZ_SCALE ?? 1);

// ---------------------------------------------------------------------------------------------
// Generated resources → fixture resources

export interface GeneratedResource {
    token: string;
    /** The version of the provider that manages it (classic resources), as the engine sends it. */
    providerVersion?: string;
    /** Counted under this policied type when set. */
    countAs?: string;
    inputs: Tree;
    /** Index of an earlier resource of the batch to use as the Pulumi parent. */
    parent?: number;
    /** Input key → indexes of batch resources it depends on (beyond the `$ref`s inside its value). */
    extraDeps?: [string, number[]][];
}

export interface Batch {
    mode: Mode;
    stackTags: Record<string, string>;
    policyConfig: Record<string, unknown>;
    resources: GeneratedResource[];
}

const isPlaceholderSecret = (v: unknown): v is SecretNode => v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && "$secret" in v;
const isPlaceholderRef = (v: unknown): v is RefNode & { $ref: number } => isRefNode(v) && typeof v.$ref === "number";

/** Replaces `$secret` / `$ref` placeholders with the fixture language's secrets and refs. */
export function toFixtureValue(tree: Tree, nameOf: (index: number) => string): unknown {
    if (isPlaceholderSecret(tree)) {
        // The engine always sends a secret with its value (null at least); a mutation may have removed it.
        return secret(toFixtureValue(tree.$secret ?? null, nameOf));
    }
    if (isPlaceholderRef(tree)) {
        return ref(nameOf(tree.$ref), tree.prop, tree.suffix);
    }
    if (Array.isArray(tree)) {
        return tree.map((t) => toFixtureValue(t, nameOf));
    }
    if (tree !== null && typeof tree === "object" && Object.getOwnPropertySymbols(tree).length === 0) {
        return objectOf(Object.entries(tree).map(([k, v]) => [k, toFixtureValue(v, nameOf)] as const));
    }
    return tree;
}

export const nameOfIndex = (i: number) => `r${i}`;

/** The batch as the engine would send it, with extra dependencies and parents added. */
export function planBatch(batch: Batch, stack: string): PlannedResource[] {
    const fixtures: FixtureResource[] = batch.resources.map((g, i) => {
        // A generated ref may point past the end of a smaller batch: wrap it around.
        const inputs = toFixtureValue(g.inputs, (index) => nameOfIndex(index % batch.resources.length));
        return {
            type: g.token,
            name: nameOfIndex(i),
            inputs: inputs !== null && typeof inputs === "object" && !Array.isArray(inputs) ? (inputs as Record<string, unknown>) : { value: inputs },
            parent: g.parent !== undefined && g.parent < i ? nameOfIndex(g.parent) : undefined,
            providerVersion: g.providerVersion,
        };
    });
    const planned = plan(fixtures, { mode: batch.mode, stack });
    const urns = planned.map((p) => p.urn);
    batch.resources.forEach((g, i) => {
        for (const [key, targets] of g.extraDeps ?? []) {
            const deps = targets.filter((t) => t < urns.length).map((t) => urns[t]);
            if (deps.length === 0) {
                continue;
            }
            const p = planned[i];
            const existing = p.propertyDependencies && Object.hasOwn(p.propertyDependencies, key) ? p.propertyDependencies[key] : [];
            p.propertyDependencies = { ...p.propertyDependencies, [key]: [...new Set([...existing, ...deps])] };
            p.dependencies = [...new Set([...(p.dependencies ?? []), ...deps])];
        }
    });
    return planned;
}

// ---------------------------------------------------------------------------------------------
// Properties

export interface Failure {
    property: string;
    detail: string;
}

const FAIL_OPEN = /can't run (policy|remediation)/;

function plainCores(value: unknown, out: Set<string> = new Set()): Set<string> {
    if (isSecretValue(value)) {
        return out;
    }
    if (typeof value === "string") {
        return markerCores(value, out);
    }
    if (Array.isArray(value)) {
        value.forEach((v) => plainCores(v, out));
    } else if (value !== null && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
            markerCores(k, out);
            plainCores(v, out);
        }
    }
    return out;
}

export function checkEvaluation(
    planned: readonly PlannedResource[],
    evaluation: Evaluation,
    config: Record<string, PolicyConfigEntry>,
): Failure[] {
    const failures: Failure[] = [];
    const cores = new Set<string>();
    for (const p of planned) {
        markerCores(p.inputs, cores);
        markerCores(p.outputs, cores);
    }
    const urns = new Set(planned.map((p) => p.urn));
    for (const f of evaluation.findings) {
        const text = JSON.stringify(f);
        for (const core of cores) {
            if (text.includes(core)) {
                failures.push({ property: "(c) secret leak", detail: `${f.policyName} quotes marker ${core}: ${f.message}` });
            }
        }
        if (FAIL_OPEN.test(f.message)) {
            failures.push({ property: "(e) fail-open", detail: `${f.policyName}: ${f.message}` });
        }
        const level = config[f.policyName]?.enforcementLevel;
        if (level === undefined) {
            failures.push({ property: "unknown policy", detail: f.policyName });
        } else if (level === "disabled" || (level === "advisory" && f.enforcementLevel !== "advisory")) {
            failures.push({ property: "enforcement level", detail: `${f.policyName} is ${level} but reported ${f.enforcementLevel}: ${f.message}` });
        }
        if (f.enforcementLevel !== "advisory" && f.enforcementLevel !== "mandatory") {
            failures.push({ property: "enforcement level", detail: `${f.policyName} reported ${f.enforcementLevel}` });
        }
        if (f.urn !== "" && !urns.has(f.urn)) {
            failures.push({ property: "finding URN", detail: `${f.policyName} reported on ${f.urn}, not a resource of the stack` });
        }
    }
    for (const r of evaluation.remediations) {
        const original = planned.find((p) => p.urn === r.urn);
        const before = plainCores(original?.inputs ?? {});
        for (const core of plainCores(r.properties)) {
            if (!before.has(core)) {
                failures.push({ property: "remediation strips a secret", detail: `${r.policyName} returned marker ${core} outside its secret wrapper on ${r.urn}` });
            }
        }
    }
    return failures;
}

function findingsKey(e: Evaluation): string {
    return JSON.stringify({ findings: e.findings, remediations: e.remediations });
}

/** An RPC the pack never answers hangs the engine: it counts as an RPC error. */
export const RPC_DEADLINE_MS = 60_000;

function withDeadline<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from the pack within ${RPC_DEADLINE_MS} ms`)), RPC_DEADLINE_MS);
    });
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

let stackCounter = 0;

/** A stack name of its own per evaluation: the pack remembers inputs per URN for the stack phase. */
export function freshStack(): string {
    stackCounter += 1;
    return `fuzz${stackCounter}`;
}

export interface BatchOutcome {
    failures: Failure[];
    evaluation?: Evaluation;
}

/** Evaluates a batch twice and checks every property. */
export async function runBatch(client: AnalyzerClient, batch: Batch): Promise<BatchOutcome> {
    const info = await client.getAnalyzerInfo();
    const config = reconciled(info, batch.policyConfig);
    const stack = freshStack();
    const planned = planBatch(batch, stack);
    const opts = { stackTags: batch.stackTags, policyConfig: batch.policyConfig, stack };
    let first: Evaluation;
    let second: Evaluation;
    try {
        // Both evaluations run at once, their requests interleaved, as the engine interleaves Analyze
        // calls of resources registered in parallel: the verdicts must not depend on that order.
        [first, second] = await withDeadline(Promise.all([evaluate(client, planned, opts), evaluate(client, planned, opts)]));
    } catch (err) {
        return { failures: [{ property: "(a) RPC error", detail: (err as Error).message.split("\n").slice(0, 6).join("\n") }] };
    }
    const failures = checkEvaluation(planned, first, config);
    if (findingsKey(first) !== findingsKey(second)) {
        failures.push({ property: "(b) nondeterministic", detail: "two evaluations of the same input gave different findings" });
    }
    return { failures, evaluation: first };
}

/** Re-runs each resource of a failing batch on its own (refs to others dropped) to find a minimal input. */
export async function isolate(client: AnalyzerClient, batch: Batch): Promise<{ resource: GeneratedResource; failures: Failure[] } | undefined> {
    for (const r of batch.resources) {
        const alone: GeneratedResource = { ...r, parent: undefined, extraDeps: undefined, inputs: dropRefs(r.inputs) };
        const outcome = await runBatch(client, { ...batch, resources: [alone] });
        if (outcome.failures.length > 0) {
            return { resource: alone, failures: outcome.failures };
        }
    }
    return undefined;
}

function dropRefs(tree: Tree): Tree {
    if (isPlaceholderRef(tree)) {
        return "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    }
    if (isPlaceholderSecret(tree)) {
        return { $secret: dropRefs(tree.$secret) };
    }
    if (Array.isArray(tree)) {
        return tree.map(dropRefs);
    }
    if (tree !== null && typeof tree === "object" && Object.getOwnPropertySymbols(tree).length === 0) {
        return objectOf(Object.entries(tree).map(([k, v]) => [k, dropRefs(v)] as const));
    }
    return tree;
}

/** Shortens a generated value for a failure report: long strings and arrays are elided. */
export function describe(value: unknown): string {
    return JSON.stringify(value, (_k, v) => {
        if (typeof v === "string" && v.length > 120) {
            return `${v.slice(0, 60)}…(${v.length} chars)`;
        }
        if (Array.isArray(v) && v.length > 20) {
            return [...v.slice(0, 3), `…(${v.length} items)`];
        }
        if (typeof v === "number" && !Number.isFinite(v)) {
            return String(v);
        }
        return v;
    });
}

// ---------------------------------------------------------------------------------------------
// Counting

export class CaseCounter {
    private readonly counts = new Map<string, number>();
    private readonly started = performance.now();

    add(batch: Batch): void {
        for (const r of batch.resources) {
            if (r.countAs) {
                this.counts.set(r.countAs, (this.counts.get(r.countAs) ?? 0) + 1);
            }
        }
    }

    get(type: string): number {
        return this.counts.get(type) ?? 0;
    }

    summary(title: string): string {
        const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
        const rows = [...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([t, n]) => `${t}=${n}`);
        return `${title}: seed ${SEED}, ${seconds} s, cases per type: ${rows.join(", ")}`;
    }
}
