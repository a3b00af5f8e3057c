// The exemption rules on their own, on pinned days: which exemption decides a finding, how its
// message reads, when it expires, and which exemptions cannot apply.
import { describe, expect, it } from "vitest";
import { addDays, calendarDay, daysBetween } from "../../policy-pack/src/engine/days";
import { Exemption, exemptedMessage, exemptionConfigProblems, exemptionFor, namesResource } from "../../policy-pack/src/engine/exemptions";

const URN = "urn:pulumi:prod::edge::azure-native:network:NetworkSecurityGroup::invalidNsg";
const TODAY = "2027-01-15";

function exemption(overrides: Partial<Exemption> = {}): Exemption {
    return { resources: ["invalidNsg"], expires: "2027-01-31", category: "waiver", reason: "migration to Bastion", reference: "SEC-42", ...overrides };
}

describe("calendar days", () => {
    it("reads real days only and counts whole days between them", () => {
        expect(calendarDay("2027-02-28")).toBe(Date.UTC(2027, 1, 28));
        expect([calendarDay("2027-02-29"), calendarDay("2027-13-01"), calendarDay("27-01-01"), calendarDay(20270101)]).toEqual([undefined, undefined, undefined, undefined]);
        expect(daysBetween("2027-01-15", "2027-04-15")).toBe(90);
        expect(daysBetween("2027-01-15", "2027-01-14")).toBe(-1);
        expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    });
});

describe("which resources an exemption names", () => {
    it.each([
        ["invalidNsg", true],
        ["invalidnsg", false],
        ["invalid*", true],
        ["*Nsg", true],
        ["urn:pulumi:prod::edge::*", true],
        ["urn:pulumi:dev::edge::*", false],
        ["urn:pulumi:prod::*::invalidNsg", true],
        [URN, true],
        ["edge", false],
    ])("%s → %s", (pattern, expected) => {
        expect(namesResource(pattern, URN)).toBe(expected);
    });

    it("reads regular-expression characters in a pattern as themselves", () => {
        expect(namesResource("a.b", "urn:pulumi:s::p::t::axb")).toBe(false);
        expect(namesResource("a(b)*", "urn:pulumi:s::p::t::a(b)c")).toBe(true);
    });
});

describe("the exemption that decides a finding", () => {
    it("is active through its expiry day and expired the day after", () => {
        expect(exemptionFor({ exemptions: [exemption()] }, URN, "2027-01-31")?.status).toBe("active");
        expect(exemptionFor({ exemptions: [exemption()] }, URN, "2027-02-01")?.status).toBe("expired");
    });

    it("cannot apply when it expires more than maxExemptionDays ahead or on no calendar day", () => {
        const far = exemption({ expires: addDays(TODAY, 91) });
        expect(exemptionFor({ exemptions: [far] }, URN, TODAY)).toMatchObject({ status: "invalid", index: 0 });
        expect(exemptionFor({ exemptions: [far], maxExemptionDays: 120 }, URN, TODAY)?.status).toBe("active");
        expect(exemptionFor({ exemptions: [exemption({ expires: addDays(TODAY, 90) })] }, URN, TODAY)?.status).toBe("active");
        expect(exemptionFor({ exemptions: [exemption({ expires: "2027-02-30" })] }, URN, TODAY)?.status).toBe("invalid");
    });

    it("prefers an active exemption, the latest to expire, over expired and inapplicable ones", () => {
        const exemptions = [exemption({ expires: "2027-01-01" }), exemption({ expires: "2027-09-01" }), exemption({ expires: "2027-01-20" }), exemption({ expires: "2027-02-10" })];
        expect(exemptionFor({ exemptions }, URN, TODAY)).toMatchObject({ status: "active", index: 3 });
        expect(exemptionFor({ exemptions: exemptions.slice(0, 2) }, URN, TODAY)).toMatchObject({ status: "expired", index: 0 });
    });

    it("is none when no exemption names the resource", () => {
        expect(exemptionFor({ exemptions: [exemption({ resources: ["other"] })] }, URN, TODAY)).toBeUndefined();
        expect(exemptionFor({}, URN, TODAY)).toBeUndefined();
    });
});

describe("messages", () => {
    const message = "Inbound security rule allow-rdp lets the internet reach port 3389.";

    it("prefix the finding with the exemption, on one line", () => {
        const e = exemption({ reason: "migration\nto  Bastion", reference: undefined });
        expect(exemptedMessage({ status: "active", index: 0, exemption: e }, message)).toBe(`exempted until 2027-01-31 (waiver: migration to Bastion): ${message}`);
        expect(exemptedMessage({ status: "expired", index: 0, exemption: exemption() }, message)).toBe(
            `exemption expired on 2027-01-31 (waiver: migration to Bastion, SEC-42), so this blocks again: ${message}`,
        );
        expect(exemptedMessage({ status: "invalid", index: 2, exemption: exemption(), problem: "it expires more than maxExemptionDays (90) days after today" }, message)).toBe(
            `exemptions[2] does not apply (it expires more than maxExemptionDays (90) days after today): ${message}`,
        );
    });
});

describe("config problems", () => {
    it("name the key of each exemption that cannot apply", () => {
        const exemptions = [exemption(), exemption({ expires: "2027-06-01" }), exemption({ expires: "2027-02-29" })];
        expect(exemptionConfigProblems({ exemptions }, TODAY)).toEqual([
            { key: "exemptions[1].expires", problem: "it expires more than maxExemptionDays (90) days after today" },
            { key: "exemptions[2].expires", problem: "its expires is not a calendar date (YYYY-MM-DD)" },
        ]);
        expect(exemptionConfigProblems({ exemptions, maxExemptionDays: 200 }, TODAY).map((p) => p.key)).toEqual(["exemptions[2].expires"]);
    });
});
