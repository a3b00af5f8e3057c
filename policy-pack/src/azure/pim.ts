// Microsoft Entra Privileged Identity Management for Azure resources, whichever provider wrote it:
// how long an eligible or active grant lasts, and what a role management policy demands when an
// eligible user activates. The adapters (adapters/pim-schedules.ts, adapters/activation-policies.ts)
// read each provider's properties into the readings below, with the paths their users wrote; the
// functions here judge them.
import { list, msg, safe, Safe } from "../engine/messages";
import { isUnknown } from "../engine/values";
import { describeSeconds, parseDurationSeconds, SECONDS_PER_DAY, SECONDS_PER_HOUR } from "./durations";
import { malformed, Problem, undecided, violation } from "./problems";

/** The longest an activation, or an active assignment, may last before it is standing access. */
export const MAX_ACTIVATION_SECONDS = 8 * SECONDS_PER_HOUR;

// ---------------------------------------------------------------------------------------------
// How long a grant lasts

/** How long an eligible or active grant lasts, as its provider states it. */
export type ExpiryReading =
    | {
          kind: "never";
          path: string;
          /**
           * `no-expiration`: the value says NoExpiration; `not-set`: the expiration is left out;
           * `none-of`: it is there but sets none of `fields`.
           */
          cause: "no-expiration" | "not-set" | "none-of";
          fields?: readonly string[];
          /** The provider itself sends NoExpiration for what is left out (classic). */
          defaulted: boolean;
      }
    | { kind: "duration"; path: string; seconds: number }
    /** Ends at `endMs`; starts at `startMs`, or when the request is made when no start is given. */
    | { kind: "until"; path: string; endMs: number; startMs?: number }
    | { kind: "unknown"; path: string }
    /** `expected` says what the value should be, in words the adapter wrote ("an ISO 8601 duration"). */
    | { kind: "malformed"; path: string; expected: string };

export interface ExpiryLimit {
    maxSeconds: number;
    /** How a message names the limit: "the 365-day limit (maxEligibilityDays)". */
    text: Safe;
    /** How a message names the grant: "eligibility", "active assignment". */
    grant: Safe;
}

function neverMessage(e: Extract<ExpiryReading, { kind: "never" }>, limit: ExpiryLimit): Safe {
    const where = safe.path(e.path);
    const so = e.defaulted ? safe.literal(", and the provider's default is NoExpiration, so") : safe.literal(", so");
    switch (e.cause) {
        case "no-expiration":
            return msg`${where} is NoExpiration, so the ${limit.grant} never expires`;
        case "not-set":
            return e.defaulted
                ? msg`${where} is not set${so} the ${limit.grant} never expires`
                : msg`${where} is not set${so} the ${limit.grant} is not held to ${limit.text}`;
        case "none-of":
            return msg`${where} sets none of ${list((e.fields ?? []).map(safe.path), "or")}${so} the ${limit.grant} ${e.defaulted ? safe.literal("never expires") : safe.literal("may never expire")}`;
    }
}

/** Rounds a window up to the unit the limit is written in (days for days, hours for hours). */
function roundedTo(seconds: number, maxSeconds: number): number {
    const unit = maxSeconds % SECONDS_PER_DAY === 0 ? SECONDS_PER_DAY : SECONDS_PER_HOUR;
    return Math.ceil(seconds / unit) * unit;
}

/** Problems with how long a grant lasts: it must end, at most `limit.maxSeconds` after it starts. */
export function expiryProblems(expiry: ExpiryReading, limit: ExpiryLimit, now: number): Problem[] {
    const where = safe.path(expiry.path);
    switch (expiry.kind) {
        case "unknown":
            return [undecided(msg`${where} cannot be known during preview, so the ${limit.grant}'s expiration cannot be checked`)];
        case "malformed":
            return [malformed(msg`${where} is not ${safe.literal(expiry.expected)}`)];
        case "never":
            return [violation(neverMessage(expiry, limit))];
        case "duration":
            return expiry.seconds > limit.maxSeconds
                ? [violation(msg`${where} is ${safe.literal(describeSeconds(expiry.seconds))}, more than ${limit.text}`)]
                : [];
        case "until": {
            const seconds = (expiry.endMs - (expiry.startMs ?? now)) / 1000;
            if (seconds <= 0) {
                return [violation(msg`${where} is not after the start of the ${limit.grant}`)];
            }
            return seconds > limit.maxSeconds
                ? [
                      violation(
                          msg`${where} is ${safe.literal(describeSeconds(roundedTo(seconds, limit.maxSeconds)))} after the start, more than ${limit.text}`,
                      ),
                  ]
                : [];
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Role management policies: what activation demands

/** One place a policy turns an activation requirement on or off. */
export interface FlagSetting {
    path: string;
    state: "on" | "off" | "unknown";
    /** The word the list at `path` must hold (azure-native `enabledRules`); absent for a true/false flag. */
    entry?: string;
    /** `off` because the value is there but is not a boolean (or a list, with `entry`): it cannot be interpreted. */
    malformed?: boolean;
}

export interface DurationSetting {
    path: string;
    /** The ISO 8601 duration as written (or an unknown, or malformed input). */
    value: unknown;
}

/** One activation requirement, as a role management policy states it. */
export type Requirement<S> =
    /** Stated at these places (azure-native: once per rule of the type; classic: one field). */
    | { kind: "set"; settings: readonly S[] }
    /** Left out, and nothing else applies it: `what` names what is missing ("no approval rule (…)"). */
    | { kind: "missing"; what: string }
    /** Left out of a policy its provider only updates: the tenant's current value applies, unseen. */
    | { kind: "tenant-value"; path: string }
    /** Replaced by `path`, which its provider makes exclusive with `of` (a Conditional Access context for MFA). */
    | { kind: "instead"; path: string; of: string };

/** Where a value that could hold a requirement cannot be read: unknown in preview, or malformed. */
export interface Unreadable {
    path: string;
    unknown: boolean;
    /** What the value should be ("a list"), when it is malformed. */
    expected?: string;
}

export type ActivationFacts =
    /** The value that holds every requirement cannot be read. */
    | ({ kind: "unreadable" } & Unreadable)
    | {
          kind: "read";
          /** Parts that could hold any requirement (an azure-native rule) but cannot be read. */
          unreadable: readonly Unreadable[];
          approval: Requirement<FlagSetting>;
          mfa: Requirement<FlagSetting>;
          maximumDuration: Requirement<DurationSetting>;
      };

function tenantValue(path: string): Problem {
    return undecided(
        msg`${safe.path(path)} is not set: the provider changes only what the policy sets, so the tenant's current setting applies, which the stack does not show`,
    );
}

function flagOff(setting: FlagSetting): Safe {
    const where = safe.path(setting.path);
    return setting.entry === undefined ? msg`${where} is not true` : msg`${where} does not contain ${safe.literal(setting.entry)}`;
}

function approvalProblems(r: Requirement<FlagSetting>): Problem[] {
    switch (r.kind) {
        case "set":
            // Every approval setting must hold: any one left off lets activation through unapproved.
            return r.settings.flatMap((s) =>
                s.state === "unknown"
                    ? [undecided(msg`${safe.path(s.path)} cannot be known during preview`)]
                    : s.state === "off"
                      ? [(s.malformed ? malformed : violation)(msg`${flagOff(s)}, so activation needs no approval`)]
                      : [],
            );
        case "missing":
            return [violation(msg`${safe.literal(r.what)} requires approval on activation`)];
        case "tenant-value":
            return [tenantValue(r.path)];
        case "instead":
            return [violation(msg`${safe.path(r.path)} is set instead of ${safe.path(r.of)}, so activation needs no approval`)];
    }
}

// A Conditional Access authentication context may demand anything (a compliant device, say), so only
// an explicit MFA requirement proves MFA (DESIGN §3b decides the same for group activation policies).
function mfaProblems(r: Requirement<FlagSetting>): Problem[] {
    switch (r.kind) {
        case "set": {
            if (r.settings.some((s) => s.state === "on")) {
                return [];
            }
            const unknown = r.settings.find((s) => s.state === "unknown");
            if (unknown) {
                return [undecided(msg`${safe.path(unknown.path)} cannot be known during preview`)];
            }
            const make = r.settings.some((s) => s.malformed) ? malformed : violation;
            return r.settings.length === 0 ? [] : [make(msg`${flagOff(r.settings[0])}, so activation needs no MFA`)];
        }
        case "missing":
            return [violation(msg`${safe.literal(r.what)} requires MultiFactorAuthentication on activation`)];
        case "tenant-value":
            return [tenantValue(r.path)];
        case "instead":
            return [
                violation(
                    msg`${safe.path(r.path)} requires a Conditional Access authentication context instead of ${safe.path(r.of)}; a context may demand something other than MFA, so activation is not proven to need MFA`,
                ),
            ];
    }
}

function durationProblems(r: Requirement<DurationSetting>): Problem[] {
    switch (r.kind) {
        case "set":
            return r.settings.flatMap(({ path, value }) => {
                const where = safe.path(path);
                if (isUnknown(value)) {
                    return [undecided(msg`${where} cannot be known during preview`)];
                }
                if (value === undefined || value === null) {
                    return [violation(msg`${where} is not set, so activation is not capped at 8 hours`)];
                }
                const seconds = parseDurationSeconds(value);
                if (seconds === undefined) {
                    return [malformed(msg`${where} is not an ISO 8601 duration (such as PT8H)`)];
                }
                return seconds > MAX_ACTIVATION_SECONDS
                    ? [violation(msg`${where} is ${safe.literal(describeSeconds(seconds))}, more than 8 hours`)]
                    : [];
            });
        case "missing":
            return [violation(msg`${safe.literal(r.what)} caps activation at 8 hours`)];
        case "tenant-value":
            return [tenantValue(r.path)];
        case "instead":
            return [violation(msg`${safe.path(r.path)} is set instead of ${safe.path(r.of)}, so activation is not capped at 8 hours`)];
    }
}

function unreadableProblem(u: Unreadable): Problem {
    return u.unknown
        ? undecided(msg`${safe.path(u.path)} cannot be known during preview, so approval, MFA and the activation limit cannot be checked`)
        : malformed(msg`${safe.path(u.path)} is not ${safe.literal(u.expected ?? "readable")}`);
}

/**
 * Problems with what a role management policy demands on activation: approval, MFA, and at most 8
 * hours. A value that cannot be known and could hold any of them is reported alone, instead of
 * calling the requirements it may hold missing.
 */
export function activationProblems(facts: ActivationFacts): Problem[] {
    if (facts.kind === "unreadable") {
        return [unreadableProblem(facts)];
    }
    const unreadable = facts.unreadable.map(unreadableProblem);
    if (unreadable.some((p) => p.unknown)) {
        return unreadable.filter((p) => p.unknown);
    }
    return [...unreadable, ...approvalProblems(facts.approval), ...mfaProblems(facts.mfa), ...durationProblems(facts.maximumDuration)];
}
