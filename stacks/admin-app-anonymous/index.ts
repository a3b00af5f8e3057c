// INSECURE: the same admin portal published to the internet with App Service authentication set to
// let anonymous requests through — the app's own login page is the only gate.
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";

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
    siteConfig: { linuxFxVersion: "NODE|20-lts", minTlsVersion: "1.2" },
});

new web.WebAppAuthSettingsV2("adminPortalAuth", {
    resourceGroupName: rg.name,
    name: app.name,
    platform: { enabled: true },
    globalValidation: { requireAuthentication: false, unauthenticatedClientAction: "AllowAnonymous" },
    identityProviders: {
        azureActiveDirectory: {
            enabled: true,
            registration: { clientId: "3e1b7c2a-9d4f-4e8a-b6c5-0f1e2d3c4b5a", openIdIssuer: "https://login.microsoftonline.com/common/v2.0" },
        },
    },
});
