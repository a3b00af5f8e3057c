// INSECURE: written with the classic @pulumi/azure provider (Terraform azurerm) — an automation
// identity created in the stack holds a standing Owner assignment on the privileged management
// resource group. azurerm names built-in roles by roleDefinitionName; a managed identity is a
// workload, never a privileged administrator, and at the privileged level admin roles come through
// PIM eligibility, not standing assignments. Its Reader assignment passes.
import * as authorization from "@pulumi/azure/authorization";
import * as core from "@pulumi/azure/core";

const rg = new core.ResourceGroup("managementRg", { location: "westeurope", tags: { securityLevel: "privileged" } });

const automation = new authorization.UserAssignedIdentity("automationIdentity", {
    resourceGroupName: rg.name,
    location: rg.location,
});

new authorization.Assignment("automationOwner", {
    scope: rg.id,
    roleDefinitionName: "Owner",
    principalId: automation.principalId,
    principalType: "ServicePrincipal",
});

new authorization.Assignment("automationReader", {
    scope: rg.id,
    roleDefinitionName: "Reader",
    principalId: automation.principalId,
    principalType: "ServicePrincipal",
});
