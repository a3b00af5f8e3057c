// Azure Bastion hosts, read from each provider into one set of facts: the SKU and the three switches
// the levels care about, each with the property path its users write and the value that is secure.
//
//   azure-native  network:BastionHost  sku.name, enableShareableLink, enableSessionRecording,
//                                      disableCopyPaste (secure: true; unset is false)
//   classic       azure:compute/bastionHost  sku (a string), shareableLinkEnabled,
//                                      sessionRecordingEnabled, copyPasteEnabled (secure: false;
//                                      unset is true, the provider's default)
//
// A value the provider's Check filled in (listed in `__defaults`) is the value Azure gets: it reads
// the same as one written by hand. An unset value is the provider's default, marked as defaulted.
import { AzureType } from "../engine/tokens";
import { isUnknown, Props } from "../engine/values";
import { BASTION_SKUS, readBastionSku, SkuReading } from "../azure/bastion";
import { classic, network } from "../azure/types";

export type FlagReading = { kind: "set"; value: boolean; defaulted: boolean } | { kind: "unknown" } | { kind: "malformed" };

export interface Switch {
    path: string;
    /** The value that keeps the host hardened. */
    secure: boolean;
    reading: FlagReading;
}

export interface BastionFacts {
    sku: SkuReading;
    skuPath: string;
    shareableLinks: Switch;
    sessionRecording: Switch;
    /** Blocking copy and paste: `disableCopyPaste` on azure-native, `copyPasteEnabled` on classic. */
    copyPasteBlocked: Switch;
}

export interface BastionAdapter {
    type: AzureType;
    read(props: Props): BastionFacts;
}

export function readFlag(value: unknown, unset: boolean): FlagReading {
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    if (value === undefined || value === null) {
        return { kind: "set", value: unset, defaulted: true };
    }
    return typeof value === "boolean" ? { kind: "set", value, defaulted: false } : { kind: "malformed" };
}

const switchOf = (props: Props, path: string, secure: boolean, unset: boolean): Switch => ({ path, secure, reading: readFlag(props[path], unset) });

/** A classic `sku`: a plain string, Basic when unset. */
function readSkuString(value: unknown): SkuReading {
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    if (value === undefined || value === null || value === "") {
        return { kind: "sku", sku: "Basic", defaulted: true };
    }
    const match = typeof value === "string" ? BASTION_SKUS.find((s) => s.toLowerCase() === value.trim().toLowerCase()) : undefined;
    return match ? { kind: "sku", sku: match, defaulted: false } : { kind: "malformed" };
}

export const azureNativeBastions: BastionAdapter = {
    type: network.BastionHost,
    read: (props) => ({
        sku: readBastionSku(props.sku),
        skuPath: "sku.name",
        shareableLinks: switchOf(props, "enableShareableLink", false, false),
        sessionRecording: switchOf(props, "enableSessionRecording", true, false),
        copyPasteBlocked: switchOf(props, "disableCopyPaste", true, false),
    }),
};

export const classicBastions: BastionAdapter = {
    type: classic.BastionHost,
    read: (props) => ({
        sku: readSkuString(props.sku),
        skuPath: "sku",
        shareableLinks: switchOf(props, "shareableLinkEnabled", false, false),
        sessionRecording: switchOf(props, "sessionRecordingEnabled", true, false),
        copyPasteBlocked: switchOf(props, "copyPasteEnabled", false, true),
    }),
};

export const BASTION_ADAPTERS: readonly BastionAdapter[] = [azureNativeBastions, classicBastions];

export function bastionAdapterFor(token: string): BastionAdapter | undefined {
    return BASTION_ADAPTERS.find((a) => a.type.matches(token));
}
