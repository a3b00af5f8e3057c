import { describe, expect, it } from "vitest";
import { AzureType, parseToken } from "../../policy-pack/src/engine/tokens";
import { azuread, network } from "../../policy-pack/src/azure/types";

describe("type tokens", () => {
    it("parses plain and version-qualified tokens", () => {
        expect(parseToken("azure-native:network:NetworkSecurityGroup")).toEqual({
            provider: "azure-native",
            module: "network",
            resource: "NetworkSecurityGroup",
        });
        expect(parseToken("azure-native:network/v20240301:NetworkSecurityGroup")).toEqual({
            provider: "azure-native",
            module: "network",
            version: "v20240301",
            resource: "NetworkSecurityGroup",
        });
        expect(parseToken("pulumi:pulumi:Stack")?.resource).toBe("Stack");
        expect(parseToken("not-a-token")).toBeUndefined();
    });

    it("matches a type by module and resource name, whatever the API version", () => {
        const nsg = network.NetworkSecurityGroup;
        expect(nsg.matches("azure-native:network:NetworkSecurityGroup")).toBe(true);
        expect(nsg.matches("azure-native:network/v20240301:NetworkSecurityGroup")).toBe(true);
        expect(nsg.matches("azure-native:network:SecurityRule")).toBe(false);
        expect(nsg.matches("azure-native:compute:NetworkSecurityGroup")).toBe(false);
        expect(nsg.matches("azure:network/networkSecurityGroup:NetworkSecurityGroup")).toBe(false);
    });

    it("matches azuread groups by their exact token", () => {
        expect(azuread.Group.matches("azuread:index/group:Group")).toBe(true);
        expect(new AzureType("network", "PublicIPAddress").matches("azure-native:network:PublicIPAddressPrefix")).toBe(false);
    });
});
