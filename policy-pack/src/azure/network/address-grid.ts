// The cover of an NSG's Deny rules, grown in priority order while its Allow rules are read in the
// same order, so that each Allow meets the union of the Deny rules before it (DESIGN §3a).
//
// Every set an NSG's rules can add to the cover or take from it is known before the sweep starts.
// Their interval ends cut each address family into segments once per NSG (`AddressGrid`); a set is
// then a few runs of segment numbers, and the cover is one "next segment not yet covered" pointer per
// segment, path-compressed. Covering a segment happens once per sweep, and taking the cover from a
// set walks only its segments that are still open: each query of the NSG costs a constant per rule
// and segment, where inserting into one sorted interval list grew with the square of the rules.
import { AddressSet, ALL_INTERNET, Interval } from "./addresses";

/** A set placed on a grid: where its intervals start and end, as pairs of segment numbers (end exclusive). */
export interface PlacedSet {
    readonly set: AddressSet;
    readonly v4: readonly number[];
    readonly v6: readonly number[];
    /** The set's opaque sets, at hand: a sweep reads them for every rule. */
    readonly opaque: readonly string[];
}

/** Sorted, distinct segment starts of one family, with the end of the family as the last entry. */
interface FamilyEdges {
    readonly at: (i: number) => bigint;
    /** Where each interval of `list` starts and ends: its ends must be among the edges. */
    readonly runs: (list: readonly Interval[]) => number[];
    readonly segments: number;
}

/** Where an interval end sits among a family's edges: every end placed on a grid is one of its edges. */
function edgeIndex<T>(index: ReadonlyMap<T, number>, value: T): number {
    const i = index.get(value);
    if (i === undefined) {
        throw new Error(`internal error: an address set was placed on a grid not built from its ends`);
    }
    return i;
}

// IPv4 edges fit a double exactly and sort natively; IPv6 edges stay bigints (IPv6 rules are rare).
function v4Edges(lists: readonly (readonly Interval[])[]): FamilyEdges {
    const raw: number[] = [];
    for (const list of lists) {
        for (const [lo, hi] of list) {
            raw.push(Number(lo), Number(hi) + 1);
        }
    }
    // A typed array sorts many numbers natively; a few sort cheaper where they are (a typed array's
    // own allocation costs more than that).
    const sorted = raw.length > 256 ? Float64Array.from(raw).sort() : raw.sort((a, b) => a - b);
    let n = 0;
    for (let i = 0; i < sorted.length; i++) {
        if (i === 0 || sorted[i] !== sorted[i - 1]) {
            sorted[n++] = sorted[i];
        }
    }
    const edges = sorted;
    // Every end placed is an edge: looked up by value rather than searched for.
    const index = new Map<number, number>();
    for (let i = 0; i < n; i++) {
        index.set(edges[i], i);
    }
    const indexOf = (value: number) => edgeIndex(index, value);
    return {
        at: (i) => BigInt(edges[i]),
        runs: (list) => {
            const out: number[] = [];
            for (const [lo, hi] of list) {
                out.push(indexOf(Number(lo)), indexOf(Number(hi) + 1));
            }
            return out;
        },
        segments: Math.max(0, n - 1),
    };
}

function v6Edges(lists: readonly (readonly Interval[])[]): FamilyEdges {
    const raw: bigint[] = [];
    for (const list of lists) {
        for (const [lo, hi] of list) {
            raw.push(lo, hi + 1n);
        }
    }
    raw.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const edges = raw.filter((e, i) => i === 0 || e !== raw[i - 1]);
    const index = new Map(edges.map((e, i) => [e, i]));
    const indexOf = (value: bigint) => edgeIndex(index, value);
    return {
        at: (i) => edges[i],
        runs: (list) => {
            const out: number[] = [];
            for (const [lo, hi] of list) {
                out.push(indexOf(lo), indexOf(hi + 1n));
            }
            return out;
        },
        segments: Math.max(0, edges.length - 1),
    };
}

const NOWHERE: readonly number[] = [];
const NO_KEYS: readonly string[] = [];

// Every grid holds every address and every internet address. Most NSGs add no edge of their own in a
// family (no IPv6 source, or only `*`): such a family is this shared one.
const ALWAYS = [AddressSet.everything, ALL_INTERNET];
const BASE_V4 = v4Edges(ALWAYS.map((s) => s.v4));
const BASE_V6 = v6Edges(ALWAYS.map((s) => s.v6));
const BASE_V4_VALUES = new Set(ALWAYS.flatMap((s) => s.v4.flatMap(([lo, hi]) => [Number(lo), Number(hi) + 1])));
const BASE_V6_VALUES = new Set(ALWAYS.flatMap((s) => s.v6.flatMap(([lo, hi]) => [lo, hi + 1n])));

/**
 * The segments that the interval ends of a fixed collection of sets cut each family into. Only those
 * sets (and sets whose ends are among theirs) can be placed on it.
 */
export class AddressGrid {
    readonly v4: FamilyEdges;
    readonly v6: FamilyEdges;
    /** Every internet address: covers are asked whether they hold it. */
    readonly allInternet: PlacedSet;

    constructor(sets: Iterable<AddressSet>) {
        const own = [...sets];
        const ownV4 = own.some((s) => s.v4.some(([lo, hi]) => !BASE_V4_VALUES.has(Number(lo)) || !BASE_V4_VALUES.has(Number(hi) + 1)));
        const ownV6 = own.some((s) => s.v6.some(([lo, hi]) => !BASE_V6_VALUES.has(lo) || !BASE_V6_VALUES.has(hi + 1n)));
        this.v4 = ownV4 ? v4Edges([...ALWAYS, ...own].map((s) => s.v4)) : BASE_V4;
        this.v6 = ownV6 ? v6Edges([...ALWAYS, ...own].map((s) => s.v6)) : BASE_V6;
        this.allInternet = this.place(ALL_INTERNET);
    }

    /** `set`, whose interval ends must be among those the grid was built from, on the grid. */
    place(set: AddressSet): PlacedSet {
        return {
            set,
            v4: set.v4.length === 0 ? NOWHERE : this.v4.runs(set.v4),
            v6: set.v6.length === 0 ? NOWHERE : this.v6.runs(set.v6),
            opaque: set.opaque.size === 0 ? NO_KEYS : [...set.opaque],
        };
    }
}

/**
 * One family's cover. `link[j]` is 0 while segment `j` is open; once covered, it is one more than a
 * later segment from which to look for the next open one (0 for "open" lets a fresh typed array,
 * which is filled with zeros, stand for a cover of nothing).
 */
class FamilyCover {
    private link?: Int32Array;

    constructor(private readonly edges: FamilyEdges) {}

    /** Back to covering nothing, keeping the array: a cover per query would be garbage per query. */
    clear(): void {
        this.link?.fill(0);
    }

    /** The first open segment at or after `j` (the last entry stands past the end, never covered). */
    private open(j: number): number {
        const link = this.link;
        if (!link) {
            return j;
        }
        // Path halving: every step also shortens the way for the next search.
        while (link[j] !== 0) {
            const next = link[j] - 1;
            const after = link[next] === 0 ? next : link[next] - 1;
            link[j] = after + 1;
            j = after;
        }
        return j;
    }

    cover(runs: readonly number[]): void {
        if (runs.length === 0) {
            return;
        }
        const link = (this.link ??= new Int32Array(this.edges.segments + 1));
        for (let k = 0; k < runs.length; k += 2) {
            const end = runs[k + 1];
            for (let j = this.open(runs[k]); j < end; j = this.open(j + 1)) {
                link[j] = j + 2;
            }
        }
    }

    /** True when every segment of `runs` is covered. */
    holds(runs: readonly number[]): boolean {
        for (let k = 0; k < runs.length; k += 2) {
            if (this.open(runs[k]) < runs[k + 1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The open parts of `list`, placed on the grid as `runs`, or `undefined` when the cover takes
     * nothing from it. Intervals it leaves whole are kept as they are.
     */
    openParts(list: readonly Interval[], runs: readonly number[]): readonly Interval[] | undefined {
        let out: Interval[] | undefined;
        for (let k = 0; k < list.length; k++) {
            const [start, end] = [runs[2 * k], runs[2 * k + 1]];
            if (this.allOpen(start, end)) {
                out?.push(list[k]);
                continue;
            }
            out ??= list.slice(0, k);
            for (let j = this.open(start); j < end; ) {
                let last = j;
                while (last + 1 < end && this.open(last + 1) === last + 1) {
                    last++;
                }
                out.push([this.edges.at(j), this.edges.at(last + 1) - 1n]);
                j = this.open(last + 1);
            }
        }
        return out;
    }

    private allOpen(start: number, end: number): boolean {
        for (let j = start; j < end; j++) {
            if (this.open(j) !== j) {
                return false;
            }
        }
        return true;
    }
}

/**
 * The union of the sets added so far, on a grid that holds every set added or taken away. Taking it
 * away from a set gives what `set.minus(AddressSet.union(added))` gives.
 */
export class GridCover {
    private readonly v4: FamilyCover;
    private readonly v6: FamilyCover;
    private readonly keys = new Set<string>();
    private allInternet = false;
    private grown = false;

    constructor(private readonly grid: AddressGrid) {
        this.v4 = new FamilyCover(grid.v4);
        this.v6 = new FamilyCover(grid.v6);
    }

    /** Empties the cover, to grow it again on the same grid. */
    clear(): void {
        this.v4.clear();
        this.v6.clear();
        this.keys.clear();
        this.allInternet = false;
        this.grown = false;
    }

    add(placed: PlacedSet): void {
        this.v4.cover(placed.v4);
        this.v6.cover(placed.v6);
        for (const key of placed.opaque) {
            this.keys.add(key);
        }
        this.grown ||= placed.v4.length > 0 || placed.v6.length > 0;
    }

    /** True when the cover holds the opaque set `key`: that very set, or every internet address. */
    coversOpaque(key: string): boolean {
        if (this.keys.has(key)) {
            return true;
        }
        // Once every internet address is in, it stays in: checked again only after intervals came in.
        if (!this.allInternet && this.grown) {
            this.allInternet = this.v4.holds(this.grid.allInternet.v4) && this.v6.holds(this.grid.allInternet.v6);
            this.grown = false;
        }
        return this.allInternet;
    }

    /** True when the cover holds every address of the set (and every opaque set in it). */
    holds(placed: PlacedSet): boolean {
        if (!this.v4.holds(placed.v4) || !this.v6.holds(placed.v6)) {
            return false;
        }
        for (const key of placed.opaque) {
            if (!this.coversOpaque(key)) {
                return false;
            }
        }
        return true;
    }

    /** The set without the cover: the set itself when the cover takes nothing away. */
    takeFrom(placed: PlacedSet): AddressSet {
        const { set } = placed;
        if (set.isEmpty()) {
            return set;
        }
        const v4 = this.v4.openParts(set.v4, placed.v4);
        const v6 = this.v6.openParts(set.v6, placed.v6);
        let opaque = set.opaque;
        for (const key of set.opaque) {
            if (this.coversOpaque(key)) {
                opaque = new Set([...set.opaque].filter((k) => !this.coversOpaque(k)));
                break;
            }
        }
        if (!v4 && !v6 && opaque === set.opaque) {
            return set;
        }
        return AddressSet.of(v4 ?? set.v4, v6 ?? set.v6, opaque);
    }
}
