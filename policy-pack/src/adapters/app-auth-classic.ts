// Classic `@pulumi/azure` (Terraform azurerm) published apps, read into the app-auth model. The
// authentication settings sit on the app itself, so findings name the app's own properties.
//
//   apps    azure:appservice/{linuxWebApp, windowsWebApp, linuxFunctionApp, windowsFunctionApp,
//           appFlexConsumption}: `authSettingsV2` and v1 `authSettings`; the legacy
//           azure:appservice/{appService, functionApp}: v1 `authSettings` only
//   slots   azure:appservice/{linuxWebAppSlot, windowsWebAppSlot} (their app by `appServiceId`),
//           {linuxFunctionAppSlot, windowsFunctionAppSlot} (`functionAppId`), the legacy
//           azure:appservice/slot (`appServiceName`) and functionAppSlot (`functionAppName`):
//           propertyDependencies first (an id is unknown in a first preview), else the app's name
//   v2      authSettingsV2.{authEnabled (default false), requireAuthentication (unset: false is
//           sent), unauthenticatedAction (default RedirectToLoginPage), defaultProvider,
//           activeDirectoryV2.{clientId, tenantAuthEndpoint} (on by being there), appleV2,
//           azureStaticWebAppV2, facebookV2, githubV2, googleV2, microsoftV2, twitterV2,
//           customOidcV2s[]}
//   v1      authSettings.{enabled, defaultProvider (BuiltInAuthenticationProvider… on the current
//           apps, the bare word on legacy and Flex Consumption apps), unauthenticatedClientAction,
//           issuer, activeDirectory.clientId, facebook, github, google, microsoft, twitter}
//   container apps  azure:containerapp/app has no authentication settings in azurerm: only an
//           azure-native app:ContainerAppsAuthConfig for it protects it (joined by `containerAppName`)
//
// azurerm sends an unset optional string as "" and an unset list as []: both read as unset. A key
// the provider's Check filled in is listed in its object's `__defaults` and read as the default.
import { parseArmId } from "../azure/exposure/arm-ids";
import { parseTenantUrl } from "../azure/entra-tenant";
import { classic } from "../azure/types";
import { azureName, linkChildren, nameRef, NameRef } from "../engine/links";
import { propsOf, StackResource } from "../engine/stack";
import { AzureType } from "../engine/tokens";
import { isRecord, isUnknown, Props } from "../engine/values";
import { containerAuthConfigsFor, publishedApp } from "./app-auth-azure-native";
import {
    AppAuthAdapter,
    asBoolean,
    asNonEmptyString,
    asRedirectTarget,
    asWordOf,
    AuthFacts,
    AuthSource,
    defaultedTo,
    EntraProvider,
    OtherProvider,
    PublishedApp,
    Reading,
    readValue,
    UNAUTHENTICATED_ACTIONS,
    UnauthenticatedAction,
    unset,
    V1Auth,
    V2Auth,
} from "./app-auth";

const V2 = "authSettingsV2";
const V1 = "authSettings";
const V2_OTHER_PROVIDERS = ["appleV2", "azureStaticWebAppV2", "facebookV2", "githubV2", "googleV2", "microsoftV2", "twitterV2"];
const V1_OTHER_PROVIDERS = ["facebook", "github", "google", "microsoft", "twitter"];
const V1_PROVIDER_NAMES = ["AzureActiveDirectory", "Facebook", "Google", "MicrosoftAccount", "Twitter", "Github"];
/** Either spelling names the provider; each kind of app documents one. */
const V1_PROVIDERS = [...V1_PROVIDER_NAMES, ...V1_PROVIDER_NAMES.map((p) => `BuiltInAuthenticationProvider${p}`)];

/** A field as azurerm means it: "" and [] are unset; `filled` when the provider's Check put it there. */
function field(obj: Props, key: string): { value: unknown; filled: boolean } {
    const value = obj[key];
    const filled = Array.isArray(obj.__defaults) && obj.__defaults.includes(key);
    return { value: value === "" || (Array.isArray(value) && value.length === 0) ? undefined : value, filled };
}

function read<T>(obj: Props, key: string, parse: (v: unknown) => T | undefined, whenUnset: Reading<T>): Reading<T> {
    const f = field(obj, key);
    return readValue(f.value, parse, whenUnset, f.filled);
}

/** A provider block is on by being there. */
function blockOn(obj: Props, key: string): boolean | "unknown" {
    const value = field(obj, key).value;
    return isUnknown(value) ? "unknown" : value !== undefined && value !== null;
}

function readEntra(block: Props): EntraProvider {
    const path = `${V2}.activeDirectoryV2`;
    const base = { path, clientIdKey: "clientId", issuerKey: "tenantAuthEndpoint" };
    const entra = field(block, "activeDirectoryV2").value;
    if (isUnknown(entra)) {
        return { ...base, block: { kind: "unknown" } };
    }
    if (!isRecord(entra)) {
        return { ...base, block: { kind: "absent" } };
    }
    return {
        ...base,
        block: {
            kind: "present",
            registration: {
                kind: "known",
                clientId: { path: `${path}.clientId`, reading: read(entra, "clientId", asNonEmptyString, unset) },
                issuer: { path: `${path}.tenantAuthEndpoint`, tenant: parseTenantUrl(field(entra, "tenantAuthEndpoint").value) },
            },
        },
    };
}

function readV2OtherProviders(block: Props): OtherProvider[] {
    const others: OtherProvider[] = V2_OTHER_PROVIDERS.map((key) => ({ path: `${V2}.${key}`, on: blockOn(block, key), switchable: false }));
    const custom = field(block, "customOidcV2s").value;
    if (isUnknown(custom)) {
        others.push({ path: `${V2}.customOidcV2s`, on: "unknown", switchable: false });
    } else if (Array.isArray(custom)) {
        custom.forEach((provider, i) => others.push({ path: `${V2}.customOidcV2s[${i}]`, on: isUnknown(provider) ? "unknown" : true, switchable: false }));
    }
    return others;
}

function readV2(block: Props): V2Auth {
    return {
        kind: "v2",
        enabled: { path: `${V2}.authEnabled`, reading: read(block, "authEnabled", asBoolean, defaultedTo(false)) },
        // Not a schema default: azurerm sends false for a requireAuthentication left out.
        requireAuthentication: { path: `${V2}.requireAuthentication`, reading: read(block, "requireAuthentication", asBoolean, defaultedTo(false)) },
        unauthenticatedAction: {
            path: `${V2}.unauthenticatedAction`,
            reading: read(block, "unauthenticatedAction", asWordOf(UNAUTHENTICATED_ACTIONS), defaultedTo<UnauthenticatedAction>("RedirectToLoginPage")),
        },
        redirect: { path: `${V2}.defaultProvider`, reading: read(block, "defaultProvider", asRedirectTarget, unset) },
        providers: { kind: "known", entra: readEntra(block), others: readV2OtherProviders(block) },
    };
}

const asV1Provider = (v: unknown) => {
    const word = asWordOf(V1_PROVIDERS)(v);
    return word === undefined ? undefined : { word, entra: word.endsWith("AzureActiveDirectory") };
};

function readV1(block: Props, entraWord: string): V1Auth {
    const entra = field(block, "activeDirectory").value;
    const clientIdPath = `${V1}.activeDirectory.clientId`;
    return {
        kind: "v1",
        enabled: { path: `${V1}.enabled`, reading: read(block, "enabled", asBoolean, unset) },
        defaultProvider: { path: `${V1}.defaultProvider`, reading: read(block, "defaultProvider", asV1Provider, unset), entraWord },
        unauthenticatedAction: { path: `${V1}.unauthenticatedClientAction`, reading: read(block, "unauthenticatedClientAction", asWordOf(UNAUTHENTICATED_ACTIONS), unset) },
        clientId: isUnknown(entra)
            ? { path: `${V1}.activeDirectory`, reading: { kind: "unknown" } }
            : { path: clientIdPath, reading: isRecord(entra) ? read(entra, "clientId", asNonEmptyString, unset) : unset },
        issuer: { path: `${V1}.issuer`, tenant: parseTenantUrl(field(block, "issuer").value) },
        others: V1_OTHER_PROVIDERS.map((key) => ({ path: `${V1}.${key}`, on: blockOn(block, key), switchable: false })),
    };
}

interface AppKind {
    type: AzureType;
    /** v2 settings exist on the current resources; the legacy ones have v1 only. */
    hasV2: boolean;
    v1EntraWord: string;
    /** Slots: the input that names their app, by its id or its name. */
    parent?: { key: string; holds: "id" | "name" };
}

const CURRENT = { hasV2: true, v1EntraWord: "BuiltInAuthenticationProviderAzureActiveDirectory" };
const LEGACY = { hasV2: false, v1EntraWord: "AzureActiveDirectory" };

const APPS: AppKind[] = [
    { type: classic.LinuxWebApp, ...CURRENT },
    { type: classic.WindowsWebApp, ...CURRENT },
    { type: classic.LinuxFunctionApp, ...CURRENT },
    { type: classic.WindowsFunctionApp, ...CURRENT },
    { type: classic.AppFlexConsumption, hasV2: true, v1EntraWord: "AzureActiveDirectory" },
    { type: classic.AppService, ...LEGACY },
    { type: classic.FunctionApp, ...LEGACY },
];

const SLOTS: AppKind[] = [
    { type: classic.LinuxWebAppSlot, ...CURRENT, parent: { key: "appServiceId", holds: "id" } },
    { type: classic.WindowsWebAppSlot, ...CURRENT, parent: { key: "appServiceId", holds: "id" } },
    { type: classic.LinuxFunctionAppSlot, ...CURRENT, parent: { key: "functionAppId", holds: "id" } },
    { type: classic.WindowsFunctionAppSlot, ...CURRENT, parent: { key: "functionAppId", holds: "id" } },
    { type: classic.AppServiceSlot, ...LEGACY, parent: { key: "appServiceName", holds: "name" } },
    { type: classic.FunctionAppSlot, ...LEGACY, parent: { key: "functionAppName", holds: "name" } },
];

/** The settings written on the app: each block present, or unknown as a whole. */
function inlineSources(props: Props, kind: AppKind): AuthSource[] {
    const sources: AuthSource[] = [];
    const add = (key: string, readBlock: (block: Props) => AuthFacts) => {
        const block = field(props, key).value;
        if (isUnknown(block)) {
            sources.push({ facts: { kind: "unknown", path: key } });
        } else if (isRecord(block)) {
            sources.push({ facts: readBlock(block) });
        }
    };
    if (kind.hasV2) {
        add(V2, readV2);
    }
    add(V1, (block) => readV1(block, kind.v1EntraWord));
    return sources;
}

const kindOf = (r: StackResource) => [...APPS, ...SLOTS].find((k) => k.type.matches(r.type))!;

const MISSING_V2 =
    "no authentication is configured on this app. Set authSettingsV2 with authEnabled and requireAuthentication true, unauthenticatedAction RedirectToLoginPage (or Return401 / Return403 for APIs) and an activeDirectoryV2 block with clientId and a tenant-specific tenantAuthEndpoint; configure no other identity provider.";
const MISSING_V1 =
    "no authentication is configured on this app. Set authSettings with enabled true, defaultProvider AzureActiveDirectory, unauthenticatedClientAction RedirectToLoginPage, activeDirectory.clientId and a tenant-specific issuer; configure no other identity provider.";
const MISSING_CONTAINER =
    "no authentication settings in the stack require Microsoft Entra sign-in for this app, and the classic provider has none for container apps. Add an azure-native app.ContainerAppsAuthConfig resource for it (containerAppName: the app's name, authConfigName: current) with authentication on, anonymous requests refused and the azureActiveDirectory provider pinned to your tenant.";

/** The app a slot names: the site name at the end of its id, or its name. */
function slotParentName(slot: StackResource): NameRef {
    const parent = kindOf(slot).parent!;
    const value = propsOf(slot)[parent.key];
    if (parent.holds === "name" || typeof value !== "string" || isUnknown(value)) {
        return nameRef(value);
    }
    return nameRef(parseArmId(value)?.segments[0]?.name);
}

function inlineApp(target: StackResource, parent?: StackResource): PublishedApp {
    const kind = kindOf(target);
    return {
        urn: target.urn,
        tags: propsOf(target).tags,
        inheritedTags: parent ? [propsOf(parent).tags] : [],
        sources: inlineSources(propsOf(target), kind),
        unjoined: false,
        missing: kind.hasV2 ? MISSING_V2 : MISSING_V1,
    };
}

export const classicAppAuth: AppAuthAdapter = {
    provider: "azure",
    recordedTypes: [...APPS, ...SLOTS].map((k) => k.type).concat(classic.ContainerApp),
    publishedApps(view) {
        const apps = view.ofType(...APPS.map((k) => k.type));
        const slots = view.ofType(...SLOTS.map((k) => k.type));
        const containerApps = view.ofType(classic.ContainerApp);
        const slotParents = linkChildren(view, {
            children: slots,
            parents: apps,
            dependencyKeys: [...new Set(SLOTS.map((k) => k.parent!.key))],
            childName: slotParentName,
            parentName: (a) => azureName(a, "name"),
        });
        const parentOfSlot = new Map<string, StackResource>();
        for (const [parentUrn, children] of slotParents.byParent) {
            children.forEach((c) => parentOfSlot.set(c.urn, view.get(parentUrn)!));
        }
        const containerLinks = linkChildren(view, {
            children: containerAuthConfigsFor(view, classic.ContainerApp),
            parents: containerApps,
            dependencyKeys: ["containerAppName"],
            childName: (c) => nameRef(propsOf(c).containerAppName),
            parentName: (a) => azureName(a, "name"),
        });
        return [
            ...apps.map((a) => inlineApp(a)),
            ...slots.map((s) => inlineApp(s, parentOfSlot.get(s.urn))),
            ...containerApps.map((c) => publishedApp(c, containerLinks, MISSING_CONTAINER)),
        ];
    },
};
