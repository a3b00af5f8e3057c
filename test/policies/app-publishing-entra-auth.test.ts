// app-publishing-entra-auth through the engine protocol: web apps, slots, function apps and container
// apps joined to their authentication settings (v2, v1, Container Apps) by propertyDependencies or by
// name, scoped by the app-proxy tag or the level; unknowns by level; secrets — in both modes.
import { describe, expect, it } from "vitest";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, secret, unknown } from "../harness/stack";

const POLICY = "app-publishing-entra-auth";
const PLAN = "azure-native:web:AppServicePlan";
const APP = "azure-native:web:WebApp";
const SLOT = "azure-native:web:WebAppSlot";
const AUTH_V2 = "azure-native:web:WebAppAuthSettingsV2";
const AUTH_V2_SLOT = "azure-native:web:WebAppAuthSettingsV2Slot";
const AUTH_V1 = "azure-native:web:WebAppAuthSettings";
const ENV = "azure-native:app:ManagedEnvironment";
const CONTAINER_APP = "azure-native:app:ContainerApp";
const CONTAINER_AUTH = "azure-native:app:ContainerAppsAuthConfig";

const RG = "rg-admin-apps";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "3f1c6b9e-2f6e-4c6b-9a51-1d2f3e4a5b6c";
const MARKER = "SECRET-MARKER-app-8e1f";
const PROXY = { intermediary: "app-proxy" };

const base: FixtureResource[] = [
    resource(PLAN, "adminPlan", { resourceGroupName: RG, name: "asp-admin", location: "westeurope", kind: "linux", reserved: true, sku: { name: "P1v3", tier: "PremiumV3" } }),
    resource(ENV, "adminEnv", { resourceGroupName: RG, environmentName: "cae-admin", location: "westeurope" }),
];

function webApp(name: string, extra: Record<string, unknown> = {}): FixtureResource {
    return resource(APP, name, {
        resourceGroupName: RG,
        name: `app-${name.toLowerCase()}`,
        location: "westeurope",
        kind: "app,linux",
        serverFarmId: ref("adminPlan"),
        httpsOnly: true,
        siteConfig: { linuxFxVersion: "DOTNETCORE|8.0", minTlsVersion: "1.2", appSettings: [{ name: "DB_PASSWORD", value: secret(MARKER) }] },
        ...extra,
    });
}

const entraProvider = {
    enabled: true,
    registration: { clientId: CLIENT, clientSecretSettingName: "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET", openIdIssuer: `https://login.microsoftonline.com/${TENANT}/v2.0` },
    validation: { allowedAudiences: [`api://${CLIENT}`] },
};

const v2 = {
    platform: { enabled: true, runtimeVersion: "~1" },
    globalValidation: { requireAuthentication: true, unauthenticatedClientAction: "RedirectToLoginPage", redirectToProvider: "azureactivedirectory" },
    identityProviders: { azureActiveDirectory: entraProvider },
    login: { tokenStore: { enabled: true } },
    httpSettings: { requireHttps: true },
};

function authV2(name: string, app: string, overrides: Record<string, unknown> = {}, byName = false): FixtureResource {
    return resource(AUTH_V2, name, { resourceGroupName: RG, name: byName ? `app-${app.toLowerCase()}` : ref(app, "name"), ...v2, ...overrides });
}

const containerAuth = {
    platform: { enabled: true },
    globalValidation: { unauthenticatedClientAction: "Return401" },
    identityProviders: { azureActiveDirectory: entraProvider },
};

function containerApp(name: string, extra: Record<string, unknown> = {}): FixtureResource {
    return resource(CONTAINER_APP, name, {
        resourceGroupName: RG,
        containerAppName: `ca-${name.toLowerCase()}`,
        location: "westeurope",
        managedEnvironmentId: ref("adminEnv"),
        configuration: { ingress: { external: true, targetPort: 8080 }, secrets: [{ name: "db", value: secret(MARKER) }] },
        template: { containers: [{ name: "api", image: "mcr.microsoft.com/k8se/quickstart:latest" }] },
        ...extra,
    });
}

function containerAuthConfig(name: string, app: string, overrides: Record<string, unknown> = {}): FixtureResource {
    return resource(CONTAINER_AUTH, name, { resourceGroupName: RG, containerAppName: ref(app, "name"), authConfigName: "current", ...containerAuth, ...overrides });
}

const stack: FixtureResource[] = [
    ...base,
    webApp("validProxyApp", { tags: PROXY }),
    authV2("validProxyAppAuth", "validProxyApp"),
    // A slot inherits the app-proxy tag of its app; its settings are joined by app name and slot name.
    resource(SLOT, "validProxySlot", { resourceGroupName: RG, name: ref("validProxyApp", "name"), slot: "staging", location: "westeurope", serverFarmId: ref("adminPlan") }),
    resource(AUTH_V2_SLOT, "validProxySlotAuth", { resourceGroupName: RG, name: ref("validProxyApp", "name"), slot: "staging", ...v2 }),
    // A function app with v1 settings, joined by name only.
    webApp("validFunctionApp", { kind: "functionapp,linux", tags: { Intermediary: "App-Proxy" } }),
    resource(AUTH_V1, "validFunctionAppAuth", {
        resourceGroupName: RG,
        name: "app-validfunctionapp",
        enabled: true,
        defaultProvider: "AzureActiveDirectory",
        unauthenticatedClientAction: "RedirectToLoginPage",
        clientId: CLIENT,
        clientSecret: secret(MARKER),
        issuer: `https://sts.windows.net/${TENANT}/`,
        tokenStoreEnabled: true,
    }),
    containerApp("validContainerApp", { tags: PROXY }),
    containerAuthConfig("validContainerAppAuth", "validContainerApp"),
    // Not published and at enterprise level: out of scope (in scope from specialized).
    webApp("validUnpublishedApp"),
    webApp("invalidNoAuthProxyApp", { tags: PROXY }),
    webApp("invalidAnonymousProxyApp", { tags: PROXY }),
    authV2("invalidAnonymousProxyAppAuth", "invalidAnonymousProxyApp", {
        globalValidation: { requireAuthentication: true, unauthenticatedClientAction: "AllowAnonymous" },
    }),
    webApp("invalidNotRequiredProxyApp", { tags: PROXY }),
    authV2("invalidNotRequiredProxyAppAuth", "invalidNotRequiredProxyApp", { globalValidation: { requireAuthentication: false } }, true),
    webApp("invalidPlatformOffProxyApp", { tags: PROXY }),
    authV2("invalidPlatformOffProxyAppAuth", "invalidPlatformOffProxyApp", { platform: { enabled: false } }),
    webApp("invalidCommonIssuerProxyApp", { tags: PROXY }),
    authV2("invalidCommonIssuerProxyAppAuth", "invalidCommonIssuerProxyApp", {
        identityProviders: { azureActiveDirectory: { ...entraProvider, registration: { clientId: CLIENT, openIdIssuer: "https://login.microsoftonline.com/organizations/v2.0" } } },
    }),
    webApp("invalidSecretIssuerProxyApp", { tags: PROXY }),
    authV2("invalidSecretIssuerProxyAppAuth", "invalidSecretIssuerProxyApp", {
        identityProviders: { azureActiveDirectory: { ...entraProvider, registration: { clientId: CLIENT, openIdIssuer: secret(MARKER) } } },
    }),
    webApp("invalidGoogleProxyApp", { tags: PROXY }),
    authV2("invalidGoogleProxyAppAuth", "invalidGoogleProxyApp", {
        identityProviders: { azureActiveDirectory: entraProvider, google: { registration: { clientId: "123.apps.googleusercontent.com" } } },
    }),
    webApp("invalidCustomOidcProxyApp", { tags: PROXY }),
    authV2("invalidCustomOidcProxyAppAuth", "invalidCustomOidcProxyApp", {
        globalValidation: { requireAuthentication: true, unauthenticatedClientAction: "RedirectToLoginPage", redirectToProvider: "okta" },
        identityProviders: {
            azureActiveDirectory: entraProvider,
            customOpenIdConnectProviders: {
                okta: { registration: { clientId: "okta-client", openIdConnectConfiguration: { wellKnownOpenIdConfiguration: "https://example.okta.com/.well-known/openid-configuration" } } },
            },
        },
    }),
    webApp("invalidV1AnonymousProxyApp", { tags: PROXY }),
    resource(AUTH_V1, "invalidV1AnonymousProxyAppAuth", {
        resourceGroupName: RG,
        name: ref("invalidV1AnonymousProxyApp", "name"),
        enabled: true,
        defaultProvider: "AzureActiveDirectory",
        unauthenticatedClientAction: "AllowAnonymous",
        clientId: CLIENT,
        issuer: `https://sts.windows.net/${TENANT}/`,
    }),
    resource(SLOT, "invalidNoAuthProxySlot", { resourceGroupName: RG, name: ref("validProxyApp", "name"), slot: "canary", location: "westeurope", serverFarmId: ref("adminPlan") }),
    containerApp("invalidNoAuthProxyContainerApp", { tags: PROXY }),
    containerApp("invalidAnonymousProxyContainerApp", { tags: PROXY }),
    containerAuthConfig("invalidAnonymousProxyContainerAppAuth", "invalidAnonymousProxyContainerApp", { globalValidation: { unauthenticatedClientAction: "AllowAnonymous" } }),
];

const BASELINE = [
    `${POLICY} invalidAnonymousProxyApp mandatory`,
    `${POLICY} invalidAnonymousProxyContainerApp mandatory`,
    `${POLICY} invalidCommonIssuerProxyApp mandatory`,
    // The redirect target and the enabled custom provider.
    `${POLICY} invalidCustomOidcProxyApp mandatory`,
    `${POLICY} invalidCustomOidcProxyApp mandatory`,
    `${POLICY} invalidGoogleProxyApp mandatory`,
    `${POLICY} invalidNoAuthProxyApp mandatory`,
    `${POLICY} invalidNoAuthProxyContainerApp mandatory`,
    `${POLICY} invalidNoAuthProxySlot mandatory`,
    `${POLICY} invalidNotRequiredProxyApp mandatory`,
    `${POLICY} invalidPlatformOffProxyApp mandatory`,
    `${POLICY} invalidSecretIssuerProxyApp mandatory`,
    `${POLICY} invalidV1AnonymousProxyApp mandatory`,
];

describe.each<Mode>(["known", "first-preview"])("app-publishing-entra-auth (%s ids)", (mode) => {
    it("blocks published apps without Entra-only sign-in and passes the rest", async () => {
        expect(verdicts(await run(stack, { mode }), POLICY)).toEqual(BASELINE);
    });

    it("brings every app into scope at the specialized and privileged levels", async () => {
        const expected = [...BASELINE, `${POLICY} validUnpublishedApp mandatory`].sort();
        expect(verdicts(await run(stack, { mode, stackTags: { securityLevel: "specialized" } }), POLICY)).toEqual(expected);
        expect(verdicts(await run(stack, { mode, stackTags: { securityLevel: "privileged" } }), POLICY)).toEqual(expected);
    });

    it("names the app, the settings resource, the property and the fix, without secrets or can't-run", async () => {
        const result = await run(stack, { mode });
        const of = (name: string) => result.findings.filter((f) => f.policyName === POLICY && f.urn.endsWith(`::${name}`)).map((f) => f.message);
        expect(of("invalidNoAuthProxyApp")).toEqual([
            "no authentication settings in the stack require Microsoft Entra sign-in for this app. Add a web.WebAppAuthSettingsV2 resource for it with authentication on, anonymous requests refused and the azureActiveDirectory provider pinned to your tenant.",
        ]);
        expect(of("invalidNoAuthProxySlot")[0]).toContain("Add a web.WebAppAuthSettingsV2Slot resource");
        expect(of("invalidNoAuthProxyContainerApp")[0]).toContain("Add an app.ContainerAppsAuthConfig resource for it");
        expect(of("invalidAnonymousProxyApp")).toEqual([
            "WebAppAuthSettingsV2 invalidAnonymousProxyAppAuth: globalValidation.unauthenticatedClientAction is AllowAnonymous, so requests reach the app without signing in. Set globalValidation.unauthenticatedClientAction to RedirectToLoginPage (or Return401 / Return403 for APIs).",
        ]);
        expect(of("invalidCommonIssuerProxyApp")[0]).toContain("registration.openIdIssuer names organizations instead of a tenant");
        expect(of("invalidV1AnonymousProxyApp")[0]).toMatch(/^WebAppAuthSettings invalidV1AnonymousProxyAppAuth: unauthenticatedClientAction is not RedirectToLoginPage/);
        const text = JSON.stringify(messagesOf(result));
        expect(text).not.toContain(MARKER);
        expect(text).not.toContain("can't run policy");
    });

    it("makes unknowns advisory below privileged and mandatory at privileged", async () => {
        const unknowns = [
            ...base,
            webApp("invalidUnknownRequiredApp", { tags: PROXY }),
            authV2("invalidUnknownRequiredAppAuth", "invalidUnknownRequiredApp", { globalValidation: { requireAuthentication: unknown() } }),
            containerApp("invalidUnknownProvidersContainerApp", { tags: PROXY }),
            containerAuthConfig("invalidUnknownProvidersContainerAppAuth", "invalidUnknownProvidersContainerApp", { identityProviders: unknown() }),
            webApp("invalidUnknownTagApp", { tags: { intermediary: unknown() } }),
        ];
        expect(verdicts(await run(unknowns, { mode }), POLICY)).toEqual([
            `${POLICY} invalidUnknownProvidersContainerApp advisory`,
            `${POLICY} invalidUnknownRequiredApp advisory`,
            `${POLICY} invalidUnknownTagApp advisory`,
        ]);
        expect(verdicts(await run(unknowns, { mode, stackTags: { securityLevel: "privileged" } }), POLICY)).toEqual([
            `${POLICY} invalidUnknownProvidersContainerApp mandatory`,
            `${POLICY} invalidUnknownRequiredApp mandatory`,
            // In scope at privileged whatever the tag says, and it has no authentication settings.
            `${POLICY} invalidUnknownTagApp mandatory`,
        ]);
    });

    it("cannot tell which app settings with an unknown app name belong to, and says so", async () => {
        const unplaced = [...base, webApp("invalidMaybeAuthApp", { tags: PROXY }), authV2("unplacedAuth", "invalidMaybeAuthApp", { name: unknown() })];
        expect(verdicts(await run(unplaced, { mode }), POLICY)).toEqual([`${POLICY} invalidMaybeAuthApp advisory`]);
        expect(verdicts(await run(unplaced, { mode, stackTags: { securityLevel: "privileged" } }), POLICY)).toEqual([
            `${POLICY} invalidMaybeAuthApp mandatory`,
        ]);
    });

    it("lets an app tag lower or raise the stack tag, and a slot inherit its app's level", async () => {
        const tagged = [
            ...base,
            webApp("validEnterpriseTaggedApp", { tags: { securityLevel: "enterprise" } }),
            webApp("invalidPrivilegedTaggedApp", { tags: { securityLevel: "privileged" } }),
            resource(SLOT, "invalidInheritingSlot", { resourceGroupName: RG, name: ref("invalidPrivilegedTaggedApp", "name"), slot: "staging", location: "westeurope" }),
            resource(AUTH_V2_SLOT, "invalidInheritingSlotAuth", {
                resourceGroupName: RG,
                name: ref("invalidPrivilegedTaggedApp", "name"),
                slot: "staging",
                ...v2,
                platform: { enabled: unknown() },
            }),
        ];
        const expected = [
            `${POLICY} invalidInheritingSlot mandatory`,
            `${POLICY} invalidPrivilegedTaggedApp mandatory`,
        ];
        expect(verdicts(await run(tagged, { mode, stackTags: { securityLevel: "specialized" } }), POLICY)).toEqual(expected);
        expect(verdicts(await run(tagged, { mode }), POLICY)).toEqual(expected);
    });

    it("reports an invalid level value and judges the app at privileged", async () => {
        const typo = [...base, webApp("invalidTypoApp", { tags: { securityLevel: "Priviledged" } })];
        const result = await run(typo, { mode });
        expect(verdicts(result, POLICY)).toEqual([`${POLICY} invalidTypoApp mandatory`, `${POLICY} invalidTypoApp mandatory`]);
        expect(messagesOf(result).join("\n")).toContain("is not one of enterprise, specialized or privileged");
    });
});
