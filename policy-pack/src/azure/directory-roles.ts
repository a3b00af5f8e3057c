// Entra ID directory roles: which built-in roles administer the tenant (privileged) or part of it
// (admin), how the azuread resources name a role, and the level a resource that targets one is judged
// at (DESIGN §3b). Roles are compared by template id, case-insensitively; a `DirectoryRole` of the stack
// maps an activated role's object id to its template.
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { atLeast, ResolvedLevel, SecurityLevel } from "../engine/levels";
import { msg, safe, Safe } from "../engine/messages";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { isUnknown } from "../engine/values";
import { canonicalGuid, GUID_PATTERN, guidListSchema, guidSet } from "./roles";
import { azuread } from "./types";

export interface DirectoryRoleInfo {
    templateId: string;
    name: string;
}

/** ScubaGear's highly privileged roles and Microsoft's Conditional Access admin list (DESIGN §3b). */
export const PRIVILEGED_DIRECTORY_ROLES: readonly DirectoryRoleInfo[] = [
    { templateId: "62e90394-69f5-4237-9190-012177145e10", name: "Global Administrator" },
    { templateId: "e8611ab8-c189-46e8-94e1-60213ab1f814", name: "Privileged Role Administrator" },
    { templateId: "7be44c8a-adaf-4e2a-84d6-ab2649e08a13", name: "Privileged Authentication Administrator" },
    { templateId: "194ae4cb-b126-40b2-bd5b-6091b380977d", name: "Security Administrator" },
    { templateId: "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", name: "Conditional Access Administrator" },
    { templateId: "fe930be7-5e62-47db-91af-98c3a49a38b1", name: "User Administrator" },
    { templateId: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", name: "Application Administrator" },
    { templateId: "158c047a-c907-4556-b7ef-446551a6b5f7", name: "Cloud Application Administrator" },
    { templateId: "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", name: "Hybrid Identity Administrator" },
    { templateId: "c4e39bd9-1100-46d3-8c65-fb160da0071f", name: "Authentication Administrator" },
    { templateId: "29232cdf-9323-42fd-ade2-1d097af3e4de", name: "Exchange Administrator" },
    { templateId: "f28a1f50-f6e7-4571-818b-6a12f2af6b6c", name: "SharePoint Administrator" },
];

/** Admin roles below the privileged set: judged at the specialized level at least. */
export const OTHER_ADMIN_DIRECTORY_ROLES: readonly DirectoryRoleInfo[] = [
    { templateId: "729827e3-9c14-49f7-bb1b-9608f156bbb8", name: "Helpdesk Administrator" },
    { templateId: "966707d0-3269-4727-9be2-8c3a10f19b9d", name: "Password Administrator" },
    { templateId: "b0f54661-2d74-4c50-afa3-1ec803f12efe", name: "Billing Administrator" },
    { templateId: "69091246-20e8-4a56-aa4d-066075b2a7a8", name: "Teams Administrator" },
    { templateId: "3a2c62db-5318-420d-8d74-23affee5d9d5", name: "Intune Administrator" },
    { templateId: "7698a772-787b-4ac8-901f-60d6b08affd2", name: "Cloud Device Administrator" },
    { templateId: "f2ef992c-3afb-46b9-b7cf-a126ee74c451", name: "Global Reader" },
];

const KNOWN_ROLES = [...PRIVILEGED_DIRECTORY_ROLES, ...OTHER_ADMIN_DIRECTORY_ROLES];
const nameByTemplate = new Map(KNOWN_ROLES.map((r) => [r.templateId, r.name]));
// "Company Administrator" is Global Administrator's name in the older directory APIs.
const templateByName = new Map([...KNOWN_ROLES.map((r): [string, string] => [r.name.toLowerCase(), r.templateId]), ["company administrator", "62e90394-69f5-4237-9190-012177145e10"]]);

export type RoleTier = "privileged" | "admin" | "none";

/** The config keys every identity-plane policy takes to adapt the role catalogue. */
export interface DirectoryRoleConfig {
    privilegedRoleTemplateIds: string[];
    adminRoleTemplateIds: string[];
}

export function directoryRoleConfigSchema(): Record<keyof DirectoryRoleConfig, PolicyConfigJSONSchema> {
    return {
        privilegedRoleTemplateIds: {
            type: "array",
            items: { type: "string", pattern: GUID_PATTERN },
            uniqueItems: true,
            default: PRIVILEGED_DIRECTORY_ROLES.map((r) => r.templateId),
            description:
                "Template ids of the Entra directory roles judged at the privileged level (default: ScubaGear's highly privileged roles and Microsoft's Conditional Access admin roles). A default role left out is still an admin role.",
        },
        adminRoleTemplateIds: guidListSchema("Template ids of further Entra directory roles to treat as admin roles (judged at the specialized level at least)."),
    };
}

/** A role a resource names, as far as it can be told. */
export type NamedRole =
    | { kind: "role"; templateId: string; tier: RoleTier; text: Safe }
    /**
     * The role cannot be told: unknown during preview, or an object id no role of the stack explains;
     * `malformed` when the value cannot be interpreted at all (not a GUID), which is undecidable input
     * rather than an unknown (DESIGN §3a).
     */
    | { kind: "unknown"; reason: Safe; malformed?: boolean };

export class DirectoryRoleCatalogue {
    private readonly privileged: Set<string>;
    private readonly admin: Set<string>;

    constructor(config: Partial<DirectoryRoleConfig>) {
        this.privileged = Array.isArray(config.privilegedRoleTemplateIds)
            ? guidSet(config.privilegedRoleTemplateIds)
            : new Set(PRIVILEGED_DIRECTORY_ROLES.map((r) => r.templateId));
        this.admin = new Set([...KNOWN_ROLES.map((r) => r.templateId), ...guidSet(config.adminRoleTemplateIds)]);
    }

    tierOf(templateId: string): RoleTier {
        return this.privileged.has(templateId) ? "privileged" : this.admin.has(templateId) ? "admin" : "none";
    }

    /** Every role this catalogue treats as admin (privileged included). */
    adminTemplateIds(): string[] {
        return [...new Set([...this.privileged, ...this.admin])];
    }

    role(templateId: string): NamedRole & { kind: "role" } {
        const name = nameByTemplate.get(templateId);
        return {
            kind: "role",
            templateId,
            tier: this.tierOf(templateId),
            text: name ? safe.literal(name) : msg`directory role ${safe.guid(templateId)}`,
        };
    }

    /** The role of a `DirectoryRole` resource: its `templateId`, else its display name in the catalogue. */
    private roleOfDirectoryRole(dr: StackResource): NamedRole {
        const props = propsOf(dr);
        const template = canonicalGuid(props.templateId) ?? canonicalGuid(dr.outputs.templateId);
        if (template) {
            return this.role(template);
        }
        const displayName = typeof props.displayName === "string" ? props.displayName.trim().toLowerCase() : undefined;
        const byName = displayName === undefined ? undefined : templateByName.get(displayName);
        if (byName) {
            return this.role(byName);
        }
        // azuread activates only built-in roles, and only by their exact display name: another name is
        // a built-in role outside the admin catalogue (Directory Readers, say), or the apply fails.
        if (displayName) {
            return { kind: "role", templateId: "", tier: "none", text: msg`directory role ${safe.name(dr.name)}` };
        }
        return { kind: "unknown", reason: msg`directory role ${safe.name(dr.name)} names neither a template id nor a role of the catalogue by display name` };
    }

    /**
     * The role named by `property` of `r`: a `DirectoryRole` of the stack it depends on, else the
     * value itself — a template id (DirectoryRoleAssignment.roleId, …EligibilityScheduleRequest
     * .roleDefinitionId) or, with `objectId`, an activated role's object id (DirectoryRoleMember
     * .roleObjectId), which only a `DirectoryRole` of the stack can explain.
     */
    namedBy(view: StackView, r: StackResource, property: string, value: "templateId" | "objectId"): NamedRole {
        const raw = propsOf(r)[property];
        const path = safe.path(property);
        const guid = canonicalGuid(raw);
        const dependencies = view.dependenciesOf(r, property);
        const named = [
            ...dependencies.filter((d) => azuread.DirectoryRole.matches(d.type)).map((dr) => this.tracedRole(dr, guid, path, value)),
            ...dependencies.filter((d) => azuread.CustomDirectoryRole.matches(d.type)).map((c) => customRole(c)),
        ];
        if (named.length > 0) {
            // A value computed from several roles may name any of them: the most powerful decides.
            return named.reduce((a, b) => (strength(b) > strength(a) ? b : a));
        }
        if (isUnknown(raw)) {
            return { kind: "unknown", reason: msg`${path} cannot be known during preview and does not come from a directory role of the stack` };
        }
        if (guid === undefined) {
            return { kind: "unknown", reason: msg`${path} is not a GUID`, malformed: true };
        }
        const custom = view.ofType(azuread.CustomDirectoryRole).find((c) => canonicalGuid(c.outputs.objectId) === guid || canonicalGuid(c.outputs.id) === guid);
        if (custom) {
            return customRole(custom);
        }
        if (value === "templateId" || this.tierOf(guid) !== "none") {
            return this.role(guid);
        }
        const byObjectId = view
            .ofType(azuread.DirectoryRole)
            .find((dr) => canonicalGuid(dr.outputs.objectId) === guid || canonicalGuid(dr.outputs.id) === guid);
        return byObjectId
            ? this.roleOfDirectoryRole(byObjectId)
            : { kind: "unknown", reason: msg`${path} is the object id of an activated role that no directory role of the stack explains` };
    }

    /**
     * The role of a `DirectoryRole` a value depends on. Once both are known they must agree: a value
     * computed from one role's output may name another role (`readers.objectId.apply(() => ga)`).
     */
    private tracedRole(dr: StackResource, guid: string | undefined, path: Safe, value: "templateId" | "objectId"): NamedRole {
        const role = this.roleOfDirectoryRole(dr);
        const own = value === "objectId" ? canonicalGuid(dr.outputs.objectId) : role.kind === "role" && role.templateId !== "" ? role.templateId : undefined;
        if (guid !== undefined && own !== undefined && guid !== own) {
            return { kind: "unknown", reason: msg`${path} comes from directory role ${safe.name(dr.name)} but names another role` };
        }
        return role;
    }
}

/** A custom directory role of the stack: what its permissions allow is not judged, so the role is unknown. */
function customRole(c: StackResource): NamedRole {
    return { kind: "unknown", reason: msg`it is custom directory role ${safe.name(c.name)}, whose permissions are not judged` };
}

/** How much a named role weighs when a value may name several: privileged, admin, unknown, none. */
function strength(n: NamedRole): number {
    return n.kind === "unknown" ? 2 : n.tier === "privileged" ? 4 : n.tier === "admin" ? 3 : 1;
}

/** The level of an Entra resource that targets roles: the stack tag, raised by what it targets. */
export function raisedLevel(stack: ResolvedLevel, tiers: readonly RoleTier[]): SecurityLevel {
    if (tiers.includes("privileged")) {
        return "privileged";
    }
    return tiers.includes("admin") && !atLeast(stack.level, "specialized") ? "specialized" : stack.level;
}
