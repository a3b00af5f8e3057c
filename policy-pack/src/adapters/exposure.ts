// Builds the exposure model (azure/exposure/model.ts) from every provider's resources: the
// azure-native reading here, the classic one in exposure-classic.ts, into one graph so that mixed
// stacks join (a classic NIC attached to an azure-native NSG).
//
//   VM / scale set ─ NIC (resource, or a NIC configuration inline in the VM profile)
//     NIC ─ its NSG; each IP configuration ─ its subnet ─ the subnet's NSG
//     IP configuration ─ public IP (a resource, or scale set instance public IPs)
//                      ─ load balancer inbound NAT rules / NAT pools it is named in
//                      ─ load balancer backend pools (and so the load-balancing and v2 NAT rules
//                        that forward to them)
//
// Every link is resolved from the reference's property dependencies first (they hold in the first
// preview of a new stack, when every id is unknown), then from the id: an exact id of a resource
// in the stack, else the ARM id read as names (`…/virtualNetworks/v/subnets/s` → subnet `s` of the
// VNet named `v` in the same resource group). A reference that cannot be followed is not guessed:
// its slot keeps every candidate (or none) and the cause, and the evaluation decides whether it
// matters. Built once per AnalyzeStack with one index by id and one by name: linear in the number
// of resources.
import { azureName, linkChildren, nameRef, NameRef } from "../engine/links";
import { msg, safe } from "../engine/messages";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { AzureType } from "../engine/tokens";
import { isRecord, isUnknown } from "../engine/values";
import { childName, idKey, parentId, parseArmId } from "../azure/exposure/arm-ids";
import {
    Entry,
    ExposureCause,
    ExposureGraph,
    IpConfigNode,
    LbNode,
    LbRuleNode,
    MachineNode,
    NicNode,
    NsgNode,
    PoolTarget,
    SkuReading,
    Slot,
    SubnetNode,
    Target,
    UnplacedMembership,
} from "../azure/exposure/model";
import { joinPath, present, word } from "../azure/network/fields";
import { readFrontends, readInlineLbRules, readLbRule, resolveFrontend } from "../azure/network/load-balancers";
import { markDuplicateNames, NsgRule } from "../azure/network/nsg-rules";
import { classic, compute, network } from "../azure/types";
import { CLASSIC_EXPOSURE_TYPES, ClassicNetworkReader } from "./exposure-classic";
import { dedupe, forEachRecord, Index, knownString, lower, readSku, slotOf } from "./exposure-support";
import { NSG_ADAPTERS } from "./nsgs";

/** The types whose Analyze-time inputs the exposure graph needs (names, resource groups). */
export const EXPOSURE_INPUT_TYPES: readonly AzureType[] = [
    compute.VirtualMachine,
    compute.VirtualMachineScaleSet,
    network.NetworkInterface,
    network.PublicIPAddress,
    network.NetworkSecurityGroup,
    network.SecurityRule,
    network.VirtualNetwork,
    network.Subnet,
    network.LoadBalancer,
    network.InboundNatRule,
    network.LoadBalancerBackendAddressPool,
    ...CLASSIC_EXPOSURE_TYPES,
];

// ---------------------------------------------------------------------------------------------
// Building

export class Builder {
    readonly index = new Index();
    readonly nsgs = new Map<string, NsgNode>();
    readonly vnetSubnets = new Map<string, SubnetNode[]>();
    readonly standaloneSubnets = new Map<string, SubnetNode>();
    readonly pips = new Map<string, SkuReading>();
    readonly lbs = new Map<string, LbNode>();
    readonly standaloneNatRules = new Map<string, LbRuleNode>();
    readonly standalonePools = new Map<string, { lb?: LbNode; name?: string }>();
    readonly nics = new Map<string, NicNode>();
    readonly unplacedRules: NsgRule[] = [];
    readonly unplacedMemberships: UnplacedMembership[] = [];

    readonly standaloneNatPools = new Map<string, LbRuleNode>();

    constructor(readonly view: StackView) {}

    build(): ExposureGraph {
        const of = (t: AzureType) => this.view.ofType(t);
        const vnets = of(network.VirtualNetwork);
        const subnets = of(network.Subnet);
        const pips = of(network.PublicIPAddress);
        const lbs = of(network.LoadBalancer);
        const natRules = of(network.InboundNatRule);
        const pools = of(network.LoadBalancerBackendAddressPool);
        const nics = of(network.NetworkInterface);
        const classicNetwork = new ClassicNetworkReader(this);

        for (const r of [...NSG_ADAPTERS.flatMap((a) => [...of(a.nsgType), ...of(a.ruleType)]), ...vnets, ...subnets, ...pips, ...lbs, ...natRules, ...pools, ...nics]) {
            this.index.addId(r);
        }
        for (const a of NSG_ADAPTERS) {
            for (const r of of(a.nsgType)) this.index.addName("nsg", lower(azureName(r, a.nsgNameKey)), r);
        }
        for (const r of vnets) this.index.addName("vnet", lower(azureName(r, "virtualNetworkName")), r);
        for (const r of pips) this.index.addName("pip", lower(azureName(r, "publicIpAddressName")), r);
        for (const r of lbs) this.index.addName("lb", lower(azureName(r, "loadBalancerName")), r);
        for (const r of nics) this.index.addName("nic", lower(azureName(r, "networkInterfaceName")), r);
        classicNetwork.indexResources();

        this.buildNsgs();
        this.buildSubnets(vnets, subnets);
        classicNetwork.readSubnets();
        for (const r of pips) {
            this.pips.set(r.urn, readSku(r.urn, "sku", propsOf(r).sku, ["Basic", "Standard"]));
        }
        classicNetwork.readPublicIps();
        this.buildLoadBalancers(lbs, natRules, pools);
        classicNetwork.readLoadBalancers();
        for (const r of nics) {
            this.nics.set(r.urn, this.nicNode(r));
        }
        classicNetwork.readNics();
        this.reverseLinks(lbs, natRules, pools);

        const machines: MachineNode[] = [];
        for (const vm of of(compute.VirtualMachine)) {
            machines.push(this.vmNode(vm));
        }
        for (const set of of(compute.VirtualMachineScaleSet)) {
            const node = this.scaleSetNode(set);
            if (node) {
                machines.push(node);
            }
        }
        machines.push(...classicNetwork.machines());
        return { machines, unplacedRules: this.unplacedRules, unplacedMemberships: this.unplacedMemberships };
    }

    // --- NSGs ------------------------------------------------------------------------------

    /** Every provider's NSGs with their inline and standalone rules (adapters/nsgs.ts). */
    private buildNsgs(): void {
        for (const a of NSG_ADAPTERS) {
            const nsgs = this.view.ofType(a.nsgType);
            const links = linkChildren(this.view, {
                children: this.view.ofType(a.ruleType),
                parents: nsgs,
                dependencyKeys: [a.ruleParentKey],
                childName: (c) => nameRef(propsOf(c)[a.ruleParentKey]),
                parentName: (p) => azureName(p, a.nsgNameKey),
            });
            for (const nsg of nsgs) {
                const inline = a.inlineRules(this.view, nsg);
                const children = (links.byParent.get(nsg.urn) ?? []).map((r) => a.standaloneRule(this.view, r));
                this.nsgs.set(nsg.urn, { resource: nsg, rules: markDuplicateNames([...inline, ...children]) });
            }
            for (const r of links.unplaced) {
                this.unplacedRules.push({ ...a.standaloneRule(this.view, r), present: { cause: { owner: r.urn, path: a.ruleParentKey, why: "unknown" } } });
            }
        }
    }

    nsgSlot(owner: StackResource, path: string, value: unknown, depKeys: readonly string[], bareId = false): Slot<NsgNode | null> {
        if (!present(value)) {
            return { targets: [null] };
        }
        return this.resolve(owner, path, value, "network security group", depKeys, {
            bareId,
            known: (id) => {
                const r = this.index.byId(id) ?? this.byArmName(id, "networksecuritygroups", "nsg");
                const node = r ? this.nsgs.get(r.urn) : undefined;
                return node ? [node] : [];
            },
            dep: (d) => {
                const node = this.nsgs.get(d.urn);
                return node ? [node] : [];
            },
        });
    }

    // --- Subnets ---------------------------------------------------------------------------

    private buildSubnets(vnets: StackResource[], subnets: StackResource[]): void {
        for (const vnet of vnets) {
            this.vnetSubnets.set(vnet.urn, this.inlineSubnets(vnet, "networkSecurityGroup", false));
        }
        const links = linkChildren(this.view, {
            children: subnets,
            parents: vnets,
            dependencyKeys: ["virtualNetworkName"],
            childName: (c) => nameRef(propsOf(c).virtualNetworkName),
            parentName: (p) => azureName(p, "virtualNetworkName"),
        });
        const parentOf = new Map<string, StackResource>();
        for (const [vnetUrn, children] of links.byParent) {
            children.forEach((c) => parentOf.set(c.urn, this.view.get(vnetUrn)!));
        }
        for (const s of subnets) {
            const name = lower(azureName(s, "subnetName"));
            const node: SubnetNode = {
                resource: s,
                label: safe.name(s.name),
                name,
                nsg: this.nsgSlot(s, "networkSecurityGroup", propsOf(s).networkSecurityGroup, ["networkSecurityGroup"]),
            };
            this.standaloneSubnets.set(s.urn, node);
            const vnet = parentOf.get(s.urn);
            if (vnet) {
                this.vnetSubnets.get(vnet.urn)!.push(node);
            }
            const vnetName = knownString(propsOf(s).virtualNetworkName) ?? (vnet ? lower(azureName(vnet, "virtualNetworkName")) : undefined);
            if (vnetName !== undefined && name !== undefined) {
                this.index.addName("subnet", `${vnetName}/${name}`, s);
            }
        }
    }

    /** The subnets a VNet holds inline (`subnets[]`), with the NSG each names under `nsgKey`. */
    inlineSubnets(vnet: StackResource, nsgKey: string, bareId: boolean): SubnetNode[] {
        const list = propsOf(vnet).subnets;
        const nodes: SubnetNode[] = [];
        if (Array.isArray(list)) {
            list.forEach((s, i) => {
                const path = joinPath("subnets", i);
                if (!isRecord(s)) {
                    return;
                }
                const name = knownString(s.name);
                nodes.push({
                    resource: vnet,
                    label: name !== undefined ? msg`${safe.name(name)} of ${safe.name(vnet.name)}` : msg`${safe.path(path)} of ${safe.name(vnet.name)}`,
                    name: name?.toLowerCase(),
                    nsg: this.nsgSlot(vnet, joinPath(path, nsgKey), s[nsgKey], ["subnets"], bareId),
                });
            });
        }
        return nodes;
    }

    subnetsOf(r: StackResource): SubnetNode[] {
        const standalone = this.standaloneSubnets.get(r.urn);
        return standalone ? [standalone] : (this.vnetSubnets.get(r.urn) ?? []);
    }

    subnetSlot(owner: StackResource, path: string, value: unknown, depKeys: readonly string[], bareId = false): Slot<SubnetNode> {
        if (!present(value)) {
            return { targets: [], cause: { owner: owner.urn, path, why: "invalid", what: "subnet" } };
        }
        return this.resolve(owner, path, value, "subnet", depKeys, {
            bareId,
            known: (id) => {
                const exact = this.index.byId(id);
                if (exact) {
                    return this.subnetsOf(exact);
                }
                const parsed = parseArmId(id);
                const name = childName(id, "subnets")?.toLowerCase();
                if (!parsed || name === undefined || parsed.segments[0].type !== "virtualnetworks") {
                    return [];
                }
                const vnetName = parsed.segments[0].name;
                const parentUrn = this.index.byId(parentId(id) ?? "")?.urn;
                const vnets = parentUrn ? [this.view.get(parentUrn)!] : this.index.byName("vnet", vnetName, parsed.resourceGroup);
                const inVnet = vnets.flatMap((v) => this.subnetsOf(v)).filter((s) => s.name === name);
                const standalone = this.index.byName("subnet", `${vnetName}/${name}`, parsed.resourceGroup).flatMap((s) => this.subnetsOf(s));
                return [...inVnet, ...standalone];
            },
            // Subnets of either provider: a standalone subnet, or every subnet of a VNet.
            dep: (d) => this.subnetsOf(d),
        });
    }

    // --- Load balancers --------------------------------------------------------------------

    poolTarget(owner: string, base: string, entry: unknown, lbPools: () => string[]): PoolTarget | undefined {
        if (!isRecord(entry)) {
            return undefined;
        }
        const refs: [unknown, string][] = [];
        if (present(entry.backendAddressPool)) {
            refs.push([entry.backendAddressPool, joinPath(base, "backendAddressPool")]);
        }
        const list = entry.backendAddressPools;
        if (Array.isArray(list)) {
            list.forEach((p, i) => refs.push([p, joinPath(joinPath(base, "backendAddressPools"), i)]));
        } else if (present(list)) {
            return { cause: { owner, path: joinPath(base, "backendAddressPools"), why: isUnknown(list) ? "unknown" : "invalid", what: "backend pool" } };
        }
        if (refs.length === 0) {
            return undefined;
        }
        const names: string[] = [];
        for (const [ref, path] of refs) {
            const id = isRecord(ref) ? ref.id : ref;
            const idPath = isRecord(ref) ? joinPath(path, "id") : path;
            const known = isRecord(ref) ? knownString(id) : undefined;
            const name = known !== undefined ? childName(known, "backendAddressPools") : undefined;
            if (name !== undefined) {
                names.push(name.toLowerCase());
                continue;
            }
            if (!isUnknown(id)) {
                return { cause: { owner, path: idPath, why: "invalid", what: "backend pool" } };
            }
            // A reference unknown during preview still names one of this load balancer's pools.
            const all = lbPools();
            if (all.length === 1) {
                names.push(all[0]);
                continue;
            }
            return { cause: { owner, path: idPath, why: "unknown", what: "backend pool" } };
        }
        return { names };
    }

    private buildLoadBalancers(lbs: StackResource[], natRules: StackResource[], pools: StackResource[]): void {
        const poolLinks = linkChildren(this.view, {
            children: pools,
            parents: lbs,
            dependencyKeys: ["loadBalancerName"],
            childName: (c) => nameRef(propsOf(c).loadBalancerName),
            parentName: (p) => azureName(p, "loadBalancerName"),
        });
        const natLinks = linkChildren(this.view, {
            children: natRules,
            parents: lbs,
            dependencyKeys: ["loadBalancerName"],
            childName: (c) => nameRef(propsOf(c).loadBalancerName),
            parentName: (p) => azureName(p, "loadBalancerName"),
        });
        for (const r of lbs) {
            const props = propsOf(r);
            const node: LbNode = {
                resource: r,
                sku: readSku(r.urn, "sku", props.sku, ["Basic", "Standard", "Gateway"]),
                frontends: readFrontends(props, r.urn),
                pools: [],
                rules: [],
                natRules: new Map(),
                natPools: new Map(),
            };
            if (Array.isArray(props.backendAddressPools)) {
                for (const p of props.backendAddressPools) {
                    const name = isRecord(p) ? knownString(p.name) : undefined;
                    if (name !== undefined) {
                        node.pools.push(name.toLowerCase());
                    }
                }
            }
            for (const p of poolLinks.byParent.get(r.urn) ?? []) {
                const name = lower(azureName(p, "backendAddressPoolName"));
                if (name !== undefined) {
                    node.pools.push(name);
                }
                this.standalonePools.set(p.urn, { lb: node, name });
            }
            node.pools = dedupe(node.pools);
            const raw: Record<string, unknown> = { inboundNatRules: props.inboundNatRules, inboundNatPools: props.inboundNatPools, loadBalancingRules: props.loadBalancingRules };
            for (const rule of readInlineLbRules(props, r.urn)) {
                const m = /^(\w+)\[(\d+)\]$/.exec(rule.basePath);
                const entry = m && Array.isArray(raw[m[1]]) ? (raw[m[1]] as unknown[])[Number(m[2])] : undefined;
                const ruleNode: LbRuleNode = { rule, lb: node, pool: this.poolTarget(r.urn, rule.basePath, entry, () => node.pools) };
                node.rules.push(ruleNode);
                const name = rule.name?.toLowerCase();
                if (name !== undefined && rule.kind === "inboundNatRule") {
                    node.natRules.set(name, ruleNode);
                } else if (name !== undefined && rule.kind === "inboundNatPool") {
                    node.natPools.set(name, ruleNode);
                }
            }
            this.lbs.set(r.urn, node);
        }
        for (const p of pools) {
            if (!this.standalonePools.has(p.urn)) {
                this.standalonePools.set(p.urn, { name: lower(azureName(p, "backendAddressPoolName")) });
            }
        }
        const lbOfRule = new Map<string, LbNode>();
        for (const [lbUrn, children] of natLinks.byParent) {
            children.forEach((c) => lbOfRule.set(c.urn, this.lbs.get(lbUrn)!));
        }
        for (const r of natRules) {
            const props = propsOf(r);
            const lb = lbOfRule.get(r.urn);
            const ruleName = azureName(r, "inboundNatRuleName");
            const name = lower(ruleName);
            const rule = readLbRule({ ...props, name: ruleName.kind === "name" ? ruleName.value : r.name }, r.urn, "", "inboundNatRule", (ref, path) =>
                resolveFrontend(ref, lb?.frontends ?? [], r.urn, path, lb !== undefined),
            );
            const node: LbRuleNode = { rule, lb, pool: this.poolTarget(r.urn, "", props, () => lb?.pools ?? []) };
            this.standaloneNatRules.set(r.urn, node);
            if (lb) {
                lb.rules.push(node);
                if (name !== undefined) {
                    lb.natRules.set(name, node);
                }
            }
        }
    }

    /** The load balancer a child id (`…/loadBalancers/lb/<type>/<name>`) belongs to. */
    lbOfChildId(id: string): LbNode | undefined {
        const parent = parentId(id);
        const exact = parent !== undefined ? this.index.byId(parent) : undefined;
        const parsed = parseArmId(id);
        const r =
            exact ??
            (parsed && parsed.segments.length === 2 && parsed.segments[0].type === "loadbalancers"
                ? this.index.byName("lb", parsed.segments[0].name, parsed.resourceGroup)[0]
                : undefined);
        return r ? this.lbs.get(r.urn) : undefined;
    }

    private poolEntries(lb: LbNode): Entry[] {
        return lb.pools.map((pool) => ({ kind: "pool", lb, pool }));
    }

    poolSlot(owner: StackResource, path: string, value: unknown, depKeys: readonly string[], bareId = false): Slot<Entry> {
        return this.resolve<Entry>(owner, path, value, "backend pool", depKeys, {
            bareId,
            known: (id) => {
                const exact = this.index.byId(id);
                const standalone = exact ? this.standalonePools.get(exact.urn) : undefined;
                if (standalone) {
                    return standalone.lb && standalone.name !== undefined ? [{ kind: "pool", lb: standalone.lb, pool: standalone.name }] : [];
                }
                const lb = this.lbOfChildId(id);
                const name = childName(id, "backendAddressPools");
                return lb && name !== undefined ? [{ kind: "pool", lb, pool: name.toLowerCase() }] : [];
            },
            dep: (d) => {
                const standalone = this.standalonePools.get(d.urn);
                if (standalone) {
                    return standalone.lb && standalone.name !== undefined ? [{ kind: "pool", lb: standalone.lb, pool: standalone.name }] : [];
                }
                const lb = this.lbs.get(d.urn);
                return lb ? this.poolEntries(lb) : [];
            },
        });
    }

    natSlot(owner: StackResource, path: string, value: unknown, depKeys: readonly string[], kind: "rule" | "pool", bareId = false): Slot<Entry> {
        const type = kind === "rule" ? "inboundNatRules" : "inboundNatPools";
        const of = (lb: LbNode) => [...(kind === "rule" ? lb.natRules : lb.natPools).values()];
        return this.resolve<Entry>(owner, path, value, kind === "rule" ? "inbound NAT rule" : "inbound NAT pool", depKeys, {
            bareId,
            known: (id) => {
                const exact = this.index.byId(id);
                const standalone = exact ? (kind === "rule" ? this.standaloneNatRules : this.standaloneNatPools).get(exact.urn) : undefined;
                if (standalone) {
                    return [{ kind: "rule", node: standalone }];
                }
                const lb = this.lbOfChildId(id);
                const name = childName(id, type)?.toLowerCase();
                const node = lb && name !== undefined ? (kind === "rule" ? lb.natRules : lb.natPools).get(name) : undefined;
                return node ? [{ kind: "rule", node }] : [];
            },
            dep: (d) => {
                const rule = this.standaloneNatRules.get(d.urn);
                const pool = this.standaloneNatPools.get(d.urn);
                if (rule || pool) {
                    const node = kind === "rule" ? rule : pool;
                    return node ? [{ kind: "rule", node }] : [];
                }
                const lb = this.lbs.get(d.urn);
                return lb ? of(lb).map((node): Entry => ({ kind: "rule", node })) : [];
            },
        });
    }

    // --- Public IPs ------------------------------------------------------------------------

    /** A NIC's public IP: a certain entry whatever resolves, since the reference is there. */
    publicIpSlot(owner: StackResource, path: string, value: unknown, depKeys: readonly string[], bareId = false): Slot<Entry> {
        const slot = this.resolve<StackResource>(owner, path, value, "public IP address", depKeys, {
            bareId,
            known: (id) => {
                const r = this.index.byId(id) ?? this.byArmName(id, "publicipaddresses", "pip");
                return r && this.pips.has(r.urn) ? [r] : [];
            },
            dep: (d) => (this.pips.has(d.urn) ? [d] : []),
        });
        if (slot.targets.length === 0) {
            const cause = slot.cause!;
            const label = cause.why === "outside" ? safe.literal("a public IP outside this stack") : safe.literal("a public IP");
            return { targets: [{ kind: "publicIp", label, sku: { cause } }] };
        }
        return {
            targets: slot.targets.map((r): Entry => ({ kind: "publicIp", label: msg`public IP ${safe.name(r.name)}`, sku: this.pips.get(r.urn)!, urn: r.urn })),
            cause: slot.cause,
        };
    }

    // --- NICs ------------------------------------------------------------------------------

    ipConfigs(
        owner: StackResource,
        base: string,
        list: unknown,
        depKeys: readonly string[],
        problems: ExposureCause[],
        inline: boolean,
    ): IpConfigNode[] {
        const nodes: IpConfigNode[] = [];
        forEachRecord(owner.urn, joinPath(base, "ipConfigurations"), list, problems, (c, path) => {
            const entries: Slot<Entry>[] = [];
            if (inline) {
                const pipConfig = c.publicIPAddressConfiguration;
                const pipPath = joinPath(path, "publicIPAddressConfiguration");
                if (isUnknown(pipConfig)) {
                    entries.push({ targets: [], cause: { owner: owner.urn, path: pipPath, why: "unknown", what: "public IP address" } });
                } else if (isRecord(pipConfig)) {
                    const name = knownString(pipConfig.name);
                    entries.push({
                        targets: [
                            {
                                kind: "publicIp",
                                label: name !== undefined ? msg`instance public IPs ${safe.name(name)}` : msg`instance public IPs (${safe.path(pipPath)})`,
                                sku: readSku(owner.urn, joinPath(pipPath, "sku"), pipConfig.sku, ["Basic", "Standard"]),
                                urn: owner.urn,
                            },
                        ],
                    });
                } else if (present(pipConfig)) {
                    problems.push({ owner: owner.urn, path: pipPath, why: "invalid" });
                }
            } else if (present(c.publicIPAddress)) {
                entries.push(this.publicIpSlot(owner, joinPath(path, "publicIPAddress"), c.publicIPAddress, depKeys));
            }
            const refLists: [string, (p: string, v: unknown) => Slot<Entry>][] = [
                ["loadBalancerBackendAddressPools", (p, v) => this.poolSlot(owner, p, v, depKeys)],
                ["loadBalancerInboundNatRules", (p, v) => this.natSlot(owner, p, v, depKeys, "rule")],
                ["loadBalancerInboundNatPools", (p, v) => this.natSlot(owner, p, v, depKeys, "pool")],
            ];
            entries.push(...this.referenceEntries(owner, path, c, refLists));
            nodes.push({
                path,
                name: knownString(c.name)?.toLowerCase(),
                subnet: this.subnetSlot(owner, joinPath(path, "subnet"), c.subnet, depKeys),
                entries,
            });
        });
        return nodes;
    }

    /** The entries an IP configuration's lists of pool and NAT references give, one per reference. */
    referenceEntries(owner: StackResource, path: string, c: Record<string, unknown>, lists: [string, (p: string, v: unknown) => Slot<Entry>][]): Slot<Entry>[] {
        const entries: Slot<Entry>[] = [];
        for (const [key, resolve] of lists) {
            const refs = c[key];
            const refsPath = joinPath(path, key);
            if (!present(refs)) {
                continue;
            }
            if (!Array.isArray(refs)) {
                entries.push({ targets: [], cause: { owner: owner.urn, path: refsPath, why: isUnknown(refs) ? "unknown" : "invalid" } });
                continue;
            }
            refs.forEach((ref, j) => entries.push(resolve(joinPath(refsPath, j), ref)));
        }
        return entries;
    }

    private nicNode(r: StackResource): NicNode {
        const props = propsOf(r);
        const problems: ExposureCause[] = [];
        return {
            owner: r,
            label: msg`NIC ${safe.name(r.name)}`,
            nsg: this.nsgSlot(r, "networkSecurityGroup", props.networkSecurityGroup, ["networkSecurityGroup"]),
            ipConfigs: this.ipConfigs(r, "", props.ipConfigurations, ["ipConfigurations"], problems, false),
            problems,
        };
    }

    /** NIC configurations written inline in a VM's or scale set's network profile. */
    inlineNics(owner: StackResource, base: string, list: unknown, depKey: string, problems: ExposureCause[]): NicNode[] {
        if (!present(list)) {
            return [];
        }
        if (!Array.isArray(list)) {
            problems.push({ owner: owner.urn, path: base, why: isUnknown(list) ? "unknown" : "invalid" });
            return [];
        }
        const nics: NicNode[] = [];
        list.forEach((cfg, i) => {
            const path = joinPath(base, i);
            if (!isRecord(cfg)) {
                problems.push({ owner: owner.urn, path, why: isUnknown(cfg) ? "unknown" : "invalid" });
                return;
            }
            const name = knownString(cfg.name);
            const nicProblems: ExposureCause[] = [];
            nics.push({
                owner,
                label: name !== undefined ? msg`NIC configuration ${safe.name(name)}` : msg`NIC configuration ${safe.path(path)}`,
                nsg: this.nsgSlot(owner, joinPath(path, "networkSecurityGroup"), cfg.networkSecurityGroup, [depKey]),
                ipConfigs: this.ipConfigs(owner, path, cfg.ipConfigurations, [depKey], nicProblems, true),
                problems: nicProblems,
            });
        });
        return nics;
    }

    // --- Machines --------------------------------------------------------------------------

    private vmNode(vm: StackResource): MachineNode {
        const problems: ExposureCause[] = [];
        const profile = propsOf(vm).networkProfile;
        const nics: NicNode[] = [];
        if (isUnknown(profile)) {
            problems.push({ owner: vm.urn, path: "networkProfile", why: "unknown", what: "network interface" });
        } else if (isRecord(profile)) {
            const depNics = this.view.dependenciesOf(vm, "networkProfile").filter((d) => this.nics.has(d.urn));
            const attached = new Set<string>();
            const list = profile.networkInterfaces;
            const listPath = "networkProfile.networkInterfaces";
            if (Array.isArray(list)) {
                list.forEach((ref, i) => {
                    const path = joinPath(listPath, i);
                    const id = isRecord(ref) ? ref.id : ref;
                    const idPath = isRecord(ref) ? joinPath(path, "id") : path;
                    const known = isRecord(ref) ? knownString(id) : undefined;
                    if ((!isRecord(ref) && !isUnknown(ref)) || (known === undefined && !isUnknown(id))) {
                        problems.push({ owner: vm.urn, path: idPath, why: "invalid", what: "network interface" });
                        return;
                    }
                    this.attachNicReference(vm, known, idPath, depNics, attached, problems);
                });
            } else if (present(list)) {
                problems.push({ owner: vm.urn, path: listPath, why: isUnknown(list) ? "unknown" : "invalid", what: "network interface" });
            }
            for (const urn of attached) {
                nics.push(this.nics.get(urn)!);
            }
            nics.push(...this.inlineNics(vm, "networkProfile.networkInterfaceConfigurations", profile.networkInterfaceConfigurations, "networkProfile", problems));
        } else if (present(profile)) {
            problems.push({ owner: vm.urn, path: "networkProfile", why: "invalid" });
        }
        return { resource: vm, kind: "vm", nics, problems };
    }

    /**
     * Adds the NIC a VM's reference names to `attached`: the NIC of that id in the stack, else every
     * NIC the reference's property depends on (a reference that cannot be followed is one of them).
     */
    attachNicReference(vm: StackResource, known: string | undefined, path: string, depNics: StackResource[], attached: Set<string>, problems: ExposureCause[]): void {
        const r = known !== undefined ? (this.index.byId(known) ?? this.byArmName(known, "networkinterfaces", "nic")) : undefined;
        if (r && this.nics.has(r.urn)) {
            attached.add(r.urn);
            return;
        }
        if (depNics.length > 0) {
            depNics.forEach((d) => attached.add(d.urn));
            return;
        }
        const why = known === undefined ? "unknown" : parseArmId(known) ? "outside" : "invalid";
        problems.push({ owner: vm.urn, path, why, what: "network interface" });
    }

    private scaleSetNode(set: StackResource): MachineNode | undefined {
        const profile = propsOf(set).virtualMachineProfile;
        if (!present(profile)) {
            // A flexible scale set without a VM profile has no instances of its own; VMs added to it
            // are compute.VirtualMachine resources and are judged as such.
            return undefined;
        }
        const problems: ExposureCause[] = [];
        if (!isRecord(profile)) {
            problems.push({ owner: set.urn, path: "virtualMachineProfile", why: isUnknown(profile) ? "unknown" : "invalid" });
            return { resource: set, kind: "vmss", nics: [], problems };
        }
        const networkProfile = profile.networkProfile;
        const base = "virtualMachineProfile.networkProfile";
        if (isUnknown(networkProfile) || (present(networkProfile) && !isRecord(networkProfile))) {
            problems.push({ owner: set.urn, path: base, why: isUnknown(networkProfile) ? "unknown" : "invalid" });
            return { resource: set, kind: "vmss", nics: [], problems };
        }
        const list = isRecord(networkProfile) ? networkProfile.networkInterfaceConfigurations : undefined;
        const nics = this.inlineNics(set, joinPath(base, "networkInterfaceConfigurations"), list, "virtualMachineProfile", problems);
        return { resource: set, kind: "vmss", nics, problems };
    }

    // --- Links seen from the load balancer side ----------------------------------------------

    /**
     * Deployed load balancers report the NIC IP configurations behind each NAT rule and pool
     * (`backendIPConfiguration`, `backendIPConfigurations`: outputs only). They add what the NIC's
     * own references may not show.
     */
    private reverseLinks(lbs: StackResource[], natRules: StackResource[], pools: StackResource[]): void {
        const attach = (ipConfigId: unknown, entry: Entry) => {
            const id = knownString(isRecord(ipConfigId) ? ipConfigId.id : undefined);
            const ipcName = id !== undefined ? childName(id, "ipConfigurations")?.toLowerCase() : undefined;
            if (id === undefined || ipcName === undefined) {
                return;
            }
            const nicId = parentId(id)!;
            const nicResource = this.index.byId(nicId) ?? this.byArmName(nicId, "networkinterfaces", "nic");
            const nic = nicResource ? this.nics.get(nicResource.urn) : undefined;
            nic?.ipConfigs.filter((c) => c.name === ipcName).forEach((c) => c.entries.push({ targets: [entry] }));
        };
        for (const r of lbs) {
            const lb = this.lbs.get(r.urn)!;
            const out = r.outputs;
            if (Array.isArray(out.inboundNatRules)) {
                for (const rule of out.inboundNatRules) {
                    const name = isRecord(rule) ? knownString(rule.name)?.toLowerCase() : undefined;
                    const node = name !== undefined ? lb.natRules.get(name) : undefined;
                    if (node && isRecord(rule)) {
                        attach(rule.backendIPConfiguration, { kind: "rule", node });
                    }
                }
            }
            if (Array.isArray(out.backendAddressPools)) {
                for (const pool of out.backendAddressPools) {
                    const name = isRecord(pool) ? knownString(pool.name)?.toLowerCase() : undefined;
                    if (name !== undefined && isRecord(pool) && Array.isArray(pool.backendIPConfigurations)) {
                        pool.backendIPConfigurations.forEach((c) => attach(c, { kind: "pool", lb, pool: name }));
                    }
                }
            }
        }
        for (const r of natRules) {
            const node = this.standaloneNatRules.get(r.urn)!;
            attach(r.outputs.backendIPConfiguration, { kind: "rule", node });
        }
        for (const r of pools) {
            const pool = this.standalonePools.get(r.urn);
            const configs = r.outputs.backendIPConfigurations;
            if (pool?.lb && pool.name !== undefined && Array.isArray(configs)) {
                configs.forEach((c) => attach(c, { kind: "pool", lb: pool.lb!, pool: pool.name! }));
            }
        }
    }

    // --- Resolution ------------------------------------------------------------------------

    /** A top-level resource named by an ARM id of the given type, in the id's resource group. */
    byArmName(id: string, armType: string, kind: string): StackResource | undefined {
        const parsed = parseArmId(id);
        if (!parsed || parsed.segments.length !== 1 || parsed.segments[0].type !== armType) {
            return undefined;
        }
        const found = this.index.byName(kind, parsed.segments[0].name, parsed.resourceGroup);
        return found.length === 1 ? found[0] : undefined;
    }

    /**
     * Resolves a `{ id }` reference: through the dependencies of the property holding it first, by
     * id second. Every dependency of a matching type is a candidate, since one property (a NIC's
     * `ipConfigurations`) can hold several references.
     */
    resolve<T>(
        owner: StackResource,
        path: string,
        value: unknown,
        what: Target,
        depKeys: readonly string[],
        how: { known: (id: string) => T[]; dep: (d: StackResource) => T[]; bareId?: boolean },
    ): Slot<T> {
        // Classic references are bare id strings; azure-native ones are `{ id }` objects.
        const bare = how.bareId === true && typeof value === "string";
        if (!isRecord(value) && !isUnknown(value) && !bare) {
            return { targets: [], cause: { owner: owner.urn, path, why: "invalid", what } };
        }
        const idValue = isRecord(value) ? value.id : value;
        const idPath = isRecord(value) ? joinPath(path, "id") : path;
        const known = knownString(idValue);
        if (known !== undefined) {
            const targets = how.known(known);
            if (targets.length > 0) {
                return slotOf(targets, { owner: owner.urn, path: idPath, why: "ambiguous", what });
            }
        } else if (!isUnknown(idValue)) {
            return { targets: [], cause: { owner: owner.urn, path: idPath, why: "invalid", what } };
        }
        const fromDeps = depKeys.flatMap((k) => this.view.dependenciesOf(owner, k)).flatMap(how.dep);
        // A known id that is no resource id at all is malformed, not a resource elsewhere.
        const why = known === undefined ? "unknown" : parseArmId(known) ? "outside" : "invalid";
        return slotOf(fromDeps, { owner: owner.urn, path: idPath, why, what });
    }
}

export function buildExposureGraph(view: StackView): ExposureGraph {
    return new Builder(view).build();
}
