// INSECURE: the Bastion host in front of the privileged management network, left at the Basic SKU
// (no sku given) with shareable links on: anyone holding a link reaches a VM without Microsoft Entra
// sign-in, sessions are not recorded and the clipboard crosses the privileged boundary.
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";

const tags = { securityLevel: "privileged", workload: "management" };
const rg = new resources.ResourceGroup("managementRg", { location: "westeurope", tags });

const vnet = new network.VirtualNetwork("managementVnet", {
    resourceGroupName: rg.name,
    tags,
    addressSpace: { addressPrefixes: ["10.40.0.0/16"] },
});

const bastionSubnet = new network.Subnet("bastionSubnet", {
    resourceGroupName: rg.name,
    virtualNetworkName: vnet.name,
    subnetName: "AzureBastionSubnet",
    addressPrefix: "10.40.0.0/26",
});

const bastionIp = new network.PublicIPAddress("bastionIp", {
    resourceGroupName: rg.name,
    tags,
    publicIPAllocationMethod: "Static",
    sku: { name: "Standard" },
});

new network.BastionHost("managementBastion", {
    resourceGroupName: rg.name,
    tags,
    enableShareableLink: true,
    ipConfigurations: [{ name: "bastion", subnet: { id: bastionSubnet.id }, publicIPAddress: { id: bastionIp.id } }],
});
