// INSECURE: an on-premises admin portal published through Microsoft Entra application proxy
// (non-gallery application template; the service principal carries the App Proxy tags) without
// "assignment required": every user of the tenant can obtain a token for it and reach the portal.
import * as azuread from "@pulumi/azuread";

// The "non-gallery application" template: how Entra ID creates on-premises (App Proxy) applications.
const nonGalleryTemplateId = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621";

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
new azuread.ServicePrincipal("opsPortalSp", {
    clientId: portal.clientId,
    useExisting: true,
    tags: ["WindowsAzureActiveDirectoryOnPremApp", "WindowsAzureActiveDirectoryIntegratedApp"],
});
