// SECURE: jump-host-bastion written with the classic @pulumi/azure provider (Terraform azurerm) — a
// specialized-level Windows jump host with no public address, reached only through Azure Bastion
// (Standard SKU, no shareable links, no clipboard), signing in with Microsoft Entra ID. azurerm
// attaches NSGs through association resources, and its Bastion allows copy/paste unless told not to.
import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure/compute";
import * as core from "@pulumi/azure/core";
import * as network from "@pulumi/azure/network";

const tags = { securityLevel: "specialized", workload: "admin-jump" };
// The break-glass local password comes from stack config as a secret; Entra ID is the way in.
const breakGlassPassword = new pulumi.Config().requireSecret("breakGlassPassword");

const rg = new core.ResourceGroup("adminRg", { location: "westeurope", tags });

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
    addressSpaces: ["10.20.0.0/16"],
});

const bastionSubnet = new network.Subnet("bastionSubnet", {
    resourceGroupName: rg.name,
    virtualNetworkName: vnet.name,
    name: "AzureBastionSubnet",
    addressPrefixes: ["10.20.0.0/26"],
});

const jumpSubnet = new network.Subnet("jumpSubnet", {
    resourceGroupName: rg.name,
    virtualNetworkName: vnet.name,
    name: "jump",
    addressPrefixes: ["10.20.1.0/24"],
});

new network.SubnetNetworkSecurityGroupAssociation("jumpSubnetNsg", {
    subnetId: jumpSubnet.id,
    networkSecurityGroupId: jumpNsg.id,
});

const bastionIp = new network.PublicIp("bastionIp", {
    resourceGroupName: rg.name,
    tags,
    allocationMethod: "Static",
    sku: "Standard",
});

new compute.BastionHost("adminBastion", {
    resourceGroupName: rg.name,
    tags,
    sku: "Standard",
    shareableLinkEnabled: false,
    copyPasteEnabled: false,
    ipConfiguration: { name: "bastion", subnetId: bastionSubnet.id, publicIpAddressId: bastionIp.id },
});

const nic = new network.NetworkInterface("jumpNic", {
    resourceGroupName: rg.name,
    tags,
    ipConfigurations: [{ name: "primary", subnetId: jumpSubnet.id, privateIpAddressAllocation: "Dynamic" }],
});

new network.NetworkInterfaceSecurityGroupAssociation("jumpNicNsg", {
    networkInterfaceId: nic.id,
    networkSecurityGroupId: jumpNsg.id,
});

const vm = new compute.WindowsVirtualMachine("jumpVm", {
    resourceGroupName: rg.name,
    tags,
    identity: { type: "SystemAssigned" },
    size: "Standard_B2s",
    networkInterfaceIds: [nic.id],
    computerName: "jump01",
    adminUsername: "breakglass",
    adminPassword: breakGlassPassword,
    sourceImageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" },
    osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS" },
});

new compute.Extension("jumpVmEntraLogin", {
    virtualMachineId: vm.id,
    publisher: "Microsoft.Azure.ActiveDirectory",
    type: "AADLoginForWindows",
    typeHandlerVersion: "2.0",
    autoUpgradeMinorVersion: true,
});
