// Microsoft Entra sign-in to Azure VMs and scale sets: the login extension, the system-assigned identity
// it needs, which OS a VM runs, and SSH password sign-in on Linux.
// Extension strings: publisher `Microsoft.Azure.ActiveDirectory` exactly, type `AADLoginForWindows` or
// `AADSSHLoginForLinux`, compared case-insensitively (Azure Verified Modules spell `AADSSHLoginforLinux`).
// The retired password-based `AADLoginForLinux` was published as `Microsoft.Azure.ActiveDirectory.LinuxSSH`
// and does not count.
import { msg, safe, Safe } from "../engine/messages";
import { getPath, isRecord, isUnknown, Props } from "../engine/values";
import { Problem, undecided, violation } from "./problems";

export const ENTRA_EXTENSION_PUBLISHER = "Microsoft.Azure.ActiveDirectory";
export const RETIRED_LINUX_PUBLISHER = "Microsoft.Azure.ActiveDirectory.LinuxSSH";
export const ENTRA_EXTENSION_TYPES = { windows: "AADLoginForWindows", linux: "AADSSHLoginForLinux" } as const;

export type Os = "windows" | "linux";

export type ExtensionKind =
    | { kind: "entra"; os: Os }
    | { kind: "retired" }
    | { kind: "other" }
    | { kind: "unknown" };

function same(value: unknown, expected: string): boolean {
    return typeof value === "string" && value.trim().toLowerCase() === expected.toLowerCase();
}

/** What an extension is, from its `publisher` and `type` inputs. */
export function classifyExtension(publisher: unknown, type: unknown): ExtensionKind {
    if (same(publisher, RETIRED_LINUX_PUBLISHER)) {
        return { kind: "retired" };
    }
    const publisherUnknown = isUnknown(publisher);
    if (!publisherUnknown && !same(publisher, ENTRA_EXTENSION_PUBLISHER)) {
        return { kind: "other" };
    }
    if (isUnknown(type)) {
        return { kind: "unknown" };
    }
    const os = same(type, ENTRA_EXTENSION_TYPES.windows) ? "windows" : same(type, ENTRA_EXTENSION_TYPES.linux) ? "linux" : undefined;
    if (os === undefined) {
        return { kind: "other" };
    }
    return publisherUnknown ? { kind: "unknown" } : { kind: "entra", os };
}

export const IDENTITY_TYPES = ["SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "None"] as const;

/** Findings about `identity`: the Entra login extension authenticates with the system-assigned identity. */
export function identityProblems(identity: unknown): Problem[] {
    const fix = safe.literal('Set identity.type to "SystemAssigned" (or "SystemAssigned, UserAssigned").');
    if (isUnknown(identity)) {
        return [undecided(msg`identity cannot be known during preview, so the system-assigned identity cannot be verified.`)];
    }
    if (identity === undefined || identity === null) {
        return [violation(msg`identity is not set: the Entra login extension needs a system-assigned managed identity. ${fix}`)];
    }
    if (!isRecord(identity)) {
        return [violation(msg`identity is not an object. ${fix}`)];
    }
    const type = identity.type;
    if (isUnknown(type)) {
        return [undecided(msg`identity.type cannot be known during preview, so the system-assigned identity cannot be verified.`)];
    }
    if (type === undefined || type === null) {
        return [violation(msg`identity.type is not set: the Entra login extension needs a system-assigned managed identity. ${fix}`)];
    }
    if (typeof type !== "string") {
        return [violation(msg`identity.type is not a string. ${fix}`)];
    }
    const parts = type.split(",").map((p) => p.trim().toLowerCase());
    if (parts.includes("systemassigned")) {
        return [];
    }
    return [
        violation(
            msg`identity.type is ${safe.word(type.replace(/\s+/g, " "), IDENTITY_TYPES)}, without a system-assigned identity, which the Entra login extension needs. ${fix}`,
        ),
    ];
}

const LINUX_IMAGE_PUBLISHERS = ["canonical", "redhat", "suse", "debian", "openlogic", "almalinux", "kinvolk", "resf"];
const WINDOWS_IMAGE_PUBLISHERS = ["microsoftwindowsserver", "microsoftwindowsdesktop"];

export interface OsReading {
    /** The OS when every known signal agrees; undefined when none says or they disagree. */
    os?: Os;
    /** Some signal says Linux: the password rule applies. */
    linuxSignal: boolean;
    /** A value that could carry a signal is unknown during preview. */
    unknownSignal: boolean;
}

/**
 * Which OS a VM (or a scale set's VM profile) runs, from `osProfile.linuxConfiguration` /
 * `windowsConfiguration`, `storageProfile.osDisk.osType`, and the publisher of a well-known marketplace
 * image (image-based VMs usually leave `osType` unset).
 */
export function readOs(profile: Props): OsReading {
    const signals = new Set<Os>();
    let unknownSignal = false;
    const note = (value: unknown, read: (v: unknown) => Os | undefined) => {
        if (isUnknown(value)) {
            unknownSignal = true;
            return;
        }
        const os = read(value);
        if (os) {
            signals.add(os);
        }
    };
    note(getPath(profile, ["osProfile"]), () => undefined);
    note(getPath(profile, ["osProfile", "linuxConfiguration"]), (v) => (isRecord(v) ? "linux" : undefined));
    note(getPath(profile, ["osProfile", "windowsConfiguration"]), (v) => (isRecord(v) ? "windows" : undefined));
    note(getPath(profile, ["storageProfile", "osDisk", "osType"]), (v) =>
        same(v, "Linux") ? "linux" : same(v, "Windows") ? "windows" : undefined,
    );
    note(getPath(profile, ["storageProfile", "imageReference", "publisher"]), (v) => {
        const p = typeof v === "string" ? v.trim().toLowerCase() : "";
        return LINUX_IMAGE_PUBLISHERS.includes(p) ? "linux" : WINDOWS_IMAGE_PUBLISHERS.includes(p) ? "windows" : undefined;
    });
    return {
        os: signals.size === 1 ? [...signals][0] : undefined,
        linuxSignal: signals.has("linux"),
        unknownSignal,
    };
}

/**
 * The Linux password rule: SSH password sign-in bypasses Entra, so a Linux VM must set
 * `osProfile.linuxConfiguration.disablePasswordAuthentication: true`. `prefix` is the path of the
 * profile inside the resource (empty for a VM, `virtualMachineProfile.` for a scale set).
 */
export function linuxPasswordProblems(profile: Props, os: OsReading, prefix: string): Problem[] {
    const path = safe.path(`${prefix}osProfile.linuxConfiguration.disablePasswordAuthentication`);
    const fix = msg`Set ${path} to true and sign in with Microsoft Entra ID (AADSSHLoginForLinux) or SSH keys.`;
    if (!os.linuxSignal) {
        return os.os !== "windows" && os.unknownSignal
            ? [undecided(msg`the OS of this VM cannot be known during preview, so SSH password sign-in cannot be ruled out.`)]
            : [];
    }
    const value = getPath(profile, ["osProfile", "linuxConfiguration", "disablePasswordAuthentication"]);
    if (value === true) {
        return [];
    }
    if (isUnknown(value)) {
        return [undecided(msg`${path} cannot be known during preview, so SSH password sign-in cannot be ruled out.`)];
    }
    if (value === undefined || value === null) {
        return [violation(msg`${path} is not set on a Linux VM, so SSH password sign-in stays on. ${fix}`)];
    }
    if (value === false) {
        return [violation(msg`${path} is false on a Linux VM, so SSH password sign-in is on. ${fix}`)];
    }
    return [violation(msg`${path} is not a boolean. ${fix}`)];
}

/** The extension type a VM of this OS needs, for messages. */
export function requiredExtension(os: Os | undefined): Safe {
    return os === "windows"
        ? safe.literal(ENTRA_EXTENSION_TYPES.windows)
        : os === "linux"
          ? safe.literal(ENTRA_EXTENSION_TYPES.linux)
          : safe.literal(`${ENTRA_EXTENSION_TYPES.windows} or ${ENTRA_EXTENSION_TYPES.linux}`);
}

/** Whether an extension signs this VM in with Entra: the extension must match the OS when it is known. */
export function satisfies(ext: ExtensionKind, os: Os | undefined): boolean {
    return ext.kind === "entra" && (os === undefined || ext.os === os);
}
