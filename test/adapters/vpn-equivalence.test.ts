// Point-to-site gateways on both providers give the same verdicts, with each provider's names:
// azure-native `gatewayType` / `vpnAuthenticationTypes` / `vpnClientRootCertificates`, classic `type`
// / `vpnAuthTypes` / `rootCertificates` — and on the classic provider an unset `vpnAuthTypes` beside
// only the aad* fields is Entra sign-in, which Azure infers (DESIGN §3c), in mock inputs and after Check.
import { describe, expect, it } from "vitest";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, resource } from "../harness/stack";

const POLICY = "vpn-gateway-entra-auth";
const TENANT = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";
const ENTRA = {
    aadTenant: `https://login.microsoftonline.com/${TENANT}`,
    aadAudience: "c632b3df-fb67-4d84-bdcf-b95ad541b5c8",
    aadIssuer: `https://sts.windows.net/${TENANT}/`,
};
type Provider = "azure-native" | "classic" | "classic after Check";

interface Client {
    types?: string[];
    entra?: boolean;
    certificate?: boolean;
    protocols?: string[];
}

function gateway(provider: Provider, name: string, c: Client, gatewayType = "Vpn"): FixtureResource {
    const entra = c.entra ? ENTRA : {};
    const protocols = c.protocols === undefined ? {} : { vpnClientProtocols: c.protocols };
    if (provider === "azure-native") {
        return resource("azure-native:network:VirtualNetworkGateway", name, {
            resourceGroupName: "rg-vpn",
            gatewayType,
            vpnClientConfiguration: {
                vpnClientAddressPool: { addressPrefixes: ["172.16.0.0/24"] },
                ...(c.types === undefined ? {} : { vpnAuthenticationTypes: c.types }),
                ...entra,
                ...protocols,
                ...(c.certificate ? { vpnClientRootCertificates: [{ name: "root", publicCertData: "MIIC-not-a-real-cert" }] } : {}),
            },
        });
    }
    const afterCheck = provider === "classic after Check";
    const empty = afterCheck ? { aadTenant: "", aadAudience: "", aadIssuer: "", radiusServerAddress: "", radiusServerSecret: "", rootCertificates: [], revokedCertificates: [], vpnAuthTypes: [] } : {};
    return resource("azure:network/virtualNetworkGateway:VirtualNetworkGateway", name, {
        resourceGroupName: "rg-vpn",
        location: "westeurope",
        type: gatewayType,
        vpnType: "RouteBased",
        sku: "VpnGw1",
        ipConfigurations: [{ name: "gw", subnetId: "/subscriptions/0/resourceGroups/rg-vpn/providers/Microsoft.Network/virtualNetworks/vnet/subnets/GatewaySubnet" }],
        vpnClientConfiguration: {
            addressSpaces: ["172.16.0.0/24"],
            ...empty,
            ...(c.types === undefined ? {} : { vpnAuthTypes: c.types }),
            ...entra,
            ...protocols,
            ...(c.certificate ? { rootCertificates: [{ name: "root", publicCertData: "MIIC-not-a-real-cert" }] } : {}),
        },
        ...(afterCheck ? { __defaults: ["activeActive", "enableBgp"] } : {}),
    });
}

const GATEWAYS: [string, Client][] = [
    ["validEntraOnly", { types: ["AAD"], entra: true, protocols: ["OpenVPN"] }],
    ["invalidCertificateToo", { types: ["AAD", "Certificate"], entra: true, certificate: true, protocols: ["OpenVPN"] }],
    ["invalidIkeV2", { types: ["AAD"], entra: true, protocols: ["OpenVPN", "IkeV2"] }],
    ["invalidCertificatesOnly", { certificate: true, protocols: ["OpenVPN"] }],
];

describe.each<Mode>(["known", "first-preview"])("vpn-gateway-entra-auth on both providers (%s ids)", (mode) => {
    const expected = ["invalidCertificateToo mandatory", "invalidIkeV2 mandatory", "invalidCertificatesOnly mandatory"].map((v) => `${POLICY} ${v}`).sort();

    it.each<Provider>(["azure-native", "classic", "classic after Check"])("%s: the same gateways, the same verdicts", async (provider) => {
        const stack = [...GATEWAYS.map(([n, c]) => gateway(provider, n, c)), gateway(provider, "validExpressRoute", { types: ["Certificate"], certificate: true }, "ExpressRoute")];
        expect(verdicts(await run(stack, { mode }), POLICY)).toEqual(expected);
    });

    it("on the classic provider, aad* fields without vpnAuthTypes are Entra sign-in; with root certificates they are not", async () => {
        for (const provider of ["classic", "classic after Check"] as const) {
            const result = await run(
                [
                    gateway(provider, "validInferredEntra", { entra: true, protocols: ["OpenVPN"] }),
                    gateway(provider, "invalidInferredCertificate", { entra: true, certificate: true, protocols: ["OpenVPN"] }),
                ],
                { mode },
            );
            expect(verdicts(result, POLICY)).toEqual([`${POLICY} invalidInferredCertificate mandatory`]);
            expect(messagesOf(result).join("\n")).toContain(
                'vpnClientConfiguration.vpnAuthTypes is not set, so Azure infers Certificate authentication from vpnClientConfiguration.rootCertificates',
            );
            expect(messagesOf(result).join("\n")).toContain('Set vpnAuthTypes to ["AAD"]');
        }
    });
});
