// ISO 8601 durations and date-times as Azure PIM and Defender JIT accept them (`PT3H`, `PT180M`,
// `P1D`, `P90D`, `P1DT2H30M`, `P0001-00-00T00:00:00`, `2025-12-31T00:00:00Z`). Written by hand: the
// grammar is small, and the pack stays free of a date library for one parser.

export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86_400;

// Years and months have no fixed length; a bound needs one. Nominal lengths keep `P1Y` equal to
// `P365D` and `P1M` to `P30D`, the lengths Azure's own PIM defaults are written in.
const UNIT_SECONDS = {
    Y: 365 * SECONDS_PER_DAY,
    M: 30 * SECONDS_PER_DAY,
    W: 7 * SECONDS_PER_DAY,
    D: SECONDS_PER_DAY,
    H: SECONDS_PER_HOUR,
    m: 60,
    S: 1,
} as const;

const NUMBER = "(\\d+(?:[.,]\\d+)?)";
const DESIGNATORS = new RegExp(
    `^P(?:${NUMBER}Y)?(?:${NUMBER}M)?(?:${NUMBER}W)?(?:${NUMBER}D)?(?:T(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`,
);
const ALTERNATIVE = /^P(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2}(?:[.,]\d+)?)$/;

function num(text: string | undefined): number {
    return text === undefined ? 0 : Number(text.replace(",", "."));
}

/**
 * Parses an ISO 8601 duration into seconds: the designator form (`PnYnMnWnDTnHnMnS`, a decimal
 * fraction allowed) or the alternative form `PYYYY-MM-DDThh:mm:ss`. Letters may be in any case.
 * Returns undefined for anything else, including negative and empty durations (`P`, `PT`).
 */
export function parseDurationSeconds(value: unknown): number | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    const text = value.trim().toUpperCase();
    const alt = ALTERNATIVE.exec(text);
    if (alt) {
        const [, y, mo, d, h, mi, s] = alt;
        if (num(mo) > 12 || num(d) > 30 || num(h) > 24 || num(mi) > 59 || num(s) >= 60) {
            return undefined;
        }
        return (
            num(y) * UNIT_SECONDS.Y +
            num(mo) * UNIT_SECONDS.M +
            num(d) * UNIT_SECONDS.D +
            num(h) * UNIT_SECONDS.H +
            num(mi) * UNIT_SECONDS.m +
            num(s)
        );
    }
    const m = DESIGNATORS.exec(text);
    if (!m || text === "P" || text.endsWith("T")) {
        return undefined;
    }
    const [, y, mo, w, d, h, mi, s] = m;
    const parts = [y, mo, w, d, h, mi, s];
    if (parts.every((p) => p === undefined)) {
        return undefined;
    }
    const total =
        num(y) * UNIT_SECONDS.Y +
        num(mo) * UNIT_SECONDS.M +
        num(w) * UNIT_SECONDS.W +
        num(d) * UNIT_SECONDS.D +
        num(h) * UNIT_SECONDS.H +
        num(mi) * UNIT_SECONDS.m +
        num(s);
    return Number.isFinite(total) ? total : undefined;
}

const DATE_TIME =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

function daysInMonth(year: number, month: number): number {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses an ISO 8601 date or date-time (`2025-12-31`, `2025-12-31T08:00:00Z`, with fractions and
 * offsets) into epoch milliseconds. A time without an offset is UTC, as Azure reads it. Returns
 * undefined for anything that is not a real calendar date and time.
 */
export function parseDateTime(value: unknown): number | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    const m = DATE_TIME.exec(value.trim());
    if (!m) {
        return undefined;
    }
    const [, ys, mos, ds, hs = "0", mis = "0", ss = "0", fraction = "", zone = "Z"] = m;
    const [year, month, day, hour, minute, second] = [ys, mos, ds, hs, mis, ss].map(Number);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
        return undefined;
    }
    let offsetMinutes = 0;
    if (zone.toUpperCase() !== "Z") {
        const digits = zone.replace(":", "");
        const sign = digits.startsWith("-") ? -1 : 1;
        const oh = Number(digits.slice(1, 3));
        const om = Number(digits.slice(3, 5));
        if (oh > 23 || om > 59) {
            return undefined;
        }
        offsetMinutes = sign * (oh * 60 + om);
    }
    const millis = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
    return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

/** A duration in seconds as the words a message shows: `3 hours`, `400 days`, `90 minutes`. */
export function describeSeconds(seconds: number): string {
    const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
    // Hours read better than "1 day" next to limits written in hours (PT3H, PT8H).
    if (seconds < 2 * SECONDS_PER_DAY && seconds % SECONDS_PER_HOUR === 0) {
        return plural(seconds / SECONDS_PER_HOUR, "hour");
    }
    if (seconds >= SECONDS_PER_DAY && seconds % SECONDS_PER_DAY === 0) {
        return plural(seconds / SECONDS_PER_DAY, "day");
    }
    if (seconds >= SECONDS_PER_DAY) {
        return `more than ${plural(Math.floor(seconds / SECONDS_PER_DAY), "day")}`;
    }
    if (seconds >= SECONDS_PER_HOUR && seconds % SECONDS_PER_HOUR === 0) {
        return plural(seconds / SECONDS_PER_HOUR, "hour");
    }
    if (seconds >= 60 && seconds % 60 === 0) {
        return plural(seconds / 60, "minute");
    }
    return plural(Math.round(seconds), "second");
}
