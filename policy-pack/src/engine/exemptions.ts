// Exemptions: a finding on a named resource that the owner of the pack's config accepts for a while.
// They live in each policy's config (a Pulumi Cloud policy group, or the --policy-pack-config file),
// never in the program, so a program's author cannot exempt their own resource. An exempted finding
// is reported as advisory, its message prefixed with the exemption; once the exemption has expired
// the finding is back at the policy's level and says so. Findings about a security level that cannot
// be read, and about input that cannot be interpreted, are never exempted.
import { calendarDay, daysBetween } from "./days";

export const DEFAULT_MAX_EXEMPTION_DAYS = 90;

export type ExemptionCategory = "waiver" | "mitigated";

export interface Exemption {
    /** Pulumi resource names, or URN patterns (`urn:pulumi:prod::*`) where `*` stands for any text. */
    resources: string[];
    /** The last day (UTC) the exemption applies, `YYYY-MM-DD`. */
    expires: string;
    category: ExemptionCategory;
    reason: string;
    reference?: string;
}

export interface ExemptionConfig {
    exemptions: Exemption[];
    maxExemptionDays: number;
}

const TEXT_SCHEMA = { type: "string", minLength: 1, maxLength: 300, pattern: "\\S" } as const;

/** The config schema properties every policy takes for exemptions. */
export const EXEMPTION_SCHEMA_PROPERTIES = {
    exemptions: {
        type: "array",
        uniqueItems: true,
        default: [],
        description:
            "Resources whose findings of this policy are reported as advisory until a date: each entry names resources (Pulumi names, or URN patterns with * wildcards), the last day it applies (YYYY-MM-DD, at most maxExemptionDays ahead), a category (waiver or mitigated), a reason and optionally a reference such as a ticket.",
        items: {
            type: "object",
            additionalProperties: false,
            required: ["resources", "expires", "category", "reason"],
            properties: {
                resources: { type: "array", minItems: 1, uniqueItems: true, items: { type: "string", minLength: 1, maxLength: 1000, pattern: "^\\S+$" } },
                expires: { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$" },
                category: { type: "string", enum: ["waiver", "mitigated"] },
                reason: TEXT_SCHEMA,
                reference: TEXT_SCHEMA,
            },
        },
    },
    maxExemptionDays: {
        type: "integer",
        minimum: 1,
        maximum: 3650,
        default: DEFAULT_MAX_EXEMPTION_DAYS,
        description: "How far ahead (in days from today) an exemption of this policy may expire.",
    },
} as const;

/** Why an exemption cannot apply on `today`, or undefined when it can (expired ones can, to say so). */
export function exemptionProblem(e: Exemption, today: string, maxDays: number): string | undefined {
    if (calendarDay(e.expires) === undefined) {
        return "its expires is not a calendar date (YYYY-MM-DD)";
    }
    if (daysBetween(today, e.expires) > maxDays) {
        return `it expires more than maxExemptionDays (${maxDays}) days after today`;
    }
    return undefined;
}

/** The problems of a policy's exemptions on `today`, each with the config key it concerns. */
export function exemptionConfigProblems(config: Partial<ExemptionConfig>, today: string): { key: string; problem: string }[] {
    const maxDays = config.maxExemptionDays ?? DEFAULT_MAX_EXEMPTION_DAYS;
    return (config.exemptions ?? []).flatMap((e, i) => {
        const problem = exemptionProblem(e, today, maxDays);
        return problem ? [{ key: `exemptions[${i}].expires`, problem }] : [];
    });
}

function globToRegExp(pattern: string): RegExp {
    const body = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`^${body.join(".*")}$`);
}

/**
 * True when `pattern` names the resource `urn`: a URN pattern (`urn:…`) is matched against the whole
 * URN, anything else against the resource's Pulumi name; `*` stands for any text in either.
 */
export function namesResource(pattern: string, urn: string): boolean {
    const subject = pattern.startsWith("urn:") ? urn : urn.slice(urn.lastIndexOf("::") + 2);
    return pattern.includes("*") ? globToRegExp(pattern).test(subject) : pattern === subject;
}

export type AppliedExemption =
    | { status: "active"; index: number; exemption: Exemption }
    | { status: "expired"; index: number; exemption: Exemption }
    | { status: "invalid"; index: number; exemption: Exemption; problem: string };

const PREFERENCE: Record<AppliedExemption["status"], number> = { active: 0, expired: 1, invalid: 2 };

/**
 * The exemption that decides a finding on `urn`: an active one if any (the latest to expire), else
 * the latest expired one, else one that cannot apply — so that the finding can say why.
 */
export function exemptionFor(config: Partial<ExemptionConfig>, urn: string, today: string): AppliedExemption | undefined {
    const maxDays = config.maxExemptionDays ?? DEFAULT_MAX_EXEMPTION_DAYS;
    const matching = (config.exemptions ?? []).flatMap((exemption, index): AppliedExemption[] => {
        if (!exemption.resources.some((p) => namesResource(p, urn))) {
            return [];
        }
        const problem = exemptionProblem(exemption, today, maxDays);
        if (problem) {
            return [{ status: "invalid", index, exemption, problem }];
        }
        return [{ status: exemption.expires >= today ? "active" : "expired", index, exemption }];
    });
    return matching.sort((a, b) => PREFERENCE[a.status] - PREFERENCE[b.status] || b.exemption.expires.localeCompare(a.exemption.expires))[0];
}

/** Config text as one short line: a reason is written by people, and a message is one line. */
function oneLine(text: string): string {
    const flat = text.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
    return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

function label(e: Exemption): string {
    const reference = e.reference !== undefined ? `, ${oneLine(e.reference)}` : "";
    return `${e.category}: ${oneLine(e.reason)}${reference}`;
}

/** The message of a finding that an exemption decides. */
export function exemptedMessage(applied: AppliedExemption, message: string): string {
    const { exemption: e } = applied;
    switch (applied.status) {
        case "active":
            return `exempted until ${e.expires} (${label(e)}): ${message}`;
        case "expired":
            return `exemption expired on ${e.expires} (${label(e)}), so this blocks again: ${message}`;
        case "invalid":
            return `exemptions[${applied.index}] does not apply (${applied.problem}): ${message}`;
    }
}
