// PIM written on each provider gives the same privileged-jit-access verdicts through one model:
// eligibility expiry (azure-native `scheduleInfo.expiration`, classic `schedule.expiration` whose
// missing block is the provider's NoExpiration) and activation rules (azure-native `rules[]`, classic
// update-only `activationRules`, whose unset fields are the tenant's unknown values). Classic PIM
// active assignments — azure-native has none — are standing access without an end or beyond PT8H.
// Classic inputs come as a program writes them and as the provider's Check leaves them.
import { describe, expect, it } from "vitest";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, SUBSCRIPTION, unknown } from "../harness/stack";

const JIT = "privileged-jit-access";
const RBAC = "admin-rbac-privileged-principals";
type Provider = "azure-native" | "classic" | "classic after Check";
const PROVIDERS: Provider[] = ["azure-native", "classic", "classic after Check"];

const OWNER = `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;
const READER = `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`;
const APPROVER = "9c4e5f6a-7b8c-4d9e-8f01-3e4d5f6a7b82";

/** How long an eligibility lasts. */
type Expiry =
    | { days: number | unknown }
    | { hours: number }
    | { start: string; end: string }
    | { never: "no-expiration" | "left-out" };

const ELIGIBILITIES: [string, Expiry, string?][] = [
    ["validNinetyDays", { days: 90 }],
    ["validEightHours", { hours: 8 }],
    ["validUntilDate", { start: "2030-01-01T00:00:00Z", end: "2030-12-31T00:00:00Z" }],
    ["validReaderForever", { never: "no-expiration" }, READER],
    ["invalidNoExpiration", { never: "no-expiration" }],
    ["invalidExpirationLeftOut", { never: "left-out" }],
    ["invalid400Days", { days: 400 }],
    ["invalidTwoYearsByDate", { start: "2030-01-01T00:00:00Z", end: "2032-01-01T00:00:00Z" }],
    ["invalidUnknownDays", { days: unknown() }],
];

/** What a role management policy demands on activation. */
interface Activation {
    approval?: boolean;
    mfa?: boolean | "justification-only" | "auth-context";
    maximumDuration?: unknown;
}

const ACTIVATIONS: [string, Activation | undefined][] = [
    ["validActivation", { approval: true, mfa: true, maximumDuration: "PT8H" }],
    ["validShortActivation", { approval: true, mfa: true, maximumDuration: "PT1H30M" }],
    ["invalidNoApproval", { approval: false, mfa: true, maximumDuration: "PT8H" }],
    ["invalidJustificationNotMfa", { approval: true, mfa: "justification-only", maximumDuration: "PT8H" }],
    ["invalidAuthContextNotMfa", { approval: true, mfa: "auth-context", maximumDuration: "PT8H" }],
    ["invalidNineHours", { approval: true, mfa: true, maximumDuration: "PT9H" }],
    ["invalidUnknownDuration", { approval: true, mfa: true, maximumDuration: unknown() }],
    // Nothing stated: azure-native rules missing; classic leaves the tenant's unknown values.
    ["invalidNothingStated", undefined],
];

const FINDINGS = [
    "invalidNoExpiration",
    "invalidExpirationLeftOut",
    "invalid400Days",
    "invalidTwoYearsByDate",
    "invalidUnknownDays",
    "invalidNoApproval",
    "invalidJustificationNotMfa",
    "invalidAuthContextNotMfa",
    "invalidNineHours",
    "invalidUnknownDuration",
    "invalidNothingStated",
];

function base(provider: Provider, level: string): FixtureResource[] {
    const group = resource("azuread:index/group:Group", "adminGroup", { displayName: "pa-admins", securityEnabled: true, assignableToRole: true });
    return provider === "azure-native"
        ? [resource("azure-native:resources:ResourceGroup", "rgAdmin", { resourceGroupName: "rg-admin", location: "westeurope", tags: { securityLevel: level } }), group]
        : [resource("azure:core/resourceGroup:ResourceGroup", "rgAdmin", { name: "rg-admin", location: "westeurope", tags: { securityLevel: level } }), group];
}

function nativeEligibility(name: string, e: Expiry, role: string): FixtureResource {
    const scheduleInfo =
        "days" in e
            ? { expiration: { type: "AfterDuration", duration: typeof e.days === "number" ? `P${e.days}D` : e.days } }
            : "hours" in e
              ? { expiration: { type: "AfterDuration", duration: `PT${e.hours}H` } }
              : "end" in e
                ? { startDateTime: e.start, expiration: { type: "AfterDateTime", endDateTime: e.end } }
                : e.never === "no-expiration"
                  ? { expiration: { type: "NoExpiration" } }
                  : { startDateTime: "2030-01-01T00:00:00Z" };
    return resource("azure-native:authorization:PimRoleEligibilitySchedule", name, { scope: ref("rgAdmin"), principalId: ref("adminGroup", "objectId"), roleDefinitionId: role, scheduleInfo });
}

/** A classic schedule as written; after Check, the unset fields of each block written are 0 or "". */
function classicSchedule(e: Expiry, afterCheck: boolean): Record<string, unknown> | undefined {
    const expiration =
        "days" in e ? { durationDays: e.days } : "hours" in e ? { durationHours: e.hours } : "end" in e ? { endDateTime: e.end } : undefined;
    const start = "start" in e ? e.start : "never" in e && e.never === "left-out" ? "2030-01-01T00:00:00Z" : undefined;
    if (expiration === undefined && start === undefined) {
        return undefined;
    }
    const filledExpiration = expiration && afterCheck ? { durationDays: 0, durationHours: 0, endDateTime: "", ...expiration } : expiration;
    return {
        ...(start === undefined ? (afterCheck ? { startDateTime: "" } : {}) : { startDateTime: start }),
        ...(filledExpiration === undefined ? {} : { expiration: filledExpiration }),
    };
}

const ELIGIBLE = "azure:pim/eligibleRoleAssignment:EligibleRoleAssignment";
const ACTIVE = "azure:pim/activeRoleAssignment:ActiveRoleAssignment";

function classicEligibility(name: string, e: Expiry, role: string, afterCheck: boolean, type = ELIGIBLE): FixtureResource {
    const schedule = classicSchedule(e, afterCheck);
    return resource(type, name, {
        scope: ref("rgAdmin"),
        principalId: ref("adminGroup", "objectId"),
        roleDefinitionId: role,
        ...(schedule === undefined ? {} : { schedule }),
        ...(afterCheck ? { justification: "", ...(type === ACTIVE ? {} : { condition: "", conditionVersion: "" }) } : {}),
    });
}

const ACTIVATION_TARGET = { caller: "EndUser", level: "Assignment", operations: ["All"] };

function nativePolicy(name: string, a: Activation | undefined): FixtureResource {
    const rules =
        a === undefined
            ? undefined
            : [
                  {
                      id: "Approval_EndUser_Assignment",
                      ruleType: "RoleManagementPolicyApprovalRule",
                      setting: { isApprovalRequired: a.approval, approvalStages: [{ primaryApprovers: [{ id: APPROVER, userType: "Group" }] }] },
                      target: ACTIVATION_TARGET,
                  },
                  a.mfa === "auth-context"
                      ? { id: "AuthenticationContext_EndUser_Assignment", ruleType: "RoleManagementPolicyAuthenticationContextRule", isEnabled: true, claimValue: "c1", target: ACTIVATION_TARGET }
                      : {
                            id: "Enablement_EndUser_Assignment",
                            ruleType: "RoleManagementPolicyEnablementRule",
                            enabledRules: a.mfa === true ? ["MultiFactorAuthentication", "Justification"] : ["Justification"],
                            target: ACTIVATION_TARGET,
                        },
                  { id: "Expiration_EndUser_Assignment", ruleType: "RoleManagementPolicyExpirationRule", maximumDuration: a.maximumDuration, target: ACTIVATION_TARGET },
              ];
    return resource("azure-native:authorization:RoleManagementPolicy", name, {
        scope: ref("rgAdmin"),
        roleManagementPolicyName: "570c3619-7688-4b34-b290-2b8bb3ccab2a",
        ...(rules === undefined ? {} : { rules }),
    });
}

function classicPolicy(name: string, a: Activation | undefined, afterCheck: boolean): FixtureResource {
    const unsetStrings = afterCheck ? { requiredConditionalAccessAuthenticationContext: "" } : {};
    const activationRules =
        a === undefined
            ? undefined
            : {
                  ...unsetStrings,
                  requireApproval: a.approval,
                  ...(a.approval ? { approvalStage: { primaryApprovers: [{ objectId: APPROVER, type: "Group" }] } } : {}),
                  ...(a.mfa === true ? { requireMultifactorAuthentication: true, requireJustification: true } : {}),
                  ...(a.mfa === "justification-only" ? { requireJustification: true } : {}),
                  ...(a.mfa === "auth-context" ? { requiredConditionalAccessAuthenticationContext: "c1" } : {}),
                  maximumDuration: a.maximumDuration,
              };
    return resource("azure:pim/roleManagementPolicy:RoleManagementPolicy", name, {
        scope: ref("rgAdmin"),
        roleDefinitionId: OWNER,
        ...(activationRules === undefined ? {} : { activationRules }),
    });
}

function stack(provider: Provider, level: string): FixtureResource[] {
    const afterCheck = provider === "classic after Check";
    return [
        ...base(provider, level),
        ...ELIGIBILITIES.map(([name, e, role = OWNER]) => (provider === "azure-native" ? nativeEligibility(name, e, role) : classicEligibility(name, e, role, afterCheck))),
        ...ACTIVATIONS.map(([name, a]) => (provider === "azure-native" ? nativePolicy(name, a) : classicPolicy(name, a, afterCheck))),
    ];
}

describe.each<Mode>(["known", "first-preview"])("PIM on both providers (%s ids)", (mode) => {
    describe.each([
        ["privileged", FINDINGS.map((n) => `${JIT} ${n} mandatory`)],
        ["specialized", FINDINGS.map((n) => `${JIT} ${n} advisory`)],
        ["enterprise", []],
    ] as const)("at the %s level", (level, expected) => {
        it.each(PROVIDERS)("%s: the same eligibilities and activation policies, the same verdicts", async (provider) => {
            const result = await run(stack(provider, level), { mode });
            expect(verdicts(result)).toEqual([...expected].sort());
        });
    });

    it("names each provider's own paths and fixes", async () => {
        const text = async (provider: Provider) => messagesOf(await run(stack(provider, "privileged"), { mode })).join("\n");
        const native = await text("azure-native");
        expect(native).toContain("rules[0].setting.isApprovalRequired is not true, so activation needs no approval");
        expect(native).toContain("rules[1].enabledRules does not contain MultiFactorAuthentication, so activation needs no MFA");
        expect(native).toContain("scheduleInfo.expiration.duration is 400 days");
        for (const provider of ["classic", "classic after Check"] as const) {
            const classic = await text(provider);
            expect(classic).toContain("activationRules.requireApproval is not true, so activation needs no approval");
            expect(classic).toContain("activationRules.requireMultifactorAuthentication is not true, so activation needs no MFA");
            expect(classic).toContain(
                "activationRules.requiredConditionalAccessAuthenticationContext requires a Conditional Access authentication context instead of activationRules.requireMultifactorAuthentication",
            );
            expect(classic).toContain("activationRules.maximumDuration is 9 hours, more than 8 hours");
            expect(classic).toContain(
                "activationRules.requireApproval is not set: the provider changes only what the policy sets, so the tenant's current setting applies",
            );
            expect(classic).toContain("Set activationRules.requireApproval to true");
            expect(classic).toContain("schedule.expiration.durationDays is 400 days, more than the 365-day limit (maxEligibilityDays)");
            expect(classic).toContain("schedule.expiration.endDateTime is 730 days after the start");
            expect(classic).toContain("schedule.expiration.durationDays cannot be known during preview");
            expect(classic).not.toMatch(/scheduleInfo|rules\[/);
        }
    });
});

describe.each<Mode>(["known", "first-preview"])("classic PIM active assignments (%s ids)", (mode) => {
    const actives: [string, Expiry][] = [
        ["validEightHours", { hours: 8 }],
        ["validUntilSixHoursLater", { start: "2030-01-01T00:00:00Z", end: "2030-01-01T06:00:00Z" }],
        ["invalidForever", { never: "left-out" }],
        ["invalidNineHours", { hours: 9 }],
        ["invalidTwoDays", { days: 2 }],
        ["invalidUntilTenHoursLater", { start: "2030-01-01T00:00:00Z", end: "2030-01-01T10:00:00Z" }],
    ];

    it.each([false, true])("is standing access without an end or beyond PT8H (after Check: %s)", async (afterCheck) => {
        const fixtures = [...base("classic", "privileged"), ...actives.map(([name, e]) => classicEligibility(name, e, OWNER, afterCheck, ACTIVE))];
        const result = await run(fixtures, { mode });
        expect(verdicts(result)).toEqual(["invalidForever", "invalidNineHours", "invalidTwoDays", "invalidUntilTenHoursLater"].map((n) => `${JIT} ${n} mandatory`).sort());
        const text = messagesOf(result).join("\n");
        expect(text).toContain(
            "PIM active assignment invalidForever for Owner at the privileged level: schedule.expiration is not set, and the provider's default is NoExpiration, so the active assignment never expires",
        );
        expect(text).toContain("schedule.expiration.durationHours is 9 hours, more than 8 hours, beyond which active access is standing access");
        expect(text).toContain("schedule.expiration.endDateTime is 10 hours after the start");
        expect(text).toContain("Set schedule.expiration.durationHours to 8 or less");
    });

    it("follows the principal rule like every other grant", async () => {
        const fixtures = [
            ...base("classic", "privileged"),
            resource("azuread:index/group:Group", "plainGroup", { displayName: "app-team", securityEnabled: true }),
            resource(ACTIVE, "invalidActiveToPlainGroup", { scope: ref("rgAdmin"), principalId: ref("plainGroup", "objectId"), roleDefinitionId: OWNER, schedule: { expiration: { durationHours: 1 } } }),
            resource(ACTIVE, "invalidActiveToUntraceable", { scope: ref("rgAdmin"), principalId: unknown(), roleDefinitionId: OWNER, schedule: { expiration: { durationHours: 1 } } }),
            resource(ACTIVE, "validActiveToRoleAssignableGroup", { scope: ref("rgAdmin"), principalId: ref("adminGroup", "objectId"), roleDefinitionId: OWNER, schedule: { expiration: { durationHours: 1 } } }),
        ];
        const result = await run(fixtures, { mode });
        expect(verdicts(result)).toEqual([`${RBAC} invalidActiveToPlainGroup mandatory`, `${RBAC} invalidActiveToUntraceable mandatory`]);
        expect(messagesOf(result).join("\n")).toContain("PIM active assignment invalidActiveToPlainGroup grants the admin role Owner to the principal of plainGroup (Group)");
    });
});
