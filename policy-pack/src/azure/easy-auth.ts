// App Service and Container Apps built-in authentication ("Easy Auth"), the way an app is published
// behind Microsoft Entra sign-in without a separate proxy. Three shapes:
// - v2 on App Service (`web:WebAppAuthSettingsV2`, `…Slot`): `platform`, `globalValidation`
//   (`requireAuthentication`, `unauthenticatedClientAction`, `redirectToProvider`), `identityProviders`;
// - Container Apps (`app:ContainerAppsAuthConfig`): the same, without `requireAuthentication`, so the
//   unauthenticated action itself must refuse anonymous requests;
// - v1 on App Service (`web:WebAppAuthSettings`, `…Slot`): flat `enabled`, `defaultProvider`,
//   `unauthenticatedClientAction`, `clientId`, `issuer`, and per-provider client ids.
// An app counts as Entra-protected when authentication is on, anonymous requests are refused, the Entra
// provider is enabled with a tenant-specific issuer, and no other identity provider can sign users in.
import { msg, safe, Safe } from "../engine/messages";
import { getPath, isRecord, isUnknown, Props } from "../engine/values";
import { parseTenantUrl } from "./entra-tenant";
import { Problem, undecided, violation } from "./problems";

export type AuthShape = "v2" | "containerApps" | "v1";

export const UNAUTHENTICATED_ACTIONS = ["RedirectToLoginPage", "AllowAnonymous", "Return401", "Return403"] as const;
export const V1_PROVIDERS = ["AzureActiveDirectory", "Facebook", "Google", "MicrosoftAccount", "Twitter", "Github"] as const;

const ENTRA_PROVIDER_KEY = "azureActiveDirectory";
const OTHER_V2_PROVIDERS = ["apple", "azureStaticWebApps", "facebook", "gitHub", "google", "legacyMicrosoftAccount", "twitter"];
const V1_OTHER_PROVIDER_IDS = ["facebookAppId", "gitHubClientId", "googleClientId", "microsoftAccountClientId", "twitterConsumerKey"];

function unknownAt(path: string): Problem {
    return undecided(msg`${safe.path(path)} cannot be known during preview, so Entra sign-in cannot be verified.`);
}

/** Reads a boolean that must be true. */
function mustBeTrue(props: Props, path: string[], fix: Safe): Problem[] {
    const value = getPath(props, path);
    const where = safe.path(path.join("."));
    if (value === true) {
        return [];
    }
    if (isUnknown(value)) {
        return [unknownAt(path.join("."))];
    }
    if (value === undefined || value === null) {
        return [violation(msg`${where} is not set. ${fix}`)];
    }
    return [violation(value === false ? msg`${where} is false. ${fix}` : msg`${where} is not a boolean. ${fix}`)];
}

function unauthenticatedActionProblems(props: Props, path: string[], required: boolean): Problem[] {
    const value = getPath(props, path);
    const where = safe.path(path.join("."));
    const fix = msg`Set ${where} to RedirectToLoginPage (or Return401 / Return403 for APIs).`;
    if (isUnknown(value)) {
        return [unknownAt(path.join("."))];
    }
    if (value === undefined || value === null) {
        return required ? [violation(msg`${where} is not set, so anonymous requests are not refused. ${fix}`)] : [];
    }
    const word = typeof value === "string" ? UNAUTHENTICATED_ACTIONS.find((a) => a.toLowerCase() === value.trim().toLowerCase()) : undefined;
    if (word === undefined) {
        return [violation(msg`${where} is not one of ${safe.literal(UNAUTHENTICATED_ACTIONS.join(", "))}. ${fix}`)];
    }
    return word === "AllowAnonymous" ? [violation(msg`${where} is AllowAnonymous, so requests reach the app without signing in. ${fix}`)] : [];
}

function issuerProblems(value: unknown, path: string): Problem[] {
    const where = safe.path(path);
    const fix = safe.literal("Set it to https://login.microsoftonline.com/<tenant-id>/v2.0 (or https://sts.windows.net/<tenant-id>/).");
    const issuer = parseTenantUrl(value);
    switch (issuer.kind) {
        case "tenant":
            return [];
        case "unknown":
            return [unknownAt(path)];
        case "missing":
            return [violation(msg`${where} is not set, so the app does not pin sign-in to your Entra tenant. ${fix}`)];
        case "multi-tenant":
            return [
                violation(
                    msg`${where} names ${safe.word(issuer.alias, ["common", "organizations", "consumers"])} instead of a tenant, which lets accounts of other tenants sign in. ${fix}`,
                ),
            ];
        case "invalid":
            return [violation(msg`${where} is not an Entra URL that names one tenant by its ID. ${fix}`)];
    }
}

function clientIdProblems(value: unknown, path: string): Problem[] {
    if (isUnknown(value)) {
        return [unknownAt(path)];
    }
    if (typeof value === "string" && value.trim() !== "") {
        return [];
    }
    return [violation(msg`${safe.path(path)} is not set: set it to the application (client) ID of the app registration.`)];
}

/** An identity provider block counts as enabled unless it says `enabled: false`. */
function providerEnabled(value: unknown): boolean | "unknown" {
    if (isUnknown(value)) {
        return "unknown";
    }
    if (!isRecord(value)) {
        return false;
    }
    if (isUnknown(value.enabled)) {
        return "unknown";
    }
    return value.enabled !== false;
}

function otherProviderProblems(providers: Props): Problem[] {
    const problems: Problem[] = [];
    const flag = (path: Safe, enabled: boolean | "unknown") => {
        if (enabled === "unknown") {
            problems.push(undecided(msg`${path} cannot be known during preview, so Entra-only sign-in cannot be verified.`));
        } else if (enabled) {
            problems.push(
                violation(msg`${path} is enabled, so users can sign in without Microsoft Entra ID. Remove it, or set its enabled to false.`),
            );
        }
    };
    for (const key of OTHER_V2_PROVIDERS) {
        if (providers[key] !== undefined && providers[key] !== null) {
            flag(safe.path(`identityProviders.${key}`), providerEnabled(providers[key]));
        }
    }
    const custom = providers.customOpenIdConnectProviders;
    if (isUnknown(custom)) {
        flag(safe.path("identityProviders.customOpenIdConnectProviders"), "unknown");
    } else if (isRecord(custom)) {
        for (const [name, provider] of Object.entries(custom)) {
            flag(msg`identityProviders.customOpenIdConnectProviders.${safe.name(name)}`, providerEnabled(provider));
        }
    }
    return problems;
}

function v2Problems(props: Props, shape: "v2" | "containerApps"): Problem[] {
    const problems: Problem[] = [
        ...mustBeTrue(props, ["platform", "enabled"], safe.literal("Set platform.enabled to true to turn authentication on.")),
    ];
    if (shape === "v2") {
        problems.push(
            ...mustBeTrue(
                props,
                ["globalValidation", "requireAuthentication"],
                safe.literal("Set globalValidation.requireAuthentication to true so that every request must sign in."),
            ),
        );
    }
    problems.push(...unauthenticatedActionProblems(props, ["globalValidation", "unauthenticatedClientAction"], shape === "containerApps"));

    const redirect = getPath(props, ["globalValidation", "redirectToProvider"]);
    if (isUnknown(redirect)) {
        problems.push(unknownAt("globalValidation.redirectToProvider"));
    } else if (redirect !== undefined && redirect !== null && !(typeof redirect === "string" && redirect.trim().toLowerCase() === "azureactivedirectory")) {
        problems.push(
            violation(
                msg`globalValidation.redirectToProvider sends sign-in to a provider other than Microsoft Entra ID. Set it to azureactivedirectory.`,
            ),
        );
    }

    const providers = props.identityProviders;
    if (isUnknown(providers)) {
        return [...problems, unknownAt("identityProviders")];
    }
    const entra = isRecord(providers) ? providers[ENTRA_PROVIDER_KEY] : undefined;
    const entraPath = `identityProviders.${ENTRA_PROVIDER_KEY}`;
    if (isUnknown(entra)) {
        problems.push(unknownAt(entraPath));
    } else if (!isRecord(entra)) {
        problems.push(
            violation(
                msg`${safe.path(entraPath)} is not configured, so sign-in does not go through Microsoft Entra ID. Configure it with registration.clientId and a tenant-specific registration.openIdIssuer.`,
            ),
        );
    } else {
        const enabled = providerEnabled(entra);
        if (enabled === "unknown") {
            problems.push(unknownAt(`${entraPath}.enabled`));
        } else if (!enabled) {
            problems.push(violation(msg`${safe.path(`${entraPath}.enabled`)} is false. Set it to true (or leave it out).`));
        }
        const registration = entra.registration;
        if (isUnknown(registration)) {
            problems.push(unknownAt(`${entraPath}.registration`));
        } else {
            const reg = isRecord(registration) ? registration : {};
            problems.push(...clientIdProblems(reg.clientId, `${entraPath}.registration.clientId`));
            problems.push(...issuerProblems(reg.openIdIssuer, `${entraPath}.registration.openIdIssuer`));
        }
    }
    if (isRecord(providers)) {
        problems.push(...otherProviderProblems(providers));
    }
    return problems;
}

function v1Problems(props: Props): Problem[] {
    const problems: Problem[] = [...mustBeTrue(props, ["enabled"], safe.literal("Set enabled to true to turn authentication on."))];
    const provider = props.defaultProvider;
    if (isUnknown(provider)) {
        problems.push(unknownAt("defaultProvider"));
    } else if (!(typeof provider === "string" && provider.trim().toLowerCase() === "azureactivedirectory")) {
        const now = provider === undefined || provider === null ? safe.literal("not set") : safe.word(provider, V1_PROVIDERS);
        problems.push(violation(msg`defaultProvider is ${now}: sign-in must go to Microsoft Entra ID. Set it to AzureActiveDirectory.`));
    }
    const action = props.unauthenticatedClientAction;
    if (isUnknown(action)) {
        problems.push(unknownAt("unauthenticatedClientAction"));
    } else if (!(typeof action === "string" && action.trim().toLowerCase() === "redirecttologinpage")) {
        problems.push(
            violation(
                msg`unauthenticatedClientAction is not RedirectToLoginPage, so anonymous requests are not sent to Entra sign-in. Set it to RedirectToLoginPage.`,
            ),
        );
    }
    problems.push(...clientIdProblems(props.clientId, "clientId"));
    problems.push(...issuerProblems(props.issuer, "issuer"));
    for (const key of V1_OTHER_PROVIDER_IDS) {
        const value = props[key];
        if (isUnknown(value)) {
            problems.push(unknownAt(key));
        } else if (typeof value === "string" && value.trim() !== "") {
            problems.push(violation(msg`${safe.path(key)} is set, so users can sign in without Microsoft Entra ID. Remove it.`));
        }
    }
    return problems;
}

/** Every finding for one authentication-settings resource of the given shape. */
export function authSettingsProblems(shape: AuthShape, props: Props): Problem[] {
    return shape === "v1" ? v1Problems(props) : v2Problems(props, shape);
}
