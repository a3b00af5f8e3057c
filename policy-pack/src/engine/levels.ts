// Security levels of Microsoft's privileged-access model (enterprise < specialized < privileged).
// A resource's level: its own `securityLevel` tag, else its parent's in the stack, else the stack
// tag, else enterprise. A value that is not a level is reported and judged at privileged, so a typo
// can never lower the bar; so is a level that stays unknown during preview.
import { isUnknown } from "./values";

export const SECURITY_LEVELS = ["enterprise", "specialized", "privileged"] as const;
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];
export const LEVEL_TAG = "securityLevel";

export function rank(level: SecurityLevel): number {
    return SECURITY_LEVELS.indexOf(level);
}

export function atLeast(level: SecurityLevel, floor: SecurityLevel): boolean {
    return rank(level) >= rank(floor);
}

export type ParsedLevel =
    | { kind: "level"; level: SecurityLevel }
    | { kind: "invalid" }
    | { kind: "unknown" }
    | { kind: "unset" };

export function parseLevel(value: unknown): ParsedLevel {
    if (value === undefined || value === null) {
        return { kind: "unset" };
    }
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    if (typeof value !== "string") {
        return { kind: "invalid" };
    }
    const word = value.trim().toLowerCase();
    const level = SECURITY_LEVELS.find((l) => l === word);
    return level ? { kind: "level", level } : { kind: "invalid" };
}

export type LevelSource = "resource" | "parent" | "stack" | "default";

/** A resource's level and where it came from; `problem` is set when the deciding value was not a level. */
export interface ResolvedLevel {
    level: SecurityLevel;
    source: LevelSource;
    problem?: "invalid" | "unknown";
}

/** Reads the `securityLevel` tag from an Azure `tags` map, matching the key case-insensitively. */
export function levelTag(tags: unknown): ParsedLevel {
    if (isUnknown(tags)) {
        return { kind: "unknown" };
    }
    if (tags === null || typeof tags !== "object" || Array.isArray(tags)) {
        return { kind: "unset" };
    }
    const key = Object.keys(tags).find((k) => k.toLowerCase() === LEVEL_TAG.toLowerCase());
    return key === undefined ? { kind: "unset" } : parseLevel((tags as Record<string, unknown>)[key]);
}

/**
 * Resolves a level from the candidates in order of precedence: the resource's own tags, the tags of
 * its parents (nearest first), then the stack tag. The first place that holds any value decides.
 */
export function resolveLevel(candidates: {
    resource?: ParsedLevel;
    parents?: ParsedLevel[];
    stack?: ParsedLevel;
}): ResolvedLevel {
    const ordered: [LevelSource, ParsedLevel | undefined][] = [
        ["resource", candidates.resource],
        ...(candidates.parents ?? []).map((p): [LevelSource, ParsedLevel] => ["parent", p]),
        ["stack", candidates.stack],
    ];
    for (const [source, parsed] of ordered) {
        if (!parsed || parsed.kind === "unset") {
            continue;
        }
        if (parsed.kind === "level") {
            return { level: parsed.level, source };
        }
        return { level: "privileged", source, problem: parsed.kind };
    }
    return { level: "enterprise", source: "default" };
}

/** The stack tag, from `args.stackTags` (a Map in @pulumi/policy). */
export function stackLevelTag(stackTags: ReadonlyMap<string, string> | undefined): ParsedLevel {
    if (!stackTags) {
        return { kind: "unset" };
    }
    for (const [k, v] of stackTags) {
        if (k.toLowerCase() === LEVEL_TAG.toLowerCase()) {
            return parseLevel(v);
        }
    }
    return { kind: "unset" };
}

/** The level of a resource with no parent to inherit from: its own tag, else the stack tag. */
export function levelFromTags(tags: unknown, stackTags: ReadonlyMap<string, string> | undefined): ResolvedLevel {
    return resolveLevel({ resource: levelTag(tags), stack: stackLevelTag(stackTags) });
}
