// Published apps on both providers through one model: the same apps give the same verdicts whether
// they are azure-native apps with separate settings resources or classic apps with inline
// `authSettingsV2` / `authSettings` — written by hand (mock inputs) or after the provider's Check
// filled its defaults (`authEnabled` false, `requireAuthentication` false, `unauthenticatedAction`
// RedirectToLoginPage, "" and [] for the rest) — and classic messages name classic paths. A classic
// container app has no classic settings: an azure-native app.ContainerAppsAuthConfig protects it.
import { describe, expect, it } from "vitest";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, unknown } from "../harness/stack";

const POLICY = "app-publishing-entra-auth";
const RG = "rg-admin-apps";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "3f1c6b9e-2f6e-4c6b-9a51-1d2f3e4a5b6c";
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const PROXY = { intermediary: "app-proxy" };

type Provider = "azure-native" | "classic" | "classic after Check";

interface V2 {
    enabled?: boolean | "unknown";
    require?: boolean;
    action?: string;
    redirect?: string;
    /** false: no Entra provider. */
    entra?: false | { clientId?: string; issuer?: string };
    google?: boolean;
    customOidc?: string;
}

interface V1 {
    enabled?: boolean;
    action?: string;
    entraDefault?: boolean;
    google?: boolean;
}

type ClassicApp = "LinuxWebApp" | "WindowsWebApp" | "LinuxFunctionApp" | "WindowsFunctionApp" | "AppFlexConsumption";

interface App {
    name: string;
    kind: "app" | "slot" | "container";
    classicType?: ClassicApp;
    tags?: Record<string, string>;
    v2?: V2;
    v1?: V1;
}

const FULL: V2 = { enabled: true, require: true, action: "RedirectToLoginPage", redirect: "azureactivedirectory" };
const ENTRA = { clientId: CLIENT, issuer: ISSUER };
const entraOf = (a: V2) => (a.entra === false ? undefined : { ...ENTRA, ...a.entra });

// The app every slot belongs to: published, and protected itself.
const SLOT_PARENT = "validProxyApp";

const APPS: App[] = [
    { name: SLOT_PARENT, kind: "app", tags: PROXY, v2: FULL },
    { name: "validFunctionApp", kind: "app", classicType: "LinuxFunctionApp", tags: PROXY, v2: FULL },
    // unauthenticatedAction left out: RedirectToLoginPage on the classic provider; no default needed on azure-native.
    { name: "validDefaultActionApp", kind: "app", classicType: "WindowsWebApp", tags: PROXY, v2: { enabled: true, require: true } },
    { name: "validFlexApiApp", kind: "app", classicType: "AppFlexConsumption", tags: PROXY, v2: { ...FULL, action: "Return401" } },
    { name: "validWindowsFunctionApp", kind: "app", classicType: "WindowsFunctionApp", tags: PROXY, v2: FULL },
    // authEnabled and requireAuthentication left out: both false.
    { name: "invalidDefaultsApp", kind: "app", tags: PROXY, v2: {} },
    { name: "invalidAuthOffApp", kind: "app", tags: PROXY, v2: { ...FULL, enabled: false } },
    { name: "invalidNotRequiredApp", kind: "app", tags: PROXY, v2: { ...FULL, require: false } },
    { name: "invalidAnonymousApp", kind: "app", tags: PROXY, v2: { ...FULL, action: "AllowAnonymous" } },
    { name: "invalidCommonIssuerApp", kind: "app", tags: PROXY, v2: { ...FULL, entra: { issuer: "https://login.microsoftonline.com/common/v2.0" } } },
    { name: "invalidClientIdApp", kind: "app", tags: PROXY, v2: { ...FULL, entra: { clientId: "admin-portal" } } },
    { name: "invalidNoEntraApp", kind: "app", tags: PROXY, v2: { ...FULL, entra: false } },
    { name: "invalidGoogleTooApp", kind: "app", tags: PROXY, v2: { ...FULL, google: true } },
    { name: "invalidCustomOidcApp", kind: "app", tags: PROXY, v2: { ...FULL, redirect: "okta", customOidc: "okta" } },
    { name: "invalidNoAuthApp", kind: "app", tags: PROXY },
    { name: "validV1App", kind: "app", tags: PROXY, v1: { enabled: true, action: "RedirectToLoginPage", entraDefault: true } },
    { name: "invalidV1AnonymousApp", kind: "app", tags: PROXY, v1: { enabled: true, action: "AllowAnonymous", entraDefault: true } },
    { name: "invalidV1GoogleTooApp", kind: "app", tags: PROXY, v1: { enabled: true, action: "RedirectToLoginPage", entraDefault: true, google: true } },
    // Neither default provider nor unauthenticated action: v1 has no default for either.
    { name: "invalidV1UnsetApp", kind: "app", tags: PROXY, v1: { enabled: true } },
    // Slots inherit the app-proxy tag of their app.
    { name: "validSlot", kind: "slot", v2: FULL },
    { name: "invalidNoAuthSlot", kind: "slot" },
    { name: "invalidAnonymousSlot", kind: "slot", v2: { ...FULL, action: "AllowAnonymous" } },
    { name: "validContainerApp", kind: "container", tags: PROXY, v2: { enabled: true, action: "Return401" } },
    { name: "invalidNoAuthContainerApp", kind: "container", tags: PROXY },
    { name: "invalidAnonymousContainerApp", kind: "container", tags: PROXY, v2: { enabled: true, action: "AllowAnonymous" } },
    { name: "validUnpublishedApp", kind: "app" },
];

const ENTERPRISE = [
    "invalidDefaultsApp mandatory",
    "invalidDefaultsApp mandatory",
    "invalidAuthOffApp mandatory",
    "invalidNotRequiredApp mandatory",
    "invalidAnonymousApp mandatory",
    "invalidCommonIssuerApp mandatory",
    "invalidClientIdApp mandatory",
    "invalidNoEntraApp mandatory",
    "invalidGoogleTooApp mandatory",
    // The redirect target and the custom provider itself.
    "invalidCustomOidcApp mandatory",
    "invalidCustomOidcApp mandatory",
    "invalidNoAuthApp mandatory",
    "invalidV1AnonymousApp mandatory",
    "invalidV1GoogleTooApp mandatory",
    "invalidV1UnsetApp mandatory",
    "invalidV1UnsetApp mandatory",
    "invalidNoAuthSlot mandatory",
    "invalidAnonymousSlot mandatory",
    "invalidNoAuthContainerApp mandatory",
    "invalidAnonymousContainerApp mandatory",
];

// ---------------------------------------------------------------------------------------------
// azure-native: apps and separate settings resources

function nativeV2(a: V2, container: boolean): Record<string, unknown> {
    const entra = entraOf(a);
    return {
        platform: a.enabled === undefined ? {} : { enabled: a.enabled === "unknown" ? unknown() : a.enabled },
        globalValidation: {
            ...(a.require === undefined || container ? {} : { requireAuthentication: a.require }),
            ...(a.action === undefined ? {} : { unauthenticatedClientAction: a.action }),
            ...(a.redirect === undefined ? {} : { redirectToProvider: a.redirect }),
        },
        identityProviders: {
            ...(entra ? { azureActiveDirectory: { enabled: true, registration: { clientId: entra.clientId, openIdIssuer: entra.issuer } } } : {}),
            ...(a.google ? { google: { registration: { clientId: "123.apps.googleusercontent.com" } } } : {}),
            ...(a.customOidc
                ? {
                      customOpenIdConnectProviders: {
                          [a.customOidc]: { registration: { clientId: "okta-client", openIdConnectConfiguration: { wellKnownOpenIdConfiguration: "https://example.okta.com/.well-known/openid-configuration" } } },
                      },
                  }
                : {}),
        },
    };
}

function nativeV1(a: V1): Record<string, unknown> {
    return {
        ...(a.enabled === undefined ? {} : { enabled: a.enabled }),
        ...(a.entraDefault ? { defaultProvider: "AzureActiveDirectory" } : {}),
        ...(a.action === undefined ? {} : { unauthenticatedClientAction: a.action }),
        clientId: CLIENT,
        issuer: ISSUER,
        ...(a.google ? { googleClientId: "123.apps.googleusercontent.com" } : {}),
    };
}

function native(a: App): FixtureResource[] {
    const azureName = a.name.toLowerCase();
    if (a.kind === "container") {
        return [
            resource("azure-native:app:ContainerApp", a.name, {
                resourceGroupName: RG,
                containerAppName: azureName,
                location: "westeurope",
                managedEnvironmentId: ref("adminEnv"),
                template: { containers: [{ name: "api", image: "mcr.microsoft.com/k8se/quickstart:latest" }] },
                ...(a.tags ? { tags: a.tags } : {}),
            }),
            ...(a.v2 ? [nativeContainerAuth(a)] : []),
        ];
    }
    if (a.kind === "slot") {
        return [
            resource("azure-native:web:WebAppSlot", a.name, { resourceGroupName: RG, name: ref(SLOT_PARENT, "name"), slot: azureName, location: "westeurope" }),
            ...(a.v2
                ? [resource("azure-native:web:WebAppAuthSettingsV2Slot", `${a.name}Auth`, { resourceGroupName: RG, name: ref(SLOT_PARENT, "name"), slot: azureName, ...nativeV2(a.v2, false) })]
                : []),
        ];
    }
    const settings = a.v2
        ? [resource("azure-native:web:WebAppAuthSettingsV2", `${a.name}Auth`, { resourceGroupName: RG, name: ref(a.name, "name"), ...nativeV2(a.v2, false) })]
        : a.v1
          ? [resource("azure-native:web:WebAppAuthSettings", `${a.name}Auth`, { resourceGroupName: RG, name: ref(a.name, "name"), ...nativeV1(a.v1) })]
          : [];
    return [
        resource("azure-native:web:WebApp", a.name, {
            resourceGroupName: RG,
            name: azureName,
            location: "westeurope",
            kind: a.classicType?.includes("Function") || a.classicType === "AppFlexConsumption" ? "functionapp,linux" : "app,linux",
            serverFarmId: ref("adminPlan"),
            ...(a.tags ? { tags: a.tags } : {}),
        }),
        ...settings,
    ];
}

/** The one settings resource a container app of either provider can have. */
function nativeContainerAuth(a: App): FixtureResource {
    return resource("azure-native:app:ContainerAppsAuthConfig", `${a.name}Auth`, {
        resourceGroupName: RG,
        containerAppName: ref(a.name, "name"),
        authConfigName: "current",
        ...nativeV2(a.v2!, true),
    });
}

// ---------------------------------------------------------------------------------------------
// classic: inline settings, as written or after Check

/** An object after azurerm's Check: defaults filled and listed in `__defaults`, unset strings "" and lists []. */
function afterCheck(written: Record<string, unknown>, defaults: Record<string, unknown>, empty: Record<string, unknown>): Record<string, unknown> {
    const filled = Object.keys(defaults).filter((k) => !(k in written));
    return { ...empty, ...defaults, ...written, __defaults: filled };
}

const V2_DEFAULTS = {
    authEnabled: false,
    requireAuthentication: false,
    unauthenticatedAction: "RedirectToLoginPage",
    runtimeVersion: "~1",
    requireHttps: true,
    httpRouteApiPrefix: "/.auth",
    forwardProxyConvention: "NoProxy",
};
const V2_EMPTY = { defaultProvider: "", configFilePath: "", excludedPaths: [], customOidcV2s: [], forwardProxyCustomHostHeaderName: "", forwardProxyCustomSchemeHeaderName: "" };
const LOGIN_DEFAULTS = {
    tokenStoreEnabled: false,
    tokenRefreshExtensionTime: 72,
    preserveUrlFragmentsForLogins: false,
    cookieExpirationConvention: "FixedTime",
    cookieExpirationTime: "08:00:00",
    validateNonce: true,
    nonceExpirationTime: "00:05:00",
};
const V1_DEFAULTS = { tokenRefreshExtensionHours: 72, tokenStoreEnabled: false };
const V1_EMPTY = { defaultProvider: "", issuer: "", runtimeVersion: "", unauthenticatedClientAction: "", allowedExternalRedirectUrls: [] };

function classicV2(a: V2, checked: boolean): Record<string, unknown> {
    const entra = entraOf(a);
    const written: Record<string, unknown> = {
        login: checked ? afterCheck({}, LOGIN_DEFAULTS, { logoutEndpoint: "", allowedExternalRedirectUrls: [] }) : {},
        ...(a.enabled === undefined ? {} : { authEnabled: a.enabled === "unknown" ? unknown() : a.enabled }),
        ...(a.require === undefined ? {} : { requireAuthentication: a.require }),
        ...(a.action === undefined ? {} : { unauthenticatedAction: a.action }),
        ...(a.redirect === undefined ? {} : { defaultProvider: a.redirect }),
        ...(entra
            ? {
                  activeDirectoryV2: checked
                      ? afterCheck({ clientId: entra.clientId, tenantAuthEndpoint: entra.issuer }, { wwwAuthenticationDisabled: false }, { clientSecretSettingName: "", allowedAudiences: [], allowedGroups: [] })
                      : { clientId: entra.clientId, tenantAuthEndpoint: entra.issuer },
              }
            : {}),
        ...(a.google ? { googleV2: { clientId: "123.apps.googleusercontent.com", clientSecretSettingName: "GOOGLE_PROVIDER_AUTHENTICATION_SECRET" } } : {}),
        ...(a.customOidc ? { customOidcV2s: [{ name: a.customOidc, clientId: "okta-client", openidConfigurationEndpoint: "https://example.okta.com/.well-known/openid-configuration" }] } : {}),
    };
    return checked ? afterCheck(written, V2_DEFAULTS, V2_EMPTY) : written;
}

function classicV1(a: V1, checked: boolean, entraWord: string): Record<string, unknown> {
    const written: Record<string, unknown> = {
        ...(a.enabled === undefined ? {} : { enabled: a.enabled }),
        ...(a.entraDefault ? { defaultProvider: entraWord } : {}),
        ...(a.action === undefined ? {} : { unauthenticatedClientAction: a.action }),
        issuer: ISSUER,
        activeDirectory: checked ? afterCheck({ clientId: CLIENT }, {}, { clientSecret: "", allowedAudiences: [] }) : { clientId: CLIENT },
        ...(a.google ? { google: { clientId: "123.apps.googleusercontent.com", clientSecretSettingName: "GOOGLE_SECRET" } } : {}),
    };
    return checked ? afterCheck(written, V1_DEFAULTS, V1_EMPTY) : written;
}

function classicApp(type: string, name: string, inputs: Record<string, unknown>, checked: boolean): FixtureResource {
    const appDefaults = type.startsWith("azure:appservice/") ? { enabled: true, httpsOnly: false, clientAffinityEnabled: false, publicNetworkAccessEnabled: true } : {};
    return resource(type, name, checked ? afterCheck(inputs, appDefaults, {}) : inputs);
}

function classic(a: App, checked: boolean): FixtureResource[] {
    const azureName = a.name.toLowerCase();
    const inline = {
        ...(a.v2 ? { authSettingsV2: classicV2(a.v2, checked) } : {}),
        ...(a.v1 ? { authSettings: classicV1(a.v1, checked, "BuiltInAuthenticationProviderAzureActiveDirectory") } : {}),
    };
    if (a.kind === "container") {
        return [
            classicApp(
                "azure:containerapp/app:App",
                a.name,
                {
                    resourceGroupName: RG,
                    name: azureName,
                    containerAppEnvironmentId: ref("adminEnv"),
                    revisionMode: "Single",
                    template: { containers: [{ name: "api", image: "mcr.microsoft.com/k8se/quickstart:latest", cpu: 0.25, memory: "0.5Gi" }] },
                    ...(a.tags ? { tags: a.tags } : {}),
                },
                checked,
            ),
            ...(a.v2 ? [nativeContainerAuth(a)] : []),
        ];
    }
    if (a.kind === "slot") {
        return [classicApp("azure:appservice/linuxWebAppSlot:LinuxWebAppSlot", a.name, { name: azureName, appServiceId: ref(SLOT_PARENT), siteConfig: {}, ...inline }, checked)];
    }
    const type = a.classicType ?? "LinuxWebApp";
    const functionInputs = type.includes("Function") ? { storageAccountName: "stadminfunc" } : {};
    const flexInputs = type === "AppFlexConsumption" ? { runtimeName: "node", runtimeVersion: "20", storageAuthenticationType: "SystemAssignedIdentity", storageContainerType: "blobContainer", storageContainerEndpoint: "https://stadminfunc.blob.core.windows.net/deploy" } : {};
    return [
        classicApp(
            `azure:appservice/${type[0].toLowerCase()}${type.slice(1)}:${type}`,
            a.name,
            {
                resourceGroupName: RG,
                name: azureName,
                location: "westeurope",
                servicePlanId: ref("adminPlan"),
                siteConfig: {},
                ...functionInputs,
                ...flexInputs,
                ...(a.tags ? { tags: a.tags } : {}),
                ...inline,
            },
            checked,
        ),
    ];
}

function stackOf(provider: Provider, apps: readonly App[]): FixtureResource[] {
    if (provider === "azure-native") {
        return [
            resource("azure-native:web:AppServicePlan", "adminPlan", { resourceGroupName: RG, name: "asp-admin", location: "westeurope", kind: "linux", reserved: true, sku: { name: "P1v3" } }),
            resource("azure-native:app:ManagedEnvironment", "adminEnv", { resourceGroupName: RG, environmentName: "cae-admin", location: "westeurope" }),
            ...apps.flatMap(native),
        ];
    }
    return [
        resource("azure:appservice/servicePlan:ServicePlan", "adminPlan", { resourceGroupName: RG, name: "asp-admin", location: "westeurope", osType: "Linux", skuName: "P1v3" }),
        resource("azure:containerapp/environment:Environment", "adminEnv", { resourceGroupName: RG, name: "cae-admin", location: "westeurope" }),
        ...apps.flatMap((a) => classic(a, provider === "classic after Check")),
    ];
}

const PROVIDERS: Provider[] = ["azure-native", "classic", "classic after Check"];
const CLASSIC: Provider[] = ["classic", "classic after Check"];

describe.each<Mode>(["known", "first-preview"])("app-publishing-entra-auth on both providers (%s ids)", (mode) => {
    describe.each([
        ["enterprise", ENTERPRISE],
        ["specialized", [...ENTERPRISE, "validUnpublishedApp mandatory"]],
    ] as const)("at the %s level", (level, expected) => {
        it.each(PROVIDERS)("%s: the same apps, the same verdicts", async (provider) => {
            const result = await run(stackOf(provider, APPS), { mode, stackTags: { securityLevel: level } });
            expect(verdicts(result, POLICY)).toEqual(expected.map((v) => `${POLICY} ${v}`).sort());
        });
    });

    it.each(PROVIDERS)("%s: an unknown authEnabled is advisory below privileged and mandatory at privileged", async (provider) => {
        const apps: App[] = [{ name: "invalidUnknownEnabledApp", kind: "app", tags: PROXY, v2: { ...FULL, enabled: "unknown" } }];
        expect(verdicts(await run(stackOf(provider, apps), { mode }), POLICY)).toEqual([`${POLICY} invalidUnknownEnabledApp advisory`]);
        expect(verdicts(await run(stackOf(provider, apps), { mode, stackTags: { securityLevel: "privileged" } }), POLICY)).toEqual([
            `${POLICY} invalidUnknownEnabledApp mandatory`,
        ]);
    });

    it.each(CLASSIC)("%s: messages name the app's own classic paths and defaults", async (provider) => {
        const result = await run(stackOf(provider, APPS), { mode });
        const of = (name: string) => result.findings.filter((f) => f.policyName === POLICY && f.urn.endsWith(`::${name}`)).map((f) => f.message);
        expect(of("invalidDefaultsApp")).toEqual([
            "authSettingsV2.authEnabled is not set, and the provider's default is false. Set authSettingsV2.authEnabled to true to turn authentication on.",
            "authSettingsV2.requireAuthentication is not set, and the provider's default is false. Set authSettingsV2.requireAuthentication to true so that every request must sign in.",
        ]);
        expect(of("invalidNotRequiredApp")).toEqual([
            "authSettingsV2.requireAuthentication is false. Set authSettingsV2.requireAuthentication to true so that every request must sign in.",
        ]);
        expect(of("invalidAnonymousApp")).toEqual([
            "authSettingsV2.unauthenticatedAction is AllowAnonymous, so requests reach the app without signing in. Set authSettingsV2.unauthenticatedAction to RedirectToLoginPage (or Return401 / Return403 for APIs).",
        ]);
        expect(of("invalidCommonIssuerApp")[0]).toMatch(/^authSettingsV2\.activeDirectoryV2\.tenantAuthEndpoint names common instead of a tenant/);
        expect(of("invalidClientIdApp")).toEqual([
            "authSettingsV2.activeDirectoryV2.clientId is not a GUID: set it to the application (client) ID of the app registration.",
        ]);
        expect(of("invalidNoEntraApp")).toEqual([
            "authSettingsV2.activeDirectoryV2 is not configured, so sign-in does not go through Microsoft Entra ID. Configure it with clientId and a tenant-specific tenantAuthEndpoint.",
        ]);
        expect(of("invalidGoogleTooApp")).toEqual(["authSettingsV2.googleV2 is enabled, so users can sign in without Microsoft Entra ID. Remove it."]);
        expect(of("invalidCustomOidcApp")).toEqual([
            "authSettingsV2.defaultProvider sends sign-in to a provider other than Microsoft Entra ID. Set it to azureactivedirectory.",
            "authSettingsV2.customOidcV2s[0] is enabled, so users can sign in without Microsoft Entra ID. Remove it.",
        ]);
        expect(of("invalidNoAuthApp")[0]).toMatch(/^no authentication is configured on this app\. Set authSettingsV2 with authEnabled and requireAuthentication true/);
        expect(of("invalidV1UnsetApp")).toEqual([
            "authSettings.defaultProvider is not set: sign-in must go to Microsoft Entra ID. Set it to BuiltInAuthenticationProviderAzureActiveDirectory.",
            "authSettings.unauthenticatedClientAction is not RedirectToLoginPage, so anonymous requests are not sent to Entra sign-in. Set it to RedirectToLoginPage.",
        ]);
        expect(of("invalidV1GoogleTooApp")).toEqual(["authSettings.google is set, so users can sign in without Microsoft Entra ID. Remove it."]);
        expect(of("invalidNoAuthContainerApp")[0]).toContain("the classic provider has none for container apps. Add an azure-native app.ContainerAppsAuthConfig resource");
        expect(of("invalidAnonymousContainerApp")[0]).toMatch(/^ContainerAppsAuthConfig invalidAnonymousContainerAppAuth: globalValidation\.unauthenticatedClientAction is AllowAnonymous/);
        const inlineText = APPS.filter((a) => a.kind !== "container").flatMap((a) => of(a.name)).join("\n");
        expect(inlineText).not.toMatch(/platform\.|globalValidation|identityProviders|WebAppAuthSettings/);
    });

    it.each(CLASSIC)("%s: legacy apps and slots read v1 authSettings, and slots join their app by name", async (provider) => {
        const checked = provider === "classic after Check";
        const legacy = (type: string, name: string, inputs: Record<string, unknown>) => classicApp(type, name, { resourceGroupName: RG, location: "westeurope", appServicePlanId: ref("legacyPlan"), ...inputs }, checked);
        const v1 = (a: V1) => ({ authSettings: classicV1(a, checked, "AzureActiveDirectory") });
        const good: V1 = { enabled: true, action: "RedirectToLoginPage", entraDefault: true };
        const stack = [
            resource("azure:appservice/plan:Plan", "legacyPlan", { resourceGroupName: RG, name: "plan-legacy", location: "westeurope", sku: { tier: "PremiumV3", size: "P1v3" } }),
            legacy("azure:appservice/appService:AppService", "validLegacyApp", { name: "app-legacy", tags: PROXY, ...v1(good) }),
            legacy("azure:appservice/slot:Slot", "validLegacySlot", { name: "staging", appServiceName: ref("validLegacyApp", "name"), ...v1(good) }),
            legacy("azure:appservice/slot:Slot", "invalidNoAuthLegacySlot", { name: "canary", appServiceName: ref("validLegacyApp", "name") }),
            legacy("azure:appservice/functionApp:FunctionApp", "invalidAnonymousLegacyFunctionApp", {
                name: "func-legacy",
                storageAccountName: "stlegacy",
                storageAccountAccessKey: "not-a-real-key",
                tags: PROXY,
                ...v1({ ...good, action: "AllowAnonymous" }),
            }),
            legacy("azure:appservice/functionAppSlot:FunctionAppSlot", "invalidNoAuthLegacyFunctionSlot", {
                name: "staging",
                functionAppName: ref("invalidAnonymousLegacyFunctionApp", "name"),
                storageAccountName: "stlegacy",
                storageAccountAccessKey: "not-a-real-key",
            }),
            // A slot naming its app by a literal id: joined by the site name at its end.
            classicApp("azure:appservice/windowsWebAppSlot:WindowsWebAppSlot", "invalidNoAuthIdSlot", { name: "blue", appServiceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-admin-apps/providers/Microsoft.Web/sites/app-windows", siteConfig: {} }, checked),
            classicApp("azure:appservice/windowsWebApp:WindowsWebApp", "validWindowsApp", { resourceGroupName: RG, name: "app-windows", location: "westeurope", servicePlanId: ref("legacyPlan"), siteConfig: {}, tags: PROXY, authSettingsV2: classicV2(FULL, checked) }, checked),
        ];
        const result = await run(stack, { mode });
        expect(verdicts(result, POLICY)).toEqual(
            ["invalidAnonymousLegacyFunctionApp mandatory", "invalidNoAuthIdSlot mandatory", "invalidNoAuthLegacyFunctionSlot mandatory", "invalidNoAuthLegacySlot mandatory"].map((v) => `${POLICY} ${v}`),
        );
        const text = messagesOf(result).join("\n");
        expect(text).toContain("no authentication is configured on this app. Set authSettings with enabled true, defaultProvider AzureActiveDirectory");
        expect(text).toContain("authSettings.unauthenticatedClientAction is not RedirectToLoginPage");
    });

    it("joins a mixed stack's container app settings to the right provider's app, by propertyDependencies, else by name", async () => {
        const auth = (name: string, containerAppName: unknown) =>
            resource("azure-native:app:ContainerAppsAuthConfig", name, { resourceGroupName: RG, containerAppName, authConfigName: "current", ...nativeV2({ enabled: true, action: "Return401" }, true) });
        const stack = [
            resource("azure-native:app:ManagedEnvironment", "adminEnv", { resourceGroupName: RG, environmentName: "cae-admin", location: "westeurope" }),
            resource("azure-native:app:ContainerApp", "validNativeContainerApp", { resourceGroupName: RG, containerAppName: "ca-native", managedEnvironmentId: ref("adminEnv"), tags: PROXY }),
            // Its app name unknown in every mode, but its dependency places it on the azure-native app.
            auth("validNativeContainerAppAuth", ref("validNativeContainerApp", "computed")),
            ...classic({ name: "validClassicContainerApp", kind: "container", tags: PROXY }, false),
            auth("validClassicContainerAppAuth", "validclassiccontainerapp"),
            ...classic({ name: "invalidNoAuthClassicContainerApp", kind: "container", tags: PROXY }, false),
        ];
        expect(verdicts(await run(stack, { mode }), POLICY)).toEqual([`${POLICY} invalidNoAuthClassicContainerApp mandatory`]);
    });

    it.each(CLASSIC)("%s: a settings block unknown during preview cannot be verified", async (provider) => {
        const checked = provider === "classic after Check";
        const stack = [
            resource("azure:appservice/servicePlan:ServicePlan", "adminPlan", { resourceGroupName: RG, name: "asp-admin", location: "westeurope", osType: "Linux", skuName: "P1v3" }),
            classicApp("azure:appservice/linuxWebApp:LinuxWebApp", "invalidUnknownBlockApp", { resourceGroupName: RG, name: "app-unknown", location: "westeurope", servicePlanId: ref("adminPlan"), siteConfig: {}, tags: PROXY, authSettingsV2: unknown() }, checked),
        ];
        const result = await run(stack, { mode });
        expect(verdicts(result, POLICY)).toEqual([`${POLICY} invalidUnknownBlockApp advisory`]);
        expect(messagesOf(result)).toEqual(["authSettingsV2 cannot be known during preview, so Entra sign-in cannot be verified."]);
    });
});
