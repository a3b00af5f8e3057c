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
}

/** Sorted, distinct segment starts of one family, with the end of the family as the last entry. */
interface FamilyEdges {
    readonly at: (i: number) => bigint;
    /** Where each interval of `list` starts and ends: its ends must be among the edges. */
    readonly runs: (list: readonly Interval[]) => number[];
    readonly segments: number;
}

/** The first index in `[0, length)` for which `below` is false (`below` holds for a prefix). */
function lowerBound(length: number, below: (i: number) => boolean): number {
    let lo = 0;
    let hi = length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (below(mid)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/** Placements per interval list, for the life of one family of edges (lists are shared and immutable). */
function memoised(place: (list: readonly Interval[]) => number[]): (list: readonly Interval[]) => number[] {
    const placed = new WeakMap<readonly Interval[], number[]>();
    return (list) => {
        let runs = placed.get(list);
        if (!runs) {
            runs = place(list);
            placed.set(list, runs);
        }
        return runs;
    };
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
    const indexOf = (value: number) => lowerBound(n, (i) => edges[i] < value);
    return {
        at: (i) => BigInt(edges[i]),
        runs: memoised((list) => {
            const out: number[] = [];
            for (const [lo, hi] of list) {
                out.push(indexOf(Number(lo)), indexOf(Number(hi) + 1));
            }
            return out;
        }),
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
    const indexOf = (value: bigint) => lowerBound(edges.length, (i) => edges[i] < value);
    return {
        at: (i) => edges[i],
        runs: memoised((list) => {
            const out: number[] = [];
            for (const [lo, hi] of list) {
                out.push(indexOf(lo), indexOf(hi + 1n));
            }
            return out;
        }),
        segments: Math.max(0, edges.length - 1),
    };
}

const NOWHERE: readonly number[] = [];

// Every grid holds every address and every internet address. Most NSGs add no edge of their own in a
// family (no IPv6 source, or only `*`): such a family is this shared one, placements included.
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
        };
    }
}

/**
 * One family's cover. `link[j]` is 0 while segment `j` is open; once covered, it is one more than a
 * later segment from which to look for the next open one (0 for "open" lets a fresh array, which
 * is filled with zeros, stand for a cover of nothing).
 */
class FamilyCover {
    private link?: number[];

    constructor(private readonly edges: FamilyEdges) {}

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
        const link = (this.link ??= new Array<number>(this.edges.segments + 1).fill(0));
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

    add(placed: PlacedSet): void {
        const { set } = placed;
        this.v4.cover(placed.v4);
        this.v6.cover(placed.v6);
        for (const key of set.opaque) {
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
        for (const key of placed.set.opaque) {
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
