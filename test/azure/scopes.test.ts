// RBAC scopes as ARM ids: what a scope string holds, and which resource group a resource id names.
import { describe, expect, it } from "vitest";
import { groupOfId, parseScope } from "../../policy-pack/src/azure/scopes";
import { UNKNOWN_STRING } from "../../policy-pack/src/engine/values";

const SUB = "00000000-0000-0000-0000-000000000000";

describe("parseScope", () => {
    it("reads tenant, management group and subscription scopes as holding everything", () => {
        for (const scope of ["/", "", `/subscriptions/${SUB}`, `/SUBSCRIPTIONS/${SUB}/`, "/providers/Microsoft.Management/managementGroups/platform", UNKNOWN_STRING]) {
            expect(parseScope(scope)).toEqual({ kind: "everything" });
        }
    });

    it("reads a resource group scope in any case, with or without a trailing slash", () => {
        expect(parseScope(`/subscriptions/${SUB}/resourceGroups/RG-Admin/`)).toEqual({ kind: "resource-group", name: "rg-admin", id: `/subscriptions/${SUB}/resourcegroups/rg-admin` });
    });

    it("reads deeper ids as one resource, and anything else as unreadable", () => {
        expect(parseScope(`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Network/bastionHosts/bas`).kind).toBe("resource");
        for (const scope of [42, null, "rg-admin", "resourceGroups/rg"]) {
            expect(parseScope(scope)).toEqual({ kind: "unreadable" });
        }
    });
});

describe("groupOfId", () => {
    it("names the resource group of a resource id, not of a group's own id", () => {
        expect(groupOfId(`/subscriptions/${SUB}/resourceGroups/RG-Named/providers/Microsoft.Network/bastionHosts/bas`)).toBe("rg-named");
        expect(groupOfId(`/subscriptions/${SUB}/resourceGroups/rg-named`)).toBeUndefined();
        expect(groupOfId(UNKNOWN_STRING)).toBeUndefined();
        expect(groupOfId(undefined)).toBeUndefined();
    });
});
