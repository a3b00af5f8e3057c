// The classic provider's network, read into the exposure model beside the azure-native one
// (exposure.ts), so that a classic NIC can meet an azure-native NSG and the other way round.
//
//   machines   azure:compute/linuxVirtualMachine, windowsVirtualMachine, virtualMachine (legacy):
//              `networkInterfaceIds`; linux/windows/orchestratedVirtualMachineScaleSet: NICs inline
//              in `networkInterfaces[]`; scaleSet (legacy): `networkProfiles[]`
//   NICs       azure:network/networkInterface `ipConfigurations[] { subnetId, publicIpAddressId }` —
//              no NSG, pool or NAT reference of its own: those come from association resources
//              (networkInterfaceSecurityGroupAssociation, …BackendAddressPoolAssociation,
//              …NatRuleAssociation), per NIC and IP configuration
//   subnets    inline `VirtualNetwork.subnets[].securityGroup`, or azure:network/subnet with a
//              subnetNetworkSecurityGroupAssociation
//   public IPs azure:network/publicIp `sku` (see classicSku), scale set instance public IPs
//   LBs        azure:lb/loadBalancer frontends; natRule, natPool, rule and backendAddressPool
//              resources joined by `loadbalancerId`
//
// References are bare id strings. Every link goes through propertyDependencies first (ids are unknown
// in a first preview), then the id.
import { azureName, linkChildren, nameRef } from "../engine/links";
import { msg, safe } from "../engine/messages";
import { propsOf, StackResource } from "../engine/stack";
import { AzureType } from "../engine/tokens";
import { isRecord, isUnknown } from "../engine/values";
import { childName, parseArmId } from "../azure/exposure/arm-ids";
import { Entry, ExposureCause, IpConfigNode, LbNode, MachineNode, NicNode, PoolTarget, SkuReading, Slot, SubnetNode } from "../azure/exposure/model";
import { joinPath, present, word } from "../azure/network/fields";
import { LbRuleKind, readFrontends, readLbRule, resolveFrontendByName } from "../azure/network/load-balancers";
import { classic } from "../azure/types";
import type { Builder } from "./exposure";
import { dedupe, forEachRecord, knownString, lower } from "./exposure-support";
import { AZURERM_FRONTENDS, AZURERM_LB_RULE_KEYS } from "./load-balancers";

const CLASSIC_VMS: readonly AzureType[] = [classic.LinuxVirtualMachine, classic.WindowsVirtualMachine, classic.VirtualMachine];
const CLASSIC_SCALE_SETS: readonly AzureType[] = [classic.LinuxVirtualMachineScaleSet, classic.WindowsVirtualMachineScaleSet, classic.OrchestratedVirtualMachineScaleSet];
const CLASSIC_LB_RULES: readonly [AzureType, LbRuleKind][] = [
    [classic.NatRule, "inboundNatRule"],
    [classic.NatPool, "inboundNatPool"],
    [classic.LoadBalancingRule, "loadBalancingRule"],
];

/** The classic types whose inputs the exposure policy remembers in Analyze. */
export const CLASSIC_EXPOSURE_TYPES: readonly AzureType[] = [
    ...CLASSIC_VMS,
    ...CLASSIC_SCALE_SETS,
    classic.ScaleSet,
    classic.NetworkInterface,
    classic.NetworkInterfaceSecurityGroupAssociation,
    classic.NetworkInterfaceBackendAddressPoolAssociation,
    classic.NetworkInterfaceNatRuleAssociation,
    classic.PublicIp,
    classic.NetworkSecurityGroup,
    classic.NetworkSecurityRule,
    classic.VirtualNetwork,
    classic.Subnet,
    classic.SubnetNetworkSecurityGroupAssociation,
    classic.LoadBalancer,
    classic.BackendAddressPool,
    ...CLASSIC_LB_RULES.map(([t]) => t),
];

function providerMajor(r: StackResource): number | undefined {
    const m = /^(\d+)\./.exec(r.providerVersion ?? "");
    return m ? Number(m[1]) : undefined;
}

/**
 * A classic public IP's or load balancer's SKU (DESIGN §3c). A value written, or filled in by the
 * provider's Check, is the SKU — except that `Dynamic` allocation exists only on Basic. With no value,
 * the provider's default: Standard from major 6, Basic before, and Basic when the version is not
 * known (uncertainty never closes a path).
 */
export function classicSku(r: StackResource, allocationKey?: string): SkuReading {
    const props = propsOf(r);
    if (allocationKey !== undefined && word(props[allocationKey], ["Static", "Dynamic"]) === "Dynamic") {
        return { value: "basic", implicit: false };
    }
    const sku = props.sku;
    if (isUnknown(sku)) {
        return { cause: { owner: r.urn, path: "sku", why: "unknown" } };
    }
    if (!present(sku)) {
        const major = providerMajor(r);
        return { value: major !== undefined && major >= 6 ? "standard" : "basic", implicit: true };
    }
    const w = word(sku, ["Basic", "Standard", "StandardV2", "Gateway"]);
    if (w === undefined) {
        return { cause: { owner: r.urn, path: "sku", why: "invalid" } };
    }
    return { value: w === "Basic" ? "basic" : "standard", implicit: false };
}

/** Scale set instance public IPs: Basic unless the SKU is written (orchestrated `skuName` `Standard_Regional`). */
function instanceSku(owner: string, path: string, config: Record<string, unknown>): SkuReading {
    const sku = config.skuName;
    if (isUnknown(sku)) {
        return { cause: { owner, path: joinPath(path, "skuName"), why: "unknown" } };
    }
    if (typeof sku === "string" && /^standard/i.test(sku.trim())) {
        return { value: "standard", implicit: false };
    }
    return { value: "basic", implicit: !present(sku) };
}

export class ClassicNetworkReader {
    constructor(private readonly b: Builder) {}

    private of(t: AzureType): StackResource[] {
        return this.b.view.ofType(t);
    }

    indexResources(): void {
        const types = [classic.VirtualNetwork, classic.Subnet, classic.PublicIp, classic.LoadBalancer, classic.BackendAddressPool, classic.NetworkInterface, ...CLASSIC_LB_RULES.map(([t]) => t)];
        for (const t of types) {
            this.of(t).forEach((r) => this.b.index.addId(r));
        }
        const named: [AzureType, string][] = [
            [classic.VirtualNetwork, "vnet"],
            [classic.PublicIp, "pip"],
            [classic.LoadBalancer, "lb"],
            [classic.NetworkInterface, "nic"],
        ];
        for (const [t, kind] of named) {
            this.of(t).forEach((r) => this.b.index.addName(kind, lower(azureName(r, "name")), r));
        }
    }

    // --- Subnets ---------------------------------------------------------------------------

    readSubnets(): void {
        const vnets = this.of(classic.VirtualNetwork);
        for (const vnet of vnets) {
            this.b.vnetSubnets.set(vnet.urn, this.b.inlineSubnets(vnet, "securityGroup", true));
        }
        const subnets = this.of(classic.Subnet);
        const links = linkChildren(this.b.view, {
            children: subnets,
            parents: vnets,
            dependencyKeys: ["virtualNetworkName"],
            childName: (c) => nameRef(propsOf(c).virtualNetworkName),
            parentName: (p) => azureName(p, "name"),
        });
        const vnetOf = new Map<string, StackResource>();
        for (const [vnetUrn, children] of links.byParent) {
            children.forEach((c) => vnetOf.set(c.urn, this.b.view.get(vnetUrn)!));
        }
        for (const s of subnets) {
            const name = lower(azureName(s, "name"));
            // The NSG of a standalone classic subnet comes only from an association resource.
            const node: SubnetNode = { resource: s, label: safe.name(s.name), name, nsg: { targets: [null] } };
            this.b.standaloneSubnets.set(s.urn, node);
            const vnet = vnetOf.get(s.urn);
            if (vnet) {
                this.b.vnetSubnets.get(vnet.urn)!.push(node);
            }
            const vnetName = knownString(propsOf(s).virtualNetworkName)?.toLowerCase() ?? (vnet ? lower(azureName(vnet, "name")) : undefined);
            if (vnetName !== undefined && name !== undefined) {
                this.b.index.addName("subnet", `${vnetName}/${name}`, s);
            }
        }
        for (const a of this.of(classic.SubnetNetworkSecurityGroupAssociation)) {
            const props = propsOf(a);
            const targets = this.b.subnetSlot(a, "subnetId", props.subnetId, ["subnetId"], true);
            const nsg = this.b.nsgSlot(a, "networkSecurityGroupId", props.networkSecurityGroupId, ["networkSecurityGroupId"], true);
            attach(targets, nsg, (s) => s.nsg, (s, slot) => (s.nsg = slot));
        }
    }

    // --- Public IPs and load balancers -------------------------------------------------------

    readPublicIps(): void {
        for (const r of this.of(classic.PublicIp)) {
            this.b.pips.set(r.urn, classicSku(r, "allocationMethod"));
        }
    }

    private lbOf(child: StackResource): LbNode | undefined {
        const viaDeps = this.b.view.dependenciesOf(child, "loadbalancerId").find((d) => this.b.lbs.has(d.urn));
        if (viaDeps) {
            return this.b.lbs.get(viaDeps.urn);
        }
        const id = knownString(propsOf(child).loadbalancerId);
        const parsed = id === undefined ? undefined : parseArmId(id);
        if (id === undefined || !parsed || parsed.segments.length !== 1 || parsed.segments[0].type !== "loadbalancers") {
            return undefined;
        }
        const r = this.b.index.byId(id) ?? this.b.index.byName("lb", parsed.segments[0].name, parsed.resourceGroup)[0];
        return r ? this.b.lbs.get(r.urn) : undefined;
    }

    /** The pools a classic rule forwards to: `backendAddressPoolIds` (lb.Rule) or `backendAddressPoolId` (a range NAT rule). */
    private poolTarget(r: StackResource, lb: LbNode | undefined): PoolTarget | undefined {
        const props = propsOf(r);
        const key = present(props.backendAddressPoolIds) ? "backendAddressPoolIds" : present(props.backendAddressPoolId) ? "backendAddressPoolId" : undefined;
        if (key === undefined) {
            return undefined;
        }
        const value = props[key];
        const refs: [unknown, string][] = Array.isArray(value) ? value.map((v, i) => [v, joinPath(key, i)]) : [[value, key]];
        const depPools = this.b.view
            .dependenciesOf(r, key)
            .map((d) => this.b.standalonePools.get(d.urn)?.name)
            .filter((n): n is string => n !== undefined);
        const names: string[] = [];
        for (const [ref, path] of refs) {
            const id = knownString(ref);
            const name = id !== undefined ? childName(id, "backendAddressPools") : undefined;
            if (name !== undefined) {
                names.push(name.toLowerCase());
            } else if (!isUnknown(ref)) {
                return { cause: { owner: r.urn, path, why: "invalid", what: "backend pool" } };
            } else if (depPools.length > 0 || lb?.pools.length === 1) {
                names.push(...(depPools.length > 0 ? depPools : lb!.pools));
            } else {
                return { cause: { owner: r.urn, path, why: "unknown", what: "backend pool" } };
            }
        }
        return { names: dedupe(names) };
    }

    readLoadBalancers(): void {
        for (const r of this.of(classic.LoadBalancer)) {
            this.b.lbs.set(r.urn, {
                resource: r,
                sku: classicSku(r),
                frontends: readFrontends(propsOf(r), r.urn, AZURERM_FRONTENDS),
                pools: [],
                rules: [],
                natRules: new Map(),
                natPools: new Map(),
            });
        }
        for (const p of this.of(classic.BackendAddressPool)) {
            const lb = this.lbOf(p);
            // An autonamed pool has no name until the provider creates it: its Pulumi name stands in.
            const name = lower(azureName(p, "name")) ?? p.name.toLowerCase();
            if (lb && name !== undefined && !lb.pools.includes(name)) {
                lb.pools.push(name);
            }
            this.b.standalonePools.set(p.urn, { lb, name });
        }
        for (const [type, kind] of CLASSIC_LB_RULES) {
            for (const r of this.of(type)) {
                const props = propsOf(r);
                const lb = this.lbOf(r);
                const rule = readLbRule(
                    { ...props, name: props.name ?? r.name },
                    r.urn,
                    "",
                    kind,
                    (ref, path) => resolveFrontendByName(ref, lb?.frontends ?? [], r.urn, path, lb !== undefined),
                    AZURERM_LB_RULE_KEYS,
                );
                const node = { rule, lb, pool: kind === "inboundNatPool" ? undefined : this.poolTarget(r, lb) };
                const name = rule.name?.toLowerCase();
                if (kind === "inboundNatPool") {
                    this.b.standaloneNatPools.set(r.urn, node);
                } else if (kind === "inboundNatRule") {
                    this.b.standaloneNatRules.set(r.urn, node);
                }
                if (lb) {
                    lb.rules.push(node);
                    if (name !== undefined && kind !== "loadBalancingRule") {
                        (kind === "inboundNatRule" ? lb.natRules : lb.natPools).set(name, node);
                    }
                }
            }
        }
    }

    // --- NICs ------------------------------------------------------------------------------

    readNics(): void {
        for (const r of this.of(classic.NetworkInterface)) {
            const problems: ExposureCause[] = [];
            this.b.nics.set(r.urn, {
                owner: r,
                label: msg`NIC ${safe.name(r.name)}`,
                nsg: { targets: [null] },
                ipConfigs: this.ipConfigs(r, "", propsOf(r).ipConfigurations, "ipConfigurations", problems, "nic"),
                problems,
            });
        }
        for (const a of this.of(classic.NetworkInterfaceSecurityGroupAssociation)) {
            const props = propsOf(a);
            const nsg = this.b.nsgSlot(a, "networkSecurityGroupId", props.networkSecurityGroupId, ["networkSecurityGroupId"], true);
            attach(this.nicSlot(a), nsg, (n) => n.nsg, (n, slot) => (n.nsg = slot));
        }
        const memberships: [AzureType, string, (a: StackResource, v: unknown) => Slot<Entry>][] = [
            [classic.NetworkInterfaceBackendAddressPoolAssociation, "backendAddressPoolId", (a, v) => this.b.poolSlot(a, "backendAddressPoolId", v, ["backendAddressPoolId"], true)],
            [classic.NetworkInterfaceNatRuleAssociation, "natRuleId", (a, v) => this.b.natSlot(a, "natRuleId", v, ["natRuleId"], "rule", true)],
        ];
        for (const [type, key, slotOf] of memberships) {
            for (const a of this.of(type)) {
                const props = propsOf(a);
                const entry = slotOf(a, props[key]);
                const ipcName = knownString(props.ipConfigurationName)?.toLowerCase();
                const nics = this.nicSlot(a);
                if (nics.targets.length === 0 && nics.cause) {
                    this.b.unplacedMemberships.push({ resource: a, cause: nics.cause, entry });
                    continue;
                }
                for (const nic of nics.targets) {
                    // An IP configuration name that matches none (or is unknown) may be any of them.
                    const named = nic.ipConfigs.filter((c) => c.name === ipcName);
                    (named.length > 0 ? named : nic.ipConfigs).forEach((c) => c.entries.push(entry));
                }
            }
        }
    }

    /** The NIC an association resource names by `networkInterfaceId`. */
    private nicSlot(a: StackResource): Slot<NicNode> {
        return this.b.resolve(a, "networkInterfaceId", propsOf(a).networkInterfaceId, "network interface", ["networkInterfaceId"], {
            bareId: true,
            known: (id) => {
                const r = this.b.index.byId(id) ?? this.b.byArmName(id, "networkinterfaces", "nic");
                const nic = r ? this.b.nics.get(r.urn) : undefined;
                return nic ? [nic] : [];
            },
            dep: (d) => {
                const nic = this.b.nics.get(d.urn);
                return nic ? [nic] : [];
            },
        });
    }

    /**
     * IP configurations of a NIC resource or of a scale set's inline NIC. `scaleSet` reads instance
     * public IPs and the pool and NAT pool ids that scale sets carry inline.
     */
    private ipConfigs(owner: StackResource, base: string, list: unknown, depKey: string, problems: ExposureCause[], holder: "nic" | "scaleSet"): IpConfigNode[] {
        const nodes: IpConfigNode[] = [];
        forEachRecord(owner.urn, joinPath(base, "ipConfigurations"), list, problems, (c, path) => {
            const entries: Slot<Entry>[] = [];
            if (holder === "nic") {
                if (present(c.publicIpAddressId)) {
                    entries.push(this.b.publicIpSlot(owner, joinPath(path, "publicIpAddressId"), c.publicIpAddressId, [depKey], true));
                }
            } else {
                entries.push(...this.instancePublicIps(owner, path, c, problems));
                const refLists: [string, (p: string, v: unknown) => Slot<Entry>][] = [
                    ["loadBalancerBackendAddressPoolIds", (p, v) => this.b.poolSlot(owner, p, v, [depKey], true)],
                    // Scale sets name NAT pools here, despite the name.
                    ["loadBalancerInboundNatRulesIds", (p, v) => this.b.natSlot(owner, p, v, [depKey], "pool", true)],
                ];
                entries.push(...this.b.referenceEntries(owner, path, c, refLists));
            }
            nodes.push({
                path,
                name: knownString(c.name)?.toLowerCase(),
                subnet: present(c.subnetId)
                    ? this.b.subnetSlot(owner, joinPath(path, "subnetId"), c.subnetId, [depKey], true)
                    : { targets: [], cause: { owner: owner.urn, path: joinPath(path, "subnetId"), why: "invalid", what: "subnet" } },
                entries,
            });
        });
        return nodes;
    }

    /** `publicIpAddresses[]` (current scale sets) or `publicIpAddressConfiguration` (legacy): instance public IPs. */
    private instancePublicIps(owner: StackResource, path: string, c: Record<string, unknown>, problems: ExposureCause[]): Slot<Entry>[] {
        const configs: [unknown, string][] = [];
        if (present(c.publicIpAddressConfiguration)) {
            configs.push([c.publicIpAddressConfiguration, joinPath(path, "publicIpAddressConfiguration")]);
        }
        const list = c.publicIpAddresses;
        const listPath = joinPath(path, "publicIpAddresses");
        if (Array.isArray(list)) {
            list.forEach((p, i) => configs.push([p, joinPath(listPath, i)]));
        } else if (present(list)) {
            configs.push([list, listPath]);
        }
        const entries: Slot<Entry>[] = [];
        for (const [config, at] of configs) {
            if (isUnknown(config)) {
                entries.push({ targets: [], cause: { owner: owner.urn, path: at, why: "unknown", what: "public IP address" } });
            } else if (isRecord(config)) {
                const name = knownString(config.name);
                const label = name !== undefined ? msg`instance public IPs ${safe.name(name)}` : msg`instance public IPs (${safe.path(at)})`;
                entries.push({ targets: [{ kind: "publicIp", label, sku: instanceSku(owner.urn, at, config), urn: owner.urn }] });
            } else {
                problems.push({ owner: owner.urn, path: at, why: "invalid" });
            }
        }
        return entries;
    }

    // --- Machines --------------------------------------------------------------------------

    machines(): MachineNode[] {
        const machines: MachineNode[] = [];
        for (const type of CLASSIC_VMS) {
            for (const vm of this.of(type)) {
                machines.push(this.vmNode(vm));
            }
        }
        for (const type of CLASSIC_SCALE_SETS) {
            for (const set of this.of(type)) {
                machines.push(this.scaleSetNode(set, "networkInterfaces"));
            }
        }
        for (const set of this.of(classic.ScaleSet)) {
            machines.push(this.scaleSetNode(set, "networkProfiles"));
        }
        return machines;
    }

    private vmNode(vm: StackResource): MachineNode {
        const problems: ExposureCause[] = [];
        const listPath = "networkInterfaceIds";
        const list = propsOf(vm)[listPath];
        const depNics = this.b.view.dependenciesOf(vm, listPath).filter((d) => this.b.nics.has(d.urn));
        const attached = new Set<string>();
        if (Array.isArray(list)) {
            list.forEach((ref, i) => {
                const path = joinPath(listPath, i);
                const known = knownString(ref);
                if (known === undefined && !isUnknown(ref)) {
                    problems.push({ owner: vm.urn, path, why: "invalid", what: "network interface" });
                    return;
                }
                this.b.attachNicReference(vm, known, path, depNics, attached, problems);
            });
        } else {
            problems.push({ owner: vm.urn, path: listPath, why: isUnknown(list) ? "unknown" : "invalid", what: "network interface" });
        }
        return { resource: vm, kind: "vm", nics: [...attached].map((urn) => this.b.nics.get(urn)!), problems };
    }

    private scaleSetNode(set: StackResource, listKey: "networkInterfaces" | "networkProfiles"): MachineNode {
        const problems: ExposureCause[] = [];
        const list = propsOf(set)[listKey];
        const nics: NicNode[] = [];
        if (Array.isArray(list)) {
            list.forEach((cfg, i) => {
                const path = joinPath(listKey, i);
                if (!isRecord(cfg)) {
                    problems.push({ owner: set.urn, path, why: isUnknown(cfg) ? "unknown" : "invalid" });
                    return;
                }
                const name = knownString(cfg.name);
                const nicProblems: ExposureCause[] = [];
                nics.push({
                    owner: set,
                    label: name !== undefined ? msg`NIC configuration ${safe.name(name)}` : msg`NIC configuration ${safe.path(path)}`,
                    nsg: this.b.nsgSlot(set, joinPath(path, "networkSecurityGroupId"), cfg.networkSecurityGroupId, [listKey], true),
                    ipConfigs: this.ipConfigs(set, path, cfg.ipConfigurations, listKey, nicProblems, "scaleSet"),
                    problems: nicProblems,
                });
            });
        } else if (present(list)) {
            problems.push({ owner: set.urn, path: listKey, why: isUnknown(list) ? "unknown" : "invalid" });
        }
        return { resource: set, kind: "vmss", nics, problems };
    }
}

/**
 * Applies an association (an NSG to a subnet or NIC) to the node(s) it names. When it may name
 * several, each of them may or may not have the NSG.
 */
function attach<N, T>(targets: Slot<N>, value: Slot<T>, get: (n: N) => Slot<T>, set: (n: N, slot: Slot<T>) => void): void {
    if (targets.targets.length === 1) {
        set(targets.targets[0], value);
        return;
    }
    for (const n of targets.targets) {
        set(n, { targets: dedupe([...get(n).targets, ...value.targets]), cause: targets.cause });
    }
}
