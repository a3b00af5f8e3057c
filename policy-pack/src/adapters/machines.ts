// Virtual machines and scale sets, read from each provider into one set of facts: what the machine
// is, which OS it runs and where that was read, its identity, SSH password sign-in and the extensions
// declared inside it — each with the property path its users write.
//
//   azure-native  compute:VirtualMachine         osProfile.linuxConfiguration.disablePasswordAuthentication
//                                                (unset: password sign-in on), OS from osProfile /
//                                                storageProfile
//                 compute:VirtualMachineScaleSet the same under virtualMachineProfile, extensions in
//                                                virtualMachineProfile.extensionProfile.extensions
//   classic       azure:compute/linuxVirtualMachine, linuxVirtualMachineScaleSet
//                                                disablePasswordAuthentication (unset: true)
//                 azure:compute/windowsVirtualMachine, windowsVirtualMachineScaleSet
//                 azure:compute/orchestratedVirtualMachineScaleSet
//                                                osProfile.linuxConfiguration.disablePasswordAuthentication
//                                                (unset: true); identity UserAssigned only
//                 azure:compute/virtualMachine (legacy)
//                                                osProfileLinuxConfig.disablePasswordAuthentication (required)
//                 azure:compute/scaleSet (legacy) osProfileLinuxConfig.disablePasswordAuthentication (unset: false)
//                 classic scale sets keep inline extensions in `extensions`
//
// A value the provider's Check filled in (listed in the `__defaults` of the object holding it) reads
// as defaulted, like one left unset: it is the value Azure gets, and the user did not write it.
import { AzureType } from "../engine/tokens";
import { safe } from "../engine/messages";
import { getPath, isRecord, isUnknown, Props } from "../engine/values";
import {
    fixedOs,
    IdentityFacts,
    InlineExtensions,
    OsReading,
    OsSignal,
    PasswordAuth,
    PasswordReading,
    readExtensionList,
    readOs,
    says,
} from "../azure/entra-login";
import { classic, compute } from "../azure/types";

export type MachineKind = "vm" | "scale set";

export interface MachineFacts {
    kind: MachineKind;
    os: OsReading;
    identity: IdentityFacts;
    /** SSH password sign-in; absent on resource types that run only Windows. */
    password?: PasswordAuth;
    /** Extensions declared in the machine itself (scale sets); absent where the type has none. */
    inlineExtensions?: InlineExtensions;
}

/**
 * A machine as its adapter reads it. A scale set whose instance profile is absent has no instances of
 * its own (the VMs added to a flexible set are judged as VMs); one whose profile is unknown or not
 * an object cannot be read.
 */
export type MachineReading =
    | { kind: "machine"; facts: MachineFacts }
    | { kind: "no instances" }
    | { kind: "unreadable"; path: string; unknown: boolean };

export interface MachineAdapter {
    type: AzureType;
    kind: MachineKind;
    /** Where the Entra login extension goes on this type, in its provider's words (for fixes). */
    extensionHome: string;
    read(props: Props): MachineReading;
}

/** Unset, as a program leaves it or as azurerm sends it after Check (""). */
const isUnset = (value: unknown) => value === undefined || value === null || value === "";

/** Whether the provider's Check filled `key` of `holder` in (its `__defaults` lists the key). */
function filledByProvider(holder: unknown, key: string): boolean {
    const filled = isRecord(holder) ? holder.__defaults : undefined;
    return Array.isArray(filled) && filled.includes(key);
}

/**
 * Reads `disablePasswordAuthentication` at `path`. `providerDefault` is what the provider uses when it
 * is unset ("required": the provider has none).
 */
function readPasswordAuth(props: Props, path: readonly string[], providerDefault: boolean | "required"): PasswordAuth {
    const holder = getPath(props, path.slice(0, -1));
    const key = path[path.length - 1];
    const value = getPath(props, path);
    const reading = ((): PasswordReading => {
        if (isUnknown(value)) {
            return { kind: "unknown" };
        }
        if (isUnset(value)) {
            return providerDefault === "required" ? { kind: "required" } : { kind: "set", disabled: providerDefault, defaulted: true };
        }
        return typeof value === "boolean" ? { kind: "set", disabled: value, defaulted: filledByProvider(holder, key) } : { kind: "malformed" };
    })();
    return { path: path.join("."), reading };
}

/** Both providers keep the identity in `identity`. */
const identityOf = (props: Props): IdentityFacts => ({ path: "identity", value: props.identity });

function inlineExtensionsAt(props: Props, path: readonly string[]): InlineExtensions {
    return { path: path.join("."), reading: readExtensionList(getPath(props, path)) };
}

/** The instance profile of a scale set: absent, unknown or malformed before anything else is read. */
function withProfile(props: Props, key: string, read: () => MachineFacts): MachineReading {
    const profile = props[key];
    if (isUnset(profile)) {
        return { kind: "no instances" };
    }
    if (isUnknown(profile) || !isRecord(profile)) {
        return { kind: "unreadable", path: key, unknown: isUnknown(profile) };
    }
    return { kind: "machine", facts: read() };
}

// --- azure-native ---

/** The OS signals of a VM model (a VM, or a scale set's `virtualMachineProfile`), under `prefix`. */
function nativeOsSignals(prefix: readonly string[]): OsSignal[] {
    return [
        { path: [...prefix, "osProfile"], says: says.nothing },
        { path: [...prefix, "osProfile", "linuxConfiguration"], says: says.block("linux") },
        { path: [...prefix, "osProfile", "windowsConfiguration"], says: says.block("windows") },
        { path: [...prefix, "storageProfile", "osDisk", "osType"], says: says.osType },
        { path: [...prefix, "storageProfile", "imageReference", "publisher"], says: says.imagePublisher },
    ];
}

const NATIVE_PASSWORD = ["osProfile", "linuxConfiguration", "disablePasswordAuthentication"];

export const azureNativeVms: MachineAdapter = {
    type: compute.VirtualMachine,
    kind: "vm",
    extensionHome: "the VM",
    read: (props) => ({
        kind: "machine",
        facts: {
            kind: "vm",
            os: readOs(props, nativeOsSignals([])),
            identity: identityOf(props),
            // Azure leaves password sign-in on when linuxConfiguration does not turn it off.
            password: readPasswordAuth(props, NATIVE_PASSWORD, false),
        },
    }),
};

export const azureNativeScaleSets: MachineAdapter = {
    type: compute.VirtualMachineScaleSet,
    kind: "scale set",
    extensionHome: "the scale set",
    read: (props) =>
        withProfile(props, "virtualMachineProfile", () => ({
            kind: "scale set",
            os: readOs(props, nativeOsSignals(["virtualMachineProfile"])),
            identity: identityOf(props),
            password: readPasswordAuth(props, ["virtualMachineProfile", ...NATIVE_PASSWORD], false),
            inlineExtensions: inlineExtensionsAt(props, ["virtualMachineProfile", "extensionProfile", "extensions"]),
        })),
};

// --- classic @pulumi/azure (Terraform azurerm) ---

const CLASSIC_VM_HOME = "the VM, as an azure.compute.Extension whose virtualMachineId is the VM's id";
const CLASSIC_SET_HOME =
    "the scale set, in its extensions list or as an azure.compute.VirtualMachineScaleSetExtension whose virtualMachineScaleSetId is the scale set's id";

/** LinuxVirtualMachine, WindowsVirtualMachine and their scale sets: one OS per type. */
function classicTyped(type: AzureType, kind: MachineKind, os: "linux" | "windows"): MachineAdapter {
    return {
        type,
        kind,
        extensionHome: kind === "vm" ? CLASSIC_VM_HOME : CLASSIC_SET_HOME,
        read: (props) => ({
            kind: "machine",
            facts: {
                kind,
                os: fixedOs(os, type.resource),
                identity: identityOf(props),
                ...(os === "linux" ? { password: readPasswordAuth(props, ["disablePasswordAuthentication"], true) } : {}),
                ...(kind === "scale set" ? { inlineExtensions: inlineExtensionsAt(props, ["extensions"]) } : {}),
            },
        }),
    };
}

/** The legacy VirtualMachine and ScaleSet: the OS from the OS config blocks, the OS disk and the image. */
function legacyOsSignals(osDisk: string, image: string): OsSignal[] {
    return [
        { path: ["osProfileLinuxConfig"], says: says.block("linux") },
        { path: ["osProfileWindowsConfig"], says: says.block("windows") },
        { path: [osDisk, "osType"], says: says.osType },
        { path: [image, "publisher"], says: says.imagePublisher },
    ];
}

const LEGACY_PASSWORD = ["osProfileLinuxConfig", "disablePasswordAuthentication"];

export const classicLinuxVms = classicTyped(classic.LinuxVirtualMachine, "vm", "linux");
export const classicWindowsVms = classicTyped(classic.WindowsVirtualMachine, "vm", "windows");
export const classicLinuxScaleSets = classicTyped(classic.LinuxVirtualMachineScaleSet, "scale set", "linux");
export const classicWindowsScaleSets = classicTyped(classic.WindowsVirtualMachineScaleSet, "scale set", "windows");

export const classicLegacyVms: MachineAdapter = {
    type: classic.VirtualMachine,
    kind: "vm",
    extensionHome: CLASSIC_VM_HOME,
    read: (props) => ({
        kind: "machine",
        facts: {
            kind: "vm",
            os: readOs(props, legacyOsSignals("storageOsDisk", "storageImageReference")),
            identity: identityOf(props),
            password: readPasswordAuth(props, LEGACY_PASSWORD, "required"),
        },
    }),
};

export const classicLegacyScaleSets: MachineAdapter = {
    type: classic.ScaleSet,
    kind: "scale set",
    extensionHome: "the scale set, in its extensions list",
    read: (props) => ({
        kind: "machine",
        facts: {
            kind: "scale set",
            os: readOs(props, legacyOsSignals("storageProfileOsDisk", "storageProfileImageReference")),
            identity: identityOf(props),
            password: readPasswordAuth(props, LEGACY_PASSWORD, false),
            inlineExtensions: inlineExtensionsAt(props, ["extensions"]),
        },
    }),
};

export const classicOrchestratedScaleSets: MachineAdapter = {
    type: classic.OrchestratedVirtualMachineScaleSet,
    kind: "scale set",
    extensionHome: CLASSIC_SET_HOME,
    // Without `osProfile` the set has no instance profile: its VMs are LinuxVirtualMachine /
    // WindowsVirtualMachine resources joined by virtualMachineScaleSetId, judged as VMs.
    read: (props) =>
        withProfile(props, "osProfile", () => ({
            kind: "scale set",
            os: readOs(props, [
                { path: ["osProfile", "linuxConfiguration"], says: says.block("linux") },
                { path: ["osProfile", "windowsConfiguration"], says: says.block("windows") },
                { path: ["sourceImageReference", "publisher"], says: says.imagePublisher },
            ]),
            identity: {
                ...identityOf(props),
                // azurerm accepts only a UserAssigned identity on this resource.
                systemAssignedUnavailable: safe.literal(
                    'azurerm accepts only "UserAssigned" in identity.type of an OrchestratedVirtualMachineScaleSet: remove osProfile and create the instances as LinuxVirtualMachine or WindowsVirtualMachine resources with virtualMachineScaleSetId set to this scale set\'s id, each with identity.type "SystemAssigned" and the Entra login extension (or declare the scale set with azure-native).',
                ),
            },
            password: readPasswordAuth(props, ["osProfile", "linuxConfiguration", "disablePasswordAuthentication"], true),
            inlineExtensions: inlineExtensionsAt(props, ["extensions"]),
        })),
};

export const MACHINE_ADAPTERS: readonly MachineAdapter[] = [
    azureNativeVms,
    azureNativeScaleSets,
    classicLinuxVms,
    classicWindowsVms,
    classicLegacyVms,
    classicLinuxScaleSets,
    classicWindowsScaleSets,
    classicOrchestratedScaleSets,
    classicLegacyScaleSets,
];

export function machineAdapterFor(token: string): MachineAdapter | undefined {
    return MACHINE_ADAPTERS.find((a) => a.type.matches(token));
}
