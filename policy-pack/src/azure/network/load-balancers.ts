// Load balancer rules that forward traffic to a backend port: inbound NAT rules (inline or
// `network:InboundNatRule`), inbound NAT pools and load-balancing rules. On a public frontend such
// a rule is a door from the internet on its own, whatever the backend NSG says (DESIGN §3a): a
// Standard load balancer's backend NSG can still admit the traffic, a Basic one needs none.
import { Safe, msg, safe } from "../../engine/messages";
import { isRecord, isUnknown } from "../../engine/values";
import { Cause, causesOf, decide, Decided, fits, joinPath, present, uniqueCauses, lookupWord } from "./fields";
import { MAX_PORT, MIN_PORT, parsePort, PortRange, Transport } from "./ports";

export type FrontendKind = "public" | "internal";

export interface Frontend {
    name?: string;
    kind: Decided<FrontendKind>;
}

/** Where a provider keeps a load balancer's frontends and what makes one public or internal. */
export interface FrontendKeys {
    list: string;
    publicRefs: readonly string[];
    internalRefs: readonly string[];
}

export const AZURE_NATIVE_FRONTENDS: FrontendKeys = {
    list: "frontendIPConfigurations",
    publicRefs: ["publicIPAddress", "publicIPPrefix"],
    internalRefs: ["subnet", "privateIPAddress"],
};

/** The frontends of a load balancer. */
export function readFrontends(lbProps: Record<string, unknown>, owner: string, keys: FrontendKeys = AZURE_NATIVE_FRONTENDS): Frontend[] {
    const list = lbProps[keys.list];
    if (!Array.isArray(list)) {
        return [];
    }
    return list.map((fe, i): Frontend => {
        const path = joinPath(keys.list, i);
        if (!isRecord(fe)) {
            return { kind: { cause: { owner, path, why: isUnknown(fe) ? "unknown" : "invalid" } } };
        }
        const name = typeof fe.name === "string" && !isUnknown(fe.name) ? fe.name : undefined;
        // A reference to a public IP address or prefix makes the frontend public, whatever the
        // reference's id turns out to be.
        if (keys.publicRefs.some((k) => present(fe[k]))) {
            return { name, kind: { value: "public" } };
        }
        if (keys.internalRefs.some((k) => present(fe[k]))) {
            return { name, kind: { value: "internal" } };
        }
        return { name, kind: { cause: { owner, path, why: "invalid" } } };
    });
}

const FRONTEND_SEGMENT = /\/frontendIPConfigurations\/([^/]+)\/?$/i;

/**
 * Which frontend a rule's `frontendIPConfiguration` reference names. When the reference cannot be
 * followed (unknown in preview, or not naming a frontend of this load balancer), a load balancer
 * whose frontends are all public (or all internal) still decides it.
 */
export function resolveFrontend(
    ref: unknown,
    frontends: readonly Frontend[],
    owner: string,
    path: string,
    lbKnown: boolean,
): Decided<FrontendKind> & { name?: string } {
    if (!present(ref)) {
        return { cause: { owner, path, why: "invalid" } };
    }
    const id = isRecord(ref) ? ref.id : ref;
    const idPath = isRecord(ref) ? joinPath(path, "id") : path;
    let why: Cause["why"] = "unknown";
    if (typeof id === "string" && !isUnknown(id)) {
        const m = id.trim().match(FRONTEND_SEGMENT);
        const name = m?.[1].toLowerCase();
        const fe = name === undefined ? undefined : frontends.find((f) => f.name?.toLowerCase() === name);
        if (fe) {
            return { ...fe.kind, name: fe.name };
        }
        why = lbKnown ? "invalid" : "unknown";
    } else if (!isUnknown(id)) {
        return { cause: { owner, path: idPath, why: "invalid" } };
    }
    return byWholeLoadBalancer(frontends, lbKnown, { owner, path: idPath, why });
}

/**
 * A classic rule names its frontend by `frontendIpConfigurationName`: the frontend of that name, or,
 * when the name cannot be read, the load balancer's frontends if they are all of one kind.
 */
export function resolveFrontendByName(
    value: unknown,
    frontends: readonly Frontend[],
    owner: string,
    path: string,
    lbKnown: boolean,
): Decided<FrontendKind> & { name?: string } {
    if (typeof value === "string" && !isUnknown(value) && value.trim() !== "") {
        const name = value.trim().toLowerCase();
        const fe = frontends.find((f) => f.name?.toLowerCase() === name);
        if (fe) {
            return { ...fe.kind, name: fe.name };
        }
        return byWholeLoadBalancer(frontends, lbKnown, { owner, path, why: lbKnown ? "invalid" : "unknown" });
    }
    if (!isUnknown(value)) {
        return { cause: { owner, path, why: "invalid" } };
    }
    return byWholeLoadBalancer(frontends, lbKnown, { owner, path, why: "unknown" });
}

function byWholeLoadBalancer(frontends: readonly Frontend[], lbKnown: boolean, cause: Cause): Decided<FrontendKind> {
    if (lbKnown && frontends.length > 0) {
        const kinds = frontends.map((f) => ("value" in f.kind ? f.kind.value : undefined));
        if (kinds.every((k) => k === "public")) {
            return { value: "public" };
        }
        if (kinds.every((k) => k === "internal")) {
            return { value: "internal" };
        }
        // Not mixed: the frontends that cannot be read decide.
        if (!(kinds.includes("public") && kinds.includes("internal"))) {
            return { cause: frontends.flatMap((f) => causesOf(f.kind))[0] };
        }
    }
    return { cause };
}

export type LbRuleKind = "inboundNatRule" | "inboundNatPool" | "loadBalancingRule";

const KIND_LABEL: Record<LbRuleKind, string> = {
    inboundNatRule: "Inbound NAT rule",
    inboundNatPool: "Inbound NAT pool",
    loadBalancingRule: "Load-balancing rule",
};

export interface LbRule {
    owner: string;
    basePath: string;
    kind: LbRuleKind;
    name?: string;
    frontend: Decided<FrontendKind> & { name?: string };
    protocol: Decided<readonly Transport[]>;
    /** Backend ports the rule forwards to (and, with floating IP, the frontend ports it keeps). */
    ports: { ranges: PortRange[]; causes: Cause[] };
}

const LB_PROTOCOLS: Record<string, readonly Transport[]> = { tcp: ["tcp"], udp: ["udp"], all: ["tcp", "udp"] };

/** Where a provider keeps each field of a NAT rule, NAT pool or load-balancing rule. */
export interface LbRuleKeys {
    backendPort: string;
    frontendPort: string;
    frontendPortStart: string;
    frontendPortEnd: string;
    /** Every spelling of the floating-IP switch (azurerm keeps a deprecated one beside the current). */
    floatingIp: readonly string[];
    protocol: string;
    frontend: string;
}

export const AZURE_NATIVE_LB_RULE_KEYS: LbRuleKeys = {
    backendPort: "backendPort",
    frontendPort: "frontendPort",
    frontendPortStart: "frontendPortRangeStart",
    frontendPortEnd: "frontendPortRangeEnd",
    floatingIp: ["enableFloatingIP"],
    protocol: "protocol",
    frontend: "frontendIPConfiguration",
};

function readFloatingIp(value: Record<string, unknown>, keys: readonly string[]): { on: boolean; unknownAt?: string } {
    const unknownAt = keys.find((k) => isUnknown(value[k]));
    return { on: keys.some((k) => value[k] === true), unknownAt };
}

/**
 * Reads one NAT rule, NAT pool or load-balancing rule. Backend port 0 (HA ports) forwards every
 * port. With floating IP the packet keeps its frontend port, so the frontend port counts too.
 */
export function readLbRule(
    value: unknown,
    owner: string,
    basePath: string,
    kind: LbRuleKind,
    frontendOf: (ref: unknown, path: string) => LbRule["frontend"],
    keys: LbRuleKeys = AZURE_NATIVE_LB_RULE_KEYS,
): LbRule {
    if (!isRecord(value)) {
        const cause: Cause = { owner, path: basePath, why: isUnknown(value) ? "unknown" : "invalid" };
        return { owner, basePath, kind, frontend: { cause }, protocol: { cause }, ports: { ranges: [], causes: [cause] } };
    }
    const at = (k: string) => joinPath(basePath, k);
    const ranges: PortRange[] = [];
    const causes: Cause[] = [];
    const backend = parsePort(value[keys.backendPort]);
    if (backend.kind === "port") {
        ranges.push(backend.port === 0 ? [MIN_PORT, MAX_PORT] : [backend.port, backend.port]);
    } else {
        causes.push({ owner, path: at(keys.backendPort), why: present(value[keys.backendPort]) ? backend.kind : "invalid" });
    }
    const floating = readFloatingIp(value, keys.floatingIp);
    if (floating.unknownAt !== undefined) {
        causes.push({ owner, path: at(floating.unknownAt), why: "unknown" });
    } else if (floating.on) {
        // A pool, or a NAT rule written as a frontend port range, keeps the whole range.
        const byRange = kind === "inboundNatPool" || (kind === "inboundNatRule" && !present(value[keys.frontendPort]) && present(value[keys.frontendPortStart]));
        const frontendPorts = byRange ? [keys.frontendPortStart, keys.frontendPortEnd] : [keys.frontendPort];
        const parsed = frontendPorts.map((k) => parsePort(value[k]));
        if (parsed.every((p) => p.kind === "port")) {
            const nums = parsed.map((p) => (p as { port: number }).port);
            const lo = Math.min(...nums);
            const hi = Math.max(...nums);
            ranges.push(lo === 0 && hi === 0 ? [MIN_PORT, MAX_PORT] : [lo, hi]);
        } else {
            causes.push({ owner, path: at(frontendPorts[0]), why: "invalid" });
        }
    }
    return {
        owner,
        basePath,
        kind,
        name: typeof value.name === "string" && !isUnknown(value.name) ? value.name : undefined,
        frontend: frontendOf(value[keys.frontend], at(keys.frontend)),
        protocol: decide(owner, at(keys.protocol), value[keys.protocol], (v) => lookupWord(LB_PROTOCOLS, v)),
        ports: { ranges, causes },
    };
}

/** Reads the inline rules of a load balancer: NAT rules, NAT pools and load-balancing rules. */
export function readInlineLbRules(lbProps: Record<string, unknown>, owner: string): LbRule[] {
    const frontends = readFrontends(lbProps, owner);
    const frontendOf = (ref: unknown, path: string) => resolveFrontend(ref, frontends, owner, path, true);
    const rules: LbRule[] = [];
    const lists: [string, LbRuleKind][] = [
        ["inboundNatRules", "inboundNatRule"],
        ["inboundNatPools", "inboundNatPool"],
        ["loadBalancingRules", "loadBalancingRule"],
    ];
    for (const [key, kind] of lists) {
        const list = lbProps[key];
        if (!present(list)) {
            continue;
        }
        if (!Array.isArray(list)) {
            rules.push(readLbRule(isUnknown(list) ? list : null, owner, key, kind, frontendOf));
            continue;
        }
        list.forEach((r, i) => rules.push(readLbRule(r, owner, joinPath(key, i), kind, frontendOf)));
    }
    return rules;
}

export type LbVerdict = { kind: "closed" } | { kind: "door" } | { kind: "undecidable"; causes: Cause[] };

/** Whether the rule forwards internet traffic to `port` over `protocol`. */
export function lbRuleDoor(rule: LbRule, port: number, protocol: Transport): LbVerdict {
    const matches = (lenient: boolean) =>
        fits(rule.frontend, (v) => v === "public", lenient) &&
        fits(rule.protocol, (v) => v.includes(protocol), lenient) &&
        (rule.ports.ranges.some(([lo, hi]) => port >= lo && port <= hi) || (lenient && rule.ports.causes.length > 0));
    if (!matches(true)) {
        return { kind: "closed" };
    }
    if (matches(false)) {
        return { kind: "door" };
    }
    return { kind: "undecidable", causes: uniqueCauses([...causesOf(rule.frontend, rule.protocol), ...rule.ports.causes]) };
}

export function lbRuleLabel(rule: LbRule): Safe {
    const kind = safe.literal(KIND_LABEL[rule.kind]);
    const named = rule.name !== undefined ? msg`${kind} ${safe.name(rule.name)}` : kind;
    return rule.basePath === "" ? named : msg`${named} (${safe.path(rule.basePath)})`;
}
