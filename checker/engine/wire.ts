// The engine's wire encoding of special values inside a properties Struct.

/** A string-typed value unknown during preview; almost every unknown the engine sends is this one. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function secretValue(value: unknown): Record<string, unknown> {
    return { [SIG_KEY]: SECRET_SIG, value };
}

export function isSecretValue(value: unknown): value is { value: unknown } {
    return value !== null && typeof value === "object" && (value as any)[SIG_KEY] === SECRET_SIG;
}
