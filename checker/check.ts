// The offline check: a program directory or a stack export → planned resources → the policy pack,
// driven with the engine's semantics → a report.
import * as fs from "node:fs";
import * as path from "node:path";
import { AnalyzerClient, AnalyzerInfo, PackStartError } from "./engine/analyzer-client";
import { evaluate, Finding, PlannedResource, SourcePosition } from "./engine/evaluate";
import { checkExemptionDates, PolicyConfigError } from "./engine/policy-config";
import { staleExemptionWarnings } from "./engine/stale-exemptions";
import { InputError } from "./errors";
import { readStackExport } from "./export/read-export";
import { DEFAULT_PACK_DIR } from "./paths";
import { ProgramWarning } from "./program/callbacks";
import { loadProject } from "./program/project";
import { planProgram } from "./program/run-program";

export interface CheckOptions {
    stack?: string;
    config?: string[];
    previewUnknowns?: boolean;
    stackTags?: Record<string, string>;
    /** A parsed `--policy-pack-config` document. */
    policyConfig?: unknown;
    packDir?: string;
    /** Reuse a running pack process (tests, the examples run). */
    client?: AnalyzerClient;
}

export interface CheckReport {
    source: { kind: "program" | "export"; path: string; project?: string; stack?: string };
    pack: { name: string; version: string };
    policies: AnalyzerInfo["policies"];
    resources: { urn: string; type: string; name: string; source?: SourcePosition }[];
    findings: Finding[];
    /**
     * What the checker could not evaluate faithfully (program callbacks that failed on mocked data),
     * and exemptions that matched no finding.
     */
    warnings: ProgramWarning[];
}

export async function loadResources(
    target: string,
    opts: CheckOptions,
): Promise<{ source: CheckReport["source"]; resources: PlannedResource[]; warnings: ProgramWarning[] }> {
    if (!fs.existsSync(target)) {
        throw new InputError(`${target}: no such file or directory`);
    }
    if (fs.statSync(target).isDirectory()) {
        const stack = opts.stack ?? "dev";
        const { project, resources, warnings } = await planProgram(path.resolve(target), {
            stack,
            config: opts.config,
            previewUnknowns: opts.previewUnknowns,
        });
        return { source: { kind: "program", path: target, project, stack }, resources, warnings };
    }
    const { stack, project, resources } = readStackExport(target);
    return { source: { kind: "export", path: target, project, stack }, resources, warnings: [] };
}

export async function check(target: string, opts: CheckOptions = {}): Promise<CheckReport> {
    const packDir = opts.packDir ?? DEFAULT_PACK_DIR;
    // A program names its project and stack before it runs: the pack starts while the program runs.
    const early = opts.client ? undefined : programSource(target, opts);
    const starting = early ? startPack(packDir, early) : undefined;
    starting?.catch(() => undefined);
    let loaded: Awaited<ReturnType<typeof loadResources>>;
    try {
        loaded = await loadResources(target, opts);
    } catch (e) {
        starting?.then((c) => c.close(), () => undefined);
        throw e;
    }
    const { source, resources, warnings } = loaded;
    const client = opts.client ?? (await (starting ?? startPack(packDir, source)));
    try {
        const { info, config, findings } = await evaluate(client, resources, {
            stackTags: opts.stackTags,
            policyConfig: opts.policyConfig,
            stack: source.stack,
            project: source.project,
            checkConfig: checkExemptionDates,
        });
        return {
            source,
            pack: { name: info.name, version: info.version },
            policies: info.policies,
            resources: resources.map(({ urn, type, name, source }) => ({ urn, type, name, source })),
            findings,
            warnings: [...warnings, ...staleExemptionWarnings(config, findings).map((message) => ({ message }))],
        };
    } catch (e) {
        if (e instanceof PolicyConfigError) {
            throw new InputError(e.message);
        }
        throw e;
    } finally {
        if (!opts.client) {
            client.close();
        }
    }
}

/** The project and stack of a program directory, when the target is one. */
function programSource(target: string, opts: CheckOptions): CheckReport["source"] | undefined {
    try {
        if (!fs.statSync(target).isDirectory()) {
            return undefined;
        }
        return { kind: "program", path: target, project: loadProject(path.resolve(target)).name, stack: opts.stack ?? "dev" };
    } catch {
        // Not a program: loading it says why.
        return undefined;
    }
}

async function startPack(packDir: string, source: CheckReport["source"]): Promise<AnalyzerClient> {
    try {
        return await AnalyzerClient.start({ packDir, stack: source.stack, project: source.project });
    } catch (e) {
        if (e instanceof PackStartError) {
            throw new InputError(e.message.split("\n")[0]);
        }
        throw e;
    }
}

export function mandatoryCount(report: CheckReport): number {
    return report.findings.filter((f) => f.enforcementLevel === "mandatory").length;
}
