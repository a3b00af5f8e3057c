// Every door that lets the internet reach a port directly (DESIGN §3, §3a): inbound Allow rules of
// network security groups (inline and standalone, Deny rules of either form counting for the whole
// NSG), load balancer NAT rules, NAT pools and load-balancing rules on public frontends, and
// Azure Firewall DNAT rules (classic collections and firewall policy rule collection groups).
// `no-direct-rdp` and `no-direct-management-ports` both call `checkDoors` with their own ports.
import { ReportViolation } from "@pulumi/policy";
import { ResolvedLevel, SECURITY_LEVELS } from "../../engine/levels";
import { list, msg, safe, Safe } from "../../engine/messages";
import { reporter, reportLevelProblem } from "../../engine/report";
import { StackResource, StackView } from "../../engine/stack";
import { Approvals } from "./addresses";
import { Cause } from "./fields";
import { NatRule, natRuleDoor, natRuleLabel } from "./firewalls";
import { lbRuleDoor, lbRuleLabel, LbRule } from "./load-balancers";
import { evaluateInbound, NsgRule, ruleLabel } from "./nsg-rules";
import { portLabel, Transport, TRANSPORTS } from "./ports";

/**
 * What every door check reads, whatever its ports, from every provider (adapters/doors.ts): the
 * resources that can hold a door with their levels (in the order their level problems are
 * reported), and their rules, parsed. Built once per request and shared by the door policies.
 */
export interface DoorInventory {
    scoped: { resource: StackResource; level: ResolvedLevel }[];
    nsgUnits: NsgRule[][];
    /** NSGs whose inline and standalone rules overwrite each other: judged as their union. */
    overwriting: StackResource[];
    lbRules: LbRule[];
    natRules: NatRule[];
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

export function checkDoors(view: StackView, inventory: DoorInventory, reportViolation: ReportViolation, check: DoorCheck): void {
    const report = reporter(reportViolation);
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
                kind: "malformed",
            });
        }
        if (duplicates.length > 0) {
            report({
                urn: owner,
                message: msg`Cannot decide whether the internet can reach port ${ports}: the rule name at ${listSome(duplicates)} is used by more than one rule of the same NSG, and Azure keeps only one of them. Give every rule of an NSG its own name.`,
                kind: "malformed",
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
