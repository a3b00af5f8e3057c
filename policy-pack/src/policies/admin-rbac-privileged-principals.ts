// PAG-008: admin roles go only to principals that may administer at the resource's level — privileged
// principals everywhere, specialized principals at enterprise and specialized only.
import { ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { rank, SECURITY_LEVELS, SecurityLevel } from "../engine/levels";
import { InputRecordingStackPolicy, recordInputsOf } from "../engine/memory";
import { list, msg, safe, Safe } from "../engine/messages";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { reporter, reportLevelProblem } from "../engine/report";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { isUnknown } from "../engine/values";
import { principalSource, RoleCatalogue } from "../azure/rbac";
import { ScopeIndex } from "../azure/scopes";
import { canonicalGuid, GUID_PATTERN, roleGuid } from "../azure/roles";
import { authorization, azuread } from "../azure/types";

export const metadata: PolicyMetadata = {
    id: "PAG-008",
    name: "admin-rbac-privileged-principals",
    description:
        "Admin roles on a resource are granted only to principals that may administer at its security level: privileged principals everywhere, specialized principals at the enterprise and specialized levels.",
    severity: "high",
    url: SEED_URLS.interfaces,
    remediationSteps:
        "Grant admin roles (Owner, Contributor, User Access Administrator, RBAC Administrator, VM Administrator Login, VM Contributor, Network Contributor, or custom roles with `*` or Microsoft.Authorization writes) only to a role-assignable Entra group (`assignableToRole: true`) or to principals listed in this policy's `privilegedPrincipalIds`, or at the enterprise and specialized levels in `specializedPrincipalIds`; give everyone else a non-admin role such as Reader or Virtual Machine User Login.",
    mcsb: ["PA-1", "PA-7"],
    cis: ["5.3.3", "5.4"],
};

export interface AdminRbacConfig {
    privilegedPrincipalIds: string[];
    specializedPrincipalIds: string[];
    adminRoleDefinitionIds: string[];
}

const guidList = (description: string): PolicyConfigJSONSchema => ({
    type: "array",
    items: { type: "string", pattern: GUID_PATTERN },
    uniqueItems: true,
    default: [],
    description,
});

const GUID_BODY = GUID_PATTERN.slice(1, -1);
const ROLE_DEFINITION_ID_PATTERN = `^(?:(?:/[^/\\s]+)*/[Rr][Oo][Ll][Ee][Dd][Ee][Ff][Ii][Nn][Ii][Tt][Ii][Oo][Nn][Ss]/)?${GUID_BODY}$`;

type Tier = "privileged" | "specialized" | "none";

interface Principal {
    tier: Tier;
    /** How the message names the principal. */
    text: Safe;
    /** The verdict rests on a value that cannot be known during preview. */
    unknown: boolean;
}

function typeName(token: string): Safe {
    const last = token.slice(token.lastIndexOf(":") + 1);
    return /^[A-Za-z0-9]{1,80}$/.test(last) ? safe.literal(last) : safe.literal("resource");
}

function judgePrincipal(
    view: StackView,
    r: StackResource,
    privileged: ReadonlySet<string>,
    specialized: ReadonlySet<string>,
): Principal {
    const value = propsOf(r).principalId;
    const id = canonicalGuid(value);
    // A configured id decides first: an identity created by an earlier deployment may be listed.
    if (id && privileged.has(id)) {
        return { tier: "privileged", text: msg`principal ${safe.guid(id)}`, unknown: false };
    }
    const source = principalSource(view, r);
    switch (source.kind) {
        case "role-assignable-group":
            return { tier: "privileged", text: msg`role-assignable group ${safe.name(source.group.name)}`, unknown: false };
        case "other":
            return {
                tier: "none",
                text: msg`the principal of ${safe.name(source.source.name)} (${typeName(source.source.type)}), which ${source.why} and so cannot be a privileged or specialized principal`,
                unknown: false,
            };
        case "unverifiable":
            return {
                tier: "none",
                text: msg`the principal of group ${safe.name(source.source.name)}, whose assignableToRole cannot be known during preview`,
                unknown: true,
            };
        case "none":
            break;
    }
    if (id && specialized.has(id)) {
        return { tier: "specialized", text: msg`principal ${safe.guid(id)} (listed in specializedPrincipalIds)`, unknown: false };
    }
    if (id) {
        return {
            tier: "none",
            text: msg`principal ${safe.guid(id)}, which is listed in neither privilegedPrincipalIds nor specializedPrincipalIds`,
            unknown: false,
        };
    }
    if (isUnknown(value)) {
        return {
            tier: "none",
            text: msg`a principal whose principalId cannot be known during preview and does not come from a resource in the stack, so it could not be verified as privileged`,
            unknown: true,
        };
    }
    return {
        tier: "none",
        text: msg`principalId, which is not a principal object id (a GUID)`,
        unknown: false,
    };
}

function mayAdminister(tier: Tier, level: SecurityLevel): boolean {
    return tier === "privileged" || (tier === "specialized" && rank(level) < rank("privileged"));
}

export function validateAdminRbac(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const report = reporter(reportViolation);
    const config = args.getConfig<Partial<AdminRbacConfig>>();
    const ids = (values: unknown): Set<string> =>
        new Set((Array.isArray(values) ? values : []).map(canonicalGuid).filter((g): g is string => g !== undefined));
    const privileged = ids(config.privilegedPrincipalIds);
    const specialized = ids(config.specializedPrincipalIds);
    const extraAdmin = new Set(
        (Array.isArray(config.adminRoleDefinitionIds) ? config.adminRoleDefinitionIds : [])
            .map(roleGuid)
            .filter((g): g is string => g !== undefined),
    );

    const view = StackView.of(args);
    const grants = view.ofType(authorization.RoleAssignment, authorization.PimRoleEligibilitySchedule);
    if (grants.length === 0) {
        return;
    }
    const catalogue = new RoleCatalogue(view, extraAdmin);
    const scopes = ScopeIndex.of(view);
    for (const r of grants) {
        const { level, own, raisedBy } = scopes.levelOf(r);
        reportLevelProblem(report, r.urn, own);
        const principal = judgePrincipal(view, r, privileged, specialized);
        if (mayAdminister(principal.tier, level.level)) {
            continue;
        }
        const role = catalogue.classify(r);
        if (role.kind === "not-admin") {
            continue;
        }
        const what = authorization.RoleAssignment.matches(r.type)
            ? safe.literal("Role assignment")
            : safe.literal("PIM eligibility");
        const levelWord = safe.word(level.level, SECURITY_LEVELS);
        const privilegedLevel = level.level === "privileged";
        const allowed = privilegedLevel
            ? msg`only privileged principals (a role-assignable Entra group, or an id in privilegedPrincipalIds)`
            : msg`only specialized or privileged principals (a role-assignable Entra group, or an id in ${list(
                  [safe.literal("privilegedPrincipalIds"), safe.literal("specializedPrincipalIds")],
                  "or",
              )})`;
        const fix = privilegedLevel
            ? msg`Grant the role to a role-assignable Entra group (assignableToRole: true) or a principal listed in privilegedPrincipalIds, or grant a non-admin role.`
            : msg`Grant the role to a role-assignable Entra group (assignableToRole: true) or a principal listed in privilegedPrincipalIds or specializedPrincipalIds, or grant a non-admin role.`;
        const granted =
            role.kind === "admin"
                ? msg`the admin role ${role.role}`
                : msg`a role that could not be classified (${role.reason}), judged as an admin role`;
        const roleUnknown = role.kind === "undecidable" && role.unknown;
        const roleMalformed = role.kind === "undecidable" && !role.unknown;
        const held = raisedBy ? msg` (its scope holds ${safe.name(raisedBy.name)}, a ${levelWord} resource)` : safe.literal("");
        report({
            urn: r.urn,
            message: msg`${what} ${safe.name(r.name)} grants ${granted} to ${principal.text}; at the ${levelWord} level${held} ${allowed} may hold admin roles. ${fix}`,
            advisory: !privilegedLevel && !roleMalformed && (principal.unknown || roleUnknown),
        });
    }
}

export const adminRbacPrivilegedPrincipals: InputRecordingStackPolicy = {
    ...policyFields(metadata),
    configSchema: {
        properties: {
            privilegedPrincipalIds: guidList(
                "Object ids of Entra principals (ideally role-assignable groups) that may hold admin roles at every level.",
            ),
            specializedPrincipalIds: guidList(
                "Object ids of Entra principals that may hold admin roles at the enterprise and specialized levels only.",
            ),
            adminRoleDefinitionIds: {
                type: "array",
                // A bare GUID, or a role definition id: any scope path, then `roleDefinitions/<GUID>`.
                items: { type: "string", pattern: ROLE_DEFINITION_ID_PATTERN },
                uniqueItems: true,
                default: [],
                description:
                    "Further role definitions to treat as admin roles, as a GUID or a role definition id ending in one.",
            },
        },
    },
    validateResource: recordInputsOf([
        authorization.RoleAssignment,
        authorization.PimRoleEligibilitySchedule,
        authorization.RoleDefinition,
        azuread.Group,
    ]),
    validateStack: validateAdminRbac,
};
