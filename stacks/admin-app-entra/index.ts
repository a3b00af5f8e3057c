// SECURE: an internal admin portal published like an App Proxy app — every request must sign in
// with Microsoft Entra ID against one tenant before it reaches the app.
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";

const config = new pulumi.Config();
const tenantId = config.get("tenantId") ?? "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";
const clientId = config.get("clientId") ?? "3e1b7c2a-9d4f-4e8a-b6c5-0f1e2d3c4b5a";

const rg = new resources.ResourceGroup("portalRg", { location: "westeurope" });

const plan = new web.AppServicePlan("portalPlan", {
    resourceGroupName: rg.name,
    kind: "linux",
    reserved: true,
    sku: { name: "P1v3", tier: "PremiumV3" },
});

const app = new web.WebApp("adminPortal", {
    resourceGroupName: rg.name,
    serverFarmId: plan.id,
    httpsOnly: true,
    tags: { intermediary: "app-proxy" },
    siteConfig: { linuxFxVersion: "NODE|20-lts", minTlsVersion: "1.2", ftpsState: "Disabled" },
});

new web.WebAppAuthSettingsV2("adminPortalAuth", {
    resourceGroupName: rg.name,
    name: app.name,
    platform: { enabled: true },
    globalValidation: {
        requireAuthentication: true,
        unauthenticatedClientAction: "RedirectToLoginPage",
        redirectToProvider: "azureactivedirectory",
    },
    identityProviders: {
        azureActiveDirectory: {
            enabled: true,
            registration: {
                clientId,
                openIdIssuer: `https://login.microsoftonline.com/${tenantId}/v2.0`,
            },
        },
    },
});
