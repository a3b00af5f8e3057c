import { describe, expect, it } from "vitest";
import {
    classifyExtension,
    extensionProblems,
    fixedOs,
    identityProblems,
    linuxPasswordProblems,
    OsReading,
    PasswordReading,
    readExtensionList,
    readOs,
    requiredExtension,
    satisfies,
    says,
} from "../../policy-pack/src/azure/entra-login";
import { safe } from "../../policy-pack/src/engine/messages";
import { UNKNOWN_STRING } from "../../policy-pack/src/engine/values";

describe("classifyExtension", () => {
    it.each([
        ["Microsoft.Azure.ActiveDirectory", "AADLoginForWindows", "windows"],
        ["microsoft.azure.activedirectory", "aadloginforwindows", "windows"],
        ["Microsoft.Azure.ActiveDirectory", "AADSSHLoginForLinux", "linux"],
        ["Microsoft.Azure.ActiveDirectory", "AADSSHLoginforLinux", "linux"],
    ])("recognises %s / %s as the Entra login extension for %s", (publisher, type, os) => {
        expect(classifyExtension(publisher, type)).toEqual({ kind: "entra", os });
    });

    it("does not accept a publisher that only starts with the Entra one, nor other types", () => {
        expect(classifyExtension("Microsoft.Azure.ActiveDirectory.LinuxSSH", "AADLoginForLinux")).toEqual({ kind: "retired" });
        expect(classifyExtension("Microsoft.Azure.ActiveDirectoryX", "AADLoginForWindows")).toEqual({ kind: "other" });
        expect(classifyExtension("Microsoft.Azure.ActiveDirectory", "AADLoginForLinux")).toEqual({ kind: "other" });
        expect(classifyExtension("Microsoft.Azure.Monitor", "AzureMonitorLinuxAgent")).toEqual({ kind: "other" });
        expect(classifyExtension(undefined, undefined)).toEqual({ kind: "other" });
        expect(classifyExtension(42, "AADLoginForWindows")).toEqual({ kind: "other" });
    });

    it("is undecided only when an unknown could make it the Entra extension", () => {
        expect(classifyExtension(UNKNOWN_STRING, "AADLoginForWindows")).toEqual({ kind: "unknown" });
        expect(classifyExtension("Microsoft.Azure.ActiveDirectory", UNKNOWN_STRING)).toEqual({ kind: "unknown" });
        expect(classifyExtension(UNKNOWN_STRING, "CustomScript")).toEqual({ kind: "other" });
        expect(classifyExtension("Microsoft.Azure.Monitor", UNKNOWN_STRING)).toEqual({ kind: "other" });
    });
});

describe("satisfies and requiredExtension", () => {
    it("matches the extension to the OS when the OS is known, and accepts either when it is not", () => {
        const windows = { kind: "entra", os: "windows" } as const;
        const linux = { kind: "entra", os: "linux" } as const;
        expect(satisfies(windows, "windows")).toBe(true);
        expect(satisfies(linux, "windows")).toBe(false);
        expect(satisfies(linux, undefined)).toBe(true);
        expect(satisfies({ kind: "unknown" }, undefined)).toBe(false);
        expect(String(requiredExtension(undefined))).toBe("AADLoginForWindows or AADSSHLoginForLinux");
        expect(String(requiredExtension("linux"))).toBe("AADSSHLoginForLinux");
    });
});

describe("identityProblems", () => {
    const identity = (value: unknown) => identityProblems({ path: "identity", value });

    it.each(["SystemAssigned", "systemassigned", "SystemAssigned, UserAssigned", "SystemAssigned,UserAssigned"])("accepts %s", (type) => {
        expect(identity({ type })).toEqual([]);
    });

    it("requires a system-assigned identity", () => {
        expect(identity(undefined).map((p) => String(p.message))).toEqual([
            'identity is not set: the Entra login extension needs a system-assigned managed identity. Set identity.type to "SystemAssigned" (or "SystemAssigned, UserAssigned").',
        ]);
        expect(String(identity({ type: "UserAssigned", userAssignedIdentities: {} })[0].message)).toMatch(/^identity\.type is UserAssigned, without/);
        expect(String(identity({ type: "None" })[0].message)).toMatch(/^identity\.type is None, without/);
        expect(String(identity({ type: "SECRET-MARKER" })[0].message)).toMatch(/^identity\.type is an unrecognised value/);
        expect(String(identity({})[0].message)).toMatch(/^identity\.type is not set/);
        // azurerm sends an unset string as "" after its Check.
        expect(String(identity({ type: "", identityIds: [] })[0].message)).toMatch(/^identity\.type is not set/);
        expect(String(identity("SystemAssigned")[0].message)).toMatch(/^identity is not an object/);
    });

    it("gives the adapter's way out where the resource cannot hold a system-assigned identity", () => {
        const found = identityProblems({ path: "identity", value: { type: "UserAssigned" }, systemAssignedUnavailable: safe.literal("Declare the instances as VMs.") });
        expect(found.map((p) => String(p.message))).toEqual([
            "identity.type is UserAssigned, without a system-assigned identity, which the Entra login extension needs. Declare the instances as VMs.",
        ]);
    });

    it("is undecided when the identity is unknown", () => {
        expect(identity(UNKNOWN_STRING).map((p) => p.unknown)).toEqual([true]);
        expect(identity({ type: UNKNOWN_STRING }).map((p) => p.unknown)).toEqual([true]);
    });
});

describe("readOs", () => {
    const signals = [
        { path: ["osProfile"], says: says.nothing },
        { path: ["osProfile", "linuxConfiguration"], says: says.block("linux") },
        { path: ["osProfile", "windowsConfiguration"], says: says.block("windows") },
        { path: ["storageProfile", "osDisk", "osType"], says: says.osType },
        { path: ["storageProfile", "imageReference", "publisher"], says: says.imagePublisher },
    ];
    const os = (props: unknown) => readOs(props, signals);

    it("reads the OS from configuration blocks, the OS disk and well-known image publishers, and says where", () => {
        expect(os({ osProfile: { linuxConfiguration: {} } })).toEqual({ os: "linux", source: "osProfile.linuxConfiguration", linuxSignal: true, unknownSignal: false });
        expect(os({ osProfile: { windowsConfiguration: {} } }).os).toBe("windows");
        expect(os({ storageProfile: { osDisk: { osType: "linux" } } }).os).toBe("linux");
        expect(os({ storageProfile: { imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts" } } })).toMatchObject({
            os: "linux",
            source: "storageProfile.imageReference.publisher",
        });
        expect(os({ storageProfile: { imageReference: { publisher: "MicrosoftWindowsServer" } } }).os).toBe("windows");
        expect(os({ storageProfile: { imageReference: { id: "/subscriptions/x/images/golden" } } })).toEqual({
            os: undefined,
            source: undefined,
            linuxSignal: false,
            unknownSignal: false,
        });
    });

    it("leaves the OS open when signals disagree but keeps the Linux signal", () => {
        expect(os({ osProfile: { linuxConfiguration: {} }, storageProfile: { osDisk: { osType: "Windows" } } })).toEqual({
            os: undefined,
            source: undefined,
            linuxSignal: true,
            unknownSignal: false,
        });
    });

    it("notes unknown signals", () => {
        expect(os({ osProfile: UNKNOWN_STRING }).unknownSignal).toBe(true);
        expect(os({ storageProfile: { osDisk: { osType: UNKNOWN_STRING } } }).unknownSignal).toBe(true);
    });

    it("takes a one-OS resource type as a definite signal", () => {
        expect(fixedOs("linux", "LinuxVirtualMachine")).toEqual({ os: "linux", source: "the resource type, LinuxVirtualMachine", linuxSignal: true, unknownSignal: false });
    });
});

describe("readExtensionList", () => {
    it("classifies each entry, and tells an unknown or malformed list apart from an empty one", () => {
        expect(readExtensionList([{ name: "aad", publisher: "Microsoft.Azure.ActiveDirectory", type: "AADSSHLoginForLinux" }, UNKNOWN_STRING, "x"])).toEqual({
            kind: "list",
            extensions: [{ kind: "entra", os: "linux" }, { kind: "unknown" }, { kind: "other" }],
        });
        expect(readExtensionList(undefined)).toEqual({ kind: "list", extensions: [] });
        expect(readExtensionList([])).toEqual({ kind: "list", extensions: [] });
        expect(readExtensionList(UNKNOWN_STRING)).toEqual({ kind: "unknown" });
        expect(readExtensionList({ publisher: "Microsoft.Azure.ActiveDirectory" })).toEqual({ kind: "malformed" });
    });
});

describe("linuxPasswordProblems", () => {
    const linux: OsReading = { os: "linux", source: "osProfile.linuxConfiguration", linuxSignal: true, unknownSignal: false };
    const windows: OsReading = { os: "windows", source: "osProfile.windowsConfiguration", linuxSignal: false, unknownSignal: false };
    const path = "osProfile.linuxConfiguration.disablePasswordAuthentication";
    const on = (reading: PasswordReading, os: OsReading = linux) => linuxPasswordProblems(os, { path, reading });
    const text = (reading: PasswordReading) => on(reading).map((p) => String(p.message));

    it("passes Linux with password sign-in off, written or by the provider's default, and Windows", () => {
        expect(on({ kind: "set", disabled: true, defaulted: false })).toEqual([]);
        expect(on({ kind: "set", disabled: true, defaulted: true })).toEqual([]);
        expect(on({ kind: "set", disabled: false, defaulted: false }, windows)).toEqual([]);
        expect(linuxPasswordProblems(windows, undefined)).toEqual([]);
    });

    it("blocks Linux with password sign-in on, written or left at the provider's default, naming the path", () => {
        expect(text({ kind: "set", disabled: false, defaulted: false })).toEqual([
            "osProfile.linuxConfiguration.disablePasswordAuthentication is false on a Linux VM, so SSH password sign-in is on. Set osProfile.linuxConfiguration.disablePasswordAuthentication to true and sign in with Microsoft Entra ID (AADSSHLoginForLinux) or SSH keys.",
        ]);
        expect(text({ kind: "set", disabled: false, defaulted: true })[0]).toMatch(/^osProfile\.linuxConfiguration\.disablePasswordAuthentication is not set on a Linux VM, so SSH password sign-in stays on\./);
        expect(text({ kind: "required" })[0]).toContain("is not set on a Linux VM, and the provider has no default for it.");
        expect(text({ kind: "malformed" })[0]).toContain("is not a boolean");
    });

    it("is undecided when the value or the OS is unknown", () => {
        expect(on({ kind: "unknown" }).map((x) => x.unknown)).toEqual([true]);
        const unknownOs: OsReading = { linuxSignal: false, unknownSignal: true };
        expect(linuxPasswordProblems(unknownOs, { path, reading: { kind: "set", disabled: false, defaulted: true } }).map((x) => x.unknown)).toEqual([true]);
        expect(linuxPasswordProblems({ ...windows, unknownSignal: true }, undefined)).toEqual([]);
    });
});

describe("extensionProblems", () => {
    const linux: OsReading = { os: "linux", source: "the resource type, LinuxVirtualMachine", linuxSignal: true, unknownSignal: false };
    const context = { os: linux, what: "VM", home: "the VM, as an azure.compute.Extension" };
    const text = (kinds: Parameters<typeof extensionProblems>[0], unplaced: Parameters<typeof extensionProblems>[1] = []) =>
        extensionProblems(kinds, unplaced, context).map((p) => `${p.unknown ? "unknown" : "violation"}: ${p.message}`);

    it("passes with the extension for the OS, and names where the extension goes otherwise", () => {
        expect(text([{ kind: "other" }, { kind: "entra", os: "linux" }])).toEqual([]);
        expect(text([])).toEqual([
            "violation: no Microsoft Entra login extension is installed, so administrators sign in with local accounts. Add the AADSSHLoginForLinux extension (publisher Microsoft.Azure.ActiveDirectory) to the VM, as an azure.compute.Extension.",
        ]);
    });

    it("says where the OS was read from when the extension is for the other OS", () => {
        expect(text([{ kind: "entra", os: "windows" }])).toEqual([
            "violation: the Entra login extension installed does not match the OS of the VM. Add the AADSSHLoginForLinux extension (publisher Microsoft.Azure.ActiveDirectory) to the VM, as an azure.compute.Extension. The OS is read from the resource type, LinuxVirtualMachine.",
        ]);
    });

    it("cannot tell when an extension of the machine, or one placed on no machine, might be the Entra one", () => {
        expect(text([{ kind: "unknown" }])[0]).toMatch(/^unknown: whether the Entra login extension is installed cannot be known/);
        expect(text([], [{ kind: "entra", os: "windows" }])[0]).toMatch(/^unknown: /);
        expect(text([], [{ kind: "other" }])[0]).toMatch(/^violation: no Microsoft Entra login extension/);
        expect(text([{ kind: "retired" }])[0]).toMatch(/^violation: only the retired AADLoginForLinux extension/);
    });
});
