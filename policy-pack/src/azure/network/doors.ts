// Every door that lets the internet reach a port directly (DESIGN §3, §3a): inbound Allow rules of
// network security groups (inline and standalone, Deny rules of either form counting for the whole
// NSG), load balancer NAT rules, NAT pools and load-balancing rules on public frontends, and
// Azure Firewall DNAT rules (classic collections and firewall policy rule collection groups).
// `no-direct-rdp` and `no-direct-management-ports` both call `checkDoors` with their own ports.
import { ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { levelTag, ResolvedLevel, SECURITY_LEVELS } from "../../engine/levels";
import { list, msg, safe, Safe } from "../../engine/messages";
import { reporter, reportLevelProblem } from "../../engine/report";
import { propsOf, StackResource, StackView } from "../../engine/stack";
import { AzureType } from "../../engine/tokens";
import { isUnknown } from "../../engine/values";
import { network } from "../types";
import { Approvals, classifySource } from "./addresses";
import { Cause } from "./fields";
import { IpGroupResolver, NatRule, natRuleDoor, natRuleLabel, readClassicNatRules, readPolicyNatRules } from "./firewalls";
import { Frontend, lbRuleDoor, lbRuleLabel, LbRule, readFrontends, readInlineLbRules, readLbRule, resolveFrontend } from "./load-balancers";
import { evaluateInbound, markDuplicateNames, NsgRule, ruleLabel, SourceEntry } from "./nsg-rules";
import { portLabel, Transport, TRANSPORTS } from "./ports";
import { NSG_ADAPTERS } from "../../adapters/nsgs";

/** The types whose inputs the door policies remember in Analyze (names and resource groups for joins). */
export const DOOR_INPUT_TYPES: readonly AzureType[] = [
    ...NSG_ADAPTERS.flatMap((a) => [a.nsgType, a.ruleType]),
    network.LoadBalancer,
    network.InboundNatRule,
    network.AzureFirewall,
    network.FirewallPolicy,
    network.FirewallPolicyRuleCollectionGroup,
    network.IpGroup,
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

const IP_GROUP_ID = /\/ipGroups\/([^/]+)\/?$/i;

/**
 * Resolves `sourceIpGroups` entries to the addresses of IP groups in the stack: by the name in a
 * known id, else — the id being unknown in preview — every IP group the property depends on (a
 * superset, which can only add doors). A group outside the stack cannot be read: unknown.
 */
function ipGroupResolver(view: StackView, names: NameIndex, owner: StackResource, topKey: string): IpGroupResolver {
    const depGroups = view.dependenciesOf(owner, topKey).filter((d) => network.IpGroup.matches(d.type));
    return (value, path) => {
        let targets: StackResource[] = [];
        const id = knownString(value);
        if (id !== undefined) {
            const name = id.trim().match(IP_GROUP_ID)?.[1].toLowerCase();
            targets = name === undefined ? [] : names.find(network.IpGroup, "ipGroupsName", name);
        }
        if (targets.length === 0) {
            targets = depGroups;
        }
        if (targets.length === 0) {
            return { entries: [], causes: [{ owner: owner.urn, path, why: id !== undefined || isUnknown(value) ? "unknown" : "invalid" }] };
        }
        const entries: SourceEntry[] = [];
        const causes: Cause[] = [];
        for (const g of targets) {
            const addresses = propsOf(g).ipAddresses;
            if (!Array.isArray(addresses)) {
                causes.push({ owner: isUnknown(addresses) ? owner.urn : g.urn, path: isUnknown(addresses) ? path : "ipAddresses", why: isUnknown(addresses) ? "unknown" : "invalid" });
                continue;
            }
            addresses.forEach((a, i) => {
                const c = classifySource(a);
                if (c.kind === "internal" || c.kind === "internet") {
                    entries.push({ source: c, path });
                } else {
                    causes.push({ owner: g.urn, path: `ipAddresses[${i}]`, why: c.kind });
                }
            });
        }
        return { entries, causes };
    };
}

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

// ---------------------------------------------------------------------------------------------
// Collecting findings over ports and protocols

interface DoorFinding {
    urn: string;
    subject: Safe;
    hits: Map<number, Set<Transport>>;
    sources: Set<Safe>;
    partlyCovered: boolean;
    kind: "nsg" | "lb" | "nat";
}

interface CauseFinding {
    paths: Map<string, Cause["why"]>;
    ports: Set<number>;
}

class Findings {
    readonly doors = new Map<string, DoorFinding>();
    readonly causes = new Map<string, CauseFinding>();

    door(key: string, init: Omit<DoorFinding, "hits" | "sources" | "partlyCovered">, port: number, t: Transport, sources: readonly Safe[] = [], partly = false): void {
        let d = this.doors.get(key);
        if (!d) {
            d = { ...init, hits: new Map(), sources: new Set(), partlyCovered: false };
            this.doors.set(key, d);
        }
        const ts = d.hits.get(port) ?? new Set<Transport>();
        ts.add(t);
        d.hits.set(port, ts);
        sources.forEach((s) => d!.sources.add(s));
        d.partlyCovered ||= partly;
    }

    cause(causes: readonly Cause[], port: number): void {
        for (const c of causes) {
            let f = this.causes.get(c.owner);
            if (!f) {
                f = { paths: new Map(), ports: new Set() };
                this.causes.set(c.owner, f);
            }
            // A value that cannot be interpreted outweighs one that is merely unknown at the same path.
            if (f.paths.get(c.path) !== "invalid") {
                f.paths.set(c.path, c.why);
            }
            f.ports.add(port);
        }
    }
}

function traffic(hits: Map<number, Set<Transport>>, portWord: string): Safe {
    const parts = [...hits.entries()]
        .sort(([a], [b]) => a - b)
        .map(([port, ts]) => msg`${list(TRANSPORTS.filter((t) => ts.has(t)).map((t) => safe.literal(t.toUpperCase())))} to ${safe.literal(portWord)} ${portLabel(port)}`);
    return list(parts);
}

const MAX_LISTED = 6;

function listSome(parts: readonly Safe[]): Safe {
    if (parts.length <= MAX_LISTED) {
        return list(parts);
    }
    return msg`${list(parts.slice(0, MAX_LISTED), ",")} and ${safe.integer(parts.length - MAX_LISTED)} more`;
}

const FIX_NSG = safe.literal(
    "Restrict the source to private ranges, VirtualNetwork or application security groups (or approve a prefix in allowedSourcePrefixes), add a higher-priority Deny rule for these sources, or remove the rule; reach the VMs through Azure Bastion or just-in-time VM access instead.",
);
const FIX_LB = safe.literal(
    "Remove the rule or move it to an internal frontend; reach the VMs through Azure Bastion or just-in-time VM access instead.",
);
const FIX_NAT = safe.literal(
    "Remove the rule or restrict its source addresses to private ranges (or approve a prefix in allowedSourcePrefixes); reach the VMs through Azure Bastion or just-in-time VM access instead.",
);

function doorMessage(d: DoorFinding): Safe {
    const sources = listSome([...d.sources]);
    if (d.kind === "nsg") {
        const cover = d.partlyCovered
            ? safe.literal("higher-priority Deny rules cover only part of these sources")
            : safe.literal("no higher-priority Deny rule of the NSG covers it");
        return msg`${d.subject} admits inbound ${traffic(d.hits, "port")} from the internet (source: ${sources}); ${cover}. ${FIX_NSG}`;
    }
    if (d.kind === "lb") {
        return msg`${d.subject} forwards ${traffic(d.hits, "backend port")} from a public frontend: a direct door from the internet, whatever the backend NSG says. ${FIX_LB}`;
    }
    return msg`${d.subject} translates ${traffic(d.hits, "port")} from the internet (source: ${sources}) through the firewall: a direct door. ${FIX_NAT}`;
}

function isNameCause(path: string): boolean {
    return path === "securityRuleName" || path === "name" || path.endsWith(".name");
}

// ---------------------------------------------------------------------------------------------
// The check

export interface DoorCheck {
    policyName: string;
    ports: readonly number[];
    approvals: Approvals;
}

/**
 * What every door check reads, whatever its ports: the resources that can hold a door with their
 * levels (in the order their level problems are reported), and their rules, parsed. Built once per
 * request and shared by the door policies.
 */
interface DoorInventory {
    scoped: { resource: StackResource; level: ResolvedLevel }[];
    nsgUnits: NsgRule[][];
    /** NSGs whose inline and standalone rules overwrite each other: judged as their union. */
    overwriting: StackResource[];
    lbRules: LbRule[];
    natRules: NatRule[];
}

function doorInventory(view: StackView): DoorInventory {
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

        // Load balancers: inline NAT rules, NAT pools and load-balancing rules; standalone NAT rules.
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

        // Azure Firewall: classic DNAT collections and firewall policy NAT rule collections.
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
        return { scoped, nsgUnits: [...units.values()], overwriting, lbRules, natRules };
    });
}

export function checkDoors(args: StackValidationArgs, reportViolation: ReportViolation, check: DoorCheck): void {
    const report = reporter(reportViolation);
    const view = StackView.of(args);
    const inventory = doorInventory(view);
    const findings = new Findings();
    const levels = new Map<string, ResolvedLevel>();
    const reportedLevel = new Set<string>();
    for (const i of check.approvals.invalid) {
        report({
            message: msg`${safe.literal(check.policyName)} config allowedSourcePrefixes[${safe.integer(i)}] is not an address, a CIDR or a service tag, so it approves nothing. Fix or remove it.`,
        });
    }
    for (const { resource, level } of inventory.scoped) {
        levels.set(resource.urn, level);
        const key = level.source === "stack" ? "stack" : resource.urn;
        if (level.problem && !reportedLevel.has(key)) {
            reportedLevel.add(key);
            reportLevelProblem(report, resource.urn, level);
        }
    }

    for (const nsg of inventory.overwriting) {
        report({
            urn: nsg.urn,
            message: msg`Network security group ${safe.name(nsg.name)} has rules both inline (securityRules) and as standalone NetworkSecurityRule resources: the classic provider lets each overwrite the other on every apply, so which rules exist depends on the order of deployment. This policy judged their union. Keep the NSG's rules in one place.`,
            advisory: true,
        });
    }
    for (const unit of inventory.nsgUnits) {
        for (const port of check.ports) {
            for (const protocol of TRANSPORTS) {
                const { exposure } = evaluateInbound(unit, { port, protocol }, check.approvals);
                if (exposure.kind === "open") {
                    for (const door of exposure.doors) {
                        const subject = door.rule.basePath === "" ? msg`Security ${ruleLabel(door.rule)}` : msg`Inbound security ${ruleLabel(door.rule)}`;
                        findings.door(
                            `nsg\u0000${door.rule.owner}\u0000${door.rule.basePath}`,
                            { urn: door.rule.owner, subject, kind: "nsg" },
                            port,
                            protocol,
                            door.sources.map((s) => s.source.label),
                            door.partlyCovered,
                        );
                    }
                } else if (exposure.kind === "undecidable") {
                    findings.cause(exposure.causes, port);
                }
            }
        }
    }
    for (const rule of inventory.lbRules) {
        for (const port of check.ports) {
            for (const protocol of TRANSPORTS) {
                const verdict = lbRuleDoor(rule, port, protocol);
                if (verdict.kind === "door") {
                    findings.door(`lb\u0000${rule.owner}\u0000${rule.basePath}`, { urn: rule.owner, subject: lbRuleLabel(rule), kind: "lb" }, port, protocol);
                } else if (verdict.kind === "undecidable") {
                    findings.cause(verdict.causes, port);
                }
            }
        }
    }
    for (const rule of inventory.natRules) {
        for (const port of check.ports) {
            for (const protocol of TRANSPORTS) {
                const verdict = natRuleDoor(rule, port, protocol, check.approvals);
                if (verdict.kind === "door") {
                    findings.door(
                        `nat\u0000${rule.owner}\u0000${rule.basePath}`,
                        { urn: rule.owner, subject: natRuleLabel(rule), kind: "nat" },
                        port,
                        protocol,
                        verdict.sources.map((s) => s.source.label),
                    );
                } else if (verdict.kind === "undecidable") {
                    findings.cause(verdict.causes, port);
                }
            }
        }
    }

    for (const d of findings.doors.values()) {
        report({ urn: d.urn, message: doorMessage(d) });
    }
    for (const [owner, f] of findings.causes) {
        const level = levels.get(owner) ?? (view.get(owner) ? view.levelOf(view.get(owner)!) : undefined);
        const ports = list([...f.ports].sort((a, b) => a - b).map(portLabel), "or");
        const entries = [...f.paths.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        const duplicates = entries.filter(([p, why]) => why === "invalid" && isNameCause(p)).map(([p]) => safe.path(p));
        const invalid = entries.filter(([p, why]) => why === "invalid" && !isNameCause(p)).map(([p]) => safe.path(p));
        const unknown = entries.filter(([, why]) => why === "unknown").map(([p]) => safe.path(p));
        if (invalid.length > 0) {
            report({
                urn: owner,
                message: msg`Cannot decide whether the internet can reach port ${ports}: ${listSome(invalid)} ${safe.literal(invalid.length === 1 ? "is" : "are")} missing or cannot be interpreted (Azure would not read the value as intended). Write ports as 3389, 3000-4000 or *, protocols and directions as Azure names them, and sources as addresses, CIDRs or service tags.`,
            });
        }
        if (duplicates.length > 0) {
            report({
                urn: owner,
                message: msg`Cannot decide whether the internet can reach port ${ports}: the rule name at ${listSome(duplicates)} is used by more than one rule of the same NSG, and Azure keeps only one of them. Give every rule of an NSG its own name.`,
            });
        }
        if (unknown.length > 0) {
            const levelWord = safe.word(level?.level ?? "enterprise", SECURITY_LEVELS);
            report({
                urn: owner,
                message: msg`Cannot decide during preview whether the internet can reach port ${ports}: ${listSome(unknown)} ${safe.literal(unknown.length === 1 ? "is" : "are")} unknown until deployment (resource level: ${levelWord}; an unknown blocks at the privileged level). Use values known at preview time, or re-run the check once they are known.`,
                advisory: level?.level !== "privileged",
            });
        }
    }
}
