import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activationRuleProblems, eligibilityExpirationProblems } from "../../policy-pack/src/azure/pim";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const NOW = Date.UTC(2030, 0, 1);

const summary = (problems: { message: string; unknown: boolean }[]) => problems.map((p) => `${p.unknown ? "unknown" : "violation"}: ${p.message}`);

describe("eligibilityExpirationProblems", () => {
    const check = (scheduleInfo: unknown, maxDays = 365) => summary(eligibilityExpirationProblems(scheduleInfo, maxDays, NOW));

    it("accepts expirations within the limit", () => {
        expect(check({ expiration: { type: "AfterDuration", duration: "P90D" } })).toEqual([]);
        expect(check({ expiration: { type: "AfterDuration", duration: "P365D" } })).toEqual([]);
        expect(check({ expiration: { type: "afterDuration", duration: "P1Y" } })).toEqual([]);
        expect(check({ expiration: { duration: "PT8H" } })).toEqual([]);
        expect(check({ expiration: { type: "AfterDateTime", endDateTime: "2030-12-31T00:00:00Z" } })).toEqual([]);
        expect(
            check({ startDateTime: "2031-01-01T00:00:00Z", expiration: { type: "AfterDateTime", endDateTime: "2031-03-01T00:00:00Z" } }, 60),
        ).toEqual([]);
    });

    it("blocks eligibilities that never expire or last too long", () => {
        expect(check({ expiration: { type: "NoExpiration" } })).toEqual([
            "violation: scheduleInfo.expiration.type is NoExpiration, so the eligibility never expires",
        ]);
        expect(check({ expiration: { type: "AfterDuration", duration: "P400D" } })).toEqual([
            "violation: scheduleInfo.expiration.duration is 400 days, more than the 365-day limit (maxEligibilityDays)",
        ]);
        expect(check({ expiration: { type: "AfterDuration", duration: "P365DT1H" } })).toEqual([
            "violation: scheduleInfo.expiration.duration is more than 365 days, more than the 365-day limit (maxEligibilityDays)",
        ]);
        expect(check({ expiration: { type: "AfterDateTime", endDateTime: "2031-06-01" } })).toEqual([
            "violation: scheduleInfo.expiration.endDateTime is 516 days after the start, more than the 365-day limit (maxEligibilityDays)",
        ]);
        expect(check(undefined)).toHaveLength(1);
        expect(check({})).toHaveLength(1);
        expect(check({ expiration: {} })).toHaveLength(1);
        expect(check({ expiration: { type: "AfterDuration", duration: "P31D" } }, 30)).toHaveLength(1);
    });

    it("reports malformed values and unknowns", () => {
        expect(check({ expiration: { type: "Forever" } })).toEqual([
            "violation: scheduleInfo.expiration.type is not one of AfterDuration, AfterDateTime or NoExpiration",
        ]);
        expect(check({ expiration: { type: "AfterDuration", duration: "ninety days" } })[0]).toMatch(/not an ISO 8601 duration/);
        expect(check({ expiration: { type: "AfterDateTime", endDateTime: "2029-12-31T00:00:00Z" } })[0]).toMatch(/not after the start/);
        expect(check({ startDateTime: "soon", expiration: { type: "AfterDateTime", endDateTime: "2030-02-01" } })[0]).toMatch(
            /startDateTime is not an ISO 8601 date-time/,
        );
        expect(check("P90D")).toEqual(["violation: scheduleInfo is not an object"]);
        expect(check(UNKNOWN)[0]).toMatch(/^unknown: /);
        expect(check({ expiration: UNKNOWN })[0]).toMatch(/^unknown: /);
        expect(check({ expiration: { type: UNKNOWN } })[0]).toMatch(/^unknown: /);
        expect(check({ expiration: { type: "AfterDuration", duration: UNKNOWN } })[0]).toMatch(/^unknown: /);
        expect(check({ expiration: { type: "AfterDateTime", endDateTime: UNKNOWN } })[0]).toMatch(/^unknown: /);
    });
});

const rule = (ruleType: string, extra: Record<string, unknown>, caller = "EndUser", level = "Assignment") => ({
    ruleType,
    target: { caller, level, operations: ["All"] },
    ...extra,
});
const approval = (required: unknown) => rule("RoleManagementPolicyApprovalRule", { id: "Approval_EndUser_Assignment", setting: { isApprovalRequired: required } });
const enablement = (enabledRules: unknown, caller = "EndUser", level = "Assignment") =>
    rule("RoleManagementPolicyEnablementRule", { id: `Enablement_${caller}_${level}`, enabledRules }, caller, level);
const expiration = (maximumDuration: unknown, caller = "EndUser", level = "Assignment") =>
    rule("RoleManagementPolicyExpirationRule", { id: `Expiration_${caller}_${level}`, maximumDuration }, caller, level);

describe("activationRuleProblems", () => {
    const check = (rules: unknown) => summary(activationRuleProblems(rules));

    it("accepts approval, MFA and an activation cap of 8 hours or less", () => {
        expect(check([approval(true), enablement(["MultiFactorAuthentication"]), expiration("PT8H")])).toEqual([]);
        expect(check([approval(true), enablement(["Justification", "multifactorauthentication"]), expiration("PT30M")])).toEqual([]);
        // Rules identified by id alone, as Azure's default policy names them.
        expect(
            check([
                { id: "Approval_EndUser_Assignment", ruleType: "RoleManagementPolicyApprovalRule", setting: { isApprovalRequired: true } },
                { id: "Enablement_EndUser_Assignment", ruleType: "RoleManagementPolicyEnablementRule", enabledRules: ["MultiFactorAuthentication"] },
                { id: "Expiration_EndUser_Assignment", ruleType: "RoleManagementPolicyExpirationRule", maximumDuration: "PT4H" },
            ]),
        ).toEqual([]);
    });

    it("does not take a Conditional Access authentication context for MFA", () => {
        expect(
            check([
                approval(true),
                rule("RoleManagementPolicyAuthenticationContextRule", { isEnabled: true, claimValue: "c1" }),
                expiration("PT8H"),
            ]),
        ).toEqual(["violation: no enablement rule (Enablement_EndUser_Assignment) requires MultiFactorAuthentication on activation"]);
    });

    it("says which activation rule is missing or too weak", () => {
        expect(check([])).toEqual([
            "violation: no approval rule (Approval_EndUser_Assignment) requires approval on activation",
            "violation: no enablement rule (Enablement_EndUser_Assignment) requires MultiFactorAuthentication on activation",
            "violation: no expiration rule (Expiration_EndUser_Assignment) caps activation at 8 hours",
        ]);
        expect(check(undefined)).toHaveLength(3);
        expect(check([approval(false), enablement(["MultiFactorAuthentication"]), expiration("PT8H")])).toEqual([
            "violation: rules[0].setting.isApprovalRequired is not true, so activation needs no approval",
        ]);
        expect(check([approval(true), enablement(["Justification"]), expiration("PT8H")])).toEqual([
            "violation: rules[1].enabledRules does not contain MultiFactorAuthentication, so activation needs no MFA",
        ]);
        expect(check([approval(true), enablement(["MultiFactorAuthentication"]), expiration("P1D")])).toEqual([
            "violation: rules[2].maximumDuration is 24 hours, more than 8 hours",
        ]);
        expect(check([approval(true), enablement(["MultiFactorAuthentication"]), expiration(undefined)])).toEqual([
            "violation: rules[2].maximumDuration is not set, so activation is not capped at 8 hours",
        ]);
        // MFA and an 8-hour cap on the admin's eligibility rules do not govern activation.
        expect(
            check([approval(true), enablement(["MultiFactorAuthentication"], "Admin", "Assignment"), expiration("PT8H", "Admin", "Eligibility")]),
        ).toEqual([
            "violation: no enablement rule (Enablement_EndUser_Assignment) requires MultiFactorAuthentication on activation",
            "violation: no expiration rule (Expiration_EndUser_Assignment) caps activation at 8 hours",
        ]);
        // A disabled authentication context is no MFA.
        expect(
            check([approval(true), rule("RoleManagementPolicyAuthenticationContextRule", { isEnabled: false, claimValue: "c1" }), expiration("PT8H")]),
        ).toHaveLength(1);
    });

    it("reports unknowns and malformed rules", () => {
        expect(check(UNKNOWN)).toEqual([
            "unknown: rules cannot be known during preview, so approval, MFA and the activation limit cannot be checked",
        ]);
        expect(check([UNKNOWN, enablement(["MultiFactorAuthentication"]), expiration("PT8H")])).toEqual([
            "unknown: rules[0] cannot be known during preview",
        ]);
        expect(check([approval(UNKNOWN), enablement(UNKNOWN), expiration(UNKNOWN)])).toEqual([
            "unknown: rules[0].setting.isApprovalRequired cannot be known during preview",
            "unknown: rules[1].enabledRules cannot be known during preview",
            "unknown: rules[2].maximumDuration cannot be known during preview",
        ]);
        expect(check("rules")).toEqual(["violation: rules is not a list"]);
        expect(check([approval(true), enablement(["MultiFactorAuthentication"]), expiration("8 hours")])).toEqual([
            "violation: rules[2].maximumDuration is not an ISO 8601 duration (such as PT8H)",
        ]);
    });

    it("never throws on arbitrary input", () => {
        fc.assert(
            fc.property(fc.anything(), fc.anything(), (rules, info) => {
                expect(Array.isArray(activationRuleProblems(rules))).toBe(true);
                expect(Array.isArray(activationRuleProblems([rules]))).toBe(true);
                expect(Array.isArray(eligibilityExpirationProblems(info, 365, NOW))).toBe(true);
                expect(Array.isArray(eligibilityExpirationProblems({ expiration: info }, 365, NOW))).toBe(true);
            }),
        );
    });
});
