// INSECURE: the pattern the seeds warn against — an administrative jump server reachable over RDP
// straight from the internet, authenticated by a local password instead of Microsoft Entra ID.
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as compute from "@pulumi/azure-native/compute";

const config = new pulumi.Config();
const adminPassword = config.requireSecret("adminPassword");

const rg = new resources.ResourceGroup("jumpRg", { location: "westeurope" });

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

// Added later by another team, as a separate resource: WinRM over HTTPS from the internet.
new network.SecurityRule("allowWinRmHttps", {
    resourceGroupName: rg.name,
    networkSecurityGroupName: nsg.name,
    securityRuleName: "allow-winrm-https",
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
    addressSpace: { addressPrefixes: ["10.10.0.0/16"] },
    subnets: [{ name: "jump", addressPrefix: "10.10.1.0/24" }],
});

const publicIp = new network.PublicIPAddress("jumpPublicIp", {
    resourceGroupName: rg.name,
    publicIPAllocationMethod: "Static",
    sku: { name: "Standard" },
});

const nic = new network.NetworkInterface("jumpNic", {
    resourceGroupName: rg.name,
    networkSecurityGroup: { id: nsg.id },
    ipConfigurations: [
        {
            name: "primary",
            subnet: { id: pulumi.interpolate`${vnet.id}/subnets/jump` },
            publicIPAddress: { id: publicIp.id },
            privateIPAllocationMethod: "Dynamic",
        },
    ],
});

export const vm = new compute.VirtualMachine("jumpVm", {
    resourceGroupName: rg.name,
    hardwareProfile: { vmSize: "Standard_B2s" },
    networkProfile: { networkInterfaces: [{ id: nic.id, primary: true }] },
    osProfile: {
        computerName: "jump01",
        adminUsername: "azureadmin",
        adminPassword,
        windowsConfiguration: { enableAutomaticUpdates: true },
    },
    storageProfile: {
        imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" },
        osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } },
    },
}).id;
