// Azure Bastion facts: a host with no `sku` is Basic (the API default); Developer and Basic lack the
// controls a specialized or privileged intermediary needs; session recording exists only on Premium.
// Shareable links let anyone holding the link reach a VM without signing in to the Azure portal, so
// they bypass Microsoft Entra sign-in and Conditional Access.
import { isRecord, isUnknown } from "../engine/values";

export const BASTION_SKUS = ["Developer", "Basic", "Standard", "Premium"] as const;
export type BastionSku = (typeof BASTION_SKUS)[number];

export type SkuReading = { kind: "sku"; sku: BastionSku; defaulted: boolean } | { kind: "unknown" } | { kind: "malformed" };

export function readBastionSku(sku: unknown): SkuReading {
    if (isUnknown(sku)) {
        return { kind: "unknown" };
    }
    if (sku === undefined || sku === null) {
        return { kind: "sku", sku: "Basic", defaulted: true };
    }
    if (!isRecord(sku)) {
        return { kind: "malformed" };
    }
    const name = sku.name;
    if (isUnknown(name)) {
        return { kind: "unknown" };
    }
    if (name === undefined || name === null) {
        return { kind: "sku", sku: "Basic", defaulted: true };
    }
    const match = typeof name === "string" ? BASTION_SKUS.find((s) => s.toLowerCase() === name.trim().toLowerCase()) : undefined;
    return match ? { kind: "sku", sku: match, defaulted: false } : { kind: "malformed" };
}

/** SKUs with the controls (native client, shareable-link choice, scale) specialized access needs. */
export function isHardenedSku(sku: BastionSku): boolean {
    return sku === "Standard" || sku === "Premium";
}

export function supportsSessionRecording(sku: BastionSku): boolean {
    return sku === "Premium";
}
