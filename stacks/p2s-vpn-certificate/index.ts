// INSECURE: a point-to-site VPN gateway that authenticates administrators with certificates and a
// RADIUS server over IKEv2/SSTP — no Microsoft Entra ID, so no Conditional Access on the session.
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";

const config = new pulumi.Config();

const rg = new resources.ResourceGroup("vpnRg", { location: "westeurope" });

const vnet = new network.VirtualNetwork("vpnVnet", {
    resourceGroupName: rg.name,
    addressSpace: { addressPrefixes: ["10.31.0.0/16"] },
    subnets: [{ name: "GatewaySubnet", addressPrefix: "10.31.255.0/27" }],
});

const gatewayIp = new network.PublicIPAddress("vpnGatewayIp", {
    resourceGroupName: rg.name,
    publicIPAllocationMethod: "Static",
    sku: { name: "Standard" },
});

new network.VirtualNetworkGateway("legacyVpnGateway", {
    resourceGroupName: rg.name,
    gatewayType: "Vpn",
    vpnType: "RouteBased",
    sku: { name: "VpnGw1", tier: "VpnGw1" },
    ipConfigurations: [
        {
            name: "default",
            publicIPAddress: { id: gatewayIp.id },
            subnet: { id: pulumi.interpolate`${vnet.id}/subnets/GatewaySubnet` },
        },
    ],
    vpnClientConfiguration: {
        vpnClientAddressPool: { addressPrefixes: ["172.16.201.0/24"] },
        vpnClientProtocols: ["IkeV2", "SSTP"],
        vpnAuthenticationTypes: ["Certificate", "Radius"],
        vpnClientRootCertificates: [{ name: "corp-root", publicCertData: "MIIC5jCCAc6gAwIBAgIQ" }],
        radiusServerAddress: "10.31.1.10",
        radiusServerSecret: config.requireSecret("radiusSecret"),
    },
});
