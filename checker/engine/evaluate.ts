// One evaluation path for every entry point (tests, the offline checker, the testing kit, the
// benchmark): drive a policy pack with the engine's call order — ConfigureStack, GetPluginInfo,
// GetAnalyzerInfo, Configure, then Remediate and Analyze per resource, then AnalyzeStack.
import { Evidence, ExemptionEvidence, PathEvidence } from "../../policy-pack/src/engine/evidence";
import { AnalyzerClient, AnalyzerInfo, Diagnostic, PolicyConfigEntry, ProviderResource, WireResource } from "./analyzer-client";
import { reconcilePolicyConfig } from "./policy-config";

/** A resource of a planned deployment, with its properties already in wire form. */
export interface PlannedResource {
    urn: string;
    type: string;
    name: string;
    /** What Analyze and Remediate receive. */
    inputs: Record<string, unknown>;
    /** What AnalyzeStack receives. */
    outputs: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    /** The provider resource that manages it, when known. */
    provider?: ProviderResource;
    /** Where the program registered it, when known (program runs only). */
    source?: SourcePosition;
}

export interface SourcePosition {
    /** A file: URI. */
    uri: string;
    line: number;
    column: number;
}

export interface EvaluateOptions {
    stackTags?: Record<string, string>;
    /** A `--policy-pack-config` document. */
    policyConfig?: unknown;
    stack?: string;
    project?: string;
    organization?: string;
    dryRun?: boolean;
    /** Checks the reconciled config before Configure (the checker's own rules beyond the schema); throws to stop. */
    checkConfig?: (config: Record<string, PolicyConfigEntry>) => void;
}

export interface Finding extends Diagnostic {
    phase: "analyze" | "analyzeStack";
    /** The exemption of the policy's config that decided the finding (active, expired or not applicable). */
    exemption?: ExemptionEvidence;
    /** The exposure paths of a reachability finding, as data. */
    paths?: PathEvidence[];
}

export interface AppliedRemediation {
    urn: string;
    policyName: string;
    properties: Record<string, unknown>;
}

export interface Evaluation {
    info: AnalyzerInfo;
    /** Each policy's level and settings, as Configure received them. */
    config: Record<string, PolicyConfigEntry>;
    findings: Finding[];
    remediations: AppliedRemediation[];
}

export async function evaluate(
    client: AnalyzerClient,
    resources: readonly PlannedResource[],
    opts: EvaluateOptions = {},
): Promise<Evaluation> {
    const mark = client.evidenceMark();
    await client.configureStack(opts.stackTags ?? {}, opts);
    await client.getPluginInfo();
    const info = await client.getAnalyzerInfo();
    const config = reconcilePolicyConfig(info, opts.policyConfig);
    opts.checkConfig?.(config);
    await client.configure(config);

    const findings: Finding[] = [];
    const remediations: AppliedRemediation[] = [];
    for (const r of resources) {
        const wire: WireResource = { ...r, properties: r.inputs };
        for (const rem of await client.remediate(wire)) {
            if (rem.properties) {
                // Remediations rewrite the inputs the engine goes on to analyze.
                wire.properties = rem.properties;
                remediations.push({ urn: r.urn, policyName: rem.policyName, properties: rem.properties });
            }
        }
        for (const d of await client.analyze(wire)) {
            findings.push({ ...d, urn: d.urn || r.urn, phase: "analyze" });
        }
    }
    const stack = await client.analyzeStack(resources.map((r) => ({ ...r, properties: r.outputs })));
    findings.push(...stack.map((d): Finding => ({ ...d, phase: "analyzeStack" })));
    attachEvidence(findings, client.evidenceSince(mark));
    return { info, config, findings, remediations };
}

/** Gives each finding the evidence the pack wrote for it: same policy, resource and message. */
function attachEvidence(findings: Finding[], evidence: readonly Evidence[]): void {
    const key = (policy: string, urn: string, message: string) => JSON.stringify([policy, urn, message]);
    const byKey = new Map<string, Evidence[]>();
    for (const e of evidence) {
        const k = key(e.policy, e.urn, e.message);
        byKey.set(k, [...(byKey.get(k) ?? []), e]);
    }
    for (const f of findings) {
        const evidence = byKey.get(key(f.policyName, f.urn, f.message))?.shift();
        if (evidence?.exemption) {
            f.exemption = evidence.exemption;
        }
        if (evidence?.paths) {
            f.paths = evidence.paths;
        }
    }
}

/** The resource name at the end of a URN, or "(stack)" for a finding about the stack itself. */
export function resourceNameOf(urn: string): string {
    return urn ? urn.slice(urn.lastIndexOf("::") + 2) : "(stack)";
}
