// What the mocks answer, read from the SDK's own type declarations: computed fields unknown inside
// input objects; plausible results for the common lookups; unknown fields for any other invoke.
import { createHash } from "node:crypto";
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

    it("answers the directory role templates with the real catalogue, shaped by the declared result", () => {
        const r = answerInvoke("azuread:index/getDirectoryRoleTemplates:getDirectoryRoleTemplates", {}, FROM);
        expect(Object.keys(r).sort()).toEqual(["id", "objectIds", "roleTemplates"]);
        const templates = r.roleTemplates as { objectId: string; displayName: string; description: string }[];
        expect(templates).toHaveLength(19);
        expect(r.objectIds).toEqual(templates.map((t) => t.objectId));
        expect(templates[0]).toEqual({
            objectId: "62e90394-69f5-4237-9190-012177145e10",
            displayName: "Global Administrator",
            description: "Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.",
        });
        const byId = Object.fromEntries(templates.map((t) => [t.objectId, t.displayName]));
        expect(byId).toEqual({
            "62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
            "e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
            "7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
            "194ae4cb-b126-40b2-bd5b-6091b380977d": "Security Administrator",
            "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "Conditional Access Administrator",
            "fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
            "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
            "158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
            "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2": "Hybrid Identity Administrator",
            "c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
            "29232cdf-9323-42fd-ade2-1d097af3e4de": "Exchange Administrator",
            "f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "SharePoint Administrator",
            "729827e3-9c14-49f7-bb1b-9608f156bbb8": "Helpdesk Administrator",
            "966707d0-3269-4727-9be2-8c3a10f19b9d": "Password Administrator",
            "b0f54661-2d74-4c50-afa3-1ec803f12efe": "Billing Administrator",
            "69091246-20e8-4a56-aa4d-066075b2a7a8": "Teams Administrator",
            "3a2c62db-5318-420d-8d74-23affee5d9d5": "Intune Administrator",
            "7698a772-787b-4ac8-901f-60d6b08affd2": "Cloud Device Administrator",
            "f2ef992c-3afb-46b9-b7cf-a126ee74c451": "Global Reader",
        });
        for (const t of templates) {
            expect(t.description).not.toBe("");
        }
        // The provider's id: `templates#` and the padded base64url SHA-1 of the object ids joined by "/".
        const sha1 = createHash("sha1").update(templates.map((t) => t.objectId).join("/")).digest();
        expect(r.id).toBe(`templates#${Buffer.from(sha1).toString("base64url")}=`);
    });

    it("answers the published application ids with the well-known map", () => {
        const r = answerInvoke("azuread:index/getApplicationPublishedAppIds:getApplicationPublishedAppIds", {}, FROM);
        expect(Object.keys(r).sort()).toEqual(["id", "result"]);
        expect(r.id).toBe("appIds");
        const result = r.result as Record<string, string>;
        expect(result).toMatchObject({
            MicrosoftGraph: "00000003-0000-0000-c000-000000000000",
            AzureServiceManagement: "797f4846-ba00-4fd7-ba43-dac1f8f63013",
            AzureResourceManager: "797f4846-ba00-4fd7-ba43-dac1f8f63013",
            AzurePortal: "c44b4083-3bb0-49c1-b47d-974e53cbdf3c",
            MicrosoftAzureCli: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
            AzureVPN: "41b23e61-6c1e-4545-b367-cd054e0ed4b4",
            AzureWindowsVirtualMachineSignIn: "372140e0-b3b7-4226-8ef9-d57986796201",
            AzureLinuxVirtualMachineSignIn: "ce6ff14a-7fdc-4685-bbe0-f6afdfcfa8e0",
            AzureActiveDirectoryGraph: "00000002-0000-0000-c000-000000000000",
        });
        expect(Object.keys(result)).toHaveLength(121);
        for (const id of Object.values(result)) {
            expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        }
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
