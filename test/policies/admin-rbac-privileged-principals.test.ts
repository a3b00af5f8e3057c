// admin-rbac-privileged-principals through the engine protocol: every role id form, every admin role,
// custom roles, listed and unlisted principals, principals created in the stack, in both modes.
import { describe, expect, it } from "vitest";
import { run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, secret, SUBSCRIPTION, unknown } from "../harness/stack";

const POLICY = "admin-rbac-privileged-principals";
const RG = "azure-native:resources:ResourceGroup";
const RA = "azure-native:authorization:RoleAssignment";
const PIM = "azure-native:authorization:PimRoleEligibilitySchedule";
const RD = "azure-native:authorization:RoleDefinition";
const GROUP = "azuread:index/group:Group";
const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
const BASTION = "azure-native:network:BastionHost";

const ROLE = {
    owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
    userAccessAdministrator: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    rbacAdministrator: "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
    vmAdministratorLogin: "1c0163c0-47e6-4577-8991-ea5c82e286e4",
    vmContributor: "9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
    networkContributor: "4d97b98b-1d4f-4787-a291-c67834d212e7",
    reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    vmUserLogin: "fb879df8-f326-4884-b1cf-06f3ad86be52",
    securityAdmin: "fb1c8493-542b-48eb-b624-b4c8fea62acd",
};
const CUSTOM_ROLE_GUID = "5a1c0f2e-7d3b-4e8a-9c61-2b4f8d0e6a13";

const PRIVILEGED = "6f1d2c3b-4a59-4e8f-9d7c-0b1a2c3d4e5f";
const SPECIALIZED = "7a2e3d4c-5b6a-4f9e-8d1c-1c2b3d4e5f60";
const NOBODY = "8b3f4e5d-6c7b-4a0f-9e2d-2d3c4e5f6071";
const MARKER = "SECRET-MARKER-rbac-91c4";

const config = {
    [POLICY]: {
        // Listed in lower case; fixtures use upper case as well, and must still match.
        privilegedPrincipalIds: [PRIVILEGED],
        specializedPrincipalIds: [SPECIALIZED.toUpperCase()],
    },
};

const subscriptionRole = (guid: string) =>
    `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const tenantRole = (guid: string) => `/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

function assignment(name: string, inputs: { principalId: unknown; roleDefinitionId: unknown; scope?: unknown }): FixtureResource {
    return resource(RA, name, {
        scope: ref("rgEnterprise"),
        principalType: "Group",
        description: secret(MARKER),
        ...inputs,
    });
}

// The scopes: an enterprise resource group and the privileged resource group holding a Bastion.
const scopes: FixtureResource[] = [
    resource(RG, "rgEnterprise", { resourceGroupName: "rg-apps", location: "westeurope", tags: { securityLevel: "enterprise" } }),
    resource(RG, "rgPrivileged", { resourceGroupName: "rg-admin", location: "westeurope", tags: { securityLevel: "Privileged" } }),
    resource(BASTION, "bastion", {
        resourceGroupName: ref("rgPrivileged", "name"),
        sku: { name: "Premium" },
        tags: { securityLevel: "privileged" },
    }),
];

const principals: FixtureResource[] = [
    resource(GROUP, "adminGroup", {
        displayName: "pa-admins",
        securityEnabled: true,
        assignableToRole: true,
        description: secret(MARKER),
    }),
    resource(GROUP, "plainGroup", { displayName: "app-team", securityEnabled: true }),
    resource(IDENTITY, "jobIdentity", { resourceGroupName: ref("rgEnterprise", "name"), location: "westeurope" }),
];

const customRoles: FixtureResource[] = [
    resource(RD, "customWildcard", {
        roleDefinitionId: "0d7c1e9a-3b2f-4c5d-8e6f-7a8b9c0d1e2f",
        roleName: "Ops everything",
        scope: `/subscriptions/${SUBSCRIPTION}`,
        permissions: [{ actions: ["*"], notActions: ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write"] }],
        assignableScopes: [`/subscriptions/${SUBSCRIPTION}`],
    }),
    resource(RD, "customRoleWriter", {
        roleDefinitionId: CUSTOM_ROLE_GUID,
        roleName: "Role writer",
        scope: `/subscriptions/${SUBSCRIPTION}`,
        permissions: [{ actions: ["Microsoft.Resources/subscriptions/resourceGroups/read", "microsoft.authorization/roleAssignments/*"] }],
    }),
    resource(RD, "customReader", {
        roleDefinitionId: "1e8d2f0b-4c3a-4d6e-9f70-8b9c0d1e2f30",
        roleName: "Reader with data",
        scope: `/subscriptions/${SUBSCRIPTION}`,
        permissions: [{ actions: ["*/read"], dataActions: ["*"] }],
    }),
];

// Every admin role, in every id form, granted to a principal listed nowhere: each blocks.
const adminToNobody: FixtureResource[] = [
    assignment("invalidOwnerBareGuid", { principalId: NOBODY, roleDefinitionId: ROLE.owner }),
    assignment("invalidContributorTenantPath", { principalId: NOBODY, roleDefinitionId: tenantRole(ROLE.contributor) }),
    assignment("invalidUserAccessAdminSubscriptionPath", {
        principalId: NOBODY,
        roleDefinitionId: subscriptionRole(ROLE.userAccessAdministrator),
    }),
    assignment("invalidRbacAdminUpperCase", { principalId: NOBODY, roleDefinitionId: ROLE.rbacAdministrator.toUpperCase() }),
    assignment("invalidVmAdminLoginScopedPath", {
        principalId: NOBODY,
        roleDefinitionId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-apps/providers/Microsoft.Authorization/roleDefinitions/${ROLE.vmAdministratorLogin}`,
    }),
    assignment("invalidVmContributorTrailingSlash", { principalId: NOBODY, roleDefinitionId: `${subscriptionRole(ROLE.vmContributor)}/` }),
    assignment("invalidNetworkContributor", { principalId: NOBODY.toUpperCase(), roleDefinitionId: ` ${ROLE.networkContributor} ` }),
    assignment("invalidCustomWildcardByRef", { principalId: NOBODY, roleDefinitionId: ref("customWildcard") }),
    assignment("invalidCustomRoleWriterByGuid", { principalId: NOBODY, roleDefinitionId: subscriptionRole(CUSTOM_ROLE_GUID) }),
    resource(PIM, "invalidEligibleOwnerToNobody", {
        scope: ref("rgEnterprise"),
        principalId: NOBODY,
        roleDefinitionId: subscriptionRole(ROLE.owner),
        scheduleInfo: { expiration: { type: "AfterDuration", duration: "P90D" } },
    }),
];

// Non-admin roles pass whoever holds them.
const nonAdmin: FixtureResource[] = [
    assignment("validReaderToNobody", { principalId: NOBODY, roleDefinitionId: subscriptionRole(ROLE.reader) }),
    assignment("validVmUserLoginToNobody", { principalId: NOBODY, roleDefinitionId: ROLE.vmUserLogin }),
    assignment("validCustomReaderToNobody", { principalId: NOBODY, roleDefinitionId: ref("customReader") }),
    assignment("validSecurityAdminToNobody", { principalId: NOBODY, roleDefinitionId: subscriptionRole(ROLE.securityAdmin) }),
];

// Principals that may administer, in either letter case, and principals created in the stack.
const listedAndCreated: FixtureResource[] = [
    assignment("validOwnerToPrivilegedUpperCase", { principalId: PRIVILEGED.toUpperCase(), roleDefinitionId: ROLE.owner }),
    assignment("validOwnerToPrivilegedOnBastionRg", {
        principalId: PRIVILEGED,
        roleDefinitionId: subscriptionRole(ROLE.owner),
        scope: ref("rgPrivileged"),
    }),
    assignment("validContributorToSpecializedOnEnterprise", { principalId: SPECIALIZED, roleDefinitionId: ROLE.contributor }),
    assignment("invalidContributorToSpecializedOnBastionRg", {
        principalId: SPECIALIZED.toUpperCase(),
        roleDefinitionId: ROLE.contributor,
        scope: ref("rgPrivileged"),
    }),
    assignment("invalidVmAdminLoginToSpecializedOnBastion", {
        principalId: SPECIALIZED,
        roleDefinitionId: ROLE.vmAdministratorLogin,
        scope: ref("bastion"),
    }),
    assignment("validOwnerToRoleAssignableGroup", {
        principalId: ref("adminGroup", "objectId"),
        roleDefinitionId: ROLE.owner,
        scope: ref("rgPrivileged"),
    }),
    resource(PIM, "validEligibleOwnerToRoleAssignableGroup", {
        scope: ref("rgPrivileged"),
        principalId: ref("adminGroup", "objectId"),
        roleDefinitionId: ref("customWildcard"),
        scheduleInfo: { expiration: { type: "AfterDuration", duration: "P90D" } },
    }),
    assignment("invalidOwnerToManagedIdentity", {
        principalId: ref("jobIdentity", "principalId"),
        roleDefinitionId: ROLE.owner,
    }),
    assignment("invalidOwnerToPlainGroup", { principalId: ref("plainGroup", "objectId"), roleDefinitionId: ROLE.owner }),
    assignment("invalidOwnerToUntraceable", { principalId: unknown(), roleDefinitionId: ROLE.owner }),
    assignment("validReaderToUntraceable", { principalId: unknown(), roleDefinitionId: ROLE.reader }),
];

const stack = [...scopes, ...principals, ...customRoles, ...adminToNobody, ...nonAdmin, ...listedAndCreated];

const expected = (lines: string[]) => lines.map((l) => `${POLICY} ${l}`).sort();

describe.each<Mode>(["known", "first-preview"])("admin-rbac-privileged-principals (%s ids)", (mode) => {
    it("blocks admin roles to principals that may not administer at the scope's level", async () => {
        const result = await run(stack, { mode, policyConfig: config });
        expect(verdicts(result, POLICY)).toEqual(
            expected([
                "invalidOwnerBareGuid mandatory",
                "invalidContributorTenantPath mandatory",
                "invalidUserAccessAdminSubscriptionPath mandatory",
                "invalidRbacAdminUpperCase mandatory",
                "invalidVmAdminLoginScopedPath mandatory",
                "invalidVmContributorTrailingSlash mandatory",
                "invalidNetworkContributor mandatory",
                "invalidCustomWildcardByRef mandatory",
                "invalidCustomRoleWriterByGuid mandatory",
                "invalidEligibleOwnerToNobody mandatory",
                "invalidContributorToSpecializedOnBastionRg mandatory",
                "invalidVmAdminLoginToSpecializedOnBastion mandatory",
                "invalidOwnerToManagedIdentity mandatory",
                "invalidOwnerToPlainGroup mandatory",
                // Enterprise scope: an untraceable principal cannot be verified, which is advisory here.
                "invalidOwnerToUntraceable advisory",
            ]),
        );
    });

    it("judges scopes without a tag, and scopes outside the stack, at the stack's level", async () => {
        const untagged = [
            ...scopes,
            resource(RG, "rgUntagged", { resourceGroupName: "rg-untagged", location: "westeurope" }),
            ...principals,
            assignment("invalidOwnerToUntraceable", { principalId: unknown(), roleDefinitionId: ROLE.owner, scope: ref("rgUntagged") }),
            assignment("invalidOwnerToManagedIdentity", {
                principalId: ref("jobIdentity", "principalId"),
                roleDefinitionId: ROLE.owner,
                scope: ref("rgUntagged"),
            }),
            assignment("invalidContributorToSpecializedNoScopeInStack", {
                principalId: SPECIALIZED,
                roleDefinitionId: ROLE.contributor,
                scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-elsewhere`,
            }),
            assignment("validOwnerToPrivileged", { principalId: PRIVILEGED, roleDefinitionId: ROLE.owner, scope: ref("rgUntagged") }),
            assignment("validReaderToUntraceable", { principalId: unknown(), roleDefinitionId: ROLE.reader, scope: ref("rgUntagged") }),
        ];
        const privileged = await run(untagged, {
            mode,
            policyConfig: config,
            stackTags: { securityLevel: "privileged" },
        });
        expect(verdicts(privileged, POLICY)).toEqual(
            expected([
                "invalidOwnerToUntraceable mandatory",
                "invalidOwnerToManagedIdentity mandatory",
                "invalidContributorToSpecializedNoScopeInStack mandatory",
            ]),
        );
    });

    it("lets a resource group's own tag set a lower level than the stack tag", async () => {
        const result = await run(stack, { mode, policyConfig: config, stackTags: { securityLevel: "privileged" } });
        expect(verdicts(result, POLICY)).toContain(`${POLICY} invalidOwnerToUntraceable advisory`);
        expect(verdicts(result, POLICY)).not.toContain(`${POLICY} validContributorToSpecializedOnEnterprise mandatory`);
    });

    it("treats roles from adminRoleDefinitionIds as admin roles", async () => {
        const extra = { [POLICY]: { ...config[POLICY], adminRoleDefinitionIds: [subscriptionRole(ROLE.securityAdmin.toUpperCase())] } };
        const result = await run([...scopes, ...nonAdmin, ...customRoles], { mode, policyConfig: extra });
        expect(verdicts(result, POLICY)).toEqual(expected(["validSecurityAdminToNobody mandatory"]));
    });

    it("blocks a managed identity's admin role at every level", async () => {
        const fixtures = [...scopes, ...principals];
        const atEnterprise = await run(
            [...fixtures, assignment("invalidOwnerToManagedIdentity", { principalId: ref("jobIdentity", "principalId"), roleDefinitionId: ROLE.owner })],
            { mode, policyConfig: config },
        );
        const atPrivileged = await run(
            [
                ...fixtures,
                assignment("invalidOwnerToManagedIdentity", {
                    principalId: ref("jobIdentity", "principalId"),
                    roleDefinitionId: ROLE.owner,
                    scope: ref("rgPrivileged"),
                }),
            ],
            { mode, policyConfig: config },
        );
        for (const result of [atEnterprise, atPrivileged]) {
            expect(verdicts(result, POLICY)).toEqual(expected(["invalidOwnerToManagedIdentity mandatory"]));
        }
    });

    it("blocks an untraceable principal at privileged and reports it as advisory below", async () => {
        const fixture = (level: string) => [
            resource(RG, "rg", { resourceGroupName: "rg-x", location: "westeurope", tags: { securityLevel: level } }),
            assignment("invalidOwnerToUntraceable", { principalId: unknown(), roleDefinitionId: ROLE.owner, scope: ref("rg") }),
        ];
        const levels: [string, string][] = [
            ["enterprise", "advisory"],
            ["specialized", "advisory"],
            ["privileged", "mandatory"],
        ];
        for (const [level, verdict] of levels) {
            const result = await run(fixture(level), { mode, policyConfig: config });
            expect(verdicts(result, POLICY), level).toEqual(expected([`invalidOwnerToUntraceable ${verdict}`]));
        }
    });

    it("never echoes a secret and names what is wrong and how to fix it", async () => {
        const result = await run(stack, { mode, policyConfig: config });
        const findings = result.findings.filter((f) => f.policyName === POLICY);
        expect(JSON.stringify(result.findings)).not.toContain(MARKER);
        expect(JSON.stringify(result.findings)).not.toContain("during preview: ");
        const byName = (name: string) => findings.find((f) => f.urn.endsWith(`::${name}`))?.message;
        expect(byName("invalidOwnerBareGuid")).toBe(
            `Role assignment invalidOwnerBareGuid grants the admin role Owner to principal ${NOBODY}, which is listed in neither privilegedPrincipalIds nor specializedPrincipalIds; at the enterprise level only specialized or privileged principals (a role-assignable Entra group, or an id in privilegedPrincipalIds or specializedPrincipalIds) may hold admin roles. Grant the role to a role-assignable Entra group (assignableToRole: true) or a principal listed in privilegedPrincipalIds or specializedPrincipalIds, or grant a non-admin role.`,
        );
        expect(byName("invalidOwnerToManagedIdentity")).toContain(
            "to the principal of jobIdentity (UserAssignedIdentity), which is not an Entra group",
        );
        expect(byName("invalidCustomWildcardByRef")).toContain("the admin role customWildcard (a custom role whose permissions[0].actions[0] is an admin action)");
        expect(byName("invalidContributorToSpecializedOnBastionRg")).toContain(
            `principal ${SPECIALIZED} (listed in specializedPrincipalIds); at the privileged level only privileged principals`,
        );
    });
});

describe("admin-rbac-privileged-principals undecidable input", () => {
    it("blocks a malformed role id at every level and an unknown custom role below privileged as advisory", async () => {
        const fixtures = [
            ...scopes,
            resource(RD, "customUnknown", {
                roleDefinitionId: "2f9e3a1c-5d4b-4e7f-8a81-9cad0e1f2a41",
                scope: `/subscriptions/${SUBSCRIPTION}`,
                permissions: unknown(),
            }),
            assignment("invalidRoleIdNotAGuid", { principalId: NOBODY, roleDefinitionId: "Owner" }),
            assignment("invalidRoleIdNumber", { principalId: NOBODY, roleDefinitionId: 42 }),
            assignment("invalidCustomUnknownPermissions", { principalId: NOBODY, roleDefinitionId: ref("customUnknown") }),
            assignment("invalidRoleIdUnknown", { principalId: NOBODY, roleDefinitionId: unknown() }),
            assignment("validRoleIdUnknownToPrivileged", { principalId: PRIVILEGED, roleDefinitionId: unknown() }),
            assignment("invalidPrincipalNotAGuid", { principalId: 7, roleDefinitionId: ROLE.owner }),
        ];
        const result = await run(fixtures, { policyConfig: config });
        expect(verdicts(result, POLICY)).toEqual(
            expected([
                "invalidRoleIdNotAGuid mandatory",
                "invalidRoleIdNumber mandatory",
                "invalidCustomUnknownPermissions advisory",
                "invalidRoleIdUnknown advisory",
                "invalidPrincipalNotAGuid mandatory",
            ]),
        );
    });

    it("reports an invalid stack tag and judges unscoped assignments at privileged", async () => {
        const result = await run(
            [assignment("invalidContributorToSpecialized", { principalId: SPECIALIZED, roleDefinitionId: ROLE.contributor, scope: `/subscriptions/${SUBSCRIPTION}` })],
            { policyConfig: config, stackTags: { securityLevel: "privilegd" } },
        );
        expect(verdicts(result, POLICY)).toEqual(
            expected(["(stack) mandatory", "invalidContributorToSpecialized mandatory"]),
        );
    });
});
