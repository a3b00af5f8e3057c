// The Easy Auth evaluator over the facts each provider's adapter reads: azure-native settings
// resources (v2, Container Apps, v1) and the classic provider's inline blocks, with their own paths.
import { describe, expect, it } from "vitest";
import { azureNativeAppAuth } from "../../policy-pack/src/adapters/app-auth-azure-native";
import { classicAppAuth } from "../../policy-pack/src/adapters/app-auth-classic";
import { authProblems } from "../../policy-pack/src/azure/easy-auth";
import { UNKNOWN_STRING } from "../../policy-pack/src/engine/values";
import { stackOf } from "./stack-view";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "3f1c6b9e-2f6e-4c6b-9a51-1d2f3e4a5b6c";

const v2 = {
    name: "admin-portal",
    resourceGroupName: "rg-admin",
    platform: { enabled: true },
    globalValidation: { requireAuthentication: true, unauthenticatedClientAction: "RedirectToLoginPage", redirectToProvider: "azureactivedirectory" },
    identityProviders: {
        azureActiveDirectory: {
            enabled: true,
            registration: { clientId: CLIENT, openIdIssuer: `https://login.microsoftonline.com/${TENANT}/v2.0`, clientSecretSettingName: "AUTH_SECRET" },
            validation: { allowedAudiences: [`api://${CLIENT}`] },
        },
    },
};

const containerApps = {
    containerAppName: "admin-api",
    resourceGroupName: "rg-admin",
    authConfigName: "current",
    platform: { enabled: true },
    globalValidation: { unauthenticatedClientAction: "Return401" },
    identityProviders: v2.identityProviders,
};

const v1 = {
    name: "legacy-admin",
    resourceGroupName: "rg-admin",
    enabled: true,
    defaultProvider: "AzureActiveDirectory",
    unauthenticatedClientAction: "RedirectToLoginPage",
    clientId: CLIENT,
    issuer: `https://sts.windows.net/${TENANT}/`,
};

const NATIVE = {
    v2: { app: "azure-native:web:WebApp", settings: "azure-native:web:WebAppAuthSettingsV2", key: "name" },
    v1: { app: "azure-native:web:WebApp", settings: "azure-native:web:WebAppAuthSettings", key: "name" },
    containerApps: { app: "azure-native:app:ContainerApp", settings: "azure-native:app:ContainerAppsAuthConfig", key: "containerAppName" },
};

/** The findings for one settings resource, joined to its app as the adapter joins it. */
function problems(shape: keyof typeof NATIVE, props: Record<string, unknown>) {
    const { app, settings, key } = NATIVE[shape];
    const view = stackOf([
        { type: app, name: "app", props: { resourceGroupName: "rg-admin" } },
        { type: settings, name: "auth", props, deps: { [key]: ["app"] } },
    ]);
    const [published] = azureNativeAppAuth.publishedApps(view);
    return published.sources.flatMap((s) => authProblems(s.facts));
}

const messages = (shape: keyof typeof NATIVE, props: Record<string, unknown>) =>
    problems(shape, props).map((p) => `${p.unknown ? "unknown" : "violation"}: ${p.message}`);

describe("v2 authentication settings (App Service)", () => {
    it("accepts Entra-only, required sign-in pinned to one tenant", () => {
        expect(messages("v2", v2)).toEqual([]);
        expect(messages("v2", { ...v2, globalValidation: { requireAuthentication: true } })).toEqual([]);
    });

    it("requires authentication on and required", () => {
        expect(messages("v2", { ...v2, platform: { enabled: false }, globalValidation: { requireAuthentication: false } })).toEqual([
            "violation: platform.enabled is false. Set platform.enabled to true to turn authentication on.",
            "violation: globalValidation.requireAuthentication is false. Set globalValidation.requireAuthentication to true so that every request must sign in.",
        ]);
        expect(messages("v2", { ...v2, platform: undefined })[0]).toBe("violation: platform.enabled is not set. Set platform.enabled to true to turn authentication on.");
    });

    it("blocks AllowAnonymous and unrecognised actions", () => {
        expect(messages("v2", { ...v2, globalValidation: { requireAuthentication: true, unauthenticatedClientAction: "allowanonymous" } })).toEqual([
            "violation: globalValidation.unauthenticatedClientAction is AllowAnonymous, so requests reach the app without signing in. Set globalValidation.unauthenticatedClientAction to RedirectToLoginPage (or Return401 / Return403 for APIs).",
        ]);
        expect(messages("v2", { ...v2, globalValidation: { requireAuthentication: true, unauthenticatedClientAction: "SECRET-MARKER" } })[0]).toContain(
            "is not one of RedirectToLoginPage, AllowAnonymous, Return401, Return403",
        );
    });

    it("requires sign-in to redirect to Entra, not to a custom OpenID provider", () => {
        const custom = {
            ...v2,
            globalValidation: { ...v2.globalValidation, redirectToProvider: "okta" },
            identityProviders: {
                ...v2.identityProviders,
                customOpenIdConnectProviders: { okta: { registration: { clientId: "x", openIdConnectConfiguration: { wellKnownOpenIdConfiguration: "https://okta.example/.well-known" } } } },
            },
        };
        expect(messages("v2", custom)).toEqual([
            "violation: globalValidation.redirectToProvider sends sign-in to a provider other than Microsoft Entra ID. Set it to azureactivedirectory.",
            "violation: identityProviders.customOpenIdConnectProviders.okta is enabled, so users can sign in without Microsoft Entra ID. Remove it, or set its enabled to false.",
        ]);
    });

    it("blocks other enabled identity providers but not disabled ones", () => {
        const providers = { ...v2.identityProviders, google: { registration: { clientId: "g" } }, gitHub: { enabled: false, registration: { clientId: "h" } } };
        expect(messages("v2", { ...v2, identityProviders: providers })).toEqual([
            "violation: identityProviders.google is enabled, so users can sign in without Microsoft Entra ID. Remove it, or set its enabled to false.",
        ]);
    });

    it("requires the Entra provider, enabled, with a client id and a tenant-specific issuer", () => {
        expect(messages("v2", { ...v2, identityProviders: {} })[0]).toMatch(/^violation: identityProviders\.azureActiveDirectory is not configured/);
        expect(
            messages("v2", { ...v2, identityProviders: { azureActiveDirectory: { enabled: false, registration: v2.identityProviders.azureActiveDirectory.registration } } }),
        ).toEqual(["violation: identityProviders.azureActiveDirectory.enabled is false. Set it to true (or leave it out)."]);
        expect(messages("v2", { ...v2, identityProviders: { azureActiveDirectory: { registration: { openIdIssuer: "https://login.microsoftonline.com/common/v2.0" } } } })).toEqual([
            "violation: identityProviders.azureActiveDirectory.registration.clientId is not set: set it to the application (client) ID of the app registration.",
            "violation: identityProviders.azureActiveDirectory.registration.openIdIssuer names common instead of a tenant, which lets accounts of other tenants sign in. Set it to https://login.microsoftonline.com/<tenant-id>/v2.0 (or https://sts.windows.net/<tenant-id>/).",
        ]);
        expect(messages("v2", { ...v2, identityProviders: { azureActiveDirectory: { registration: { clientId: CLIENT } } } })[0]).toContain(
            "openIdIssuer is not set, so the app does not pin sign-in to your Entra tenant",
        );
    });

    it("treats unknown values as undecided", () => {
        expect(messages("v2", { ...v2, platform: { enabled: UNKNOWN_STRING } })).toEqual([
            "unknown: platform.enabled cannot be known during preview, so Entra sign-in cannot be verified.",
        ]);
        expect(problems("v2", { ...v2, identityProviders: UNKNOWN_STRING }).map((p) => p.unknown)).toEqual([true]);
        const reg = { ...v2, identityProviders: { azureActiveDirectory: { registration: { clientId: UNKNOWN_STRING, openIdIssuer: UNKNOWN_STRING } } } };
        expect(problems("v2", reg).map((p) => p.unknown)).toEqual([true, true]);
    });
});

describe("Container Apps authentication settings", () => {
    it("accepts Entra-only sign-in with anonymous requests refused", () => {
        expect(messages("containerApps", containerApps)).toEqual([]);
    });

    it("needs the unauthenticated action set, since Container Apps have no requireAuthentication", () => {
        expect(messages("containerApps", { ...containerApps, globalValidation: {} })).toEqual([
            "violation: globalValidation.unauthenticatedClientAction is not set, so anonymous requests are not refused. Set globalValidation.unauthenticatedClientAction to RedirectToLoginPage (or Return401 / Return403 for APIs).",
        ]);
        expect(messages("containerApps", { ...containerApps, globalValidation: { unauthenticatedClientAction: "AllowAnonymous" } })[0]).toContain("is AllowAnonymous");
    });
});

describe("v1 authentication settings", () => {
    it("counts when enabled with Entra as default provider and RedirectToLoginPage", () => {
        expect(messages("v1", v1)).toEqual([]);
    });

    it("blocks each missing piece", () => {
        expect(messages("v1", { ...v1, enabled: false, defaultProvider: "Google", unauthenticatedClientAction: "AllowAnonymous", googleClientId: "g.apps" })).toEqual([
            "violation: enabled is false. Set enabled to true to turn authentication on.",
            "violation: defaultProvider is Google: sign-in must go to Microsoft Entra ID. Set it to AzureActiveDirectory.",
            "violation: unauthenticatedClientAction is not RedirectToLoginPage, so anonymous requests are not sent to Entra sign-in. Set it to RedirectToLoginPage.",
            "violation: googleClientId is set, so users can sign in without Microsoft Entra ID. Remove it.",
        ]);
        expect(messages("v1", { ...v1, defaultProvider: undefined, issuer: undefined })).toEqual([
            "violation: defaultProvider is not set: sign-in must go to Microsoft Entra ID. Set it to AzureActiveDirectory.",
            "violation: issuer is not set, so the app does not pin sign-in to your Entra tenant. Set it to https://login.microsoftonline.com/<tenant-id>/v2.0 (or https://sts.windows.net/<tenant-id>/).",
        ]);
    });

    it("treats unknown values as undecided", () => {
        expect(problems("v1", { ...v1, enabled: UNKNOWN_STRING, issuer: UNKNOWN_STRING }).map((p) => p.unknown)).toEqual([true, true]);
    });
});

describe("the Entra client id", () => {
    it("must be a GUID", () => {
        const registration = { clientId: "admin-portal", openIdIssuer: `https://login.microsoftonline.com/${TENANT}/v2.0` };
        expect(messages("v2", { ...v2, identityProviders: { azureActiveDirectory: { registration } } })).toEqual([
            "violation: identityProviders.azureActiveDirectory.registration.clientId is not a GUID: set it to the application (client) ID of the app registration.",
        ]);
        expect(messages("v1", { ...v1, clientId: 42 })).toEqual(["violation: clientId is not a GUID: set it to the application (client) ID of the app registration."]);
    });
});

describe("classic inline settings", () => {
    const entraV1 = { enabled: true, unauthenticatedClientAction: "RedirectToLoginPage", issuer: `https://sts.windows.net/${TENANT}/`, activeDirectory: { clientId: CLIENT } };

    /** The findings for one classic app (token `azure:appservice/<file>:<Class>`) with these inputs. */
    const classicMessages = (type: string, props: Record<string, unknown>) => {
        const [published] = classicAppAuth.publishedApps(stackOf([{ type, name: "app", props: { name: "admin-portal", ...props } }]));
        return published.sources.flatMap((s) => authProblems(s.facts)).map((p) => `${p.unknown ? "unknown" : "violation"}: ${p.message}`);
    };

    it("names the v1 default provider in each resource's own spelling", () => {
        expect(classicMessages("azure:appservice/linuxWebApp:LinuxWebApp", { authSettings: { ...entraV1, defaultProvider: "BuiltInAuthenticationProviderGoogle" } })).toEqual([
            "violation: authSettings.defaultProvider is BuiltInAuthenticationProviderGoogle: sign-in must go to Microsoft Entra ID. Set it to BuiltInAuthenticationProviderAzureActiveDirectory.",
        ]);
        expect(classicMessages("azure:appservice/appService:AppService", { authSettings: { ...entraV1, defaultProvider: "google" } })).toEqual([
            "violation: authSettings.defaultProvider is Google: sign-in must go to Microsoft Entra ID. Set it to AzureActiveDirectory.",
        ]);
        expect(classicMessages("azure:appservice/appService:AppService", { authSettings: { ...entraV1, defaultProvider: "AzureActiveDirectory" } })).toEqual([]);
    });

    it("reads only v1 settings on the legacy resources", () => {
        expect(classicMessages("azure:appservice/functionApp:FunctionApp", { authSettingsV2: { authEnabled: false }, authSettings: { ...entraV1, defaultProvider: "AzureActiveDirectory" } })).toEqual([]);
    });

    it("treats unknown blocks as undecided, each at its own path", () => {
        expect(classicMessages("azure:appservice/linuxWebApp:LinuxWebApp", { authSettings: { ...entraV1, defaultProvider: "AzureActiveDirectory", activeDirectory: UNKNOWN_STRING } })).toEqual([
            "unknown: authSettings.activeDirectory cannot be known during preview, so Entra sign-in cannot be verified.",
        ]);
        const v2Block = {
            authEnabled: true,
            requireAuthentication: true,
            activeDirectoryV2: { clientId: CLIENT, tenantAuthEndpoint: `https://login.microsoftonline.com/${TENANT}/v2.0/` },
            customOidcV2s: UNKNOWN_STRING,
            googleV2: UNKNOWN_STRING,
        };
        expect(classicMessages("azure:appservice/windowsFunctionApp:WindowsFunctionApp", { authSettingsV2: v2Block })).toEqual([
            "unknown: authSettingsV2.googleV2 cannot be known during preview, so Entra-only sign-in cannot be verified.",
            "unknown: authSettingsV2.customOidcV2s cannot be known during preview, so Entra-only sign-in cannot be verified.",
        ]);
    });
});
