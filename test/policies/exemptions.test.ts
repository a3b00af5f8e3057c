// Exemptions through the engine protocol: an exempted finding is advisory and says so, an expired
// exemption blocks again and says so, an exemption beyond maxExemptionDays applies to nothing, and
// neither level problems, malformed input nor anything the program itself writes is ever exempted.
// Days are relative to today: the pack reads the real date, which no switch can move.
import { describe, expect, it } from "vitest";
import { addDays, today } from "../../policy-pack/src/engine/days";
import { run, verdicts } from "../harness/pack";
import { resource } from "../harness/stack";
import { rule as allowRdp } from "../fuzz/support/constants";

const NSG = "azure-native:network:NetworkSecurityGroup";

function nsg(name: string, rule: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
    return resource(NSG, name, {
        resourceGroupName: "rg-net",
        securityRules: [allowRdp(rule)],
        ...extra,
    });
}

function exemption(days: number, resources = ["invalidNsg"]) {
    return { resources, expires: addDays(today(), days), category: "waiver", reason: "migration to Bastion", reference: "SEC-42" };
}

function rdpConfig(...exemptions: unknown[]) {
    return { "no-direct-rdp": { exemptions } };
}

describe("exemptions through the engine protocol", () => {
    it("report an exempted finding as advisory, prefixed with the exemption", async () => {
        const e = exemption(30);
        const evaluation = await run([nsg("invalidNsg"), nsg("invalidOtherNsg")], { policyConfig: rdpConfig(e) });
        expect(verdicts(evaluation, "no-direct-rdp")).toEqual(["no-direct-rdp invalidNsg advisory", "no-direct-rdp invalidOtherNsg mandatory"]);
        const exempted = evaluation.findings.find((f) => f.urn.endsWith("::invalidNsg"))!;
        expect(exempted.message).toMatch(new RegExp(`^exempted until ${e.expires} \\(waiver: migration to Bastion, SEC-42\\): Inbound security rule allow-rdp`));
        expect(exempted.exemption).toEqual({ index: 0, status: "active", expires: e.expires, category: "waiver", reason: "migration to Bastion", reference: "SEC-42" });
        expect(evaluation.findings.find((f) => f.urn.endsWith("::invalidOtherNsg"))!.exemption).toBeUndefined();
    });

    it("apply through the day they expire, and block again the day after", async () => {
        // One pack process serves the file: its runs go one after another.
        const lastDay = await run([nsg("invalidNsg")], { policyConfig: rdpConfig(exemption(0)) });
        const expired = await run([nsg("invalidNsg")], { policyConfig: rdpConfig(exemption(-1)) });
        expect(verdicts(lastDay, "no-direct-rdp")).toEqual(["no-direct-rdp invalidNsg advisory"]);
        expect(verdicts(expired, "no-direct-rdp")).toEqual(["no-direct-rdp invalidNsg mandatory"]);
        expect(expired.findings[0].message).toMatch(new RegExp(`^exemption expired on ${addDays(today(), -1)} \\(waiver: migration to Bastion, SEC-42\\), so this blocks again: `));
        expect(expired.findings[0].exemption?.status).toBe("expired");
    });

    it("match URN patterns, scoped to a stack", async () => {
        const prod = await run([nsg("invalidNsg")], { stack: "prod", policyConfig: rdpConfig(exemption(10, ["urn:pulumi:prod::*"])) });
        const dev = await run([nsg("invalidNsg")], { stack: "dev", policyConfig: rdpConfig(exemption(10, ["urn:pulumi:prod::*"])) });
        expect(verdicts(prod, "no-direct-rdp")).toEqual(["no-direct-rdp invalidNsg advisory"]);
        expect(verdicts(dev, "no-direct-rdp")).toEqual(["no-direct-rdp invalidNsg mandatory"]);
    });

    it("apply only to the policy whose config holds them", async () => {
        const both = nsg("invalidNsg", { destinationPortRange: undefined, destinationPortRanges: ["22", "3389"] });
        const evaluation = await run([both], { policyConfig: rdpConfig(exemption(10)) });
        expect(verdicts(evaluation).filter((v) => !v.startsWith("vm-"))).toEqual(["no-direct-management-ports invalidNsg mandatory", "no-direct-rdp invalidNsg advisory"]);
    });

    it("never exempt an exemption that expires beyond maxExemptionDays: the finding blocks and says why", async () => {
        const beyond = await run([nsg("invalidNsg")], { policyConfig: rdpConfig(exemption(91)) });
        const allowed = await run([nsg("invalidNsg")], { policyConfig: { "no-direct-rdp": { exemptions: [exemption(91)], maxExemptionDays: 120 } } });
        expect(verdicts(beyond, "no-direct-rdp")).toEqual(["no-direct-rdp invalidNsg mandatory"]);
        expect(beyond.findings[0].message).toMatch(/^exemptions\[0\] does not apply \(it expires more than maxExemptionDays \(90\) days after today\): /);
        expect(verdicts(allowed, "no-direct-rdp")).toEqual(["no-direct-rdp invalidNsg advisory"]);
    });

    it("never apply to a security level that cannot be read, nor to input that cannot be interpreted", async () => {
        const evaluation = await run([nsg("invalidNsg", { destinationPortRange: "33a89" }, { tags: { securityLevel: "privilegd" } })], {
            policyConfig: rdpConfig(exemption(10)),
        });
        expect(verdicts(evaluation, "no-direct-rdp")).toEqual(["no-direct-rdp invalidNsg mandatory", "no-direct-rdp invalidNsg mandatory"]);
        expect(evaluation.findings.filter((f) => f.policyName === "no-direct-rdp").every((f) => f.exemption === undefined && !f.message.startsWith("exempt"))).toBe(true);
    });

    it("never come from the program: tags on the resource exempt nothing", async () => {
        const tags = { exemptions: "no-direct-rdp", "pa-guard:exempt": "no-direct-rdp", "checkov:skip": "CKV_AZURE_9", exempt: "true", securityLevel: "enterprise" };
        const evaluation = await run([nsg("invalidNsg", {}, { tags })]);
        expect(verdicts(evaluation, "no-direct-rdp")).toEqual(["no-direct-rdp invalidNsg mandatory"]);
    });
});
