// Type-token matching. azure-native tokens look like `azure-native:<module>:<Resource>`; locally
// generated or explicitly versioned SDKs add an API version to the module:
// `azure-native:network/v20240301:NetworkSecurityGroup`. Both name the same Azure resource.

export interface TypeToken {
    provider: string;
    module: string;
    version?: string;
    resource: string;
}

export function parseToken(token: string): TypeToken | undefined {
    const parts = token.split(":");
    if (parts.length !== 3 || parts.some((p) => p.length === 0)) {
        return undefined;
    }
    const [provider, moduleAndVersion, resource] = parts;
    const slash = moduleAndVersion.indexOf("/");
    return slash < 0
        ? { provider, module: moduleAndVersion, resource }
        : { provider, module: moduleAndVersion.slice(0, slash), version: moduleAndVersion.slice(slash + 1), resource };
}

// Tokens repeat across a stack; normalise each distinct one once.
const normalised = new Map<string, string | null>();

/** `provider:module:resource` with the API version dropped and module/resource lower-cased. */
export function typeKey(token: string): string | null {
    let key = normalised.get(token);
    if (key === undefined) {
        const parsed = parseToken(token);
        key = parsed ? `${parsed.provider}:${parsed.module.toLowerCase()}:${parsed.resource.toLowerCase()}` : null;
        normalised.set(token, key);
    }
    return key;
}

/** An azure-native resource type, matched by module and resource name whatever the API version. */
export class AzureType {
    readonly token: string;
    /** What `typeKey` gives for every token of this type. */
    readonly key: string;

    constructor(
        readonly module: string,
        readonly resource: string,
        readonly provider = "azure-native",
    ) {
        this.token = `${provider}:${module}:${resource}`;
        // As typeKey reads the token: azuread's `index/<file>` module parses as module and version.
        this.key = typeKey(this.token)!;
    }

    matches(token: string): boolean {
        return token === this.token || typeKey(token) === this.key;
    }
}

export function matchesAny(token: string, types: readonly AzureType[]): boolean {
    return types.some((t) => t.matches(token));
}

/** A validate or remediate function that only looks at resources of the given types. */
export type TypeFiltered<F> = F & { readonly inputTypes: readonly AzureType[] };

/**
 * Wraps `fn` so it returns `undefined` at once for any other type, and records the types it inspects
 * (the benchmark's no-op pack mirrors them).
 */
export function onlyFor<A extends { type: string }, Rest extends unknown[], R>(
    types: readonly AzureType[],
    fn: (args: A, ...rest: Rest) => R,
): TypeFiltered<(args: A, ...rest: Rest) => R | undefined> {
    const filtered = (args: A, ...rest: Rest): R | undefined => (matchesAny(args.type, types) ? fn(args, ...rest) : undefined);
    return Object.assign(filtered, { inputTypes: types });
}
