// Offline outputs are shaped like the engine's AnalyzeStack properties (DESIGN §4).
import { describe, expect, it } from "vitest";
import { resourceShape, shapeOutputs } from "../../checker/engine/output-shape";
import { UNKNOWN_STRING } from "../../checker/engine/wire";

describe("output shapes from the azure-native declarations", () => {
    it("finds the name input and the declared outputs", () => {
        const rule = resourceShape("azure-native:network:SecurityRule")!;
        expect(rule.nameInput).toBe("securityRuleName");
        expect(rule.outputs.has("etag")).toBe(true);
        expect(resourceShape("azure-native:compute:VirtualMachineExtension")!.nameInput).toBe("vmExtensionName");
        expect(resourceShape("azure-native:web:WebApp")!.nameInput).toBe("name");
        expect(resourceShape("azure-native:network/v20240301:NetworkSecurityGroup")!.nameInput).toBe("networkSecurityGroupName");
        expect(resourceShape("azuread:index/group:Group")).toBeUndefined();
    });

    it("keeps inputs that are outputs, drops the rest, adds name and id", () => {
        const out = shapeOutputs(
            "azure-native:network:NetworkSecurityGroup",
            "jumpNsg",
            { resourceGroupName: "rg", networkSecurityGroupName: "jump-nsg", securityRules: [{ name: "r" }] },
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/jump-nsg",
            { previewUnknowns: false },
        );
        expect(out).toEqual({
            securityRules: [{ name: "r" }],
            name: "jump-nsg",
            id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/jump-nsg",
        });
    });

    it("makes output-only properties unknown in a first preview, leaves unset inputs absent", () => {
        const out = shapeOutputs("azure-native:network:NetworkSecurityGroup", "jumpNsg", { resourceGroupName: "rg" }, UNKNOWN_STRING, {
            previewUnknowns: true,
        });
        expect(out.etag).toBe(UNKNOWN_STRING);
        expect(out.provisioningState).toBe(UNKNOWN_STRING);
        expect(out.id).toBe(UNKNOWN_STRING);
        expect(out.name).toBe("jumpNsg");
        expect("tags" in out).toBe(false);
    });

    it("never carries a VM extension's own type input into its outputs", () => {
        const inputs = { vmName: "vm", publisher: "Microsoft.Azure.ActiveDirectory", type: "AADLoginForWindows" };
        const known = shapeOutputs("azure-native:compute:VirtualMachineExtension", "ext", inputs, "/id", { previewUnknowns: false });
        expect(known.publisher).toBe("Microsoft.Azure.ActiveDirectory");
        expect("type" in known).toBe(false);
        const preview = shapeOutputs("azure-native:compute:VirtualMachineExtension", "ext", inputs, UNKNOWN_STRING, { previewUnknowns: true });
        expect(preview.type).toBe(UNKNOWN_STRING);
    });
});
