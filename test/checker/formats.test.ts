// The report formats on a fixed report (so the shapes are pinned), and SARIF end to end on a real
// check of an example stack.
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv-draft-04";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { CheckReport } from "../../checker/check";
import { toJunit } from "../../checker/report/junit";
import { toMarkdown } from "../../checker/report/markdown";
import { toSarif } from "../../checker/report/sarif";
import { cli, ROOT } from "./cli";

const SARIF_SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, "test/fixtures/schemas/sarif-schema-2.1.0.json"), "utf8"));
const validateSarif = new Ajv({ strict: false, allErrors: true }).compile(SARIF_SCHEMA);

const urn = (type: string, name: string) => `urn:pulumi:dev::infra::${type}::${name}`;
const NSG = "azure-native:network:NetworkSecurityGroup";
const VM = "azure-native:compute:VirtualMachine";
const policy = (name: string, id: string, severity: "high" | "critical") => ({
    name,
    description: `Policy ${name} description.`,
    enforcementLevel: "mandatory" as const,
    policyType: "stack" as const,
    severity,
    tags: [id, "mcsb:NS-1"],
    remediationSteps: `Fix ${name} | carefully.`,
    url: "https://learn.microsoft.com/security/privileged-access-workstations/privileged-access-intermediaries",
});
const finding = (policyName: string, u: string, level: "mandatory" | "advisory", message: string) => ({
    policyName,
    policyPackName: "azure-privileged-access-guard",
    policyPackVersion: "0.1.0",
    description: "",
    message,
    enforcementLevel: level,
    urn: u,
    severity: "high" as const,
    phase: "analyzeStack" as const,
});

const report: CheckReport = {
    source: { kind: "program", path: "infra", project: "infra", stack: "dev" },
    pack: { name: "azure-privileged-access-guard", version: "0.1.0" },
    policies: [policy("no-direct-rdp", "PAG-001", "critical"), policy("vm-entra-login", "PAG-006", "high")],
    resources: [
        { urn: "urn:pulumi:dev::infra::pulumi:pulumi:Stack::infra-dev", type: "pulumi:pulumi:Stack", name: "infra-dev" },
        { urn: urn(NSG, "jumpNsg"), type: NSG, name: "jumpNsg", source: { uri: `file://${ROOT}/infra/index.ts`, line: 12, column: 13 } },
        { urn: urn(VM, "jumpVm"), type: VM, name: "jumpVm", source: { uri: `file://${ROOT}/infra/index.ts`, line: 40, column: 1 } },
    ],
    warnings: [],
    findings: [
        finding("no-direct-rdp", urn(NSG, "jumpNsg"), "mandatory", "securityRules[0] (allow-rdp) admits the internet (*) to TCP 3389."),
        finding("vm-entra-login", urn(VM, "jumpVm"), "advisory", "identity is unknown during preview."),
        finding("no-direct-rdp", "", "mandatory", "the stack tag securityLevel is not a level."),
    ],
};

describe("SARIF", () => {
    it("validates against the SARIF 2.1.0 schema, one rule per policy and one result per violation", () => {
        const log = toSarif(report, { baseDir: ROOT, toolVersion: "0.1.0" });
        expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
        const run = log.runs[0];
        expect(run.tool.driver.rules!.map((r) => [r.id, r.name, r.helpUri, (r.properties as any)["security-severity"]])).toEqual([
            ["PAG-001", "no-direct-rdp", report.policies[0].url, "9.5"],
            ["PAG-006", "vm-entra-login", report.policies[1].url, "8.0"],
        ]);
        expect(run.results!.map((r) => [r.ruleId, r.level, r.locations![0].physicalLocation!.artifactLocation!.uri, r.locations![0].physicalLocation!.region!.startLine, r.locations![0].logicalLocations![0].name])).toEqual([
            ["PAG-001", "error", "infra/index.ts", 12, "jumpNsg"],
            ["PAG-006", "warning", "infra/index.ts", 40, "jumpVm"],
            ["PAG-001", "error", "infra", 1, "(stack)"],
        ]);
    });

    it("is valid for a real check of an example stack, with each registration's file and line", async () => {
        const r = await cli(["check", "stacks/jump-host-public-rdp", "--format", "sarif"]);
        expect(r.stderr).toBe("");
        const log = JSON.parse(r.stdout);
        expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
        for (const result of log.runs[0].results) {
            const loc = result.locations[0].physicalLocation;
            expect(loc.artifactLocation.uri).toBe("stacks/jump-host-public-rdp/index.ts");
            expect(loc.region.startLine).toBeGreaterThan(1);
        }
    });
});

describe("JUnit", () => {
    it("parses as XML with one test case per policy and resource, failures for mandatory violations", () => {
        const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(toJunit(report));
        const suites = xml.testsuites.testsuite;
        expect(xml.testsuites.tests).toBe("5");
        expect(xml.testsuites.failures).toBe("2");
        expect(suites.map((s: any) => [s.name, s.tests, s.failures])).toEqual([
            ["no-direct-rdp", "3", "2"],
            ["vm-entra-login", "2", "0"],
        ]);
        const failing = suites[0].testcase.filter((c: any) => c.failure).map((c: any) => c.name);
        expect(failing).toEqual([`${NSG}::jumpNsg`, "(stack)"]);
    });
});

describe("Markdown", () => {
    it("renders the PR summary", async () => {
        await expect(toMarkdown(report)).toMatchFileSnapshot("__snapshots__/summary.md");
    });
});
