// privileged-jit-access through the engine protocol: standing admin assignments, PIM eligibility
// expiry, activation rules of role management policies and Defender JIT ports, at every level and in
// both modes.
import { describe, expect, it } from "vitest";
import { run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, secret, SUBSCRIPTION, unknown } from "../harness/stack";

const POLICY = "privileged-jit-access";
const RG = "azure-native:resources:ResourceGroup";
const RA = "azure-native:authorization:RoleAssignment";
const PIM = "azure-native:authorization:PimRoleEligibilitySchedule";
const RMP = "azure-native:authorization:RoleManagementPolicy";
const RD = "azure-native:authorization:RoleDefinition";
const GROUP = "azuread:index/group:Group";
const BASTION = "azure-native:network:BastionHost";
const VM = "azure-native:compute:VirtualMachine";
const JIT = "azure-native:security:JitNetworkAccessPolicy";

const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
const VM_ADMIN_LOGIN = "1c0163c0-47e6-4577-8991-ea5c82e286e4";
const MARKER = "SECRET-MARKER-jit-5d20";
const DAY_MS = 86_400_000;

const ownerId = `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`;

function base(level: string): FixtureResource[] {
    return [
        resource(RG, "rgAdmin", { resourceGroupName: "rg-admin", location: "westeurope", tags: { securityLevel: level } }),
        resource(BASTION, "bastion", { resourceGroupName: ref("rgAdmin", "name"), sku: { name: "Premium" } }),
        resource(GROUP, "adminGroup", { displayName: "pa-admins", securityEnabled: true, assignableToRole: true }),
        resource(VM, "jumpVm", {
            resourceGroupName: ref("rgAdmin", "name"),
            location: "westeurope",
            hardwareProfile: { vmSize: "Standard_D2s_v5" },
            osProfile: { computerName: "jump", adminUsername: "azureuser", adminPassword: secret(MARKER) },
            tags: { securityLevel: level },
        }),
        resource(RD, "customWildcard", {
            roleDefinitionId: "0d7c1e9a-3b2f-4c5d-8e6f-7a8b9c0d1e2f",
            roleName: "Ops everything",
            scope: `/subscriptions/${SUBSCRIPTION}`,
            permissions: [{ actions: ["*"] }],
        }),
    ];
}

const ACTIVATION = { caller: "EndUser", level: "Assignment", operations: ["All"] };
const APPROVAL_RULE = {
    id: "Approval_EndUser_Assignment",
    ruleType: "RoleManagementPolicyApprovalRule",
    setting: {
        isApprovalRequired: true,
        approvalMode: "SingleStage",
        approvalStages: [{ approvalStageTimeOutInDays: 1, primaryApprovers: [{ id: "9c4e5f6a-7b8c-4d9e-8f01-3e4d5f6a7b82", userType: "Group" }] }],
    },
    target: ACTIVATION,
};
const ENABLEMENT_RULE = {
    id: "Enablement_EndUser_Assignment",
    ruleType: "RoleManagementPolicyEnablementRule",
    enabledRules: ["MultiFactorAuthentication", "Justification"],
    target: ACTIVATION,
};
const EXPIRATION_RULE = {
    id: "Expiration_EndUser_Assignment",
    ruleType: "RoleManagementPolicyExpirationRule",
    isExpirationRequired: true,
    maximumDuration: "PT8H",
    target: ACTIVATION,
};
// Not an activation rule: how long an admin may make someone eligible.
const ELIGIBILITY_EXPIRATION_RULE = {
    id: "Expiration_Admin_Eligibility",
    ruleType: "RoleManagementPolicyExpirationRule",
    isExpirationRequired: true,
    maximumDuration: "P365D",
    target: { caller: "Admin", level: "Eligibility", operations: ["All"] },
};

const activationRules = (overrides: { approval?: object; enablement?: object; expiration?: object } = {}) => [
    overrides.approval ?? APPROVAL_RULE,
    overrides.enablement ?? ENABLEMENT_RULE,
    overrides.expiration ?? EXPIRATION_RULE,
    ELIGIBILITY_EXPIRATION_RULE,
];

/** Drops keys set to undefined: a program that leaves an input unset sends no key at all. */
function defined(values: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

const rmp = (name: string, rules: unknown) =>
    resource(RMP, name, defined({ scope: ref("rgAdmin"), roleManagementPolicyName: "570c3619-7688-4b34-b290-2b8bb3ccab2a", rules }));

const eligibility = (name: string, scheduleInfo: unknown, roleDefinitionId: unknown = ownerId) =>
    resource(
        PIM,
        name,
        defined({
            scope: ref("rgAdmin"),
            principalId: ref("adminGroup", "objectId"),
            roleDefinitionId,
            justification: secret(MARKER),
            scheduleInfo,
        }),
    );

const port = (overrides: Record<string, unknown>) =>
    defined({
        number: 3389,
        protocol: "TCP",
        allowedSourceAddressPrefix: "10.20.0.0/24",
        maxRequestAccessDuration: "PT180M",
        ...overrides,
    });

const jit = (name: string, ports: unknown[]) =>
    resource(JIT, name, {
        resourceGroupName: ref("rgAdmin", "name"),
        ascLocation: "westeurope",
        kind: "Basic",
        virtualMachines: [{ id: ref("jumpVm"), ports }],
    });

function scenario(level: string): FixtureResource[] {
    return [
        ...base(level),
        // Standing access.
        resource(RA, "invalidStandingOwnerOnBastionRg", {
            scope: ref("rgAdmin"),
            principalId: ref("adminGroup", "objectId"),
            roleDefinitionId: ownerId,
            description: secret(MARKER),
        }),
        resource(RA, "invalidStandingCustomWildcard", {
            scope: ref("rgAdmin"),
            principalId: ref("adminGroup", "objectId"),
            roleDefinitionId: ref("customWildcard"),
        }),
        resource(RA, "validStandingReader", { scope: ref("rgAdmin"), principalId: ref("adminGroup", "objectId"), roleDefinitionId: READER }),
        // PIM eligibility.
        eligibility("validEligibility90Days", { expiration: { type: "AfterDuration", duration: "P90D" } }),
        eligibility("validEligibilityUntilDate", {
            startDateTime: "2030-01-01T00:00:00Z",
            expiration: { type: "AfterDateTime", endDateTime: "2030-12-31T23:59:59+01:00" },
        }),
        eligibility("validEligibilityCustomRole", { expiration: { type: "afterduration", duration: "P12M" } }, ref("customWildcard")),
        eligibility("validReaderNoExpiration", { expiration: { type: "NoExpiration" } }, READER),
        eligibility("invalidEligibilityNoExpiration", { expiration: { type: "NoExpiration" } }),
        eligibility("invalidEligibilityNoExpirationLowerCase", { expiration: { type: "noexpiration" } }, VM_ADMIN_LOGIN),
        eligibility("invalidEligibility400Days", { expiration: { type: "AfterDuration", duration: "P400D" } }),
        eligibility("invalidEligibilityNoScheduleInfo", undefined),
        eligibility("invalidEligibilityTwoYearsByDate", {
            startDateTime: "2030-01-01T00:00:00Z",
            expiration: { type: "AfterDateTime", endDateTime: "2032-01-01T00:00:00Z" },
        }),
        // Activation rules.
        rmp("validRoleManagementPolicy", activationRules()),
        rmp(
            // A Conditional Access authentication context may demand something other than MFA.
            "invalidRoleManagementPolicyAuthContextOnly",
            activationRules({
                enablement: {
                    id: "AuthenticationContext_EndUser_Assignment",
                    ruleType: "roleManagementPolicyAuthenticationContextRule",
                    isEnabled: true,
                    claimValue: "c1",
                    target: { caller: "enduser", level: "assignment" },
                },
                expiration: { id: "Expiration_EndUser_Assignment", ruleType: "RoleManagementPolicyExpirationRule", maximumDuration: "PT90M" },
            }),
        ),
        rmp("invalidRoleManagementPolicyNoApproval", activationRules({ approval: { ...APPROVAL_RULE, setting: { isApprovalRequired: false } } })),
        rmp(
            "invalidRoleManagementPolicyNoMfa",
            activationRules({
                enablement: {
                    id: "Enablement_EndUser_Assignment",
                    ruleType: "RoleManagementPolicyEnablementRule",
                    enabledRules: ["Justification"],
                    target: { caller: "EndUser", level: "Assignment" },
                },
            }),
        ),
        rmp(
            "invalidRoleManagementPolicyNineHours",
            activationRules({
                expiration: {
                    id: "Expiration_EndUser_Assignment",
                    ruleType: "RoleManagementPolicyExpirationRule",
                    maximumDuration: "PT9H",
                    target: { caller: "EndUser", level: "Assignment" },
                },
            }),
        ),
        rmp("invalidRoleManagementPolicyNoRules", undefined),
        // Defender JIT VM access.
        jit("validJitPt180mPrivateSource", [
            port({}),
            port({ number: 22, protocol: "*", allowedSourceAddressPrefix: undefined, allowedSourceAddressPrefixes: ["192.168.10.4", "VirtualNetwork"], maxRequestAccessDuration: "PT3H" }),
        ]),
        jit("invalidJitPt24h", [port({ maxRequestAccessDuration: "PT24H" })]),
        jit("invalidJitP1d", [port({ maxRequestAccessDuration: "P1D" })]),
        jit("invalidJitAnySource", [port({ allowedSourceAddressPrefix: "*", maxRequestAccessDuration: "PT3H" })]),
        jit("invalidJitPublicAdminAddress", [port({ number: 22, allowedSourceAddressPrefixes: ["10.0.0.0/8", "203.0.113.10"] })]),
        jit("invalidJitNoSource", [port({ allowedSourceAddressPrefix: undefined })]),
    ];
}

const FINDINGS = [
    "invalidStandingOwnerOnBastionRg",
    "invalidStandingCustomWildcard",
    "invalidEligibilityNoExpiration",
    "invalidEligibilityNoExpirationLowerCase",
    "invalidEligibility400Days",
    "invalidEligibilityNoScheduleInfo",
    "invalidEligibilityTwoYearsByDate",
    "invalidRoleManagementPolicyNoApproval",
    "invalidRoleManagementPolicyNoMfa",
    "invalidRoleManagementPolicyAuthContextOnly",
    "invalidRoleManagementPolicyNineHours",
    "invalidRoleManagementPolicyNoRules",
    "invalidJitPt24h",
    "invalidJitP1d",
    "invalidJitAnySource",
    "invalidJitPublicAdminAddress",
    "invalidJitNoSource",
];

const expected = (names: string[], level: "mandatory" | "advisory") => names.map((n) => `${POLICY} ${n} ${level}`).sort();

describe.each<Mode>(["known", "first-preview"])("privileged-jit-access (%s ids)", (mode) => {
    it("blocks standing admin access and loose JIT settings at the privileged level", async () => {
        const result = await run(scenario("privileged"), { mode });
        expect(verdicts(result, POLICY)).toEqual(expected(FINDINGS, "mandatory"));
    });

    it("reports the same findings as advisory at the specialized level", async () => {
        const result = await run(scenario("specialized"), { mode });
        expect(verdicts(result, POLICY)).toEqual(expected(FINDINGS, "advisory"));
    });

    it("checks nothing at the enterprise level", async () => {
        const result = await run(scenario("enterprise"), { mode });
        expect(verdicts(result, POLICY)).toEqual([]);
    });

    it("takes the level from the stack tag when the scope carries none", async () => {
        const fixtures = scenario("privileged").map((f) =>
            f.name === "rgAdmin" || f.name === "jumpVm" ? { ...f, inputs: { ...f.inputs, tags: {} } } : f,
        );
        expect(verdicts(await run(fixtures, { mode }), POLICY)).toEqual([]);
        expect(verdicts(await run(fixtures, { mode, stackTags: { securityLevel: "PRIVILEGED" } }), POLICY)).toEqual(
            expected(FINDINGS, "mandatory"),
        );
    });

    it("lets allowedSourcePrefixes approve a specific admin address", async () => {
        const result = await run([...base("privileged"), jit("validJitApprovedAdminAddress", [port({ allowedSourceAddressPrefixes: ["203.0.113.10"] })])], {
            mode,
            policyConfig: { [POLICY]: { allowedSourcePrefixes: ["203.0.113.0/28"] } },
        });
        expect(verdicts(result, POLICY)).toEqual([]);
    });

    it("honours maxEligibilityDays", async () => {
        const result = await run(
            [
                ...base("privileged"),
                eligibility("invalidEligibility90DaysOverLimit", { expiration: { type: "AfterDuration", duration: "P90D" } }),
                eligibility("validEligibility30Days", { expiration: { type: "AfterDuration", duration: "P4W2D" } }),
            ],
            { mode, policyConfig: { [POLICY]: { maxEligibilityDays: 30 } } },
        );
        expect(verdicts(result, POLICY)).toEqual(expected(["invalidEligibility90DaysOverLimit"], "mandatory"));
    });

    it("measures an end date without a start from now", async () => {
        const iso = (ms: number) => new Date(ms).toISOString();
        const result = await run(
            [
                ...base("privileged"),
                eligibility("validEligibilityEndsIn30Days", { expiration: { type: "AfterDateTime", endDateTime: iso(Date.now() + 30 * DAY_MS) } }),
                eligibility("invalidEligibilityEndsIn400Days", { expiration: { type: "AfterDateTime", endDateTime: iso(Date.now() + 400 * DAY_MS) } }),
            ],
            { mode },
        );
        expect(verdicts(result, POLICY)).toEqual(expected(["invalidEligibilityEndsIn400Days"], "mandatory"));
    });

    it("blocks unknown deciding values at privileged and reports them as advisory at specialized", async () => {
        const unknowns = (level: string) => [
            ...base(level),
            eligibility("invalidEligibilityUnknownDuration", { expiration: { type: "AfterDuration", duration: unknown() } }),
            rmp("invalidRoleManagementPolicyUnknownRules", unknown()),
            jit("invalidJitUnknownDuration", [port({ maxRequestAccessDuration: unknown() })]),
            jit("invalidJitUnknownSource", [port({ allowedSourceAddressPrefix: unknown() })]),
            resource(RA, "invalidStandingUnknownRole", {
                scope: ref("rgAdmin"),
                principalId: ref("adminGroup", "objectId"),
                roleDefinitionId: unknown(),
            }),
        ];
        const names = [
            "invalidEligibilityUnknownDuration",
            "invalidRoleManagementPolicyUnknownRules",
            "invalidJitUnknownDuration",
            "invalidJitUnknownSource",
            "invalidStandingUnknownRole",
        ];
        expect(verdicts(await run(unknowns("privileged"), { mode }), POLICY)).toEqual(expected(names, "mandatory"));
        expect(verdicts(await run(unknowns("specialized"), { mode }), POLICY)).toEqual(expected(names, "advisory"));
    });

    it("says which rule is missing and never echoes a secret", async () => {
        const result = await run(scenario("privileged"), { mode });
        const text = JSON.stringify(result.findings);
        expect(text).not.toContain(MARKER);
        expect(text).not.toContain("during preview: ");
        const message = (name: string) => result.findings.find((f) => f.policyName === POLICY && f.urn.endsWith(`::${name}`))?.message ?? "";
        expect(message("invalidStandingOwnerOnBastionRg")).toBe(
            "Role assignment invalidStandingOwnerOnBastionRg grants the admin role Owner as standing access at the privileged level, where admin access is just in time. Replace it with an authorization.PimRoleEligibilitySchedule (scheduleInfo.expiration within 365 days) and activate the role through PIM.",
        );
        expect(message("invalidEligibility400Days")).toContain("scheduleInfo.expiration.duration is 400 days, more than the 365-day limit (maxEligibilityDays)");
        expect(message("invalidEligibilityNoExpiration")).toContain("scheduleInfo.expiration.type is NoExpiration");
        expect(message("invalidRoleManagementPolicyNoApproval")).toContain("rules[0].setting.isApprovalRequired is not true");
        expect(message("invalidRoleManagementPolicyNoMfa")).toContain("rules[1].enabledRules does not contain MultiFactorAuthentication");
        expect(message("invalidRoleManagementPolicyNineHours")).toContain("rules[2].maximumDuration is 9 hours, more than 8 hours");
        const noRules = message("invalidRoleManagementPolicyNoRules");
        expect(noRules).toContain("no approval rule (Approval_EndUser_Assignment)");
        expect(noRules).toContain("no enablement rule (Enablement_EndUser_Assignment)");
        expect(noRules).toContain("no expiration rule (Expiration_EndUser_Assignment)");
        expect(message("invalidJitPt24h")).toContain("virtualMachines[0].ports[0].maxRequestAccessDuration (port 3389) is 24 hours, more than 3 hours");
        expect(message("invalidJitP1d")).toContain("is 24 hours, more than 3 hours");
        expect(message("invalidJitAnySource")).toContain("virtualMachines[0].ports[0].allowedSourceAddressPrefix (port 3389) is *, an internet source");
        expect(message("invalidJitPublicAdminAddress")).toContain("allowedSourceAddressPrefixes[1] (port 22) is 203.0.113.10, an internet source");
    });
});

describe("privileged-jit-access malformed input", () => {
    it("reports malformed values as findings naming the property, never crashing", async () => {
        const fixtures = [
            ...base("privileged"),
            eligibility("invalidEligibilityBadDuration", { expiration: { type: "AfterDuration", duration: "90 days" } }),
            eligibility("invalidEligibilityBadType", { expiration: { type: "Sometimes" } }),
            eligibility("invalidEligibilityEndBeforeStart", {
                startDateTime: "2030-06-01T00:00:00Z",
                expiration: { type: "AfterDateTime", endDateTime: "2030-01-01T00:00:00Z" },
            }),
            eligibility("invalidEligibilityNotADate", { expiration: { type: "AfterDateTime", endDateTime: "2030-02-30T00:00:00Z" } }),
            rmp("invalidRoleManagementPolicyRulesNotAList", "rules"),
            rmp("invalidRoleManagementPolicyBadDuration", activationRules({ expiration: { id: "Expiration_EndUser_Assignment", ruleType: "RoleManagementPolicyExpirationRule", maximumDuration: "8h" } })),
            jit("invalidJitBadDuration", [port({ maxRequestAccessDuration: "03:00:00" })]),
            jit("invalidJitBadSource", [port({ allowedSourceAddressPrefix: "10.0.0.0/33" })]),
            jit("invalidJitPortNull", [null]),
        ];
        // Passes the schema's pattern, fails the parser: reported once, on the stack.
        const result = await run(fixtures, { policyConfig: { [POLICY]: { allowedSourcePrefixes: ["10.0.0.0/33"] } } });
        expect(verdicts(result, POLICY)).toEqual(
            expected(
                [
                    "(stack)",
                    "invalidEligibilityBadDuration",
                    "invalidEligibilityBadType",
                    "invalidEligibilityEndBeforeStart",
                    "invalidEligibilityNotADate",
                    "invalidRoleManagementPolicyRulesNotAList",
                    "invalidRoleManagementPolicyBadDuration",
                    "invalidJitBadDuration",
                    "invalidJitBadSource",
                    "invalidJitPortNull",
                ],
                "mandatory",
            ),
        );
    });

    it("judges a JIT policy by the highest level of its VMs", async () => {
        const fixtures = [
            ...base("enterprise"),
            resource(VM, "privilegedVm", { resourceGroupName: "rg-admin", location: "westeurope", tags: { securityLevel: "privileged" } }),
            resource(JIT, "invalidJitMixedLevels", {
                resourceGroupName: ref("rgAdmin", "name"),
                ascLocation: "westeurope",
                virtualMachines: [
                    { id: ref("jumpVm"), ports: [port({ maxRequestAccessDuration: "PT4H" })] },
                    { id: ref("privilegedVm"), ports: [port({})] },
                ],
            }),
        ];
        const result = await run(fixtures);
        expect(verdicts(result, POLICY)).toEqual(expected(["invalidJitMixedLevels"], "mandatory"));
    });
});
