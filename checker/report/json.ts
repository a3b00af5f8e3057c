// `--format json`: a stable, documented document (schema in the README, `schemaVersion` 1).
import { ExemptionEvidence } from "../../policy-pack/src/engine/evidence";
import { CheckReport } from "../check";
import { Finding } from "../engine/evaluate";
import { programBase, warningLocation } from "./locations";

export interface JsonViolation {
    policy: string;
    policyId: string;
    severity: string;
    enforcementLevel: string;
    urn: string;
    resourceType: string;
    resourceName: string;
    message: string;
    /** The exemption of the policy config that decided the finding: active (advisory), expired or not applicable. */
    exemption?: ExemptionEvidence;
}

export interface JsonReport {
    schemaVersion: 1;
    source: CheckReport["source"];
    pack: CheckReport["pack"];
    /** `exempted` counts the advisory violations an active exemption made advisory. */
    summary: { resources: number; mandatory: number; advisory: number; exempted: number; blocked: boolean };
    violations: JsonViolation[];
    /** Program callbacks that failed on mocked data: their values were treated as unknown. */
    warnings: JsonWarning[];
}

export interface JsonWarning {
    message: string;
    /** Relative to the program directory. */
    file?: string;
    line?: number;
    column?: number;
}

/** True for a finding an active exemption made advisory. */
export function isExempted(f: Finding): boolean {
    return f.exemption?.status === "active";
}

/** How a report names an exemption: `waiver: reason (reference)`. */
export function exemptionLabel(e: ExemptionEvidence): string {
    return `${e.category}: ${e.reason}${e.reference ? ` (${e.reference})` : ""}`;
}

export function policyId(report: CheckReport, policy: string): string {
    return report.policies.find((p) => p.name === policy)?.tags.find((t) => /^PAG-\d{3}$/.test(t)) ?? "";
}

export function toJsonReport(report: CheckReport): JsonReport {
    const violations = report.findings.map((f): JsonViolation => {
        const r = report.resources.find((x) => x.urn === f.urn);
        return {
            policy: f.policyName,
            policyId: policyId(report, f.policyName),
            severity: f.severity,
            enforcementLevel: f.enforcementLevel,
            urn: f.urn,
            resourceType: r?.type ?? "",
            resourceName: r?.name ?? "",
            message: f.message,
            ...(f.exemption ? { exemption: f.exemption } : {}),
        };
    });
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    return {
        schemaVersion: 1,
        source: report.source,
        pack: report.pack,
        summary: {
            resources: report.resources.length,
            mandatory,
            advisory: violations.length - mandatory,
            exempted: report.findings.filter(isExempted).length,
            blocked: mandatory > 0,
        },
        violations,
        warnings: report.warnings.map((w) => ({ message: w.message, ...warningLocation(w, programBase(report)) })),
    };
}
