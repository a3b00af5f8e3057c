// INSECURE: privileged access that is standing instead of just in time — an automation identity
// created in the stack holds Contributor on the privileged management resource group, an admin
// group's Owner eligibility never expires, activation needs neither approval nor MFA and lasts a
// day, and Defender JIT opens RDP to any source for a day.
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as resources from "@pulumi/azure-native/resources";
import * as security from "@pulumi/azure-native/security";

const subscription = "00000000-0000-0000-0000-000000000000";
const role = (guid: string) => `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const owner = role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635");
const contributor = role("b24988ac-6180-42a0-ab88-20f7382dd24c");
// The privileged administrators' role-assignable group (listed in privilegedPrincipalIds).
const adminGroupId = "9a7c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4";

const rg = new resources.ResourceGroup("managementRg", { location: "westeurope", tags: { securityLevel: "privileged" } });

// A managed identity is a workload, never a privileged administrator.
const automation = new managedidentity.UserAssignedIdentity("automationIdentity", {
    resourceGroupName: rg.name,
    location: "westeurope",
});
new authorization.RoleAssignment("automationContributor", {
    scope: rg.id,
    principalId: automation.principalId,
    principalType: "ServicePrincipal",
    roleDefinitionId: contributor,
});

new authorization.PimRoleEligibilitySchedule("adminsEligibleOwnerForever", {
    scope: rg.id,
    principalId: adminGroupId,
    roleDefinitionId: owner,
    justification: "Tier-0 administrators",
    scheduleInfo: { expiration: { type: "NoExpiration" } },
});

new authorization.RoleManagementPolicy("ownerActivationPolicy", {
    scope: rg.id,
    roleManagementPolicyName: "a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b",
    rules: [
        {
            id: "Expiration_EndUser_Assignment",
            ruleType: "RoleManagementPolicyExpirationRule",
            isExpirationRequired: true,
            maximumDuration: "P1D",
            target: { caller: "EndUser", operations: ["All"], level: "Assignment" },
        },
        {
            id: "Enablement_EndUser_Assignment",
            ruleType: "RoleManagementPolicyEnablementRule",
            enabledRules: ["Justification"],
            target: { caller: "EndUser", operations: ["All"], level: "Assignment" },
        },
    ],
});

new security.JitNetworkAccessPolicy("jumpHostJit", {
    resourceGroupName: rg.name,
    ascLocation: "westeurope",
    kind: "Basic",
    virtualMachines: [
        {
            id: `/subscriptions/${subscription}/resourceGroups/rg-management/providers/Microsoft.Compute/virtualMachines/jump01`,
            ports: [{ number: 3389, protocol: "TCP", allowedSourceAddressPrefix: "*", maxRequestAccessDuration: "PT24H" }],
        },
    ],
});
