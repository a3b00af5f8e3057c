import { describe, expect, it } from "vitest";
import {
    classifyExtension,
    identityProblems,
    linuxPasswordProblems,
    readOs,
    requiredExtension,
    satisfies,
} from "../../policy-pack/src/azure/entra-login";
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
    it.each(["SystemAssigned", "systemassigned", "SystemAssigned, UserAssigned", "SystemAssigned,UserAssigned"])("accepts %s", (type) => {
        expect(identityProblems({ type })).toEqual([]);
    });

    it("requires a system-assigned identity", () => {
        expect(identityProblems(undefined).map((p) => String(p.message))).toEqual([
            'identity is not set: the Entra login extension needs a system-assigned managed identity. Set identity.type to "SystemAssigned" (or "SystemAssigned, UserAssigned").',
        ]);
        expect(String(identityProblems({ type: "UserAssigned", userAssignedIdentities: {} })[0].message)).toMatch(/^identity\.type is UserAssigned, without/);
        expect(String(identityProblems({ type: "None" })[0].message)).toMatch(/^identity\.type is None, without/);
        expect(String(identityProblems({ type: "SECRET-MARKER" })[0].message)).toMatch(/^identity\.type is an unrecognised value/);
        expect(String(identityProblems({})[0].message)).toMatch(/^identity\.type is not set/);
        expect(String(identityProblems("SystemAssigned")[0].message)).toMatch(/^identity is not an object/);
    });

    it("is undecided when the identity is unknown", () => {
        expect(identityProblems(UNKNOWN_STRING).map((p) => p.unknown)).toEqual([true]);
        expect(identityProblems({ type: UNKNOWN_STRING }).map((p) => p.unknown)).toEqual([true]);
    });
});

describe("readOs", () => {
    it("reads the OS from the OS profile, the OS disk and well-known image publishers", () => {
        expect(readOs({ osProfile: { linuxConfiguration: {} } }).os).toBe("linux");
        expect(readOs({ osProfile: { windowsConfiguration: {} } }).os).toBe("windows");
        expect(readOs({ storageProfile: { osDisk: { osType: "linux" } } }).os).toBe("linux");
        expect(readOs({ storageProfile: { imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts" } } }).os).toBe("linux");
        expect(readOs({ storageProfile: { imageReference: { publisher: "MicrosoftWindowsServer" } } }).os).toBe("windows");
        expect(readOs({ storageProfile: { imageReference: { id: "/subscriptions/x/images/golden" } } })).toEqual({
            os: undefined,
            linuxSignal: false,
            unknownSignal: false,
        });
    });

    it("leaves the OS open when signals disagree but keeps the Linux signal", () => {
        expect(readOs({ osProfile: { linuxConfiguration: {} }, storageProfile: { osDisk: { osType: "Windows" } } })).toEqual({
            os: undefined,
            linuxSignal: true,
            unknownSignal: false,
        });
    });

    it("notes unknown signals", () => {
        expect(readOs({ osProfile: UNKNOWN_STRING }).unknownSignal).toBe(true);
        expect(readOs({ storageProfile: { osDisk: { osType: UNKNOWN_STRING } } }).unknownSignal).toBe(true);
    });
});

describe("linuxPasswordProblems", () => {
    const linux = (linuxConfiguration: unknown) => ({ osProfile: { adminUsername: "azureuser", linuxConfiguration } });

    it("passes Linux with password sign-in off, and Windows", () => {
        const p = linux({ disablePasswordAuthentication: true });
        expect(linuxPasswordProblems(p, readOs(p), "")).toEqual([]);
        const w = { osProfile: { windowsConfiguration: {} } };
        expect(linuxPasswordProblems(w, readOs(w), "")).toEqual([]);
    });

    it("blocks Linux with password sign-in on or left at the default", () => {
        const off = linux({ disablePasswordAuthentication: false });
        expect(linuxPasswordProblems(off, readOs(off), "").map((p) => String(p.message))).toEqual([
            "osProfile.linuxConfiguration.disablePasswordAuthentication is false on a Linux VM, so SSH password sign-in is on. Set osProfile.linuxConfiguration.disablePasswordAuthentication to true and sign in with Microsoft Entra ID (AADSSHLoginForLinux) or SSH keys.",
        ]);
        const image = { osProfile: { adminUsername: "u", adminPassword: "SECRET-MARKER" }, storageProfile: { imageReference: { publisher: "Canonical" } } };
        const found = linuxPasswordProblems(image, readOs(image), "virtualMachineProfile.");
        expect(String(found[0].message)).toMatch(/^virtualMachineProfile\.osProfile\.linuxConfiguration\.disablePasswordAuthentication is not set on a Linux VM/);
        const odd = linux({ disablePasswordAuthentication: "yes" });
        expect(String(linuxPasswordProblems(odd, readOs(odd), "")[0].message)).toContain("is not a boolean");
    });

    it("is undecided when the value or the OS is unknown", () => {
        const p = linux({ disablePasswordAuthentication: UNKNOWN_STRING });
        expect(linuxPasswordProblems(p, readOs(p), "").map((x) => x.unknown)).toEqual([true]);
        const unknownProfile = { osProfile: UNKNOWN_STRING };
        expect(linuxPasswordProblems(unknownProfile, readOs(unknownProfile), "").map((x) => x.unknown)).toEqual([true]);
        const windowsUnknownDisk = { osProfile: { windowsConfiguration: {} }, storageProfile: { osDisk: { osType: UNKNOWN_STRING } } };
        expect(linuxPasswordProblems(windowsUnknownDisk, readOs(windowsUnknownDisk), "")).toEqual([]);
    });
});
