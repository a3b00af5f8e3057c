import { describe, expect, it } from "vitest";
import { isHardenedSku, readBastionSku, supportsSessionRecording } from "../../policy-pack/src/azure/bastion";
import { UNKNOWN_STRING } from "../../policy-pack/src/engine/values";

describe("readBastionSku", () => {
    it("defaults to Basic when no sku is given", () => {
        expect(readBastionSku(undefined)).toEqual({ kind: "sku", sku: "Basic", defaulted: true });
        expect(readBastionSku({})).toEqual({ kind: "sku", sku: "Basic", defaulted: true });
    });

    it("reads the SKU name in any case", () => {
        expect(readBastionSku({ name: "premium" })).toEqual({ kind: "sku", sku: "Premium", defaulted: false });
        expect(readBastionSku({ name: "Developer" })).toEqual({ kind: "sku", sku: "Developer", defaulted: false });
    });

    it("separates unknown from malformed", () => {
        expect(readBastionSku(UNKNOWN_STRING)).toEqual({ kind: "unknown" });
        expect(readBastionSku({ name: UNKNOWN_STRING })).toEqual({ kind: "unknown" });
        expect(readBastionSku({ name: "Gold" })).toEqual({ kind: "malformed" });
        expect(readBastionSku("Standard")).toEqual({ kind: "malformed" });
    });
});

describe("SKU capabilities", () => {
    it("hardens Standard and Premium, records sessions on Premium only", () => {
        expect(["Developer", "Basic", "Standard", "Premium"].map((s) => isHardenedSku(s as never))).toEqual([false, false, true, true]);
        expect(["Developer", "Basic", "Standard", "Premium"].map((s) => supportsSessionRecording(s as never))).toEqual([false, false, false, true]);
    });
});
