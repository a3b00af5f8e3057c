// Source addresses of network rules (NSG rules, firewall NAT rules, JIT network access ports) and
// the sets they stand for. DESIGN §3a: a source is internet unless it is provably internal.
//
// Internal: RFC 1918, 100.64.0.0/10, loopback, link-local, IPv6 fc00::/7 and fe80::/10 (and the
// IPv4-mapped IPv6 forms of the IPv4 ranges), the service tags VirtualNetwork, AzureLoadBalancer and
// GatewayManager, and application security groups. Everything else is internet: `*`, `Any`,
// `Internet`, bare `0.0.0.0`, any `/0`, every other service tag, reserved and documentation ranges.
//
// Sets are kept as sorted, disjoint address intervals per family (parsed by ipaddr.js, compared as
// bigints) plus opaque service tags. A tag is only ever covered by the same tag or by a set holding
// every internet address: nobody can know offline which addresses `AzureCloud` holds today.
import * as ipaddr from "ipaddr.js";
import { msg, safe, Safe } from "../../engine/messages";
import { isUnknown } from "../../engine/values";

export type Family = "ipv4" | "ipv6";
export type Interval = readonly [bigint, bigint];

const V4_MAX = (1n << 32n) - 1n;
const V6_MAX = (1n << 128n) - 1n;

function toBigInt(bytes: number[]): bigint {
    return bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

function cidrInterval(addr: ipaddr.IPv4 | ipaddr.IPv6, bits: number): Interval {
    const width = addr.kind() === "ipv4" ? 32n : 128n;
    const value = toBigInt(addr.toByteArray());
    const hostBits = width - BigInt(bits);
    const mask = (1n << hostBits) - 1n;
    const first = value & ~mask & (width === 32n ? V4_MAX : V6_MAX);
    return [first, first | mask];
}

function normalise(intervals: readonly Interval[]): readonly Interval[] {
    if (intervals.length <= 1) {
        return intervals;
    }
    const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    // Intervals that merge with nothing are kept as they are: sets share them, and are immutable.
    const out: Interval[] = [];
    let current = sorted[0];
    for (let i = 1; i < sorted.length; i++) {
        const [lo, hi] = sorted[i];
        if (lo <= current[1] + 1n) {
            if (hi > current[1]) {
                current = [current[0], hi];
            }
        } else {
            out.push(current);
            current = sorted[i];
        }
    }
    out.push(current);
    return out;
}

/** The first interval of `sorted` (sorted and disjoint) that ends at or after `point`; its length if none. */
function firstEndingFrom(sorted: readonly Interval[], point: bigint): number {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid][1] < point) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/**
 * `from` without `remove`, both sorted and disjoint. Each interval of `from` finds the first one of
 * `remove` it can meet by binary search and walks only those it overlaps, so taking a few intervals
 * away from a large set (an Allow's sources against the cover of many Deny rules) costs the log of
 * its size, not its size. When nothing is taken away, `from` itself is the answer.
 */
function subtractIntervals(from: readonly Interval[], remove: readonly Interval[]): readonly Interval[] {
    let out: Interval[] | undefined;
    from.forEach(([lo, hi], k) => {
        let i = firstEndingFrom(remove, lo);
        if (i === remove.length || remove[i][0] > hi) {
            out?.push([lo, hi]);
            return;
        }
        out ??= from.slice(0, k);
        let start = lo;
        for (; i < remove.length && remove[i][0] <= hi; i++) {
            const [rlo, rhi] = remove[i];
            if (rlo > start) {
                out.push([start, rlo - 1n]);
            }
            start = rhi + 1n;
        }
        if (start <= hi) {
            out.push([start, hi]);
        }
    });
    return out ?? from;
}

/** Points in both, for sorted and disjoint lists: one merge-like pass. */
function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
    const out: Interval[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
        const lo = a[i][0] > b[j][0] ? a[i][0] : b[j][0];
        const hi = a[i][1] < b[j][1] ? a[i][1] : b[j][1];
        if (lo <= hi) {
            out.push([lo, hi]);
        }
        if (a[i][1] < b[j][1]) {
            i++;
        } else {
            j++;
        }
    }
    return out;
}

function parseCidrList(cidrs: readonly string[]): readonly Interval[] {
    return normalise(
        cidrs.map((c) => {
            const [addr, bits] = ipaddr.parseCIDR(c);
            return cidrInterval(addr, bits);
        }),
    );
}

const INTERNAL_V4_CIDRS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16"];
const INTERNAL_V4 = parseCidrList(INTERNAL_V4_CIDRS);
// The IPv4-mapped IPv6 forms (::ffff:a.b.c.d) of the internal IPv4 ranges are as internal as the
// ranges themselves; every other mapped address is as public as the IPv4 address it carries.
const INTERNAL_V6 = parseCidrList([
    "fc00::/7",
    "fe80::/10",
    "::1/128",
    ...INTERNAL_V4_CIDRS.map((c) => {
        const [addr, bits] = c.split("/");
        return `::ffff:${addr}/${96 + Number(bits)}`;
    }),
]);
const PUBLIC_V4 = subtractIntervals([[0n, V4_MAX]], INTERNAL_V4);
const PUBLIC_V6 = subtractIntervals([[0n, V6_MAX]], INTERNAL_V6);

/**
 * True when `outer` holds every point of `inner`. With `outer` sorted, disjoint and non-adjacent,
 * an interval is held only by the one interval of `outer` that reaches its start, found by binary
 * search.
 */
function contains(outer: readonly Interval[], inner: readonly Interval[]): boolean {
    return inner.every(([lo, hi]) => {
        const i = firstEndingFrom(outer, lo);
        return i < outer.length && outer[i][0] <= lo && outer[i][1] >= hi;
    });
}

/**
 * A set of source addresses: IPv4 and IPv6 intervals plus opaque sets (service tags, addresses
 * that are unknown until deployment). Immutable. Every interval list is sorted, disjoint and
 * non-adjacent (as `normalise` leaves it), which the interval operations above rely on.
 */
export class AddressSet {
    private allInternet?: boolean;
    private v4EndList?: readonly number[];

    private constructor(
        readonly v4: readonly Interval[],
        readonly v6: readonly Interval[],
        /** Lower-cased keys of opaque sets. */
        readonly opaque: ReadonlySet<string>,
    ) {}

    static readonly empty = new AddressSet([], [], new Set());
    /** Every address, IPv4 and IPv6: what `*`, `Any` and `Internet` stand for. */
    static readonly everything = new AddressSet([[0n, V4_MAX]], [[0n, V6_MAX]], new Set());

    /** A set of interval lists that are already sorted, disjoint and non-adjacent. */
    static of(v4: readonly Interval[], v6: readonly Interval[], opaque: ReadonlySet<string>): AddressSet {
        return new AddressSet(v4, v6, opaque);
    }

    static range(family: Family, first: bigint, last: bigint): AddressSet {
        return family === "ipv4" ? new AddressSet([[first, last]], [], new Set()) : new AddressSet([], [[first, last]], new Set());
    }

    /** An opaque set, such as a service tag (compared case-insensitively). */
    static opaqueSet(key: string): AddressSet {
        return new AddressSet([], [], new Set([key.toLowerCase()]));
    }

    static union(sets: readonly AddressSet[]): AddressSet {
        // Most unions in rule evaluation are of nothing or of one set; sets are immutable.
        const nonEmpty = sets.filter((s) => !s.isEmpty());
        if (nonEmpty.length <= 1) {
            return nonEmpty[0] ?? AddressSet.empty;
        }
        const opaque = new Set<string>();
        for (const set of nonEmpty) {
            set.opaque.forEach((k) => opaque.add(k));
        }
        const v4: Interval[] = [];
        const v6: Interval[] = [];
        for (const set of nonEmpty) {
            v4.push(...set.v4);
            v6.push(...set.v6);
        }
        return new AddressSet(normalise(v4), normalise(v6), opaque);
    }

    /**
     * The IPv4 intervals as numbers, first address and one past the last in turn: what grids of
     * segments are cut by and placed on, read once per set (sources are shared between NSGs).
     */
    v4Ends(): readonly number[] {
        if (!this.v4EndList) {
            const ends: number[] = [];
            for (const [lo, hi] of this.v4) {
                ends.push(Number(lo), Number(hi) + 1);
            }
            this.v4EndList = ends;
        }
        return this.v4EndList;
    }

    isEmpty(): boolean {
        return this.v4.length === 0 && this.v6.length === 0 && this.opaque.size === 0;
    }

    /** True when the set holds every internet address, IPv4 and IPv6 (and so every opaque set). */
    coversAllInternet(): boolean {
        this.allInternet ??= contains(this.v4, PUBLIC_V4) && contains(this.v6, PUBLIC_V6);
        return this.allInternet;
    }

    /** True when the set holds every internet IPv4 address. */
    coversAllInternetV4(): boolean {
        return contains(this.v4, PUBLIC_V4);
    }

    /** True when the set holds the opaque set `key`: that very set, or every internet address. */
    coversOpaque(key: string): boolean {
        return this.opaque.has(key) || this.coversAllInternet();
    }

    /**
     * What is left of this set once `other` is taken away (a Deny rule's cover, an approval): this
     * very set when nothing is taken away, so that callers can tell by identity.
     */
    minus(other: AddressSet): AddressSet {
        if (other.isEmpty() || this.isEmpty()) {
            return this;
        }
        if (other === this) {
            return AddressSet.empty;
        }
        const v4 = subtractIntervals(this.v4, other.v4);
        const v6 = subtractIntervals(this.v6, other.v6);
        const opaque = [...this.opaque].some((k) => other.coversOpaque(k)) ? new Set([...this.opaque].filter((k) => !other.coversOpaque(k))) : this.opaque;
        // Most Deny covers and approvals miss most sources: nothing taken away, nothing to build.
        if (v4 === this.v4 && v6 === this.v6 && opaque === this.opaque) {
            return this;
        }
        return new AddressSet(v4, v6, opaque);
    }

    /** True when both sets hold the same addresses and opaque sets. */
    equals(other: AddressSet): boolean {
        const same = (a: readonly Interval[], b: readonly Interval[]) => a.length === b.length && a.every(([lo, hi], i) => lo === b[i][0] && hi === b[i][1]);
        return (
            other === this ||
            (same(this.v4, other.v4) && same(this.v6, other.v6) && this.opaque.size === other.opaque.size && [...this.opaque].every((k) => other.opaque.has(k)))
        );
    }

    /** True when `other` holds every address of this set: `this.minus(other)` is empty, without building it. */
    isWithin(other: AddressSet): boolean {
        return contains(other.v4, this.v4) && contains(other.v6, this.v6) && [...this.opaque].every((k) => other.coversOpaque(k));
    }

    /** Addresses in both sets; an opaque set is kept when the other set holds it or all internet. */
    intersect(other: AddressSet): AddressSet {
        if (other === this || this.isEmpty()) {
            return this;
        }
        if (other.isEmpty()) {
            return other;
        }
        const opaque = new Set<string>();
        for (const k of this.opaque) {
            if (other.coversOpaque(k)) {
                opaque.add(k);
            }
        }
        for (const k of other.opaque) {
            if (this.coversOpaque(k)) {
                opaque.add(k);
            }
        }
        return new AddressSet(intersectIntervals(this.v4, other.v4), intersectIntervals(this.v6, other.v6), opaque);
    }

    /** The internet part of the set: internal ranges removed. */
    internetPart(): AddressSet {
        return new AddressSet(subtractIntervals(this.v4, INTERNAL_V4), subtractIntervals(this.v6, INTERNAL_V6), this.opaque);
    }

    /** Opaque keys (lower-cased) left in the set. */
    opaqueKeys(): string[] {
        return [...this.opaque].sort();
    }
}

/** The set of every internet address. */
export const ALL_INTERNET = AddressSet.everything.internetPart();

// ---------------------------------------------------------------------------------------------
// Service tags

/** Service tags that stand for addresses inside the customer's network or Azure's own plumbing. */
export const INTERNAL_SERVICE_TAGS = ["VirtualNetwork", "AzureLoadBalancer", "GatewayManager"] as const;

/** Spellings that mean every internet address. */
export const ALL_INTERNET_WORDS = ["*", "Any", "Internet"] as const;

// Well-known tags, so that messages can name them: they are parsed into this closed list; any
// other tag is shown as "a service tag" (a message never quotes a raw property string).
const KNOWN_SERVICE_TAGS = [
    "ActionGroup",
    "ApiManagement",
    "AppConfiguration",
    "AppService",
    "AppServiceManagement",
    "AzureActiveDirectory",
    "AzureActiveDirectoryDomainServices",
    "AzureAdvancedThreatProtection",
    "AzureArcInfrastructure",
    "AzureBackup",
    "AzureBotService",
    "AzureCloud",
    "AzureCognitiveSearch",
    "AzureConnectors",
    "AzureContainerRegistry",
    "AzureCosmosDB",
    "AzureDatabricks",
    "AzureDataExplorerManagement",
    "AzureDataLake",
    "AzureDevOps",
    "AzureDevSpaces",
    "AzureDigitalTwins",
    "AzureEventGrid",
    "AzureFrontDoor.Backend",
    "AzureFrontDoor.FirstParty",
    "AzureFrontDoor.Frontend",
    "AzureInformationProtection",
    "AzureIoTHub",
    "AzureKeyVault",
    "AzureMachineLearning",
    "AzureMonitor",
    "AzureOpenDatasets",
    "AzurePlatformDNS",
    "AzurePlatformIMDS",
    "AzurePlatformLKM",
    "AzureResourceManager",
    "AzureSignalR",
    "AzureSiteRecovery",
    "AzureSphere",
    "AzureStack",
    "AzureTrafficManager",
    "AzureUpdateDelivery",
    "BatchNodeManagement",
    "CognitiveServicesFrontend",
    "CognitiveServicesManagement",
    "DataFactory",
    "DataFactoryManagement",
    "Dynamics365ForMarketingEmail",
    "EventHub",
    "GuestAndHybridManagement",
    "HDInsight",
    "LogicApps",
    "LogicAppsManagement",
    "M365ManagementActivityApi",
    "MicrosoftAzureFluidRelay",
    "MicrosoftCloudAppSecurity",
    "MicrosoftContainerRegistry",
    "MicrosoftDefenderForEndpoint",
    "MicrosoftPurviewPolicyDistribution",
    "PowerBI",
    "PowerPlatformInfra",
    "PowerQueryOnline",
    "ServiceBus",
    "ServiceFabric",
    "Sql",
    "SqlManagement",
    "Storage",
    "StorageSyncService",
    "WindowsAdminCenter",
    "WindowsVirtualDesktop",
] as const;

// A service tag: a word, optionally region- or feature-qualified with dots (`Storage.WestEurope`).
const TAG_SYNTAX = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

function tagLabel(tag: string): Safe {
    const lower = tag.toLowerCase();
    const exact = [...KNOWN_SERVICE_TAGS, ...INTERNAL_SERVICE_TAGS].find((t) => t.toLowerCase() === lower);
    if (exact) {
        return msg`service tag ${safe.literal(exact)}`;
    }
    const base = [...KNOWN_SERVICE_TAGS].find((t) => lower.startsWith(`${t.toLowerCase()}.`));
    return base ? msg`a regional service tag of ${safe.literal(base)}` : safe.literal("a service tag");
}

// ---------------------------------------------------------------------------------------------
// Parsing one prefix

interface ParsedRange {
    family: Family;
    set: AddressSet;
    label: Safe;
}

/**
 * An IPv4 address must be written as four decimal parts: ipaddr.js also reads `10.1` or
 * `010.0.0.1` (octal), which Azure does not, and a reading that differs from Azure's is a bypass.
 */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
    if (text.includes("%")) {
        return undefined;
    }
    if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
        return ipaddr.IPv4.parse(text);
    }
    if (ipaddr.IPv6.isValid(text)) {
        const v6 = ipaddr.IPv6.parse(text);
        // An embedded dotted IPv4 (`::ffff:1.2.3.4`) must be a plain four-part decimal too.
        const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
        if (dotted && !ipaddr.IPv4.isValidFourPartDecimal(dotted[1])) {
            return undefined;
        }
        return v6;
    }
    return undefined;
}

function parseRange(text: string): ParsedRange | undefined {
    const slash = text.indexOf("/");
    if (slash >= 0) {
        const addrText = text.slice(0, slash);
        const bitsText = text.slice(slash + 1);
        const addr = parseAddress(addrText);
        if (!addr || !/^\d{1,3}$/.test(bitsText)) {
            return undefined;
        }
        const bits = Number(bitsText);
        if (bits > (addr.kind() === "ipv4" ? 32 : 128)) {
            return undefined;
        }
        const [first, last] = cidrInterval(addr, bits);
        const network = addr.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(`${addr}/${bits}`) : ipaddr.IPv6.networkAddressFromCIDR(`${addr}/${bits}`);
        return { family: addr.kind(), set: AddressSet.range(addr.kind(), first, last), label: safe.cidr(`${network.toString()}/${bits}`) };
    }
    // Azure Firewall accepts address ranges written `first-last`.
    const dash = text.indexOf("-");
    if (dash >= 0) {
        const a = parseAddress(text.slice(0, dash));
        const b = parseAddress(text.slice(dash + 1));
        if (!a || !b || a.kind() !== b.kind()) {
            return undefined;
        }
        const first = toBigInt(a.toByteArray());
        const last = toBigInt(b.toByteArray());
        if (first > last) {
            return undefined;
        }
        return { family: a.kind(), set: AddressSet.range(a.kind(), first, last), label: msg`${safe.cidr(a.toString())}-${safe.cidr(b.toString())}` };
    }
    const addr = parseAddress(text);
    if (!addr) {
        return undefined;
    }
    const value = toBigInt(addr.toByteArray());
    return { family: addr.kind(), set: AddressSet.range(addr.kind(), value, value), label: safe.cidr(addr.toString()) };
}

/** One source prefix, classified. */
export type SourceClass =
    | {
          kind: "internal";
          /** How a message may name the source: a canonical CIDR, a service tag, an ASG. */
          label: Safe;
          /** The addresses a Deny rule with this source covers. */
          covers: AddressSet;
      }
    | {
          kind: "internet";
          label: Safe;
          /** The internet addresses an Allow rule with this source admits. */
          admits: AddressSet;
          /** The addresses a Deny rule with this source covers (can be narrower, e.g. bare `0.0.0.0`). */
          covers: AddressSet;
          /** True for `*`, `Any`, `Internet`, `/0` and bare `0.0.0.0`/`::`: any address at all. */
          any: boolean;
      }
    | { kind: "unknown" }
    | { kind: "invalid" };

const INTERNET_WORD_SET = new Set(ALL_INTERNET_WORDS.map((w) => w.toLowerCase()));
const INTERNAL_TAG_SET = new Set(INTERNAL_SERVICE_TAGS.map((t) => t.toLowerCase()));

/**
 * Classifies one source prefix as written in a rule (`sourceAddressPrefix`, an entry of
 * `sourceAddressPrefixes`, a firewall `sourceAddresses` entry, a JIT `allowedSourceAddressPrefix`).
 * Surrounding whitespace is ignored and words compare case-insensitively; a string that is neither
 * an address, a CIDR, an address range nor a service tag is `invalid`.
 */
export function classifySource(value: unknown): SourceClass {
    if (typeof value !== "string") {
        return classify(value);
    }
    // The same few prefixes recur across every rule of a stack; their classes are immutable.
    return remembered(classified, value, () => classify(value));
}

/** `make()`'s value for `key`, kept in `cache` (emptied when it grows past the limit). */
function remembered<T>(cache: Map<string, T>, key: string, make: () => T): T {
    let value = cache.get(key);
    if (value === undefined) {
        if (cache.size >= CLASSIFIED_LIMIT) {
            cache.clear();
        }
        value = make();
        cache.set(key, value);
    }
    return value;
}

const CLASSIFIED_LIMIT = 10_000;
const classified = new Map<string, SourceClass>();

function classify(value: unknown): SourceClass {
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    if (typeof value !== "string") {
        return { kind: "invalid" };
    }
    const text = value.trim();
    if (text === "") {
        return { kind: "invalid" };
    }
    const lower = text.toLowerCase();
    if (INTERNET_WORD_SET.has(lower)) {
        const label = lower === "*" ? safe.literal("*") : lower === "any" ? safe.literal("Any") : safe.literal("service tag Internet");
        return { kind: "internet", label, admits: ALL_INTERNET, covers: AddressSet.everything, any: true };
    }
    if (INTERNAL_TAG_SET.has(lower)) {
        return { kind: "internal", label: tagLabel(text), covers: AddressSet.empty };
    }
    // A bare unspecified address is read by people as "any" — admit the whole family — but as a
    // Deny it covers only the one address it literally is.
    if (text === "0.0.0.0" || text === "::") {
        const family: Family = text === "::" ? "ipv6" : "ipv4";
        const admits = (family === "ipv4" ? AddressSet.range("ipv4", 0n, V4_MAX) : AddressSet.range("ipv6", 0n, V6_MAX)).internetPart();
        return { kind: "internet", label: safe.cidr(text), admits, covers: AddressSet.range(family, 0n, 0n), any: true };
    }
    const range = parseRange(text);
    if (range) {
        const internet = range.set.internetPart();
        if (internet.isEmpty()) {
            return { kind: "internal", label: range.label, covers: range.set };
        }
        const any = range.family === "ipv4" ? internet.coversAllInternetV4() : contains(internet.v6, PUBLIC_V6);
        return { kind: "internet", label: range.label, admits: internet, covers: range.set, any };
    }
    if (TAG_SYNTAX.test(text) && !/^[0-9.:]+$/.test(text)) {
        const tag = AddressSet.opaqueSet(`tag:${lower}`);
        return { kind: "internet", label: tagLabel(text), admits: tag, covers: tag, any: false };
    }
    return { kind: "invalid" };
}

/** The source of an Allow whose value is unknown but comes from a public IP address resource. */
export function publicAddressSource(resourceName: string, urn: string): SourceClass {
    const set = AddressSet.opaqueSet(`publicip:${urn}`);
    return { kind: "internet", label: msg`the address of public IP ${safe.name(resourceName)}`, admits: set, covers: set, any: false };
}

/** What an Allow with an unknown source must be assumed to admit: anything, tags included. */
export const UNKNOWN_ADMITS = AddressSet.union([ALL_INTERNET, AddressSet.opaqueSet("unknown:")]);

// ---------------------------------------------------------------------------------------------
// Approvals (`allowedSourcePrefixes`)

export interface Approvals {
    /** Every address and tag the user approved. */
    readonly set: AddressSet;
    /** Indexes of entries that are neither a CIDR, an address, nor a service tag. */
    readonly invalid: readonly number[];
}

export const NO_APPROVALS: Approvals = { set: AddressSet.empty, invalid: [] };

/**
 * Reads `allowedSourcePrefixes` (CIDRs, addresses or service tags). An approved `Internet`/`*`
 * approves every source; an approved tag approves that tag only; CIDRs approve the addresses they
 * hold, together (two halves approve the whole).
 */
export function parseApprovals(list: unknown): Approvals {
    if (!Array.isArray(list) || list.length === 0) {
        return NO_APPROVALS;
    }
    // One object per list of prefixes, so that answers computed for one policy's approvals serve
    // another policy with the same list (nsg-rules.ts keeps answers per approvals).
    return remembered(approvalsByList, JSON.stringify(list), () => readApprovals(list));
}

const approvalsByList = new Map<string, Approvals>();

function readApprovals(list: readonly unknown[]): Approvals {
    const sets: AddressSet[] = [];
    const invalid: number[] = [];
    list.forEach((entry, i) => {
        const c = classifySource(entry);
        if (c.kind === "internet") {
            // The literal reading applies, as for a Deny: `0.0.0.0` approves that one address only.
            sets.push(c.covers);
        } else if (c.kind === "internal") {
            sets.push(c.covers);
        } else {
            invalid.push(i);
        }
    });
    return { set: AddressSet.union(sets), invalid };
}

/** The internet addresses of `admitted` that no approval covers. */
export function unapproved(admitted: AddressSet, approvals: Approvals): AddressSet {
    return admitted.minus(approvals.set);
}

/**
 * True when a classified source needs no approval (internal) or is approved in full. Unknown and
 * invalid sources are never approved.
 */
export function isApproved(source: SourceClass, approvals: Approvals): boolean {
    if (source.kind === "internal") {
        return true;
    }
    if (source.kind !== "internet") {
        return false;
    }
    return unapproved(source.admits, approvals).isEmpty();
}

/** True for a source that lets internet traffic in after approvals (internet and not approved). */
export function isInternetSource(source: SourceClass, approvals: Approvals = NO_APPROVALS): boolean {
    return source.kind === "internet" && !isApproved(source, approvals);
}
