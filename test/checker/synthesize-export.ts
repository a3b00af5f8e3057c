// Builds a `pulumi stack export` document (deployment version 3) from a planned stack, with outputs
// shaped the way Azure returns them: an NSG's `securityRules` also lists its standalone rules, each
// rule carries id/etag/type/provisioningState, `defaultSecurityRules` are present, and secrets are
// stored as ciphertext (or as plaintext where a test wants a marker to hunt for).
import { PlannedResource } from "../../checker/engine/evaluate";
import { isSecretValue, SECRET_SIG, SIG_KEY } from "../../checker/engine/wire";

const DEFAULT_RULES = [
    ["AllowVnetInBound", 65000, "Inbound", "Allow", "VirtualNetwork", "VirtualNetwork"],
    ["AllowAzureLoadBalancerInBound", 65001, "Inbound", "Allow", "AzureLoadBalancer", "*"],
    ["DenyAllInBound", 65500, "Inbound", "Deny", "*", "*"],
    ["AllowVnetOutBound", 65000, "Outbound", "Allow", "VirtualNetwork", "VirtualNetwork"],
    ["AllowInternetOutBound", 65001, "Outbound", "Allow", "*", "Internet"],
    ["DenyAllOutBound", 65500, "Outbound", "Deny", "*", "*"],
] as const;

function stateValue(value: unknown, plaintextSecrets: boolean): unknown {
    if (isSecretValue(value)) {
        return plaintextSecrets
            ? { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(value.value) }
            : { [SIG_KEY]: SECRET_SIG, ciphertext: "v1:Y2lwaGVydGV4dC1ub3QtZGVjcnlwdGFibGUtb2ZmbGluZQ==" };
    }
    if (Array.isArray(value)) {
        return value.map((v) => stateValue(v, plaintextSecrets));
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stateValue(v, plaintextSecrets)]));
    }
    return value;
}

function armType(id: string): string {
    const segments = id.split("/providers/")[1]?.split("/") ?? [];
    return [segments[0], ...segments.slice(1).filter((_, i) => i % 2 === 0)].join("/");
}

function ruleOutput(nsgId: string, rule: Record<string, unknown>): Record<string, unknown> {
    const name = String(rule.name ?? rule.securityRuleName);
    const { securityRuleName, networkSecurityGroupName, resourceGroupName, ...props } = rule;
    return {
        ...props,
        name,
        id: `${nsgId}/securityRules/${name}`,
        etag: 'W/"00000000-0000-0000-0000-000000000001"',
        type: "Microsoft.Network/networkSecurityGroups/securityRules",
        provisioningState: "Succeeded",
    };
}

export function synthesizeExport(
    resources: readonly PlannedResource[],
    opts: { plaintextSecrets?: boolean } = {},
): Record<string, unknown> {
    const standaloneRules = resources.filter((r) => r.type === "azure-native:network:SecurityRule");
    const state = resources.map((r) => {
        const outputs: Record<string, unknown> = { ...r.outputs };
        const id = typeof outputs.id === "string" ? outputs.id : undefined;
        if (r.type.startsWith("azure-native:") && id) {
            Object.assign(outputs, { provisioningState: "Succeeded", type: armType(id), etag: 'W/"00000000-0000-0000-0000-000000000001"' });
        }
        if (r.type === "azure-native:network:NetworkSecurityGroup" && id) {
            const own = Array.isArray(r.inputs.securityRules) ? (r.inputs.securityRules as Record<string, unknown>[]) : [];
            const attached = standaloneRules
                .filter((s) => s.inputs.networkSecurityGroupName === outputs.name)
                .map((s) => s.inputs);
            outputs.securityRules = [...own, ...attached].map((rule) => ruleOutput(id, rule));
            outputs.defaultSecurityRules = DEFAULT_RULES.map(([name, priority, direction, access, source, destination]) =>
                ruleOutput(id, {
                    name,
                    priority,
                    direction,
                    access,
                    protocol: "*",
                    sourceAddressPrefix: source,
                    sourcePortRange: "*",
                    destinationAddressPrefix: destination,
                    destinationPortRange: "*",
                    description: "Default rule",
                }),
            );
        }
        return {
            urn: r.urn,
            custom: r.type !== "pulumi:pulumi:Stack",
            ...(id ? { id } : {}),
            type: r.type,
            inputs: stateValue(r.inputs, !!opts.plaintextSecrets),
            outputs: stateValue(outputs, !!opts.plaintextSecrets),
            ...(r.parent ? { parent: r.parent } : {}),
            dependencies: r.dependencies ?? [],
            propertyDependencies: r.propertyDependencies ?? {},
        };
    });
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-11-24T08:00:00Z", magic: "0".repeat(64), version: "v3.248.0" },
            secrets_providers: { type: "passphrase", state: { salt: "v1:AAAAAAAAAAA=:v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" } },
            resources: state,
        },
    };
}
