// Azure Firewall DNAT rules: classic `natRuleCollections` on `network:AzureFirewall`, and NAT rule
// collections in `network:FirewallPolicyRuleCollectionGroup`. A DNAT rule from an internet source
// that translates to a management port is a door on its own: the firewall's public address
// forwards straight to the VM.
import { Safe, msg, safe } from "../../engine/messages";
import { isRecord, isUnknown } from "../../engine/values";
import { Approvals, classifySource } from "./addresses";
import { Cause, causesOf, decide, Decided, fits, joinPath, present, uniqueCauses, word, lookupWord } from "./fields";
import { SourceEntry } from "./nsg-rules";
import { parsePort, Transport } from "./ports";

export interface NatRule {
    owner: string;
    basePath: string;
    name?: string;
    /** True when the rule is a destination NAT rule (collection type, action and rule type agree). */
    dnat: Decided<boolean>;
    protocols: { transports: Transport[]; causes: Cause[] };
    translatedPort: Decided<number>;
    sources: { entries: SourceEntry[]; causes: Cause[] };
}

/**
 * Resolves one `sourceIpGroups` entry (an IP group id) to the sources the group holds, or to a
 * cause when the group cannot be read.
 */
export type IpGroupResolver = (value: unknown, path: string) => { entries: SourceEntry[]; causes: Cause[] };

const FIREWALL_PROTOCOLS: Record<string, readonly Transport[]> = { tcp: ["tcp"], udp: ["udp"], any: ["tcp", "udp"], icmp: [] };

function readProtocols(owner: string, path: string, value: unknown): NatRule["protocols"] {
    const transports = new Set<Transport>();
    const causes: Cause[] = [];
    if (isUnknown(value)) {
        return { transports: [], causes: [{ owner, path, why: "unknown" }] };
    }
    if (!Array.isArray(value) || value.length === 0) {
        return { transports: [], causes: [{ owner, path, why: "invalid" }] };
    }
    value.forEach((v, i) => {
        const d = decide(owner, joinPath(path, i), v, (x) => lookupWord(FIREWALL_PROTOCOLS, x));
        if ("value" in d) {
            d.value.forEach((t) => transports.add(t));
        } else {
            causes.push(d.cause);
        }
    });
    return { transports: [...transports], causes };
}

function readFirewallSources(owner: string, base: string, rule: Record<string, unknown>, ipGroups: IpGroupResolver): NatRule["sources"] {
    const entries: SourceEntry[] = [];
    const causes: Cause[] = [];
    let seen = false;
    for (const key of ["sourceAddresses", "sourceIpGroups"] as const) {
        const value = rule[key];
        const path = joinPath(base, key);
        if (!present(value)) {
            continue;
        }
        seen = true;
        if (isUnknown(value)) {
            causes.push({ owner, path, why: "unknown" });
            continue;
        }
        if (!Array.isArray(value)) {
            causes.push({ owner, path, why: "invalid" });
            continue;
        }
        value.forEach((v, i) => {
            const p = joinPath(path, i);
            if (key === "sourceIpGroups") {
                const resolved = ipGroups(v, p);
                entries.push(...resolved.entries);
                causes.push(...resolved.causes);
                return;
            }
            const c = classifySource(v);
            if (c.kind === "internal" || c.kind === "internet") {
                entries.push({ source: c, path: p });
            } else {
                causes.push({ owner, path: p, why: c.kind });
            }
        });
    }
    if (!seen) {
        causes.push({ owner, path: joinPath(base, "sourceAddresses"), why: "invalid" });
    }
    return { entries, causes };
}

function combineDnat(parts: Decided<boolean>[]): Decided<boolean> {
    if (parts.some((p) => "value" in p && !p.value)) {
        return { value: false };
    }
    const cause = parts.find((p): p is { cause: Cause } => "cause" in p);
    return cause ?? { value: true };
}

function readNatRule(
    value: unknown,
    owner: string,
    basePath: string,
    collectionDnat: Decided<boolean>,
    protocolKey: "protocols" | "ipProtocols",
    ipGroups: IpGroupResolver,
    ruleTypeIsNat: (rule: Record<string, unknown>) => Decided<boolean>,
): NatRule {
    if (!isRecord(value)) {
        const cause: Cause = { owner, path: basePath, why: isUnknown(value) ? "unknown" : "invalid" };
        return {
            owner,
            basePath,
            dnat: combineDnat([collectionDnat, { cause }]),
            protocols: { transports: [], causes: [cause] },
            translatedPort: { cause },
            sources: { entries: [], causes: [cause] },
        };
    }
    const at = (k: string) => joinPath(basePath, k);
    const port = parsePort(value.translatedPort);
    return {
        owner,
        basePath,
        name: typeof value.name === "string" && !isUnknown(value.name) ? value.name : undefined,
        dnat: combineDnat([collectionDnat, ruleTypeIsNat(value)]),
        protocols: readProtocols(owner, at(protocolKey), value[protocolKey]),
        translatedPort: port.kind === "port" ? { value: port.port } : { cause: { owner, path: at("translatedPort"), why: present(value.translatedPort) ? port.kind : "invalid" } },
        sources: readFirewallSources(owner, basePath, value, ipGroups),
    };
}

function readCollections(
    list: unknown,
    owner: string,
    listKey: string,
    collectionDnat: (c: Record<string, unknown>, path: string) => Decided<boolean>,
    protocolKey: "protocols" | "ipProtocols",
    ipGroups: IpGroupResolver,
    ruleTypeIsNat: (rule: Record<string, unknown>, path: string) => Decided<boolean>,
): NatRule[] {
    if (!present(list)) {
        return [];
    }
    if (!Array.isArray(list)) {
        return [readNatRule(list, owner, listKey, { value: true }, protocolKey, ipGroups, () => ({ value: true }))];
    }
    return list.flatMap((c, i) => {
        const cPath = joinPath(listKey, i);
        if (!isRecord(c)) {
            return [readNatRule(c, owner, cPath, { value: true }, protocolKey, ipGroups, () => ({ value: true }))];
        }
        const dnat = collectionDnat(c, cPath);
        if ("value" in dnat && !dnat.value) {
            return [];
        }
        return readRuleList(c.rules, owner, joinPath(cPath, "rules"), dnat, protocolKey, ipGroups, ruleTypeIsNat);
    });
}

function readRuleList(
    rules: unknown,
    owner: string,
    rulesPath: string,
    dnat: Decided<boolean>,
    protocolKey: "protocols" | "ipProtocols",
    ipGroups: IpGroupResolver,
    ruleTypeIsNat: (rule: Record<string, unknown>, path: string) => Decided<boolean>,
): NatRule[] {
    if (!present(rules)) {
        return [];
    }
    if (!Array.isArray(rules)) {
        return [readNatRule(rules, owner, rulesPath, dnat, protocolKey, ipGroups, () => ({ value: true }))];
    }
    return rules.map((r, j) => {
        const rPath = joinPath(rulesPath, j);
        return readNatRule(r, owner, rPath, dnat, protocolKey, ipGroups, (rule) => ruleTypeIsNat(rule, rPath));
    });
}

function actionIsDnat(owner: string, path: string, value: unknown): Decided<boolean> {
    return decide(owner, path, value, (v) => {
        const w = word(v, ["Dnat", "Snat"]);
        return w === undefined ? undefined : w === "Dnat";
    });
}

/** A classic `azure.network.FirewallNatRuleCollection`: one collection, its `action` and `rules` at the top. */
export function readAzurermNatCollection(props: Record<string, unknown>, owner: string, ipGroups: IpGroupResolver): NatRule[] {
    const dnat = actionIsDnat(owner, "action", props.action);
    if ("value" in dnat && !dnat.value) {
        return [];
    }
    return readRuleList(props.rules, owner, "rules", dnat, "protocols", ipGroups, () => ({ value: true }));
}

/** The rules of a classic `azure.network.FirewallPolicyRuleCollectionGroup`'s `natRuleCollections`. */
export function readAzurermPolicyNatRules(rcgProps: Record<string, unknown>, owner: string, ipGroups: IpGroupResolver): NatRule[] {
    return readCollections(
        rcgProps.natRuleCollections,
        owner,
        "natRuleCollections",
        (c, path) => actionIsDnat(owner, joinPath(path, "action"), c.action),
        "protocols",
        ipGroups,
        () => ({ value: true }),
    );
}

/** The rules of a classic firewall's `natRuleCollections` (action `Dnat`; `Snat` collections do not forward inbound). */
export function readClassicNatRules(fwProps: Record<string, unknown>, owner: string, ipGroups: IpGroupResolver): NatRule[] {
    return readCollections(
        fwProps.natRuleCollections,
        owner,
        "natRuleCollections",
        (c, path) => {
            const action = isRecord(c.action) ? c.action.type : c.action;
            const actionPath = isRecord(c.action) ? joinPath(path, "action.type") : joinPath(path, "action");
            return actionIsDnat(owner, actionPath, action);
        },
        "protocols",
        ipGroups,
        () => ({ value: true }),
    );
}

/** The NAT rules of a firewall policy rule collection group's `ruleCollections`. */
export function readPolicyNatRules(rcgProps: Record<string, unknown>, owner: string, ipGroups: IpGroupResolver): NatRule[] {
    return readCollections(
        rcgProps.ruleCollections,
        owner,
        "ruleCollections",
        (c, path) => {
            const type = decide(owner, joinPath(path, "ruleCollectionType"), c.ruleCollectionType, (v) => {
                const w = word(v, ["FirewallPolicyNatRuleCollection", "FirewallPolicyFilterRuleCollection"]);
                return w === undefined ? undefined : w === "FirewallPolicyNatRuleCollection";
            });
            if ("value" in type && !type.value) {
                return type;
            }
            const action = isRecord(c.action) ? c.action.type : c.action;
            const actionPath = isRecord(c.action) ? joinPath(path, "action.type") : joinPath(path, "action");
            const dnat = decide(owner, actionPath, action, (v) => {
                const w = word(v, ["DNAT", "SNAT"]);
                return w === undefined ? undefined : w === "DNAT";
            });
            return combineDnat([type, dnat]);
        },
        "ipProtocols",
        ipGroups,
        (rule, path) =>
            decide(owner, joinPath(path, "ruleType"), rule.ruleType, (v) => {
                const w = word(v, ["NatRule", "NetworkRule", "ApplicationRule"]);
                return w === undefined ? undefined : w === "NatRule";
            }),
    );
}

export type NatVerdict =
    | { kind: "closed" }
    | { kind: "door"; sources: SourceEntry[] }
    | { kind: "undecidable"; causes: Cause[] };

/** Whether a NAT rule translates internet traffic (after approvals) to `port` over `protocol`. */
export function natRuleDoor(rule: NatRule, port: number, protocol: Transport, approvals: Approvals): NatVerdict {
    const internet = rule.sources.entries.filter((e) => e.source.kind === "internet" && !e.source.admits.minus(approvals.set).isEmpty());
    const matches = (lenient: boolean) =>
        fits(rule.dnat, (v) => v, lenient) &&
        (rule.protocols.transports.includes(protocol) || (lenient && rule.protocols.causes.length > 0)) &&
        fits(rule.translatedPort, (v) => v === port, lenient) &&
        (internet.length > 0 || (lenient && rule.sources.causes.length > 0));
    if (!matches(true)) {
        return { kind: "closed" };
    }
    if (matches(false)) {
        return { kind: "door", sources: internet };
    }
    return {
        kind: "undecidable",
        causes: uniqueCauses([...causesOf(rule.dnat, rule.translatedPort), ...rule.protocols.causes, ...rule.sources.causes]),
    };
}

export function natRuleLabel(rule: NatRule): Safe {
    const named = rule.name !== undefined ? msg`DNAT rule ${safe.name(rule.name)}` : safe.literal("An unnamed DNAT rule");
    return msg`${named} (${safe.path(rule.basePath)})`;
}
