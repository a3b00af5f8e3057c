// INSECURE: a standing Owner assignment on the privileged management resource group, granted to an
// ordinary user account that is not one of the privileged administrators.
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("managementRg", { location: "westeurope", tags: { securityLevel: "privileged" } });

new authorization.RoleAssignment("helpdeskOwner", {
    scope: rg.id,
    principalId: "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a",
    principalType: "User",
    roleDefinitionId: "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
});

new authorization.RoleAssignment("helpdeskReader", {
    scope: rg.id,
    principalId: "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a",
    principalType: "User",
    roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7",
});
