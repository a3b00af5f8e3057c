// Azure RBAC role knowledge: which built-in roles administer what they are assigned on, how a
// `roleDefinitionId` names a role, and when a custom role's permissions make it an admin role.
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { isRecord, isUnknown } from "../engine/values";

export interface BuiltInRole {
    id: string;
    name: string;
}

/**
 * Built-in roles that administer the resources in their scope (DESIGN §3). Owner, Contributor and the
 * two access administrators control the resource or who controls it; the VM roles give local admin
 * on the guest; Network Contributor can open NSGs, NAT rules, gateways and Bastion.
 */
export const BUILT_IN_ADMIN_ROLES: readonly BuiltInRole[] = [
    { id: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", name: "Owner" },
    { id: "b24988ac-6180-42a0-ab88-20f7382dd24c", name: "Contributor" },
    { id: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", name: "User Access Administrator" },
    { id: "f58310d9-a9f6-439a-9e8d-f62e7b41a168", name: "Role Based Access Control Administrator" },
    { id: "1c0163c0-47e6-4577-8991-ea5c82e286e4", name: "Virtual Machine Administrator Login" },
    { id: "9980e02c-c2be-4d73-94e8-173b1dc7cf3c", name: "Virtual Machine Contributor" },
    { id: "4d97b98b-1d4f-4787-a291-c67834d212e7", name: "Network Contributor" },
];

/** Well-known roles that are not admin roles, named so that tests and docs can refer to them. */
export const BUILT_IN_NON_ADMIN_ROLES: readonly BuiltInRole[] = [
    { id: "acdd72a7-3385-48ef-bd42-f606fba81ae7", name: "Reader" },
    { id: "fb879df8-f326-4884-b1cf-06f3ad86be52", name: "Virtual Machine User Login" },
];

const adminById = new Map(BUILT_IN_ADMIN_ROLES.map((r) => [r.id, r]));
const adminByName = new Map(BUILT_IN_ADMIN_ROLES.map((r) => [r.name.toLowerCase(), r]));

export const GUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
const GUID = new RegExp(GUID_PATTERN);

/** A GUID in canonical (lower-case, trimmed) form, or undefined when the value is not a GUID. */
export function canonicalGuid(value: unknown): string | undefined {
    // The engine's unknown sentinels are GUIDs themselves; they name no principal and no role.
    if (typeof value !== "string" || isUnknown(value)) {
        return undefined;
    }
    const trimmed = value.trim();
    return GUID.test(trimmed) ? trimmed.toLowerCase() : undefined;
}

/** The GUIDs of a config list, canonical; entries that are not GUIDs (or a value that is no list) name nothing. */
export function guidSet(values: unknown): Set<string> {
    return new Set((Array.isArray(values) ? values : []).map(canonicalGuid).filter((g): g is string => g !== undefined));
}

/** The config schema of a list of object ids (GUIDs, any letter case). */
export function guidListSchema(description: string): PolicyConfigJSONSchema {
    return { type: "array", items: { type: "string", pattern: GUID_PATTERN }, uniqueItems: true, default: [], description };
}

/**
 * The role GUID a `roleDefinitionId` names: a bare GUID, `/providers/Microsoft.Authorization/
 * roleDefinitions/<guid>`, or the same under a subscription, resource group or resource scope. Only
 * the last path segment identifies the role; anything that does not end in a GUID is not a role id.
 */
export function roleGuid(roleDefinitionId: unknown): string | undefined {
    if (typeof roleDefinitionId !== "string" || isUnknown(roleDefinitionId)) {
        return undefined;
    }
    const segments = roleDefinitionId.trim().split("/").filter((s) => s.length > 0);
    return canonicalGuid(segments[segments.length - 1]);
}

/** The built-in admin role with this GUID (any letter case), if it is one. */
export function builtInAdminRole(guid: string): BuiltInRole | undefined {
    return adminById.get(guid.toLowerCase());
}

/**
 * The built-in admin role with this name, as the classic provider's `roleDefinitionName` names it
 * (Azure matches role names without regard to letter case).
 */
export function builtInAdminRoleByName(name: string): BuiltInRole | undefined {
    return adminByName.get(name.trim().toLowerCase());
}

// Operations an admin-shaped action pattern can reach. A pattern is admin when its wildcards can match
// any of them: writes that change who holds which role or what a role allows, elevation, and the other
// Microsoft.Authorization writes (locks, policy) that govern the scope.
const AUTHORIZATION_WRITES = [
    "microsoft.authorization/roleassignments/write",
    "microsoft.authorization/roledefinitions/write",
    "microsoft.authorization/roleassignmentschedulerequests/write",
    "microsoft.authorization/roleeligibilityschedulerequests/write",
    "microsoft.authorization/rolemanagementpolicies/write",
    "microsoft.authorization/denyassignments/write",
    "microsoft.authorization/policyassignments/write",
    "microsoft.authorization/locks/write",
    "microsoft.authorization/elevateaccess/action",
];
// A wildcard over every provider that can change resources (`*`, `*/write`, `*/action`) is
// Contributor-shaped; `*/read` is Reader-shaped and is not.
const ANY_PROVIDER_CHANGES = [
    "microsoft.compute/virtualmachines/write",
    "microsoft.compute/virtualmachines/runcommand/action",
    "microsoft.network/networksecuritygroups/write",
];

function actionPattern(action: string): RegExp {
    const escaped = action
        .trim()
        .toLowerCase()
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`^${escaped.join(".*")}$`);
}

/** Whether one `permissions[].actions` entry grants admin control (case-insensitive, wildcards honoured). */
export function isAdminAction(action: string): boolean {
    const pattern = actionPattern(action);
    if (AUTHORIZATION_WRITES.some((op) => pattern.test(op))) {
        return true;
    }
    return action.trim().startsWith("*") && ANY_PROVIDER_CHANGES.some((op) => pattern.test(op));
}

export type PermissionsVerdict =
    | { kind: "admin"; path: string }
    | { kind: "not-admin" }
    | { kind: "unknown"; path: string }
    | { kind: "malformed"; path: string };

/**
 * Classifies a custom role by its `permissions`. Only `actions` count: `dataActions` reach data, not
 * control, and `notActions` never make an admin role safe (`*` minus Microsoft.Authorization writes is
 * Contributor). The first admin action decides; an unknown or malformed value that could hide one
 * makes the role undecidable.
 */
export function classifyPermissions(permissions: unknown): PermissionsVerdict {
    if (permissions === undefined || permissions === null) {
        return { kind: "not-admin" };
    }
    if (isUnknown(permissions)) {
        return { kind: "unknown", path: "permissions" };
    }
    if (!Array.isArray(permissions)) {
        return { kind: "malformed", path: "permissions" };
    }
    let undecided: PermissionsVerdict | undefined;
    for (let i = 0; i < permissions.length; i++) {
        const p = permissions[i];
        const base = `permissions[${i}]`;
        if (isUnknown(p)) {
            undecided ??= { kind: "unknown", path: base };
            continue;
        }
        if (!isRecord(p)) {
            undecided ??= { kind: "malformed", path: base };
            continue;
        }
        const actions = p.actions;
        if (actions === undefined || actions === null) {
            continue;
        }
        if (isUnknown(actions)) {
            undecided ??= { kind: "unknown", path: `${base}.actions` };
            continue;
        }
        if (!Array.isArray(actions)) {
            undecided ??= { kind: "malformed", path: `${base}.actions` };
            continue;
        }
        for (let j = 0; j < actions.length; j++) {
            const a = actions[j];
            const path = `${base}.actions[${j}]`;
            if (isUnknown(a)) {
                undecided ??= { kind: "unknown", path };
            } else if (typeof a !== "string") {
                undecided ??= { kind: "malformed", path };
            } else if (isAdminAction(a)) {
                return { kind: "admin", path };
            }
        }
    }
    return undecided ?? { kind: "not-admin" };
}
