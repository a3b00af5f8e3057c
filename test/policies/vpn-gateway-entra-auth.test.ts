// vpn-gateway-entra-auth through the engine protocol: virtual network gateways and Virtual WAN server
// configurations (azure-native and classic), every authentication and protocol branch, unknowns by level, tag precedence,
// allowedTenantIds, and secrets (RADIUS) that must never reach a message — in both modes.
import { describe, expect, it } from "vitest";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, secret, unknown } from "../harness/stack";

const POLICY = "vpn-gateway-entra-auth";
const GW = "azure-native:network:VirtualNetworkGateway";
const VWAN_CONFIG = "azure-native:network:VpnServerConfiguration";
const CLASSIC_VWAN_CONFIG = "azure:network/vpnServerConfiguration:VpnServerConfiguration";
const PIP = "azure-native:network:PublicIPAddress";
const VNET = "azure-native:network:VirtualNetwork";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER_TENANT = "11111111-2222-3333-4444-555555555555";
const AUDIENCE = "c632b3df-fb67-4d84-bdcf-b95ad541b5c8";
const MARKER = "SECRET-MARKER-vpn-5d2e";

const entraClient = {
    vpnClientAddressPool: { addressPrefixes: ["172.16.201.0/24"] },
    vpnClientProtocols: ["OpenVPN"],
    vpnAuthenticationTypes: ["AAD"],
    aadTenant: `https://login.microsoftonline.com/${TENANT}`,
    aadAudience: AUDIENCE,
    aadIssuer: `https://sts.windows.net/${TENANT}/`,
};

const network: FixtureResource[] = [
    resource(VNET, "hubVnet", {
        resourceGroupName: "rg-connectivity",
        virtualNetworkName: "vnet-hub",
        location: "westeurope",
        addressSpace: { addressPrefixes: ["10.0.0.0/16"] },
        subnets: [{ name: "GatewaySubnet", addressPrefix: "10.0.255.0/27" }],
    }),
    resource(PIP, "gatewayPip", {
        resourceGroupName: "rg-connectivity",
        publicIpAddressName: "pip-vgw",
        location: "westeurope",
        sku: { name: "Standard" },
        publicIPAllocationMethod: "Static",
    }),
];

function gateway(name: string, vpnClientConfiguration: unknown, extra: Record<string, unknown> = {}): FixtureResource {
    return resource(GW, name, {
        resourceGroupName: "rg-connectivity",
        virtualNetworkGatewayName: `vgw-${name.toLowerCase()}`,
        location: "westeurope",
        gatewayType: "Vpn",
        vpnType: "RouteBased",
        sku: { name: "VpnGw2AZ", tier: "VpnGw2AZ" },
        ipConfigurations: [
            { name: "default", publicIPAddress: { id: ref("gatewayPip") }, subnet: { id: ref("hubVnet") } },
        ],
        ...(vpnClientConfiguration === undefined ? {} : { vpnClientConfiguration }),
        ...extra,
    });
}

function serverConfiguration(name: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}): FixtureResource {
    return resource(VWAN_CONFIG, name, {
        resourceGroupName: "rg-connectivity",
        vpnServerConfigurationName: `vpnsc-${name.toLowerCase()}`,
        location: "westeurope",
        properties,
        ...extra,
    });
}

const vwanEntra = {
    vpnAuthenticationTypes: ["AAD"],
    vpnProtocols: ["OpenVPN"],
    aadAuthenticationParameters: {
        aadTenant: `https://login.microsoftonline.com/${TENANT}`,
        aadAudience: AUDIENCE,
        aadIssuer: `https://sts.windows.net/${TENANT}/`,
    },
};

function classicServerConfiguration(name: string, props: Record<string, unknown>): FixtureResource {
    return resource(CLASSIC_VWAN_CONFIG, name, { resourceGroupName: "rg-connectivity", name: `vpnsc-${name.toLowerCase()}`, location: "westeurope", ...props });
}

const classicVwanEntra = {
    vpnAuthenticationTypes: ["AAD"],
    vpnProtocols: ["OpenVPN"],
    azureActiveDirectoryAuthentications: [
        { tenant: `https://login.microsoftonline.com/${TENANT}`, audience: AUDIENCE, issuer: `https://sts.windows.net/${TENANT}/` },
    ],
};

const { vpnAuthenticationTypes: _types, aadTenant: _t, aadAudience: _a, aadIssuer: _i, ...legacyCertificateClient } = entraClient;

const stack: FixtureResource[] = [
    ...network,
    gateway("validEntraGateway", entraClient),
    gateway("validSiteToSiteGateway", undefined, { enableBgp: true }),
    gateway("validExpressRouteGateway", entraClient, { gatewayType: "ExpressRoute", vpnType: undefined }),
    gateway("validLeftoverRootCertificateGateway", {
        ...entraClient,
        vpnAuthenticationTypes: ["aad"],
        vpnClientProtocols: ["openvpn"],
        vpnClientRootCertificates: [{ name: "retired-root", publicCertData: "MIIC5zCCAc+gAwIBAgIQ" }],
    }),
    gateway("validMultiPoolGateway", {
        ...entraClient,
        vpnClientAddressPool: undefined,
        vngClientConnectionConfigurations: [
            { name: "admins", vpnClientAddressPool: { addressPrefixes: ["172.16.210.0/24"] }, virtualNetworkGatewayPolicyGroups: [] },
        ],
    }),
    serverConfiguration("validVwanConfig", vwanEntra),
    gateway("invalidCertificateBesideAadGateway", {
        ...entraClient,
        vpnAuthenticationTypes: ["AAD", "Certificate"],
        vpnClientRootCertificates: [{ name: "root", publicCertData: "MIIC5zCCAc+gAwIBAgIQ" }],
    }),
    gateway("invalidLegacyCertificateGateway", {
        ...legacyCertificateClient,
        vpnClientRootCertificates: [{ name: "root", publicCertData: "MIIC5zCCAc+gAwIBAgIQ" }],
    }),
    gateway("invalidRadiusGateway", {
        ...legacyCertificateClient,
        vpnAuthenticationTypes: ["Radius"],
        radiusServerAddress: "10.0.1.4",
        radiusServerSecret: secret(MARKER),
    }),
    gateway("invalidLegacyRadiusGateway", {
        ...legacyCertificateClient,
        radiusServers: [{ radiusServerAddress: "10.0.1.4", radiusServerScore: 1, radiusServerSecret: secret(MARKER) }],
    }),
    gateway("invalidIkeV2Gateway", { ...entraClient, vpnClientProtocols: ["OpenVPN", "IkeV2"] }),
    gateway("invalidDefaultProtocolsGateway", { ...entraClient, vpnClientProtocols: undefined }),
    gateway("invalidCommonTenantGateway", { ...entraClient, aadTenant: "https://login.microsoftonline.com/common" }),
    gateway("invalidMismatchedIssuerGateway", { ...entraClient, aadIssuer: `https://sts.windows.net/${OTHER_TENANT}/` }),
    gateway("invalidNoAudienceGateway", { ...entraClient, aadAudience: undefined }),
    gateway("invalidSecretTenantGateway", { ...entraClient, aadTenant: secret(MARKER) }),
    serverConfiguration("invalidVwanCertificateConfig", {
        ...vwanEntra,
        vpnAuthenticationTypes: ["Certificate"],
        vpnClientRootCertificates: [{ name: "root", publicCertData: "MIIC5zCCAc+gAwIBAgIQ" }],
    }),
    serverConfiguration("invalidVwanIkeV2Config", { ...vwanEntra, vpnProtocols: ["IkeV2", "OpenVPN"] }),
    classicServerConfiguration("validClassicVwanConfig", classicVwanEntra),
    classicServerConfiguration("invalidClassicVwanRadiusConfig", {
        ...classicVwanEntra,
        vpnAuthenticationTypes: ["AAD", "Radius"],
        radius: { servers: [{ address: "10.0.1.4", secret: secret(MARKER), score: 1 }], serverRootCertificates: [{ name: "radius-root", publicCertData: "MIIC5zCCAc+gAwIBAgIQ" }] },
    }),
];

const BASELINE = [
    `${POLICY} invalidCertificateBesideAadGateway mandatory`,
    `${POLICY} invalidClassicVwanRadiusConfig mandatory`,
    `${POLICY} invalidCommonTenantGateway mandatory`,
    `${POLICY} invalidDefaultProtocolsGateway mandatory`,
    `${POLICY} invalidIkeV2Gateway mandatory`,
    `${POLICY} invalidLegacyCertificateGateway mandatory`,
    `${POLICY} invalidLegacyRadiusGateway mandatory`,
    `${POLICY} invalidMismatchedIssuerGateway mandatory`,
    `${POLICY} invalidNoAudienceGateway mandatory`,
    `${POLICY} invalidRadiusGateway mandatory`,
    `${POLICY} invalidSecretTenantGateway mandatory`,
    `${POLICY} invalidVwanCertificateConfig mandatory`,
    `${POLICY} invalidVwanIkeV2Config mandatory`,
];

// Unknown values decide nothing below privileged: advisory there, mandatory at privileged.
const unknowns: FixtureResource[] = [
    ...network,
    gateway("invalidUnknownTypesGateway", { ...entraClient, vpnAuthenticationTypes: unknown() }),
    gateway("invalidUnknownTenantGateway", { ...entraClient, aadTenant: unknown() }),
    gateway("invalidUnknownClientConfigGateway", unknown()),
    serverConfiguration("invalidUnknownVwanConfig", { ...vwanEntra, vpnProtocols: unknown() }),
    classicServerConfiguration("invalidUnknownClassicVwanTenant", {
        ...classicVwanEntra,
        azureActiveDirectoryAuthentications: [{ ...classicVwanEntra.azureActiveDirectoryAuthentications[0], tenant: unknown() }],
    }),
];

describe.each<Mode>(["known", "first-preview"])("vpn-gateway-entra-auth (%s ids)", (mode) => {
    it("blocks every non-Entra point-to-site configuration and passes the rest, at every level", async () => {
        for (const stackTags of [{}, { securityLevel: "specialized" }, { securityLevel: "privileged" }] as Record<string, string>[]) {
            const result = await run(stack, { mode, stackTags });
            expect(verdicts(result, POLICY)).toEqual(BASELINE);
        }
    });

    it("reports exactly one finding per mutation, naming the property and the fix", async () => {
        const result = await run(stack, { mode });
        const byResource = (name: string) =>
            result.findings.filter((f) => f.policyName === POLICY && f.urn.endsWith(`::${name}`)).map((f) => f.message);
        expect(byResource("invalidLegacyCertificateGateway")).toEqual([
            expect.stringContaining(
                "vpnClientConfiguration.vpnAuthenticationTypes is not set, so Azure infers Certificate authentication from vpnClientConfiguration.vpnClientRootCertificates,",
            ),
        ]);
        expect(byResource("invalidLegacyRadiusGateway")[0]).toContain("Azure infers Radius authentication from vpnClientConfiguration.radiusServers");
        expect(byResource("invalidVwanIkeV2Config")[0]).toContain('properties.vpnProtocols enables IkeV2, which cannot use Microsoft Entra sign-in. Set vpnProtocols to ["OpenVPN"]');
        expect(byResource("invalidClassicVwanRadiusConfig")).toEqual([
            expect.stringMatching(/^vpnAuthenticationTypes allows Radius authentication besides AAD: .* Set vpnAuthenticationTypes to \["AAD"\] with tenant, audience and issuer in azureActiveDirectoryAuthentications\[0\], /),
        ]);
        expect(byResource("invalidMismatchedIssuerGateway")[0]).toContain(`names tenant ${TENANT} but vpnClientConfiguration.aadIssuer names tenant ${OTHER_TENANT}`);
    });

    it("never echoes a RADIUS secret or a secret tenant value, and never degrades to a can't-run advisory", async () => {
        const result = await run([...stack, ...unknowns.slice(network.length)], { mode });
        const text = JSON.stringify(messagesOf(result));
        expect(text).not.toContain(MARKER);
        expect(text).not.toContain("can't run policy");
    });

    it("makes unknowns advisory below privileged and mandatory at privileged", async () => {
        const expected = (level: "advisory" | "mandatory") => [
            `${POLICY} invalidUnknownClassicVwanTenant ${level}`,
            `${POLICY} invalidUnknownClientConfigGateway ${level}`,
            `${POLICY} invalidUnknownTenantGateway ${level}`,
            `${POLICY} invalidUnknownTypesGateway ${level}`,
            `${POLICY} invalidUnknownVwanConfig ${level}`,
        ];
        expect(verdicts(await run(unknowns, { mode }), POLICY)).toEqual(expected("advisory"));
        expect(verdicts(await run(unknowns, { mode, stackTags: { securityLevel: "Specialized" } }), POLICY)).toEqual(expected("advisory"));
        expect(verdicts(await run(unknowns, { mode, stackTags: { securityLevel: "PRIVILEGED" } }), POLICY)).toEqual(expected("mandatory"));
    });

    it("lets a resource tag override the stack tag, in either direction", async () => {
        const lowered = [...network, gateway("invalidUnknownTypesGateway", { ...entraClient, vpnAuthenticationTypes: unknown() }, { tags: { securityLevel: "enterprise" } })];
        expect(verdicts(await run(lowered, { mode, stackTags: { securityLevel: "privileged" } }), POLICY)).toEqual([
            `${POLICY} invalidUnknownTypesGateway advisory`,
        ]);
        const raised = [...network, gateway("invalidUnknownTypesGateway", { ...entraClient, vpnAuthenticationTypes: unknown() }, { tags: { SecurityLevel: "privileged" } })];
        expect(verdicts(await run(raised, { mode, stackTags: { securityLevel: "enterprise" } }), POLICY)).toEqual([
            `${POLICY} invalidUnknownTypesGateway mandatory`,
        ]);
    });

    it("reports an invalid level value and judges the resource at privileged", async () => {
        const typo = [...network, gateway("invalidLevelTypoGateway", { ...entraClient, vpnAuthenticationTypes: unknown() }, { tags: { securityLevel: "privilegd" } })];
        const result = await run(typo, { mode });
        expect(verdicts(result, POLICY)).toEqual([`${POLICY} invalidLevelTypoGateway mandatory`, `${POLICY} invalidLevelTypoGateway mandatory`]);
        expect(messagesOf(result).join("\n")).toContain("the resource's `securityLevel` tag is not one of enterprise, specialized or privileged");
        const stackTypo = await run(unknowns.slice(0, network.length + 1), { mode, stackTags: { securityLevel: "high" } });
        expect(verdicts(stackTypo, POLICY)).toEqual([`${POLICY} invalidUnknownTypesGateway mandatory`, `${POLICY} invalidUnknownTypesGateway mandatory`]);
    });

    it("restricts tenants with allowedTenantIds (compared case-insensitively)", async () => {
        const valid = stack.filter((r) => !r.name.startsWith("invalid"));
        const allowed = await run(valid, { mode, policyConfig: { [POLICY]: { allowedTenantIds: [TENANT.toUpperCase()] } } });
        expect(verdicts(allowed, POLICY)).toEqual([]);
        const other = await run(valid, { mode, policyConfig: { [POLICY]: { allowedTenantIds: [OTHER_TENANT] } } });
        expect(verdicts(other, POLICY)).toEqual([
            `${POLICY} validClassicVwanConfig mandatory`,
            `${POLICY} validEntraGateway mandatory`,
            `${POLICY} validLeftoverRootCertificateGateway mandatory`,
            `${POLICY} validMultiPoolGateway mandatory`,
            `${POLICY} validVwanConfig mandatory`,
        ]);
    });
});
