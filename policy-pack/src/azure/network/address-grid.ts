// The cover of an NSG's Deny rules, grown in priority order while its Allow rules are read in the
// same order, so that each Allow meets the union of the Deny rules before it (DESIGN §3a).
//
// Every set an NSG's rules can add to the cover or take from it is known before the sweep starts.
// Their interval ends cut each address family into segments once per NSG (`AddressGrid`); a set is
// then a few runs of segment numbers, and the cover is one "next segment not yet covered" pointer per
// segment, path-compressed, beside one bit per covered segment. Covering a segment happens once per
// sweep; asking whether a set is covered follows the pointers; taking the cover from a set costs the
// open pieces it leaves. Each query of the NSG costs a constant per rule and segment, where inserting
// into one sorted interval list grew with the square of the rules. `PackedRuns` lays the runs of many
// sets out in one typed array, so that a sweep reads memory in order.
import { AddressSet, ALL_INTERNET, Interval } from "./addresses";

/** Sets placed on a grid to be added to a cover: runs of segment numbers (end exclusive), which may overlap. */
export interface PlacedCover {
    readonly v4: readonly number[];
    readonly v6: readonly number[];
    /** The sets' opaque sets, at hand: a sweep reads them for every rule. */
    readonly opaque: readonly string[];
}

/** A set placed on a grid: where its intervals start and end, in order, one pair of segment numbers per interval. */
export interface PlacedSet extends PlacedCover {
    readonly set: AddressSet;
}

/** Sorted, distinct segment starts of one family, with the end of the family as the last entry. */
interface FamilyEdges {
    readonly at: (i: number) => bigint;
    /** Where each interval of the set's family starts and ends: its ends must be among the edges. */
    readonly runs: (set: AddressSet) => number[];
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
function v4Edges(sets: readonly AddressSet[]): FamilyEdges {
    const raw: number[] = [];
    for (const set of sets) {
        raw.push(...set.v4Ends());
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
        runs: (set) => set.v4Ends().map(indexOf),
        segments: Math.max(0, n - 1),
    };
}

function v6Edges(sets: readonly AddressSet[]): FamilyEdges {
    const raw: bigint[] = [];
    for (const set of sets) {
        for (const [lo, hi] of set.v6) {
            raw.push(lo, hi + 1n);
        }
    }
    raw.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const edges = raw.filter((e, i) => i === 0 || e !== raw[i - 1]);
    const index = new Map(edges.map((e, i) => [e, i]));
    const indexOf = (value: bigint) => edgeIndex(index, value);
    return {
        at: (i) => edges[i],
        runs: (set) => {
            const out: number[] = [];
            for (const [lo, hi] of set.v6) {
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
const BASE_V4 = v4Edges(ALWAYS);
const BASE_V6 = v6Edges(ALWAYS);
const BASE_V4_VALUES = new Set(ALWAYS.flatMap((s) => s.v4Ends()));
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
        const ownV4 = own.some((s) => s.v4Ends().some((end) => !BASE_V4_VALUES.has(end)));
        const ownV6 = own.some((s) => s.v6.some(([lo, hi]) => !BASE_V6_VALUES.has(lo) || !BASE_V6_VALUES.has(hi + 1n)));
        this.v4 = ownV4 ? v4Edges([...ALWAYS, ...own]) : BASE_V4;
        this.v6 = ownV6 ? v6Edges([...ALWAYS, ...own]) : BASE_V6;
        this.allInternet = this.place(ALL_INTERNET);
    }

    /**
     * Sets to be added to a cover together, on the grid: their runs one after the other, as adding
     * each would add them — without building their union.
     */
    placeCover(sets: readonly AddressSet[]): PlacedCover {
        const placed = sets.map((set) => this.place(set));
        return {
            v4: placed.flatMap((p) => p.v4),
            v6: placed.flatMap((p) => p.v6),
            opaque: placed.flatMap((p) => p.opaque),
        };
    }

    /** `set`, whose interval ends must be among those the grid was built from, on the grid. */
    place(set: AddressSet): PlacedSet {
        return {
            set,
            v4: set.v4.length === 0 ? NOWHERE : this.v4.runs(set),
            v6: set.v6.length === 0 ? NOWHERE : this.v6.runs(set),
            opaque: set.opaque.size === 0 ? NO_KEYS : [...set.opaque],
        };
    }
}

/**
 * One family's cover. `link[j]` is 0 while segment `j` is open; once covered, it is one more than a
 * later segment from which to look for the next open one (0 for "open" lets a fresh typed array,
 * which is filled with zeros, stand for a cover of nothing). `covered` holds one bit per segment,
 * for the other question — where the next covered segment is — so that taking the cover from a set
 * costs the pieces it leaves, not the segments it spans.
 */
class FamilyCover {
    private link?: Int32Array;
    private covered?: Int32Array;

    constructor(private readonly edges: FamilyEdges) {}

    /** Back to covering nothing, keeping the arrays: a cover per query would be garbage per query. */
    clear(): void {
        this.link?.fill(0);
        this.covered?.fill(0);
    }

    /** The first covered segment in `[j, end)`, or `end`. */
    private nextCovered(j: number, end: number): number {
        const bits = this.covered;
        if (!bits) {
            return end;
        }
        while (j < end) {
            const word = bits[j >>> 5] >>> (j & 31);
            if (word !== 0) {
                // The lowest bit set, counted from `j`.
                return Math.min(end, j + 31 - Math.clz32(word & -word));
            }
            j = (j | 31) + 1;
        }
        return end;
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

    /** Covers the runs `runs[from..to)`. */
    cover(runs: ArrayLike<number>, from = 0, to = runs.length): void {
        if (from === to) {
            return;
        }
        const link = (this.link ??= new Int32Array(this.edges.segments + 1));
        const covered = (this.covered ??= new Int32Array((this.edges.segments >>> 5) + 1));
        for (let k = from; k < to; k += 2) {
            const end = runs[k + 1];
            for (let j = this.open(runs[k]); j < end; j = this.open(j + 1)) {
                link[j] = j + 2;
                covered[j >>> 5] |= 1 << (j & 31);
            }
        }
    }

    /** True when every segment of the runs `runs[from..to)` is covered. */
    holds(runs: ArrayLike<number>, from = 0, to = runs.length): boolean {
        for (let k = from; k < to; k += 2) {
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
            const start = runs[2 * k];
            const end = runs[2 * k + 1];
            if (this.nextCovered(start, end) === end) {
                out?.push(list[k]);
                continue;
            }
            out ??= list.slice(0, k);
            // Each open piece runs from an open segment to the next covered one.
            for (let j = this.open(start); j < end; ) {
                const stop = this.nextCovered(j, end);
                out.push([this.edges.at(j), this.edges.at(stop) - 1n]);
                j = this.open(stop);
            }
        }
        return out;
    }
}

/**
 * Sets placed on one grid, their runs packed one after the other in a typed array per family: a
 * sweep over a thousand rules then reads a few contiguous arrays rather than objects scattered over
 * the heap, which took a third more time per rule at 1,000 rules than at 250. Set `i`'s runs are
 * `v4[v4From[i]..v4From[i + 1])` (likewise IPv6). Opaque sets are not packed: callers keep those
 * sets on the unpacked path.
 */
export class PackedRuns {
    readonly v4: Int32Array;
    readonly v4From: Int32Array;
    readonly v6: Int32Array;
    readonly v6From: Int32Array;

    constructor(sets: readonly PlacedCover[]) {
        [this.v4, this.v4From] = packLists(sets.map((s) => s.v4));
        [this.v6, this.v6From] = packLists(sets.map((s) => s.v6));
    }
}

/** Lists of integers one after the other, and where each starts (`from[i]`, with the total last). */
export function packLists(lists: readonly (readonly number[])[]): [Int32Array, Int32Array] {
    const from = new Int32Array(lists.length + 1);
    lists.forEach((list, i) => (from[i + 1] = from[i] + list.length));
    const all = new Int32Array(from[lists.length]);
    lists.forEach((list, i) => all.set(list, from[i]));
    return [all, from];
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

    add(placed: PlacedCover): void {
        this.v4.cover(placed.v4);
        this.v6.cover(placed.v6);
        for (const key of placed.opaque) {
            this.keys.add(key);
        }
        this.grown ||= placed.v4.length > 0 || placed.v6.length > 0;
    }

    /** Adds packed set `i`, as `add` adds the set it was packed from. */
    addPacked(packed: PackedRuns, i: number): void {
        const v4From = packed.v4From[i];
        const v4To = packed.v4From[i + 1];
        const v6From = packed.v6From[i];
        const v6To = packed.v6From[i + 1];
        this.v4.cover(packed.v4, v4From, v4To);
        this.v6.cover(packed.v6, v6From, v6To);
        this.grown ||= v4From < v4To || v6From < v6To;
    }

    /** True when the cover holds every address of packed set `i`. */
    holdsPacked(packed: PackedRuns, i: number): boolean {
        return this.v4.holds(packed.v4, packed.v4From[i], packed.v4From[i + 1]) && this.v6.holds(packed.v6, packed.v6From[i], packed.v6From[i + 1]);
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

    /** True when some opaque set (a service tag, a public IP) came in. */
    holdsSomeOpaque(): boolean {
        return this.keys.size > 0;
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
