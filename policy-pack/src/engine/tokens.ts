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

/** An azure-native resource type, matched by module and resource name whatever the API version. */
export class AzureType {
    readonly token: string;
    private readonly moduleLower: string;
    private readonly resourceLower: string;

    constructor(
        readonly module: string,
        readonly resource: string,
        readonly provider = "azure-native",
    ) {
        this.token = `${provider}:${module}:${resource}`;
        this.moduleLower = module.toLowerCase();
        this.resourceLower = resource.toLowerCase();
    }

    matches(token: string): boolean {
        if (token === this.token) {
            return true;
        }
        const parsed = parseToken(token);
        return (
            parsed !== undefined &&
            parsed.provider === this.provider &&
            parsed.module.toLowerCase() === this.moduleLower &&
            parsed.resource.toLowerCase() === this.resourceLower
        );
    }
}

export function matchesAny(token: string, types: readonly AzureType[]): boolean {
    return types.some((t) => t.matches(token));
}
