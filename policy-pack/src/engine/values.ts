// Raw property values as the policy server deserialises them, with the engine's unknown sentinels
// still in place. Policies read these instead of the unknown-checking proxy, so that one unknown
// becomes a reported finding rather than a whole-policy "can't run during preview" advisory.

/** The sentinels the engine sends for values that are unknown during preview, one per value type. */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // bool
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

export type Props = Record<string, unknown>;

// @pulumi/policy's proxy hands back its target for this key (proxy.js, getSpecialProxyTarget).
const PROXY_TARGET_KEY = "__getSpecialProxyTarget";

/** The plain object behind the unknown-checking proxy (or the object itself when not proxied). */
export function rawProps(props: unknown): Props {
    if (props === null || typeof props !== "object") {
        return {};
    }
    const target = (props as any)[PROXY_TARGET_KEY];
    const raw = target !== undefined && target !== true ? target : props;
    return raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Props) : {};
}

export function isRecord(value: unknown): value is Props {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Reads a nested value by path; returns undefined when any step is missing or not an object. */
export function getPath(root: unknown, path: readonly (string | number)[]): unknown {
    let current: unknown = root;
    for (const key of path) {
        if (isUnknown(current)) {
            return current;
        }
        if (current === null || typeof current !== "object") {
            return undefined;
        }
        current = (current as any)[key];
    }
    return current;
}

/** Renders a property path like `securityRules[2].destinationPortRange`. */
export function formatPath(path: readonly (string | number)[]): string {
    return path.reduce<string>(
        (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${key}` : key),
        "",
    );
}
