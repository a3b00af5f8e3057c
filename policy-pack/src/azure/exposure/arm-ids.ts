// Azure resource ids, read the way ARM reads them: segment names compare case-insensitively, and a
// child's id is its parent's id followed by `/<childType>/<childName>`. Programs build child ids by
// appending to a parent's id (`${vnet.id}/subnets/jump`), so the parent part is what joins a
// reference to a resource of the stack when the child is inline in its parent.

export interface ArmSegment {
    /** Lower-cased resource type segment, e.g. `virtualnetworks`, `subnets`. */
    type: string;
    name: string;
}

export interface ArmId {
    resourceGroup: string;
    /** Lower-cased provider namespace, e.g. `microsoft.network`. */
    provider: string;
    /** The resource, then its children: `[{virtualnetworks, vnet}, {subnets, jump}]`. */
    segments: ArmSegment[];
}

/**
 * Parses `/subscriptions/<s>/resourceGroups/<rg>/providers/<ns>/<type>/<name>[/<type>/<name>…]`.
 * Anything else (a resource group id, a bare name, stray slashes inside names) is `undefined`.
 */
export function parseArmId(id: string): ArmId | undefined {
    const parts = id.trim().split("/");
    if (parts[0] !== "" || parts.length < 9) {
        return undefined;
    }
    const rest = parts.slice(1);
    if (rest[rest.length - 1] === "") {
        rest.pop();
    }
    if (rest.some((p) => p.trim() === "")) {
        return undefined;
    }
    const [subscriptions, , resourceGroups, resourceGroup, providers, provider, ...tail] = rest;
    if (
        subscriptions.toLowerCase() !== "subscriptions" ||
        resourceGroups.toLowerCase() !== "resourcegroups" ||
        providers.toLowerCase() !== "providers" ||
        tail.length === 0 ||
        tail.length % 2 !== 0
    ) {
        return undefined;
    }
    const segments: ArmSegment[] = [];
    for (let i = 0; i < tail.length; i += 2) {
        segments.push({ type: tail[i].toLowerCase(), name: tail[i + 1] });
    }
    return { resourceGroup, provider: provider.toLowerCase(), segments };
}

/** The id of the parent of a child id (`…/virtualNetworks/v/subnets/s` → `…/virtualNetworks/v`). */
export function parentId(id: string): string | undefined {
    const trimmed = id.trim().replace(/\/$/, "");
    const cut = trimmed.lastIndexOf("/", trimmed.lastIndexOf("/") - 1);
    return cut > 0 ? trimmed.slice(0, cut) : undefined;
}

/** The key an id is indexed under: ARM compares ids case-insensitively. */
export function idKey(id: string): string {
    return id.trim().replace(/\/$/, "").toLowerCase();
}

/**
 * The last `type/name` pair of an id when its type is `childType` (case-insensitive), e.g. the pool
 * name of `…/loadBalancers/lb/backendAddressPools/pool`.
 */
export function childName(id: string, childType: string): string | undefined {
    const parsed = parseArmId(id);
    const last = parsed?.segments[parsed.segments.length - 1];
    return last && parsed!.segments.length > 1 && last.type === childType.toLowerCase() ? last.name : undefined;
}
