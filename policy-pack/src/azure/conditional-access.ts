// Conditional Access as the seeds' Zero Trust gate (DESIGN §3b): what an azuread
// `ConditionalAccessPolicy` targets, what its grant demands of a sign-in (multifactor, phishing-
// resistant, device trust), what narrows it, and authentication strengths — built in, or an
// `AuthenticationStrengthPolicy` of the stack found through propertyDependencies (its id is unknown
// in a first preview). Values compare case-insensitively; an unknown never counts as a demand met.
import { msg, safe, Safe } from "../engine/messages";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { getPath, isRecord, isUnknown } from "../engine/values";
import { canonicalGuid } from "./roles";
import { azuread } from "./types";

export const AZURE_MANAGEMENT_APP = "797f4846-ba00-4fd7-ba43-dac1f8f63013";
export const ADMIN_PORTALS_APP = "microsoftadminportals";

/** The admin interfaces role coverage is judged on; `All` covers both. */
export const ADMIN_INTERFACES: readonly { key: string; text: Safe }[] = [
    { key: AZURE_MANAGEMENT_APP, text: safe.literal("the Windows Azure Service Management API (797f4846-ba00-4fd7-ba43-dac1f8f63013)") },
    { key: ADMIN_PORTALS_APP, text: safe.literal("MicrosoftAdminPortals") },
];

export const DEMANDS = ["mfa", "phishingResistant", "deviceTrust"] as const;
export type Demand = (typeof DEMANDS)[number];

export const DEMAND_TEXT: Record<Demand, string> = {
    mfa: "multifactor authentication",
    phishingResistant: "phishing-resistant authentication strength",
    deviceTrust: "a trusted device (compliant or hybrid joined, or admin workstations only)",
};

/** What a sign-in must show: `known` for certain, `possible` if every unknown turned out strong. */
export interface Demands {
    known: ReadonlySet<Demand>;
    possible: ReadonlySet<Demand>;
}

const NONE: Demands = { known: new Set(), possible: new Set() };
const fixed = (...demands: Demand[]): Demands => ({ known: new Set(demands), possible: new Set(demands) });
const EVERYTHING = fixed(...DEMANDS);

export function allOf(parts: readonly Demands[]): Demands {
    return {
        known: new Set(parts.flatMap((p) => [...p.known])),
        possible: new Set(parts.flatMap((p) => [...p.possible])),
    };
}

function anyOf(parts: readonly Demands[]): Demands {
    const common = (pick: (d: Demands) => ReadonlySet<Demand>) =>
        new Set(DEMANDS.filter((d) => parts.length > 0 && parts.every((p) => pick(p).has(d))));
    return { known: common((p) => p.known), possible: common((p) => p.possible) };
}

export const BUILT_IN_STRENGTHS: Record<string, { name: string; demands: Demand[] }> = {
    "00000000-0000-0000-0000-000000000002": { name: "Multifactor authentication", demands: ["mfa"] },
    "00000000-0000-0000-0000-000000000003": { name: "Passwordless MFA", demands: ["mfa"] },
    "00000000-0000-0000-0000-000000000004": { name: "Phishing-resistant MFA", demands: ["mfa", "phishingResistant"] },
};

const PHISHING_RESISTANT = new Set(["windowshelloforbusiness", "fido2", "x509certificatemultifactor"]);
const SINGLE_FACTORS = new Set([
    "password",
    "sms",
    "voice",
    "federatedsinglefactor",
    "x509certificatesinglefactor",
    "temporaryaccesspassonetime",
    "temporaryaccesspassmultiuse",
    "email",
]);

/** What an authentication strength's `allowedCombinations` demand: the weakest combination decides. */
export function strengthDemands(allowedCombinations: unknown): Demands {
    if (isUnknown(allowedCombinations)) {
        return { known: new Set(), possible: new Set(DEMANDS.filter((d) => d !== "deviceTrust")) };
    }
    if (!Array.isArray(allowedCombinations) || allowedCombinations.length === 0) {
        return NONE;
    }
    const perCombination = allowedCombinations.map((c): Demands => {
        if (isUnknown(c)) {
            return { known: new Set(), possible: new Set(["mfa", "phishingResistant"]) };
        }
        if (typeof c !== "string") {
            return NONE;
        }
        const factors = c.split(",").map((f) => f.trim().toLowerCase()).filter((f) => f !== "");
        if (factors.length === 0 || (factors.length === 1 && SINGLE_FACTORS.has(factors[0]))) {
            return NONE;
        }
        return factors.length === 1 && PHISHING_RESISTANT.has(factors[0]) ? fixed("mfa", "phishingResistant") : fixed("mfa");
    });
    return anyOf(perCombination);
}

const lower = (v: unknown) => (typeof v === "string" ? v.trim().toLowerCase() : undefined);

/** The GUID of an authentication strength id, with Graph's `/policies/authenticationStrengthPolicies/` prefix or without. */
export function strengthGuid(value: unknown): string | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    const segments = value.trim().split("/").filter((s) => s !== "");
    return canonicalGuid(segments[segments.length - 1]);
}

/** A list of strings as written, lower-cased; `unknown` when it (or an entry) cannot be known. */
export type Words = { kind: "words"; values: string[] } | { kind: "unknown" };

export function words(value: unknown): Words {
    if (isUnknown(value) || (Array.isArray(value) && value.some(isUnknown))) {
        return { kind: "unknown" };
    }
    const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    return { kind: "words", values: values.map(lower).filter((v): v is string => v !== undefined && v !== "") };
}

const has = (w: Words, value: string) => w.kind === "words" && w.values.includes(value);

export type PolicyState = "enabled" | "reportOnly" | "disabled" | "unknown" | "invalid";

export function policyState(value: unknown): PolicyState {
    if (isUnknown(value)) {
        return "unknown";
    }
    switch (lower(value)) {
        case "enabled":
            return "enabled";
        case "enabledforreportingbutnotenforced":
            return "reportOnly";
        case "disabled":
            return "disabled";
        default:
            return "invalid";
    }
}

/** A condition beyond users, roles and apps: it lets some admin sign-ins skip the grant. */
export interface Narrowing {
    path: Safe;
    text: Safe;
    unknown: boolean;
    /** An exclude-mode device filter: the admin-workstation pattern when the grant is `block`. */
    deviceExclusion?: boolean;
}

function narrowingOf(conditions: unknown): Narrowing[] {
    const found: Narrowing[] = [];
    const add = (path: string, text: Safe, unknown = false, deviceExclusion = false) =>
        found.push({ path: safe.path(`conditions.${path}`), text, unknown, deviceExclusion });
    const at = (...path: string[]) => getPath(conditions, path);
    const list = (path: string, text: Safe) => {
        const w = words(at(...path.split(".")));
        if (w.kind === "unknown") {
            add(path, msg`${text} that cannot be known during preview`, true);
        } else if (w.values.length > 0) {
            add(path, text);
        }
    };

    const locations = at("locations");
    if (locations !== undefined && locations !== null) {
        const included = words(getPath(locations, ["includedLocations"]));
        const excludedList = getPath(locations, ["excludedLocations"]);
        const excluded = words(excludedList);
        // A location of the stack has an unknown id in a first preview: the exclusion is there all the same.
        if (Array.isArray(excludedList) && excludedList.length > 0) {
            add("locations.excludedLocations", msg`excluded locations (a trusted location is not trust)`);
        } else if (included.kind === "unknown" || excluded.kind === "unknown") {
            add("locations", msg`locations that cannot be known during preview`, true);
        } else if (included.values.length > 0 && !included.values.includes("all")) {
            add("locations.includedLocations", msg`locations other than All`);
        }
    }
    const platforms = at("platforms");
    if (platforms !== undefined && platforms !== null) {
        const included = words(getPath(platforms, ["includedPlatforms"]));
        const excluded = words(getPath(platforms, ["excludedPlatforms"]));
        if (included.kind === "unknown" || excluded.kind === "unknown") {
            add("platforms", msg`platforms that cannot be known during preview`, true);
        } else if (excluded.values.length > 0 || (included.values.length > 0 && !included.values.includes("all"))) {
            add("platforms", msg`a platform condition`);
        }
    }
    const clientAppTypes = words(at("clientAppTypes"));
    if (clientAppTypes.kind === "unknown") {
        add("clientAppTypes", msg`client app types that cannot be known during preview`, true);
    } else if (clientAppTypes.values.length > 0 && !clientAppTypes.values.includes("all")) {
        add("clientAppTypes", msg`client app types other than all`);
    }
    const filter = at("devices", "filter");
    if (isUnknown(filter)) {
        add("devices.filter", msg`a device filter that cannot be known during preview`, true);
    } else if (isRecord(filter)) {
        const mode = lower(filter.mode);
        add("devices.filter", mode === "exclude" ? msg`a device filter in exclude mode (an excluded device skips the grant)` : msg`a device filter`, isUnknown(filter.mode), mode === "exclude");
    }
    list("userRiskLevels", msg`user risk levels`);
    list("signInRiskLevels", msg`sign-in risk levels`);
    list("servicePrincipalRiskLevels", msg`service principal risk levels`);
    list("insiderRiskLevels", msg`insider risk levels`);
    list("authenticationFlowTransferMethods", msg`authentication flow transfer methods`);
    const clientApplications = at("clientApplications");
    if (isUnknown(clientApplications)) {
        add("clientApplications", msg`client application filters that cannot be known during preview`, true);
    } else if (
        isRecord(clientApplications) &&
        Object.values(clientApplications).some((v) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))
    ) {
        add("clientApplications", msg`client application filters`);
    }
    return found;
}

/** One alternative of a grant: a built-in control, an authentication strength, terms of use, a custom factor. */
export interface Control {
    text: Safe;
    demands: Demands;
    block?: boolean;
    /** The value naming the control cannot be interpreted (not a control Azure has, an id that is not a GUID). */
    malformed?: boolean;
}

const BUILT_IN_CONTROLS = ["block", "mfa", "approvedApplication", "compliantApplication", "compliantDevice", "domainJoinedDevice", "passwordChange"] as const;

function builtInControl(value: unknown): Control {
    if (isUnknown(value)) {
        return { text: safe.literal("a control that cannot be known during preview"), demands: { known: new Set(), possible: new Set(DEMANDS) } };
    }
    const word = lower(value);
    const text = safe.word(value, BUILT_IN_CONTROLS);
    if (!BUILT_IN_CONTROLS.some((c) => c.toLowerCase() === word)) {
        return { text, demands: NONE, malformed: true };
    }
    switch (word) {
        case "block":
            return { text, demands: EVERYTHING, block: true };
        case "mfa":
            return { text, demands: fixed("mfa") };
        case "compliantdevice":
        case "domainjoineddevice":
            return { text, demands: fixed("deviceTrust") };
        default:
            return { text, demands: NONE };
    }
}

export interface Grant {
    controls: Control[];
    operator: "AND" | "OR" | "unknown";
    demands: Demands;
    block: boolean;
    /** `operator` is read as OR, but the grant's operator is neither AND nor OR (missing, or another value). */
    operatorMalformed?: boolean;
}

/** Resolves an authentication strength id: built in, or a strength policy of the stack. */
export function strengthControl(view: StackView, cap: StackResource, value: unknown): Control {
    const guid = strengthGuid(value);
    const builtIn = guid ? BUILT_IN_STRENGTHS[guid] : undefined;
    if (builtIn) {
        return { text: msg`authentication strength ${safe.literal(builtIn.name)}`, demands: fixed(...builtIn.demands) };
    }
    const fromStack = view.dependenciesOf(cap, "grantControls").filter((d) => azuread.AuthenticationStrengthPolicy.matches(d.type));
    const byId = guid
        ? view.ofType(azuread.AuthenticationStrengthPolicy).filter((s) => strengthGuid(s.outputs.id) === guid)
        : [];
    const candidates = fromStack.length > 0 ? fromStack : byId;
    if (candidates.length > 0) {
        const name = list(candidates);
        return { text: msg`authentication strength ${name}`, demands: anyOf(candidates.map((s) => strengthDemands(propsOf(s).allowedCombinations))) };
    }
    if (isUnknown(value)) {
        return {
            text: safe.literal("an authentication strength that cannot be known during preview"),
            demands: { known: new Set(), possible: new Set(["mfa", "phishingResistant"]) },
        };
    }
    return {
        text: guid ? msg`authentication strength ${safe.guid(guid)}, neither built in nor in the stack,` : safe.literal("an authentication strength id that is not a GUID"),
        demands: guid ? { known: new Set(), possible: new Set(["mfa", "phishingResistant"]) } : NONE,
        ...(guid ? {} : { malformed: true }),
    };
}

function list(resources: readonly StackResource[]): Safe {
    return safe.literal(resources.map((r) => safe.name(r.name)).join(", "));
}

export function grantOf(view: StackView, cap: StackResource): Grant {
    const grant = propsOf(cap).grantControls;
    const controls: Control[] = [];
    if (isUnknown(grant)) {
        controls.push({ text: safe.literal("grant controls that cannot be known during preview"), demands: { known: new Set(), possible: new Set(DEMANDS) } });
    } else if (isRecord(grant)) {
        const builtIns = grant.builtInControls;
        if (isUnknown(builtIns)) {
            controls.push(builtInControl(builtIns));
        } else if (Array.isArray(builtIns)) {
            controls.push(...builtIns.map(builtInControl));
        }
        if (grant.authenticationStrengthPolicyId !== undefined && grant.authenticationStrengthPolicyId !== null) {
            controls.push(strengthControl(view, cap, grant.authenticationStrengthPolicyId));
        }
        for (const [key, text] of [
            ["termsOfUses", "terms of use"],
            ["customAuthenticationFactors", "a custom authentication factor"],
        ] as const) {
            const w = words(grant[key]);
            if (w.kind === "unknown" || w.values.length > 0) {
                controls.push({ text: safe.literal(text), demands: NONE });
            }
        }
    }
    const op = isRecord(grant) ? grant.operator : undefined;
    const operator = isUnknown(op) ? "unknown" : lower(op) === "and" ? "AND" : "OR";
    const operatorMalformed = isRecord(grant) && !isUnknown(op) && lower(op) !== "and" && lower(op) !== "or";
    const demands =
        controls.length === 0
            ? NONE
            : operator === "AND"
              ? allOf(controls.map((c) => c.demands))
              : operator === "OR"
                ? anyOf(controls.map((c) => c.demands))
                : { known: anyOf(controls.map((c) => c.demands)).known, possible: allOf(controls.map((c) => c.demands)).possible };
    return { controls, operator, demands, block: controls.length > 0 && controls.every((c) => c.block), ...(operatorMalformed ? { operatorMalformed } : {}) };
}

/** OR alternatives that let a non-multifactor control replace multifactor authentication (an unknown operator is the caller's unknown). */
export function orBypass(grant: Grant): { mfa: Control[]; weaker: Control[] } | undefined {
    if (grant.operator !== "OR" || grant.controls.length < 2 || grant.block) {
        return undefined;
    }
    const mfa = grant.controls.filter((c) => c.demands.possible.has("mfa") && !c.block);
    const weaker = grant.controls.filter((c) => !c.demands.possible.has("mfa") && !c.block);
    return mfa.length > 0 && weaker.length > 0 ? { mfa, weaker } : undefined;
}

/** The users, roles and apps of a policy, as read from its `conditions`. */
export interface Targets {
    includedUsers: Words;
    includedRoles: Words;
    excludedRoles: Words;
    excludedUsers: Words;
    excludedGroups: Words;
    excludedGuests: boolean | "unknown";
    includedApplications: Words;
    excludedApplications: Words;
}

export function targetsOf(cap: StackResource): Targets {
    const conditions = propsOf(cap).conditions;
    const users = (key: string) => words(getPath(conditions, ["users", key]));
    const apps = (key: string) => words(getPath(conditions, ["applications", key]));
    const guests = getPath(conditions, ["users", "excludedGuestsOrExternalUsers"]);
    return {
        includedUsers: users("includedUsers"),
        includedRoles: users("includedRoles"),
        excludedRoles: users("excludedRoles"),
        excludedUsers: users("excludedUsers"),
        excludedGroups: users("excludedGroups"),
        excludedGuests: isUnknown(guests) ? "unknown" : Array.isArray(guests) && guests.length > 0,
        includedApplications: apps("includedApplications"),
        excludedApplications: apps("excludedApplications"),
    };
}

/** Whether the policy's apps include the admin interface `app` (or All) without excluding it. */
export function coversApp(t: Targets, app: string): boolean {
    return (has(t.includedApplications, "all") || has(t.includedApplications, app)) && !has(t.excludedApplications, app);
}

export function includesAllUsers(t: Targets): boolean {
    return has(t.includedUsers, "all");
}

export { has as includesWord };

export interface CapFacts {
    resource: StackResource;
    state: PolicyState;
    targets: Targets;
    grant: Grant;
    narrowing: Narrowing[];
}

export function capFacts(view: StackView, cap: StackResource): CapFacts {
    return {
        resource: cap,
        state: policyState(propsOf(cap).state),
        targets: targetsOf(cap),
        grant: grantOf(view, cap),
        narrowing: narrowingOf(propsOf(cap).conditions),
    };
}

/**
 * What a policy contributes to a sign-in it applies to. A grant policy counts only without narrowing
 * conditions; a block counts whole when unconditional, and as device trust when its only condition is
 * an exclude-mode device filter (only designated admin workstations get through).
 */
export function contribution(f: CapFacts): Demands {
    if (f.grant.block) {
        if (f.narrowing.length === 0) {
            return EVERYTHING;
        }
        return f.narrowing.every((n) => n.deviceExclusion && !n.unknown) ? fixed("deviceTrust") : NONE;
    }
    return f.narrowing.length === 0 ? f.grant.demands : NONE;
}

/** The demands an attested tenant policy brings (`requires` words of the policy config). */
export function attestedDemands(requires: readonly string[]): Demands {
    return allOf(
        requires.map((r) =>
            r === "phishingResistant" ? fixed("mfa", "phishingResistant") : r === "compliantDevice" ? fixed("deviceTrust") : r === "mfa" ? fixed("mfa") : NONE,
        ),
    );
}

/** What the level demands of every admin sign-in: MFA; device trust at specialized; phishing resistance at privileged. */
export function requiredDemands(level: "enterprise" | "specialized" | "privileged"): Demand[] {
    return level === "privileged" ? ["mfa", "phishingResistant", "deviceTrust"] : level === "specialized" ? ["mfa", "deviceTrust"] : ["mfa"];
}
