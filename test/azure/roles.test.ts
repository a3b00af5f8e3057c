import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
    BUILT_IN_ADMIN_ROLES,
    BUILT_IN_NON_ADMIN_ROLES,
    builtInAdminRole,
    builtInAdminRoleByName,
    canonicalGuid,
    classifyPermissions,
    isAdminAction,
    roleGuid,
} from "../../policy-pack/src/azure/roles";

const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const SUB = "00000000-0000-0000-0000-000000000000";

describe("role catalogue", () => {
    it("holds exactly the admin roles of the design", () => {
        expect(BUILT_IN_ADMIN_ROLES.map((r) => r.id).sort()).toEqual(
            [
                "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
                "b24988ac-6180-42a0-ab88-20f7382dd24c",
                "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
                "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
                "1c0163c0-47e6-4577-8991-ea5c82e286e4",
                "9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
                "4d97b98b-1d4f-4787-a291-c67834d212e7",
            ].sort(),
        );
        for (const r of BUILT_IN_NON_ADMIN_ROLES) {
            expect(builtInAdminRole(r.id)).toBeUndefined();
        }
    });

    it.each([
        OWNER,
        OWNER.toUpperCase(),
        ` ${OWNER} `,
        `/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`,
        `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`,
        `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Authorization/roleDefinitions/${OWNER.toUpperCase()}`,
        `/subscriptions/${SUB}/providers/microsoft.authorization/roledefinitions/${OWNER}/`,
    ])("reads the role GUID from %s", (id) => {
        expect(roleGuid(id)).toBe(OWNER);
        expect(builtInAdminRole(roleGuid(id)!)?.name).toBe("Owner");
    });

    it("names the built-in admin roles as the classic provider's roleDefinitionName does, in any letter case", () => {
        for (const role of BUILT_IN_ADMIN_ROLES) {
            expect(builtInAdminRoleByName(role.name.toUpperCase())).toBe(role);
            expect(builtInAdminRoleByName(` ${role.name.toLowerCase()} `)).toBe(role);
        }
        expect(builtInAdminRoleByName("Role Based Access Control Administrator")?.id).toBe("f58310d9-a9f6-439a-9e8d-f62e7b41a168");
        for (const name of ["Reader", "Virtual Machine User Login", "Owners", "", OWNER]) {
            expect(builtInAdminRoleByName(name)).toBeUndefined();
        }
    });

    it.each(["Owner", "", "/", "/providers/Microsoft.Authorization/roleDefinitions/", `${OWNER}x`, "04da6b54-80e4-46f7-96ec-b56ff0331ba9"])(
        "finds no role GUID in %j",
        (id) => {
            expect(roleGuid(id)).toBeUndefined();
        },
    );

    it("treats the engine's unknown sentinels as no GUID at all", () => {
        expect(canonicalGuid("04da6b54-80e4-46f7-96ec-b56ff0331ba9")).toBeUndefined();
        expect(canonicalGuid("6F1D2C3B-4A59-4E8F-9D7C-0B1A2C3D4E5F")).toBe("6f1d2c3b-4a59-4e8f-9d7c-0b1a2c3d4e5f");
        expect(canonicalGuid(42)).toBeUndefined();
    });
});

describe("custom role actions", () => {
    it.each([
        "*",
        "*/write",
        "*/action",
        "Microsoft.Authorization/*",
        "microsoft.authorization/*/write",
        "Microsoft.Authorization/roleAssignments/write",
        "Microsoft.Authorization/roleAssignments/*",
        "Microsoft.Authorization/roleDefinitions/write",
        "Microsoft.Authorization/elevateAccess/Action",
        "Microsoft.Authorization/locks/write",
        "Microsoft.*",
        " * ",
    ])("%s is an admin action", (action) => {
        expect(isAdminAction(action)).toBe(true);
    });

    it.each([
        "*/read",
        "Microsoft.Authorization/*/read",
        "Microsoft.Authorization/roleAssignments/read",
        "Microsoft.Compute/virtualMachines/read",
        "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
        "Microsoft.Resources/subscriptions/resourceGroups/read",
    ])("%s is not an admin action", (action) => {
        expect(isAdminAction(action)).toBe(false);
    });

    it("classifies permissions by actions only", () => {
        expect(classifyPermissions([{ actions: ["*"], notActions: ["Microsoft.Authorization/*/Write"] }])).toEqual({
            kind: "admin",
            path: "permissions[0].actions[0]",
        });
        expect(classifyPermissions([{ actions: ["*/read"], dataActions: ["*"] }])).toEqual({ kind: "not-admin" });
        expect(classifyPermissions([{ actions: ["*/read"] }, { actions: ["Microsoft.Authorization/roleAssignments/write"] }])).toEqual({
            kind: "admin",
            path: "permissions[1].actions[0]",
        });
        expect(classifyPermissions(undefined)).toEqual({ kind: "not-admin" });
        expect(classifyPermissions([])).toEqual({ kind: "not-admin" });
        expect(classifyPermissions([{ dataActions: ["*"] }])).toEqual({ kind: "not-admin" });
    });

    it("is undecidable when an unknown or malformed value could hide an admin action", () => {
        const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        expect(classifyPermissions(UNKNOWN)).toEqual({ kind: "unknown", path: "permissions" });
        expect(classifyPermissions([{ actions: ["*/read", UNKNOWN] }])).toEqual({ kind: "unknown", path: "permissions[0].actions[1]" });
        expect(classifyPermissions([{ actions: "*" }])).toEqual({ kind: "malformed", path: "permissions[0].actions" });
        expect(classifyPermissions([{ actions: [7] }])).toEqual({ kind: "malformed", path: "permissions[0].actions[0]" });
        expect(classifyPermissions("*")).toEqual({ kind: "malformed", path: "permissions" });
        // An admin action elsewhere still decides.
        expect(classifyPermissions([{ actions: [UNKNOWN] }, { actions: ["*"] }]).kind).toBe("admin");
    });

    it("never throws on arbitrary input", () => {
        fc.assert(
            fc.property(fc.anything(), (value) => {
                expect(["admin", "not-admin", "unknown", "malformed"]).toContain(classifyPermissions(value).kind);
                expect(roleGuid(value) === undefined || typeof roleGuid(value) === "string").toBe(true);
            }),
        );
        fc.assert(fc.property(fc.string(), (s) => typeof isAdminAction(s) === "boolean"));
    });
});
