// PAG-008: admin roles go only to principals that may administer at the resource's level — privileged
// principals everywhere, specialized principals at enterprise and specialized only. Every form of
// grant, of either provider (adapters/role-grants.ts), follows the same principal rule.
import { ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { SECURITY_LEVELS } from "../engine/levels";
import { InputRecordingStackPolicy, recordInputsOf } from "../engine/memory";
import { list, msg, safe } from "../engine/messages";
import { exemptible } from "../engine/exemptible";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { reporter, reportLevelProblem } from "../engine/report";
import { StackView } from "../engine/stack";
import { customRolesOf, GRANT_NOUNS, ROLE_GRANT_TYPES, roleGrantsOf } from "../adapters/role-grants";
import { judgePrincipal, mayAdminister, PRINCIPAL_SOURCE_TYPES, RoleCatalogue } from "../azure/rbac";
import { ScopeIndex } from "../azure/scopes";
import { GUID_PATTERN, guidListSchema, guidSet, roleGuid } from "../azure/roles";

export const metadata: PolicyMetadata = {
    id: "PAG-008",
    name: "admin-rbac-privileged-principals",
    description:
        "Admin roles on a resource are granted only to principals that may administer at its security level: privileged principals everywhere, specialized principals at the enterprise and specialized levels.",
    severity: "high",
    url: SEED_URLS.interfaces,
    remediationSteps:
        "Grant admin roles (Owner, Contributor, User Access Administrator, RBAC Administrator, VM Administrator Login, VM Contributor, Network Contributor, or custom roles with `*` or Microsoft.Authorization writes) only to a role-assignable Entra group (`assignableToRole: true`) or to principals listed in this policy's `privilegedPrincipalIds`, or at the enterprise and specialized levels in `specializedPrincipalIds`; give everyone else a non-admin role such as Reader or Virtual Machine User Login. This holds for role assignments, PIM eligibilities and (classic provider) PIM active assignments alike, whether the role is named by roleDefinitionId or, on the classic provider, by roleDefinitionName.",
    mcsb: ["PA-1", "PA-7"],
    cis: ["5.3.3", "5.4"],
};

export interface AdminRbacConfig {
    privilegedPrincipalIds: string[];
    specializedPrincipalIds: string[];
    adminRoleDefinitionIds: string[];
}

const GUID_BODY = GUID_PATTERN.slice(1, -1);
const ROLE_DEFINITION_ID_PATTERN = `^(?:(?:/[^/\\s]+)*/[Rr][Oo][Ll][Ee][Dd][Ee][Ff][Ii][Nn][Ii][Tt][Ii][Oo][Nn][Ss]/)?${GUID_BODY}$`;

export function validateAdminRbac(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const report = reporter(reportViolation);
    const config = args.getConfig<Partial<AdminRbacConfig>>();
    const privileged = guidSet(config.privilegedPrincipalIds);
    const specialized = guidSet(config.specializedPrincipalIds);
    const extraAdmin = new Set(
        (Array.isArray(config.adminRoleDefinitionIds) ? config.adminRoleDefinitionIds : [])
            .map(roleGuid)
            .filter((g): g is string => g !== undefined),
    );

    const view = StackView.of(args);
    const grants = roleGrantsOf(view);
    if (grants.length === 0) {
        return;
    }
    const catalogue = new RoleCatalogue(customRolesOf(view), extraAdmin);
    const scopes = ScopeIndex.of(view);
    for (const grant of grants) {
        const r = grant.resource;
        const { level, own, raisedBy } = scopes.levelOf(r, grant.scopePath);
        reportLevelProblem(report, r.urn, own);
        const principal = judgePrincipal(view, r, grant.principalPath, { privileged, specialized });
        if (mayAdminister(principal.tier, level.level)) {
            continue;
        }
        const role = catalogue.classify(grant.role);
        if (role.kind === "not-admin") {
            continue;
        }
        const what = safe.literal(GRANT_NOUNS[grant.kind]);
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
            // A role or principal that cannot be interpreted makes the grant undecidable: never exempted.
            kind: roleMalformed || principal.malformed ? "malformed" : undefined,
        });
    }
}

export const adminRbacPrivilegedPrincipals: InputRecordingStackPolicy = exemptible(metadata, {
    ...policyFields(metadata),
    configSchema: {
        properties: {
            privilegedPrincipalIds: guidListSchema(
                "Object ids of Entra principals (ideally role-assignable groups) that may hold admin roles at every level.",
            ),
            specializedPrincipalIds: guidListSchema(
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
    validateResource: recordInputsOf([...ROLE_GRANT_TYPES, ...PRINCIPAL_SOURCE_TYPES]),
    validateStack: validateAdminRbac,
});
