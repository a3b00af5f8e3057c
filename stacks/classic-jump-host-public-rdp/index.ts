// INSECURE: jump-host-public-rdp written with the classic @pulumi/azure provider (Terraform azurerm) —
// an administrative jump server reachable over RDP straight from the internet, authenticated by a
// local password instead of Microsoft Entra ID. On azurerm a NIC has no NSG property: the NSG is
// attached by an association resource.
import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure/compute";
import * as core from "@pulumi/azure/core";
import * as network from "@pulumi/azure/network";

const config = new pulumi.Config();
const adminPassword = config.requireSecret("adminPassword");

const rg = new core.ResourceGroup("jumpRg", { location: "westeurope" });

const nsg = new network.NetworkSecurityGroup("jumpNsg", {
    resourceGroupName: rg.name,
    securityRules: [
        {
            name: "allow-rdp",
            priority: 100,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefix: "*",
            sourcePortRange: "*",
            destinationAddressPrefix: "*",
            destinationPortRange: "3389",
        },
    ],
});

// Added later by another team, as a separate resource: WinRM over HTTPS from the internet. On azurerm
// an NSG's inline rules and its standalone rules overwrite each other on every apply.
new network.NetworkSecurityRule("allowWinRmHttps", {
    resourceGroupName: rg.name,
    networkSecurityGroupName: nsg.name,
    name: "allow-winrm-https",
    priority: 110,
    direction: "Inbound",
    access: "Allow",
    protocol: "Tcp",
    sourceAddressPrefix: "Internet",
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: "5986",
});

const vnet = new network.VirtualNetwork("jumpVnet", {
    resourceGroupName: rg.name,
    addressSpaces: ["10.10.0.0/16"],
});

const subnet = new network.Subnet("jumpSubnet", {
    resourceGroupName: rg.name,
    virtualNetworkName: vnet.name,
    name: "jump",
    addressPrefixes: ["10.10.1.0/24"],
});

const publicIp = new network.PublicIp("jumpPublicIp", {
    resourceGroupName: rg.name,
    allocationMethod: "Static",
    sku: "Standard",
});

const nic = new network.NetworkInterface("jumpNic", {
    resourceGroupName: rg.name,
    ipConfigurations: [
        {
            name: "primary",
            subnetId: subnet.id,
            publicIpAddressId: publicIp.id,
            privateIpAddressAllocation: "Dynamic",
        },
    ],
});

new network.NetworkInterfaceSecurityGroupAssociation("jumpNicNsg", {
    networkInterfaceId: nic.id,
    networkSecurityGroupId: nsg.id,
});

export const vm = new compute.WindowsVirtualMachine("jumpVm", {
    resourceGroupName: rg.name,
    size: "Standard_B2s",
    networkInterfaceIds: [nic.id],
    computerName: "jump01",
    adminUsername: "azureadmin",
    adminPassword,
    sourceImageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" },
    osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS" },
}).id;
