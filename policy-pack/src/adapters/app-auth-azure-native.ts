// azure-native published apps and their authentication settings, read into the app-auth model.
//
//   apps       web:WebApp (function apps too), web:WebAppSlot (its app by `name`), app:ContainerApp
//   settings   separate resources joined to their app — through propertyDependencies on the input
//              that names the app, else by the names remembered from Analyze (and resource group):
//              web:WebAppAuthSettingsV2 / web:WebAppAuthSettings by `name`; the …Slot kinds by
//              `name` + `slot`; app:ContainerAppsAuthConfig by `containerAppName`
//   v2         platform.enabled, globalValidation.{requireAuthentication, unauthenticatedClientAction,
//              redirectToProvider}, identityProviders.{azureActiveDirectory.{enabled,
//              registration.{clientId, openIdIssuer}}, apple, …, customOpenIdConnectProviders.<name>}
//              (each provider on unless `enabled: false`)
//   v1         flat: enabled, defaultProvider, unauthenticatedClientAction, clientId, issuer, and the
//              other providers' client ids (googleClientId, …)
//
// azure-native has no defaults here: a value left out is unset.
import { parseTenantUrl } from "../azure/entra-tenant";
import { app, classic, web } from "../azure/types";
import { azureName, joinNames, linkChildren, Links, nameRef } from "../engine/links";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { AzureType } from "../engine/tokens";
import { getPath, isRecord, isUnknown, Props } from "../engine/values";
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
    readValue,
    UNAUTHENTICATED_ACTIONS,
    unset,
    V1Auth,
    V2Auth,
} from "./app-auth";

const V1_PROVIDERS = ["AzureActiveDirectory", "Facebook", "Google", "MicrosoftAccount", "Twitter", "Github"] as const;
const ENTRA_PATH = "identityProviders.azureActiveDirectory";
const OTHER_V2_PROVIDERS = ["apple", "azureStaticWebApps", "facebook", "gitHub", "google", "legacyMicrosoftAccount", "twitter"];
const CUSTOM_PROVIDERS = "customOpenIdConnectProviders";
const V1_OTHER_PROVIDER_IDS = ["facebookAppId", "gitHubClientId", "googleClientId", "microsoftAccountClientId", "twitterConsumerKey"];

/** An identity provider block is on unless it says `enabled: false`. */
function providerOn(value: unknown): boolean | "unknown" {
    if (isUnknown(value)) {
        return "unknown";
    }
    if (!isRecord(value)) {
        return false;
    }
    return isUnknown(value.enabled) ? "unknown" : value.enabled !== false;
}

function readEntra(providers: Props): EntraProvider {
    const entra = providers.azureActiveDirectory;
    const base = { path: ENTRA_PATH, clientIdKey: "registration.clientId", issuerKey: "registration.openIdIssuer" };
    if (isUnknown(entra)) {
        return { ...base, block: { kind: "unknown" } };
    }
    if (!isRecord(entra)) {
        return { ...base, block: { kind: "absent" } };
    }
    const enabled = { path: `${ENTRA_PATH}.enabled`, reading: readValue(entra.enabled, (v) => v !== false, defaultedTo(true)) };
    const registration = entra.registration;
    if (isUnknown(registration)) {
        return { ...base, block: { kind: "present", enabled, registration: { kind: "unknown", path: `${ENTRA_PATH}.registration` } } };
    }
    const reg = isRecord(registration) ? registration : {};
    return {
        ...base,
        block: {
            kind: "present",
            enabled,
            registration: {
                kind: "known",
                clientId: { path: `${ENTRA_PATH}.registration.clientId`, reading: readValue(reg.clientId, asNonEmptyString, unset) },
                issuer: { path: `${ENTRA_PATH}.registration.openIdIssuer`, tenant: parseTenantUrl(reg.openIdIssuer) },
            },
        },
    };
}

function readOtherProviders(providers: Props): OtherProvider[] {
    const others: OtherProvider[] = OTHER_V2_PROVIDERS.filter((key) => providers[key] !== undefined && providers[key] !== null).map((key) => ({
        path: `identityProviders.${key}`,
        on: providerOn(providers[key]),
        switchable: true,
    }));
    const custom = providers[CUSTOM_PROVIDERS];
    const customPath = `identityProviders.${CUSTOM_PROVIDERS}`;
    if (isUnknown(custom)) {
        others.push({ path: customPath, on: "unknown", switchable: true });
    } else if (isRecord(custom)) {
        for (const [name, provider] of Object.entries(custom)) {
            others.push({ path: customPath, name, on: providerOn(provider), switchable: true });
        }
    }
    return others;
}

function readV2(props: Props, kind: V2Auth["kind"]): V2Auth {
    const at = (path: string) => getPath(props, path.split("."));
    const providers = props.identityProviders;
    return {
        kind,
        enabled: { path: "platform.enabled", reading: readValue(at("platform.enabled"), asBoolean, unset) },
        ...(kind === "v2"
            ? { requireAuthentication: { path: "globalValidation.requireAuthentication", reading: readValue(at("globalValidation.requireAuthentication"), asBoolean, unset) } }
            : {}),
        unauthenticatedAction: {
            path: "globalValidation.unauthenticatedClientAction",
            reading: readValue(at("globalValidation.unauthenticatedClientAction"), asWordOf(UNAUTHENTICATED_ACTIONS), unset),
        },
        redirect: { path: "globalValidation.redirectToProvider", reading: readValue(at("globalValidation.redirectToProvider"), asRedirectTarget, unset) },
        providers: isUnknown(providers)
            ? { kind: "unknown", path: "identityProviders" }
            : {
                  kind: "known",
                  entra: readEntra(isRecord(providers) ? providers : {}),
                  others: isRecord(providers) ? readOtherProviders(providers) : [],
              },
    };
}

const asV1Provider = (v: unknown) => {
    const word = asWordOf(V1_PROVIDERS)(v);
    return word === undefined ? undefined : { word, entra: word === "AzureActiveDirectory" };
};

function readV1(props: Props): V1Auth {
    return {
        kind: "v1",
        enabled: { path: "enabled", reading: readValue(props.enabled, asBoolean, unset) },
        defaultProvider: { path: "defaultProvider", reading: readValue(props.defaultProvider, asV1Provider, unset), entraWord: "AzureActiveDirectory" },
        unauthenticatedAction: { path: "unauthenticatedClientAction", reading: readValue(props.unauthenticatedClientAction, asWordOf(UNAUTHENTICATED_ACTIONS), unset) },
        clientId: { path: "clientId", reading: readValue(props.clientId, asNonEmptyString, unset) },
        issuer: { path: "issuer", tenant: parseTenantUrl(props.issuer) },
        others: V1_OTHER_PROVIDER_IDS.map((key) => ({
            path: key,
            on: isUnknown(props[key]) ? "unknown" : asNonEmptyString(props[key]) !== undefined,
            switchable: false,
        })),
    };
}

const SETTINGS: [AzureType, (props: Props) => AuthFacts][] = [
    [web.WebAppAuthSettingsV2, (p) => readV2(p, "v2")],
    [web.WebAppAuthSettingsV2Slot, (p) => readV2(p, "v2")],
    [web.WebAppAuthSettings, readV1],
    [web.WebAppAuthSettingsSlot, readV1],
    [app.ContainerAppsAuthConfig, (p) => readV2(p, "container-apps")],
];

/** A settings resource as a source of facts, named in messages by its type and resource name. */
function settingsSource(r: StackResource): AuthSource {
    const [type, read] = SETTINGS.find(([t]) => t.matches(r.type))!;
    return { resource: { typeName: type.resource, name: r.name }, facts: read(propsOf(r)) };
}

const MISSING = (settings: string) =>
    `no authentication settings in the stack require Microsoft Entra sign-in for this app. Add ${settings} for it with authentication on, anonymous requests refused and the azureActiveDirectory provider pinned to your tenant.`;

const CONTAINER_APP_TYPES = [app.ContainerApp, classic.ContainerApp];

/**
 * The app:ContainerAppsAuthConfig resources that may belong to container apps of `appType`: all but
 * those whose `containerAppName` comes from a container app of the other provider (a mixed stack).
 */
export function containerAuthConfigsFor(view: StackView, appType: AzureType): StackResource[] {
    const otherProvider = (d: StackResource) => !appType.matches(d.type) && CONTAINER_APP_TYPES.some((t) => t.matches(d.type));
    return view.ofType(app.ContainerAppsAuthConfig).filter((c) => !view.dependenciesOf(c, "containerAppName").some(otherProvider));
}

const appName = (a: StackResource) => nameRef(propsOf(a).name);
const slotKey = (s: StackResource) => joinNames(nameRef(propsOf(s).name), nameRef(propsOf(s).slot));

/** An app with the settings resources joined to it (a classic container app's too: they are azure-native). */
export function publishedApp(target: StackResource, links: Links, missing: string, parent?: StackResource): PublishedApp {
    return {
        urn: target.urn,
        tags: propsOf(target).tags,
        inheritedTags: parent ? [propsOf(parent).tags] : [],
        sources: (links.byParent.get(target.urn) ?? []).map(settingsSource),
        unjoined: links.unplaced.length > 0,
        missing,
    };
}

export const azureNativeAppAuth: AppAuthAdapter = {
    provider: "azure-native",
    recordedTypes: [web.WebApp, web.WebAppSlot, app.ContainerApp, ...SETTINGS.map(([t]) => t)],
    publishedApps(view) {
        const webApps = view.ofType(web.WebApp);
        const slots = view.ofType(web.WebAppSlot);
        const containerApps = view.ofType(app.ContainerApp);

        const appLinks = linkChildren(view, {
            children: view.ofType(web.WebAppAuthSettingsV2, web.WebAppAuthSettings),
            parents: webApps,
            dependencyKeys: ["name"],
            childName: appName,
            parentName: (a) => azureName(a, "name"),
        });
        const slotLinks = linkChildren(view, {
            children: view.ofType(web.WebAppAuthSettingsV2Slot, web.WebAppAuthSettingsSlot),
            parents: slots,
            dependencyKeys: ["slot"],
            childName: slotKey,
            parentName: slotKey,
        });
        const containerLinks = linkChildren(view, {
            children: containerAuthConfigsFor(view, app.ContainerApp),
            parents: containerApps,
            dependencyKeys: ["containerAppName"],
            childName: (c) => nameRef(propsOf(c).containerAppName),
            parentName: (a) => azureName(a, "containerAppName"),
        });
        const slotParents = linkChildren(view, {
            children: slots,
            parents: webApps,
            dependencyKeys: ["name"],
            childName: appName,
            parentName: (a) => azureName(a, "name"),
        });
        const parentOfSlot = new Map<string, StackResource>();
        for (const [parentUrn, children] of slotParents.byParent) {
            children.forEach((c) => parentOfSlot.set(c.urn, view.get(parentUrn)!));
        }
        return [
            ...webApps.map((a) => publishedApp(a, appLinks, MISSING("a web.WebAppAuthSettingsV2 resource"))),
            ...slots.map((s) => publishedApp(s, slotLinks, MISSING("a web.WebAppAuthSettingsV2Slot resource"), parentOfSlot.get(s.urn))),
            ...containerApps.map((c) => publishedApp(c, containerLinks, MISSING("an app.ContainerAppsAuthConfig resource"))),
        ];
    },
};
