// Port specifications as Azure network rules write them: `3389`, `3389-3389`, `3000-4000`, `*`,
// plain numbers, with stray whitespace. A value Azure would not read the same way (`abc`, `70000`,
// `4000-3000`, `22,3389`) is `invalid`: the rule holding it cannot be decided (DESIGN §3a).
import { msg, safe, Safe } from "../../engine/messages";
import { isUnknown } from "../../engine/values";

export const MIN_PORT = 0;
export const MAX_PORT = 65535;

export type PortRange = readonly [number, number];

export type PortSpec = { kind: "ranges"; ranges: PortRange[] } | { kind: "unknown" } | { kind: "invalid" };

const DIGITS = /^\d{1,5}$/;

function portNumber(text: string): number | undefined {
    const t = text.trim();
    if (!DIGITS.test(t)) {
        return undefined;
    }
    const n = Number(t);
    return n >= MIN_PORT && n <= MAX_PORT ? n : undefined;
}

/** One port value: a single port only (a load balancer's `backendPort`, a firewall's `translatedPort`). */
export function parsePort(value: unknown): { kind: "port"; port: number } | { kind: "unknown" } | { kind: "invalid" } {
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    if (typeof value === "number") {
        return Number.isInteger(value) && value >= MIN_PORT && value <= MAX_PORT ? { kind: "port", port: value } : { kind: "invalid" };
    }
    if (typeof value === "string") {
        const n = portNumber(value);
        return n === undefined ? { kind: "invalid" } : { kind: "port", port: n };
    }
    return { kind: "invalid" };
}

/** One entry of a port specification: a port, a range `low-high`, or `*` (every port). */
export function parsePortSpec(value: unknown): PortSpec {
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    if (typeof value === "number") {
        const p = parsePort(value);
        return p.kind === "port" ? { kind: "ranges", ranges: [[p.port, p.port]] } : { kind: "invalid" };
    }
    if (typeof value !== "string") {
        return { kind: "invalid" };
    }
    const text = value.trim();
    if (text === "*") {
        return { kind: "ranges", ranges: [[MIN_PORT, MAX_PORT]] };
    }
    const dash = text.indexOf("-");
    if (dash < 0) {
        const n = portNumber(text);
        return n === undefined ? { kind: "invalid" } : { kind: "ranges", ranges: [[n, n]] };
    }
    const low = portNumber(text.slice(0, dash));
    const high = portNumber(text.slice(dash + 1));
    if (low === undefined || high === undefined || low > high) {
        return { kind: "invalid" };
    }
    return { kind: "ranges", ranges: [[low, high]] };
}

export function inRanges(port: number, ranges: readonly PortRange[]): boolean {
    return ranges.some(([lo, hi]) => port >= lo && port <= hi);
}

const SERVICE_NAMES: Record<number, string> = {
    3389: "RDP",
    22: "SSH",
    5985: "WinRM",
    5986: "WinRM over HTTPS",
};

/** `3389 (RDP)`, `22 (SSH)`, or just the number. */
export function portLabel(port: number): Safe {
    const name = SERVICE_NAMES[port];
    return name ? msg`${safe.integer(port)} (${safe.literal(name)})` : safe.integer(port);
}

/** The transport protocols a door can be reached over. */
export const TRANSPORTS = ["tcp", "udp"] as const;
export type Transport = (typeof TRANSPORTS)[number];

export function transportLabel(t: Transport): Safe {
    return safe.literal(t.toUpperCase());
}

/** A policy's `ports` setting: the valid, distinct ports listed, or `defaults` when not a list. */
export function readPortList(value: unknown, defaults: readonly number[]): number[] {
    if (!Array.isArray(value)) {
        return [...defaults];
    }
    return [...new Set(value.filter((p): p is number => Number.isInteger(p) && p >= 1 && p <= MAX_PORT))];
}
