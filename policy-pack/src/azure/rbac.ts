// Role assignments and PIM eligibilities in a stack: which role they grant (built-in by GUID, or a
// custom role defined in the same stack, joined through propertyDependencies first and by GUID
// second) and where their principal comes from when its id is not known yet.
import { msg, safe, Safe } from "../engine/messages";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { isUnknown } from "../engine/values";
import { builtInAdminRole, canonicalGuid, classifyPermissions, roleGuid } from "./roles";
import { authorization, azuread } from "./types";

export type RoleClass =
    | { kind: "admin"; role: Safe }
    | { kind: "not-admin" }
    /** `unknown`: a preview unknown (advisory below privileged); otherwise malformed input (mandatory). */
    | { kind: "undecidable"; reason: Safe; unknown: boolean };

function classifyCustomRole(def: StackResource): RoleClass {
    const verdict = classifyPermissions(propsOf(def).permissions);
    const name = safe.name(def.name);
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

/**
 * Indexes the custom role definitions of a stack once per AnalyzeStack, so that classifying many
 * assignments stays linear in the size of the stack.
 */
export class RoleCatalogue {
    private readonly definitionsByGuid = new Map<string, StackResource[]>();

    constructor(
        private readonly view: StackView,
        private readonly extraAdminIds: ReadonlySet<string> = new Set(),
    ) {
        for (const def of view.ofType(authorization.RoleDefinition)) {
            const props = propsOf(def);
            // A custom role's GUID is its `roleDefinitionId` input, its `name` output, or the end of its id.
            for (const candidate of [props.roleDefinitionId, def.outputs.name, def.outputs.id]) {
                const guid = roleGuid(candidate);
                if (guid) {
                    const list = this.definitionsByGuid.get(guid) ?? [];
                    if (!list.includes(def)) {
                        list.push(def);
                    }
                    this.definitionsByGuid.set(guid, list);
                }
            }
        }
    }

    /** The role an assignment or eligibility grants, classified as admin or not. */
    classify(r: StackResource): RoleClass {
        const defs = this.view
            .dependenciesOf(r, "roleDefinitionId")
            .filter((d) => authorization.RoleDefinition.matches(d.type));
        if (defs.length > 0) {
            return combine(defs.map(classifyCustomRole));
        }
        const value = propsOf(r).roleDefinitionId;
        if (isUnknown(value)) {
            return {
                kind: "undecidable",
                reason: msg`roleDefinitionId cannot be known during preview and does not come from a role definition in the stack`,
                unknown: true,
            };
        }
        const guid = roleGuid(value);
        if (!guid) {
            return {
                kind: "undecidable",
                reason: msg`roleDefinitionId is not a role definition id (a GUID, or a path ending in one)`,
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
        const custom = this.definitionsByGuid.get(guid);
        return custom ? combine(custom.map(classifyCustomRole)) : { kind: "not-admin" };
    }
}

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
 * Where the principal of an assignment comes from, through the propertyDependencies of `principalId`.
 * An Entra group with `assignableToRole: true` can only be managed by Privileged Role Administrators
 * and Global Administrators, so it is privileged by construction; any other source (a managed
 * identity, a plain group, a service principal, a user) is not.
 */
export function principalSource(view: StackView, r: StackResource): PrincipalSource {
    const sources = view.dependenciesOf(r, "principalId");
    if (sources.length === 0) {
        return { kind: "none" };
    }
    const id = canonicalGuid(propsOf(r).principalId);
    let unverifiable: StackResource | undefined;
    for (const source of sources) {
        if (!azuread.Group.matches(source.type)) {
            return { kind: "other", source, why: msg`is not an Entra group` };
        }
        // A value computed from the group's output may still name another principal
        // (`group.objectId.apply(() => "<someone else>")`): once both are known they must agree.
        const objectId = canonicalGuid(source.outputs.objectId) ?? canonicalGuid(source.outputs.id);
        if (id !== undefined && objectId !== undefined && objectId !== id) {
            return { kind: "other", source, why: msg`is an Entra group whose object id is not the principalId the assignment names` };
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
