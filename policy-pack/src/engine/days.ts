// Calendar days as `YYYY-MM-DD` strings in UTC: what exemptions expire on, and what "today" is. Such
// strings sort as the days they name.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Milliseconds at the start of the day `text` names, or undefined when it names no calendar day. */
export function calendarDay(text: unknown): number | undefined {
    if (typeof text !== "string") {
        return undefined;
    }
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) {
        return undefined;
    }
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const at = Date.UTC(year, month - 1, day);
    // Date.UTC rolls 2027-02-30 over into March: a real day reads back as itself.
    return dayText(at) === text ? at : undefined;
}

export function dayText(ms: number): string {
    return new Date(ms).toISOString().slice(0, 10);
}

/** Today in UTC. */
export function today(): string {
    return dayText(Date.now());
}

/** Whole days from `from` to `to` (both calendar days); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
    return Math.round((calendarDay(to)! - calendarDay(from)!) / DAY_MS);
}

export function addDays(day: string, days: number): string {
    return dayText(calendarDay(day)! + days * DAY_MS);
}
