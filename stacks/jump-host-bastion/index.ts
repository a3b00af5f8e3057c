// SECURE: a specialized-level Windows jump host with no public address, reached only through Azure
// Bastion (Standard SKU, no shareable links), signing in with Microsoft Entra ID.
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as compute from "@pulumi/azure-native/compute";
import * as random from "./password";

const tags = { securityLevel: "specialized", workload: "admin-jump" };
const rg = new resources.ResourceGroup("adminRg", { location: "westeurope", tags });

const jumpNsg = new network.NetworkSecurityGroup("jumpNsg", {
    resourceGroupName: rg.name,
    tags,
    securityRules: [
        {
            name: "allow-rdp-from-bastion",
            priority: 100,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefix: "10.20.0.0/26",
            sourcePortRange: "*",
            destinationAddressPrefix: "*",
            destinationPortRange: "3389",
        },
        {
            name: "deny-internet",
            priority: 4000,
            direction: "Inbound",
            access: "Deny",
            protocol: "*",
            sourceAddressPrefix: "Internet",
            sourcePortRange: "*",
            destinationAddressPrefix: "*",
            destinationPortRange: "*",
        },
    ],
});

const vnet = new network.VirtualNetwork("adminVnet", {
    resourceGroupName: rg.name,
    tags,
    addressSpace: { addressPrefixes: ["10.20.0.0/16"] },
});

const bastionSubnet = new network.Subnet("bastionSubnet", {
    resourceGroupName: rg.name,
    virtualNetworkName: vnet.name,
    subnetName: "AzureBastionSubnet",
    addressPrefix: "10.20.0.0/26",
});

const jumpSubnet = new network.Subnet("jumpSubnet", {
    resourceGroupName: rg.name,
    virtualNetworkName: vnet.name,
    subnetName: "jump",
    addressPrefix: "10.20.1.0/24",
    networkSecurityGroup: { id: jumpNsg.id },
});

const bastionIp = new network.PublicIPAddress("bastionIp", {
    resourceGroupName: rg.name,
    tags,
    publicIPAllocationMethod: "Static",
    sku: { name: "Standard" },
});

new network.BastionHost("adminBastion", {
    resourceGroupName: rg.name,
    tags,
    sku: { name: "Standard" },
    enableShareableLink: false,
    disableCopyPaste: true,
    ipConfigurations: [{ name: "bastion", subnet: { id: bastionSubnet.id }, publicIPAddress: { id: bastionIp.id } }],
});

const nic = new network.NetworkInterface("jumpNic", {
    resourceGroupName: rg.name,
    tags,
    networkSecurityGroup: { id: jumpNsg.id },
    ipConfigurations: [{ name: "primary", subnet: { id: jumpSubnet.id }, privateIPAllocationMethod: "Dynamic" }],
});

const vm = new compute.VirtualMachine("jumpVm", {
    resourceGroupName: rg.name,
    tags,
    identity: { type: "SystemAssigned" },
    hardwareProfile: { vmSize: "Standard_B2s" },
    networkProfile: { networkInterfaces: [{ id: nic.id, primary: true }] },
    osProfile: {
        computerName: "jump01",
        adminUsername: "breakglass",
        adminPassword: random.adminPassword(),
        windowsConfiguration: { enableAutomaticUpdates: true },
    },
    storageProfile: {
        imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" },
        osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } },
    },
});

new compute.VirtualMachineExtension("jumpVmEntraLogin", {
    resourceGroupName: rg.name,
    vmName: vm.name,
    publisher: "Microsoft.Azure.ActiveDirectory",
    type: "AADLoginForWindows",
    typeHandlerVersion: "2.0",
    autoUpgradeMinorVersion: true,
});
