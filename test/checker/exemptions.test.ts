// Exemptions through the checker CLI and the testing kit: an exempted finding is advisory in every
// format (SARIF suppression, JUnit skipped, JSON `exemption`, its own Markdown section, after the
// blocking findings in text), an exemption that matched nothing is a warning, and an exemption the
// config cannot hold stops the check with exit code 2 naming its key.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv from "ajv-draft-04";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check as checkStack, CheckReport } from "../../checker/check";
import { render } from "../../checker/cli";
import { checkExemptionDates, reconcilePolicyConfig } from "../../checker/engine/policy-config";
import { addDays, today } from "../../policy-pack/src/engine/days";
import { pack } from "../harness/pack";
import { cli, EMPTY_EXPORT, ROOT } from "./cli";

const STACK = path.join(ROOT, "stacks/jump-host-public-rdp");
const SARIF_SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, "test/fixtures/schemas/sarif-schema-2.1.0.json"), "utf8"));
const validateSarif = new Ajv({ strict: false, allErrors: true }).compile(SARIF_SCHEMA);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pa-guard-exemptions-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const soon = addDays(today(), 20);
const later = addDays(today(), 60);

function configFile(name: string, config: unknown): string {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
}

const EXEMPTIONS = {
    "no-direct-rdp": { exemptions: [{ resources: ["jumpNsg"], expires: later, category: "waiver", reason: "Bastion rollout", reference: "SEC-42" }] },
    "vm-not-directly-reachable": {
        exemptions: [
            { resources: ["urn:pulumi:dev::jump-host-public-rdp::*::jumpVm"], expires: soon, category: "mitigated", reason: "JIT on the firewall" },
            { resources: ["goneVm"], expires: soon, category: "waiver", reason: "decommissioned" },
        ],
    },
};

// One check of the stack, rendered in every format; the CLI end to end once.
let report: CheckReport;
beforeAll(async () => {
    report = await checkStack(STACK, { policyConfig: EXEMPTIONS, client: await pack() });
}, 120_000);
const formatted = async (format: "json" | "sarif" | "junit" | "markdown" | "text") => ({ stdout: render(report, format, false) });
const check = formatted;

describe("exemptions in the checker's reports", () => {
    it("through the CLI: the exempted findings no longer block, the others still do", async () => {
        const { code, stdout } = await cli(["check", STACK, "--policy-pack-config", configFile("exemptions", EXEMPTIONS), "--format", "json"]);
        expect(code).toBe(1);
        expect(JSON.parse(stdout).summary).toMatchObject({ mandatory: 3, advisory: 3, exempted: 3, blocked: true });
    });

    it("JSON: advisory with the exemption on the violation; the stale exemption is a warning", async () => {
        const { stdout } = await check("json");
        const doc = JSON.parse(stdout);
        const rows = doc.violations.map((v: any) => `${v.policy} ${v.resourceName} ${v.enforcementLevel} ${v.exemption?.status ?? "-"}`).sort();
        expect(rows).toEqual([
            "no-direct-management-ports allowWinRmHttps mandatory -",
            "no-direct-rdp jumpNsg advisory active",
            "vm-entra-login jumpVm mandatory -",
            "vm-entra-login jumpVm mandatory -",
            "vm-not-directly-reachable jumpVm advisory active",
            "vm-not-directly-reachable jumpVm advisory active",
        ]);
        expect(doc.summary).toMatchObject({ mandatory: 3, advisory: 3, exempted: 3, blocked: true });
        expect(doc.violations.find((v: any) => v.policy === "no-direct-rdp").exemption).toEqual({
            index: 0,
            status: "active",
            expires: later,
            category: "waiver",
            reason: "Bastion rollout",
            reference: "SEC-42",
        });
        expect(doc.warnings.map((w: any) => w.message)).toEqual([
            `exemption vm-not-directly-reachable.exemptions[1] (goneVm, until ${soon}) matched no finding in this run: remove it, or correct its resources.`,
        ]);
    });

    it("SARIF: accepted external suppressions on the exempted results, an empty list on the others, valid against 2.1.0", async () => {
        const sarif = JSON.parse((await check("sarif")).stdout);
        expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
        const results = sarif.runs[0].results.map((r: any) => [r.properties.policy, r.level, r.suppressions]);
        expect(results.filter(([, , s]: any) => s.length > 0).map(([p, level, s]: any) => [p, level, s[0].kind, s[0].status, s[0].justification])).toEqual([
            ["no-direct-rdp", "warning", "external", "accepted", `waiver: Bastion rollout (SEC-42); until ${later}`],
            ["vm-not-directly-reachable", "warning", "external", "accepted", `mitigated: JIT on the firewall; until ${soon}`],
            ["vm-not-directly-reachable", "warning", "external", "accepted", `mitigated: JIT on the firewall; until ${soon}`],
        ]);
        expect(results.filter(([, , s]: any) => s.length === 0)).toHaveLength(3);
    });

    it("JUnit: the exempted resource's case is skipped with the exemption as its message", async () => {
        const xml = new XMLParser({ ignoreAttributes: false }).parse((await check("junit")).stdout);
        const suites = Object.fromEntries(xml.testsuites.testsuite.map((s: any) => [s["@_name"], [s.testcase].flat()]));
        const rdpNsg = suites["no-direct-rdp"].find((c: any) => c["@_name"].endsWith("::jumpNsg"));
        expect(rdpNsg.skipped["@_message"]).toMatch(new RegExp(`^exempted until ${later} \\(waiver: Bastion rollout, SEC-42\\): `));
        expect(rdpNsg.failure).toBeUndefined();
        const loginVm = suites["vm-entra-login"].find((c: any) => c["@_name"].endsWith("::jumpVm"));
        expect(loginVm.failure).toBeDefined();
        expect(loginVm.skipped).toBeUndefined();
    });

    it("Markdown: exempted findings in their own section, the nearest expiry first", async () => {
        const md = (await check("markdown")).stdout;
        const section = md.slice(md.indexOf("### Exempted"), md.indexOf("### How to fix"));
        const expiries = [...section.matchAll(/^\| (\d{4}-\d{2}-\d{2}) \| `([a-z-]+)`/gm)].map((m) => `${m[1]} ${m[2]}`);
        expect(expiries).toEqual([`${soon} vm-not-directly-reachable`, `${soon} vm-not-directly-reachable`, `${later} no-direct-rdp`]);
        const table = md.slice(0, md.indexOf("### Exempted"));
        expect(table).not.toContain("exempted until");
        expect(md).toContain("**3 mandatory**, 3 advisory (3 exempted).");
    });

    it("text: exempted findings after the blocking ones", async () => {
        const text = (await check("text")).stdout;
        const levels = [...text.matchAll(/^ {8}- \[(mandatory|advisory)\] {2}(\S+)/gm)].map((m) => `${m[1]} ${m[2]}`);
        expect(levels.slice(0, 3).every((l) => l.startsWith("mandatory"))).toBe(true);
        expect(levels.slice(3)).toEqual(["advisory no-direct-rdp", "advisory vm-not-directly-reachable", "advisory vm-not-directly-reachable"]);
        expect(text).toContain("matched no finding in this run");
    });
});

describe("the CI recipe's policy config", () => {
    it("is valid, exemption included, and the README shows it as it is", async () => {
        const file = path.join(ROOT, "examples/ci/policy-config.json");
        const text = fs.readFileSync(file, "utf8");
        const config = JSON.parse(text);
        const info = await (await pack()).getAnalyzerInfo();
        expect(() => checkExemptionDates(reconcilePolicyConfig(info, config))).not.toThrow();
        expect(config["no-direct-rdp"].exemptions).toHaveLength(1);
        expect(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).toContain(text.trim());
    });
});

describe("exemptions never come from the program", () => {
    it("skip comments and tags of the program's own exempt nothing", async () => {
        const result = await checkStack(path.join(ROOT, "test/fixtures/programs/skip-comments"), { client: await pack() });
        expect(result.findings.map((f) => `${f.policyName} ${f.urn.split("::").pop()} ${f.enforcementLevel}`)).toEqual(["no-direct-rdp invalidNsg mandatory"]);
        expect(result.findings[0].exemption).toBeUndefined();
    });
});

describe("exemption config the checker refuses, naming the key", () => {
    const entry = { resources: ["jumpNsg"], expires: later, category: "waiver", reason: "Bastion rollout" };

    it("stops the check with exit code 2 and one line", async () => {
        const config = configFile("beyond", { "no-direct-rdp": { exemptions: [{ ...entry, expires: addDays(today(), 91) }] } });
        const { code, stdout, stderr } = await cli(["check", EMPTY_EXPORT, "--policy-pack-config", config]);
        expect([code, stdout]).toEqual([2, ""]);
        expect(stderr).toBe(
            `pa-guard: policy config "no-direct-rdp.exemptions[0].expires": it expires more than maxExemptionDays (90) days after today\n`,
        );
    });

    it.each([
        ["a date that is no calendar day", { expires: "2027-02-30" }, "exemptions[0].expires", "its expires is not a calendar date (YYYY-MM-DD)"],
        ["a date in another format", { expires: "31/01/2027" }, "exemptions[0].expires", "must be a date written YYYY-MM-DD"],
        ["an empty reason", { reason: "  " }, "exemptions[0].reason", "must not be blank"],
        ["a resource with a space", { resources: ["jump Nsg"] }, "exemptions[0].resources[0]", "must be a resource name or a URN pattern, without spaces"],
        ["an unknown category", { category: "accepted" }, "exemptions[0].category", "must be equal to one of the allowed values"],
        ["no resources", { resources: [] }, "exemptions[0].resources", "must NOT have fewer than 1 items"],
        ["an unknown field", { owner: "me" }, "exemptions[0]", "must NOT have additional properties"],
        ["a maxExemptionDays of 0", { maxExemptionDays: 0 }, "maxExemptionDays", "must be >= 1"],
    ])("%s", async (_what, change, key, problem) => {
        const { maxExemptionDays, ...fields } = change as Record<string, unknown>;
        const config = { "no-direct-rdp": { exemptions: [{ ...entry, ...fields }], ...(maxExemptionDays !== undefined ? { maxExemptionDays } : {}) } };
        const info = await (await pack()).getAnalyzerInfo();
        expect(() => checkExemptionDates(reconcilePolicyConfig(info, config))).toThrow(`policy config "no-direct-rdp.${key}": ${problem}`);
    });
});
