// PIM for Groups as azuread declares it: how long a membership schedule lasts
// (`PrivilegedAccessGroupAssignmentSchedule` / `…EligibilitySchedule`: `permanentAssignment`,
// `duration`, `startDate` / `expirationDate`) and what a `GroupRoleManagementPolicy` demands when a
// member activates (`activationRules`). A rule the policy leaves unset keeps the tenant's value, which
// one stack cannot know.
import { msg, safe, Safe } from "../engine/messages";
import { Props, getPath, isRecord, isUnknown } from "../engine/values";
import { describeSeconds, parseDateTime, parseDurationSeconds } from "./durations";
import { MAX_ACTIVATION_SECONDS } from "./pim";
import { malformed, Problem, undecided, violation } from "./problems";

/**
 * Problems with how long a group membership schedule lasts: it must end, within `maxSeconds` (from
 * `startDate`, or from `now` when no start is given).
 */
export function scheduleLengthProblems(props: Props, maxSeconds: number, limit: Safe, now: number): Problem[] {
    const { permanentAssignment, duration, expirationDate, startDate } = props;
    if (isUnknown(permanentAssignment)) {
        return [undecided(msg`permanentAssignment cannot be known during preview`)];
    }
    if (permanentAssignment === true) {
        return [violation(msg`permanentAssignment is true, so the membership never ends`)];
    }
    if (isUnknown(duration) || isUnknown(expirationDate) || isUnknown(startDate)) {
        return [undecided(msg`the schedule's duration or dates cannot be known during preview`)];
    }
    if (duration !== undefined && duration !== null) {
        const seconds = parseDurationSeconds(duration);
        if (seconds === undefined) {
            return [malformed(msg`duration is not an ISO 8601 duration`)];
        }
        return seconds > maxSeconds ? [violation(msg`duration is ${safe.literal(describeSeconds(seconds))}, over ${limit}`)] : [];
    }
    if (expirationDate !== undefined && expirationDate !== null) {
        const end = parseDateTime(expirationDate);
        const start = startDate === undefined || startDate === null ? now : parseDateTime(startDate);
        if (end === undefined || start === undefined) {
            return [malformed(msg`expirationDate or startDate is not an ISO 8601 date-time`)];
        }
        const seconds = Math.max(0, (end - start) / 1000);
        return seconds > maxSeconds ? [violation(msg`the schedule lasts ${safe.literal(describeSeconds(seconds))}, over ${limit}`)] : [];
    }
    return [violation(msg`neither duration nor expirationDate is set, so the membership never ends`)];
}

/** What a group's member activation policy must demand: approval, MFA, at most 8 hours. */
export function activationPolicyProblems(props: Props): Problem[] {
    const rules = props.activationRules;
    if (isUnknown(rules)) {
        return [undecided(msg`activationRules cannot be known during preview`)];
    }
    if (rules !== undefined && rules !== null && !isRecord(rules)) {
        return [malformed(msg`activationRules is not an object`)];
    }
    const problems: Problem[] = [];
    const flag = (key: string, what: Safe) => {
        const value = getPath(rules, [key]);
        const path = safe.path(`activationRules.${key}`);
        if (isUnknown(value)) {
            problems.push(undecided(msg`${path} cannot be known during preview`));
        } else if (value === undefined || value === null) {
            problems.push(undecided(msg`${path} is not set, so activation keeps the tenant's setting, which this stack cannot show to ${what}`));
        } else if (value !== true) {
            // A value that is not a boolean cannot be read as a choice.
            problems.push((typeof value === "boolean" ? violation : malformed)(msg`${path} is not true, so activation does not ${what}`));
        }
    };
    flag("requireApproval", safe.literal("require approval"));
    flag("requireMultifactorAuthentication", safe.literal("require multifactor authentication (a Conditional Access authentication context does not count)"));
    const maximum = getPath(rules, ["maximumDuration"]);
    const limit = safe.literal(describeSeconds(MAX_ACTIVATION_SECONDS));
    if (isUnknown(maximum)) {
        problems.push(undecided(msg`activationRules.maximumDuration cannot be known during preview`));
    } else if (maximum === undefined || maximum === null) {
        problems.push(undecided(msg`activationRules.maximumDuration is not set, so activation keeps the tenant's limit, which this stack cannot show to be at most ${limit}`));
    } else {
        const seconds = parseDurationSeconds(maximum);
        if (seconds === undefined) {
            problems.push(malformed(msg`activationRules.maximumDuration is not an ISO 8601 duration`));
        } else if (seconds > MAX_ACTIVATION_SECONDS) {
            problems.push(violation(msg`activationRules.maximumDuration is ${safe.literal(describeSeconds(seconds))}, over ${limit}`));
        }
    }
    return problems;
}
