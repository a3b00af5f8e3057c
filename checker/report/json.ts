// `--format json`: a stable, documented document (schema in the README, `schemaVersion` 1).
import { CheckReport } from "../check";
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
}

export interface JsonReport {
    schemaVersion: 1;
    source: CheckReport["source"];
    pack: CheckReport["pack"];
    summary: { resources: number; mandatory: number; advisory: number; blocked: boolean };
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
        };
    });
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    return {
        schemaVersion: 1,
        source: report.source,
        pack: report.pack,
        summary: { resources: report.resources.length, mandatory, advisory: violations.length - mandatory, blocked: mandatory > 0 },
        violations,
        warnings: report.warnings.map((w) => ({ message: w.message, ...warningLocation(w, programBase(report)) })),
    };
}
