// How long a PIM grant lasts, read from each provider's schedule into one `ExpiryReading`
// (azure/pim.ts), with the paths its users wrote:
//
//   azure-native  scheduleInfo.expiration { type: AfterDuration | AfterDateTime | NoExpiration,
//                 duration (ISO 8601), endDateTime }, scheduleInfo.startDateTime
//   classic       schedule.expiration { durationDays | durationHours | endDateTime },
//                 schedule.startDateTime. azurerm sends P{days}D, else PT{hours}H, else the end date,
//                 else NoExpiration — also when `schedule` or `expiration` is left out. A 0 or "" (what
//                 the provider's Check leaves in unset fields) is unset, as azurerm reads it.
import { isRecord, isUnknown } from "../engine/values";
import { parseDateTime, parseDurationSeconds, SECONDS_PER_DAY, SECONDS_PER_HOUR } from "../azure/durations";
import { ExpiryReading } from "../azure/pim";
import { sameWord } from "../azure/network/fields";

const EXPIRATION_TYPES = ["AfterDuration", "AfterDateTime", "NoExpiration"] as const;

const absent = (value: unknown) => value === undefined || value === null;
/** azurerm sends "" for a string field left unset. */
const unsetString = (value: unknown) => absent(value) || value === "";

/**
 * An end date-time, from a start (`startPath`): an unset or unknown start means when the request is
 * made. `startUnset` says which values mean unset to the provider.
 */
function until(path: string, end: unknown, startPath: string, start: unknown, startUnset: (v: unknown) => boolean): ExpiryReading {
    if (isUnknown(end)) {
        return { kind: "unknown", path };
    }
    const endMs = parseDateTime(end);
    if (endMs === undefined) {
        return { kind: "malformed", path, expected: "an ISO 8601 date-time" };
    }
    if (startUnset(start) || isUnknown(start)) {
        return { kind: "until", path, endMs };
    }
    const startMs = parseDateTime(start);
    return startMs === undefined ? { kind: "malformed", path: startPath, expected: "an ISO 8601 date-time" } : { kind: "until", path, endMs, startMs };
}

/** azure-native `scheduleInfo` of a PIM eligibility schedule. Without a `type`, the field that is set decides. */
export function readScheduleInfo(scheduleInfo: unknown): ExpiryReading {
    if (isUnknown(scheduleInfo)) {
        return { kind: "unknown", path: "scheduleInfo" };
    }
    if (absent(scheduleInfo)) {
        return { kind: "never", path: "scheduleInfo.expiration", cause: "not-set", defaulted: false };
    }
    if (!isRecord(scheduleInfo)) {
        return { kind: "malformed", path: "scheduleInfo", expected: "an object" };
    }
    const expiration = scheduleInfo.expiration;
    if (isUnknown(expiration)) {
        return { kind: "unknown", path: "scheduleInfo.expiration" };
    }
    if (absent(expiration)) {
        return { kind: "never", path: "scheduleInfo.expiration", cause: "not-set", defaulted: false };
    }
    if (!isRecord(expiration)) {
        return { kind: "malformed", path: "scheduleInfo.expiration", expected: "an object" };
    }
    let type = expiration.type;
    if (isUnknown(type)) {
        return { kind: "unknown", path: "scheduleInfo.expiration.type" };
    }
    if (absent(type)) {
        type = expiration.duration !== undefined ? "AfterDuration" : expiration.endDateTime !== undefined ? "AfterDateTime" : undefined;
    }
    if (type === undefined) {
        return { kind: "never", path: "scheduleInfo.expiration", cause: "none-of", fields: ["type", "duration", "endDateTime"], defaulted: false };
    }
    if (sameWord(type, "NoExpiration")) {
        return { kind: "never", path: "scheduleInfo.expiration.type", cause: "no-expiration", defaulted: false };
    }
    if (sameWord(type, "AfterDuration")) {
        const path = "scheduleInfo.expiration.duration";
        if (isUnknown(expiration.duration)) {
            return { kind: "unknown", path };
        }
        const seconds = parseDurationSeconds(expiration.duration);
        return seconds === undefined ? { kind: "malformed", path, expected: "an ISO 8601 duration (such as P90D)" } : { kind: "duration", path, seconds };
    }
    if (sameWord(type, "AfterDateTime")) {
        return until("scheduleInfo.expiration.endDateTime", expiration.endDateTime, "scheduleInfo.startDateTime", scheduleInfo.startDateTime, absent);
    }
    return { kind: "malformed", path: "scheduleInfo.expiration.type", expected: `one of ${EXPIRATION_TYPES.slice(0, -1).join(", ")} or ${EXPIRATION_TYPES.at(-1)}` };
}

/** A whole number of days or hours, as azurerm's integer fields take it; 0 is unset. */
type Count = { kind: "unset" } | { kind: "count"; n: number } | { kind: "unknown" } | { kind: "malformed" };

function readCount(value: unknown): Count {
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    if (absent(value) || value === 0 || value === "") {
        return { kind: "unset" };
    }
    // The provider's Check turns a numeric string into the integer it holds; a mock keeps the string.
    const n = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? { kind: "count", n } : { kind: "malformed" };
}

const CLASSIC_FIELDS = ["durationDays", "durationHours", "endDateTime"] as const;

/** Classic `schedule` of a PIM eligible or active role assignment. */
export function readClassicSchedule(schedule: unknown): ExpiryReading {
    if (isUnknown(schedule)) {
        return { kind: "unknown", path: "schedule" };
    }
    if (absent(schedule)) {
        return { kind: "never", path: "schedule.expiration", cause: "not-set", defaulted: true };
    }
    if (!isRecord(schedule)) {
        return { kind: "malformed", path: "schedule", expected: "an object" };
    }
    const expiration = schedule.expiration;
    if (isUnknown(expiration)) {
        return { kind: "unknown", path: "schedule.expiration" };
    }
    if (absent(expiration)) {
        return { kind: "never", path: "schedule.expiration", cause: "not-set", defaulted: true };
    }
    if (!isRecord(expiration)) {
        return { kind: "malformed", path: "schedule.expiration", expected: "an object" };
    }
    // azurerm's order: days, then hours, then the end date (the three conflict in its schema).
    const units: [string, number][] = [
        ["durationDays", SECONDS_PER_DAY],
        ["durationHours", SECONDS_PER_HOUR],
    ];
    for (const [field, unit] of units) {
        const path = `schedule.expiration.${field}`;
        const count = readCount(expiration[field]);
        if (count.kind === "unknown") {
            return { kind: "unknown", path };
        }
        if (count.kind === "malformed") {
            return { kind: "malformed", path, expected: "a whole number greater than 0" };
        }
        if (count.kind === "count") {
            return { kind: "duration", path, seconds: count.n * unit };
        }
    }
    const end = expiration.endDateTime;
    if (unsetString(end)) {
        return { kind: "never", path: "schedule.expiration", cause: "none-of", fields: CLASSIC_FIELDS, defaulted: true };
    }
    return until("schedule.expiration.endDateTime", end, "schedule.startDateTime", schedule.startDateTime, unsetString);
}
