// A Linux jump host whose SSH door is opened to the admin network given in config.
import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure-native/compute";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";

const config = new pulumi.Config();
const adminSourcePrefix = config.require("adminSourcePrefix");

const rg = new resources.ResourceGroup("jumpRg", { location: "westeurope" });

const nsg = new network.NetworkSecurityGroup("jumpNsg", {
    resourceGroupName: rg.name,
    securityRules: [
        {
            name: "allow-ssh-from-admins",
            priority: 100,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefix: adminSourcePrefix,
            sourcePortRange: "*",
            destinationAddressPrefix: "*",
            destinationPortRange: "22",
        },
    ],
});

const vnet = new network.VirtualNetwork("jumpVnet", {
    resourceGroupName: rg.name,
    addressSpace: { addressPrefixes: ["10.40.0.0/16"] },
    subnets: [{ name: "jump", addressPrefix: "10.40.1.0/24" }],
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
        },
    ],
});

const vm = new compute.VirtualMachine("jumpVm", {
    resourceGroupName: rg.name,
    identity: { type: "SystemAssigned" },
    hardwareProfile: { vmSize: "Standard_B2s" },
    networkProfile: { networkInterfaces: [{ id: nic.id, primary: true }] },
    osProfile: {
        computerName: "jump01",
        adminUsername: "azureadmin",
        linuxConfiguration: {
            disablePasswordAuthentication: true,
            ssh: { publicKeys: [{ path: "/home/azureadmin/.ssh/authorized_keys", keyData: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB7 admin" }] },
        },
    },
    storageProfile: {
        imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
        osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } },
    },
});

new compute.VirtualMachineExtension("jumpVmEntraLogin", {
    resourceGroupName: rg.name,
    vmName: vm.name,
    publisher: "Microsoft.Azure.ActiveDirectory",
    type: "AADSSHLoginForLinux",
    typeHandlerVersion: "1.0",
    autoUpgradeMinorVersion: true,
});
