// PAG-009: at the privileged level admin access is just in time — PIM eligibility that expires,
// activation with approval, MFA and at most 8 hours, and Defender JIT VM access of at most 3 hours
// from internal sources. At the specialized level the seed makes JIT optional: the same findings,
// advisory. The enterprise level is not checked.
import { ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { rank, ResolvedLevel, SECURITY_LEVELS } from "../engine/levels";
import { InputRecordingStackPolicy, recordInputsOf } from "../engine/memory";
import { list, msg, safe, Safe } from "../engine/messages";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { Reporter, reporter, reportLevelProblem } from "../engine/report";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { jitPortProblems } from "../azure/jit-network";
import { parseApprovals } from "../azure/network/addresses";
import { activationRuleProblems, eligibilityExpirationProblems } from "../azure/pim";
import { Problem } from "../azure/problems";
import { RoleCatalogue } from "../azure/rbac";
import { ScopeIndex } from "../azure/scopes";
import { authorization, compute, security } from "../azure/types";
import { SOURCE_PREFIX_SCHEMA } from "./no-direct-rdp";

export const metadata: PolicyMetadata = {
    id: "PAG-009",
    name: "privileged-jit-access",
    description:
        "At the privileged level, admin access is just in time: PIM eligibility that expires instead of standing role assignments, activation with approval, MFA and at most 8 hours, and JIT VM access of at most 3 hours from internal sources.",
    severity: "high",
    url: SEED_URLS.interfaces,
    remediationSteps:
        "Replace standing admin role assignments at the privileged level with authorization.PimRoleEligibilitySchedule resources whose scheduleInfo.expiration is AfterDuration or AfterDateTime within maxEligibilityDays; in every authorization.RoleManagementPolicy require approval (Approval_EndUser_Assignment), MultiFactorAuthentication (Enablement_EndUser_Assignment) and a maximumDuration of PT8H or less (Expiration_EndUser_Assignment); in every security.JitNetworkAccessPolicy set each port's maxRequestAccessDuration to PT3H or less and its allowed sources to internal ranges.",
    mcsb: ["PA-2", "PA-1", "NS-3"],
    cis: [],
};

export interface JitConfig {
    maxEligibilityDays: number;
    allowedSourcePrefixes: string[];
}

const DEFAULT_MAX_ELIGIBILITY_DAYS = 365;
export const MAX_ELIGIBILITY_DAYS_LIMIT = 3650;

/** The strictest of several levels (a JIT policy covering VMs at different levels). */
function highest(levels: ResolvedLevel[]): ResolvedLevel {
    return levels.reduce((best, l) =>
        rank(l.level) > rank(best.level) || (rank(l.level) === rank(best.level) && l.problem && !best.problem) ? l : best,
    );
}

/**
 * A JIT network policy carries no tags: it takes the level of the VMs it opens ports on (the
 * highest), else of its resource group, else the stack tag.
 */
function jitPolicyLevel(view: StackView, r: StackResource): ResolvedLevel {
    const vms = view.dependenciesOf(r, "virtualMachines").filter((d) => compute.VirtualMachine.matches(d.type));
    if (vms.length > 0) {
        return highest(
            vms.map((vm): ResolvedLevel => {
                const level = view.levelOf(vm);
                return level.source === "resource" ? { ...level, source: "parent" } : level;
            }),
        );
    }
    return view.levelOf(r, ["resourceGroupName"]);
}

function reportProblems(
    report: Reporter,
    r: StackResource,
    level: ResolvedLevel,
    subject: Safe,
    problems: Problem[],
    fix: Safe,
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
    });
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
    const catalogue = new RoleCatalogue(view);
    const checked = (level: ResolvedLevel) => rank(level.level) >= rank("specialized");
    // Built on first use: most stacks hold no RBAC resources.
    let scopeIndex: ScopeIndex | undefined;
    const scopeLevel = (r: StackResource): ResolvedLevel => {
        scopeIndex ??= ScopeIndex.of(view);
        const { level, own } = scopeIndex.levelOf(r);
        reportLevelProblem(report, r.urn, own);
        return level;
    };

    for (const i of approvals.invalid) {
        report({
            message: msg`privileged-jit-access config allowedSourcePrefixes[${safe.integer(i)}] is not an address, a CIDR or a service tag. Fix or remove it.`,
        });
    }

    for (const r of view.ofType(authorization.RoleAssignment)) {
        const level = scopeLevel(r);
        if (!checked(level)) {
            continue;
        }
        const role = catalogue.classify(r);
        if (role.kind === "not-admin") {
            continue;
        }
        const granted = role.kind === "admin" ? msg`the admin role ${role.role}` : msg`a role that could not be classified (${role.reason})`;
        report({
            urn: r.urn,
            message: msg`Role assignment ${safe.name(r.name)} grants ${granted} as standing access at the ${safe.word(level.level, SECURITY_LEVELS)} level, where admin access is just in time. Replace it with an authorization.PimRoleEligibilitySchedule (scheduleInfo.expiration within ${safe.integer(maxDays)} days) and activate the role through PIM.`,
            advisory: level.level !== "privileged",
        });
    }

    for (const r of view.ofType(authorization.PimRoleEligibilitySchedule)) {
        const level = scopeLevel(r);
        if (!checked(level)) {
            continue;
        }
        const role = catalogue.classify(r);
        if (role.kind === "not-admin") {
            continue;
        }
        const problems = eligibilityExpirationProblems(propsOf(r).scheduleInfo, maxDays, now);
        const granted = role.kind === "admin" ? role.role : msg`a role that could not be classified (${role.reason})`;
        reportProblems(
            report,
            r,
            level,
            msg`PIM eligibility ${safe.name(r.name)} for ${granted}`,
            problems,
            msg`Set scheduleInfo.expiration to AfterDuration with a duration of at most P${safe.integer(maxDays)}D, or to AfterDateTime with an endDateTime at most ${safe.integer(maxDays)} days after the start.`,
        );
    }

    for (const r of view.ofType(authorization.RoleManagementPolicy)) {
        const level = scopeLevel(r);
        if (!checked(level)) {
            continue;
        }
        reportProblems(
            report,
            r,
            level,
            msg`Role management policy ${safe.name(r.name)} does not make activation just in time`,
            activationRuleProblems(propsOf(r).rules),
            msg`Require approval (Approval_EndUser_Assignment, setting.isApprovalRequired: true), MFA (Enablement_EndUser_Assignment, enabledRules containing MultiFactorAuthentication) and a maximumDuration of PT8H or less (Expiration_EndUser_Assignment).`,
        );
    }

    for (const r of view.ofType(security.JitNetworkAccessPolicy)) {
        const level = jitPolicyLevel(view, r);
        reportLevelProblem(report, r.urn, level);
        if (!checked(level)) {
            continue;
        }
        reportProblems(
            report,
            r,
            level,
            msg`JIT network access policy ${safe.name(r.name)} opens management ports too long or too widely`,
            jitPortProblems(propsOf(r).virtualMachines, approvals),
            msg`Set every port's maxRequestAccessDuration to PT3H or less and its allowedSourceAddressPrefix(es) to internal ranges; approve a specific admin address in this policy's allowedSourcePrefixes only if you must.`,
        );
    }
}

export const privilegedJitAccess: InputRecordingStackPolicy = {
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
    validateResource: recordInputsOf([
        authorization.RoleAssignment,
        authorization.PimRoleEligibilitySchedule,
        authorization.RoleDefinition,
        authorization.RoleManagementPolicy,
        security.JitNetworkAccessPolicy,
    ]),
    validateStack: validateJitAccess,
};
