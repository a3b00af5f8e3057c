// INSECURE: a named cloud account gets Global Administrator as a standing (permanent, always
// active) directory role assignment. Tier-0 access should be eligible through PIM, activated just
// in time, and held by a role-assignable group — not assigned to a user around the clock.
import * as pulumi from "@pulumi/pulumi";
import * as azuread from "@pulumi/azuread";

const config = new pulumi.Config();
// The initial password comes from stack config as a secret (Pulumi.dev.yaml holds a placeholder
// ciphertext, not a real password); the user must change it at first sign-in.
const initialPassword = config.requireSecret("initialPassword");

const admin = new azuread.User("opsAdmin", {
    userPrincipalName: "ops.admin@contoso.onmicrosoft.com",
    displayName: "Operations Administrator",
    mailNickname: "ops.admin",
    department: "IT Operations",
    usageLocation: "NL",
    password: initialPassword,
    forcePasswordChange: true,
});

new azuread.DirectoryRoleAssignment("opsAdminGlobalAdministrator", {
    roleId: "62e90394-69f5-4237-9190-012177145e10", // Global Administrator (template id)
    principalObjectId: admin.objectId,
    directoryScopeId: "/",
});
