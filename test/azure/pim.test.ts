import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readActivationRules, readClassicActivationRules } from "../../policy-pack/src/adapters/activation-policies";
import { readClassicSchedule, readScheduleInfo } from "../../policy-pack/src/adapters/pim-schedules";
import { activationProblems, ExpiryLimit, expiryProblems } from "../../policy-pack/src/azure/pim";
import { safe } from "../../policy-pack/src/engine/messages";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const NOW = Date.UTC(2030, 0, 1);

const summary = (problems: { message: string; unknown: boolean }[]) => problems.map((p) => `${p.unknown ? "unknown" : "violation"}: ${p.message}`);

const eligibilityLimit = (days: number): ExpiryLimit => ({
    maxSeconds: days * 86_400,
    text: safe.literal(`the ${days}-day limit (maxEligibilityDays)`),
    grant: safe.literal("eligibility"),
});
const ACTIVE_LIMIT: ExpiryLimit = { maxSeconds: 8 * 3600, text: safe.literal("8 hours"), grant: safe.literal("active assignment") };

// The azure-native reader and the evaluator together, as the policy runs them.
const eligibilityExpirationProblems = (scheduleInfo: unknown, maxDays: number, now: number) =>
    expiryProblems(readScheduleInfo(scheduleInfo), eligibilityLimit(maxDays), now);
const activationRuleProblems = (rules: unknown) => activationProblems(readActivationRules(rules));

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
            "unknown: rules[0] cannot be known during preview, so approval, MFA and the activation limit cannot be checked",
        ]);
        expect(check([approval(true), "rule", enablement(["MultiFactorAuthentication"]), expiration("PT8H")])).toEqual(["violation: rules[1] is not an object"]);
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

describe("readClassicSchedule: azurerm's expiration of an eligible or active assignment", () => {
    const check = (schedule: unknown, limit = eligibilityLimit(365)) => summary(expiryProblems(readClassicSchedule(schedule), limit, NOW));

    it("reads days as P{n}D, hours as PT{n}H and an end date from the start", () => {
        expect(readClassicSchedule({ expiration: { durationDays: 90 } })).toEqual({ kind: "duration", path: "schedule.expiration.durationDays", seconds: 90 * 86_400 });
        expect(readClassicSchedule({ expiration: { durationHours: 8 } })).toEqual({ kind: "duration", path: "schedule.expiration.durationHours", seconds: 8 * 3600 });
        expect(check({ startDateTime: "2030-06-01T00:00:00Z", expiration: { endDateTime: "2030-09-01T00:00:00Z" } })).toEqual([]);
        // After Check: the unset fields arrive as 0 and "".
        expect(readClassicSchedule({ startDateTime: "", expiration: { durationDays: 0, durationHours: 8, endDateTime: "" } })).toEqual({
            kind: "duration",
            path: "schedule.expiration.durationHours",
            seconds: 8 * 3600,
        });
        expect(check({ expiration: { durationDays: "90" } })).toEqual([]);
    });

    it("reads a missing schedule or expiration, or one that sets nothing, as the provider's NoExpiration", () => {
        const never = "violation: schedule.expiration is not set, and the provider's default is NoExpiration, so the eligibility never expires";
        expect(check(undefined)).toEqual([never]);
        expect(check({ startDateTime: "2030-01-01T00:00:00Z" })).toEqual([never]);
        expect(check({ expiration: { durationDays: 0, durationHours: 0, endDateTime: "" } })).toEqual([
            "violation: schedule.expiration sets none of durationDays, durationHours or endDateTime, and the provider's default is NoExpiration, so the eligibility never expires",
        ]);
    });

    it("holds the grant to its limit", () => {
        expect(check({ expiration: { durationDays: 400 } })).toEqual([
            "violation: schedule.expiration.durationDays is 400 days, more than the 365-day limit (maxEligibilityDays)",
        ]);
        expect(check({ expiration: { durationHours: 9 } }, ACTIVE_LIMIT)).toEqual(["violation: schedule.expiration.durationHours is 9 hours, more than 8 hours"]);
        expect(check({ expiration: { durationHours: 8 } }, ACTIVE_LIMIT)).toEqual([]);
        expect(check({ startDateTime: "2030-01-01T00:00:00Z", expiration: { endDateTime: "2030-01-01T08:30:00Z" } }, ACTIVE_LIMIT)).toEqual([
            "violation: schedule.expiration.endDateTime is 9 hours after the start, more than 8 hours",
        ]);
        // Without a start, the window opens when the request is made.
        expect(check({ expiration: { endDateTime: "2030-01-01T06:00:00Z" } }, ACTIVE_LIMIT)).toEqual([]);
    });

    it("reports malformed values and unknowns, naming the classic path", () => {
        expect(check({ expiration: { durationDays: -3 } })).toEqual(["violation: schedule.expiration.durationDays is not a whole number greater than 0"]);
        expect(check({ expiration: { durationHours: 1.5 } })).toEqual(["violation: schedule.expiration.durationHours is not a whole number greater than 0"]);
        expect(check({ expiration: { endDateTime: "tomorrow" } })).toEqual(["violation: schedule.expiration.endDateTime is not an ISO 8601 date-time"]);
        expect(check({ startDateTime: "soon", expiration: { endDateTime: "2030-02-01T00:00:00Z" } })).toEqual([
            "violation: schedule.startDateTime is not an ISO 8601 date-time",
        ]);
        expect(check([])).toEqual(["violation: schedule is not an object"]);
        expect(check({ expiration: { durationDays: UNKNOWN } })).toEqual([
            "unknown: schedule.expiration.durationDays cannot be known during preview, so the eligibility's expiration cannot be checked",
        ]);
        expect(check(UNKNOWN)[0]).toMatch(/^unknown: schedule cannot/);
    });
});

describe("readClassicActivationRules: azurerm's update-only activation rules", () => {
    const check = (activationRules: unknown) => summary(activationProblems(readClassicActivationRules(activationRules)));
    const stage = { primaryApprovers: [{ objectId: "9c4e5f6a-7b8c-4d9e-8f01-3e4d5f6a7b82", type: "Group" }] };

    it("accepts approval, MFA and at most PT8H", () => {
        expect(check({ requireApproval: true, approvalStage: stage, requireMultifactorAuthentication: true, maximumDuration: "PT8H" })).toEqual([]);
        expect(check({ requireApproval: true, approvalStage: stage, requireMultifactorAuthentication: true, maximumDuration: "PT30M", requiredConditionalAccessAuthenticationContext: "" })).toEqual([]);
    });

    it("reads a field left unset as the tenant's current value, unknown to the stack", () => {
        expect(check(undefined)).toEqual([
            "unknown: activationRules.requireApproval is not set: the provider changes only what the policy sets, so the tenant's current setting applies, which the stack does not show",
            "unknown: activationRules.requireMultifactorAuthentication is not set: the provider changes only what the policy sets, so the tenant's current setting applies, which the stack does not show",
            "unknown: activationRules.maximumDuration is not set: the provider changes only what the policy sets, so the tenant's current setting applies, which the stack does not show",
        ]);
        expect(check({ requireApproval: true, approvalStage: stage, requireMultifactorAuthentication: true, maximumDuration: "" })).toEqual([
            "unknown: activationRules.maximumDuration is not set: the provider changes only what the policy sets, so the tenant's current setting applies, which the stack does not show",
        ]);
    });

    it("reads an unset flag as off where a sibling field makes azurerm rewrite its rule", () => {
        expect(check({ approvalStage: stage, requireMultifactorAuthentication: true, maximumDuration: "PT8H" })).toEqual([
            "violation: activationRules.requireApproval is not true, so activation needs no approval",
        ]);
        expect(check({ requireApproval: true, approvalStage: stage, requireJustification: true, maximumDuration: "PT8H" })).toEqual([
            "violation: activationRules.requireMultifactorAuthentication is not true, so activation needs no MFA",
        ]);
        // A false sibling changes nothing on create: the rule keeps the tenant's value.
        expect(check({ requireApproval: true, approvalStage: stage, requireJustification: false, maximumDuration: "PT8H" })[0]).toMatch(/^unknown: activationRules.requireMultifactorAuthentication is not set/);
    });

    it("does not take a Conditional Access authentication context for MFA", () => {
        expect(check({ requireApproval: true, approvalStage: stage, requiredConditionalAccessAuthenticationContext: "c1", maximumDuration: "PT8H" })).toEqual([
            "violation: activationRules.requiredConditionalAccessAuthenticationContext requires a Conditional Access authentication context instead of activationRules.requireMultifactorAuthentication; a context may demand something other than MFA, so activation is not proven to need MFA",
        ]);
    });

    it("blocks weak settings and reports unknowns", () => {
        expect(check({ requireApproval: false, requireMultifactorAuthentication: false, maximumDuration: "PT9H" })).toEqual([
            "violation: activationRules.requireApproval is not true, so activation needs no approval",
            "violation: activationRules.requireMultifactorAuthentication is not true, so activation needs no MFA",
            "violation: activationRules.maximumDuration is 9 hours, more than 8 hours",
        ]);
        expect(check({ requireApproval: UNKNOWN, requireMultifactorAuthentication: true, maximumDuration: UNKNOWN })).toEqual([
            "unknown: activationRules.requireApproval cannot be known during preview",
            "unknown: activationRules.maximumDuration cannot be known during preview",
        ]);
        expect(check(UNKNOWN)).toEqual(["unknown: activationRules cannot be known during preview, so approval, MFA and the activation limit cannot be checked"]);
        expect(check("strict")).toEqual(["violation: activationRules is not an object"]);
    });

    it("never throws on arbitrary input", () => {
        fc.assert(
            fc.property(fc.anything(), (value) => {
                expect(Array.isArray(activationProblems(readClassicActivationRules(value)))).toBe(true);
                expect(Array.isArray(activationProblems(readClassicActivationRules({ requireApproval: value, maximumDuration: value })))).toBe(true);
                expect(Array.isArray(expiryProblems(readClassicSchedule(value), ACTIVE_LIMIT, NOW))).toBe(true);
                expect(Array.isArray(expiryProblems(readClassicSchedule({ expiration: value }), ACTIVE_LIMIT, NOW))).toBe(true);
            }),
        );
    });
});
