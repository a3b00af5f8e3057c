// Azure RBAC role grants, read from each provider into one model: what kind of grant it is
// (standing, PIM-eligible, PIM-active), which role it names (`RoleReference`, azure/rbac.ts), which
// property holds its principal and its scope, and how long it lasts (`ExpiryReading`, azure/pim.ts),
// with the paths the provider's users wrote. The custom role definitions of the stack are read the
// same way (`CustomRole`).
//
//   azure-native  authorization:RoleAssignment (standing), authorization:PimRoleEligibilitySchedule
//                 (eligible, `scheduleInfo`); role by `roleDefinitionId`; custom roles
//                 authorization:RoleDefinition (`roleDefinitionId` input, GUID `name` output, `roleName`)
//   classic       azure:authorization/assignment and its alias azure:role/assignment (standing), by
//                 `roleDefinitionId` or `roleDefinitionName`; azure:pim/eligibleRoleAssignment
//                 (eligible) and azure:pim/activeRoleAssignment (active), `schedule`; custom roles
//                 azure:authorization/roleDefinition and its alias azure:role/definition
//                 (`roleDefinitionId` GUID, `roleDefinitionResourceId` output, `name`). azurerm sends ""
//                 for an unset string, which reads as unset.
//
// A role property whose value flows from a custom role definition of the stack (propertyDependencies,
// whichever provider defined it) names that role: in a first preview its id is unknown.
import { msg, safe, Safe } from "../engine/messages";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { AzureType } from "../engine/tokens";
import { isUnknown } from "../engine/values";
import { ExpiryReading } from "../azure/pim";
import { CustomRole, RoleReference } from "../azure/rbac";
import { roleGuid } from "../azure/roles";
import { authorization, classic } from "../azure/types";
import { readClassicSchedule, readScheduleInfo } from "./pim-schedules";

export type GrantKind = "standing" | "eligible" | "active";

/** How a message names each kind of grant, whichever provider declared it. */
export const GRANT_NOUNS: Record<GrantKind, string> = {
    standing: "Role assignment",
    eligible: "PIM eligibility",
    active: "PIM active assignment",
};

/** How a provider's users write a time-bound grant: the fixes for standing and over-long access. */
export interface GrantSpelling {
    /** Replacing standing access: "Replace it with … and activate the role through PIM." */
    replaceWithEligibility(maxDays: number): Safe;
    /** Bounding an eligibility to `maxDays`. */
    boundEligibility(maxDays: number): Safe;
    /** Bounding an active assignment to 8 hours, on a provider that has active assignments. */
    boundActiveAssignment?: Safe;
}

export interface RoleGrant {
    resource: StackResource;
    kind: GrantKind;
    role: RoleReference;
    /** The property holding the principal's object id. */
    principalPath: string;
    /** The property holding the scope (an ARM id) the role applies at. */
    scopePath: string;
    /** How long an eligible or active grant lasts; a standing grant has none. */
    expiry?: ExpiryReading;
    spelling: GrantSpelling;
}

interface GrantReader {
    types: readonly AzureType[];
    read(view: StackView, r: StackResource, customs: CustomRoleIndex): RoleGrant;
}

export interface RoleGrantAdapter {
    grants: readonly GrantReader[];
    customRoleTypes: readonly AzureType[];
    customRole(r: StackResource): CustomRole;
}

type CustomRoleIndex = ReadonlyMap<string, CustomRole>;

const knownText = (value: unknown): string | undefined =>
    typeof value === "string" && !isUnknown(value) && value.trim() !== "" ? value.trim() : undefined;

/** An unset value as the provider means it: absent, or azurerm's "" for an unset string. */
const unset = (value: unknown) => value === undefined || value === null || value === "";

function guidsOf(...candidates: unknown[]): string[] {
    return [...new Set(candidates.map(roleGuid).filter((g): g is string => g !== undefined))];
}

/** The custom roles of the stack that the value of `path` flows from. */
function traced(view: StackView, r: StackResource, path: string, customs: CustomRoleIndex): RoleReference | undefined {
    const definitions = view
        .dependenciesOf(r, path)
        .map((d) => customs.get(d.urn))
        .filter((d): d is CustomRole => d !== undefined);
    return definitions.length > 0 ? { kind: "custom", path, definitions } : undefined;
}

function byId(view: StackView, r: StackResource, customs: CustomRoleIndex): RoleReference {
    return traced(view, r, "roleDefinitionId", customs) ?? { kind: "guid", path: "roleDefinitionId", value: propsOf(r).roleDefinitionId };
}

/** A classic assignment names its role by `roleDefinitionName` or by `roleDefinitionId` (the two conflict). */
function byIdOrName(view: StackView, r: StackResource, customs: CustomRoleIndex): RoleReference {
    const props = propsOf(r);
    const fromStack = traced(view, r, "roleDefinitionName", customs) ?? traced(view, r, "roleDefinitionId", customs);
    if (fromStack) {
        return fromStack;
    }
    if (!unset(props.roleDefinitionName)) {
        return { kind: "name", path: "roleDefinitionName", value: props.roleDefinitionName };
    }
    if (!unset(props.roleDefinitionId)) {
        return { kind: "guid", path: "roleDefinitionId", value: props.roleDefinitionId };
    }
    return { kind: "missing", paths: ["roleDefinitionId", "roleDefinitionName"] };
}

const nativeSpelling: GrantSpelling = {
    replaceWithEligibility: (days) =>
        msg`Replace it with an authorization.PimRoleEligibilitySchedule (scheduleInfo.expiration within ${safe.integer(days)} days) and activate the role through PIM.`,
    boundEligibility: (days) =>
        msg`Set scheduleInfo.expiration to AfterDuration with a duration of at most P${safe.integer(days)}D, or to AfterDateTime with an endDateTime at most ${safe.integer(days)} days after the start.`,
};

const classicSpelling: GrantSpelling = {
    replaceWithEligibility: (days) =>
        msg`Replace it with an azure.pim.EligibleRoleAssignment (schedule.expiration.durationDays of at most ${safe.integer(days)}) and activate the role through PIM.`,
    boundEligibility: (days) =>
        msg`Set schedule.expiration.durationDays to at most ${safe.integer(days)} (or durationHours, or an endDateTime at most ${safe.integer(days)} days after schedule.startDateTime).`,
    boundActiveAssignment: msg`Set schedule.expiration.durationHours to 8 or less (or an endDateTime at most 8 hours after schedule.startDateTime), or replace it with an azure.pim.EligibleRoleAssignment and activate the role through PIM.`,
};

export const azureNativeRoleGrants: RoleGrantAdapter = {
    grants: [
        {
            types: [authorization.RoleAssignment],
            read: (view, r, customs) => ({
                resource: r,
                kind: "standing",
                role: byId(view, r, customs),
                principalPath: "principalId",
                scopePath: "scope",
                spelling: nativeSpelling,
            }),
        },
        {
            types: [authorization.PimRoleEligibilitySchedule],
            read: (view, r, customs) => ({
                resource: r,
                kind: "eligible",
                role: byId(view, r, customs),
                principalPath: "principalId",
                scopePath: "scope",
                expiry: readScheduleInfo(propsOf(r).scheduleInfo),
                spelling: nativeSpelling,
            }),
        },
    ],
    customRoleTypes: [authorization.RoleDefinition],
    // A custom role's GUID is its `roleDefinitionId` input, its `name` output, or the end of its id.
    customRole: (r) => {
        const name = knownText(propsOf(r).roleName);
        return {
            resource: r,
            guids: guidsOf(propsOf(r).roleDefinitionId, r.outputs.name, r.outputs.id),
            names: name ? [name.toLowerCase()] : [],
            permissions: propsOf(r).permissions,
        };
    },
};

export const classicRoleGrants: RoleGrantAdapter = {
    grants: [
        {
            types: [classic.RoleAssignment, classic.RoleAssignmentAlias],
            read: (view, r, customs) => ({
                resource: r,
                kind: "standing",
                role: byIdOrName(view, r, customs),
                principalPath: "principalId",
                scopePath: "scope",
                spelling: classicSpelling,
            }),
        },
        {
            types: [classic.EligibleRoleAssignment],
            read: (view, r, customs) => ({
                resource: r,
                kind: "eligible",
                role: byId(view, r, customs),
                principalPath: "principalId",
                scopePath: "scope",
                expiry: readClassicSchedule(propsOf(r).schedule),
                spelling: classicSpelling,
            }),
        },
        {
            types: [classic.ActiveRoleAssignment],
            read: (view, r, customs) => ({
                resource: r,
                kind: "active",
                role: byId(view, r, customs),
                principalPath: "principalId",
                scopePath: "scope",
                expiry: readClassicSchedule(propsOf(r).schedule),
                spelling: classicSpelling,
            }),
        },
    ],
    customRoleTypes: [classic.RoleDefinition, classic.RoleDefinitionAlias],
    // Its GUID is the `roleDefinitionId` input (and output); `roleDefinitionResourceId` is its ARM id.
    // The Terraform id appends `|<scope>` to the ARM id, so only what precedes the bar names the role.
    customRole: (r) => {
        const props = propsOf(r);
        const name = knownText(props.name) ?? knownText(r.outputs.name);
        const id = typeof r.outputs.id === "string" ? r.outputs.id.split("|")[0] : undefined;
        return {
            resource: r,
            guids: guidsOf(props.roleDefinitionId, r.outputs.roleDefinitionId, r.outputs.roleDefinitionResourceId, id),
            names: name ? [name.toLowerCase()] : [],
            permissions: props.permissions,
        };
    },
};

export const ROLE_GRANT_ADAPTERS: readonly RoleGrantAdapter[] = [azureNativeRoleGrants, classicRoleGrants];

/** The grant and custom role types whose Analyze inputs the stack phase reads. */
export const ROLE_GRANT_TYPES: readonly AzureType[] = ROLE_GRANT_ADAPTERS.flatMap((a) => [...a.grants.flatMap((g) => g.types), ...a.customRoleTypes]);

/** Every custom role definition of the stack, of every provider. */
export function customRolesOf(view: StackView): CustomRole[] {
    return view.derived(customRolesOf, () => ROLE_GRANT_ADAPTERS.flatMap((a) => view.ofType(...a.customRoleTypes).map(a.customRole)));
}

/** Every role grant of the stack, of every provider, in stack order per kind of resource. */
export function roleGrantsOf(view: StackView): RoleGrant[] {
    return view.derived(roleGrantsOf, () => {
        const customs = new Map(customRolesOf(view).map((c) => [c.resource.urn, c]));
        return ROLE_GRANT_ADAPTERS.flatMap((a) => a.grants.flatMap((g) => view.ofType(...g.types).map((r) => g.read(view, r, customs))));
    });
}
