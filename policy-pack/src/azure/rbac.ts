// Azure role grants in a stack, whichever provider wrote them: which role a grant names (a built-in
// role by GUID or by name, or a custom role of the stack) and whether it administers, and where its
// principal comes from when its id is not known yet. The adapters (adapters/role-grants.ts) read each
// provider's resources into the `RoleReference` and `CustomRole` below.
import { rank, SecurityLevel } from "../engine/levels";
import { msg, safe, Safe } from "../engine/messages";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { isUnknown } from "../engine/values";
import { builtInAdminRole, builtInAdminRoleByName, canonicalGuid, classifyPermissions, roleGuid } from "./roles";
import { azuread } from "./types";

/** A custom role definition of the stack. */
export interface CustomRole {
    resource: StackResource;
    /** The GUIDs that identify it: its own GUID input and the last segment of its ids. */
    guids: readonly string[];
    /** The names assignments may name it by (a classic `roleDefinitionName`), lower-cased. */
    names: readonly string[];
    /** Its `permissions` list: `[{ actions, notActions, dataActions, … }]` on both providers. */
    permissions: unknown;
}

/** The role a grant names, as its provider's property holds it. */
export type RoleReference =
    /** The property's value flows from custom role definitions of the stack (propertyDependencies). */
    | { kind: "custom"; path: string; definitions: readonly CustomRole[] }
    /** A role definition id: a GUID or a path ending in one (or an unknown, or malformed input). */
    | { kind: "guid"; path: string; value: unknown }
    /** A role name (classic `roleDefinitionName`): a built-in role's, or a custom role's of the stack. */
    | { kind: "name"; path: string; value: unknown }
    /** Neither of the properties that name a role is set. */
    | { kind: "missing"; paths: readonly string[] };

export type RoleClass =
    | { kind: "admin"; role: Safe }
    | { kind: "not-admin" }
    /** `unknown`: a preview unknown (advisory below privileged); otherwise malformed input (mandatory). */
    | { kind: "undecidable"; reason: Safe; unknown: boolean };

function classifyCustomRole(def: CustomRole): RoleClass {
    const verdict = classifyPermissions(def.permissions);
    const name = safe.name(def.resource.name);
    switch (verdict.kind) {
        case "admin":
            return { kind: "admin", role: msg`${name} (a custom role whose ${safe.path(verdict.path)} is an admin action)` };
        case "not-admin":
            return { kind: "not-admin" };
        case "unknown":
            return {
                kind: "undecidable",
                reason: msg`the ${safe.path(verdict.path)} of custom role ${name} cannot be known during preview`,
                unknown: true,
            };
        case "malformed":
            return {
                kind: "undecidable",
                reason: msg`the ${safe.path(verdict.path)} of custom role ${name} is not a list of action strings`,
                unknown: false,
            };
    }
}

function combine(classes: RoleClass[]): RoleClass {
    return (
        classes.find((c) => c.kind === "admin") ??
        classes.find((c) => c.kind === "undecidable" && !c.unknown) ??
        classes.find((c) => c.kind === "undecidable") ?? { kind: "not-admin" }
    );
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (!list) {
        map.set(key, [value]);
    } else if (!list.includes(value)) {
        list.push(value);
    }
}

/**
 * Indexes the custom role definitions of a stack once per AnalyzeStack, so that classifying many
 * grants stays linear in the size of the stack.
 */
export class RoleCatalogue {
    private readonly byGuid = new Map<string, CustomRole[]>();
    private readonly byName = new Map<string, CustomRole[]>();

    constructor(
        customRoles: readonly CustomRole[],
        private readonly extraAdminIds: ReadonlySet<string> = new Set(),
    ) {
        for (const role of customRoles) {
            role.guids.forEach((g) => push(this.byGuid, g, role));
            role.names.forEach((n) => push(this.byName, n, role));
        }
    }

    /** The role a grant names, classified as admin or not. */
    classify(ref: RoleReference): RoleClass {
        switch (ref.kind) {
            case "custom":
                return combine(ref.definitions.map(classifyCustomRole));
            case "guid":
                return this.classifyId(ref.path, ref.value);
            case "name":
                return this.classifyName(ref.path, ref.value);
            case "missing":
                return {
                    kind: "undecidable",
                    reason: msg`neither ${safe.path(ref.paths.join(" nor "))} is set`,
                    unknown: false,
                };
        }
    }

    private classifyId(path: string, value: unknown): RoleClass {
        const where = safe.path(path);
        if (isUnknown(value)) {
            return {
                kind: "undecidable",
                reason: msg`${where} cannot be known during preview and does not come from a role definition in the stack`,
                unknown: true,
            };
        }
        const guid = roleGuid(value);
        if (!guid) {
            return {
                kind: "undecidable",
                reason: msg`${where} is not a role definition id (a GUID, or a path ending in one)`,
                unknown: false,
            };
        }
        const builtIn = builtInAdminRole(guid);
        if (builtIn) {
            return { kind: "admin", role: safe.literal(builtIn.name) };
        }
        if (this.extraAdminIds.has(guid)) {
            return { kind: "admin", role: msg`role ${safe.guid(guid)} (listed in adminRoleDefinitionIds)` };
        }
        const custom = this.byGuid.get(guid);
        return custom ? combine(custom.map(classifyCustomRole)) : { kind: "not-admin" };
    }

    private classifyName(path: string, value: unknown): RoleClass {
        const where = safe.path(path);
        if (isUnknown(value)) {
            return {
                kind: "undecidable",
                reason: msg`${where} cannot be known during preview and does not come from a role definition in the stack`,
                unknown: true,
            };
        }
        if (typeof value !== "string" || value.trim() === "") {
            return { kind: "undecidable", reason: msg`${where} is not a role name`, unknown: false };
        }
        const builtIn = builtInAdminRoleByName(value);
        if (builtIn) {
            return { kind: "admin", role: safe.literal(builtIn.name) };
        }
        // A name that is neither a built-in admin role nor a custom role of the stack names a role this
        // pack does not call admin (Reader, or a custom role defined elsewhere), as a GUID would.
        const custom = this.byName.get(value.trim().toLowerCase());
        return custom ? combine(custom.map(classifyCustomRole)) : { kind: "not-admin" };
    }
}

/** The resource types the principal rule reads in the stack phase (their Analyze inputs are recorded). */
export const PRINCIPAL_SOURCE_TYPES = [azuread.Group] as const;

export type PrincipalSource =
    /** Every resource the id comes from is an Entra group with `assignableToRole: true`. */
    | { kind: "role-assignable-group"; group: StackResource }
    /** The id comes from a resource that is not a role-assignable group. */
    | { kind: "other"; source: StackResource; why: Safe }
    /** A group whose `assignableToRole` cannot be known during preview. */
    | { kind: "unverifiable"; source: StackResource }
    /** No resource of the stack feeds `principalId`. */
    | { kind: "none" };

/**
 * Where the principal of an assignment comes from, through the propertyDependencies of its principal
 * property (`principalId`; `principalObjectId` or `memberObjectId` on Entra role assignments).
 * An Entra group with `assignableToRole: true` can only be managed by Privileged Role Administrators
 * and Global Administrators, so it is privileged by construction; any other source (a managed
 * identity, a plain group, a service principal, a user) is not.
 */
export function principalSource(view: StackView, r: StackResource, property = "principalId"): PrincipalSource {
    const sources = view.dependenciesOf(r, property);
    if (sources.length === 0) {
        return { kind: "none" };
    }
    const id = canonicalGuid(propsOf(r)[property]);
    let unverifiable: StackResource | undefined;
    for (const source of sources) {
        if (!azuread.Group.matches(source.type)) {
            return { kind: "other", source, why: msg`is not an Entra group` };
        }
        // A value computed from the group's output may still name another principal
        // (`group.objectId.apply(() => "<someone else>")`): once both are known they must agree.
        const objectId = canonicalGuid(source.outputs.objectId) ?? canonicalGuid(source.outputs.id);
        if (id !== undefined && objectId !== undefined && objectId !== id) {
            return { kind: "other", source, why: msg`is an Entra group whose object id is not the ${safe.path(property)} the assignment names` };
        }
        const assignable = propsOf(source).assignableToRole;
        if (isUnknown(assignable)) {
            unverifiable ??= source;
        } else if (assignable !== true) {
            return { kind: "other", source, why: msg`is an Entra group without assignableToRole: true` };
        }
    }
    return unverifiable ? { kind: "unverifiable", source: unverifiable } : { kind: "role-assignable-group", group: sources[0] };
}

export type PrincipalTier = "privileged" | "specialized" | "none";

export interface Principal {
    tier: PrincipalTier;
    /** The principal's id when it is known, canonical. */
    id?: string;
    /** The Entra group of the stack the principal comes from, if any. */
    group?: StackResource;
    /** How the message names the principal. */
    text: Safe;
    /** The verdict rests on a value that cannot be known during preview. */
    unknown: boolean;
    /** The principal property holds a value that is not a principal id (cannot be interpreted). */
    malformed?: boolean;
}

function typeName(token: string): Safe {
    const last = token.slice(token.lastIndexOf(":") + 1);
    return /^[A-Za-z0-9]{1,80}$/.test(last) ? safe.literal(last) : safe.literal("resource");
}

export interface PrincipalLists {
    privileged: ReadonlySet<string>;
    specialized: ReadonlySet<string>;
}

/**
 * How privileged the principal `property` of `r` names is: a listed id, else the resource of the stack
 * its id comes from (a role-assignable Entra group is privileged; anything else is not), else unlisted.
 */
export function judgePrincipal(view: StackView, r: StackResource, property: string, lists: PrincipalLists): Principal {
    const { privileged, specialized } = lists;
    const value = propsOf(r)[property];
    const id = canonicalGuid(value);
    // A configured id decides first: an identity created by an earlier deployment may be listed.
    if (id && privileged.has(id)) {
        return { tier: "privileged", id, text: msg`principal ${safe.guid(id)}`, unknown: false };
    }
    const source = principalSource(view, r, property);
    switch (source.kind) {
        case "role-assignable-group":
            return { tier: "privileged", id, group: source.group, text: msg`role-assignable group ${safe.name(source.group.name)}`, unknown: false };
        case "other":
            return {
                tier: "none",
                group: azuread.Group.matches(source.source.type) ? source.source : undefined,
                text: msg`the principal of ${safe.name(source.source.name)} (${typeName(source.source.type)}), which ${source.why} and so cannot be a privileged or specialized principal`,
                unknown: false,
            };
        case "unverifiable":
            return {
                tier: "none",
                group: source.source,
                text: msg`the principal of group ${safe.name(source.source.name)}, whose assignableToRole cannot be known during preview`,
                unknown: true,
            };
        case "none":
            break;
    }
    if (id && specialized.has(id)) {
        return { tier: "specialized", id, text: msg`principal ${safe.guid(id)} (listed in specializedPrincipalIds)`, unknown: false };
    }
    if (id) {
        return {
            tier: "none",
            id,
            text: msg`principal ${safe.guid(id)}, which is listed in neither privilegedPrincipalIds nor specializedPrincipalIds`,
            unknown: false,
        };
    }
    if (isUnknown(value)) {
        return {
            tier: "none",
            text: msg`a principal whose ${safe.path(property)} cannot be known during preview and does not come from a resource in the stack, so it could not be verified as privileged`,
            unknown: true,
        };
    }
    return {
        tier: "none",
        text: msg`${safe.path(property)}, which is not a principal object id (a GUID)`,
        unknown: false,
        malformed: true,
    };
}

/** Privileged principals administer at every level; specialized ones below privileged. */
export function mayAdminister(tier: PrincipalTier, level: SecurityLevel): boolean {
    return tier === "privileged" || (tier === "specialized" && rank(level) < rank("privileged"));
}
