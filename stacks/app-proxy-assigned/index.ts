// SECURE: the same on-premises admin portal published through Microsoft Entra application proxy,
// but "assignment required" is on and only the portal's administrators' group is assigned the
// application (its default access role), so nobody else can obtain a token for it.
import * as azuread from "@pulumi/azuread";

// The "non-gallery application" template: how Entra ID creates on-premises (App Proxy) applications.
const nonGalleryTemplateId = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621";
// An application without app roles is assigned through its default access role.
const defaultAccessRoleId = "00000000-0000-0000-0000-000000000000";

const portal = new azuread.Application("opsPortal", {
    displayName: "Ops admin portal (on-premises)",
    templateId: nonGalleryTemplateId,
    identifierUris: ["https://opsportal-contoso.msappproxy.net/"],
    web: {
        homepageUrl: "https://opsportal-contoso.msappproxy.net/",
        redirectUris: ["https://opsportal-contoso.msappproxy.net/"],
    },
});

// Instantiating the template already created the service principal: manage it.
const portalSp = new azuread.ServicePrincipal("opsPortalSp", {
    clientId: portal.clientId,
    useExisting: true,
    appRoleAssignmentRequired: true,
    tags: ["WindowsAzureActiveDirectoryOnPremApp", "WindowsAzureActiveDirectoryIntegratedApp"],
});

const portalAdmins = new azuread.Group("opsPortalAdmins", {
    displayName: "App - Ops admin portal - Administrators",
    description: "The only principals assigned to the on-premises ops admin portal.",
    securityEnabled: true,
});

new azuread.AppRoleAssignment("opsPortalAdminsAccess", {
    appRoleId: defaultAccessRoleId,
    principalObjectId: portalAdmins.objectId,
    resourceObjectId: portalSp.objectId,
});
