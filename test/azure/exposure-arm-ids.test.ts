// ARM ids as ARM reads them: case-insensitive segment names, children appended to the parent's id.
import { describe, expect, it } from "vitest";
import { childName, idKey, parentId, parseArmId } from "../../policy-pack/src/azure/exposure/arm-ids";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const VNET = `${SUB}/resourceGroups/rg-Net/providers/Microsoft.Network/virtualNetworks/vnet-hub`;

describe("parseArmId", () => {
    it("reads the resource group, provider and type/name pairs, types lower-cased", () => {
        expect(parseArmId(`${VNET}/subnets/Jump`)).toEqual({
            resourceGroup: "rg-Net",
            provider: "microsoft.network",
            segments: [
                { type: "virtualnetworks", name: "vnet-hub" },
                { type: "subnets", name: "Jump" },
            ],
        });
    });

    it("accepts any case for the fixed words and a trailing slash", () => {
        const parsed = parseArmId(`/SUBSCRIPTIONS/x/RESOURCEGROUPS/rg/PROVIDERS/Microsoft.Network/loadBalancers/lb/inboundNatRules/ssh/`);
        expect(parsed?.segments).toEqual([
            { type: "loadbalancers", name: "lb" },
            { type: "inboundnatrules", name: "ssh" },
        ]);
    });

    it("rejects what is not a resource id", () => {
        for (const id of ["", "vnet-hub", `${SUB}/resourceGroups/rg`, `${VNET}/subnets`, `${VNET}//subnets/x`, `subscriptions/x/resourceGroups/rg/providers/a/b/c`, `${SUB}/groups/rg/providers/a/b/c`]) {
            expect(parseArmId(id), id).toBeUndefined();
        }
    });
});

describe("parentId, childName and idKey", () => {
    it("cuts the last type/name pair", () => {
        expect(parentId(`${VNET}/subnets/jump`)).toBe(VNET);
        expect(parentId(`${VNET}/subnets/jump/`)).toBe(VNET);
    });

    it("names the child only when the last type matches, in any case", () => {
        expect(childName(`${VNET}/SUBNETS/jump`, "subnets")).toBe("jump");
        expect(childName(`${VNET}/subnets/jump`, "backendAddressPools")).toBeUndefined();
        expect(childName(VNET, "virtualNetworks")).toBeUndefined();
    });

    it("compares ids case-insensitively", () => {
        expect(idKey(`${VNET}/Subnets/JUMP/`)).toBe(idKey(`${VNET.toUpperCase()}/subnets/jump`));
    });
});
