// App Service and Container Apps built-in authentication ("Easy Auth"), the way an app is published
// behind Microsoft Entra sign-in without a separate proxy, judged from the facts the adapters read
// (adapters/app-auth.ts). An app counts as Entra-protected when authentication is on, anonymous
// requests are refused, sign-in goes to the Entra provider with a client id that is a GUID and a
// tenant-specific issuer, and no other identity provider can sign users in. Every message names the
// property path the adapter handed over, so it speaks the user's provider.
import { AuthFacts, EntraProvider, Fact, IssuerFact, OtherProvider, V1Auth, V2Auth, UNAUTHENTICATED_ACTIONS } from "../adapters/app-auth";
import { msg, safe, Safe } from "../engine/messages";
import { isGuid } from "./entra-tenant";
import { malformed, Problem, undecided, violation } from "./problems";

function unknownAt(path: string): Problem {
    return undecided(msg`${safe.path(path)} cannot be known during preview, so Entra sign-in cannot be verified.`);
}

/** A boolean that must be true; a default is named as the provider's. */
function mustBeTrue(fact: Fact<boolean>, fix: Safe): Problem[] {
    const where = safe.path(fact.path);
    const r = fact.reading;
    switch (r.kind) {
        case "unknown":
            return [unknownAt(fact.path)];
        case "unset":
            return [violation(msg`${where} is not set. ${fix}`)];
        case "malformed":
            return [malformed(msg`${where} is not a boolean. ${fix}`)];
        case "set":
            if (r.value) {
                return [];
            }
            return [violation(r.defaulted ? msg`${where} is not set, and the provider's default is false. ${fix}` : msg`${where} is false. ${fix}`)];
    }
}

const turnOn = (path: string) => msg`Set ${safe.path(path)} to true to turn authentication on.`;

/** v2 and Container Apps: anything but AllowAnonymous; where nothing else refuses anonymous requests, it must be set. */
function unauthenticatedActionProblems(fact: Fact<string>, mustBeSet: boolean): Problem[] {
    const where = safe.path(fact.path);
    const fix = msg`Set ${where} to RedirectToLoginPage (or Return401 / Return403 for APIs).`;
    const r = fact.reading;
    switch (r.kind) {
        case "unknown":
            return [unknownAt(fact.path)];
        case "unset":
            return mustBeSet ? [violation(msg`${where} is not set, so anonymous requests are not refused. ${fix}`)] : [];
        case "malformed":
            return [malformed(msg`${where} is not one of ${safe.literal(UNAUTHENTICATED_ACTIONS.join(", "))}. ${fix}`)];
        case "set":
            return r.value === "AllowAnonymous" ? [violation(msg`${where} is AllowAnonymous, so requests reach the app without signing in. ${fix}`)] : [];
    }
}

function issuerProblems(issuer: IssuerFact): Problem[] {
    const where = safe.path(issuer.path);
    const fix = safe.literal("Set it to https://login.microsoftonline.com/<tenant-id>/v2.0 (or https://sts.windows.net/<tenant-id>/).");
    const tenant = issuer.tenant;
    switch (tenant.kind) {
        case "tenant":
            return [];
        case "unknown":
            return [unknownAt(issuer.path)];
        case "missing":
            return [violation(msg`${where} is not set, so the app does not pin sign-in to your Entra tenant. ${fix}`)];
        case "multi-tenant":
            return [
                violation(
                    msg`${where} names ${safe.word(tenant.alias, ["common", "organizations", "consumers"])} instead of a tenant, which lets accounts of other tenants sign in. ${fix}`,
                ),
            ];
        case "invalid":
            return [malformed(msg`${where} is not an Entra URL that names one tenant by its ID. ${fix}`)];
    }
}

function clientIdProblems(clientId: Fact<string>): Problem[] {
    const where = safe.path(clientId.path);
    const r = clientId.reading;
    if (r.kind === "unknown") {
        return [unknownAt(clientId.path)];
    }
    if (r.kind === "set" && isGuid(r.value)) {
        return [];
    }
    // A value that is not a GUID cannot be read as a client id; one left out is a finding like any other.
    const notGuid = r.kind === "set" || r.kind === "malformed";
    const state = notGuid ? safe.literal("is not a GUID") : safe.literal("is not set");
    return [(notGuid ? malformed : violation)(msg`${where} ${state}: set it to the application (client) ID of the app registration.`)];
}

/** How a provider is named in a message: its path, and a custom provider's own name after it. */
const providerLabel = (p: OtherProvider) => (p.name === undefined ? safe.path(p.path) : msg`${safe.path(p.path)}.${safe.name(p.name)}`);

function v2OtherProviderProblems(others: readonly OtherProvider[]): Problem[] {
    return others.flatMap((p): Problem[] => {
        const label = providerLabel(p);
        if (p.on === "unknown") {
            return [undecided(msg`${label} cannot be known during preview, so Entra-only sign-in cannot be verified.`)];
        }
        if (!p.on) {
            return [];
        }
        const fix = p.switchable ? safe.literal("Remove it, or set its enabled to false.") : safe.literal("Remove it.");
        return [violation(msg`${label} is enabled, so users can sign in without Microsoft Entra ID. ${fix}`)];
    });
}

function entraProblems(entra: EntraProvider): Problem[] {
    const where = safe.path(entra.path);
    const block = entra.block;
    if (block.kind === "unknown") {
        return [unknownAt(entra.path)];
    }
    if (block.kind === "absent") {
        return [
            violation(
                msg`${where} is not configured, so sign-in does not go through Microsoft Entra ID. Configure it with ${safe.path(entra.clientIdKey)} and a tenant-specific ${safe.path(entra.issuerKey)}.`,
            ),
        ];
    }
    const problems: Problem[] = [];
    const enabled = block.enabled;
    if (enabled?.reading.kind === "unknown") {
        problems.push(unknownAt(enabled.path));
    } else if (enabled?.reading.kind === "set" && !enabled.reading.value) {
        problems.push(violation(msg`${safe.path(enabled.path)} is false. Set it to true (or leave it out).`));
    }
    const registration = block.registration;
    if (registration.kind === "unknown") {
        problems.push(unknownAt(registration.path));
    } else {
        problems.push(...clientIdProblems(registration.clientId), ...issuerProblems(registration.issuer));
    }
    return problems;
}

function v2Problems(auth: V2Auth): Problem[] {
    const problems: Problem[] = [...mustBeTrue(auth.enabled, turnOn(auth.enabled.path))];
    const require = auth.requireAuthentication;
    if (require) {
        problems.push(...mustBeTrue(require, msg`Set ${safe.path(require.path)} to true so that every request must sign in.`));
    }
    problems.push(...unauthenticatedActionProblems(auth.unauthenticatedAction, require === undefined));

    const redirect = auth.redirect;
    if (redirect.reading.kind === "unknown") {
        problems.push(unknownAt(redirect.path));
    } else if (redirect.reading.kind === "set" && redirect.reading.value !== "entra") {
        problems.push(
            violation(msg`${safe.path(redirect.path)} sends sign-in to a provider other than Microsoft Entra ID. Set it to azureactivedirectory.`),
        );
    }

    const providers = auth.providers;
    if (providers.kind === "unknown") {
        return [...problems, unknownAt(providers.path)];
    }
    return [...problems, ...entraProblems(providers.entra), ...v2OtherProviderProblems(providers.others)];
}

function v1Problems(auth: V1Auth): Problem[] {
    const problems: Problem[] = [...mustBeTrue(auth.enabled, turnOn(auth.enabled.path))];
    const provider = auth.defaultProvider;
    const providerPath = safe.path(provider.path);
    const pr = provider.reading;
    if (pr.kind === "unknown") {
        problems.push(unknownAt(provider.path));
    } else if (!(pr.kind === "set" && pr.value.entra)) {
        const now = pr.kind === "unset" ? safe.literal("not set") : pr.kind === "malformed" ? safe.literal("an unrecognised value") : safe.word(pr.value.word, [pr.value.word]);
        problems.push(
            (pr.kind === "malformed" ? malformed : violation)(msg`${providerPath} is ${now}: sign-in must go to Microsoft Entra ID. Set it to ${safe.word(provider.entraWord, [provider.entraWord])}.`),
        );
    }
    const action = auth.unauthenticatedAction;
    if (action.reading.kind === "unknown") {
        problems.push(unknownAt(action.path));
    } else if (!(action.reading.kind === "set" && action.reading.value === "RedirectToLoginPage")) {
        const where = safe.path(action.path);
        problems.push((action.reading.kind === "malformed" ? malformed : violation)(msg`${where} is not RedirectToLoginPage, so anonymous requests are not sent to Entra sign-in. Set it to RedirectToLoginPage.`));
    }
    problems.push(...clientIdProblems(auth.clientId), ...issuerProblems(auth.issuer));
    for (const other of auth.others) {
        if (other.on === "unknown") {
            problems.push(unknownAt(other.path));
        } else if (other.on) {
            problems.push(violation(msg`${providerLabel(other)} is set, so users can sign in without Microsoft Entra ID. Remove it.`));
        }
    }
    return problems;
}

/** Every finding for one set of authentication settings. */
export function authProblems(facts: AuthFacts): Problem[] {
    switch (facts.kind) {
        case "unknown":
            return [unknownAt(facts.path)];
        case "v1":
            return v1Problems(facts);
        default:
            return v2Problems(facts);
    }
}
