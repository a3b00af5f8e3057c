// Point-to-site VPN settings, read from each provider into one `P2sSettings` (azure/vpn.ts): one
// adapter per provider and resource kind, each knowing its type token and where its users write
// every setting, so that messages and fixes name those paths.
//
//   azure-native  network:VirtualNetworkGateway  `gatewayType`; vpnClientConfiguration.{
//                     vpnAuthenticationTypes, aadTenant, aadAudience, aadIssuer, vpnClientProtocols,
//                     vpnClientRootCertificates, radiusServerAddress, radiusServers}
//                 network:VpnServerConfiguration  properties.{vpnAuthenticationTypes,
//                     aadAuthenticationParameters.{aadTenant, aadAudience, aadIssuer}, vpnProtocols,
//                     vpnClientRootCertificates, radiusServerAddress, radiusServers,
//                     radiusServerRootCertificates} (at the top level in older SDKs)
//   classic       azure:network/virtualNetworkGateway  `type`; vpnClientConfiguration.{vpnAuthTypes,
//                     aadTenant, aadAudience, aadIssuer, vpnClientProtocols, rootCertificates,
//                     radiusServerAddress, radiusServers}
//                 azure:network/vpnServerConfiguration  top level: vpnAuthenticationTypes,
//                     azureActiveDirectoryAuthentications[0].{tenant, audience, issuer}, vpnProtocols,
//                     clientRootCertificates, radius
//
// azurerm sends an unset optional string as "" and an unset list as []; azure/vpn.ts reads both as
// unset. None of these settings has a schema default, so the provider's Check fills in none of them
// (`vpnProtocols` is computed: left out, Azure picks the protocols, as on azure-native).
import { AzureType } from "../engine/tokens";
import { Props } from "../engine/values";
import { gatewayP2s, P2sConfig, P2sSpelling, serverConfigurationP2s } from "../azure/vpn";
import { classic, network } from "../azure/types";

export interface P2sAdapter {
    type: AzureType;
    read(props: Props): P2sConfig;
}

const AAD_FIELDS = { tenant: "aadTenant", audience: "aadAudience", issuer: "aadIssuer" };

const nativeGateway: P2sSpelling = {
    authTypes: "vpnAuthenticationTypes",
    entra: { path: [], ...AAD_FIELDS },
    aadInferredWhenUnset: false,
    protocols: "vpnClientProtocols",
    impliedBy: [
        { key: "vpnClientRootCertificates", type: "Certificate" },
        { key: "radiusServerAddress", type: "Radius" },
        { key: "radiusServers", type: "Radius" },
    ],
};

const classicGateway: P2sSpelling = {
    authTypes: "vpnAuthTypes",
    entra: { path: [], ...AAD_FIELDS },
    // azurerm sends `vpnAuthTypes` empty unless the program sets it; Azure then infers the types.
    aadInferredWhenUnset: true,
    protocols: "vpnClientProtocols",
    impliedBy: [
        { key: "rootCertificates", type: "Certificate" },
        { key: "radiusServerAddress", type: "Radius" },
        { key: "radiusServers", type: "Radius" },
    ],
};

const nativeServerConfiguration: P2sSpelling = {
    authTypes: "vpnAuthenticationTypes",
    entra: { path: ["aadAuthenticationParameters"], ...AAD_FIELDS },
    aadInferredWhenUnset: false,
    protocols: "vpnProtocols",
    impliedBy: [
        { key: "vpnClientRootCertificates", type: "Certificate" },
        { key: "radiusServerAddress", type: "Radius" },
        { key: "radiusServers", type: "Radius" },
        { key: "radiusServerRootCertificates", type: "Radius" },
    ],
};

const classicServerConfiguration: P2sSpelling = {
    authTypes: "vpnAuthenticationTypes",
    // azurerm sends only the first block to Azure.
    entra: { path: ["azureActiveDirectoryAuthentications", 0], tenant: "tenant", audience: "audience", issuer: "issuer" },
    aadInferredWhenUnset: false,
    protocols: "vpnProtocols",
    // Client root certificates reach Azure whatever the types; azurerm sends `radius` only with
    // `Radius` among them, so it implies nothing.
    impliedBy: [{ key: "clientRootCertificates", type: "Certificate" }],
};

export const azureNativeGateways: P2sAdapter = {
    type: network.VirtualNetworkGateway,
    read: (props) => gatewayP2s(props, "gatewayType", nativeGateway),
};

export const classicGateways: P2sAdapter = {
    type: classic.VirtualNetworkGateway,
    read: (props) => gatewayP2s(props, "type", classicGateway),
};

export const azureNativeServerConfigurations: P2sAdapter = {
    type: network.VpnServerConfiguration,
    read: (props) => serverConfigurationP2s(props, "properties", nativeServerConfiguration),
};

export const classicServerConfigurations: P2sAdapter = {
    type: classic.VpnServerConfiguration,
    read: (props) => serverConfigurationP2s(props, undefined, classicServerConfiguration),
};

export const P2S_ADAPTERS: readonly P2sAdapter[] = [azureNativeGateways, classicGateways, azureNativeServerConfigurations, classicServerConfigurations];

export function p2sAdapterFor(token: string): P2sAdapter | undefined {
    return P2S_ADAPTERS.find((a) => a.type.matches(token));
}
