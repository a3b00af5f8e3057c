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

// IPv4 edges fit a double exactly and sort natively; IPv6 edges stay bigints (IPv6 rules are rare).
function v4Edges(lists: readonly (readonly Interval[])[]): FamilyEdges {
    let count = 0;
    for (const list of lists) {
        count += list.length * 2;
    }
    const sorted = new Float64Array(count);
    let k = 0;
    for (const list of lists) {
        for (const [lo, hi] of list) {
            sorted[k++] = Number(lo);
            sorted[k++] = Number(hi) + 1;
        }
    }
    sorted.sort();
    let n = 0;
    for (let i = 0; i < sorted.length; i++) {
        if (i === 0 || sorted[i] !== sorted[i - 1]) {
            sorted[n++] = sorted[i];
        }
    }
    const edges = sorted.subarray(0, n);
    const indexOf = (value: number) => lowerBound(n, (i) => edges[i] < value);
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
    const indexOf = (value: bigint) => lowerBound(edges.length, (i) => edges[i] < value);
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
        const all = [AddressSet.everything, ALL_INTERNET, ...sets];
        this.v4 = v4Edges(all.map((s) => s.v4));
        this.v6 = v6Edges(all.map((s) => s.v6));
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

function identity(length: number): Int32Array {
    const out = new Int32Array(length);
    for (let i = 0; i < length; i++) {
        out[i] = i;
    }
    return out;
}

/** One family's cover: `next[j]` leads to the first segment at or after `j` that is not covered. */
class FamilyCover {
    private next?: Int32Array;

    constructor(private readonly edges: FamilyEdges) {}

    private open(j: number): number {
        const next = this.next;
        if (!next) {
            return j;
        }
        // Path halving: every step also shortens the way for the next search.
        while (next[j] !== j) {
            next[j] = next[next[j]];
            j = next[j];
        }
        return j;
    }

    cover(runs: readonly number[]): void {
        if (runs.length === 0) {
            return;
        }
        const next = (this.next ??= identity(this.edges.segments + 1));
        for (let k = 0; k < runs.length; k += 2) {
            const end = runs[k + 1];
            for (let j = this.open(runs[k]); j < end; j = this.open(j + 1)) {
                next[j] = j + 1;
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
