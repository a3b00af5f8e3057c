// The same role grants written on each provider — azure-native and classic @pulumi/azure — give the
// same verdicts from admin-rbac-privileged-principals and privileged-jit-access through one model of
// grants, and messages name the provider's own paths. Classic grants name built-in roles by
// `roleDefinitionName` (any letter case), custom roles of the stack by name or by a computed
// `roleDefinitionId`, and take the level of a classic resource group; classic inputs come as a program
// writes them (mocks) and as the provider's Check leaves them (unset strings "", a `__defaults` list).
import { describe, expect, it } from "vitest";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, SUBSCRIPTION, unknown } from "../harness/stack";

const RBAC = "admin-rbac-privileged-principals";
const JIT = "privileged-jit-access";
type Provider = "azure-native" | "classic" | "classic after Check";
const PROVIDERS: Provider[] = ["azure-native", "classic", "classic after Check"];

const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const PRIVILEGED = "6f1d2c3b-4a59-4e8f-9d7c-0b1a2c3d4e5f";
const SPECIALIZED = "7a2e3d4c-5b6a-4f9e-8d1c-1c2b3d4e5f60";
const NOBODY = "8b3f4e5d-6c7b-4a0f-9e2d-2d3c4e5f6071";
const BUILT_IN = {
    Owner: OWNER,
    Contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
    "Network Contributor": "4d97b98b-1d4f-4787-a291-c67834d212e7",
    Reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
};
const CUSTOM = {
    customStar: { guid: "0d7c1e9a-3b2f-4c5d-8e6f-7a8b9c0d1e2f", name: "Ops Star", actions: ["*"] },
    customReader: { guid: "1e8d2f0b-4c3a-4d6e-9f70-8b9c0d1e2f30", name: "Ops Reader", actions: ["*/read"] },
};
const config = { [RBAC]: { privilegedPrincipalIds: [PRIVILEGED], specializedPrincipalIds: [SPECIALIZED] } };

type Scope = "rgPrivileged" | "rgSpecialized" | "rgEnterprise";
type Principal = "nobody" | "privileged" | "specialized" | "adminGroup" | "plainGroup" | "identity" | "untraceable";

interface Grant {
    scope: Scope;
    principal: Principal;
    /** A built-in role by name, a custom role of the stack, or a role id unknown in preview. */
    role: keyof typeof BUILT_IN | keyof typeof CUSTOM | "unknown";
    /** Eligible for this many days; `forever`: no expiration; absent: a standing assignment. */
    eligibleDays?: number | "forever";
}

const LEVELS: Record<Scope, string> = { rgPrivileged: "privileged", rgSpecialized: "specialized", rgEnterprise: "enterprise" };

const GRANTS: [string, Grant][] = [
    ["validEligibleOwnerToRoleAssignableGroup", { scope: "rgPrivileged", principal: "adminGroup", role: "Owner", eligibleDays: 90 }],
    ["invalidStandingOwnerToNobody", { scope: "rgPrivileged", principal: "nobody", role: "Owner" }],
    ["invalidStandingContributorToSpecialized", { scope: "rgPrivileged", principal: "specialized", role: "Contributor" }],
    ["invalidStandingOwnerToPrivileged", { scope: "rgPrivileged", principal: "privileged", role: "Owner" }],
    ["invalidEligibleOwnerToUntraceable", { scope: "rgPrivileged", principal: "untraceable", role: "Owner", eligibleDays: 30 }],
    ["invalidEligibleForever", { scope: "rgPrivileged", principal: "adminGroup", role: "Network Contributor", eligibleDays: "forever" }],
    ["invalidEligible400Days", { scope: "rgPrivileged", principal: "adminGroup", role: "customStar", eligibleDays: 400 }],
    ["invalidStandingCustomStarToGroup", { scope: "rgPrivileged", principal: "adminGroup", role: "customStar" }],
    ["validStandingCustomReaderToNobody", { scope: "rgPrivileged", principal: "nobody", role: "customReader" }],
    ["validStandingReaderToNobody", { scope: "rgPrivileged", principal: "nobody", role: "Reader" }],
    ["invalidStandingOwnerToGroupSpecialized", { scope: "rgSpecialized", principal: "adminGroup", role: "Owner" }],
    ["validStandingContributorToSpecializedEnterprise", { scope: "rgEnterprise", principal: "specialized", role: "Contributor" }],
    ["invalidStandingOwnerToIdentity", { scope: "rgEnterprise", principal: "identity", role: "Owner" }],
    ["invalidStandingOwnerToPlainGroup", { scope: "rgEnterprise", principal: "plainGroup", role: "Owner" }],
    ["invalidStandingOwnerToUntraceable", { scope: "rgEnterprise", principal: "untraceable", role: "Owner" }],
    ["invalidStandingCustomStarToNobody", { scope: "rgEnterprise", principal: "nobody", role: "customStar" }],
    ["invalidStandingUnknownRoleToNobody", { scope: "rgEnterprise", principal: "nobody", role: "unknown" }],
];

const EXPECTED = [
    `${RBAC} invalidStandingOwnerToNobody mandatory`,
    `${RBAC} invalidStandingContributorToSpecialized mandatory`,
    `${RBAC} invalidEligibleOwnerToUntraceable mandatory`,
    `${RBAC} invalidStandingOwnerToIdentity mandatory`,
    `${RBAC} invalidStandingOwnerToPlainGroup mandatory`,
    `${RBAC} invalidStandingOwnerToUntraceable advisory`,
    `${RBAC} invalidStandingCustomStarToNobody mandatory`,
    `${RBAC} invalidStandingUnknownRoleToNobody advisory`,
    `${JIT} invalidStandingOwnerToNobody mandatory`,
    `${JIT} invalidStandingContributorToSpecialized mandatory`,
    `${JIT} invalidStandingOwnerToPrivileged mandatory`,
    `${JIT} invalidEligibleForever mandatory`,
    `${JIT} invalidEligible400Days mandatory`,
    `${JIT} invalidStandingCustomStarToGroup mandatory`,
    `${JIT} invalidStandingOwnerToGroupSpecialized advisory`,
].sort();

function principalId(p: Principal): unknown {
    switch (p) {
        case "nobody":
            return NOBODY;
        case "privileged":
            return PRIVILEGED.toUpperCase();
        case "specialized":
            return SPECIALIZED;
        case "adminGroup":
        case "plainGroup":
            return ref(p, "objectId");
        case "identity":
            return ref(p, "principalId");
        case "untraceable":
            return unknown();
    }
}

/** Principals and custom roles the grants point at; azuread groups serve both providers. */
function shared(provider: Provider): FixtureResource[] {
    const afterCheck = provider === "classic after Check";
    const groups = [
        resource("azuread:index/group:Group", "adminGroup", { displayName: "pa-admins", securityEnabled: true, assignableToRole: true }),
        resource("azuread:index/group:Group", "plainGroup", { displayName: "app-team", securityEnabled: true }),
    ];
    if (provider === "azure-native") {
        return [
            ...(Object.keys(LEVELS) as Scope[]).map((s) =>
                resource("azure-native:resources:ResourceGroup", s, { resourceGroupName: s.toLowerCase(), location: "westeurope", tags: { securityLevel: LEVELS[s] } }),
            ),
            ...groups,
            resource("azure-native:managedidentity:UserAssignedIdentity", "identity", { resourceGroupName: ref("rgEnterprise", "name"), location: "westeurope" }),
            ...Object.entries(CUSTOM).map(([name, c]) =>
                resource("azure-native:authorization:RoleDefinition", name, {
                    roleDefinitionId: c.guid,
                    roleName: c.name,
                    scope: `/subscriptions/${SUBSCRIPTION}`,
                    permissions: [{ actions: c.actions }],
                }),
            ),
        ];
    }
    return [
        ...(Object.keys(LEVELS) as Scope[]).map((s) =>
            resource("azure:core/resourceGroup:ResourceGroup", s, {
                name: s.toLowerCase(),
                location: "westeurope",
                tags: { securityLevel: LEVELS[s] },
                ...(afterCheck ? { managedBy: "" } : {}),
            }),
        ),
        ...groups,
        resource("azure:authorization/userAssignedIdentity:UserAssignedIdentity", "identity", { resourceGroupName: ref("rgEnterprise", "name"), location: "westeurope" }),
        ...Object.entries(CUSTOM).map(([name, c]) =>
            resource("azure:authorization/roleDefinition:RoleDefinition", name, {
                name: c.name,
                scope: `/subscriptions/${SUBSCRIPTION}`,
                permissions: [{ actions: c.actions, ...(afterCheck ? { notActions: [], dataActions: [], notDataActions: [] } : {}) }],
                ...(afterCheck ? { description: "", roleDefinitionId: "" } : {}),
            }),
        ),
    ];
}

function nativeGrant(name: string, g: Grant): FixtureResource {
    const roleDefinitionId =
        g.role === "unknown"
            ? unknown()
            : g.role in CUSTOM
              ? ref(g.role)
              : `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN[g.role as keyof typeof BUILT_IN]}`;
    const common = { scope: ref(g.scope), principalId: principalId(g.principal), roleDefinitionId };
    if (g.eligibleDays === undefined) {
        return resource("azure-native:authorization:RoleAssignment", name, { ...common, principalType: "Group" });
    }
    const scheduleInfo = g.eligibleDays === "forever" ? { expiration: { type: "NoExpiration" } } : { expiration: { type: "AfterDuration", duration: `P${g.eligibleDays}D` } };
    return resource("azure-native:authorization:PimRoleEligibilitySchedule", name, { ...common, scheduleInfo });
}

/**
 * Classic grants: built-in roles by name in odd letter case (the old alias for one of them), a custom
 * role by name or through its computed `roleDefinitionResourceId`; eligibilities by role id.
 */
function classicGrant(name: string, g: Grant, afterCheck: boolean, index: number): FixtureResource {
    const common = { scope: ref(g.scope), principalId: principalId(g.principal) };
    if (g.eligibleDays !== undefined) {
        const roleDefinitionId = g.role in CUSTOM ? ref(g.role, "computed") : `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN[g.role as keyof typeof BUILT_IN]}`;
        const days = g.eligibleDays === "forever" ? undefined : g.eligibleDays;
        const schedule = afterCheck
            ? { startDateTime: "", expiration: { durationDays: days ?? 0, durationHours: 0, endDateTime: "" } }
            : days === undefined
              ? undefined
              : { expiration: { durationDays: days } };
        return resource("azure:pim/eligibleRoleAssignment:EligibleRoleAssignment", name, {
            ...common,
            roleDefinitionId,
            ...(schedule === undefined ? {} : { schedule }),
            ...(afterCheck ? { justification: "", condition: "", conditionVersion: "" } : {}),
        });
    }
    const role =
        g.role === "unknown"
            ? { roleDefinitionName: unknown() }
            : g.role in CUSTOM
              ? index % 2 === 0
                  ? { roleDefinitionId: ref(g.role, "computed") }
                  : { roleDefinitionName: CUSTOM[g.role as keyof typeof CUSTOM].name.toUpperCase() }
              : { roleDefinitionName: index % 2 === 0 ? g.role : g.role.toLowerCase() };
    const filled = afterCheck
        ? {
              condition: "",
              conditionVersion: "",
              description: "",
              delegatedManagedIdentityResourceId: "",
              ...("roleDefinitionName" in role ? { roleDefinitionId: "" } : { roleDefinitionName: "" }),
              skipServicePrincipalAadCheck: false,
              __defaults: ["skipServicePrincipalAadCheck"],
          }
        : {};
    const type = index % 3 === 0 ? "azure:role/assignment:Assignment" : "azure:authorization/assignment:Assignment";
    return resource(type, name, { ...common, ...filled, ...role });
}

function stack(provider: Provider): FixtureResource[] {
    const grants = GRANTS.map(([name, g], i) => (provider === "azure-native" ? nativeGrant(name, g) : classicGrant(name, g, provider === "classic after Check", i)));
    return [...shared(provider), ...grants];
}

describe.each<Mode>(["known", "first-preview"])("role grants on both providers (%s ids)", (mode) => {
    it.each(PROVIDERS)("%s: the same grants, the same verdicts from both RBAC policies", async (provider) => {
        const result = await run(stack(provider), { mode, policyConfig: config });
        expect([...verdicts(result, RBAC), ...verdicts(result, JIT)].sort()).toEqual(EXPECTED);
    });

    it("names each provider's own paths and fixes", async () => {
        const text = async (provider: Provider) => messagesOf(await run(stack(provider), { mode, policyConfig: config })).join("\n");
        const native = await text("azure-native");
        expect(native).toContain("scheduleInfo.expiration.type is NoExpiration, so the eligibility never expires");
        expect(native).toContain("Replace it with an authorization.PimRoleEligibilitySchedule (scheduleInfo.expiration within 365 days)");
        expect(native).toContain("roleDefinitionId cannot be known during preview and does not come from a role definition in the stack");
        for (const provider of ["classic", "classic after Check"] as const) {
            const classic = await text(provider);
            expect(classic).toContain("schedule.expiration.durationDays is 400 days, more than the 365-day limit (maxEligibilityDays)");
            expect(classic).toContain("Set schedule.expiration.durationDays to at most 365");
            expect(classic).toContain("Replace it with an azure.pim.EligibleRoleAssignment (schedule.expiration.durationDays of at most 365)");
            expect(classic).toContain("roleDefinitionName cannot be known during preview and does not come from a role definition in the stack");
            expect(classic).toContain("PIM eligibility invalidEligibleForever for Network Contributor");
            expect(classic).toContain("the admin role customStar (a custom role whose permissions[0].actions[0] is an admin action)");
            expect(classic).not.toContain("scheduleInfo");
        }
        const classicForever = await text("classic");
        expect(classicForever).toContain("schedule.expiration is not set, and the provider's default is NoExpiration, so the eligibility never expires");
        const checkedForever = await text("classic after Check");
        expect(checkedForever).toContain("schedule.expiration sets none of durationDays, durationHours or endDateTime, and the provider's default is NoExpiration");
    });
});
