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

/** The frontends of a load balancer, from its `frontendIPConfigurations`. */
export function readFrontends(lbProps: Record<string, unknown>, owner: string): Frontend[] {
    const list = lbProps.frontendIPConfigurations;
    if (!Array.isArray(list)) {
        return [];
    }
    return list.map((fe, i): Frontend => {
        const path = joinPath("frontendIPConfigurations", i);
        if (!isRecord(fe)) {
            return { kind: { cause: { owner, path, why: isUnknown(fe) ? "unknown" : "invalid" } } };
        }
        const name = typeof fe.name === "string" && !isUnknown(fe.name) ? fe.name : undefined;
        // A reference to a public IP address or prefix makes the frontend public, whatever the
        // reference's id turns out to be.
        if (present(fe.publicIPAddress) || present(fe.publicIPPrefix)) {
            return { name, kind: { value: "public" } };
        }
        if (present(fe.subnet) || present(fe.privateIPAddress)) {
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
    return { cause: { owner, path: idPath, why } };
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
): LbRule {
    if (!isRecord(value)) {
        const cause: Cause = { owner, path: basePath, why: isUnknown(value) ? "unknown" : "invalid" };
        return { owner, basePath, kind, frontend: { cause }, protocol: { cause }, ports: { ranges: [], causes: [cause] } };
    }
    const at = (k: string) => joinPath(basePath, k);
    const ranges: PortRange[] = [];
    const causes: Cause[] = [];
    const backend = parsePort(value.backendPort);
    if (backend.kind === "port") {
        ranges.push(backend.port === 0 ? [MIN_PORT, MAX_PORT] : [backend.port, backend.port]);
    } else {
        causes.push({ owner, path: at("backendPort"), why: present(value.backendPort) ? backend.kind : "invalid" });
    }
    const floating = value.enableFloatingIP;
    if (floating === true || isUnknown(floating)) {
        const frontendPorts: [unknown, string][] =
            kind === "inboundNatPool" ? [[value.frontendPortRangeStart, "frontendPortRangeStart"], [value.frontendPortRangeEnd, "frontendPortRangeEnd"]] : [[value.frontendPort, "frontendPort"]];
        const parsed = frontendPorts.map(([v]) => parsePort(v));
        if (parsed.every((p) => p.kind === "port") && !isUnknown(floating)) {
            const nums = parsed.map((p) => (p as { port: number }).port);
            const lo = Math.min(...nums);
            const hi = Math.max(...nums);
            ranges.push(lo === 0 && hi === 0 ? [MIN_PORT, MAX_PORT] : [lo, hi]);
        } else {
            causes.push({ owner, path: at(isUnknown(floating) ? "enableFloatingIP" : frontendPorts[0][1]), why: isUnknown(floating) ? "unknown" : "invalid" });
        }
    }
    return {
        owner,
        basePath,
        kind,
        name: typeof value.name === "string" && !isUnknown(value.name) ? value.name : undefined,
        frontend: frontendOf(value.frontendIPConfiguration, at("frontendIPConfiguration")),
        protocol: decide(owner, at("protocol"), value.protocol, (v) => lookupWord(LB_PROTOCOLS, v)),
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
