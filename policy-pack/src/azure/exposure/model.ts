// The exposure model: which network paths lead from the internet to each VM and scale set, in
// provider-neutral nodes. The adapters (adapters/exposure.ts) build it from each provider's
// resources; the evaluator (reach.ts) walks it.
//
//   VM / scale set ─ NIC (resource, or a NIC configuration inline in the VM profile)
//     NIC ─ its NSG; each IP configuration ─ its subnet ─ the subnet's NSG
//     IP configuration ─ public IP (a resource, or scale set instance public IPs)
//                      ─ load balancer inbound NAT rules / NAT pools it is named in
//                      ─ load balancer backend pools (and so the load-balancing and v2 NAT rules
//                        that forward to them)
import { Safe } from "../../engine/messages";
import { StackResource } from "../../engine/stack";
import { Frontend, LbRule } from "../network/load-balancers";
import { NsgRule } from "../network/nsg-rules";

export type Target =
    | "network interface"
    | "public IP address"
    | "subnet"
    | "network security group"
    | "load balancer"
    | "backend pool"
    | "inbound NAT rule"
    | "inbound NAT pool";

/**
 * Why a verdict cannot be decided: a field unknown during preview or malformed (as in the network
 * modules), a reference naming a resource outside the stack, or one that may name any of several.
 */
export type Why = "unknown" | "invalid" | "outside" | "ambiguous";

export interface ExposureCause {
    /** URN of the resource holding the property. */
    owner: string;
    path: string;
    why: Why;
    /** What the property refers to, for link causes. */
    what?: Target;
}

/** A reference resolved to its candidates: one is certain, several mean "one of these", none unknown. */
export interface Slot<T> {
    targets: T[];
    /** Set when there is not exactly one target. */
    cause?: ExposureCause;
}

export interface NsgNode {
    resource: StackResource;
    /** Inline and standalone rules, duplicate names marked. */
    rules: NsgRule[];
}

export interface SubnetNode {
    /** The VNet holding the subnet inline, or the standalone `network:Subnet`. */
    resource: StackResource;
    label: Safe;
    /** Lower-cased Azure name, when known. */
    name?: string;
    /** `null` stands for "no NSG". */
    nsg: Slot<NsgNode | null>;
}

export type Sku = "basic" | "standard";
export type SkuReading = { value: Sku; implicit: boolean } | { cause: ExposureCause };

export type PoolTarget = { names: string[] } | { cause: ExposureCause };

export interface LbRuleNode {
    rule: LbRule;
    lb?: LbNode;
    /** The backend pool a load-balancing rule or v2 NAT rule forwards to. */
    pool?: PoolTarget;
}

export interface LbNode {
    resource: StackResource;
    sku: SkuReading;
    frontends: Frontend[];
    /** Lower-cased pool names, inline and standalone. */
    pools: string[];
    rules: LbRuleNode[];
    natRules: Map<string, LbRuleNode>;
    natPools: Map<string, LbRuleNode>;
}

/** Where internet traffic enters: a public IP, a NAT rule or pool, or membership of a backend pool. */
export type Entry =
    | { kind: "publicIp"; label: Safe; sku: SkuReading; /** The public IP resource, or the resource holding instance public IPs. */ urn?: string }
    | { kind: "pool"; lb: LbNode; pool: string }
    | { kind: "rule"; node: LbRuleNode };

export interface IpConfigNode {
    path: string;
    name?: string;
    subnet: Slot<SubnetNode>;
    entries: Slot<Entry>[];
}

export interface NicNode {
    /** The NIC resource, or the VM / scale set holding the NIC configuration inline. */
    owner: StackResource;
    label: Safe;
    nsg: Slot<NsgNode | null>;
    ipConfigs: IpConfigNode[];
    /** Malformed or unreadable parts that may hide a path. */
    problems: ExposureCause[];
}

export interface MachineNode {
    resource: StackResource;
    kind: "vm" | "vmss";
    nics: NicNode[];
    problems: ExposureCause[];
}

export interface ExposureGraph {
    machines: MachineNode[];
    /**
     * Standalone security rules whose NSG cannot be told during preview: each may belong to any NSG,
     * so every NSG is read with them as rules that may or may not exist.
     */
    unplacedRules: NsgRule[];
    /**
     * Memberships of a load balancer pool or NAT rule whose NIC cannot be told (a classic association
     * resource naming an unknown NIC): whichever machine they join may be reachable through them.
     */
    unplacedMemberships: UnplacedMembership[];
}

export interface UnplacedMembership {
    /** The association resource. */
    resource: StackResource;
    cause: ExposureCause;
    entry: Slot<Entry>;
}

