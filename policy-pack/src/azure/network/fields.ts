// Reading fields of network resources that decide a verdict. A field is either decided (a value)
// or not, with the property path and the reason: unknown during preview, or a value Azure would
// not read as intended (malformed, missing, a string where a list belongs).
import { isUnknown } from "../../engine/values";

export type Why = "unknown" | "invalid";

/** A property that decides a verdict and cannot be read. */
export interface Cause {
    /** URN of the resource holding the property. */
    owner: string;
    /** Property path inside that resource, e.g. `securityRules[2].destinationPortRange`. */
    path: string;
    why: Why;
}

export type Decided<T> = { value: T } | { cause: Cause };

/** Joins a base path and a key: `securityRules[2]` + `priority`, or `` + `priority`. */
export function joinPath(base: string, key: string | number): string {
    if (typeof key === "number") {
        return `${base}[${key}]`;
    }
    return base === "" ? key : `${base}.${key}`;
}

/** Matches an enum word case-insensitively, ignoring surrounding whitespace. */
export function word<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    const w = value.trim().toLowerCase();
    return allowed.find((a) => a.toLowerCase() === w);
}

/** Whether `value` is the word `expected`, as Azure reads words: case-insensitive, trimmed. */
export function sameWord(value: unknown, expected: string): boolean {
    return word(value, [expected]) !== undefined;
}

export function decide<T>(owner: string, path: string, value: unknown, read: (v: unknown) => T | undefined): Decided<T> {
    if (isUnknown(value)) {
        return { cause: { owner, path, why: "unknown" } };
    }
    const parsed = read(value);
    return parsed === undefined ? { cause: { owner, path, why: "invalid" } } : { value: parsed };
}

/** A value that was written at all (`null` and `undefined` were not). */
export function present(value: unknown): boolean {
    return value !== undefined && value !== null;
}

export function fits<T>(d: Decided<T>, test: (v: T) => boolean, lenient: boolean): boolean {
    return "value" in d ? test(d.value) : lenient;
}

/** `fits` for one value, without a closure per call (asked four times of every rule of an NSG). */
export function fieldIs<T>(d: Decided<T>, value: T, lenient: boolean): boolean {
    return "value" in d ? d.value === value : lenient;
}

export function causesOf(...fields: Decided<unknown>[]): Cause[] {
    return fields.flatMap((d) => ("cause" in d ? [d.cause] : []));
}

export function uniqueCauses(causes: readonly Cause[]): Cause[] {
    const seen = new Map<string, Cause>();
    for (const c of causes) {
        seen.set(`${c.owner}\u0000${c.path}\u0000${c.why}`, c);
    }
    return [...seen.values()];
}

/** Looks a word up in a table, case- and whitespace-insensitively; `constructor` is not a protocol. */
export function lookupWord<T>(table: Readonly<Record<string, T>>, value: unknown): T | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    const key = value.trim().toLowerCase();
    return Object.hasOwn(table, key) ? table[key] : undefined;
}
