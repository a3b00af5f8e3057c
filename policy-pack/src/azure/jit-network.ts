// Microsoft Defender for Cloud just-in-time VM access (`Microsoft.Security/locations/
// jitNetworkAccessPolicies`): per VM and port, how long a request may open the port and from where.
import { msg, safe, Safe } from "../engine/messages";
import { formatPath, isRecord, isUnknown } from "../engine/values";
import { describeSeconds, parseDurationSeconds, SECONDS_PER_HOUR } from "./durations";
import { Approvals, classifySource, isApproved } from "./network/addresses";
import { malformed, Problem, undecided, violation } from "./problems";

/** The longest a JIT request may keep a management port open at the privileged level. */
export const MAX_JIT_ACCESS_SECONDS = 3 * SECONDS_PER_HOUR;

function portLabel(port: unknown): Safe {
    return typeof port === "number" && Number.isInteger(port) && port >= 0 && port <= 65535
        ? msg`port ${safe.integer(port)}`
        : safe.literal("a port");
}

function sourceProblems(port: Record<string, unknown>, at: (string | number)[], label: Safe, approvals: Approvals): Problem[] {
    const plural = port.allowedSourceAddressPrefixes;
    const single = port.allowedSourceAddressPrefix;
    const entries: [unknown, (string | number)[]][] = [];
    if (isUnknown(plural)) {
        return [undecided(msg`${safe.path(formatPath([...at, "allowedSourceAddressPrefixes"]))} (${label}) cannot be known during preview`)];
    }
    if (Array.isArray(plural)) {
        plural.forEach((p, i) => entries.push([p, [...at, "allowedSourceAddressPrefixes", i]]));
    } else if (plural !== undefined && plural !== null) {
        return [malformed(msg`${safe.path(formatPath([...at, "allowedSourceAddressPrefixes"]))} (${label}) is not a list`)];
    }
    if (single !== undefined && single !== null) {
        entries.push([single, [...at, "allowedSourceAddressPrefix"]]);
    }
    if (entries.length === 0) {
        // With no source restriction, a request may open the port to whatever address it names.
        return [violation(msg`${safe.path(formatPath(at))} (${label}) sets no allowedSourceAddressPrefix(es), so requests may open it to any internet address`)];
    }
    const problems: Problem[] = [];
    for (const [value, path] of entries) {
        const where = safe.path(formatPath(path));
        const source = classifySource(value);
        if (source.kind === "unknown") {
            problems.push(undecided(msg`${where} (${label}) cannot be known during preview`));
        } else if (source.kind === "invalid") {
            problems.push(malformed(msg`${where} (${label}) is not an address, a CIDR or a service tag`));
        } else if (source.kind === "internet" && !isApproved(source, approvals)) {
            problems.push(violation(msg`${where} (${label}) is ${source.label}, an internet source`));
        }
    }
    return problems;
}

function durationProblems(port: Record<string, unknown>, at: (string | number)[], label: Safe): Problem[] {
    const where = safe.path(formatPath([...at, "maxRequestAccessDuration"]));
    const value = port.maxRequestAccessDuration;
    if (isUnknown(value)) {
        return [undecided(msg`${where} (${label}) cannot be known during preview`)];
    }
    if (value === undefined || value === null) {
        // Azure requires it on every port.
        return [malformed(msg`${where} (${label}) is not set`)];
    }
    const seconds = parseDurationSeconds(value);
    if (seconds === undefined) {
        return [malformed(msg`${where} (${label}) is not an ISO 8601 duration (such as PT3H)`)];
    }
    if (seconds > MAX_JIT_ACCESS_SECONDS) {
        return [violation(msg`${where} (${label}) is ${safe.literal(describeSeconds(seconds))}, more than 3 hours`)];
    }
    return [];
}

/**
 * Problems with every port of every VM of a JIT network access policy: a request may keep the port
 * open for at most 3 hours, and only from internal sources or sources approved in `approvals`.
 */
export function jitPortProblems(virtualMachines: unknown, approvals: Approvals): Problem[] {
    if (isUnknown(virtualMachines)) {
        return [undecided(msg`virtualMachines cannot be known during preview`)];
    }
    if (!Array.isArray(virtualMachines)) {
        return [malformed(msg`virtualMachines is not a list`)];
    }
    const problems: Problem[] = [];
    virtualMachines.forEach((vm, v) => {
        if (isUnknown(vm)) {
            problems.push(undecided(msg`${safe.path(formatPath(["virtualMachines", v]))} cannot be known during preview`));
            return;
        }
        const ports = isRecord(vm) ? vm.ports : undefined;
        if (isUnknown(ports)) {
            problems.push(undecided(msg`${safe.path(formatPath(["virtualMachines", v, "ports"]))} cannot be known during preview`));
            return;
        }
        if (!Array.isArray(ports)) {
            problems.push(malformed(msg`${safe.path(formatPath(["virtualMachines", v, "ports"]))} is not a list`));
            return;
        }
        ports.forEach((port, p) => {
            const at = ["virtualMachines", v, "ports", p];
            if (isUnknown(port)) {
                problems.push(undecided(msg`${safe.path(formatPath(at))} cannot be known during preview`));
                return;
            }
            if (!isRecord(port)) {
                problems.push(malformed(msg`${safe.path(formatPath(at))} is not an object`));
                return;
            }
            const label = portLabel(port.number);
            problems.push(...durationProblems(port, at, label), ...sourceProblems(port, at, label, approvals));
        });
    });
    return problems;
}
