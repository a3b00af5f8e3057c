// Microsoft Entra sign-in to Azure VMs and scale sets: the login extension, the system-assigned identity
// it needs, which OS a machine runs, and SSH password sign-in on Linux — as provider-neutral facts
// (each provider's adapter in adapters/machines.ts fills them) and the findings they lead to.
// Extension strings: publisher `Microsoft.Azure.ActiveDirectory` exactly, type `AADLoginForWindows` or
// `AADSSHLoginForLinux`, compared case-insensitively (Azure Verified Modules spell `AADSSHLoginforLinux`).
// The retired password-based `AADLoginForLinux` was published as `Microsoft.Azure.ActiveDirectory.LinuxSSH`
// and does not count.
import { msg, safe, Safe } from "../engine/messages";
import { formatPath, getPath, isRecord, isUnknown } from "../engine/values";
import { malformed, Problem, undecided, violation } from "./problems";

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

/** A list of extensions declared inside the machine (a scale set's profile). */
export type ExtensionListReading = { kind: "list"; extensions: ExtensionKind[] } | { kind: "unknown" } | { kind: "malformed" };

export interface InlineExtensions {
    path: string;
    reading: ExtensionListReading;
}

/** Reads a list of `{ publisher, type }` entries, as both providers spell inline extensions. */
export function readExtensionList(value: unknown): ExtensionListReading {
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    if (value === undefined || value === null) {
        return { kind: "list", extensions: [] };
    }
    if (!Array.isArray(value)) {
        return { kind: "malformed" };
    }
    return {
        kind: "list",
        extensions: value.map((e) => (isUnknown(e) ? { kind: "unknown" } : isRecord(e) ? classifyExtension(e.publisher, e.type) : { kind: "other" })),
    };
}

export const IDENTITY_TYPES = ["SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "None"] as const;

export interface IdentityFacts {
    /** Where the identity object sits; both providers keep its kind in `<path>.type`. */
    path: string;
    value: unknown;
    /** Set when the resource cannot hold a system-assigned identity on its provider: the way out instead. */
    systemAssignedUnavailable?: Safe;
}

/** Findings about the identity: the Entra login extension authenticates with the system-assigned identity. */
export function identityProblems(identity: IdentityFacts): Problem[] {
    const where = safe.path(identity.path);
    const typePath = safe.path(`${identity.path}.type`);
    const fix = identity.systemAssignedUnavailable ?? msg`Set ${typePath} to "SystemAssigned" (or "SystemAssigned, UserAssigned").`;
    const value = identity.value;
    if (isUnknown(value)) {
        return [undecided(msg`${where} cannot be known during preview, so the system-assigned identity cannot be verified.`)];
    }
    if (value === undefined || value === null) {
        return [violation(msg`${where} is not set: the Entra login extension needs a system-assigned managed identity. ${fix}`)];
    }
    if (!isRecord(value)) {
        return [malformed(msg`${where} is not an object. ${fix}`)];
    }
    const type = value.type;
    if (isUnknown(type)) {
        return [undecided(msg`${typePath} cannot be known during preview, so the system-assigned identity cannot be verified.`)];
    }
    if (type === undefined || type === null || type === "") {
        // The identity object is there without its required kind.
        return [malformed(msg`${typePath} is not set: the Entra login extension needs a system-assigned managed identity. ${fix}`)];
    }
    if (typeof type !== "string") {
        return [malformed(msg`${typePath} is not a string. ${fix}`)];
    }
    const parts = type.split(",").map((p) => p.trim().toLowerCase());
    if (parts.includes("systemassigned")) {
        return [];
    }
    // A kind Azure does not have cannot be read as one.
    const recognised = parts.every((p) => p === "userassigned" || p === "none");
    return [
        (recognised ? violation : malformed)(
            msg`${typePath} is ${safe.word(type.replace(/\s+/g, " "), IDENTITY_TYPES)}, without a system-assigned identity, which the Entra login extension needs. ${fix}`,
        ),
    ];
}

export interface OsReading {
    /** The OS when every known signal agrees; undefined when none says or they disagree. */
    os?: Os;
    /** Where the OS was read from (a property path, or the resource type), for messages. */
    source?: string;
    /** Some signal says Linux: the password rule applies. */
    linuxSignal: boolean;
    /** A value that could carry a signal is unknown during preview. */
    unknownSignal: boolean;
}

/** A property that may tell the OS: `says` reads its value (undefined when it tells nothing). */
export interface OsSignal {
    path: readonly string[];
    says: (value: unknown) => Os | undefined;
}

const LINUX_IMAGE_PUBLISHERS = ["canonical", "redhat", "suse", "debian", "openlogic", "almalinux", "kinvolk", "resf"];
const WINDOWS_IMAGE_PUBLISHERS = ["microsoftwindowsserver", "microsoftwindowsdesktop"];

/** Signal readers shared by the providers. */
export const says = {
    /** A container whose unknown value hides the signals inside it. */
    nothing: (): Os | undefined => undefined,
    /** A configuration block for one OS, present as an object. */
    block:
        (os: Os) =>
        (value: unknown): Os | undefined =>
            isRecord(value) ? os : undefined,
    /** An OS type word, `Linux` or `Windows`. */
    osType: (value: unknown): Os | undefined => (same(value, "Linux") ? "linux" : same(value, "Windows") ? "windows" : undefined),
    /** The publisher of a well-known marketplace image (image-based VMs usually leave the OS type unset). */
    imagePublisher: (value: unknown): Os | undefined => {
        const p = typeof value === "string" ? value.trim().toLowerCase() : "";
        return LINUX_IMAGE_PUBLISHERS.includes(p) ? "linux" : WINDOWS_IMAGE_PUBLISHERS.includes(p) ? "windows" : undefined;
    },
};

/** The OS a machine runs, from every signal its properties carry. */
export function readOs(props: unknown, signals: readonly OsSignal[]): OsReading {
    const found = new Map<Os, string>();
    let unknownSignal = false;
    for (const signal of signals) {
        const value = getPath(props, signal.path);
        if (isUnknown(value)) {
            unknownSignal = true;
            continue;
        }
        const os = signal.says(value);
        if (os && !found.has(os)) {
            found.set(os, formatPath(signal.path));
        }
    }
    const [only] = found.size === 1 ? [...found] : [];
    return { os: only?.[0], source: only?.[1], linuxSignal: found.has("linux"), unknownSignal };
}

/** A resource type that runs one OS only (the classic provider's Linux and Windows machines). */
export function fixedOs(os: Os, typeName: string): OsReading {
    return { os, source: `the resource type, ${typeName}`, linuxSignal: os === "linux", unknownSignal: false };
}

/**
 * Whether SSH password sign-in is disabled. `defaulted`: the user did not write it, so the value is
 * the provider's default (filled in by its Check or not). `required`: unset where the provider has
 * no default.
 */
export type PasswordReading =
    | { kind: "set"; disabled: boolean; defaulted: boolean }
    | { kind: "required" }
    | { kind: "unknown" }
    | { kind: "malformed" };

export interface PasswordAuth {
    path: string;
    reading: PasswordReading;
}

/** The Linux password rule: SSH password sign-in bypasses Entra, so a Linux machine must disable it. */
export function linuxPasswordProblems(os: OsReading, password: PasswordAuth | undefined): Problem[] {
    if (!os.linuxSignal || password === undefined) {
        return os.os !== "windows" && os.unknownSignal
            ? [undecided(msg`the OS of this VM cannot be known during preview, so SSH password sign-in cannot be ruled out.`)]
            : [];
    }
    const path = safe.path(password.path);
    const fix = msg`Set ${path} to true and sign in with Microsoft Entra ID (AADSSHLoginForLinux) or SSH keys.`;
    const r = password.reading;
    switch (r.kind) {
        case "unknown":
            return [undecided(msg`${path} cannot be known during preview, so SSH password sign-in cannot be ruled out.`)];
        case "malformed":
            return [malformed(msg`${path} is not a boolean. ${fix}`)];
        case "required":
            return [malformed(msg`${path} is not set on a Linux VM, and the provider has no default for it. ${fix}`)];
        case "set":
            if (r.disabled) {
                return [];
            }
            return r.defaulted
                ? [violation(msg`${path} is not set on a Linux VM, so SSH password sign-in stays on. ${fix}`)]
                : [violation(msg`${path} is false on a Linux VM, so SSH password sign-in is on. ${fix}`)];
    }
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

export interface ExtensionContext {
    os: OsReading;
    /** "VM" or "scale set", for messages. */
    what: string;
    /** Where the extension goes, in the provider's words (e.g. "the VM"). */
    home: string;
}

/**
 * Findings about the login extension, given every extension placed on the machine and those that
 * cannot be placed on any machine (their parent reference is unknown during preview).
 */
export function extensionProblems(kinds: readonly ExtensionKind[], unplaced: readonly ExtensionKind[], c: ExtensionContext): Problem[] {
    const os = c.os;
    if (kinds.some((k) => satisfies(k, os.os))) {
        return [];
    }
    const what = safe.literal(c.what);
    const fix = msg`Add the ${requiredExtension(os.os)} extension (publisher Microsoft.Azure.ActiveDirectory) to ${safe.literal(c.home)}.`;
    if (kinds.some((k) => k.kind === "unknown") || unplaced.some((k) => k.kind === "unknown" || k.kind === "entra")) {
        return [undecided(msg`whether the Entra login extension is installed cannot be known during preview (an extension's publisher, type or VM reference is unknown). ${fix}`)];
    }
    if (kinds.some((k) => k.kind === "entra")) {
        const source = os.source === undefined ? msg`` : msg` The OS is read from ${safe.path(os.source)}.`;
        return [violation(msg`the Entra login extension installed does not match the OS of the ${what}. ${fix}${source}`)];
    }
    if (kinds.some((k) => k.kind === "retired")) {
        return [
            violation(
                msg`only the retired AADLoginForLinux extension (publisher Microsoft.Azure.ActiveDirectory.LinuxSSH) is installed; it does not provide Entra sign-in. ${fix}`,
            ),
        ];
    }
    return [violation(msg`no Microsoft Entra login extension is installed, so administrators sign in with local accounts. ${fix}`)];
}
