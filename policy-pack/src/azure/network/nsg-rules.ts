// Network security group rules: reading them (inline `securityRules` entries and standalone
// `network:SecurityRule` resources have the same fields) and deciding which internet sources an NSG
// admits to a port over a protocol.
//
// Azure evaluates inbound rules by priority, lowest number first, and the first match decides. So
// an Allow admits a source unless Deny rules with a strictly lower priority number — equal is not
// higher — together cover it: that source, that port and that protocol (DESIGN §3a).
//
// A field that cannot be read (unknown during preview, or a value Azure would not accept) is not
// guessed. The NSG is evaluated twice: once with every such field read in the attacker's favour,
// once in the defender's. When both agree the answer is decided; when they differ, the answer
// depends on those fields, and they are reported.
import { msg, safe, Safe } from "../../engine/messages";
import { isRecord, isUnknown } from "../../engine/values";
import { AddressGrid, GridCover, PackedRuns, packLists, PlacedCover, PlacedSet } from "./address-grid";
import { AddressSet, Approvals, classifySource, SourceClass, UNKNOWN_ADMITS } from "./addresses";
import { Cause, causesOf, Decided, decide, fieldIs, joinPath, present, uniqueCauses, word, lookupWord } from "./fields";
import { inRanges, parsePortSpec, PortRange, Transport, TRANSPORTS } from "./ports";

export { Cause, Decided, Why } from "./fields";

export interface SourceEntry {
    source: Extract<SourceClass, { kind: "internal" | "internet" }>;
    path: string;
}

export interface NsgRule {
    /** URN of the resource that holds the rule. */
    owner: string;
    /** Where the rule sits inside its owner: `securityRules[2]`, or `` for a standalone rule. */
    basePath: string;
    /** The rule's name, for messages; `undefined` when it has none. */
    name?: string;
    /** Where the name is written: `securityRules[2].name`, or `securityRuleName` for a standalone rule. */
    namePath: string;
    present: Decided<true>;
    direction: Decided<"inbound" | "outbound">;
    access: Decided<"allow" | "deny">;
    /** The transports the rule's protocol matches (`*` both, `Icmp` none). */
    protocol: Decided<readonly Transport[]>;
    priority: Decided<number>;
    ports: { ranges: PortRange[]; causes: Cause[] };
    sources: { entries: SourceEntry[]; causes: Cause[] };
}

const PROTOCOLS: Record<string, readonly Transport[]> = {
    tcp: ["tcp"],
    udp: ["udp"],
    icmp: [],
    esp: [],
    ah: [],
    "*": ["tcp", "udp"],
    any: ["tcp", "udp"],
};

function readPriority(v: unknown): number | undefined {
    if (typeof v === "number") {
        return Number.isSafeInteger(v) ? v : undefined;
    }
    if (typeof v === "string" && /^\s*\d{1,9}\s*$/.test(v)) {
        return Number(v.trim());
    }
    return undefined;
}

/** A source whose value is unknown during preview but known to be public (traced to a public IP). */
export type UnknownSourceResolver = () => SourceClass | undefined;

/** Where a provider writes a rule's application security groups (`sourceApplicationSecurityGroups` on azure-native). */
const DEFAULT_ASG_KEY = "sourceApplicationSecurityGroups";

/** Application security groups hold only the network's own machines: internal, whichever they are. */
const ASGS = { kind: "internal" as const, label: safe.literal("application security groups"), covers: AddressSet.empty };

function readSources(
    owner: string,
    base: string,
    rule: Record<string, unknown>,
    resolveUnknown: UnknownSourceResolver | undefined,
    asgKey: string,
): NsgRule["sources"] {
    const entries: SourceEntry[] = [];
    const causes: Cause[] = [];
    const add = (value: unknown, path: string) => {
        let c = classifySource(value);
        if (c.kind === "unknown") {
            c = resolveUnknown?.() ?? c;
        }
        if (c.kind === "internal" || c.kind === "internet") {
            entries.push({ source: c, path });
        } else {
            causes.push({ owner, path, why: c.kind });
        }
    };
    let seen = false;
    if (present(rule.sourceAddressPrefix)) {
        seen = true;
        add(rule.sourceAddressPrefix, joinPath(base, "sourceAddressPrefix"));
    }
    for (const key of ["sourceAddressPrefixes", asgKey]) {
        const value = rule[key];
        const path = joinPath(base, key);
        if (!present(value)) {
            continue;
        }
        // A classic standalone rule names one application security group by a single id.
        if (key === asgKey && typeof value === "string" && !isUnknown(value) && value.trim() !== "") {
            seen = true;
            entries.push({ source: ASGS, path });
            continue;
        }
        if (isUnknown(value)) {
            seen = true;
            if (key === asgKey) {
                // Whatever the list holds, it holds application security groups: internal.
                entries.push({ source: ASGS, path });
            } else {
                add(value, path);
            }
            continue;
        }
        if (!Array.isArray(value)) {
            seen = true;
            causes.push({ owner, path, why: "invalid" });
            continue;
        }
        if (value.length === 0) {
            continue;
        }
        seen = true;
        if (key === asgKey) {
            entries.push({ source: ASGS, path });
        } else {
            value.forEach((v, i) => add(v, joinPath(path, i)));
        }
    }
    if (!seen) {
        causes.push({ owner, path: joinPath(base, "sourceAddressPrefix"), why: "invalid" });
    }
    return { entries, causes };
}

function readPorts(owner: string, base: string, rule: Record<string, unknown>): NsgRule["ports"] {
    const ranges: PortRange[] = [];
    const causes: Cause[] = [];
    const add = (value: unknown, path: string) => {
        const spec = parsePortSpec(value);
        if (spec.kind === "ranges") {
            ranges.push(...spec.ranges);
        } else {
            causes.push({ owner, path, why: spec.kind });
        }
    };
    let seen = false;
    if (present(rule.destinationPortRange)) {
        seen = true;
        add(rule.destinationPortRange, joinPath(base, "destinationPortRange"));
    }
    const list = rule.destinationPortRanges;
    const listPath = joinPath(base, "destinationPortRanges");
    if (present(list)) {
        if (isUnknown(list)) {
            seen = true;
            causes.push({ owner, path: listPath, why: "unknown" });
        } else if (!Array.isArray(list)) {
            seen = true;
            causes.push({ owner, path: listPath, why: "invalid" });
        } else if (list.length > 0) {
            seen = true;
            list.forEach((v, i) => add(v, joinPath(listPath, i)));
        }
    }
    if (!seen) {
        causes.push({ owner, path: joinPath(base, "destinationPortRange"), why: "invalid" });
    }
    return { ranges, causes };
}

/**
 * Reads one rule. `value` is an inline `securityRules` entry or a standalone rule's properties;
 * anything that is not an object (a `null` entry, a string) yields a rule that cannot be decided
 * in any respect, so that it is reported when it matters.
 */
export function readRule(
    value: unknown,
    owner: string,
    basePath: string,
    opts: { name?: unknown; namePath?: string; asgKey?: string; resolveUnknownSource?: UnknownSourceResolver } = {},
): NsgRule {
    if (!isRecord(value)) {
        const cause: Cause = { owner, path: basePath, why: isUnknown(value) ? "unknown" : "invalid" };
        return {
            owner,
            basePath,
            namePath: opts.namePath ?? joinPath(basePath, "name"),
            present: { value: true },
            direction: { cause },
            access: { cause },
            protocol: { cause },
            priority: { cause },
            ports: { ranges: [], causes: [cause] },
            sources: { entries: [], causes: [cause] },
        };
    }
    const at = (key: string) => joinPath(basePath, key);
    const nameValue = opts.name !== undefined ? opts.name : value.name;
    return {
        owner,
        basePath,
        name: typeof nameValue === "string" && !isUnknown(nameValue) ? nameValue : undefined,
        namePath: opts.namePath ?? at("name"),
        present: { value: true },
        direction: decide(owner, at("direction"), value.direction, (v) => word(v, ["Inbound", "Outbound"])?.toLowerCase() as "inbound" | "outbound" | undefined),
        access: decide(owner, at("access"), value.access, (v) => word(v, ["Allow", "Deny"])?.toLowerCase() as "allow" | "deny" | undefined),
        protocol: decide(owner, at("protocol"), value.protocol, (v) => lookupWord(PROTOCOLS, v)),
        priority: decide(owner, at("priority"), value.priority, readPriority),
        ports: readPorts(owner, basePath, value),
        sources: readSources(owner, basePath, value, opts.resolveUnknownSource, opts.asgKey ?? DEFAULT_ASG_KEY),
    };
}

/** Reads an inline `securityRules` list; a value that is not a list is one undecidable rule. */
export function readInlineRules(value: unknown, owner: string, opts: { asgKey?: string; resolveUnknownSource?: UnknownSourceResolver } = {}): NsgRule[] {
    if (!present(value)) {
        return [];
    }
    if (!Array.isArray(value)) {
        return [readRule(isUnknown(value) ? value : null, owner, "securityRules", opts)];
    }
    return value.map((r, i) => readRule(r, owner, `securityRules[${i}]`, opts));
}

/**
 * Azure keeps one rule per name in an NSG; when two rules (inline, standalone, or one of each)
 * share a name, which one survives depends on the order of deployment. Neither is then certain to
 * exist: each is marked as such, which matters only where a verdict depends on it.
 */
export function markDuplicateNames(rules: readonly NsgRule[]): NsgRule[] {
    const counts = new Map<string, number>();
    for (const r of rules) {
        if (r.name !== undefined) {
            const k = r.name.trim().toLowerCase();
            counts.set(k, (counts.get(k) ?? 0) + 1);
        }
    }
    return rules.map((r) =>
        r.name !== undefined && (counts.get(r.name.trim().toLowerCase()) ?? 0) > 1
            ? { ...r, present: { cause: { owner: r.owner, path: r.namePath, why: "invalid" } } }
            : r,
    );
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface InboundQuery {
    port: number;
    protocol: Transport;
}

/** An Allow rule that admits internet traffic for the query, whatever is undecided elsewhere. */
export interface Door {
    rule: NsgRule;
    /** The internet addresses it admits after approvals and higher-priority Deny rules. */
    admitted: AddressSet;
    /** The source entries that contribute to `admitted`. */
    sources: SourceEntry[];
    /** True when higher-priority Deny rules cover part, but not all, of what it would admit. */
    partlyCovered: boolean;
}

export type Exposure =
    | { kind: "closed" }
    | { kind: "open"; doors: Door[] }
    | { kind: "undecidable"; causes: Cause[] };

export interface InboundEvaluation {
    exposure: Exposure;
    /**
     * What the NSG admits with undecided fields read in the attacker's favour (`worst`) and in the
     * defender's (`best`). Decided NSGs have equal sets. Combining NSGs (NIC and subnet) intersects
     * the worst sets and the best sets separately.
     */
    admitted: { worst: AddressSet; best: AddressSet };
}

type Reading = "worst" | "best";

/**
 * What a rule matches in one reading before the port and protocol asked about are known, as bits:
 * TCP, UDP, and "any port" (its ports are unreadable and the reading is lenient). 0 when its
 * presence, direction or access rule it out of that role in that reading.
 */
type Match = number;
const TCP = 1;
const UDP = 2;
const ANY_PORT = 4;
const TRANSPORT_BIT: Record<Transport, Match> = { tcp: TCP, udp: UDP };

function matchOf(rule: NsgRule, access: "allow" | "deny", lenient: boolean): Match {
    if (!("value" in rule.present || lenient) || !fieldIs(rule.direction, "inbound", lenient) || !fieldIs(rule.access, access, lenient)) {
        return 0;
    }
    let transports = 0;
    for (const t of TRANSPORTS) {
        if ("value" in rule.protocol ? rule.protocol.value.includes(t) : lenient) {
            transports |= TRANSPORT_BIT[t];
        }
    }
    const anyPort = lenient && rule.ports.causes.length > 0 ? ANY_PORT : 0;
    return transports === 0 ? 0 : transports | anyPort;
}

/**
 * A rule's sources as sets placed on its NSG's grid: the same whatever the port and protocol asked
 * about, so they are built once per NSG rather than once per query.
 */
interface PlannedRule {
    rule: NsgRule;
    /** The internet addresses the sources stand for: what the rule admits as an Allow. */
    admits: PlacedSet;
    /** With an unreadable source read in the attacker's favour: anything at all. */
    admitsAtWorst: PlacedSet;
    /** What the rule covers as a Deny: its sources together (with an unreadable source read in the defender's favour). */
    covers: PlacedCover;
    coversAtBest: PlacedCover;
    /** Each source entry's internet addresses, for the entries an open door names. */
    entries: PlacedSet[];
}

/**
 * The roles a rule can play in a sweep: an Allow is read leniently for the attacker (`worst`), a
 * Deny for the defender (`best`).
 */
const ALLOW_AT_WORST = 0;
const ALLOW_AT_BEST = 1;
const DENY_AT_WORST = 2;
const DENY_AT_BEST = 3;
type AllowRole = typeof ALLOW_AT_WORST | typeof ALLOW_AT_BEST;
type DenyRole = typeof DENY_AT_WORST | typeof DENY_AT_BEST;
type Role = AllowRole | DenyRole;
const ROLES = 4;

function admitsIn(planned: PlannedRule, role: AllowRole): PlacedSet {
    return role === ALLOW_AT_WORST ? planned.admitsAtWorst : planned.admits;
}

function coversIn(planned: PlannedRule, role: DenyRole): PlacedCover {
    return role === DENY_AT_BEST ? planned.coversAtBest : planned.covers;
}

/**
 * The rules of one NSG that can ever match an inbound query, in sweep order — groups of equal
 * readable priority, lowest number first, then the rules whose priority cannot be read — with their
 * sets on the grid of every address set they can add to a Deny cover or take from it. The same for
 * every port and protocol asked about, so it is built once per list of rules (the door and
 * reachability policies ask several questions of one list). What every query reads of every rule
 * is packed in typed arrays, indexed by sweep position; objects are read for the rules that open a
 * door or have opaque sources.
 */
interface SweepPlan {
    order: readonly PlannedRule[];
    /** Where rule `i` of the sweep stands in the list of rules given. */
    listed: Int32Array;
    /** Where each group of equal readable priority ends in `order`; the rest are unranked. */
    groupEnds: readonly number[];
    /** `match[ROLES * i + role]`: what rule `i` matches in that role, before the query. */
    match: Uint8Array;
    /** Rule `i`'s port ranges, first and last port in turn: `ports[portsFrom[i]..portsFrom[i + 1])`. */
    ports: Int32Array;
    portsFrom: Int32Array;
    admits: PackedRuns;
    covers: PackedRuns;
    /** Bit `role` of `packed[i]`: the packed set of rule `i` (admits or covers) is its set in that role, without opaque sets. */
    packed: Uint8Array;
    grid: AddressGrid;
    /** The Deny cover of the sweep under way, emptied at the start of each (sweeps never overlap). */
    cover: GridCover;
    /** True when no field of any rule is undecided: both readings are then one. */
    decided: boolean;
    /** Answers already given, per approvals and query. */
    answers: WeakMap<Approvals, Map<string, InboundEvaluation>>;
}

const sweepPlans = new WeakMap<readonly NsgRule[], SweepPlan>();

function sweepPlan(rules: readonly NsgRule[]): SweepPlan {
    let plan = sweepPlans.get(rules);
    if (plan) {
        return plan;
    }
    // Only what an inbound Allow can admit or an inbound Deny cover is ever placed on the grid.
    const inbound = rules
        .map((rule, at) => {
            const matches = [matchOf(rule, "allow", true), matchOf(rule, "allow", false), matchOf(rule, "deny", false), matchOf(rule, "deny", true)];
            return {
                rule,
                at,
                matches,
                internet: matches[ALLOW_AT_WORST] !== 0 ? rule.sources.entries.map((e) => (e.source.kind === "internet" ? e.source.admits : AddressSet.empty)) : [],
                covers: matches[DENY_AT_BEST] !== 0 ? rule.sources.entries.map((e) => e.source.covers) : [],
            };
        })
        .filter(({ matches }) => matches[ALLOW_AT_WORST] !== 0 || matches[DENY_AT_BEST] !== 0);
    const sets: AddressSet[] = [];
    for (const r of inbound) {
        sets.push(...r.internet, ...r.covers);
    }
    const grid = new AddressGrid(sets);
    const everything = grid.place(AddressSet.everything);
    const planned = inbound.map(({ rule, matches, internet, covers }) => {
        const unreadable = rule.sources.causes.length > 0;
        // A union's ends are ends of its parts: the parts put it on the grid.
        const union = AddressSet.union(internet);
        const admits = grid.place(union);
        // What the sources cover together: one set to add to a cover rather than several.
        const placedCovers = grid.placeCover(covers);
        return {
            rule,
            admits,
            admitsAtWorst: unreadable && matches[ALLOW_AT_WORST] !== 0 ? grid.place(AddressSet.union([union, UNKNOWN_ADMITS])) : admits,
            covers: placedCovers,
            coversAtBest: unreadable && matches[DENY_AT_BEST] !== 0 ? everything : placedCovers,
            // A rule of one source admits what that source admits.
            entries: internet.length === 1 && internet[0] === union ? [admits] : internet.map((set) => grid.place(set)),
        };
    });
    // Sweep order: by readable priority (a stable sort keeps the rules' own order within a group), then the rest.
    const position = planned.map((_, i) => i);
    const priorityOf = (i: number) => {
        const { priority } = planned[i].rule;
        return "value" in priority ? priority.value : undefined;
    };
    const ranked = position.filter((i) => priorityOf(i) !== undefined).sort((a, b) => priorityOf(a)! - priorityOf(b)!);
    const sweep = [...ranked, ...position.filter((i) => priorityOf(i) === undefined)];
    const groupEnds = ranked.flatMap((i, k) => (k + 1 === ranked.length || priorityOf(ranked[k + 1]) !== priorityOf(i) ? [k + 1] : []));
    const order = sweep.map((i) => planned[i]);
    const listed = Int32Array.from(sweep.map((i) => inbound[i].at));
    const match = new Uint8Array(ROLES * sweep.length);
    sweep.forEach((i, k) => match.set(inbound[i].matches, ROLES * k));
    const [ports, portsFrom] = packLists(order.map((p) => bounds(p.rule.ports.ranges)));
    const packed = Uint8Array.from(
        order.map((p) => {
            const plain = (role: Role, inRole: PlacedCover, packedSet: PlacedCover) => (inRole === packedSet && packedSet.opaque.length === 0 ? 1 << role : 0);
            return (
                plain(ALLOW_AT_WORST, p.admitsAtWorst, p.admits) |
                plain(ALLOW_AT_BEST, p.admits, p.admits) |
                plain(DENY_AT_WORST, p.covers, p.covers) |
                plain(DENY_AT_BEST, p.coversAtBest, p.covers)
            );
        }),
    );
    plan = {
        order,
        listed,
        groupEnds,
        match,
        ports,
        portsFrom,
        admits: new PackedRuns(order.map((p) => p.admits)),
        covers: new PackedRuns(order.map((p) => p.covers)),
        packed,
        grid,
        cover: new GridCover(grid),
        decided: rules.every(isDecided),
        answers: new WeakMap(),
    };
    sweepPlans.set(rules, plan);
    return plan;
}

/** The first and last port of each range in turn (`flat` costs more, once per rule of every NSG). */
function bounds(ranges: readonly PortRange[]): number[] {
    const out: number[] = [];
    for (const [first, last] of ranges) {
        out.push(first, last);
    }
    return out;
}

/** True when rule `i` of the plan, in `role`, matches the query's port and protocol. */
function matches(plan: SweepPlan, i: number, role: Role, q: InboundQuery): boolean {
    const match = plan.match[ROLES * i + role];
    if ((match & TRANSPORT_BIT[q.protocol]) === 0) {
        return false;
    }
    if ((match & ANY_PORT) !== 0) {
        return true;
    }
    const { ports } = plan;
    for (let k = plan.portsFrom[i]; k < plan.portsFrom[i + 1]; k += 2) {
        if (q.port >= ports[k] && q.port <= ports[k + 1]) {
            return true;
        }
    }
    return false;
}

/**
 * An Allow meets the Deny rules with a strictly lower priority number (DESIGN §3a). When either
 * priority cannot be read, the pair is read in the reading's favour: the Deny first for the
 * defender (`best`), after for the attacker (`worst`). So each Allow meets, in `best`, every Deny
 * of unreadable priority plus the readable ones below it (all of them when its own priority is
 * unreadable); in `worst`, only the readable ones below a readable priority of its own.
 *
 * The rules are swept once in priority order while one cover of Deny sources grows in the same
 * order, each Deny added once after the Allow rules of its own priority have met the cover. No rule
 * is both an Allow and a Deny in one reading (an unreadable `access` is an Allow only for the
 * attacker, a Deny only for the defender), so no Allow meets its own cover.
 */
function read(rules: readonly NsgRule[], q: InboundQuery, approvals: Approvals, reading: Reading): Door[] {
    const plan = sweepPlan(rules);
    const { order, groupEnds, packed, cover } = plan;
    const allow: AllowRole = reading === "worst" ? ALLOW_AT_WORST : ALLOW_AT_BEST;
    const deny: DenyRole = reading === "worst" ? DENY_AT_WORST : DENY_AT_BEST;
    const noApprovals = approvals.set.isEmpty();
    const found: { at: number; door: Door }[] = [];
    const meet = (i: number, before: GridCover) => {
        if (!matches(plan, i, allow, q)) {
            return;
        }
        const admits = admitsIn(order[i], allow);
        // Most Allow rules of a long list of interleaved rules are covered whole: asked without
        // building sets, of the packed runs where they stand for the set.
        if (noApprovals && ((packed[i] & (1 << allow)) !== 0 ? before.holdsPacked(plan.admits, i) : before.holds(admits))) {
            return;
        }
        const door = doorThrough(order[i], admits, before, approvals);
        if (door) {
            found.push({ at: plan.listed[i], door });
        }
    };
    const grow = (i: number) => {
        if (!matches(plan, i, deny, q)) {
            return;
        }
        if ((packed[i] & (1 << deny)) !== 0) {
            cover.addPacked(plan.covers, i);
        } else {
            cover.add(coversIn(order[i], deny));
        }
    };
    const rankedEnd = groupEnds.length > 0 ? groupEnds[groupEnds.length - 1] : 0;
    cover.clear();
    if (reading === "best") {
        for (let i = rankedEnd; i < order.length; i++) {
            grow(i);
        }
    }
    let start = 0;
    for (const end of groupEnds) {
        for (let i = start; i < end; i++) {
            meet(i, cover);
        }
        for (let i = start; i < end; i++) {
            grow(i);
        }
        start = end;
    }
    if (rankedEnd < order.length) {
        const before = reading === "best" ? cover : new GridCover(plan.grid);
        for (let i = rankedEnd; i < order.length; i++) {
            meet(i, before);
        }
    }
    // Doors in the order the rules are listed, as the rules were given.
    return found.sort((a, b) => a.at - b.at).map((f) => f.door);
}

/** True when the cover and the approvals together take every address of `set` away. */
function leavesNothing(cover: GridCover, set: PlacedSet, approvals: Approvals): boolean {
    return approvals.set.isEmpty() ? cover.holds(set) : cover.takeFrom(set).minus(approvals.set).isEmpty();
}

/**
 * The door an Allow that admits `admits` (before approvals) opens past the Deny rules before it
 * (`cover`), if any. Approvals are taken away after the cover: the grid holds the rules' own sets.
 */
function doorThrough(planned: PlannedRule, admits: PlacedSet, cover: GridCover, approvals: Approvals): Door | undefined {
    if (admits.set.isEmpty()) {
        return undefined;
    }
    const open = cover.takeFrom(admits);
    const admitted = open.minus(approvals.set);
    if (admitted.isEmpty()) {
        return undefined;
    }
    const { rule } = planned;
    const sources = rule.sources.entries.filter((e, i) => e.source.kind === "internet" && !leavesNothing(cover, planned.entries[i], approvals));
    // The cover took part of what the approvals left: what is admitted is less than that. Without
    // approvals, that is whenever the cover took anything (it gives back the very set when not).
    // A Deny of a tag or a public IP takes part of every internet address too, though the
    // intervals that stand for them cannot show it.
    const partlyCovered =
        (open !== admits.set && (approvals.set.isEmpty() || !admitted.equals(admits.set.minus(approvals.set)))) ||
        (cover.holdsSomeOpaque() && admitted.coversAllInternet());
    return { rule, admitted, sources, partlyCovered };
}

/** What the doors admit together, built when first read (the door policies only ask whether any). */
function admittedBy(doors: readonly Door[]): () => AddressSet {
    let total: AddressSet | undefined;
    return () => (total ??= AddressSet.union(doors.map((d) => d.admitted)));
}

/** True when a decided field rules the rule out for this query, so its other fields do not matter. */
function ruledOut(rule: NsgRule, q: InboundQuery, approvals: Approvals): boolean {
    if ("value" in rule.direction && rule.direction.value === "outbound") {
        return true;
    }
    if ("value" in rule.protocol && !rule.protocol.value.includes(q.protocol)) {
        return true;
    }
    if (rule.ports.causes.length === 0 && !inRanges(q.port, rule.ports.ranges)) {
        return true;
    }
    const allowOnly = "value" in rule.access && rule.access.value === "allow";
    const noInternet =
        rule.sources.causes.length === 0 &&
        rule.sources.entries.every((e) => e.source.kind === "internal" || e.source.admits.minus(approvals.set).isEmpty());
    return allowOnly && noInternet;
}

function isDecided(rule: NsgRule): boolean {
    return (
        "value" in rule.present &&
        "value" in rule.direction &&
        "value" in rule.access &&
        "value" in rule.protocol &&
        "value" in rule.priority &&
        rule.ports.causes.length === 0 &&
        rule.sources.causes.length === 0
    );
}

function allCauses(rule: NsgRule): Cause[] {
    return [
        ...causesOf(rule.present, rule.direction, rule.access, rule.protocol, rule.priority),
        ...rule.ports.causes,
        ...rule.sources.causes,
    ];
}

/**
 * Which internet sources the rules of one NSG (inline and standalone together) admit inbound to
 * `q.port` over `q.protocol`, after `approvals`. NSG default rules admit only internal sources and
 * are left out. `rules` must not change once evaluated: its priority order is kept per list.
 */
export function evaluateInbound(rules: readonly NsgRule[], q: InboundQuery, approvals: Approvals): InboundEvaluation {
    // The door policies and the reachability policy ask the same questions of the same NSG.
    const answers = sweepPlan(rules).answers;
    let byQuery = answers.get(approvals);
    if (!byQuery) {
        byQuery = new Map();
        answers.set(approvals, byQuery);
    }
    const key = `${q.port}/${q.protocol}`;
    let answer = byQuery.get(key);
    if (!answer) {
        answer = evaluate(rules, q, approvals);
        byQuery.set(key, answer);
    }
    return answer;
}

function evaluate(rules: readonly NsgRule[], q: InboundQuery, approvals: Approvals): InboundEvaluation {
    const worst = read(rules, q, approvals, "worst");
    // The two readings differ only through undecided fields.
    const best = sweepPlan(rules).decided ? worst : read(rules, q, approvals, "best");
    const worstTotal = admittedBy(worst);
    const bestTotal = best === worst ? worstTotal : admittedBy(best);
    const admitted = {
        get worst() {
            return worstTotal();
        },
        get best() {
            return bestTotal();
        },
    };
    // Every door admits something: no door, nothing admitted.
    if (worst.length === 0) {
        return { exposure: { kind: "closed" }, admitted };
    }
    if (best.length > 0) {
        return { exposure: { kind: "open", doors: best }, admitted };
    }
    const relevant = uniqueCauses(rules.filter((r) => !ruledOut(r, q, approvals)).flatMap(allCauses));
    // The readings can only differ through an undecided field; should the filter above ever drop
    // them all, every undecided field is named rather than none.
    const causes = relevant.length > 0 ? relevant : uniqueCauses(rules.flatMap(allCauses));
    return { exposure: { kind: "undecidable", causes }, admitted };
}

/** How a message names a rule: `rule allow-rdp (securityRules[0])` or `rule allow-rdp`. */
export function ruleLabel(rule: NsgRule): Safe {
    const name = rule.name !== undefined ? msg`rule ${safe.name(rule.name)}` : safe.literal("an unnamed rule");
    return rule.basePath === "" ? name : msg`${name} (${safe.path(rule.basePath)})`;
}
