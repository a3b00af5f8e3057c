// Is a VM reachable from the internet on a port? DESIGN §3a's truth table, over the exposure graph:
//
//   reachable ⇔ a public path exists (a public IP on an IP configuration of one of its NICs, or the
//               IP configuration behind a public load balancer's NAT rule, NAT pool or
//               load-balancing rule to that port)
//             ∧ the traffic passes the NSGs: every NSG present (NIC, subnet) admits it; with no NSG
//               at all, a Basic public IP or load balancer lets it in and a Standard one does not.
//
// Answers are three-valued. `open` carries the paths (for the message), `undecidable` the causes
// (what could not be read or linked). A reference with several candidates is `open` only when
// every candidate is, `closed` only when every candidate is. NSG readings come from the network
// module's worst/best evaluation; the NIC's and the subnet's are intersected, reading by reading.
import { list, msg, safe, Safe } from "../../engine/messages";
import { AddressSet, Approvals, UNKNOWN_ADMITS } from "../network/addresses";
import { lbRuleDoor, LbRuleKind } from "../network/load-balancers";
import { Door, evaluateInbound, InboundQuery } from "../network/nsg-rules";
import { Entry, ExposureCause, ExposureGraph, IpConfigNode, LbNode, LbRuleNode, MachineNode, NicNode, NsgNode, SkuReading, Slot, SubnetNode } from "./model";

/**
 * One step of a path from the internet to a machine, as a message words it, with the resource that
 * declares it (its program line is where a report points for the step).
 */
export interface Hop {
    kind: "publicIp" | "lbRule" | "pool" | "nic" | "nsg" | "subnet";
    text: Safe;
    urn?: string;
}

export interface ReachPath {
    hops: Hop[];
    /** Why the path is open without any NSG (a Basic SKU). */
    note?: Safe;
}

export type Tri = { kind: "open"; paths: ReachPath[] } | { kind: "closed" } | { kind: "undecidable"; causes: ExposureCause[] };

const CLOSED: Tri = { kind: "closed" };
/** Paths kept per answer: enough to show where the doors are, not every combination. */
const MAX_PATHS = 3;
/** NIC-NSG × subnet-NSG readings tried for one IP configuration before giving up as ambiguous. */
const MAX_COMBINATIONS = 64;

function open(paths: ReachPath[]): Tri {
    return { kind: "open", paths: paths.slice(0, MAX_PATHS) };
}

export function undecided(causes: ExposureCause[]): Tri {
    return { kind: "undecidable", causes };
}

/** Some branch: open if any is, else undecidable if any is, else closed. */
export function anyOf(tris: readonly Tri[]): Tri {
    const paths = tris.flatMap((t) => (t.kind === "open" ? t.paths : []));
    if (paths.length > 0) {
        return open(paths);
    }
    return tris.some((t) => t.kind === "undecidable") ? undecided(tris.flatMap((t) => (t.kind === "undecidable" ? t.causes : []))) : CLOSED;
}

/** Both: closed if either is; `second` is not evaluated when the first is closed. */
export function both(first: Tri, second: () => Tri): Tri {
    if (first.kind === "closed") {
        return CLOSED;
    }
    const b = second();
    if (b.kind === "closed") {
        return CLOSED;
    }
    if (first.kind === "open" && b.kind === "open") {
        return open(first.paths.flatMap((p) => b.paths.map((q) => ({ hops: [...p.hops, ...q.hops], note: p.note ?? q.note }))));
    }
    return undecided([...(first.kind === "undecidable" ? first.causes : []), ...(b.kind === "undecidable" ? b.causes : [])]);
}

/** One of several candidates, not knowing which: decided only when every candidate agrees. */
export function everyOf(tris: readonly Tri[], ambiguity: readonly ExposureCause[]): Tri {
    if (tris.length > 0 && tris.every((t) => t.kind === "open")) {
        return open((tris[0] as { paths: ReachPath[] }).paths);
    }
    if (tris.every((t) => t.kind === "closed")) {
        return CLOSED;
    }
    return undecided([...tris.flatMap((t) => (t.kind === "undecidable" ? t.causes : [])), ...ambiguity]);
}

// ---------------------------------------------------------------------------------------------
// NSG readings

type NsgReading =
    | { kind: "absent" }
    | {
          kind: "present";
          nsg?: NsgNode;
          /** Internet addresses admitted with undecided fields read in the attacker's favour … */
          worst: AddressSet;
          /** … and in the defender's. */
          best: AddressSet;
          causes: ExposureCause[];
          doors: Door[];
      };

const ABSENT: NsgReading = { kind: "absent" };

function unknownReading(cause: ExposureCause): NsgReading {
    return { kind: "present", worst: UNKNOWN_ADMITS, best: AddressSet.empty, causes: [cause], doors: [] };
}

interface SubnetOption {
    subnet?: SubnetNode;
    reading: NsgReading;
}

const KIND_WORDS: Record<LbRuleKind, string> = {
    inboundNatRule: "inbound NAT rule",
    inboundNatPool: "inbound NAT pool",
    loadBalancingRule: "load-balancing rule",
};

function ruleHop(node: LbRuleNode): Safe {
    const name = node.rule.name !== undefined ? safe.name(node.rule.name) : safe.path(node.rule.basePath);
    const rule = msg`${safe.literal(KIND_WORDS[node.rule.kind])} ${name}`;
    return node.lb ? msg`load balancer ${safe.name(node.lb.resource.name)} ${rule}` : rule;
}

function doorText(door: Door): Safe {
    const name = door.rule.name !== undefined ? safe.name(door.rule.name) : safe.literal("(unnamed)");
    const sources = [...new Set(door.sources.map((s) => s.source.label))];
    return sources.length > 0 ? msg`${name} (source ${list(sources)})` : name;
}

function nsgText(r: Extract<NsgReading, { kind: "present" }>, other: NsgReading): Safe {
    const relevant = other.kind === "present" ? r.doors.filter((d) => !d.admitted.intersect(other.best).isEmpty()) : r.doors;
    const doors = relevant.length > 0 ? relevant : r.doors;
    const label = r.nsg ? msg`NSG ${safe.name(r.nsg.resource.name)}` : safe.literal("NSG");
    if (doors.length === 0) {
        return label;
    }
    return msg`${label} ${safe.literal(doors.length === 1 ? "rule" : "rules")} ${list(doors.map(doorText))}`;
}

function basicNote(entry: Entry, implicit: boolean): Safe {
    const what = entry.kind === "publicIp" ? safe.literal("public IP") : safe.literal("load balancer");
    const sku = implicit ? msg`Basic ${what} (no SKU set; Basic is the default)` : msg`Basic ${what}`;
    return msg`with no NSG on the NIC or its subnet, a ${sku} lets all inbound traffic through`;
}

export class Reachability {
    private readonly readings = new Map<NsgNode, Map<string, NsgReading>>();
    private readonly poolAnswers = new Map<LbNode, Map<string, Tri>>();

    constructor(
        private readonly graph: ExposureGraph,
        private readonly approvals: Approvals,
    ) {}

    /** Whether internet traffic reaches the machine on `q.port` over `q.protocol`. */
    machine(m: MachineNode, q: InboundQuery): Tri {
        const branches: Tri[] = m.problems.map((c) => undecided([c]));
        for (const nic of m.nics) {
            branches.push(...nic.problems.map((c) => undecided([c])));
            for (const ipc of nic.ipConfigs) {
                for (const slot of ipc.entries) {
                    branches.push(this.slot(slot, (e) => both(this.entry(e, q), () => this.filter(nic, ipc, e, q))));
                }
            }
        }
        return anyOf(branches);
    }

    /** Whether internet traffic on `q` enters through an entry (a NAT rule, a pool's rules), whatever lies behind it. */
    entrance(slot: Slot<Entry>, q: InboundQuery): Tri {
        return this.slot(slot, (e) => this.entry(e, q));
    }

    private slot<T>(slot: Slot<T>, f: (t: T) => Tri): Tri {
        if (slot.targets.length === 0) {
            return undecided(slot.cause ? [slot.cause] : []);
        }
        if (slot.targets.length === 1) {
            return f(slot.targets[0]);
        }
        return everyOf(slot.targets.map(f), slot.cause ? [slot.cause] : []);
    }

    // --- Public side -----------------------------------------------------------------------

    private entry(e: Entry, q: InboundQuery): Tri {
        if (e.kind === "publicIp") {
            return open([{ hops: [{ kind: "publicIp", text: e.label, urn: e.urn }] }]);
        }
        if (e.kind === "rule") {
            return this.lbRule(e.node, q, []);
        }
        return this.pool(e.lb, e.pool, q);
    }

    private lbRule(node: LbRuleNode, q: InboundQuery, extraHops: Hop[]): Tri {
        const verdict = lbRuleDoor(node.rule, q.port, q.protocol);
        if (verdict.kind === "door") {
            return open([{ hops: [{ kind: "lbRule", text: ruleHop(node), urn: node.rule.owner }, ...extraHops] }]);
        }
        return verdict.kind === "closed" ? CLOSED : undecided(verdict.causes);
    }

    /** Membership of a backend pool: every rule of the load balancer that forwards to it. */
    private pool(lb: LbNode, pool: string, q: InboundQuery): Tri {
        const key = `${pool}\u0000${q.port}\u0000${q.protocol}`;
        let answers = this.poolAnswers.get(lb);
        if (!answers) {
            answers = new Map();
            this.poolAnswers.set(lb, answers);
        }
        const cached = answers.get(key);
        if (cached) {
            return cached;
        }
        const hop: Hop = { kind: "pool", text: msg`backend pool ${safe.name(pool)}`, urn: lb.resource.urn };
        const branches = lb.rules.map((node): Tri => {
            if (!node.pool) {
                return CLOSED;
            }
            if ("names" in node.pool) {
                return node.pool.names.includes(pool) ? this.lbRule(node, q, [hop]) : CLOSED;
            }
            const cause = node.pool.cause;
            return both(this.lbRule(node, q, [hop]), () => undecided([cause]));
        });
        const answer = anyOf(branches);
        answers.set(key, answer);
        return answer;
    }

    // --- NSG side --------------------------------------------------------------------------

    private sku(e: Entry): SkuReading {
        if (e.kind === "publicIp") {
            return e.sku;
        }
        if (e.kind === "pool") {
            return e.lb.sku;
        }
        return e.node.lb?.sku ?? { cause: { owner: e.node.rule.owner, path: "loadBalancerName", why: "unknown", what: "load balancer" } };
    }

    private reading(nsg: NsgNode, q: InboundQuery): NsgReading {
        let byQuery = this.readings.get(nsg);
        if (!byQuery) {
            byQuery = new Map();
            this.readings.set(nsg, byQuery);
        }
        const key = `${q.port}\u0000${q.protocol}`;
        const cached = byQuery.get(key);
        if (cached) {
            return cached;
        }
        const rules = this.graph.unplacedRules.length > 0 ? [...nsg.rules, ...this.graph.unplacedRules] : nsg.rules;
        const ev = evaluateInbound(rules, q, this.approvals);
        const { worst, best } = ev.admitted;
        let causes: ExposureCause[] = ev.exposure.kind === "undecidable" ? ev.exposure.causes : [];
        const undecidedPart = !worst.minus(best).isEmpty();
        if (ev.exposure.kind === "open" && undecidedPart) {
            // Open for some sources and undecided for others: treating the decided ones as approved
            // leaves only the undecided part, whose causes the network module reports.
            const rest = evaluateInbound(rules, q, { set: AddressSet.union([this.approvals.set, best]), invalid: [] });
            causes = rest.exposure.kind === "undecidable" ? rest.exposure.causes : [];
        }
        if (causes.length === 0 && undecidedPart) {
            causes = [{ owner: nsg.resource.urn, path: "securityRules", why: "unknown" }];
        }
        const reading: NsgReading = { kind: "present", nsg, worst, best, causes, doors: ev.exposure.kind === "open" ? ev.exposure.doors : [] };
        byQuery.set(key, reading);
        return reading;
    }

    private nsgOptions(slot: Slot<NsgNode | null>, q: InboundQuery): { readings: NsgReading[]; ambiguity: ExposureCause[] } {
        if (slot.targets.length === 0) {
            return { readings: [unknownReading(slot.cause!)], ambiguity: [] };
        }
        const readings = [...new Set(slot.targets.map((t) => (t === null ? ABSENT : this.reading(t, q))))];
        return { readings, ambiguity: slot.targets.length > 1 && slot.cause ? [slot.cause] : [] };
    }

    private subnetOptions(slot: Slot<SubnetNode>, q: InboundQuery): { options: SubnetOption[]; ambiguity: ExposureCause[] } {
        if (slot.targets.length === 0) {
            return { options: [{ reading: unknownReading(slot.cause!) }], ambiguity: [] };
        }
        const ambiguity: ExposureCause[] = slot.targets.length > 1 && slot.cause ? [slot.cause] : [];
        const seen = new Set<NsgReading>();
        const options: SubnetOption[] = [];
        for (const subnet of slot.targets) {
            const nsg = this.nsgOptions(subnet.nsg, q);
            ambiguity.push(...nsg.ambiguity);
            for (const reading of nsg.readings) {
                // Subnets sharing an NSG (or having none) give the same answer: one option each.
                if (!seen.has(reading)) {
                    seen.add(reading);
                    options.push({ subnet, reading });
                }
            }
        }
        return { options, ambiguity };
    }

    /** Whether the NSGs of the NIC and of the IP configuration's subnet let the traffic through. */
    private filter(nic: NicNode, ipc: IpConfigNode, e: Entry, q: InboundQuery): Tri {
        const nicOptions = this.nsgOptions(nic.nsg, q);
        const subnetOptions = this.subnetOptions(ipc.subnet, q);
        const ambiguity = [...nicOptions.ambiguity, ...subnetOptions.ambiguity];
        if (nicOptions.readings.length * subnetOptions.options.length > MAX_COMBINATIONS) {
            return undecided(ambiguity);
        }
        const sku = this.sku(e);
        const results: Tri[] = [];
        for (const n of nicOptions.readings) {
            for (const s of subnetOptions.options) {
                results.push(this.combine(nic, n, s, e, sku));
            }
        }
        return results.length === 1 ? results[0] : everyOf(results, ambiguity);
    }

    private combine(nic: NicNode, n: NsgReading, s: SubnetOption, e: Entry, sku: SkuReading): Tri {
        const subnetLabel = s.subnet ? s.subnet.label : safe.literal("(unknown)");
        const nsgHop = (r: Extract<NsgReading, { kind: "present" }>, other: NsgReading): Hop => ({ kind: "nsg", text: nsgText(r, other), urn: r.nsg?.resource.urn });
        const hops = (): Hop[] => [
            ...(n.kind === "absent"
                ? [{ kind: "nic" as const, text: msg`${nic.label} (no NSG)`, urn: nic.owner.urn }]
                : [{ kind: "nic" as const, text: nic.label, urn: nic.owner.urn }, nsgHop(n, s.reading)]),
            ...(s.reading.kind === "absent"
                ? [{ kind: "subnet" as const, text: msg`subnet ${subnetLabel} (no NSG)`, urn: s.subnet?.resource.urn }]
                : [{ kind: "subnet" as const, text: msg`subnet ${subnetLabel}`, urn: s.subnet?.resource.urn }, nsgHop(s.reading, n)]),
        ];
        if (n.kind === "absent" && s.reading.kind === "absent") {
            if ("cause" in sku) {
                return undecided([sku.cause]);
            }
            return sku.value === "basic" ? open([{ hops: hops(), note: basicNote(e, sku.implicit) }]) : CLOSED;
        }
        const present = [n, s.reading].filter((r): r is Extract<NsgReading, { kind: "present" }> => r.kind === "present");
        const worst = present.map((r) => r.worst).reduce((a, b) => a.intersect(b));
        if (worst.isEmpty()) {
            return CLOSED;
        }
        const best = present.map((r) => r.best).reduce((a, b) => a.intersect(b));
        if (!best.isEmpty()) {
            return open([{ hops: hops() }]);
        }
        return undecided(present.flatMap((r) => r.causes));
    }
}
