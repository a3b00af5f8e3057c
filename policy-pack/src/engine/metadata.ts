// Policy metadata: a stable id that survives renames, a one-sentence description, severity, the
// guidance URL, remediation steps and control mappings — sent to the engine by @pulumi/policy ≥ 1.20.
import { EnforcementLevel, PolicyComplianceFramework, Severity } from "@pulumi/policy";

export const SEED_URLS = {
    interfaces: "https://learn.microsoft.com/security/privileged-access-workstations/privileged-access-interfaces",
    intermediaries: "https://learn.microsoft.com/security/privileged-access-workstations/privileged-access-intermediaries",
} as const;

export const MCSB_URL = "https://learn.microsoft.com/security/benchmark/azure/overview";

export interface PolicyMetadata {
    /** Stable identifier, `PAG-NNN`; never reused or renumbered. */
    id: string;
    /** Public API: the name users put in policy-pack config. */
    name: string;
    /** One full sentence. */
    description: string;
    severity: Severity;
    url: string;
    remediationSteps: string;
    /** Microsoft cloud security benchmark controls, e.g. `NS-1`, `PA-2`. */
    mcsb: string[];
    /** CIS Microsoft Azure Foundations recommendations, e.g. `6.1`; may be empty. */
    cis: string[];
}

export interface PolicyFields {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    url: string;
    remediationSteps: string;
    framework: PolicyComplianceFramework;
    tags: string[];
}

/** The @pulumi/policy fields for a policy; every policy blocks by default. */
export function policyFields(meta: PolicyMetadata): PolicyFields {
    return {
        name: meta.name,
        description: meta.description,
        enforcementLevel: "mandatory",
        severity: meta.severity,
        url: meta.url,
        remediationSteps: meta.remediationSteps,
        framework: {
            name: "Microsoft cloud security benchmark",
            version: "v1",
            reference: MCSB_URL,
            specification: meta.mcsb.join(", "),
        },
        tags: [meta.id, ...meta.mcsb.map((c) => `mcsb:${c}`), ...meta.cis.map((c) => `cis-azure:${c}`)],
    };
}
