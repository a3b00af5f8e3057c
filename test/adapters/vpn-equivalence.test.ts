// Point-to-site gateways and Virtual WAN server configurations on both providers give the same
// verdicts, with each provider's names: azure-native `gatewayType` / `vpnAuthenticationTypes` /
// `vpnClientRootCertificates`, classic `type` / `vpnAuthTypes` / `rootCertificates` — and on the
// classic provider an unset `vpnAuthTypes` beside only the aad* fields is Entra sign-in, which Azure
// infers (DESIGN §3c); azure-native `properties.aadAuthenticationParameters.aadTenant`, classic
// `azureActiveDirectoryAuthentications[0].tenant` — in mock inputs and after Check.
import { describe, expect, it } from "vitest";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, resource, secret } from "../harness/stack";

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

const OTHER_TENANT = "11111111-2222-3333-4444-555555555555";
const RADIUS_SECRET = "S3cr3t-radius-9f2b7c1e";
const ROOT_CERTIFICATE = { name: "root", publicCertData: "MIIC-not-a-real-cert" };

interface ServerSettings {
    types?: string[];
    /** The tenant the authority and the issuer name; no Entra settings when left out. */
    tenant?: string;
    issuerTenant?: string;
    certificate?: boolean;
    radius?: boolean;
    protocols?: string[];
}

function entraUrls(c: ServerSettings) {
    return { tenant: `https://login.microsoftonline.com/${c.tenant}`, issuer: `https://sts.windows.net/${c.issuerTenant ?? c.tenant}/`, audience: ENTRA.aadAudience };
}

function serverConfiguration(provider: Provider, name: string, c: ServerSettings): FixtureResource {
    const entra = c.tenant === undefined ? undefined : entraUrls(c);
    if (provider === "azure-native") {
        return resource("azure-native:network:VpnServerConfiguration", name, {
            resourceGroupName: "rg-vwan",
            location: "westeurope",
            properties: {
                ...(c.types === undefined ? {} : { vpnAuthenticationTypes: c.types }),
                ...(entra === undefined ? {} : { aadAuthenticationParameters: { aadTenant: entra.tenant, aadAudience: entra.audience, aadIssuer: entra.issuer } }),
                ...(c.certificate ? { vpnClientRootCertificates: [ROOT_CERTIFICATE] } : {}),
                ...(c.radius
                    ? {
                          radiusServers: [{ radiusServerAddress: "10.0.1.4", radiusServerScore: 1, radiusServerSecret: secret(RADIUS_SECRET) }],
                          radiusServerRootCertificates: [ROOT_CERTIFICATE],
                      }
                    : {}),
                ...(c.protocols === undefined ? {} : { vpnProtocols: c.protocols }),
            },
        });
    }
    // Check fills no default here: it sends every unset list empty (vpnProtocols too, which Azure
    // then picks), and an empty __defaults.
    const empty = provider === "classic after Check" ? { azureActiveDirectoryAuthentications: [], clientRevokedCertificates: [], clientRootCertificates: [], vpnProtocols: [], __defaults: [] } : {};
    return resource("azure:network/vpnServerConfiguration:VpnServerConfiguration", name, {
        resourceGroupName: "rg-vwan",
        location: "westeurope",
        ...empty,
        // Required by the classic provider: the nearest a program comes to leaving it out is an empty list.
        vpnAuthenticationTypes: c.types ?? [],
        ...(entra === undefined ? {} : { azureActiveDirectoryAuthentications: [entra] }),
        ...(c.certificate ? { clientRootCertificates: [ROOT_CERTIFICATE] } : {}),
        ...(c.radius
            ? { radius: { servers: [{ address: "10.0.1.4", secret: secret(RADIUS_SECRET), score: 1 }], serverRootCertificates: [ROOT_CERTIFICATE] } }
            : {}),
        ...(c.protocols === undefined ? {} : { vpnProtocols: c.protocols }),
    });
}

const SERVER_CONFIGURATIONS: [string, ServerSettings][] = [
    ["validEntraOnly", { types: ["AAD"], tenant: TENANT, protocols: ["OpenVPN"] }],
    ["validLeftoverRootCertificate", { types: ["aad"], tenant: TENANT, certificate: true, protocols: ["openvpn"] }],
    ["invalidCertificateToo", { types: ["AAD", "Certificate"], tenant: TENANT, certificate: true, protocols: ["OpenVPN"] }],
    ["invalidRadius", { types: ["Radius"], radius: true, protocols: ["OpenVPN"] }],
    ["invalidCertificatesOnly", { certificate: true, protocols: ["OpenVPN"] }],
    ["invalidIkeV2", { types: ["AAD"], tenant: TENANT, protocols: ["IkeV2", "OpenVPN"] }],
    ["invalidDefaultProtocols", { types: ["AAD"], tenant: TENANT }],
    ["invalidCommonTenant", { types: ["AAD"], tenant: "common", issuerTenant: TENANT, protocols: ["OpenVPN"] }],
    ["invalidIssuerOtherTenant", { types: ["AAD"], tenant: TENANT, issuerTenant: OTHER_TENANT, protocols: ["OpenVPN"] }],
    ["invalidNoEntraSettings", { types: ["AAD"], protocols: ["OpenVPN"] }],
];

describe.each<Mode>(["known", "first-preview"])("Virtual WAN server configurations on both providers (%s ids)", (mode) => {
    const stackOf = (provider: Provider) => SERVER_CONFIGURATIONS.map(([n, c]) => serverConfiguration(provider, n, c));

    it.each<Provider>(["azure-native", "classic", "classic after Check"])("%s: the same server configurations, the same verdicts", async (provider) => {
        const expected = [
            "invalidCertificateToo",
            "invalidRadius",
            "invalidCertificatesOnly",
            "invalidIkeV2",
            "invalidDefaultProtocols",
            "invalidCommonTenant",
            "invalidIssuerOtherTenant",
            // The tenant, the issuer and the audience are each missing.
            "invalidNoEntraSettings",
            "invalidNoEntraSettings",
            "invalidNoEntraSettings",
        ].map((n) => `${POLICY} ${n} mandatory`);
        expect(verdicts(await run(stackOf(provider), { mode }), POLICY)).toEqual(expected.sort());
        const otherTenantOnly = await run(stackOf(provider), { mode, policyConfig: { [POLICY]: { allowedTenantIds: [OTHER_TENANT] } } });
        expect(verdicts(otherTenantOnly, POLICY).filter((v) => v.includes(" valid"))).toEqual([
            `${POLICY} validEntraOnly mandatory`,
            `${POLICY} validLeftoverRootCertificate mandatory`,
        ]);
    });

    it.each<Provider>(["classic", "classic after Check"])("%s: messages and fixes name the classic paths, never a RADIUS secret", async (provider) => {
        const messages = messagesOf(await run(stackOf(provider), { mode }));
        const aadFix = 'Set vpnAuthenticationTypes to ["AAD"] with tenant, audience and issuer in azureActiveDirectoryAuthentications[0], so that';
        expect(messages).toEqual(
            expect.arrayContaining([
                `vpnAuthenticationTypes allows Certificate authentication besides AAD: those users do not sign in with Microsoft Entra ID. ${aadFix} every point-to-site user signs in with Microsoft Entra ID and Conditional Access.`,
                `vpnAuthenticationTypes is not set, so Azure infers Certificate authentication from clientRootCertificates, which does not go through Microsoft Entra ID. ${aadFix} every point-to-site user signs in with Microsoft Entra ID and Conditional Access.`,
                'vpnProtocols enables IkeV2, which cannot use Microsoft Entra sign-in. Set vpnProtocols to ["OpenVPN"]: Microsoft Entra sign-in works only over OpenVPN.',
                'vpnProtocols is not set, so Azure uses its default protocols rather than OpenVPN only. Set vpnProtocols to ["OpenVPN"]: Microsoft Entra sign-in works only over OpenVPN.',
                "azureActiveDirectoryAuthentications[0].tenant names common instead of a tenant, which lets accounts of other tenants sign in. Set it to https://login.microsoftonline.com/<tenant-id> with your tenant ID.",
                `azureActiveDirectoryAuthentications[0].tenant names tenant ${TENANT} but azureActiveDirectoryAuthentications[0].issuer names tenant ${OTHER_TENANT}: both must name the same tenant.`,
                "azureActiveDirectoryAuthentications[0].tenant is not set: Entra authentication needs the tenant. Set it to https://login.microsoftonline.com/<tenant-id>.",
                "azureActiveDirectoryAuthentications[0].issuer is not set: Entra authentication needs the tenant. Set it to https://sts.windows.net/<tenant-id>/.",
                expect.stringMatching(/^azureActiveDirectoryAuthentications\[0\]\.audience is not set: /),
            ]),
        );
        const text = messages.join("\n");
        expect(text).not.toMatch(/aadTenant|aadIssuer|aadAudience|properties\./);
        expect(text).not.toContain(RADIUS_SECRET);
    });

    it("azure-native: messages name the paths under properties", async () => {
        const text = messagesOf(await run(stackOf("azure-native"), { mode })).join("\n");
        expect(text).toContain("properties.aadAuthenticationParameters.aadTenant names common instead of a tenant");
        expect(text).toContain('Set vpnAuthenticationTypes to ["AAD"] with aadTenant, aadAudience and aadIssuer in aadAuthenticationParameters');
        expect(text).toContain("properties.vpnProtocols is not set, so Azure uses its default protocols rather than OpenVPN only.");
        expect(text).not.toContain(RADIUS_SECRET);
    });
});
