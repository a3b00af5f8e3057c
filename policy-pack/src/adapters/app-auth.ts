// Published apps and their built-in authentication ("Easy Auth"), read from each provider into one
// model: the apps a policy judges, and for each app the authentication settings that apply to it as
// facts — every fact with the property path its users write, and already holding the provider's
// default where the user left it out. The evaluator (azure/easy-auth.ts) and the policy read only
// this model; each provider's adapter (app-auth-azure-native.ts, app-auth-classic.ts) knows its
// type tokens, how settings join their app, its property names and its defaults.
//
// Three shapes of settings:
// - v2: authentication on, every request signs in, the unauthenticated action, the provider sign-in
//   redirects to, the Entra provider with its client id and issuer, other identity providers;
// - Container Apps: v2 without "every request signs in", so the unauthenticated action itself must
//   refuse anonymous requests;
// - v1: the same facts, flat, with the provider chosen by `defaultProvider`.
import { TenantUrl } from "../azure/entra-tenant";
import { StackView } from "../engine/stack";
import { AzureType } from "../engine/tokens";
import { isUnknown } from "../engine/values";

/**
 * A value as the adapter read it. `set` with `defaulted` is the provider's default for a value the
 * user left out (or that the provider's Check filled in): it is what Azure gets. `unset` is a value
 * left out that no default settles.
 */
export type Reading<T> = { kind: "set"; value: T; defaulted: boolean } | { kind: "unset" } | { kind: "unknown" } | { kind: "malformed" };

export interface Fact<T> {
    path: string;
    reading: Reading<T>;
}

export const UNAUTHENTICATED_ACTIONS = ["RedirectToLoginPage", "AllowAnonymous", "Return401", "Return403"] as const;
export type UnauthenticatedAction = (typeof UNAUTHENTICATED_ACTIONS)[number];

/** The provider a setting sends sign-in to, in the spelling the provider's users write. */
export interface ProviderWord {
    word: string;
    entra: boolean;
}

export interface IssuerFact {
    path: string;
    tenant: TenantUrl;
}

/** An identity provider other than Entra: while it is on, non-Entra identities can sign in. */
export interface OtherProvider {
    path: string;
    /** A custom OpenID Connect provider keyed by its name (azure-native), shown after the path. */
    name?: string;
    on: boolean | "unknown";
    /** True when the provider has an `enabled` switch; otherwise only removing it turns it off. */
    switchable: boolean;
}

export type EntraRegistration = { kind: "unknown"; path: string } | { kind: "known"; clientId: Fact<string>; issuer: IssuerFact };

export interface EntraProvider {
    path: string;
    /** Where its client id and issuer go, relative to `path` (for the fix when it is missing). */
    clientIdKey: string;
    issuerKey: string;
    block:
        | { kind: "unknown" }
        | { kind: "absent" }
        /** `enabled` only where the provider has a switch; a classic block is on by being there. */
        | { kind: "present"; enabled?: Fact<boolean>; registration: EntraRegistration };
}

export interface V2Auth {
    kind: "v2" | "container-apps";
    enabled: Fact<boolean>;
    /** Absent on Container Apps, which have no such setting. */
    requireAuthentication?: Fact<boolean>;
    unauthenticatedAction: Fact<UnauthenticatedAction>;
    /** The provider sign-in redirects to; only its being Entra or not matters. */
    redirect: Fact<"entra" | "other">;
    providers: { kind: "unknown"; path: string } | { kind: "known"; entra: EntraProvider; others: OtherProvider[] };
}

export interface V1Auth {
    kind: "v1";
    enabled: Fact<boolean>;
    defaultProvider: Fact<ProviderWord> & { entraWord: string };
    unauthenticatedAction: Fact<UnauthenticatedAction>;
    clientId: Fact<string>;
    issuer: IssuerFact;
    others: OtherProvider[];
}

/** Settings that cannot be read at all during preview (a whole block unknown). */
export interface UnknownAuth {
    kind: "unknown";
    path: string;
}

export type AuthFacts = V2Auth | V1Auth | UnknownAuth;

/** One set of authentication settings that applies to an app. */
export interface AuthSource {
    /** The settings resource (azure-native); absent when the settings sit on the app itself. */
    resource?: { typeName: string; name: string };
    facts: AuthFacts;
}

/** An app, slot or container app that may be published, with the settings joined to it. */
export interface PublishedApp {
    urn: string;
    tags: unknown;
    /** The tags of the app a slot belongs to: a slot of a published app is published too, at its level. */
    inheritedTags: unknown[];
    sources: AuthSource[];
    /** Settings whose app name is unknown during preview, so they may belong to this app. */
    unjoined: boolean;
    /** The finding when no settings apply, naming what to add in the provider's own words. */
    missing: string;
}

export interface AppAuthAdapter {
    provider: "azure-native" | "azure";
    /** Types whose Analyze inputs the joins need (AnalyzeStack outputs drop `<x>Name` inputs). */
    recordedTypes: readonly AzureType[];
    publishedApps(view: StackView): PublishedApp[];
}

/** Reads a value with `parse` (undefined: malformed); `unset` stands for a value left out. */
export function readValue<T>(value: unknown, parse: (v: unknown) => T | undefined, unset: Reading<T>, filled = false): Reading<T> {
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    if (value === undefined || value === null) {
        return unset;
    }
    const parsed = parse(value);
    return parsed === undefined ? { kind: "malformed" } : { kind: "set", value: parsed, defaulted: filled };
}

export const asBoolean = (v: unknown): boolean | undefined => (typeof v === "boolean" ? v : undefined);

export const asNonEmptyString = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/** A word of a closed set, matched case-insensitively and returned in its canonical spelling. */
export function asWordOf<T extends string>(words: readonly T[]): (v: unknown) => T | undefined {
    return (v) => (typeof v === "string" ? words.find((w) => w.toLowerCase() === v.trim().toLowerCase()) : undefined);
}

/** Entra as the redirect target of v2 settings (`azureactivedirectory`); anything else is another provider. */
export const asRedirectTarget = (v: unknown): "entra" | "other" =>
    typeof v === "string" && v.trim().toLowerCase() === "azureactivedirectory" ? "entra" : "other";

export const unset = { kind: "unset" } as const;

export function defaultedTo<T>(value: T): Reading<T> {
    return { kind: "set", value, defaulted: true };
}
