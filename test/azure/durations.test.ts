import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeSeconds, parseDateTime, parseDurationSeconds } from "../../policy-pack/src/azure/durations";

const H = 3600;
const D = 86_400;

describe("parseDurationSeconds", () => {
    it.each<[string, number]>([
        ["PT3H", 3 * H],
        ["PT180M", 3 * H],
        ["PT10800S", 3 * H],
        ["P0DT3H", 3 * H],
        ["PT2H60M", 3 * H],
        ["PT2.5H", 2.5 * H],
        ["PT2,5H", 2.5 * H],
        ["PT24H", D],
        ["P1D", D],
        ["P90D", 90 * D],
        ["P400D", 400 * D],
        ["P1W", 7 * D],
        ["P4W2D", 30 * D],
        ["P1Y", 365 * D],
        ["P12M", 360 * D],
        ["P1DT2H30M", D + 2.5 * H],
        ["P1Y2M3DT4H5M6S", 365 * D + 60 * D + 3 * D + 4 * H + 5 * 60 + 6],
        ["pt3h", 3 * H],
        [" PT8H ", 8 * H],
        ["P0000-00-01T00:00:00", D],
        ["P00000001T030000", D + 3 * H],
        ["PT0S", 0],
    ])("%s is %d seconds", (text, seconds) => {
        expect(parseDurationSeconds(text)).toBe(seconds);
    });

    it.each(["", "P", "PT", "P1DT", "3H", "-PT3H", "PT-3H", "PT3", "03:00:00", "P1H", "PT1D", "P1.5.2D", "P 1D", "PT3H ago"])(
        "%j is not a duration",
        (text) => {
            expect(parseDurationSeconds(text)).toBeUndefined();
        },
    );

    it("rejects values that are not strings", () => {
        for (const v of [undefined, null, 3, {}, ["PT3H"], true]) {
            expect(parseDurationSeconds(v)).toBeUndefined();
        }
    });

    it("never throws and returns a finite non-negative number or undefined", () => {
        fc.assert(
            fc.property(fc.oneof(fc.string(), fc.stringMatching(/^P(\d{1,4}[YMWD])*(T(\d{1,4}(\.\d+)?[HMS])*)?$/)), (s) => {
                const seconds = parseDurationSeconds(s);
                expect(seconds === undefined || (Number.isFinite(seconds) && seconds >= 0)).toBe(true);
            }),
        );
    });
});

describe("parseDateTime", () => {
    it.each<[string, string]>([
        ["2030-12-31", "2030-12-31T00:00:00.000Z"],
        ["2030-12-31T08:00:00Z", "2030-12-31T08:00:00.000Z"],
        ["2030-12-31T08:00:00.123456Z", "2030-12-31T08:00:00.123Z"],
        ["2030-12-31T08:00:00", "2030-12-31T08:00:00.000Z"],
        ["2030-12-31T08:00:00+02:00", "2030-12-31T06:00:00.000Z"],
        ["2030-12-31T08:00:00-0130", "2030-12-31T09:30:00.000Z"],
        ["2030-12-31T08:00Z", "2030-12-31T08:00:00.000Z"],
        ["2028-02-29T00:00:00z", "2028-02-29T00:00:00.000Z"],
    ])("%s", (text, iso) => {
        expect(new Date(parseDateTime(text)!).toISOString()).toBe(iso);
    });

    it.each(["2030-02-30", "2029-02-29", "2030-13-01", "2030-12-31T24:00:00Z", "2030-12-31T08:60:00Z", "31/12/2030", "tomorrow", "", "2030-12-31T08:00:00+25:00"])(
        "%j is not a date-time",
        (text) => {
            expect(parseDateTime(text)).toBeUndefined();
        },
    );
});

describe("describeSeconds", () => {
    it.each<[number, string]>([
        [3 * H, "3 hours"],
        [H, "1 hour"],
        [D, "24 hours"],
        [9 * H, "9 hours"],
        [400 * D, "400 days"],
        [1 * D + 30 * 60, "more than 1 day"],
        [90 * 60, "90 minutes"],
        [42, "42 seconds"],
    ])("%d seconds read as %s", (seconds, text) => {
        expect(describeSeconds(seconds)).toBe(text);
    });
});
