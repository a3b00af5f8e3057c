// PAG-009: at the privileged level admin access is just in time — PIM eligibility that expires,
// activation with approval, MFA and at most 8 hours, and Defender JIT VM access of at most 3 hours
// from internal sources. At the specialized level the seed makes JIT optional: the same findings,
// advisory. The enterprise level is not checked.
import { ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { rank, ResolvedLevel, SECURITY_LEVELS } from "../engine/levels";
import { InputRecordingStackPolicy, recordInputsOf } from "../engine/memory";
import { list, msg, safe, Safe } from "../engine/messages";
import { exemptible } from "../engine/exemptible";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { Reporter, reporter, reportLevelProblem } from "../engine/report";
import { StackResource, StackView } from "../engine/stack";
import { ACTIVATION_POLICY_TYPES, activationPoliciesOf } from "../adapters/activation-policies";
import { JIT_NETWORK_POLICY_TYPES, jitNetworkPoliciesOf } from "../adapters/jit-network-policies";
import { customRolesOf, GRANT_NOUNS, RoleGrant, ROLE_GRANT_TYPES, roleGrantsOf } from "../adapters/role-grants";
import { SECONDS_PER_DAY } from "../azure/durations";
import { jitPortProblems } from "../azure/jit-network";
import { parseApprovals } from "../azure/network/addresses";
import { activationProblems, ExpiryLimit, expiryProblems, MAX_ACTIVATION_SECONDS } from "../azure/pim";
import { Problem } from "../azure/problems";
import { RoleCatalogue, RoleClass } from "../azure/rbac";
import { ScopeIndex } from "../azure/scopes";
import { SOURCE_PREFIX_SCHEMA } from "./no-direct-rdp";

export const metadata: PolicyMetadata = {
    id: "PAG-009",
    name: "privileged-jit-access",
    description:
        "At the privileged level, admin access is just in time: PIM eligibility that expires instead of standing role assignments, activation with approval, MFA and at most 8 hours, and JIT VM access of at most 3 hours from internal sources.",
    severity: "high",
    url: SEED_URLS.interfaces,
    remediationSteps:
        "Replace standing admin role assignments at the privileged level with authorization.PimRoleEligibilitySchedule resources whose scheduleInfo.expiration is AfterDuration or AfterDateTime within maxEligibilityDays; in every authorization.RoleManagementPolicy require approval (Approval_EndUser_Assignment), MultiFactorAuthentication (Enablement_EndUser_Assignment) and a maximumDuration of PT8H or less (Expiration_EndUser_Assignment); in every security.JitNetworkAccessPolicy set each port's maxRequestAccessDuration to PT3H or less and its allowed sources to internal ranges. On the classic provider: azure.pim.EligibleRoleAssignment with schedule.expiration.durationDays (or durationHours, or endDateTime) within maxEligibilityDays instead of an azure.authorization.Assignment, azure.pim.ActiveRoleAssignment only with schedule.expiration of 8 hours or less, and in every azure.pim.RoleManagementPolicy activationRules.requireApproval and requireMultifactorAuthentication true and maximumDuration PT8H or less.",
    mcsb: ["PA-2", "PA-1", "NS-3"],
    cis: [],
};

export interface JitConfig {
    maxEligibilityDays: number;
    allowedSourcePrefixes: string[];
}

const DEFAULT_MAX_ELIGIBILITY_DAYS = 365;
export const MAX_ELIGIBILITY_DAYS_LIMIT = 3650;

function reportProblems(
    report: Reporter,
    r: StackResource,
    level: ResolvedLevel,
    subject: Safe,
    problems: Problem[],
    fix: Safe,
    malformedRole = false,
): void {
    if (problems.length === 0) {
        return;
    }
    const privileged = level.level === "privileged";
    const levelWord = safe.word(level.level, SECURITY_LEVELS);
    report({
        urn: r.urn,
        message: msg`${subject} at the ${levelWord} level: ${list(problems.map((p) => p.message), "and")}. ${fix}`,
        advisory: !privileged,
        // One finding lists every problem: a value among them that cannot be interpreted is never exempted.
        kind: malformedRole || problems.some((p) => p.malformed) ? "malformed" : undefined,
    });
}

type AdminRole = Exclude<RoleClass, { kind: "not-admin" }>;

/** A role named by a value that cannot be interpreted (not a preview unknown). */
const roleMalformed = (role: AdminRole) => role.kind === "undecidable" && !role.unknown;

function grantedRole(role: AdminRole): Safe {
    return role.kind === "admin" ? role.role : msg`a role that could not be classified (${role.reason})`;
}

/**
 * Reports an admin grant that is not just in time: standing access, an eligibility that does not
 * expire within `maxDays`, an active assignment that lasts over 8 hours (standing access too).
 */
function reportGrant(report: Reporter, grant: RoleGrant, role: AdminRole, level: ResolvedLevel, maxDays: number, now: number): void {
    const r = grant.resource;
    const noun = safe.literal(GRANT_NOUNS[grant.kind]);
    const levelWord = safe.word(level.level, SECURITY_LEVELS);
    if (grant.kind === "standing" || grant.expiry === undefined) {
        const granted = role.kind === "admin" ? msg`the admin role ${role.role}` : grantedRole(role);
        report({
            urn: r.urn,
            message: msg`${noun} ${safe.name(r.name)} grants ${granted} as standing access at the ${levelWord} level, where admin access is just in time. ${grant.spelling.replaceWithEligibility(maxDays)}`,
            advisory: level.level !== "privileged",
            kind: roleMalformed(role) ? "malformed" : undefined,
        });
        return;
    }
    const eligible = grant.kind === "eligible";
    const limit: ExpiryLimit = eligible
        ? { maxSeconds: maxDays * SECONDS_PER_DAY, text: msg`the ${safe.integer(maxDays)}-day limit (maxEligibilityDays)`, grant: safe.literal("eligibility") }
        : {
              maxSeconds: MAX_ACTIVATION_SECONDS,
              text: safe.literal("8 hours, beyond which active access is standing access"),
              grant: safe.literal("active assignment"),
          };
    reportProblems(
        report,
        r,
        level,
        msg`${noun} ${safe.name(r.name)} for ${grantedRole(role)}`,
        expiryProblems(grant.expiry, limit, now),
        eligible ? grant.spelling.boundEligibility(maxDays) : (grant.spelling.boundActiveAssignment ?? grant.spelling.replaceWithEligibility(maxDays)),
        roleMalformed(role),
    );
}

export function validateJitAccess(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const report = reporter(reportViolation);
    const config = args.getConfig<Partial<JitConfig>>();
    const maxDays =
        typeof config.maxEligibilityDays === "number" &&
        Number.isInteger(config.maxEligibilityDays) &&
        config.maxEligibilityDays > 0 &&
        config.maxEligibilityDays <= MAX_ELIGIBILITY_DAYS_LIMIT
            ? config.maxEligibilityDays
            : DEFAULT_MAX_ELIGIBILITY_DAYS;
    const approvals = parseApprovals(config.allowedSourcePrefixes ?? []);
    const now = Date.now();
    const view = StackView.of(args);
    const checked = (level: ResolvedLevel) => rank(level.level) >= rank("specialized");
    // Built on first use: most stacks hold no RBAC resources.
    let scopeIndex: ScopeIndex | undefined;
    const scopeLevel = (r: StackResource, scopePath: string): ResolvedLevel => {
        scopeIndex ??= ScopeIndex.of(view);
        const { level, own } = scopeIndex.levelOf(r, scopePath);
        reportLevelProblem(report, r.urn, own);
        return level;
    };

    for (const i of approvals.invalid) {
        report({
            message: msg`privileged-jit-access config allowedSourcePrefixes[${safe.integer(i)}] is not an address, a CIDR or a service tag. Fix or remove it.`,
        });
    }

    const catalogue = new RoleCatalogue(customRolesOf(view));
    for (const grant of roleGrantsOf(view)) {
        const level = scopeLevel(grant.resource, grant.scopePath);
        const role = catalogue.classify(grant.role);
        if (checked(level) && role.kind !== "not-admin") {
            reportGrant(report, grant, role, level, maxDays, now);
        }
    }

    for (const policy of activationPoliciesOf(view)) {
        const level = scopeLevel(policy.resource, policy.scopePath);
        if (!checked(level)) {
            continue;
        }
        reportProblems(
            report,
            policy.resource,
            level,
            msg`Role management policy ${safe.name(policy.resource.name)} does not make activation just in time`,
            activationProblems(policy.facts),
            policy.fix,
        );
    }

    for (const jit of jitNetworkPoliciesOf(view)) {
        reportLevelProblem(report, jit.resource.urn, jit.level);
        if (!checked(jit.level)) {
            continue;
        }
        reportProblems(
            report,
            jit.resource,
            jit.level,
            msg`JIT network access policy ${safe.name(jit.resource.name)} opens management ports too long or too widely`,
            jitPortProblems(jit.virtualMachines, approvals),
            jit.fix,
        );
    }
}

export const privilegedJitAccess: InputRecordingStackPolicy = exemptible(metadata, {
    ...policyFields(metadata),
    configSchema: {
        properties: {
            maxEligibilityDays: {
                type: "integer",
                minimum: 1,
                // Ten years: a longer limit no longer bounds anything a deployment lives to see.
                maximum: MAX_ELIGIBILITY_DAYS_LIMIT,
                default: DEFAULT_MAX_ELIGIBILITY_DAYS,
                description:
                    "The longest a PIM eligibility for an admin role may last at the privileged level, in days (AfterDuration, or AfterDateTime from the start).",
            },
            allowedSourcePrefixes: {
                type: "array",
                items: SOURCE_PREFIX_SCHEMA,
                uniqueItems: true,
                default: [],
                description:
                    "Internet sources (CIDRs, addresses or service tags) that JIT network access policies may allow at the privileged level; internal ranges never need approval.",
            },
        },
    },
    validateResource: recordInputsOf([...ROLE_GRANT_TYPES, ...ACTIVATION_POLICY_TYPES, ...JIT_NETWORK_POLICY_TYPES]),
    validateStack: validateJitAccess,
});
