// vm-entra-login through the engine protocol: VMs and scale sets joined to their Entra login extension
// by propertyDependencies, by Pulumi parent, by name and resource group from Analyze-time inputs, or
// inline in a scale set profile; identity and Linux password sign-in; unknowns by level — in both modes.
import { describe, expect, it } from "vitest";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, secret, unknown } from "../harness/stack";

const POLICY = "vm-entra-login";
const VM = "azure-native:compute:VirtualMachine";
const VMSS = "azure-native:compute:VirtualMachineScaleSet";
const EXT = "azure-native:compute:VirtualMachineExtension";
const VMSS_EXT = "azure-native:compute:VirtualMachineScaleSetExtension";
const NIC = "azure-native:network:NetworkInterface";
const VNET = "azure-native:network:VirtualNetwork";
const MARKER = "SECRET-MARKER-vm-3c9d";
const RG = "rg-jump";

const ENTRA = "Microsoft.Azure.ActiveDirectory";
const WINDOWS_IMAGE = { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" };
const UBUNTU_IMAGE = { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" };

const network: FixtureResource[] = [
    resource(VNET, "jumpVnet", {
        resourceGroupName: RG,
        virtualNetworkName: "vnet-jump",
        location: "westeurope",
        addressSpace: { addressPrefixes: ["10.20.0.0/16"] },
        subnets: [{ name: "snet-jump", addressPrefix: "10.20.1.0/24" }],
    }),
    resource(NIC, "jumpNic", {
        resourceGroupName: RG,
        networkInterfaceName: "nic-jump",
        location: "westeurope",
        ipConfigurations: [{ name: "ipconfig1", subnet: { id: ref("jumpVnet") }, privateIPAllocationMethod: "Dynamic" }],
    }),
];

function windowsVm(name: string, overrides: Record<string, unknown> = {}): FixtureResource {
    return resource(VM, name, {
        resourceGroupName: RG,
        vmName: `vm-${name.toLowerCase()}`,
        location: "westeurope",
        hardwareProfile: { vmSize: "Standard_D2s_v5" },
        identity: { type: "SystemAssigned" },
        osProfile: {
            computerName: "jumpwin",
            adminUsername: "breakglass",
            adminPassword: secret(MARKER),
            windowsConfiguration: { enableAutomaticUpdates: true, provisionVMAgent: true },
        },
        storageProfile: { imageReference: WINDOWS_IMAGE, osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } } },
        networkProfile: { networkInterfaces: [{ id: ref("jumpNic"), primary: true }] },
        ...overrides,
    });
}

function linuxVm(name: string, overrides: Record<string, unknown> = {}): FixtureResource {
    return resource(VM, name, {
        resourceGroupName: RG,
        vmName: `vm-${name.toLowerCase()}`,
        location: "westeurope",
        hardwareProfile: { vmSize: "Standard_B2s" },
        identity: { type: "SystemAssigned" },
        osProfile: {
            computerName: "jumplnx",
            adminUsername: "azureuser",
            linuxConfiguration: {
                disablePasswordAuthentication: true,
                ssh: { publicKeys: [{ path: "/home/azureuser/.ssh/authorized_keys", keyData: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH" }] },
            },
        },
        storageProfile: { imageReference: UBUNTU_IMAGE, osDisk: { createOption: "FromImage" } },
        networkProfile: { networkInterfaces: [{ id: ref("jumpNic"), primary: true }] },
        ...overrides,
    });
}

function extension(name: string, vmName: unknown, type: string, overrides: Record<string, unknown> = {}, opts: { parent?: string } = {}): FixtureResource {
    return resource(
        EXT,
        name,
        {
            resourceGroupName: RG,
            vmName,
            vmExtensionName: type,
            location: "westeurope",
            publisher: ENTRA,
            type,
            typeHandlerVersion: "1.0",
            autoUpgradeMinorVersion: true,
            ...overrides,
        },
        opts,
    );
}

function scaleSet(name: string, profile: Record<string, unknown> | undefined, overrides: Record<string, unknown> = {}): FixtureResource {
    return resource(VMSS, name, {
        resourceGroupName: RG,
        vmScaleSetName: `vmss-${name.toLowerCase()}`,
        location: "westeurope",
        sku: { name: "Standard_B2s", capacity: 2 },
        identity: { type: "SystemAssigned" },
        orchestrationMode: "Uniform",
        upgradePolicy: { mode: "Manual" },
        ...(profile === undefined ? {} : { virtualMachineProfile: profile }),
        ...overrides,
    });
}

const linuxProfile = (extensions?: unknown[]) => ({
    osProfile: {
        computerNamePrefix: "adm",
        adminUsername: "azureuser",
        linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{ path: "/home/azureuser/.ssh/authorized_keys", keyData: "ssh-ed25519 AAAA" }] } },
    },
    storageProfile: { imageReference: UBUNTU_IMAGE },
    networkProfile: {
        networkInterfaceConfigurations: [{ name: "nic", primary: true, ipConfigurations: [{ name: "ip", subnet: { id: ref("jumpVnet") } }] }],
    },
    ...(extensions === undefined ? {} : { extensionProfile: { extensions } }),
});

const stack: FixtureResource[] = [
    ...network,
    // Joined through propertyDependencies on vmName (a ref to the VM's name).
    windowsVm("validWindowsVm"),
    extension("validWindowsVmEntra", ref("validWindowsVm", "name"), "AADLoginForWindows"),
    // Joined by name and resource group only: a plain string, no dependency.
    linuxVm("validLinuxVm", { identity: { type: "SystemAssigned, UserAssigned", userAssignedIdentities: {} } }),
    extension("validLinuxVmEntra", "VM-VALIDLINUXVM", "aadsshloginforlinux"),
    // Joined by Pulumi parent: the VM name is unknown, there is no dependency.
    linuxVm("validParentedVm"),
    extension("validParentedVmEntra", unknown(), "AADSSHLoginForLinux", {}, { parent: "validParentedVm" }),
    // A custom image of unknown OS: either Entra extension counts.
    windowsVm("validCustomImageVm", {
        osProfile: { computerName: "golden", adminUsername: "breakglass", adminPassword: secret(MARKER) },
        storageProfile: { imageReference: { id: "/subscriptions/0000/resourceGroups/rg-img/providers/Microsoft.Compute/galleries/g/images/golden" } },
    }),
    extension("validCustomImageVmEntra", ref("validCustomImageVm", "name"), "AADSSHLoginForLinux"),
    windowsVm("invalidNoExtensionVm"),
    extension("invalidNoExtensionVmMonitor", ref("invalidNoExtensionVm", "name"), "AzureMonitorWindowsAgent", { publisher: "Microsoft.Azure.Monitor" }),
    windowsVm("invalidWrongOsExtensionVm"),
    extension("invalidWrongOsExtensionVmEntra", ref("invalidWrongOsExtensionVm", "name"), "AADSSHLoginForLinux"),
    linuxVm("invalidRetiredExtensionVm"),
    extension("invalidRetiredExtensionVmAad", ref("invalidRetiredExtensionVm", "name"), "AADLoginForLinux", {
        publisher: "Microsoft.Azure.ActiveDirectory.LinuxSSH",
    }),
    windowsVm("invalidOtherGroupExtensionVm"),
    extension("invalidOtherGroupExtensionVmEntra", "vm-invalidothergroupextensionvm", "AADLoginForWindows", { resourceGroupName: "rg-elsewhere" }),
    windowsVm("invalidNoIdentityVm", { identity: undefined }),
    extension("invalidNoIdentityVmEntra", ref("invalidNoIdentityVm", "name"), "AADLoginForWindows"),
    windowsVm("invalidUserAssignedOnlyVm", { identity: { type: "UserAssigned", userAssignedIdentities: {} } }),
    extension("invalidUserAssignedOnlyVmEntra", ref("invalidUserAssignedOnlyVm", "name"), "AADLoginForWindows"),
    linuxVm("invalidPasswordVm", {
        osProfile: { computerName: "lnx", adminUsername: "azureuser", adminPassword: secret(MARKER), linuxConfiguration: { disablePasswordAuthentication: false } },
    }),
    extension("invalidPasswordVmEntra", ref("invalidPasswordVm", "name"), "AADSSHLoginForLinux"),
    linuxVm("invalidImageDefaultPasswordVm", { osProfile: { computerName: "lnx", adminUsername: "azureuser", adminPassword: secret(MARKER) } }),
    extension("invalidImageDefaultPasswordVmEntra", ref("invalidImageDefaultPasswordVm", "name"), "AADSSHLoginForLinux"),
    // Scale sets: inline extension, separate extension resource, none; a flexible set with no profile.
    scaleSet("validInlineScaleSet", linuxProfile([{ name: "AADSSHLogin", publisher: ENTRA, type: "AADSSHLoginForLinux", typeHandlerVersion: "1.0" }])),
    scaleSet("validSeparateExtensionScaleSet", linuxProfile()),
    resource(VMSS_EXT, "validSeparateExtensionScaleSetEntra", {
        resourceGroupName: RG,
        vmScaleSetName: ref("validSeparateExtensionScaleSet", "name"),
        vmssExtensionName: "AADSSHLogin",
        publisher: ENTRA,
        type: "AADSSHLoginForLinux",
        typeHandlerVersion: "1.0",
    }),
    scaleSet("validFlexibleScaleSet", undefined, { orchestrationMode: "Flexible", platformFaultDomainCount: 1 }),
    scaleSet("invalidNoExtensionScaleSet", linuxProfile([{ name: "monitor", publisher: "Microsoft.Azure.Monitor", type: "AzureMonitorLinuxAgent" }])),
];

const BASELINE = [
    `${POLICY} invalidImageDefaultPasswordVm mandatory`,
    `${POLICY} invalidNoExtensionScaleSet mandatory`,
    `${POLICY} invalidNoExtensionVm mandatory`,
    `${POLICY} invalidNoIdentityVm mandatory`,
    `${POLICY} invalidOtherGroupExtensionVm mandatory`,
    `${POLICY} invalidPasswordVm mandatory`,
    `${POLICY} invalidRetiredExtensionVm mandatory`,
    `${POLICY} invalidUserAssignedOnlyVm mandatory`,
    `${POLICY} invalidWrongOsExtensionVm mandatory`,
];

describe.each<Mode>(["known", "first-preview"])("vm-entra-login (%s ids)", (mode) => {
    it("blocks every VM and scale set without Entra sign-in, at every level, and passes the rest", async () => {
        for (const stackTags of [{}, { securityLevel: "specialized" }, { securityLevel: "privileged" }] as Record<string, string>[]) {
            const result = await run(stack, { mode, stackTags });
            expect(verdicts(result, POLICY)).toEqual(BASELINE);
        }
    });

    it("names the problem on the VM with the fix, and never echoes a password or degrades to can't-run", async () => {
        const result = await run(stack, { mode });
        const of = (name: string) => result.findings.filter((f) => f.policyName === POLICY && f.urn.endsWith(`::${name}`)).map((f) => f.message);
        expect(of("invalidNoExtensionVm")).toEqual([
            "no Microsoft Entra login extension is installed, so administrators sign in with local accounts. Add the AADLoginForWindows extension (publisher Microsoft.Azure.ActiveDirectory) to the VM.",
        ]);
        expect(of("invalidWrongOsExtensionVm")[0]).toContain("does not match the OS of the VM. Add the AADLoginForWindows extension");
        expect(of("invalidRetiredExtensionVm")[0]).toContain("only the retired AADLoginForLinux extension");
        expect(of("invalidNoExtensionScaleSet")[0]).toContain("Add the AADSSHLoginForLinux extension (publisher Microsoft.Azure.ActiveDirectory) to the scale set.");
        expect(of("invalidImageDefaultPasswordVm")).toEqual([
            "osProfile.linuxConfiguration.disablePasswordAuthentication is not set on a Linux VM, so SSH password sign-in stays on. Set osProfile.linuxConfiguration.disablePasswordAuthentication to true and sign in with Microsoft Entra ID (AADSSHLoginForLinux) or SSH keys.",
        ]);
        const text = JSON.stringify(messagesOf(result));
        expect(text).not.toContain(MARKER);
        expect(text).not.toContain("can't run policy");
        expect(result.findings.filter((f) => f.policyName === POLICY).every((f) => f.phase === "analyzeStack")).toBe(true);
    });

    it("reports each missing control separately on the same VM", async () => {
        const bare = [...network, linuxVm("invalidBareVm", { identity: undefined, osProfile: { computerName: "x", adminUsername: "u", linuxConfiguration: {} } })];
        const result = await run(bare, { mode });
        expect(verdicts(result, POLICY)).toEqual([
            `${POLICY} invalidBareVm mandatory`,
            `${POLICY} invalidBareVm mandatory`,
            `${POLICY} invalidBareVm mandatory`,
        ]);
    });

    it("makes unknowns advisory below privileged and mandatory at privileged", async () => {
        const unknowns = [
            ...network,
            windowsVm("invalidUnknownIdentityVm", { identity: unknown() }),
            extension("invalidUnknownIdentityVmEntra", ref("invalidUnknownIdentityVm", "name"), "AADLoginForWindows"),
            linuxVm("invalidUnknownPasswordVm", {
                osProfile: { computerName: "x", adminUsername: "u", linuxConfiguration: { disablePasswordAuthentication: unknown() } },
            }),
            extension("invalidUnknownPasswordVmEntra", ref("invalidUnknownPasswordVm", "name"), "AADSSHLoginForLinux"),
            windowsVm("invalidUnknownTypeVm"),
            extension("invalidUnknownTypeVmEntra", ref("invalidUnknownTypeVm", "name"), "AADLoginForWindows", { type: unknown() }),
        ];
        const expected = (level: string) => [
            `${POLICY} invalidUnknownIdentityVm ${level}`,
            `${POLICY} invalidUnknownPasswordVm ${level}`,
            `${POLICY} invalidUnknownTypeVm ${level}`,
        ];
        expect(verdicts(await run(unknowns, { mode }), POLICY)).toEqual(expected("advisory"));
        expect(verdicts(await run(unknowns, { mode, stackTags: { securityLevel: "specialized" } }), POLICY)).toEqual(expected("advisory"));
        expect(verdicts(await run(unknowns, { mode, stackTags: { securityLevel: "privileged" } }), POLICY)).toEqual(expected("mandatory"));
    });

    it("cannot tell which VM an extension with an unknown VM name belongs to, and says so", async () => {
        const unplaced = [
            ...network,
            windowsVm("invalidMaybeExtensionVm"),
            extension("unplacedEntra", unknown(), "AADLoginForWindows"),
            scaleSet("invalidNoExtensionScaleSet", linuxProfile()),
        ];
        expect(verdicts(await run(unplaced, { mode }), POLICY)).toEqual([
            `${POLICY} invalidMaybeExtensionVm advisory`,
            // A VM extension cannot belong to a scale set: the scale set's verdict stands.
            `${POLICY} invalidNoExtensionScaleSet mandatory`,
        ]);
        expect(verdicts(await run(unplaced, { mode, stackTags: { securityLevel: "privileged" } }), POLICY)).toEqual([
            `${POLICY} invalidMaybeExtensionVm mandatory`,
            `${POLICY} invalidNoExtensionScaleSet mandatory`,
        ]);
    });

    it("lets a VM tag lower or raise the stack tag, and reports an invalid level value", async () => {
        const vm = (name: string, tags: Record<string, string>) => [
            windowsVm(name, { identity: unknown(), tags }),
            extension(`${name}Entra`, ref(name, "name"), "AADLoginForWindows"),
        ];
        const tagged = [...network, ...vm("invalidEnterpriseVm", { securityLevel: "enterprise" }), ...vm("invalidPrivilegedVm", { securityLevel: "privileged" })];
        expect(verdicts(await run(tagged, { mode, stackTags: { securityLevel: "privileged" } }), POLICY)).toEqual([
            `${POLICY} invalidEnterpriseVm advisory`,
            `${POLICY} invalidPrivilegedVm mandatory`,
        ]);
        expect(verdicts(await run(tagged, { mode, stackTags: { securityLevel: "enterprise" } }), POLICY)).toEqual([
            `${POLICY} invalidEnterpriseVm advisory`,
            `${POLICY} invalidPrivilegedVm mandatory`,
        ]);
        const typo = [...network, ...vm("invalidTypoVm", { securityLevel: "privilegd" })];
        const result = await run(typo, { mode });
        expect(verdicts(result, POLICY)).toEqual([`${POLICY} invalidTypoVm mandatory`, `${POLICY} invalidTypoVm mandatory`]);
        expect(messagesOf(result).join("\n")).toContain("is not one of enterprise, specialized or privileged");
        const stackTypo = await run([...network, ...vm("invalidStackTypoVm", {})], { mode, stackTags: { securityLevel: "admin" } });
        expect(verdicts(stackTypo, POLICY)).toEqual([`${POLICY} (stack) mandatory`, `${POLICY} invalidStackTypoVm mandatory`]);
    });
});
