// SECURE: a point-to-site VPN gateway for administrators that accepts only Microsoft Entra ID
// authentication over OpenVPN, pinned to one tenant.
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";

const config = new pulumi.Config();
const tenantId = config.get("tenantId") ?? "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";
// The Microsoft-registered Azure VPN Client application.
const azureVpnClientAppId = "c632b3df-fb67-4d84-bdcf-b95ad541b5c8";

const rg = new resources.ResourceGroup("vpnRg", { location: "westeurope", tags: { securityLevel: "specialized" } });

const vnet = new network.VirtualNetwork("vpnVnet", {
    resourceGroupName: rg.name,
    addressSpace: { addressPrefixes: ["10.30.0.0/16"] },
    subnets: [{ name: "GatewaySubnet", addressPrefix: "10.30.255.0/27" }],
});

const gatewayIp = new network.PublicIPAddress("vpnGatewayIp", {
    resourceGroupName: rg.name,
    publicIPAllocationMethod: "Static",
    sku: { name: "Standard" },
});

new network.VirtualNetworkGateway("adminVpnGateway", {
    resourceGroupName: rg.name,
    tags: { securityLevel: "specialized" },
    gatewayType: "Vpn",
    vpnType: "RouteBased",
    sku: { name: "VpnGw2AZ", tier: "VpnGw2AZ" },
    ipConfigurations: [
        {
            name: "default",
            publicIPAddress: { id: gatewayIp.id },
            subnet: { id: pulumi.interpolate`${vnet.id}/subnets/GatewaySubnet` },
        },
    ],
    vpnClientConfiguration: {
        vpnClientAddressPool: { addressPrefixes: ["172.16.200.0/24"] },
        vpnClientProtocols: ["OpenVPN"],
        vpnAuthenticationTypes: ["AAD"],
        aadTenant: `https://login.microsoftonline.com/${tenantId}`,
        aadAudience: azureVpnClientAppId,
        aadIssuer: `https://sts.windows.net/${tenantId}/`,
    },
});
