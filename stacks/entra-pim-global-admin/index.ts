// SECURE: Global Administrator is never assigned standing. A role-assignable security group of
// tier-0 administrators is made *eligible* for the role through Privileged Identity Management;
// members activate it just in time, and membership of a role-assignable group can only be managed
// by Privileged Role Administrators and Global Administrators.
import * as azuread from "@pulumi/azuread";

const tier0Admins = new azuread.Group("tier0Admins", {
    displayName: "PIM - Tier 0 - Global Administrators",
    description: "Eligible for Global Administrator through PIM. Membership managed by the identity team.",
    securityEnabled: true,
    assignableToRole: true,
});

new azuread.DirectoryRoleEligibilityScheduleRequest("tier0AdminsEligibleGlobalAdministrator", {
    roleDefinitionId: "62e90394-69f5-4237-9190-012177145e10", // Global Administrator (template id)
    principalId: tier0Admins.objectId,
    directoryScopeId: "/",
    justification: "Tier-0 administrators: Global Administrator only on just-in-time activation",
});
