// PAG-011: Entra directory roles go only to privileged principals, and at the privileged level none is
// held standing — an eligibility (DirectoryRoleEligibilityScheduleRequest) instead of an assignment,
// except for break-glass accounts, declared workload identities and groups enrolled in PIM for Groups,
// whose memberships must then be time-bound and whose activation needs approval, MFA and ≤ 8 hours.
// At the specialized level the just-in-time findings are advisory.
import { ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { levelFromTags, rank, SECURITY_LEVELS, SecurityLevel } from "../engine/levels";
import { InputRecordingStackPolicy, recordInputsOf } from "../engine/memory";
import { msg, safe, Safe } from "../engine/messages";
import { exemptible } from "../engine/exemptible";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { reporter, reportLevelProblem } from "../engine/report";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { isUnknown } from "../engine/values";
import { DirectoryRoleCatalogue, directoryRoleConfigSchema, DirectoryRoleConfig, NamedRole, raisedLevel, RoleTier } from "../azure/directory-roles";
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from "../azure/durations";
import { activationPolicyProblems, scheduleLengthProblems } from "../azure/pim-groups";
import { Problem, problemKind } from "../azure/problems";
import { judgePrincipal, mayAdminister, Principal } from "../azure/rbac";
import { canonicalGuid, guidListSchema, guidSet } from "../azure/roles";
import { azuread } from "../azure/types";
import { MAX_ELIGIBILITY_DAYS_LIMIT } from "./privileged-jit-access";

export const metadata: PolicyMetadata = {
    id: "PAG-011",
    name: "entra-privileged-roles",
    description:
        "Entra admin directory roles are held only by privileged principals and, at the privileged level, only just in time: eligible through PIM rather than standing, with time-bound PIM for Groups memberships whose activation needs approval, MFA and at most 8 hours.",
    severity: "critical",
    url: SEED_URLS.interfaces,
    remediationSteps:
        "Grant admin directory roles to a role-assignable group (assignableToRole: true) or a principal listed in privilegedPrincipalIds; replace azuread.DirectoryRoleAssignment / DirectoryRoleMember of privileged roles with azuread.DirectoryRoleEligibilityScheduleRequest; for a group enrolled in PIM for Groups, give PrivilegedAccessGroupAssignmentSchedule a duration of PT8H or less (or use an eligibility schedule of at most maxEligibilityDays) and set its GroupRoleManagementPolicy activationRules to requireApproval, requireMultifactorAuthentication and a maximumDuration of PT8H or less.",
    mcsb: ["PA-1", "PA-2", "IM-1"],
    cis: ["1.1.1", "1.1.2"],
};

export interface EntraRolesConfig extends DirectoryRoleConfig {
    privilegedPrincipalIds: string[];
    specializedPrincipalIds: string[];
    breakGlassPrincipalIds: string[];
    standingAccessPrincipalIds: string[];
    pimEnrolledGroupIds: string[];
    maxEligibilityDays: number;
}

const DEFAULT_MAX_ELIGIBILITY_DAYS = 365;


type Kind = "assignment" | "member" | "eligibility";

const GRANTS: readonly { type: (typeof azuread)[keyof typeof azuread]; kind: Kind; role: string; roleValue: "templateId" | "objectId"; principal: string; what: string }[] = [
    { type: azuread.DirectoryRoleAssignment, kind: "assignment", role: "roleId", roleValue: "templateId", principal: "principalObjectId", what: "Directory role assignment" },
    { type: azuread.DirectoryRoleMember, kind: "member", role: "roleObjectId", roleValue: "objectId", principal: "memberObjectId", what: "Directory role member" },
    {
        type: azuread.DirectoryRoleEligibilityScheduleRequest,
        kind: "eligibility",
        role: "roleDefinitionId",
        roleValue: "templateId",
        principal: "principalId",
        what: "Directory role eligibility",
    },
];

interface Grant {
    resource: StackResource;
    kind: Kind;
    what: Safe;
    role: NamedRole;
    principal: Principal;
}

/** How a group is recognised: the group resource of the stack, else its object id. */
function groupKeys(view: StackView, r: StackResource, property: string): string[] {
    const groups = view.dependenciesOf(r, property).filter((d) => azuread.Group.matches(d.type));
    const id = canonicalGuid(propsOf(r)[property]);
    return [...groups.map((g) => g.urn), ...(id ? [id] : [])];
}

// A role that cannot be told is an admin role; one whose id cannot even be interpreted is undecidable
// input, judged as a privileged role so that it blocks at every level (DESIGN §3a).
const tierOf = (role: NamedRole): RoleTier => (role.kind === "role" ? role.tier : role.malformed ? "privileged" : "admin");

/** A grant whose role or principal cannot be interpreted: its findings are never exempted. */
const malformedGrant = (g: Grant): boolean => (g.role.kind === "unknown" && g.role.malformed === true) || g.principal.malformed === true;

export function validateEntraRoles(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const view = StackView.of(args);
    const grantTypes = GRANTS.map((g) => g.type);
    const groupTypes = [azuread.PrivilegedAccessGroupAssignmentSchedule, azuread.PrivilegedAccessGroupEligibilitySchedule, azuread.GroupRoleManagementPolicy];
    if (view.ofType(...grantTypes, ...groupTypes).length === 0) {
        return;
    }
    const report = reporter(reportViolation);
    const config = args.getConfig<Partial<EntraRolesConfig>>();
    const breakGlass = guidSet(config.breakGlassPrincipalIds);
    const lists = { privileged: new Set([...guidSet(config.privilegedPrincipalIds), ...breakGlass]), specialized: guidSet(config.specializedPrincipalIds) };
    const standingAllowed = guidSet(config.standingAccessPrincipalIds);
    const maxDays = typeof config.maxEligibilityDays === "number" ? config.maxEligibilityDays : DEFAULT_MAX_ELIGIBILITY_DAYS;
    const catalogue = new DirectoryRoleCatalogue(config);
    const stack = levelFromTags(undefined, args.stackTags);
    reportLevelProblem(report, undefined, stack);
    const now = Date.now();

    // Groups enrolled in PIM for Groups: any schedule or activation policy for them, or listed.
    const enrolled = guidSet(config.pimEnrolledGroupIds);
    for (const r of view.ofType(...groupTypes)) {
        groupKeys(view, r, "groupId").forEach((k) => enrolled.add(k));
    }

    const grants: Grant[] = [];
    for (const spec of GRANTS) {
        for (const r of view.ofType(spec.type)) {
            const role = catalogue.namedBy(view, r, spec.role, spec.roleValue);
            if (role.kind === "role" && role.tier === "none") {
                continue;
            }
            grants.push({ resource: r, kind: spec.kind, what: safe.literal(spec.what), role, principal: judgePrincipal(view, r, spec.principal, lists) });
        }
    }

    const roleText = (role: NamedRole) =>
        role.kind === "role"
            ? msg`the admin role ${role.text}`
            : msg`a directory role that could not be told (${role.reason}), judged as ${role.malformed ? msg`a privileged role` : msg`an admin role`}`;
    const levelWord = (level: SecurityLevel) => safe.word(level, SECURITY_LEVELS);
    // Groups that hold an admin role, with the highest tier they hold.
    const roleHolders = new Map<string, RoleTier>();
    for (const g of grants) {
        const keys = [...(g.principal.group ? [g.principal.group.urn] : []), ...(g.principal.id ? [g.principal.id] : [])];
        for (const key of keys) {
            const tier = tierOf(g.role);
            roleHolders.set(key, roleHolders.get(key) === "privileged" ? "privileged" : tier);
        }
    }

    for (const g of grants) {
        const r = g.resource;
        const level = raisedLevel(stack, [tierOf(g.role)]);
        const privileged = level === "privileged";
        const roleUnknown = g.role.kind === "unknown" && !g.role.malformed;
        if (!mayAdminister(g.principal.tier, level)) {
            report({
                urn: r.urn,
                message: msg`${g.what} ${safe.name(r.name)} gives ${roleText(g.role)} to ${g.principal.text}; at the ${levelWord(level)} level only ${
                    privileged
                        ? msg`privileged principals (a role-assignable Entra group, or an id in privilegedPrincipalIds or breakGlassPrincipalIds)`
                        : msg`specialized or privileged principals (a role-assignable Entra group, or an id in privilegedPrincipalIds, breakGlassPrincipalIds or specializedPrincipalIds)`
                } may hold it. Give the role to a role-assignable group of privileged administrators instead.`,
                advisory: !privileged && (g.principal.unknown || roleUnknown),
                kind: malformedGrant(g) ? "malformed" : undefined,
            });
        } else if (roleUnknown && !mayAdminister(g.principal.tier, "privileged")) {
            // A specialized principal may hold an admin role below privileged, but the role that cannot
            // be told may be a privileged one: the unknown decides the verdict (advisory below privileged).
            report({
                urn: r.urn,
                message: msg`${g.what} ${safe.name(r.name)} gives ${roleText(g.role)} to ${g.principal.text}; if it is a privileged role, only privileged principals (a role-assignable Entra group, or an id in privilegedPrincipalIds or breakGlassPrincipalIds) may hold it. Name the role by its template id (or through an azuread.DirectoryRole of the stack), or give it to a role-assignable group of privileged administrators.`,
                advisory: true,
            });
        }
        if (g.kind === "eligibility" || rank(level) < rank("specialized")) {
            continue;
        }
        const id = g.principal.id;
        const exempt =
            (id !== undefined && breakGlass.has(id)) ||
            (id !== undefined && standingAllowed.has(id)) ||
            (g.principal.group !== undefined && enrolled.has(g.principal.group.urn)) ||
            (id !== undefined && enrolled.has(id));
        if (!exempt) {
            report({
                urn: r.urn,
                message: msg`${g.what} ${safe.name(r.name)} gives ${roleText(g.role)} to ${g.principal.text} as standing access; at the ${levelWord(level)} level admin roles are held just in time. Replace it with an azuread.DirectoryRoleEligibilityScheduleRequest (PIM), or list the principal in breakGlassPrincipalIds (emergency accounts) or standingAccessPrincipalIds (workload identities that cannot activate PIM).`,
                advisory: !privileged,
                kind: malformedGrant(g) ? "malformed" : undefined,
            });
        }
    }

    // PIM for Groups, for groups that hold an admin role.
    const heldBy = (r: StackResource): RoleTier | undefined => {
        const tiers = groupKeys(view, r, "groupId").map((k) => roleHolders.get(k)).filter((t): t is RoleTier => t !== undefined);
        return tiers.includes("privileged") ? "privileged" : tiers[0];
    };
    const reportProblems = (r: StackResource, level: SecurityLevel, intro: Safe, fix: Safe, problems: Problem[]) => {
        const privileged = level === "privileged";
        for (const p of problems) {
            report({ urn: r.urn, message: msg`${intro}: ${p.message}. ${fix}`, advisory: !privileged, kind: problemKind(p) });
        }
    };
    const schedules: [typeof azuread.PrivilegedAccessGroupAssignmentSchedule, boolean][] = [
        [azuread.PrivilegedAccessGroupAssignmentSchedule, true],
        [azuread.PrivilegedAccessGroupEligibilitySchedule, false],
    ];
    for (const [type, active] of schedules) {
        for (const r of view.ofType(type)) {
            const tier = heldBy(r);
            if (tier === undefined) {
                continue;
            }
            const level = raisedLevel(stack, [tier]);
            const privileged = level === "privileged";
            const name = safe.name(r.name);
            const intro = active
                ? msg`PIM for Groups assignment ${name} makes a member of a group that holds an admin directory role (${levelWord(level)} level)`
                : msg`PIM for Groups eligibility ${name} makes a principal eligible for a group that holds an admin directory role (${levelWord(level)} level)`;
            const principal = judgePrincipal(view, r, "principalId", lists);
            if (!mayAdminister(principal.tier, level)) {
                report({
                    urn: r.urn,
                    message: msg`${intro}, but its principal is ${principal.text}. Only privileged principals may join such a group.`,
                    advisory: !privileged && principal.unknown,
                    kind: principal.malformed ? "malformed" : undefined,
                });
            }
            if (rank(level) < rank("specialized")) {
                continue;
            }
            const problems = active
                ? scheduleLengthProblems(propsOf(r), 8 * SECONDS_PER_HOUR, safe.literal("8 hours: that is standing access"), now)
                : scheduleLengthProblems(propsOf(r), maxDays * SECONDS_PER_DAY, msg`the ${safe.integer(maxDays)}-day limit (maxEligibilityDays)`, now);
            const fix = active
                ? safe.literal("Give the assignment a duration of PT8H or less, or make the principal eligible instead (PrivilegedAccessGroupEligibilitySchedule).")
                : safe.literal("Give the eligibility a duration or expirationDate within maxEligibilityDays.");
            reportProblems(r, level, intro, fix, problems);
        }
    }
    for (const r of view.ofType(azuread.GroupRoleManagementPolicy)) {
        const roleId = propsOf(r).roleId;
        if (!isUnknown(roleId) && !(typeof roleId === "string" && roleId.trim().toLowerCase() === "member")) {
            continue;
        }
        const tier = heldBy(r);
        if (tier === undefined) {
            continue;
        }
        const level = raisedLevel(stack, [tier]);
        if (rank(level) < rank("specialized")) {
            continue;
        }
        reportProblems(
            r,
            level,
            msg`Group role management policy ${safe.name(r.name)} governs activation into a group that holds an admin directory role (${levelWord(level)} level)`,
            safe.literal("Set activationRules.requireApproval and requireMultifactorAuthentication to true and maximumDuration to PT8H or less."),
            activationPolicyProblems(propsOf(r)),
        );
    }
}

export const entraPrivilegedRoles: InputRecordingStackPolicy = exemptible(metadata, {
    ...policyFields(metadata),
    configSchema: {
        properties: {
            privilegedPrincipalIds: guidListSchema("Object ids of Entra principals (ideally role-assignable groups) that may hold admin directory roles at every level."),
            specializedPrincipalIds: guidListSchema("Object ids of Entra principals that may hold admin directory roles judged below the privileged level."),
            breakGlassPrincipalIds: guidListSchema("Object ids of emergency-access (break-glass) accounts: privileged, and allowed standing access."),
            standingAccessPrincipalIds: guidListSchema(
                "Object ids of workload identities that cannot activate PIM and may hold standing admin roles (they must still be privileged principals).",
            ),
            pimEnrolledGroupIds: guidListSchema("Object ids of groups enrolled in PIM for Groups outside this stack: their standing role assignments are allowed."),
            maxEligibilityDays: {
                type: "integer",
                minimum: 1,
                maximum: MAX_ELIGIBILITY_DAYS_LIMIT,
                default: DEFAULT_MAX_ELIGIBILITY_DAYS,
                description: "The longest a PIM for Groups eligibility may last, in days.",
            },
            ...directoryRoleConfigSchema(),
        },
    },
    validateResource: recordInputsOf([
        ...GRANTS.map((g) => g.type),
        azuread.DirectoryRole,
        azuread.Group,
        azuread.PrivilegedAccessGroupAssignmentSchedule,
        azuread.PrivilegedAccessGroupEligibilitySchedule,
        azuread.GroupRoleManagementPolicy,
    ]),
    validateStack: validateEntraRoles,
});
