// SARIF 2.1.0 for GitHub code scanning: one rule per policy (stable id, help URI, description,
// severity), one result per violation with the resource as a logical location and, when the program
// was run, the file and line that registered it.
import { createHash } from "node:crypto";
import type { CodeFlow, Log, ReportingDescriptor, Result } from "sarif";
import { PathEvidence } from "../../policy-pack/src/engine/evidence";
import { CheckReport } from "../check";
import { exemptionLabel, isExempted, policyId } from "./json";
import { findingLocation, resourceOf, warningLocation } from "./locations";

const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

/**
 * A reachability finding's paths as code flows: one thread flow per path whose locations are the
 * program lines that declared each step, from the public entry to the machine, so that code
 * scanning can show the path.
 */
function codeFlows(report: CheckReport, machineUrn: string, paths: readonly PathEvidence[], baseDir: string): CodeFlow[] {
    const step = (urn: string, text: string) => {
        const where = findingLocation(report, urn, baseDir);
        return {
            location: {
                physicalLocation: {
                    artifactLocation: { uri: where.file, uriBaseId: "%SRCROOT%" },
                    region: { startLine: where.line ?? 1, ...(where.column ? { startColumn: where.column } : {}) },
                },
                message: { text },
            },
        };
    };
    const machine = resourceOf(report, machineUrn);
    return paths.map((p) => ({
        message: { text: `${p.protocols.map((t) => t.toUpperCase()).join("/")} ${p.port} from the internet: ${[...p.hops.map((h) => h.text), machine.name].join(" → ")}` },
        threadFlows: [{ locations: [...p.hops.map((h) => step(h.urn ?? machineUrn, h.text)), step(machineUrn, `${machine.name} (${machine.type})`)] }],
    }));
}

export function toSarif(report: CheckReport, opts: { baseDir: string; toolVersion: string }): Log {
    const rules: ReportingDescriptor[] = report.policies.map((p) => ({
        id: policyId(report, p.name) || p.name,
        name: p.name,
        shortDescription: { text: p.description },
        fullDescription: { text: p.description },
        helpUri: p.url || undefined,
        help: { text: p.remediationSteps || p.description },
        defaultConfiguration: { level: p.enforcementLevel === "mandatory" ? "error" : "warning" },
        properties: {
            tags: ["security", ...p.tags],
            precision: "high",
            ...(SECURITY_SEVERITY[p.severity] ? { "security-severity": SECURITY_SEVERITY[p.severity] } : {}),
        },
    }));
    // Suppressions are all or nothing in a run (SARIF 2.1.0 §3.27.23): with any, every result has the list.
    const anyExempted = report.findings.some(isExempted);
    const results: Result[] = report.findings.map((f) => {
        const ruleIndex = report.policies.findIndex((p) => p.name === f.policyName);
        const where = findingLocation(report, f.urn, opts.baseDir);
        const resource = resourceOf(report, f.urn);
        return {
            ruleId: rules[ruleIndex]?.id ?? f.policyName,
            ruleIndex: ruleIndex >= 0 ? ruleIndex : undefined,
            level: f.enforcementLevel === "mandatory" ? "error" : "warning",
            message: { text: `${resource.name} (${resource.type}): ${f.message}` },
            locations: [
                {
                    physicalLocation: {
                        artifactLocation: { uri: where.file, uriBaseId: "%SRCROOT%" },
                        region: { startLine: where.line ?? 1, ...(where.column ? { startColumn: where.column } : {}) },
                    },
                    logicalLocations: [{ name: resource.name, fullyQualifiedName: f.urn || "(stack)", kind: "resource" }],
                },
            ],
            ...(f.paths && f.paths.length > 0 ? { codeFlows: codeFlows(report, f.urn, f.paths, opts.baseDir) } : {}),
            partialFingerprints: {
                "paGuardFinding/v1": createHash("sha256").update(`${f.policyName}\0${f.urn}\0${f.message}`).digest("hex").slice(0, 32),
            },
            ...(anyExempted
                ? {
                      suppressions: isExempted(f)
                          ? [{ kind: "external" as const, status: "accepted" as const, justification: `${exemptionLabel(f.exemption!)}; until ${f.exemption!.expires}` }]
                          : [],
                  }
                : {}),
            properties: { enforcementLevel: f.enforcementLevel, policy: f.policyName, ...(f.exemption ? { exemption: f.exemption } : {}) },
        };
    });
    return {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: "pa-guard",
                        fullName: `pa-guard (${report.pack.name}@${report.pack.version})`,
                        version: opts.toolVersion,
                        semanticVersion: opts.toolVersion,
                        informationUri: "https://learn.microsoft.com/security/privileged-access-workstations/privileged-access-intermediaries",
                        rules,
                    },
                },
                results,
                invocations: [
                    {
                        executionSuccessful: true,
                        toolExecutionNotifications: report.warnings.map((w) => {
                            const at = warningLocation(w, opts.baseDir);
                            return {
                                level: "warning" as const,
                                message: { text: w.message },
                                ...(at
                                    ? {
                                          locations: [
                                              {
                                                  physicalLocation: {
                                                      artifactLocation: { uri: at.file, uriBaseId: "%SRCROOT%" },
                                                      region: { startLine: at.line ?? 1, ...(at.column ? { startColumn: at.column } : {}) },
                                                  },
                                              },
                                          ],
                                      }
                                    : {}),
                            };
                        }),
                    },
                ],
            },
        ],
    };
}
