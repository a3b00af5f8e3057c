// PIM for Groups (DESIGN §3b, PAG-011): how long a membership schedule lasts, and what a group's
// member activation policy demands.
import { describe, expect, it } from "vitest";
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from "../../policy-pack/src/azure/durations";
import { activationPolicyProblems, scheduleLengthProblems } from "../../policy-pack/src/azure/pim-groups";
import { safe } from "../../policy-pack/src/engine/messages";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const UNKNOWN_BOOL = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";
const UNKNOWN_OBJECT = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";
const NOW = Date.UTC(2030, 0, 1);

const summary = (problems: { message: string; unknown: boolean }[]) => problems.map((p) => `${p.unknown ? "unknown" : "violation"}: ${p.message}`);

describe("scheduleLengthProblems: assignment schedules (at most 8 hours)", () => {
    const LIMIT = "8 hours: that is standing access";
    const check = (props: Record<string, unknown>) => summary(scheduleLengthProblems(props, 8 * SECONDS_PER_HOUR, safe.literal(LIMIT), NOW));

    it("accepts a schedule that ends within the limit", () => {
        expect(check({ duration: "PT8H" })).toEqual([]);
        expect(check({ permanentAssignment: false, duration: "PT1H" })).toEqual([]);
        expect(check({ duration: "PT480M" })).toEqual([]);
        expect(check({ expirationDate: "2030-01-01T08:00:00Z" })).toEqual([]);
        expect(check({ startDate: "2030-06-01T00:00:00Z", expirationDate: "2030-06-01T08:00:00Z" })).toEqual([]);
    });

    it("blocks a permanent schedule and one with no end", () => {
        expect(check({ permanentAssignment: true })).toEqual(["violation: permanentAssignment is true, so the membership never ends"]);
        expect(check({ permanentAssignment: true, duration: "PT1H" })).toEqual(["violation: permanentAssignment is true, so the membership never ends"]);
        expect(check({})).toEqual(["violation: neither duration nor expirationDate is set, so the membership never ends"]);
        expect(check({ permanentAssignment: false, startDate: "2030-01-01T00:00:00Z" })).toEqual([
            "violation: neither duration nor expirationDate is set, so the membership never ends",
        ]);
    });

    it("blocks a duration over the limit", () => {
        expect(check({ duration: "PT9H" })).toEqual([`violation: duration is 9 hours, over ${LIMIT}`]);
        expect(check({ duration: "P1D" })).toEqual([`violation: duration is 24 hours, over ${LIMIT}`]);
    });

    it("measures an expirationDate from startDate, or from now when no start is given", () => {
        expect(check({ expirationDate: "2030-01-01T09:00:00Z" })).toEqual([`violation: the schedule lasts 9 hours, over ${LIMIT}`]);
        expect(check({ startDate: "2030-06-01T00:00:00Z", expirationDate: "2030-06-01T09:00:00Z" })).toEqual([
            `violation: the schedule lasts 9 hours, over ${LIMIT}`,
        ]);
        // Measured from its start, not from now: a schedule far in the future may still be short.
        expect(check({ startDate: "2031-01-01T00:00:00Z", expirationDate: "2031-01-01T04:00:00Z" })).toEqual([]);
        // A start long before the check still makes the whole window count.
        expect(check({ startDate: "2029-12-31T00:00:00Z", expirationDate: "2030-01-01T08:00:00Z" })).toEqual([
            `violation: the schedule lasts 32 hours, over ${LIMIT}`,
        ]);
    });

    it("reports malformed values and leaves unknowns undecided", () => {
        expect(check({ duration: "eight hours" })).toEqual(["violation: duration is not an ISO 8601 duration"]);
        expect(check({ expirationDate: "tomorrow" })).toEqual(["violation: expirationDate or startDate is not an ISO 8601 date-time"]);
        expect(check({ startDate: "soon", expirationDate: "2030-01-01T08:00:00Z" })).toEqual([
            "violation: expirationDate or startDate is not an ISO 8601 date-time",
        ]);
        expect(check({ permanentAssignment: UNKNOWN_BOOL })).toEqual(["unknown: permanentAssignment cannot be known during preview"]);
        for (const props of [{ duration: UNKNOWN }, { expirationDate: UNKNOWN }, { startDate: UNKNOWN, expirationDate: "2030-01-01T08:00:00Z" }]) {
            expect(check(props)).toEqual(["unknown: the schedule's duration or dates cannot be known during preview"]);
        }
    });
});

describe("scheduleLengthProblems: eligibility schedules (at most maxEligibilityDays)", () => {
    const LIMIT = "the 365-day limit (maxEligibilityDays)";
    const check = (props: Record<string, unknown>) => summary(scheduleLengthProblems(props, 365 * SECONDS_PER_DAY, safe.literal(LIMIT), NOW));

    it("accepts eligibilities within the limit and blocks longer or endless ones", () => {
        expect(check({ duration: "P365D" })).toEqual([]);
        expect(check({ expirationDate: "2030-12-31T00:00:00Z" })).toEqual([]);
        expect(check({ duration: "P400D" })).toEqual([`violation: duration is 400 days, over ${LIMIT}`]);
        expect(check({ startDate: "2030-01-01T00:00:00Z", expirationDate: "2031-06-01T00:00:00Z" })).toEqual([
            `violation: the schedule lasts 516 days, over ${LIMIT}`,
        ]);
        expect(check({ expirationDate: "2031-06-01T00:00:00Z" })).toEqual([`violation: the schedule lasts 516 days, over ${LIMIT}`]);
        expect(check({ permanentAssignment: true })).toEqual(["violation: permanentAssignment is true, so the membership never ends"]);
        expect(check({})).toEqual(["violation: neither duration nor expirationDate is set, so the membership never ends"]);
    });
});

describe("activationPolicyProblems", () => {
    const check = (activationRules: unknown) => summary(activationPolicyProblems(activationRules === undefined ? {} : { activationRules }));
    const compliant = { requireApproval: true, requireMultifactorAuthentication: true, maximumDuration: "PT8H" };

    it("accepts approval, MFA and at most 8 hours", () => {
        expect(check(compliant)).toEqual([]);
        expect(check({ ...compliant, maximumDuration: "PT30M", requireJustification: true })).toEqual([]);
    });

    it("leaves a rule the policy does not set to the tenant: unknown", () => {
        expect(check(undefined)).toEqual([
            "unknown: activationRules.requireApproval is not set, so activation keeps the tenant's setting, which this stack cannot show to require approval",
            "unknown: activationRules.requireMultifactorAuthentication is not set, so activation keeps the tenant's setting, which this stack cannot show to require multifactor authentication (a Conditional Access authentication context does not count)",
            "unknown: activationRules.maximumDuration is not set, so activation keeps the tenant's limit, which this stack cannot show to be at most 8 hours",
        ]);
        expect(check({ requireApproval: true, requireMultifactorAuthentication: true })).toEqual([
            "unknown: activationRules.maximumDuration is not set, so activation keeps the tenant's limit, which this stack cannot show to be at most 8 hours",
        ]);
        expect(check({ requireApproval: true, maximumDuration: "PT8H", requiredConditionalAccessAuthenticationContext: "c1" })).toEqual([
            "unknown: activationRules.requireMultifactorAuthentication is not set, so activation keeps the tenant's setting, which this stack cannot show to require multifactor authentication (a Conditional Access authentication context does not count)",
        ]);
    });

    it("blocks a rule set to false and an activation over 8 hours", () => {
        expect(check({ ...compliant, requireApproval: false })).toEqual(["violation: activationRules.requireApproval is not true, so activation does not require approval"]);
        expect(check({ ...compliant, requireMultifactorAuthentication: false, requiredConditionalAccessAuthenticationContext: "c1" })).toEqual([
            "violation: activationRules.requireMultifactorAuthentication is not true, so activation does not require multifactor authentication (a Conditional Access authentication context does not count)",
        ]);
        expect(check({ ...compliant, maximumDuration: "PT10H" })).toEqual(["violation: activationRules.maximumDuration is 10 hours, over 8 hours"]);
        expect(check({ ...compliant, maximumDuration: "PT8H1M" })).toEqual(["violation: activationRules.maximumDuration is 481 minutes, over 8 hours"]);
        expect(check({ requireApproval: false, requireMultifactorAuthentication: false, maximumDuration: "P1D" })).toEqual([
            "violation: activationRules.requireApproval is not true, so activation does not require approval",
            "violation: activationRules.requireMultifactorAuthentication is not true, so activation does not require multifactor authentication (a Conditional Access authentication context does not count)",
            "violation: activationRules.maximumDuration is 24 hours, over 8 hours",
        ]);
    });

    it("reports malformed values and leaves unknowns undecided", () => {
        expect(check({ ...compliant, maximumDuration: "8 hours" })).toEqual(["violation: activationRules.maximumDuration is not an ISO 8601 duration"]);
        expect(check("strict")).toEqual(["violation: activationRules is not an object"]);
        expect(check(UNKNOWN_OBJECT)).toEqual(["unknown: activationRules cannot be known during preview"]);
        expect(check({ ...compliant, requireApproval: UNKNOWN_BOOL })).toEqual(["unknown: activationRules.requireApproval cannot be known during preview"]);
        expect(check({ ...compliant, maximumDuration: UNKNOWN })).toEqual(["unknown: activationRules.maximumDuration cannot be known during preview"]);
    });
});
