// The Entra directory-role catalogue (DESIGN §3b): tiers, config, and how a role id on an assignment is
// resolved — a template id, a DirectoryRole of the stack (by template id or display name, agreeing with
// the value once both are known), a custom role, or an unknown.
import { describe, expect, it } from "vitest";
import { DirectoryRoleCatalogue, NamedRole } from "../../policy-pack/src/azure/directory-roles";
import { UNKNOWN_STRING } from "../../policy-pack/src/engine/values";
import { Fixture, stackOf, urnOf } from "./stack-view";

const DR = "azuread:index/directoryRole:DirectoryRole";
const CUSTOM = "azuread:index/customDirectoryRole:CustomDirectoryRole";
const DRM = "azuread:index/directoryRoleMember:DirectoryRoleMember";
const DRA = "azuread:index/directoryRoleAssignment:DirectoryRoleAssignment";
const GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
const HELPDESK = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
const READERS = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";
const GA_OBJECT = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const READERS_OBJECT = "1b2c3d4e-5f60-4b7c-9d8e-0f1a2b3c4d5e";

const catalogue = new DirectoryRoleCatalogue({});
const summary = (n: NamedRole) => (n.kind === "role" ? `${n.tier} ${n.text}` : `unknown: ${n.reason}`);

function roleOf(fixtures: Fixture[], kind: "member" | "assignment"): string {
    const view = stackOf(fixtures);
    const r = view.get(urnOf(kind === "member" ? DRM : DRA, "grant"))!;
    return summary(kind === "member" ? catalogue.namedBy(view, r, "roleObjectId", "objectId") : catalogue.namedBy(view, r, "roleId", "templateId"));
}

const roles: Fixture[] = [
    { type: DR, name: "globalAdmin", props: { templateId: GLOBAL_ADMIN, objectId: GA_OBJECT } },
    { type: DR, name: "readers", props: { displayName: "Directory Readers", objectId: READERS_OBJECT } },
    { type: DR, name: "helpdeskByName", props: { displayName: " helpdesk administrator " } },
    { type: CUSTOM, name: "customOps", props: { displayName: "Ops", permissions: [], objectId: "2c3d4e5f-6071-4c8d-8e9f-1a2b3c4d5e6f" } },
];
const member = (roleObjectId: unknown, from: string[] = []): Fixture => ({ type: DRM, name: "grant", props: { roleObjectId, memberObjectId: GA_OBJECT }, deps: { roleObjectId: from } });

describe("directory role catalogue", () => {
    it("tiers roles by template id, with config replacing the privileged set and adding admin roles", () => {
        expect(catalogue.tierOf(GLOBAL_ADMIN)).toBe("privileged");
        expect(catalogue.tierOf(HELPDESK)).toBe("admin");
        expect(catalogue.tierOf(READERS)).toBe("none");
        const custom = new DirectoryRoleCatalogue({ privilegedRoleTemplateIds: [HELPDESK.toUpperCase()], adminRoleTemplateIds: [READERS] });
        expect([custom.tierOf(HELPDESK), custom.tierOf(GLOBAL_ADMIN), custom.tierOf(READERS)]).toEqual(["privileged", "admin", "admin"]);
    });

    it("resolves a member's role object id through a DirectoryRole of the stack, by template id or display name", () => {
        expect(roleOf([...roles, member(UNKNOWN_STRING, ["globalAdmin"])], "member")).toBe("privileged Global Administrator");
        expect(roleOf([...roles, member(UNKNOWN_STRING, ["helpdeskByName"])], "member")).toBe("admin Helpdesk Administrator");
        expect(roleOf([...roles, member(UNKNOWN_STRING, ["readers"])], "member")).toBe("none directory role readers");
        // Known ids and no dependency: the role whose object id it is.
        expect(roleOf([...roles, member(GA_OBJECT)], "member")).toBe("privileged Global Administrator");
        expect(roleOf([...roles, member("3d4e5f60-7182-4d9e-8f0a-2b3c4d5e6f70")], "member")).toBe(
            "unknown: roleObjectId is the object id of an activated role that no directory role of the stack explains",
        );
    });

    it("lets the most powerful role decide when a value depends on several, and distrusts a value that names another role", () => {
        expect(roleOf([...roles, member(UNKNOWN_STRING, ["readers", "globalAdmin"])], "member")).toBe("privileged Global Administrator");
        expect(roleOf([...roles, member(GA_OBJECT, ["readers"])], "member")).toBe("unknown: roleObjectId comes from directory role readers but names another role");
        expect(roleOf([...roles, member(READERS_OBJECT, ["readers"])], "member")).toBe("none directory role readers");
    });

    it("treats a custom directory role as an unknown role, through a dependency or by object id", () => {
        const assignment = (roleId: unknown, from: string[] = []): Fixture => ({ type: DRA, name: "grant", props: { roleId, principalObjectId: GA_OBJECT }, deps: { roleId: from } });
        const expected = "unknown: it is custom directory role customOps, whose permissions are not judged";
        expect(roleOf([...roles, assignment(UNKNOWN_STRING, ["customOps"])], "assignment")).toBe(expected);
        expect(roleOf([...roles, assignment("2c3d4e5f-6071-4c8d-8e9f-1a2b3c4d5e6f")], "assignment")).toBe(expected);
        expect(roleOf([...roles, assignment(GLOBAL_ADMIN.toUpperCase())], "assignment")).toBe("privileged Global Administrator");
        expect(roleOf([...roles, assignment("Global Administrator")], "assignment")).toBe("unknown: roleId is not a GUID");
    });
});
