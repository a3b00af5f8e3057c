// Microsoft Entra Privileged Identity Management for Azure resources: how long an eligibility lasts
// (`scheduleInfo.expiration` of a role eligibility schedule request) and what a role management
// policy demands when an eligible user activates (the `*_EndUser_Assignment` rules).
import { list, msg, safe, Safe } from "../engine/messages";
import { formatPath, isRecord, isUnknown } from "../engine/values";
import { describeSeconds, parseDateTime, parseDurationSeconds, SECONDS_PER_DAY, SECONDS_PER_HOUR } from "./durations";
import { Problem, undecided, violation } from "./problems";

const EXPIRATION_TYPES = ["AfterDuration", "AfterDateTime", "NoExpiration"] as const;

function sameWord(value: unknown, word: string): boolean {
    return typeof value === "string" && value.trim().toLowerCase() === word.toLowerCase();
}

/**
 * Problems with how long an eligibility lasts: it must expire, after at most `maxDays` days. An
 * `AfterDateTime` window runs from `startDateTime`, or from `now` (when the request is made) when the
 * start is not given. Without a `type`, the one of `duration` and `endDateTime` that is set decides.
 */
export function eligibilityExpirationProblems(scheduleInfo: unknown, maxDays: number, now: number): Problem[] {
    const limit = msg`the ${safe.integer(maxDays)}-day limit (maxEligibilityDays)`;
    if (isUnknown(scheduleInfo)) {
        return [undecided(msg`scheduleInfo cannot be known during preview, so its expiration cannot be checked`)];
    }
    if (scheduleInfo === undefined || scheduleInfo === null) {
        return [violation(msg`scheduleInfo.expiration is not set, so the eligibility is not held to ${limit}`)];
    }
    if (!isRecord(scheduleInfo)) {
        return [violation(msg`scheduleInfo is not an object`)];
    }
    const expiration = scheduleInfo.expiration;
    if (isUnknown(expiration)) {
        return [undecided(msg`scheduleInfo.expiration cannot be known during preview`)];
    }
    if (expiration === undefined || expiration === null) {
        return [violation(msg`scheduleInfo.expiration is not set, so the eligibility is not held to ${limit}`)];
    }
    if (!isRecord(expiration)) {
        return [violation(msg`scheduleInfo.expiration is not an object`)];
    }
    let type = expiration.type;
    if (isUnknown(type)) {
        return [undecided(msg`scheduleInfo.expiration.type cannot be known during preview`)];
    }
    if (type === undefined || type === null) {
        type = expiration.duration !== undefined ? "AfterDuration" : expiration.endDateTime !== undefined ? "AfterDateTime" : undefined;
    }
    if (type === undefined) {
        return [violation(msg`scheduleInfo.expiration sets neither a type, a duration nor an endDateTime, so the eligibility may never expire`)];
    }
    if (sameWord(type, "NoExpiration")) {
        return [violation(msg`scheduleInfo.expiration.type is NoExpiration, so the eligibility never expires`)];
    }
    if (sameWord(type, "AfterDuration")) {
        const duration = expiration.duration;
        if (isUnknown(duration)) {
            return [undecided(msg`scheduleInfo.expiration.duration cannot be known during preview`)];
        }
        const seconds = parseDurationSeconds(duration);
        if (seconds === undefined) {
            return [violation(msg`scheduleInfo.expiration.duration is not an ISO 8601 duration (such as P90D)`)];
        }
        if (seconds > maxDays * SECONDS_PER_DAY) {
            return [violation(msg`scheduleInfo.expiration.duration is ${safe.literal(describeSeconds(seconds))}, more than ${limit}`)];
        }
        return [];
    }
    if (sameWord(type, "AfterDateTime")) {
        const end = expiration.endDateTime;
        if (isUnknown(end)) {
            return [undecided(msg`scheduleInfo.expiration.endDateTime cannot be known during preview`)];
        }
        const endMs = parseDateTime(end);
        if (endMs === undefined) {
            return [violation(msg`scheduleInfo.expiration.endDateTime is not an ISO 8601 date-time`)];
        }
        const startValue = scheduleInfo.startDateTime;
        const startMs = startValue === undefined || startValue === null || isUnknown(startValue) ? now : parseDateTime(startValue);
        if (startMs === undefined) {
            return [violation(msg`scheduleInfo.startDateTime is not an ISO 8601 date-time`)];
        }
        const seconds = (endMs - startMs) / 1000;
        if (seconds <= 0) {
            return [violation(msg`scheduleInfo.expiration.endDateTime is not after the start of the eligibility`)];
        }
        if (seconds > maxDays * SECONDS_PER_DAY) {
            return [
                violation(
                    msg`scheduleInfo.expiration.endDateTime is ${safe.literal(describeSeconds(Math.ceil(seconds / SECONDS_PER_DAY) * SECONDS_PER_DAY))} after the start, more than ${limit}`,
                ),
            ];
        }
        return [];
    }
    return [violation(msg`scheduleInfo.expiration.type is not one of ${list(EXPIRATION_TYPES.map((t) => safe.literal(t)), "or")}`)];
}

// ---------------------------------------------------------------------------------------------
// Role management policies

export const MAX_ACTIVATION_SECONDS = 8 * SECONDS_PER_HOUR;

const RULE_TYPES = {
    approval: "RoleManagementPolicyApprovalRule",
    enablement: "RoleManagementPolicyEnablementRule",
    expiration: "RoleManagementPolicyExpirationRule",
} as const;

interface IndexedRule {
    index: number;
    rule: Record<string, unknown>;
}

/**
 * Whether a rule governs activation (an eligible user assigning the role to themselves): its target is
 * caller `EndUser` at level `Assignment`, or, without a target, its id is `<Kind>_EndUser_Assignment`
 * as in Azure's default policy. Azure has a single approval rule, and it governs activation.
 */
function isActivationRule(rule: Record<string, unknown>, ruleType: string): boolean {
    if (ruleType === RULE_TYPES.approval) {
        return true;
    }
    const target = rule.target;
    if (isRecord(target) && typeof target.caller === "string" && typeof target.level === "string") {
        return sameWord(target.caller, "EndUser") && sameWord(target.level, "Assignment");
    }
    return typeof rule.id === "string" && /_enduser_assignment$/i.test(rule.id.trim());
}

function where(i: number, ...rest: (string | number)[]): Safe {
    return safe.path(formatPath(["rules", i, ...rest]));
}

/**
 * Problems with the activation rules of a role management policy: activation must require approval
 * (`Approval_EndUser_Assignment`, `setting.isApprovalRequired`), MFA (`Enablement_EndUser_Assignment`
 * with `MultiFactorAuthentication`) and expire after
 * at most 8 hours (`Expiration_EndUser_Assignment`, `maximumDuration`). A rule the policy leaves out
 * keeps whatever the scope has today, which the stack does not show, so a missing rule is a finding.
 */
export function activationRuleProblems(rules: unknown): Problem[] {
    if (isUnknown(rules)) {
        return [undecided(msg`rules cannot be known during preview, so approval, MFA and the activation limit cannot be checked`)];
    }
    if (rules !== undefined && rules !== null && !Array.isArray(rules)) {
        return [violation(msg`rules is not a list`)];
    }
    const problems: Problem[] = [];
    const byType = new Map<string, IndexedRule[]>();
    (Array.isArray(rules) ? rules : []).forEach((rule, index) => {
        if (isUnknown(rule)) {
            problems.push(undecided(msg`${where(index)} cannot be known during preview`));
            return;
        }
        if (!isRecord(rule)) {
            problems.push(violation(msg`${where(index)} is not an object`));
            return;
        }
        if (isUnknown(rule.ruleType)) {
            problems.push(undecided(msg`${where(index, "ruleType")} cannot be known during preview`));
            return;
        }
        const ruleType = Object.values(RULE_TYPES).find((t) => sameWord(rule.ruleType, t));
        if (!ruleType || !isActivationRule(rule, ruleType)) {
            return;
        }
        byType.set(ruleType, [...(byType.get(ruleType) ?? []), { index, rule }]);
    });
    if (problems.some((p) => p.unknown)) {
        // An unknown rule could be any of the three; say so once instead of calling them missing.
        return problems;
    }

    const approvals = byType.get(RULE_TYPES.approval) ?? [];
    if (approvals.length === 0) {
        problems.push(violation(msg`no approval rule (Approval_EndUser_Assignment) requires approval on activation`));
    }
    for (const { index, rule } of approvals) {
        const required = isRecord(rule.setting) ? rule.setting.isApprovalRequired : rule.setting;
        if (isUnknown(required)) {
            problems.push(undecided(msg`${where(index, "setting", "isApprovalRequired")} cannot be known during preview`));
        } else if (required !== true) {
            problems.push(violation(msg`${where(index, "setting", "isApprovalRequired")} is not true, so activation needs no approval`));
        }
    }

    const enablements = byType.get(RULE_TYPES.enablement) ?? [];
    const mfa = enablements.filter(
        ({ rule }) => Array.isArray(rule.enabledRules) && rule.enabledRules.some((r) => sameWord(r, "MultiFactorAuthentication")),
    );
    const mfaUnknown = enablements.find(({ rule }) => isUnknown(rule.enabledRules) || (Array.isArray(rule.enabledRules) && rule.enabledRules.some(isUnknown)));
    // A Conditional Access authentication context may demand anything (a compliant device, say), so
    // only the MultiFactorAuthentication enablement rule proves MFA.
    if (mfa.length === 0) {
        if (mfaUnknown) {
            problems.push(undecided(msg`${where(mfaUnknown.index, "enabledRules")} cannot be known during preview`));
        } else if (enablements.length === 0) {
            problems.push(
                violation(msg`no enablement rule (Enablement_EndUser_Assignment) requires MultiFactorAuthentication on activation`),
            );
        } else {
            problems.push(
                violation(msg`${where(enablements[0].index, "enabledRules")} does not contain MultiFactorAuthentication, so activation needs no MFA`),
            );
        }
    }

    const expirations = byType.get(RULE_TYPES.expiration) ?? [];
    if (expirations.length === 0) {
        problems.push(violation(msg`no expiration rule (Expiration_EndUser_Assignment) caps activation at 8 hours`));
    }
    for (const { index, rule } of expirations) {
        const max = rule.maximumDuration;
        const path = where(index, "maximumDuration");
        if (isUnknown(max)) {
            problems.push(undecided(msg`${path} cannot be known during preview`));
            continue;
        }
        if (max === undefined || max === null) {
            problems.push(violation(msg`${path} is not set, so activation is not capped at 8 hours`));
            continue;
        }
        const seconds = parseDurationSeconds(max);
        if (seconds === undefined) {
            problems.push(violation(msg`${path} is not an ISO 8601 duration (such as PT8H)`));
        } else if (seconds > MAX_ACTIVATION_SECONDS) {
            problems.push(violation(msg`${path} is ${safe.literal(describeSeconds(seconds))}, more than 8 hours`));
        }
    }
    return problems;
}
