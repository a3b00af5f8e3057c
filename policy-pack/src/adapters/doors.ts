// Every door of the stack, read from each provider into one inventory (`DoorInventory`,
// azure/network/doors.ts): NSG rules (adapters/nsgs.ts), load balancer rules with the frontend they
// listen on, and firewall DNAT rules, each with the resource it is reported on and that resource's
// security level. The door evaluator reads only the inventory.
//
//   azure-native  network:LoadBalancer inline `inboundNatRules`, `inboundNatPools`,
//                 `loadBalancingRules`; network:InboundNatRule (joined by `loadBalancerName`);
//                 network:AzureFirewall `natRuleCollections`; network:FirewallPolicyRuleCollectionGroup
//                 `ruleCollections` (joined by `firewallPolicyName`); network:IpGroup `ipAddresses`
//   classic       azure:lb/loadBalancer (frontends only), azure:lb/natRule, natPool and rule (joined
//                 by `loadbalancerId`, frontend by `frontendIpConfigurationName`);
//                 azure:network/firewallNatRuleCollection (`action`, `rules`, joined by
//                 `azureFirewallName`); azure:network/firewallPolicyRuleCollectionGroup
//                 `natRuleCollections` (joined by `firewallPolicyId`); azure:network/iPGroup `cidrs`
//                 and iPGroupCIDR `cidr`
//
// Joins follow DESIGN §3a: propertyDependencies first (ids are unknown in a first preview), then
// names and resource groups.
import { levelTag, ResolvedLevel } from "../engine/levels";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { AzureType } from "../engine/tokens";
import { isUnknown } from "../engine/values";
import { classifySource } from "../azure/network/addresses";
import { DoorInventory } from "../azure/network/doors";
import { Cause } from "../azure/network/fields";
import { IpGroupResolver, NatRule, readAzurermNatCollection, readAzurermPolicyNatRules, readClassicNatRules, readPolicyNatRules } from "../azure/network/firewalls";
import { Frontend, LbRule, LbRuleKind, readFrontends, readInlineLbRules, readLbRule, resolveFrontend, resolveFrontendByName } from "../azure/network/load-balancers";
import { markDuplicateNames, NsgRule, SourceEntry } from "../azure/network/nsg-rules";
import { parseArmId } from "../azure/exposure/arm-ids";
import { classic, network } from "../azure/types";
import { AZURERM_FRONTENDS, AZURERM_LB_RULE_KEYS } from "./load-balancers";
import { NSG_ADAPTERS } from "./nsgs";

/** The types whose inputs the door policies remember in Analyze (names and resource groups for joins). */
export const DOOR_INPUT_TYPES: readonly AzureType[] = [
    ...NSG_ADAPTERS.flatMap((a) => [a.nsgType, a.ruleType]),
    network.LoadBalancer,
    network.InboundNatRule,
    network.AzureFirewall,
    network.FirewallPolicy,
    network.FirewallPolicyRuleCollectionGroup,
    network.IpGroup,
    classic.LoadBalancer,
    classic.NatRule,
    classic.NatPool,
    classic.LoadBalancingRule,
    classic.Firewall,
    classic.FirewallNatRuleCollection,
    classic.FirewallPolicy,
    classic.FirewallPolicyRuleCollectionGroup,
    classic.IpGroup,
    classic.IpGroupCidr,
];

// ---------------------------------------------------------------------------------------------
// Joins

function knownString(value: unknown): string | undefined {
    return typeof value === "string" && !isUnknown(value) ? value : undefined;
}

/** The Azure name of a resource: its `<x>Name` input, else its `name` output. */
function azureName(r: StackResource, nameInput: string): string | undefined {
    return knownString(propsOf(r)[nameInput]) ?? knownString(r.outputs.name);
}

function sameResourceGroup(view: StackView, a: StackResource, b: StackResource): boolean {
    const rgA = knownString(propsOf(a).resourceGroupName);
    const rgB = knownString(propsOf(b).resourceGroupName);
    if (rgA !== undefined && rgB !== undefined) {
        return rgA.toLowerCase() === rgB.toLowerCase();
    }
    const depsA = new Set(view.dependenciesOf(a, "resourceGroupName").map((d) => d.urn));
    return depsA.size > 0 && view.dependenciesOf(b, "resourceGroupName").some((d) => depsA.has(d.urn));
}

/** Resources of one type by lower-cased Azure name, built once per type for name joins. */
class NameIndex {
    private readonly indexes = new Map<AzureType, Map<string, StackResource[]>>();

    constructor(private readonly view: StackView) {}

    find(type: AzureType, nameInput: string, name: string): StackResource[] {
        let index = this.indexes.get(type);
        if (!index) {
            index = new Map();
            for (const r of this.view.ofType(type)) {
                const key = azureName(r, nameInput)?.trim().toLowerCase();
                if (key !== undefined) {
                    const same = index.get(key);
                    if (same) {
                        same.push(r);
                    } else {
                        index.set(key, [r]);
                    }
                }
            }
            this.indexes.set(type, index);
        }
        return index.get(name.trim().toLowerCase()) ?? [];
    }
}

/**
 * The parent of a child resource (the NSG of a rule, the load balancer of a NAT rule): through
 * propertyDependencies on the parent-name input first, else by parent name and resource group.
 */
function parentOf(
    view: StackView,
    names: NameIndex,
    child: StackResource,
    nameKey: string,
    parentType: AzureType,
    parentNameKey: string,
): StackResource | undefined {
    const viaDeps = view.dependenciesOf(child, nameKey).find((d) => parentType.matches(d.type));
    if (viaDeps) {
        return viaDeps;
    }
    const name = knownString(propsOf(child)[nameKey]);
    if (name === undefined) {
        return undefined;
    }
    return names.find(parentType, parentNameKey, name).find((p) => sameResourceGroup(view, child, p));
}

/**
 * The parent a classic child names by id (`loadbalancerId`, `firewallPolicyId`): through
 * propertyDependencies first, else the resource of that id in the stack, else the name in the id.
 */
function parentById(view: StackView, names: NameIndex, child: StackResource, idKey: string, parentType: AzureType, armType: string): StackResource | undefined {
    const viaDeps = view.dependenciesOf(child, idKey).find((d) => parentType.matches(d.type));
    if (viaDeps) {
        return viaDeps;
    }
    const id = knownString(propsOf(child)[idKey])?.trim();
    const parsed = id === undefined ? undefined : parseArmId(id);
    if (id === undefined || !parsed || parsed.segments.length !== 1 || parsed.segments[0].type !== armType) {
        return undefined;
    }
    const exact = view.ofType(parentType).find((p) => knownString(p.outputs.id)?.toLowerCase() === id.toLowerCase());
    if (exact) {
        return exact;
    }
    const rg = parsed.resourceGroup?.toLowerCase();
    return names.find(parentType, "name", parsed.segments[0].name).find((p) => {
        const parentRg = knownString(propsOf(p).resourceGroupName)?.toLowerCase();
        return rg === undefined || parentRg === undefined || parentRg === rg;
    });
}

/** A child's level: its own tag, else its parent's (by dependency or by name), else the stack tag. */
function childLevel(view: StackView, child: StackResource, nameKey: string, parent: StackResource | undefined): ResolvedLevel {
    if (!parent || view.dependenciesOf(child, nameKey).some((d) => d.urn === parent.urn)) {
        return view.levelOf(child, [nameKey]);
    }
    if (levelTag(propsOf(child).tags).kind !== "unset") {
        return view.levelOf(child);
    }
    const level = view.levelOf(parent);
    return level.source === "resource" ? { ...level, source: "parent" } : level;
}

// ---------------------------------------------------------------------------------------------
// IP groups

interface IpGroupShape {
    type: AzureType;
    nameKey: string;
    addressesKey: string;
}

const IP_GROUPS: readonly IpGroupShape[] = [
    { type: network.IpGroup, nameKey: "ipGroupsName", addressesKey: "ipAddresses" },
    { type: classic.IpGroup, nameKey: "name", addressesKey: "cidrs" },
];

const IP_GROUP_ID = /\/ipGroups\/([^/]+)\/?$/i;

/** The addresses an IP group holds: its own list and, on classic, the `IPGroupCIDR` resources added to it. */
function ipGroupEntries(view: StackView, group: StackResource, shape: IpGroupShape, owner: string, path: string): { entries: SourceEntry[]; causes: Cause[] } {
    const entries: SourceEntry[] = [];
    const causes: Cause[] = [];
    const add = (value: unknown, holder: string, at: string) => {
        const c = classifySource(value);
        if (c.kind === "internal" || c.kind === "internet") {
            entries.push({ source: c, path });
        } else {
            causes.push({ owner: holder, path: at, why: c.kind });
        }
    };
    const addresses = propsOf(group)[shape.addressesKey];
    if (Array.isArray(addresses)) {
        addresses.forEach((a, i) => add(a, group.urn, `${shape.addressesKey}[${i}]`));
    } else if (isUnknown(addresses)) {
        causes.push({ owner, path, why: "unknown" });
    } else if (addresses !== undefined && addresses !== null) {
        causes.push({ owner: group.urn, path: shape.addressesKey, why: "invalid" });
    } else if (shape.type === network.IpGroup) {
        causes.push({ owner: group.urn, path: shape.addressesKey, why: "invalid" });
    }
    if (shape.type === classic.IpGroup) {
        for (const cidr of view.ofType(classic.IpGroupCidr)) {
            if (view.dependenciesOf(cidr, "ipGroupId").some((d) => d.urn === group.urn)) {
                add(propsOf(cidr).cidr, cidr.urn, "cidr");
            }
        }
    }
    return { entries, causes };
}

/**
 * Resolves `sourceIpGroups` entries to the addresses of IP groups in the stack: by the name in a
 * known id, else — the id being unknown in preview — every IP group the property depends on (a
 * superset, which can only add doors). A group outside the stack cannot be read: unknown.
 */
function ipGroupResolver(view: StackView, names: NameIndex, owner: StackResource, topKey: string): IpGroupResolver {
    const depGroups = view
        .dependenciesOf(owner, topKey)
        .flatMap((d) => IP_GROUPS.filter((s) => s.type.matches(d.type)).map((shape) => ({ group: d, shape })));
    return (value, path) => {
        let targets: { group: StackResource; shape: IpGroupShape }[] = [];
        const id = knownString(value);
        if (id !== undefined) {
            const name = id.trim().match(IP_GROUP_ID)?.[1];
            targets = name === undefined ? [] : IP_GROUPS.flatMap((shape) => names.find(shape.type, shape.nameKey, name).map((group) => ({ group, shape })));
        }
        if (targets.length === 0) {
            targets = depGroups;
        }
        if (targets.length === 0) {
            return { entries: [], causes: [{ owner: owner.urn, path, why: id !== undefined || isUnknown(value) ? "unknown" : "invalid" }] };
        }
        const read = targets.map(({ group, shape }) => ipGroupEntries(view, group, shape, owner.urn, path));
        return { entries: read.flatMap((r) => r.entries), causes: read.flatMap((r) => r.causes) };
    };
}

// ---------------------------------------------------------------------------------------------
// The inventory

/**
 * The rules of every NSG, of every provider: inline rules and the standalone rules joined to it, with
 * duplicate names marked — ready for `evaluateInbound`. Keyed by the NSG's URN; standalone rules of
 * an NSG outside the stack share a key when they name the same NSG and resource group, and a rule
 * whose NSG cannot be named at all is keyed by its own URN. `parents` maps each standalone rule to
 * its NSG in the stack, when it has one.
 */
function collectNsgRules(
    view: StackView,
    names: NameIndex,
): { units: Map<string, NsgRule[]>; parents: Map<string, StackResource | undefined>; overwriting: StackResource[] } {
    const units = new Map<string, NsgRule[]>();
    const parents = new Map<string, StackResource | undefined>();
    const overwriting: StackResource[] = [];
    const add = (key: string, rules: readonly NsgRule[]) => {
        const unit = units.get(key);
        if (unit) {
            unit.push(...rules);
        } else {
            units.set(key, [...rules]);
        }
    };
    for (const a of NSG_ADAPTERS) {
        for (const nsg of view.ofType(a.nsgType)) {
            add(nsg.urn, a.inlineRules(view, nsg));
        }
        for (const r of view.ofType(a.ruleType)) {
            const parent = parentOf(view, names, r, a.ruleParentKey, a.nsgType, a.nsgNameKey);
            parents.set(r.urn, parent);
            const props = propsOf(r);
            const rule = a.standaloneRule(view, r);
            const nsgName = knownString(props[a.ruleParentKey])?.trim().toLowerCase();
            const rg = knownString(props.resourceGroupName)?.trim().toLowerCase();
            add(parent ? parent.urn : nsgName !== undefined && rg !== undefined ? `external:${a.provider}:${rg}/${nsgName}` : r.urn, [rule]);
        }
        if (a.mixedRulesOverwrite) {
            const withChildren = new Set([...parents.values()].map((p) => p?.urn));
            overwriting.push(...view.ofType(a.nsgType).filter((nsg) => withChildren.has(nsg.urn) && a.inlineRules(view, nsg).length > 0));
        }
    }
    for (const [key, rules] of units) {
        units.set(key, markDuplicateNames(rules));
    }
    return { units, parents, overwriting };
}

const CLASSIC_LB_RULES: readonly [AzureType, LbRuleKind][] = [
    [classic.NatRule, "inboundNatRule"],
    [classic.NatPool, "inboundNatPool"],
    [classic.LoadBalancingRule, "loadBalancingRule"],
];

export function doorInventory(view: StackView): DoorInventory {
    return view.derived(doorInventory, () => {
        const names = new NameIndex(view);
        const scoped: DoorInventory["scoped"] = [];
        const inScope = (resource: StackResource, level: ResolvedLevel) => scoped.push({ resource, level });

        // Network security groups: inline rules and the standalone rules joined to each NSG.
        const { units, parents, overwriting } = collectNsgRules(view, names);
        for (const a of NSG_ADAPTERS) {
            for (const nsg of view.ofType(a.nsgType)) {
                inScope(nsg, view.levelOf(nsg));
            }
            for (const r of view.ofType(a.ruleType)) {
                inScope(r, childLevel(view, r, a.ruleParentKey, parents.get(r.urn)));
            }
        }

        // Load balancers, azure-native: inline NAT rules, NAT pools and load-balancing rules; standalone NAT rules.
        const lbRules: LbRule[] = [];
        for (const lb of view.ofType(network.LoadBalancer)) {
            inScope(lb, view.levelOf(lb));
            lbRules.push(...readInlineLbRules(propsOf(lb), lb.urn));
        }
        for (const r of view.ofType(network.InboundNatRule)) {
            const props = propsOf(r);
            const lb =
                parentOf(view, names, r, "loadBalancerName", network.LoadBalancer, "loadBalancerName") ??
                view.dependenciesOf(r, "frontendIPConfiguration").find((d) => network.LoadBalancer.matches(d.type));
            inScope(r, childLevel(view, r, "loadBalancerName", lb));
            const frontends: Frontend[] = lb ? readFrontends(propsOf(lb), lb.urn) : [];
            lbRules.push(
                readLbRule({ ...props, name: props.inboundNatRuleName ?? props.name ?? r.name }, r.urn, "", "inboundNatRule", (ref, path) =>
                    resolveFrontend(ref, frontends, r.urn, path, lb !== undefined),
                ),
            );
        }

        // Load balancers, classic: every rule is its own resource, reported on itself.
        for (const lb of view.ofType(classic.LoadBalancer)) {
            inScope(lb, view.levelOf(lb));
        }
        for (const [type, kind] of CLASSIC_LB_RULES) {
            for (const r of view.ofType(type)) {
                const props = propsOf(r);
                const lb = parentById(view, names, r, "loadbalancerId", classic.LoadBalancer, "loadbalancers");
                inScope(r, childLevel(view, r, "loadbalancerId", lb));
                const frontends: Frontend[] = lb ? readFrontends(propsOf(lb), lb.urn, AZURERM_FRONTENDS) : [];
                lbRules.push(
                    readLbRule(
                        { ...props, name: props.name ?? r.name },
                        r.urn,
                        "",
                        kind,
                        (ref, path) => resolveFrontendByName(ref, frontends, r.urn, path, lb !== undefined),
                        AZURERM_LB_RULE_KEYS,
                    ),
                );
            }
        }

        // Azure Firewall, azure-native: classic DNAT collections and firewall policy NAT rule collections.
        const natRules: NatRule[] = [];
        for (const fw of view.ofType(network.AzureFirewall)) {
            inScope(fw, view.levelOf(fw));
            natRules.push(...readClassicNatRules(propsOf(fw), fw.urn, ipGroupResolver(view, names, fw, "natRuleCollections")));
        }
        for (const rcg of view.ofType(network.FirewallPolicyRuleCollectionGroup)) {
            const policy = parentOf(view, names, rcg, "firewallPolicyName", network.FirewallPolicy, "firewallPolicyName");
            inScope(rcg, childLevel(view, rcg, "firewallPolicyName", policy));
            natRules.push(...readPolicyNatRules(propsOf(rcg), rcg.urn, ipGroupResolver(view, names, rcg, "ruleCollections")));
        }

        // Azure Firewall, classic: NAT rule collection resources and policy rule collection groups.
        for (const c of view.ofType(classic.FirewallNatRuleCollection)) {
            const fw = parentOf(view, names, c, "azureFirewallName", classic.Firewall, "name");
            inScope(c, childLevel(view, c, "azureFirewallName", fw));
            natRules.push(...readAzurermNatCollection(propsOf(c), c.urn, ipGroupResolver(view, names, c, "rules")));
        }
        for (const rcg of view.ofType(classic.FirewallPolicyRuleCollectionGroup)) {
            const policy = parentById(view, names, rcg, "firewallPolicyId", classic.FirewallPolicy, "firewallpolicies");
            inScope(rcg, childLevel(view, rcg, "firewallPolicyId", policy));
            natRules.push(...readAzurermPolicyNatRules(propsOf(rcg), rcg.urn, ipGroupResolver(view, names, rcg, "natRuleCollections")));
        }
        return { scoped, nsgUnits: [...units.values()], overwriting, lbRules, natRules };
    });
}
