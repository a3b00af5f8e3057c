// VMs and scale sets on both providers through one set of facts: the same machines — Linux and
// Windows, VMs and scale sets, the login extension as its own resource (joined by propertyDependencies,
// by Pulumi parent, or by id) or inline — give the same vm-entra-login verdicts on azure-native, on
// classic @pulumi/azure (LinuxVirtualMachine & co.) and on classic's legacy VirtualMachine / ScaleSet,
// in mock inputs and after the provider's Check, with each provider's own paths in messages. Then the
// classic defaults that differ: disablePasswordAuthentication is true when unset on the Linux types and
// the orchestrated scale set, false on the legacy ScaleSet, and required on the legacy VirtualMachine.
import { describe, expect, it } from "vitest";
import { classicLegacyScaleSets, classicLinuxVms, classicOrchestratedScaleSets, classicLegacyVms, azureNativeVms } from "../../policy-pack/src/adapters/machines";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, secret, SUBSCRIPTION, unknown } from "../harness/stack";

const POLICY = "vm-entra-login";
const RG = "rg-jump";
const ENTRA = "Microsoft.Azure.ActiveDirectory";
const MARKER = "SECRET-MARKER-machines-51e0";
const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH9yQ1pJk3ZbLw2mX0cT7rV5nE8aG4dF6sH1jK2lM3nO admin@example";
const USER_IDENTITY = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/admins`;
const UBUNTU = { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" };
const WINDOWS = { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" };

const N = {
    vm: "azure-native:compute:VirtualMachine",
    set: "azure-native:compute:VirtualMachineScaleSet",
    ext: "azure-native:compute:VirtualMachineExtension",
    setExt: "azure-native:compute:VirtualMachineScaleSetExtension",
    nic: "azure-native:network:NetworkInterface",
};
const C = {
    linuxVm: "azure:compute/linuxVirtualMachine:LinuxVirtualMachine",
    windowsVm: "azure:compute/windowsVirtualMachine:WindowsVirtualMachine",
    legacyVm: "azure:compute/virtualMachine:VirtualMachine",
    linuxSet: "azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet",
    windowsSet: "azure:compute/windowsVirtualMachineScaleSet:WindowsVirtualMachineScaleSet",
    orchestrated: "azure:compute/orchestratedVirtualMachineScaleSet:OrchestratedVirtualMachineScaleSet",
    legacySet: "azure:compute/scaleSet:ScaleSet",
    ext: "azure:compute/extension:Extension",
    setExt: "azure:compute/virtualMachineScaleSetExtension:VirtualMachineScaleSetExtension",
    nic: "azure:network/networkInterface:NetworkInterface",
};

type Family = "azure-native" | "classic" | "classic legacy";
interface Shape {
    family: Family;
    afterCheck: boolean;
}
const SHAPES: Shape[] = [
    { family: "azure-native", afterCheck: false },
    { family: "classic", afterCheck: false },
    { family: "classic", afterCheck: true },
    { family: "classic legacy", afterCheck: false },
    { family: "classic legacy", afterCheck: true },
];
const label = (s: Shape) => `${s.family}${s.afterCheck ? " after Check" : ""}`;

interface Extension {
    type: string;
    publisher?: string;
    /** standalone: joined through propertyDependencies; parented: its machine reference unknown, its Pulumi parent the machine. */
    how: "standalone" | "parented" | "inline";
}

interface Machine {
    kind: "vm" | "scale set";
    os: "linux" | "windows";
    /** identity.type; none when undefined. */
    identity?: string;
    /** disablePasswordAuthentication written by the user (Linux only); left unset when undefined. */
    passwordDisabled?: boolean;
    extension?: Extension;
    tags?: Record<string, string>;
}

/**
 * What the provider's Check leaves: its schema defaults filled in where the user wrote nothing, and
 * `__defaults` listing them. Without Check, the object as written.
 */
function checked(afterCheck: boolean, written: Record<string, unknown>, defaults: Record<string, unknown>): Record<string, unknown> {
    if (!afterCheck) {
        return written;
    }
    const filled = Object.keys(defaults).filter((k) => !(k in written));
    return { ...defaults, ...written, __defaults: filled };
}

function nativeIdentity(type: string | undefined): Record<string, unknown> {
    if (type === undefined) {
        return {};
    }
    return { identity: { type, ...(type.includes("UserAssigned") ? { userAssignedIdentities: { [USER_IDENTITY]: {} } } : {}) } };
}

function classicIdentity(type: string | undefined, afterCheck: boolean): Record<string, unknown> {
    if (type === undefined) {
        return {};
    }
    const ids = type.includes("UserAssigned") ? [USER_IDENTITY] : afterCheck ? [] : undefined;
    return { identity: { type, ...(ids === undefined ? {} : { identityIds: ids }) } };
}

const extensionEntry = (e: Extension) => ({ name: "entraLogin", publisher: e.publisher ?? ENTRA, type: e.type, typeHandlerVersion: "1.0" });

function classicInline(e: Extension | undefined, afterCheck: boolean): Record<string, unknown> {
    if (e?.how !== "inline") {
        return afterCheck ? { extensions: [] } : {};
    }
    const entry = checked(afterCheck, extensionEntry(e), { autoUpgradeMinorVersion: true, automaticUpgradeEnabled: false });
    return { extensions: [afterCheck ? { forceUpdateTag: "", protectedSettings: "", settings: "", provisionAfterExtensions: [], ...entry } : entry] };
}

function nativeMachine(name: string, m: Machine): FixtureResource[] {
    const osProfile =
        m.os === "linux"
            ? {
                  adminUsername: "azureuser",
                  linuxConfiguration: {
                      ...(m.passwordDisabled === undefined ? {} : { disablePasswordAuthentication: m.passwordDisabled }),
                      ssh: { publicKeys: [{ path: "/home/azureuser/.ssh/authorized_keys", keyData: SSH_KEY }] },
                  },
              }
            : { adminUsername: "breakglass", adminPassword: secret(MARKER), windowsConfiguration: { provisionVMAgent: true } };
    const image = m.os === "linux" ? UBUNTU : WINDOWS;
    const e = m.extension;
    const machineRef = e?.how === "parented" ? unknown() : ref(name, "name");
    const common = { resourceGroupName: RG, location: "westeurope", ...nativeIdentity(m.identity), ...(m.tags ? { tags: m.tags } : {}) };
    if (m.kind === "vm") {
        return [
            resource(N.vm, name, {
                ...common,
                vmName: name.toLowerCase(),
                hardwareProfile: { vmSize: "Standard_B2s" },
                osProfile: { computerName: "jump", ...osProfile },
                storageProfile: { imageReference: image, osDisk: { createOption: "FromImage" } },
                networkProfile: { networkInterfaces: [{ id: ref("nativeNic"), primary: true }] },
            }),
            ...(e && e.how !== "inline"
                ? [
                      resource(
                          N.ext,
                          `${name}Extension`,
                          { resourceGroupName: RG, vmName: machineRef, vmExtensionName: e.type, publisher: e.publisher ?? ENTRA, type: e.type, typeHandlerVersion: "1.0" },
                          e.how === "parented" ? { parent: name } : {},
                      ),
                  ]
                : []),
        ];
    }
    return [
        resource(N.set, name, {
            ...common,
            vmScaleSetName: name.toLowerCase(),
            sku: { name: "Standard_B2s", capacity: 2 },
            orchestrationMode: "Uniform",
            upgradePolicy: { mode: "Manual" },
            virtualMachineProfile: {
                osProfile: { computerNamePrefix: "adm", ...osProfile },
                storageProfile: { imageReference: image },
                networkProfile: {
                    networkInterfaceConfigurations: [
                        { name: "nic", primary: true, ipConfigurations: [{ name: "ip", subnet: { id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/admin` } }] },
                    ],
                },
                ...(e?.how === "inline" ? { extensionProfile: { extensions: [extensionEntry(e)] } } : {}),
            },
        }),
        ...(e && e.how !== "inline"
            ? [
                  resource(
                      N.setExt,
                      `${name}Extension`,
                      { resourceGroupName: RG, vmScaleSetName: machineRef, vmssExtensionName: e.type, publisher: e.publisher ?? ENTRA, type: e.type, typeHandlerVersion: "1.0" },
                      e.how === "parented" ? { parent: name } : {},
                  ),
              ]
            : []),
    ];
}

/** A classic Extension or VirtualMachineScaleSetExtension joined by id (propertyDependencies on it). */
function classicExtension(name: string, kind: Machine["kind"], e: Extension, afterCheck: boolean): FixtureResource {
    const key = kind === "vm" ? "virtualMachineId" : "virtualMachineScaleSetId";
    const inputs = checked(
        afterCheck,
        { name: `${name.toLowerCase()}-entra`, [key]: e.how === "parented" ? unknown() : ref(name, "id"), publisher: e.publisher ?? ENTRA, type: e.type, typeHandlerVersion: "1.0" },
        { autoUpgradeMinorVersion: false, automaticUpgradeEnabled: false, failureSuppressionEnabled: false },
    );
    return resource(kind === "vm" ? C.ext : C.setExt, `${name}Extension`, inputs, e.how === "parented" ? { parent: name } : {});
}

function classicMachine(name: string, m: Machine, afterCheck: boolean): FixtureResource[] {
    const e = m.extension;
    const common = { name: name.toLowerCase(), resourceGroupName: RG, location: "westeurope", ...classicIdentity(m.identity, afterCheck), ...(m.tags ? { tags: m.tags } : {}) };
    const linux = m.os === "linux";
    const login = linux
        ? { adminUsername: "azureuser", adminSshKeys: [{ username: "azureuser", publicKey: SSH_KEY }], ...(m.passwordDisabled === undefined ? {} : { disablePasswordAuthentication: m.passwordDisabled }) }
        : { adminUsername: "breakglass", adminPassword: secret(MARKER) };
    const passwordDefault = linux ? { disablePasswordAuthentication: true } : {};
    const image = { sourceImageReference: linux ? UBUNTU : WINDOWS };
    const standalone = e && e.how !== "inline" ? [classicExtension(name, m.kind, e, afterCheck)] : [];
    if (m.kind === "vm") {
        const inputs = checked(
            afterCheck,
            { ...common, size: "Standard_B2s", networkInterfaceIds: [ref("classicNic")], osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS" }, ...image, ...login },
            { ...passwordDefault, allowExtensionOperations: true, provisionVmAgent: true, priority: "Regular" },
        );
        return [resource(linux ? C.linuxVm : C.windowsVm, name, inputs), ...standalone];
    }
    const inputs = checked(
        afterCheck,
        {
            ...common,
            sku: "Standard_B2s",
            instances: 2,
            osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS" },
            networkInterfaces: [{ name: "nic", primary: true, ipConfigurations: [{ name: "ip", primary: true, subnetId: ref("classicSubnet", "id") }] }],
            ...image,
            ...login,
            ...classicInline(e, afterCheck),
        },
        { ...passwordDefault, overprovision: true, upgradeMode: "Manual", extensionOperationsEnabled: true },
    );
    return [resource(linux ? C.linuxSet : C.windowsSet, name, inputs), ...standalone];
}

/** The legacy azurerm_virtual_machine and azurerm_virtual_machine_scale_set. */
function legacyMachine(name: string, m: Machine, afterCheck: boolean): FixtureResource[] {
    const e = m.extension;
    const linux = m.os === "linux";
    const common = { name: name.toLowerCase(), resourceGroupName: RG, location: "westeurope", ...classicIdentity(m.identity, afterCheck), ...(m.tags ? { tags: m.tags } : {}) };
    const linuxConfig = (sshPath: string) =>
        checked(
            afterCheck,
            { ...(m.passwordDisabled === undefined ? {} : { disablePasswordAuthentication: m.passwordDisabled }), sshKeys: [{ path: sshPath, keyData: SSH_KEY }] },
            m.kind === "scale set" ? { disablePasswordAuthentication: false } : {},
        );
    const osConfig = linux
        ? { osProfileLinuxConfig: linuxConfig("/home/azureuser/.ssh/authorized_keys") }
        : { osProfileWindowsConfig: checked(afterCheck, { provisionVmAgent: true }, { enableAutomaticUpgrades: false }) };
    const admin = linux ? { adminUsername: "azureuser" } : { adminUsername: "breakglass", adminPassword: secret(MARKER) };
    const image = linux ? UBUNTU : WINDOWS;
    if (m.kind === "vm") {
        const inputs = checked(
            afterCheck,
            {
                ...common,
                vmSize: "Standard_B2s",
                networkInterfaceIds: [ref("classicNic")],
                storageImageReference: image,
                storageOsDisk: { name: `${name.toLowerCase()}-os`, createOption: "FromImage", managedDiskType: "Premium_LRS" },
                osProfile: { computerName: "jump", ...admin },
                ...osConfig,
            },
            { deleteOsDiskOnTermination: false, deleteDataDisksOnTermination: false },
        );
        return [resource(C.legacyVm, name, inputs), ...(e && e.how !== "inline" ? [classicExtension(name, "vm", e, afterCheck)] : [])];
    }
    // azurerm's standalone scale set extension does not serve the legacy ScaleSet: its extensions are inline.
    const inline = e === undefined ? undefined : { ...e, how: "inline" as const };
    const inputs = checked(
        afterCheck,
        {
            ...common,
            upgradePolicyMode: "Manual",
            sku: { name: "Standard_B2s", capacity: 2 },
            storageProfileImageReference: image,
            storageProfileOsDisk: { caching: "ReadWrite", createOption: "FromImage", managedDiskType: "Premium_LRS" },
            osProfile: { computerNamePrefix: "adm", ...admin },
            ...osConfig,
            networkProfiles: [{ name: "nic", primary: true, ipConfigurations: [{ name: "ip", primary: true, subnetId: ref("classicSubnet", "id") }] }],
            ...classicInline(inline, afterCheck),
        },
        { overprovision: true, singlePlacementGroup: true },
    );
    return [resource(C.legacySet, name, inputs)];
}

const NETWORK: Record<Family, FixtureResource[]> = {
    "azure-native": [
        resource(N.nic, "nativeNic", {
            resourceGroupName: RG,
            networkInterfaceName: "nic-jump",
            ipConfigurations: [{ name: "ip", subnet: { id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/admin` }, privateIPAllocationMethod: "Dynamic" }],
        }),
    ],
    classic: [],
    "classic legacy": [],
};
const CLASSIC_NETWORK = [
    resource("azure:network/subnet:Subnet", "classicSubnet", { name: "snet-admin", resourceGroupName: RG, virtualNetworkName: "vnet-admin", addressPrefixes: ["10.20.1.0/24"] }),
    resource(C.nic, "classicNic", {
        name: "nic-jump",
        resourceGroupName: RG,
        location: "westeurope",
        ipConfigurations: [{ name: "ip", subnetId: ref("classicSubnet", "id"), privateIpAddressAllocation: "Dynamic" }],
    }),
];
NETWORK.classic = CLASSIC_NETWORK;
NETWORK["classic legacy"] = CLASSIC_NETWORK;

function stackOf(shape: Shape, machines: [string, Machine][]): FixtureResource[] {
    const write = (name: string, m: Machine) =>
        shape.family === "azure-native" ? nativeMachine(name, m) : shape.family === "classic" ? classicMachine(name, m, shape.afterCheck) : legacyMachine(name, m, shape.afterCheck);
    return [...NETWORK[shape.family], ...machines.flatMap(([n, m]) => write(n, m))];
}

const linuxLogin: Extension = { type: "AADSSHLoginForLinux", how: "standalone" };
const windowsLogin: Extension = { type: "AADLoginForWindows", how: "standalone" };

const MACHINES: [string, Machine][] = [
    ["validLinuxVm", { kind: "vm", os: "linux", identity: "SystemAssigned", passwordDisabled: true, extension: linuxLogin }],
    ["validWindowsVm", { kind: "vm", os: "windows", identity: "SystemAssigned", extension: { type: "aadLoginForWindows", how: "standalone" } }],
    ["validParentedLinuxVm", { kind: "vm", os: "linux", identity: "SystemAssigned", passwordDisabled: true, extension: { ...linuxLogin, how: "parented" } }],
    ["validLinuxScaleSet", { kind: "scale set", os: "linux", identity: "SystemAssigned", passwordDisabled: true, extension: { type: "AADSSHLoginforLinux", how: "inline" } }],
    ["validWindowsScaleSet", { kind: "scale set", os: "windows", identity: "SystemAssigned, UserAssigned", extension: windowsLogin }],
    ["invalidPasswordLinuxVm", { kind: "vm", os: "linux", identity: "SystemAssigned", passwordDisabled: false, extension: linuxLogin }],
    ["invalidMonitorOnlyWindowsVm", { kind: "vm", os: "windows", identity: "SystemAssigned", extension: { type: "AzureMonitorWindowsAgent", publisher: "Microsoft.Azure.Monitor", how: "standalone" } }],
    ["invalidRetiredLinuxVm", { kind: "vm", os: "linux", identity: "SystemAssigned", passwordDisabled: true, extension: { type: "AADLoginForLinux", publisher: "Microsoft.Azure.ActiveDirectory.LinuxSSH", how: "standalone" } }],
    ["invalidWrongOsWindowsScaleSet", { kind: "scale set", os: "windows", identity: "SystemAssigned", extension: { type: "AADSSHLoginForLinux", how: "inline" } }],
    ["invalidUserAssignedLinuxScaleSet", { kind: "scale set", os: "linux", identity: "UserAssigned", passwordDisabled: true, extension: { ...linuxLogin, how: "inline" } }],
    ["invalidBareLinuxVm", { kind: "vm", os: "linux", passwordDisabled: false }],
];

const EXPECTED = [
    "invalidPasswordLinuxVm mandatory",
    "invalidMonitorOnlyWindowsVm mandatory",
    "invalidRetiredLinuxVm mandatory",
    "invalidWrongOsWindowsScaleSet mandatory",
    "invalidUserAssignedLinuxScaleSet mandatory",
    // No extension, no identity, password sign-in on.
    "invalidBareLinuxVm mandatory",
    "invalidBareLinuxVm mandatory",
    "invalidBareLinuxVm mandatory",
]
    .map((v) => `${POLICY} ${v}`)
    .sort();

/** The messages a finding on this resource carries. */
async function messagesFor(fixtures: FixtureResource[], mode: Mode, name: string): Promise<string[]> {
    const result = await run(fixtures, { mode });
    return result.findings.filter((f) => f.policyName === POLICY && f.urn.endsWith(`::${name}`)).map((f) => f.message);
}

describe.each<Mode>(["known", "first-preview"])("vm-entra-login on both providers (%s ids)", (mode) => {
    it.each(SHAPES.map((s) => [label(s), s] as const))("%s: the same machines, the same verdicts, no secret quoted", async (_label, shape) => {
        const result = await run(stackOf(shape, MACHINES), { mode });
        expect(verdicts(result, POLICY)).toEqual(EXPECTED);
        const text = messagesOf(result).join("\n");
        expect(text).not.toContain(MARKER);
        expect(text).not.toContain("can't run policy");
    });

    it.each(SHAPES.map((s) => [label(s), s] as const))("%s: unknowns are advisory below privileged and mandatory at privileged, judged at the VM's level", async (_label, shape) => {
        const machines: [string, Machine][] = [
            ["invalidUnknownIdentityVm", { kind: "vm", os: "windows", identity: "SystemAssigned", extension: windowsLogin }],
            ["invalidUnknownTypePrivilegedVm", { kind: "vm", os: "windows", identity: "SystemAssigned", extension: windowsLogin, tags: { securityLevel: "privileged" } }],
        ];
        const fixtures = stackOf(shape, machines).map((f) => {
            if (f.name === "invalidUnknownIdentityVm") {
                return { ...f, inputs: { ...f.inputs, identity: unknown() } };
            }
            if (f.name === "invalidUnknownTypePrivilegedVmExtension") {
                return { ...f, inputs: { ...f.inputs, type: unknown() } };
            }
            return f;
        });
        expect(verdicts(await run(fixtures, { mode }), POLICY)).toEqual([
            `${POLICY} invalidUnknownIdentityVm advisory`,
            // The extension has no tag: the VM's level decides, and the VM is privileged.
            `${POLICY} invalidUnknownTypePrivilegedVm mandatory`,
        ]);
        expect(verdicts(await run(fixtures, { mode, stackTags: { securityLevel: "privileged" } }), POLICY)).toEqual([
            `${POLICY} invalidUnknownIdentityVm mandatory`,
            `${POLICY} invalidUnknownTypePrivilegedVm mandatory`,
        ]);
    });

    it.each(SHAPES.map((s) => [label(s), s] as const))("%s: an extension whose machine reference is unknown and traced to nothing makes a VM without one undecided", async (_label, shape) => {
        const fixtures = stackOf(shape, [
            ["invalidMaybeExtensionVm", { kind: "vm", os: "windows", identity: "SystemAssigned" }],
            ["invalidLostExtensionVm", { kind: "vm", os: "windows", identity: "SystemAssigned", extension: windowsLogin }],
        ]).map((f) => {
            if (f.name !== "invalidLostExtensionVmExtension") {
                return f;
            }
            const key = shape.family === "azure-native" ? "vmName" : "virtualMachineId";
            return { ...f, name: "unplacedExtension", inputs: { ...f.inputs, [key]: unknown() } };
        });
        // invalidLostExtensionVm lost its extension to the unknown reference: it cannot be verified either.
        expect(verdicts(await run(fixtures, { mode }), POLICY)).toEqual([`${POLICY} invalidLostExtensionVm advisory`, `${POLICY} invalidMaybeExtensionVm advisory`]);
    });
});

describe("classic paths in messages", () => {
    const shape = (family: Family, afterCheck = false): Shape => ({ family, afterCheck });

    it.each([false, true])("classic (after Check: %s): disablePasswordAuthentication, identity.type and an azure.compute.Extension", async (afterCheck) => {
        const fixtures = stackOf(shape("classic", afterCheck), MACHINES);
        expect(await messagesFor(fixtures, "known", "invalidBareLinuxVm")).toEqual([
            "no Microsoft Entra login extension is installed, so administrators sign in with local accounts. Add the AADSSHLoginForLinux extension (publisher Microsoft.Azure.ActiveDirectory) to the VM, as an azure.compute.Extension whose virtualMachineId is the VM's id.",
            'identity is not set: the Entra login extension needs a system-assigned managed identity. Set identity.type to "SystemAssigned" (or "SystemAssigned, UserAssigned").',
            "disablePasswordAuthentication is false on a Linux VM, so SSH password sign-in is on. Set disablePasswordAuthentication to true and sign in with Microsoft Entra ID (AADSSHLoginForLinux) or SSH keys.",
        ]);
        expect(await messagesFor(fixtures, "known", "invalidWrongOsWindowsScaleSet")).toEqual([
            "the Entra login extension installed does not match the OS of the scale set. Add the AADLoginForWindows extension (publisher Microsoft.Azure.ActiveDirectory) to the scale set, in its extensions list or as an azure.compute.VirtualMachineScaleSetExtension whose virtualMachineScaleSetId is the scale set's id. The OS is read from the resource type, WindowsVirtualMachineScaleSet.",
        ]);
        expect(await messagesFor(fixtures, "known", "invalidUserAssignedLinuxScaleSet")).toEqual([
            'identity.type is UserAssigned, without a system-assigned identity, which the Entra login extension needs. Set identity.type to "SystemAssigned" (or "SystemAssigned, UserAssigned").',
        ]);
    });

    it.each([false, true])("classic legacy (after Check: %s): osProfileLinuxConfig.disablePasswordAuthentication, the OS read from osProfileWindowsConfig", async (afterCheck) => {
        const fixtures = stackOf(shape("classic legacy", afterCheck), MACHINES);
        expect((await messagesFor(fixtures, "known", "invalidBareLinuxVm"))[2]).toBe(
            "osProfileLinuxConfig.disablePasswordAuthentication is false on a Linux VM, so SSH password sign-in is on. Set osProfileLinuxConfig.disablePasswordAuthentication to true and sign in with Microsoft Entra ID (AADSSHLoginForLinux) or SSH keys.",
        );
        expect(await messagesFor(fixtures, "known", "invalidWrongOsWindowsScaleSet")).toEqual([
            "the Entra login extension installed does not match the OS of the scale set. Add the AADLoginForWindows extension (publisher Microsoft.Azure.ActiveDirectory) to the scale set, in its extensions list. The OS is read from osProfileWindowsConfig.",
        ]);
    });

    it("azure-native keeps its own paths", async () => {
        const fixtures = stackOf(shape("azure-native"), MACHINES);
        expect((await messagesFor(fixtures, "known", "invalidBareLinuxVm"))[0]).toBe(
            "no Microsoft Entra login extension is installed, so administrators sign in with local accounts. Add the AADSSHLoginForLinux extension (publisher Microsoft.Azure.ActiveDirectory) to the VM.",
        );
        expect((await messagesFor(fixtures, "known", "invalidBareLinuxVm"))[2]).toMatch(/^osProfile\.linuxConfiguration\.disablePasswordAuthentication is false/);
    });
});

describe("a classic extension joined by its literal virtualMachineId (known ids: the VM exists)", () => {
    it("counts for the VM whose id it names, case-insensitively", async () => {
        const fixtures = stackOf({ family: "classic", afterCheck: false }, [["validLiteralIdVm", { kind: "vm", os: "windows", identity: "SystemAssigned", extension: windowsLogin }]]).map((f) =>
            f.name === "validLiteralIdVmExtension"
                ? { ...f, inputs: { ...f.inputs, virtualMachineId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG.toUpperCase()}/providers/Microsoft.Compute/virtualMachines/validliteralidvm` } }
                : f,
        );
        expect(verdicts(await run(fixtures, { mode: "known" }), POLICY)).toEqual([]);
    });
});

describe.each<Mode>(["known", "first-preview"])("classic defaults of disablePasswordAuthentication (%s ids)", (mode) => {
    const linux = (kind: Machine["kind"]): Machine => ({ kind, os: "linux", identity: "SystemAssigned", extension: { ...linuxLogin, how: kind === "vm" ? "standalone" : "inline" } });

    it.each([false, true])("LinuxVirtualMachine and LinuxVirtualMachineScaleSet: unset is true, so they pass (after Check: %s)", async (afterCheck) => {
        const machines: [string, Machine][] = [
            ["validDefaultLinuxVm", linux("vm")],
            ["validDefaultLinuxScaleSet", linux("scale set")],
        ];
        expect(verdicts(await run(stackOf({ family: "classic", afterCheck }, machines), { mode }), POLICY)).toEqual([]);
        // azure-native has no such default: unset leaves password sign-in on.
        expect(verdicts(await run(stackOf({ family: "azure-native", afterCheck: false }, machines), { mode }), POLICY)).toEqual([
            `${POLICY} validDefaultLinuxScaleSet mandatory`,
            `${POLICY} validDefaultLinuxVm mandatory`,
        ]);
    });

    it.each([false, true])("legacy ScaleSet: unset is false, so it blocks and names osProfileLinuxConfig (after Check: %s)", async (afterCheck) => {
        const result = await run(stackOf({ family: "classic legacy", afterCheck }, [["invalidDefaultLegacyScaleSet", linux("scale set")]]), { mode });
        expect(verdicts(result, POLICY)).toEqual([`${POLICY} invalidDefaultLegacyScaleSet mandatory`]);
        expect(messagesOf(result).filter((m) => m.includes("disablePasswordAuthentication"))).toEqual([
            "osProfileLinuxConfig.disablePasswordAuthentication is not set on a Linux VM, so SSH password sign-in stays on. Set osProfileLinuxConfig.disablePasswordAuthentication to true and sign in with Microsoft Entra ID (AADSSHLoginForLinux) or SSH keys.",
        ]);
    });

    it("legacy VirtualMachine: the provider requires it; a program that leaves it out blocks", async () => {
        const result = await run(stackOf({ family: "classic legacy", afterCheck: false }, [["invalidMissingLegacyVm", linux("vm")]]), { mode });
        expect(verdicts(result, POLICY)).toEqual([`${POLICY} invalidMissingLegacyVm mandatory`]);
        expect(messagesOf(result).join("\n")).toContain("osProfileLinuxConfig.disablePasswordAuthentication is not set on a Linux VM, and the provider has no default for it.");
    });
});

describe.each<Mode>(["known", "first-preview"])("classic orchestrated scale sets (%s ids)", (mode) => {
    /** azurerm accepts only a UserAssigned identity here. */
    function orchestrated(name: string, afterCheck: boolean, opts: { password?: boolean; profile?: boolean } = {}): FixtureResource {
        const linuxConfiguration = checked(
            afterCheck,
            {
                adminUsername: "azureuser",
                adminSshKeys: [{ username: "azureuser", publicKey: SSH_KEY }],
                ...(opts.password === undefined ? {} : { disablePasswordAuthentication: opts.password }),
            },
            { disablePasswordAuthentication: true, provisionVmAgent: true, patchMode: "ImageDefault" },
        );
        return resource(
            C.orchestrated,
            name,
            checked(
                afterCheck,
                {
                    name: name.toLowerCase(),
                    resourceGroupName: RG,
                    location: "westeurope",
                    platformFaultDomainCount: 1,
                    skuName: "Standard_B2s",
                    identity: { type: "UserAssigned", identityIds: [USER_IDENTITY] },
                    ...(opts.profile === false
                        ? {}
                        : {
                              instances: 2,
                              osProfile: { linuxConfiguration },
                              sourceImageReference: UBUNTU,
                              extensions: [extensionEntry(linuxLogin)],
                          }),
                },
                { extensionOperationsEnabled: true },
            ),
        );
    }

    it.each([false, true])("unset disablePasswordAuthentication is true; the identity cannot be system-assigned and the fix says what to do instead (after Check: %s)", async (afterCheck) => {
        const member = classicMachine("validMemberVm", { kind: "vm", os: "linux", identity: "SystemAssigned", extension: linuxLogin }, afterCheck).map((f) =>
            f.name === "validMemberVm" ? { ...f, inputs: { ...f.inputs, virtualMachineScaleSetId: ref("validNoProfileScaleSet", "id") } } : f,
        );
        const result = await run(
            [
                ...CLASSIC_NETWORK,
                orchestrated("invalidIdentityScaleSet", afterCheck),
                orchestrated("invalidPasswordScaleSet", afterCheck, { password: false }),
                // No osProfile: no instances of its own; its VMs are judged as VMs.
                orchestrated("validNoProfileScaleSet", afterCheck, { profile: false }),
                ...member,
            ],
            { mode },
        );
        expect(verdicts(result, POLICY)).toEqual([
            `${POLICY} invalidIdentityScaleSet mandatory`,
            `${POLICY} invalidPasswordScaleSet mandatory`,
            `${POLICY} invalidPasswordScaleSet mandatory`,
        ]);
        const text = messagesOf(result).join("\n");
        expect(text).toContain(
            'identity.type is UserAssigned, without a system-assigned identity, which the Entra login extension needs. azurerm accepts only "UserAssigned" in identity.type of an OrchestratedVirtualMachineScaleSet: remove osProfile and create the instances as LinuxVirtualMachine or WindowsVirtualMachine resources with virtualMachineScaleSetId set to this scale set\'s id',
        );
        expect(text).toContain("osProfile.linuxConfiguration.disablePasswordAuthentication is false on a Linux VM");
    });
});

describe("the adapters mark a default the provider's Check filled in as defaulted", () => {
    const facts = (reading: ReturnType<typeof azureNativeVms.read>) => (reading.kind === "machine" ? reading.facts : undefined);

    it("reads the same password fact from mock inputs and post-Check inputs", () => {
        expect(facts(classicLinuxVms.read({}))?.password).toEqual({ path: "disablePasswordAuthentication", reading: { kind: "set", disabled: true, defaulted: true } });
        expect(facts(classicLinuxVms.read({ disablePasswordAuthentication: true, __defaults: ["disablePasswordAuthentication"] }))?.password?.reading).toEqual({
            kind: "set",
            disabled: true,
            defaulted: true,
        });
        expect(facts(classicLinuxVms.read({ disablePasswordAuthentication: true, __defaults: [] }))?.password?.reading).toEqual({ kind: "set", disabled: true, defaulted: false });
        const legacySet = { osProfileLinuxConfig: { disablePasswordAuthentication: false, __defaults: ["disablePasswordAuthentication"] } };
        expect(facts(classicLegacyScaleSets.read(legacySet))?.password).toEqual({
            path: "osProfileLinuxConfig.disablePasswordAuthentication",
            reading: { kind: "set", disabled: false, defaulted: true },
        });
        expect(facts(classicLegacyScaleSets.read({ osProfileLinuxConfig: {} }))?.password?.reading).toEqual({ kind: "set", disabled: false, defaulted: true });
        expect(facts(classicLegacyVms.read({ osProfileLinuxConfig: { sshKeys: [] } }))?.password?.reading).toEqual({ kind: "required" });
        expect(facts(azureNativeVms.read({ osProfile: { linuxConfiguration: {} } }))?.password?.reading).toEqual({ kind: "set", disabled: false, defaulted: true });
    });

    it("reads the orchestrated scale set's profile: absent means no instances of its own", () => {
        expect(classicOrchestratedScaleSets.read({ skuName: "Standard_B2s" })).toEqual({ kind: "no instances" });
        expect(classicOrchestratedScaleSets.read({ osProfile: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" })).toEqual({ kind: "unreadable", path: "osProfile", unknown: true });
        expect(facts(classicOrchestratedScaleSets.read({ osProfile: { windowsConfiguration: { adminUsername: "a" } } }))?.os).toEqual({
            os: "windows",
            source: "osProfile.windowsConfiguration",
            linuxSignal: false,
            unknownSignal: false,
        });
    });
});
