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
import { AddressGrid, GridCover, PlacedSet } from "./address-grid";
import { AddressSet, Approvals, classifySource, SourceClass, UNKNOWN_ADMITS } from "./addresses";
import { Cause, causesOf, Decided, decide, fits, joinPath, present, uniqueCauses, word, lookupWord } from "./fields";
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
    if (
        !fits(rule.present, () => true, lenient) ||
        !fits(rule.direction, (v) => v === "inbound", lenient) ||
        !fits(rule.access, (v) => v === access, lenient)
    ) {
        return 0;
    }
    const transports = TRANSPORTS.filter((t) => fits(rule.protocol, (v) => v.includes(t), lenient)).reduce((bits, t) => bits | TRANSPORT_BIT[t], 0);
    const anyPort = lenient && rule.ports.causes.length > 0 ? ANY_PORT : 0;
    return transports === 0 ? 0 : transports | anyPort;
}

function matches(match: Match, ports: readonly number[], q: InboundQuery): boolean {
    if ((match & TRANSPORT_BIT[q.protocol]) === 0) {
        return false;
    }
    if ((match & ANY_PORT) !== 0) {
        return true;
    }
    for (let i = 0; i < ports.length; i += 2) {
        if (q.port >= ports[i] && q.port <= ports[i + 1]) {
            return true;
        }
    }
    return false;
}

/**
 * A rule's sources as sets placed on its NSG's grid, and what it matches as an Allow and as a Deny
 * in each reading: the same whatever the port and protocol asked about, so they are built once per
 * NSG rather than once per query. An Allow is read leniently for the attacker (`worst`), a Deny for
 * the defender (`best`).
 */
interface PlannedRule {
    rule: NsgRule;
    /** The rule's port ranges, first and last port one after the other: one array to read per query. */
    ports: readonly number[];
    allowAtWorst: Match;
    allowAtBest: Match;
    denyAtWorst: Match;
    denyAtBest: Match;
    /** The internet addresses the sources stand for: what the rule admits as an Allow. */
    admits: PlacedSet;
    /** With an unreadable source read in the attacker's favour: anything at all. */
    admitsAtWorst: PlacedSet;
    /** What the rule covers as a Deny: its sources together (with an unreadable source read in the defender's favour). */
    covers: PlacedSet;
    coversAtBest: PlacedSet;
    /** Each source entry's internet addresses, for the entries an open door names. */
    entries: PlacedSet[];
}

function allowAdmits(planned: PlannedRule, q: InboundQuery, reading: Reading): PlacedSet | undefined {
    if (reading === "worst") {
        return matches(planned.allowAtWorst, planned.ports, q) ? planned.admitsAtWorst : undefined;
    }
    return matches(planned.allowAtBest, planned.ports, q) ? planned.admits : undefined;
}

function denyCovers(planned: PlannedRule, q: InboundQuery, reading: Reading): PlacedSet | undefined {
    if (reading === "best") {
        return matches(planned.denyAtBest, planned.ports, q) ? planned.coversAtBest : undefined;
    }
    return matches(planned.denyAtWorst, planned.ports, q) ? planned.covers : undefined;
}

/**
 * The rules of one NSG that can ever match an inbound query, in priority order — groups of equal
 * readable priority, lowest number first, then the rules whose priority cannot be read — with their
 * sets on the grid of every address set they can add to a Deny cover or take from it. The same for
 * every port and protocol asked about, so it is built once per list of rules (the door and
 * reachability policies ask several questions of one list).
 */
interface SweepPlan {
    ranked: (readonly PlannedRule[])[];
    unranked: readonly PlannedRule[];
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
        .map((rule) => {
            const allowAtWorst = matchOf(rule, "allow", true);
            const denyAtBest = matchOf(rule, "deny", true);
            return {
                rule,
                allowAtWorst,
                denyAtBest,
                internet: allowAtWorst !== 0 ? rule.sources.entries.map((e) => (e.source.kind === "internet" ? e.source.admits : AddressSet.empty)) : [],
                covers: denyAtBest !== 0 ? rule.sources.entries.map((e) => e.source.covers) : [],
            };
        })
        .filter(({ allowAtWorst, denyAtBest }) => allowAtWorst !== 0 || denyAtBest !== 0);
    const grid = new AddressGrid(inbound.flatMap((r) => [...r.internet, ...r.covers]));
    const everything = grid.place(AddressSet.everything);
    const byPriority = new Map<number, PlannedRule[]>();
    const unranked: PlannedRule[] = [];
    for (const { rule, allowAtWorst, denyAtBest, internet, covers } of inbound) {
        const unreadable = rule.sources.causes.length > 0;
        // A union's ends are ends of its parts: the parts put it on the grid.
        const union = AddressSet.union(internet);
        const admits = grid.place(union);
        // Likewise for what the sources cover together: one set to add to a cover rather than several.
        const placedCovers = grid.place(AddressSet.union(covers));
        const planned: PlannedRule = {
            rule,
            ports: rule.ports.ranges.flat(),
            allowAtWorst,
            allowAtBest: matchOf(rule, "allow", false),
            denyAtWorst: matchOf(rule, "deny", false),
            denyAtBest,
            admits,
            admitsAtWorst: unreadable && allowAtWorst !== 0 ? grid.place(AddressSet.union([union, UNKNOWN_ADMITS])) : admits,
            covers: placedCovers,
            coversAtBest: unreadable && denyAtBest !== 0 ? everything : placedCovers,
            // A rule of one source admits what that source admits.
            entries: internet.length === 1 && internet[0] === union ? [admits] : internet.map((set) => grid.place(set)),
        };
        if ("value" in rule.priority) {
            const group = byPriority.get(rule.priority.value);
            if (group) {
                group.push(planned);
            } else {
                byPriority.set(rule.priority.value, [planned]);
            }
        } else {
            unranked.push(planned);
        }
    }
    const ranked = [...byPriority.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
    plan = { ranked, unranked, grid, cover: new GridCover(grid), decided: rules.every(isDecided), answers: new WeakMap() };
    sweepPlans.set(rules, plan);
    return plan;
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
    const { ranked, unranked, grid, cover } = sweepPlan(rules);
    const doorOf = new Map<NsgRule, Door>();
    const meet = (planned: PlannedRule, cover: GridCover) => {
        const admits = allowAdmits(planned, q, reading);
        const door = admits && doorThrough(planned, admits, cover, approvals);
        if (door) {
            doorOf.set(planned.rule, door);
        }
    };
    const grow = (cover: GridCover, planned: PlannedRule) => {
        const covers = denyCovers(planned, q, reading);
        if (covers) {
            cover.add(covers);
        }
    };
    cover.clear();
    if (reading === "best") {
        unranked.forEach((planned) => grow(cover, planned));
    }
    // Plain loops: two closures per priority would be most of a sweep's garbage.
    for (const group of ranked) {
        for (const planned of group) {
            meet(planned, cover);
        }
        for (const planned of group) {
            grow(cover, planned);
        }
    }
    if (unranked.length > 0) {
        const before = reading === "best" ? cover : new GridCover(grid);
        unranked.forEach((planned) => meet(planned, before));
    }
    const doors: Door[] = [];
    if (doorOf.size > 0) {
        for (const rule of rules) {
            const door = doorOf.get(rule);
            if (door) {
                doors.push(door);
            }
        }
    }
    return doors;
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
    // Most Allow rules of a long list of interleaved rules are covered whole: asked without building sets.
    if (admits.set.isEmpty() || (approvals.set.isEmpty() && cover.holds(admits))) {
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
    const partlyCovered = open !== admits.set && (approvals.set.isEmpty() || !admitted.equals(admits.set.minus(approvals.set)));
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
