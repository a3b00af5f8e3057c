// What the mocks answer, read from the SDK's own type declarations: computed fields unknown inside
// input objects; plausible results for the common lookups; unknown fields for any other invoke.
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { UNKNOWN_STRING } from "../../checker/engine/wire";
import { MOCK_SUBSCRIPTION } from "../../checker/program/arm-ids";
import { answerInvoke, MOCK_TENANT, previewState } from "../../checker/program/mock-answers";
import { parseType } from "../../checker/engine/sdk-types";

const FROM = path.resolve(__dirname, "../..");

describe("previewState", () => {
    it("sets the fields Azure computes inside an input object unknown and keeps what the program gave", () => {
        const state = previewState("azure-native:compute:VirtualMachine", "vm-jump", { identity: { type: "SystemAssigned" }, location: "westeurope" }, FROM);
        expect(state.identity).toEqual({ type: "SystemAssigned", principalId: UNKNOWN_STRING, tenantId: UNKNOWN_STRING });
        expect(state.location).toBe("westeurope");
        expect(state.name).toBe("vm-jump");
        // Top-level computed outputs are left out: a preview resolves a missing output as unknown.
        expect(state).not.toHaveProperty("vmId");
    });

    it("reaches into arrays of input objects", () => {
        const state = previewState(
            "azure-native:network:PrivateDnsZoneGroup",
            "zg",
            { privateDnsZoneConfigs: [{ name: "vault", privateDnsZoneId: "/zones/z" }] },
            FROM,
        );
        expect(state.privateDnsZoneConfigs).toEqual([{ name: "vault", privateDnsZoneId: "/zones/z", recordSets: UNKNOWN_STRING }]);
    });

    it("leaves types it has no declarations for as their inputs", () => {
        expect(previewState("contoso:index:Thing", "t", { a: 1 }, FROM)).toEqual({ a: 1, name: "t" });
    });
});

describe("answerInvoke", () => {
    it("answers getClientConfig with the mock tenant and subscription", () => {
        const r = answerInvoke("azure-native:authorization:getClientConfig", {}, FROM);
        expect(r).toMatchObject({ tenantId: MOCK_TENANT, subscriptionId: MOCK_SUBSCRIPTION });
        expect(r.objectId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("shapes a credential listing by its declared result type", () => {
        const r = answerInvoke("azure-native:containerservice:listManagedClusterAdminCredentials", { resourceGroupName: "rg", resourceName: "aks" }, FROM);
        const kubeconfigs = r.kubeconfigs as { name: string; value: string }[];
        expect(kubeconfigs).toHaveLength(1);
        expect(Buffer.from(kubeconfigs[0].value, "base64").toString()).toBe("mock");
    });

    it("answers a resource group lookup with its id and a location", () => {
        const r = answerInvoke("azure-native:resources:getResourceGroup", { resourceGroupName: "rg-hub" }, FROM);
        expect(r).toMatchObject({ id: `/subscriptions/${MOCK_SUBSCRIPTION}/resourceGroups/rg-hub`, name: "rg-hub", location: "westeurope" });
    });

    it("gives any other invoke unknown fields, never an echo of its inputs", () => {
        const r = answerInvoke("azure-native:network:getVirtualNetwork", { resourceGroupName: "rg", virtualNetworkName: "vnet" }, FROM);
        expect(Object.keys(r)).toContain("subnets");
        expect(new Set(Object.values(r))).toEqual(new Set([UNKNOWN_STRING]));
        expect(answerInvoke("contoso:index:getThing", { secret: "x" }, FROM)).toEqual({});
    });
});

describe("parseType", () => {
    it("reads the SDK's type spellings", () => {
        expect(parseType("pulumi.Input<inputs.compute.VirtualMachineIdentityArgs | undefined>")).toEqual({
            kind: "named",
            side: "input",
            name: "compute.VirtualMachineIdentityArgs",
        });
        expect(parseType("pulumi.Input<pulumi.Input<string>[]>")).toEqual({ kind: "array", of: { kind: "scalar", scalar: "string" } });
        expect(parseType("{\n [key: string]: outputs.compute.X;\n }")).toEqual({ kind: "map", of: { kind: "named", side: "output", name: "compute.X" } });
        expect(parseType('string | enums.network.SecurityRuleAccess')).toEqual({ kind: "scalar", scalar: "string" });
    });
});
