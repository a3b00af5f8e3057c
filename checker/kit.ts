// The testing kit: run your own Pulumi program (or a factory function) under mocks, inside your
// own tests, and get the pack's violations — evaluated by the real policy server with the engine's
// call order, exactly as `pa-guard check` and `pulumi preview --policy-pack` would.
//
//   const result = await checkProgram(() => import("./index"), { programConfig: { region: "westeurope" } });
//   expectViolations(result, ["no-direct-rdp jumpNsg mandatory"]);
import * as path from "node:path";
import { AnalyzerClient } from "./engine/analyzer-client";
import { ExemptionEvidence } from "../policy-pack/src/engine/evidence";
import { evaluate, Finding } from "./engine/evaluate";
import { checkExemptionDates } from "./engine/policy-config";
import { staleExemptionWarnings } from "./engine/stale-exemptions";
import { DEFAULT_PACK_DIR } from "./paths";
import { ProgramWarning } from "./program/callbacks";
import { captureUnderMocks } from "./program/capture";
import { stackResource } from "./program/stack-resource";
import { toPlannedResources } from "./program/translate";

export interface CheckProgramOptions {
    /** Program config; bare keys are put in the project's namespace. */
    programConfig?: Record<string, string>;
    /** Keys of `programConfig` whose values are secret. */
    secretConfigKeys?: string[];
    /** A `--policy-pack-config` document: `{ all: "mandatory", "no-direct-rdp": { ... } }`. */
    policyConfig?: unknown;
    stackTags?: Record<string, string>;
    /** Every computed output unknown, as in the first preview of a new stack. */
    previewUnknowns?: boolean;
    project?: string;
    stack?: string;
    packDir?: string;
}

export interface Violation {
    policy: string;
    /** The Pulumi resource name, or "(stack)". */
    resource: string;
    type: string;
    level: "mandatory" | "advisory";
    message: string;
    urn: string;
    /** The exemption of the policy config that decided it: active (the finding is advisory), expired, or not applicable. */
    exemption?: ExemptionEvidence;
}

export interface CheckProgramResult {
    violations: Violation[];
    resources: { urn: string; type: string; name: string }[];
    /**
     * Program callbacks that failed on mocked data (their values were treated as unknown), and
     * exemptions of the policy config that matched no finding.
     */
    warnings: ProgramWarning[];
}

const packs = new Map<string, Promise<AnalyzerClient>>();

function packFor(dir: string): Promise<AnalyzerClient> {
    if (!packs.has(dir)) {
        const started = AnalyzerClient.start({ packDir: dir });
        started.then((client) => process.once("exit", () => client.close()), () => undefined);
        packs.set(dir, started);
    }
    return packs.get(dir)!;
}

/** Stops the policy pack processes the kit started (they also stop when the test process exits). */
export async function closePolicyPacks(): Promise<void> {
    for (const p of packs.values()) {
        (await p.catch(() => undefined))?.close();
    }
    packs.clear();
}

function qualify(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/**
 * Runs `program` under mocks on the @pulumi/pulumi your program uses (a peer dependency), then
 * evaluates the policy pack on what it registered.
 */
export async function checkProgram(program: () => unknown, opts: CheckProgramOptions = {}): Promise<CheckProgramResult> {
    const project = opts.project ?? "project";
    const stack = opts.stack ?? "dev";
    const previewUnknowns = opts.previewUnknowns ?? false;
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    const config = Object.fromEntries(Object.entries(opts.programConfig ?? {}).map(([k, v]) => [qualify(project, k), v]));
    let captured;
    try {
        const run = async () => {
            const result = await program();
            if (typeof result === "function") {
                await result();
            }
        };
        captured = await captureUnderMocks(require(pulumiDir), pulumiDir, run, {
            dir: process.cwd(),
            project,
            stack,
            config,
            secretKeys: (opts.secretConfigKeys ?? []).map((k) => qualify(project, k)),
            previewUnknowns,
        });
    } catch (err) {
        const reason = (err instanceof Error ? err.message : String(err)).split("\n")[0];
        throw new Error(`checkProgram: the program failed: ${reason}`);
    }
    const stackRes = stackResource(project, stack);
    const resources = [
        stackRes,
        ...toPlannedResources(captured.resources, { previewUnknowns, resolveFrom: process.cwd(), stackUrn: stackRes.urn }),
    ];
    const client = await packFor(path.resolve(opts.packDir ?? DEFAULT_PACK_DIR));
    const { config: policyConfig, findings } = await evaluate(client, resources, {
        stackTags: opts.stackTags,
        policyConfig: opts.policyConfig,
        stack,
        project,
        checkConfig: checkExemptionDates,
    });
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return {
        violations: findings.map((f: Finding) => ({
            policy: f.policyName,
            resource: byUrn.get(f.urn)?.name ?? "(stack)",
            type: byUrn.get(f.urn)?.type ?? "pulumi:pulumi:Stack",
            level: f.enforcementLevel === "mandatory" ? "mandatory" : "advisory",
            message: f.message,
            urn: f.urn,
            ...(f.exemption ? { exemption: f.exemption } : {}),
        })),
        resources: resources.map(({ urn, type, name }) => ({ urn, type, name })),
        warnings: [...captured.warnings, ...staleExemptionWarnings(policyConfig, findings).map((message) => ({ message }))],
    };
}

/** The violations as sorted `"<policy> <resource> <level>"` strings, for exact-set assertions. */
export function violationKeys(result: CheckProgramResult, policy?: string): string[] {
    return result.violations
        .filter((v) => policy === undefined || v.policy === policy)
        .map((v) => `${v.policy} ${v.resource} ${v.level}`)
        .sort();
}

/** Throws, listing what is missing and what is unexpected, unless the violations are exactly `expected`. */
export function expectViolations(result: CheckProgramResult, expected: readonly string[]): void {
    const got = violationKeys(result);
    const want = [...expected].sort();
    const missing = want.filter((e) => !got.includes(e));
    const unexpected = got.filter((g) => !want.includes(g));
    if (missing.length > 0 || unexpected.length > 0) {
        const lines = [...missing.map((m) => `  missing:    ${m}`), ...unexpected.map((u) => `  unexpected: ${u}`)];
        throw new Error(`policy violations differ from the expected set:\n${lines.join("\n")}`);
    }
}
