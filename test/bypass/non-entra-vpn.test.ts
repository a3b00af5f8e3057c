// Bypass review, goal 2: get a point-to-site VPN that does not sign users in with Microsoft Entra ID
// (or signs in through another tenant, or over a protocol Entra cannot use) past the pack. Every
// attempt here is blocked, or documented as out of scope in docs/threat-model.md — in both modes.
import { describe, expect, it } from "vitest";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, resource, secret, unknown } from "../harness/stack";

const VPN = "vpn-gateway-entra-auth";
const GW = "azure-native:network:VirtualNetworkGateway";
const VWAN = "azure-native:network:VpnServerConfiguration";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER = "11111111-2222-3333-4444-555555555555";
const AUDIENCE = "c632b3df-fb67-4d84-bdcf-b95ad541b5c8";
const MARKER = "S3cr3t#7a1c0e9b5d3f2a4c6e8b0d1f!";

const entra = {
    vpnClientAddressPool: { addressPrefixes: ["172.16.201.0/24"] },
    vpnClientProtocols: ["OpenVPN"],
    vpnAuthenticationTypes: ["AAD"],
    aadTenant: `https://login.microsoftonline.com/${TENANT}`,
    aadAudience: AUDIENCE,
    aadIssuer: `https://sts.windows.net/${TENANT}/`,
};

function gateway(name: string, client: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}, type = GW): FixtureResource {
    // An unknown() stands for the whole configuration; anything else drops the keys left undefined.
    const isPlaceholder = client !== undefined && Object.getOwnPropertySymbols(client).length > 0;
    const vpnClientConfiguration = client === undefined || isPlaceholder ? client : Object.fromEntries(Object.entries(client).filter(([, v]) => v !== undefined));
    return resource(type, name, {
        resourceGroupName: "rg-vpn",
        virtualNetworkGatewayName: `vgw-${name.toLowerCase()}`,
        location: "westeurope",
        gatewayType: "Vpn",
        vpnType: "RouteBased",
        sku: { name: "VpnGw2AZ", tier: "VpnGw2AZ" },
        ...(vpnClientConfiguration === undefined ? {} : { vpnClientConfiguration }),
        ...extra,
    });
}

const tenantUrl = (url: string) => ({ ...entra, aadTenant: url });
const blocked = (names: string[], level = "mandatory") => names.map((n) => `${VPN} ${n} ${level}`).sort();
const invalidNames = (fixtures: FixtureResource[]) => fixtures.filter((f) => f.name.startsWith("invalid")).map((f) => f.name);
/** A resource with several problems is blocked once here. */
const once = (v: string[]) => [...new Set(v)].sort();

describe.each<Mode>(["known", "first-preview"])("bypass: non-Entra VPN (%s ids)", (mode) => {
    it("blocks certificate or RADIUS authentication in any case or spacing, and passes AAD-only spellings", async () => {
        const fixtures = [
            gateway("invalidCertUpper", { ...entra, vpnAuthenticationTypes: ["aad ", "CERTIFICATE"] }),
            gateway("invalidRadiusPadded", { ...entra, vpnAuthenticationTypes: [" Radius "], radiusServerAddress: "10.0.1.4", radiusServerSecret: secret(MARKER) }),
            gateway("validAadLowerPadded", { ...entra, vpnAuthenticationTypes: [" aad", "AAD"], vpnClientProtocols: [" openvpn "] }),
        ];
        const result = await run(fixtures, { mode });
        expect(once(verdicts(result, VPN))).toEqual(blocked(invalidNames(fixtures)));
        expect(messagesOf(result).join("\n")).not.toContain(MARKER.slice(7, 31));
    });

    it("blocks invisible characters in the authentication types", async () => {
        const fixtures = [gateway("invalidZeroWidthAad", { ...entra, vpnAuthenticationTypes: ["AAD\u200b"] })];
        expect(once(verdicts(await run(fixtures, { mode }), VPN))).toEqual(blocked(invalidNames(fixtures)));
    });

    it("blocks certificate or RADIUS authentication implied by root certificates or RADIUS servers with no types listed", async () => {
        const { vpnAuthenticationTypes: _t, aadTenant: _a, aadAudience: _b, aadIssuer: _c, ...legacy } = entra;
        const fixtures = [
            gateway("invalidImpliedCertificate", { ...legacy, vpnClientRootCertificates: [{ name: "root", publicCertData: "MIIC5zCCAc+gAwIBAgIQ" }] }),
            gateway("invalidImpliedRadius", { ...legacy, radiusServers: [{ radiusServerAddress: "10.0.1.4", radiusServerScore: 1, radiusServerSecret: secret(MARKER) }] }),
            gateway("invalidEmptyTypes", { ...entra, vpnAuthenticationTypes: [] }),
        ];
        expect(once(verdicts(await run(fixtures, { mode }), VPN))).toEqual(blocked(invalidNames(fixtures)));
    });

    it("blocks multi-tenant and look-alike tenant URLs", async () => {
        const fixtures = [
            gateway("invalidCommon", tenantUrl("https://login.microsoftonline.com/common")),
            gateway("invalidOrganizationsUpper", tenantUrl("https://login.microsoftonline.com/ORGANIZATIONS/")),
            gateway("invalidLookAlikeHost", tenantUrl(`https://login.microsoftonline.com.evil.example/${TENANT}`)),
            gateway("invalidUserinfoHost", tenantUrl(`https://login.microsoftonline.com@evil.example/${TENANT}`)),
            gateway("invalidHttp", tenantUrl(`http://login.microsoftonline.com/${TENANT}`)),
            gateway("invalidQuery", tenantUrl(`https://login.microsoftonline.com/${TENANT}?tenant=common`)),
            gateway("invalidPercentEncoded", tenantUrl("https://login.microsoftonline.com/%63ommon")),
            gateway("invalidDotSegments", tenantUrl(`https://login.microsoftonline.com/${TENANT}/../common`)),
            gateway("invalidBracedTenant", tenantUrl(`https://login.microsoftonline.com/{${TENANT}}`)),
        ];
        expect(once(verdicts(await run(fixtures, { mode }), VPN))).toEqual(blocked(invalidNames(fixtures)));
    });

    it("passes tenant URLs that differ only in trailing spaces or letter case, and blocks a tenant and issuer that disagree", async () => {
        const fixtures = [
            gateway("validTrailingSpaces", { ...entra, aadTenant: `  https://login.microsoftonline.com/${TENANT}  `, aadIssuer: `https://sts.windows.net/${TENANT.toUpperCase()}/ ` }),
            gateway("validUpperHost", tenantUrl(`HTTPS://LOGIN.MICROSOFTONLINE.COM/${TENANT}`)),
            gateway("invalidIssuerOtherTenant", { ...entra, aadIssuer: `https://sts.windows.net/${OTHER}/` }),
        ];
        expect(once(verdicts(await run(fixtures, { mode }), VPN))).toEqual(blocked(invalidNames(fixtures)));
    });

    it("blocks a tenant outside allowedTenantIds, compared case-insensitively", async () => {
        const fixtures = [
            gateway("validAllowedUpper", { ...entra, aadTenant: `https://login.microsoftonline.com/${TENANT.toUpperCase()}` }),
            gateway("invalidOtherTenant", { ...entra, aadTenant: `https://login.microsoftonline.com/${OTHER}`, aadIssuer: `https://sts.windows.net/${OTHER}/` }),
        ];
        const result = await run(fixtures, { mode, policyConfig: { [VPN]: { allowedTenantIds: [TENANT.toUpperCase()] } } });
        expect(once(verdicts(result, VPN))).toEqual(blocked(invalidNames(fixtures)));
    });

    it("blocks protocols beside OpenVPN, and protocols left to Azure's default", async () => {
        const fixtures = [
            gateway("invalidIkeBeside", { ...entra, vpnClientProtocols: ["OpenVPN", "ikev2"] }),
            gateway("invalidSstpOnly", { ...entra, vpnClientProtocols: ["SSTP"] }),
            gateway("invalidDefaultProtocols", { ...entra, vpnClientProtocols: undefined }),
        ];
        expect(once(verdicts(await run(fixtures, { mode }), VPN))).toEqual(blocked(invalidNames(fixtures)));
    });

    it("blocks unknown authentication settings at the privileged level and reports them below it", async () => {
        const fixtures = [
            gateway("invalidUnknownTypes", { ...entra, vpnAuthenticationTypes: unknown() }),
            gateway("invalidUnknownTenant", { ...entra, aadTenant: unknown() }),
            gateway("invalidUnknownClient", unknown() as Record<string, unknown>),
        ];
        expect(once(verdicts(await run(fixtures, { mode, stackTags: { securityLevel: "privileged" } }), VPN))).toEqual(blocked(invalidNames(fixtures)));
        expect(once(verdicts(await run(fixtures, { mode }), VPN))).toEqual(blocked(invalidNames(fixtures), "advisory"));
    });

    it("blocks the same settings on Virtual WAN, in the current and the legacy shape and under version-qualified tokens", async () => {
        const vwan = (name: string, props: Record<string, unknown>, type = VWAN) => resource(type, name, { resourceGroupName: "rg-vpn", vpnServerConfigurationName: name.toLowerCase(), location: "westeurope", ...props });
        const aad = { aadTenant: entra.aadTenant, aadAudience: AUDIENCE, aadIssuer: entra.aadIssuer };
        const fixtures = [
            vwan("validVwan", { properties: { vpnAuthenticationTypes: ["AAD"], vpnProtocols: ["OpenVPN"], aadAuthenticationParameters: aad } }),
            vwan("invalidVwanCertificate", { properties: { vpnAuthenticationTypes: ["AAD", "Certificate"], vpnProtocols: ["OpenVPN"], aadAuthenticationParameters: aad } }),
            vwan("invalidVwanLegacyShape", { vpnAuthenticationTypes: ["Radius"], vpnProtocols: ["IkeV2"] }, "azure-native:network/v20230901:VpnServerConfiguration"),
            gateway("invalidVersionedGateway", { ...entra, vpnAuthenticationTypes: ["Certificate"] }, {}, "azure-native:network/v20240301:VirtualNetworkGateway"),
        ];
        expect(once(verdicts(await run(fixtures, { mode }), VPN))).toEqual(blocked(invalidNames(fixtures)));
    });

    it("blocks the same settings on a classic Virtual WAN server configuration, in its own names", async () => {
        const classicEntra = { tenant: entra.aadTenant, audience: AUDIENCE, issuer: entra.aadIssuer };
        const config = (name: string, props: Record<string, unknown>) =>
            resource("azure:network/vpnServerConfiguration:VpnServerConfiguration", name, {
                resourceGroupName: "rg-vpn",
                location: "westeurope",
                vpnAuthenticationTypes: ["AAD"],
                vpnProtocols: ["OpenVPN"],
                azureActiveDirectoryAuthentications: [classicEntra],
                ...props,
            });
        const fixtures = [
            config("validClassicVwan", { vpnAuthenticationTypes: [" aad"], vpnProtocols: ["openvpn "] }),
            config("invalidClassicCertUpper", { vpnAuthenticationTypes: ["aad ", "CERTIFICATE"], clientRootCertificates: [{ name: "root", publicCertData: "MIIC5zCCAc+gAwIBAgIQ" }] }),
            config("invalidClassicZeroWidthAad", { vpnAuthenticationTypes: ["AAD\u200b"] }),
            config("invalidClassicImpliedCertificate", { vpnAuthenticationTypes: [], clientRootCertificates: [{ name: "root", publicCertData: "MIIC5zCCAc+gAwIBAgIQ" }] }),
            config("invalidClassicRadius", {
                vpnAuthenticationTypes: ["Radius"],
                radius: { servers: [{ address: "10.0.1.4", secret: secret(MARKER), score: 1 }], serverRootCertificates: [{ name: "r", publicCertData: "MIIC" }] },
            }),
            config("invalidClassicCommonFirstBlock", { azureActiveDirectoryAuthentications: [{ ...classicEntra, tenant: "https://login.microsoftonline.com/common" }, classicEntra] }),
            config("invalidClassicLookAlikeIssuer", { azureActiveDirectoryAuthentications: [{ ...classicEntra, issuer: `https://sts.windows.net.evil.example/${TENANT}/` }] }),
            config("invalidClassicIkeBeside", { vpnProtocols: ["OpenVPN", "ikev2"] }),
            config("invalidClassicDefaultProtocols", { vpnProtocols: [] }),
        ];
        const result = await run(fixtures, { mode });
        expect(once(verdicts(result, VPN))).toEqual(blocked(invalidNames(fixtures)));
        expect(messagesOf(result).join("\n")).not.toContain(MARKER.slice(7, 31));
        const unknowns = [config("invalidClassicUnknownTypes", { vpnAuthenticationTypes: unknown() }), config("invalidClassicUnknownEntra", { azureActiveDirectoryAuthentications: unknown() })];
        expect(verdicts(await run(unknowns, { mode, stackTags: { securityLevel: "privileged" } }), VPN)).toEqual(blocked(invalidNames(unknowns)));
        expect(verdicts(await run(unknowns, { mode }), VPN)).toEqual(blocked(invalidNames(unknowns), "advisory"));
    });

    it("does not judge gateways that serve no point-to-site users (out of scope: docs/threat-model.md)", async () => {
        const fixtures = [
            gateway("expressRouteGateway", { ...entra, vpnAuthenticationTypes: ["Certificate"] }, { gatewayType: "ExpressRoute" }),
            gateway("siteToSiteGateway", undefined, { enableBgp: true }),
            resource("azure:network/virtualNetworkGateway:VirtualNetworkGateway", "classicExpressRoute", {
                resourceGroupName: "rg-vpn",
                type: "ExpressRoute",
                vpnClientConfiguration: { addressSpaces: ["172.16.0.0/24"], vpnAuthTypes: ["Certificate"], vpnClientProtocols: ["IkeV2"] },
            }),
        ];
        expect(verdicts(await run(fixtures, { mode }), VPN)).toEqual([]);
    });

    it("blocks a classic gateway's certificate sign-in over IkeV2, in the classic provider's names", async () => {
        const fixtures = [
            resource("azure:network/virtualNetworkGateway:VirtualNetworkGateway", "classicGateway", {
                resourceGroupName: "rg-vpn",
                type: "Vpn",
                vpnClientConfiguration: { addressSpaces: ["172.16.0.0/24"], vpnAuthTypes: ["certificate"], vpnClientProtocols: ["IkeV2"] },
            }),
        ];
        const result = await run(fixtures, { mode });
        expect(verdicts(result, VPN)).toEqual([`${VPN} classicGateway mandatory`, `${VPN} classicGateway mandatory`]);
        expect(result.findings.map((f) => f.message).join("\n")).toContain("vpnClientConfiguration.vpnAuthTypes allows Certificate authentication");
    });
});
