import { describe, expect, it } from "vitest";
import { azureNativeGateways, azureNativeServerConfigurations, classicServerConfigurations } from "../../policy-pack/src/adapters/p2s";
import { p2sProblems, P2sConfig } from "../../policy-pack/src/azure/vpn";
import { UNKNOWN_STRING } from "../../policy-pack/src/engine/values";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER_TENANT = "11111111-2222-3333-4444-555555555555";
const AUDIENCE = "c632b3df-fb67-4d84-bdcf-b95ad541b5c8";

const entraClient = {
    vpnClientAddressPool: { addressPrefixes: ["172.16.201.0/24"] },
    vpnClientProtocols: ["OpenVPN"],
    vpnAuthenticationTypes: ["AAD"],
    aadTenant: `https://login.microsoftonline.com/${TENANT}`,
    aadAudience: AUDIENCE,
    aadIssuer: `https://sts.windows.net/${TENANT}/`,
};

function settingsOf(config: P2sConfig) {
    if (config.kind !== "p2s") {
        throw new Error(`expected a point-to-site configuration, got ${config.kind}`);
    }
    return config.settings;
}

function gatewayProblems(cfg: Record<string, unknown>, allowed: string[] = []) {
    return p2sProblems(settingsOf(azureNativeGateways.read({ gatewayType: "Vpn", vpnClientConfiguration: cfg })), allowed);
}

function messages(cfg: Record<string, unknown>, allowed: string[] = []) {
    return gatewayProblems(cfg, allowed).map((p) => `${p.unknown ? "unknown" : "violation"}: ${p.message}`);
}

describe("a gateway's point-to-site configuration", () => {
    it("does not apply to site-to-site gateways, ExpressRoute gateways or empty client configurations", () => {
        expect(azureNativeGateways.read({ gatewayType: "Vpn" })).toEqual({ kind: "none" });
        expect(azureNativeGateways.read({ gatewayType: "ExpressRoute", vpnClientConfiguration: entraClient })).toEqual({ kind: "none" });
        expect(azureNativeGateways.read({ gatewayType: "Vpn", vpnClientConfiguration: {} })).toEqual({ kind: "none" });
        expect(azureNativeGateways.read({ vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: [] }, vpnClientRootCertificates: [] } })).toEqual({
            kind: "none",
        });
    });

    it("applies when only vngClientConnectionConfigurations carry the address pools", () => {
        const config = azureNativeGateways.read({
            vpnClientConfiguration: {
                vngClientConnectionConfigurations: [{ name: "admins", vpnClientAddressPool: { addressPrefixes: ["10.9.0.0/24"] } }],
            },
        });
        expect(config.kind).toBe("p2s");
    });

    it("reports an unknown or malformed client configuration", () => {
        const unknown = azureNativeGateways.read({ vpnClientConfiguration: UNKNOWN_STRING });
        expect(unknown.kind === "problem" && unknown.problem.unknown).toBe(true);
        const malformed = azureNativeGateways.read({ vpnClientConfiguration: "AAD" });
        expect(malformed.kind === "problem" && !malformed.problem.unknown).toBe(true);
    });
});

describe("p2sProblems on a VirtualNetworkGateway", () => {
    it("accepts Entra-only OpenVPN for one tenant, in any enum case, with leftover root certificates", () => {
        expect(messages(entraClient)).toEqual([]);
        expect(
            messages({
                ...entraClient,
                vpnAuthenticationTypes: ["aad"],
                vpnClientProtocols: ["openvpn"],
                vpnClientRootCertificates: [{ name: "old-root", publicCertData: "MIIC..." }],
            }),
        ).toEqual([]);
    });

    it("blocks certificate or RADIUS authentication beside AAD", () => {
        expect(messages({ ...entraClient, vpnAuthenticationTypes: ["AAD", "Certificate", "RADIUS"] })).toEqual([
            'violation: vpnClientConfiguration.vpnAuthenticationTypes allows Certificate and Radius authentication besides AAD: those users do not sign in with Microsoft Entra ID. Set vpnAuthenticationTypes to ["AAD"] with aadTenant, aadAudience and aadIssuer, so that every point-to-site user signs in with Microsoft Entra ID and Conditional Access.',
        ]);
    });

    it("infers certificate and RADIUS authentication from the legacy shape with no types", () => {
        const { vpnAuthenticationTypes, aadTenant, aadAudience, aadIssuer, ...legacy } = entraClient;
        expect(
            messages({ ...legacy, vpnClientRootCertificates: [{ name: "root" }], radiusServerAddress: "10.1.0.4", radiusServerSecret: "s3cret" }),
        ).toEqual([
            'violation: vpnClientConfiguration.vpnAuthenticationTypes is not set, so Azure infers Certificate and Radius authentication from vpnClientConfiguration.vpnClientRootCertificates and vpnClientConfiguration.radiusServerAddress, which does not go through Microsoft Entra ID. Set vpnAuthenticationTypes to ["AAD"] with aadTenant, aadAudience and aadIssuer, so that every point-to-site user signs in with Microsoft Entra ID and Conditional Access.',
        ]);
        expect(messages({ ...legacy })[0]).toMatch(/^violation: vpnClientConfiguration\.vpnAuthenticationTypes is not set, so point-to-site users/);
    });

    it("rejects unrecognised authentication types without echoing them", () => {
        const found = messages({ ...entraClient, vpnAuthenticationTypes: ["AAD", "SECRET-MARKER"] });
        expect(found).toHaveLength(1);
        expect(found[0]).toContain("vpnClientConfiguration.vpnAuthenticationTypes[1] is not one of AAD, Certificate or Radius");
        expect(found.join()).not.toContain("SECRET-MARKER");
    });

    it("treats unknown authentication types as undecided and skips the tenant checks", () => {
        const problems = gatewayProblems({ ...entraClient, vpnAuthenticationTypes: UNKNOWN_STRING, aadTenant: undefined });
        expect(problems).toHaveLength(1);
        expect(problems[0].unknown).toBe(true);
        const element = gatewayProblems({ ...entraClient, vpnAuthenticationTypes: ["AAD", UNKNOWN_STRING] });
        expect(element.map((p) => p.unknown)).toEqual([true]);
    });

    it("requires tenant, audience and issuer", () => {
        expect(messages({ ...entraClient, aadTenant: undefined, aadAudience: "", aadIssuer: null })).toEqual([
            "violation: vpnClientConfiguration.aadTenant is not set: Entra authentication needs the tenant. Set it to https://login.microsoftonline.com/<tenant-id>.",
            "violation: vpnClientConfiguration.aadIssuer is not set: Entra authentication needs the tenant. Set it to https://sts.windows.net/<tenant-id>/.",
            "violation: vpnClientConfiguration.aadAudience is not set: set it to the application ID of the Azure VPN Client (c632b3df-fb67-4d84-bdcf-b95ad541b5c8 for the Microsoft-registered app).",
        ]);
    });

    it("rejects common and organizations, and URLs that are not a tenant", () => {
        expect(messages({ ...entraClient, aadTenant: "https://login.microsoftonline.com/common" })).toEqual([
            "violation: vpnClientConfiguration.aadTenant names common instead of a tenant, which lets accounts of other tenants sign in. Set it to https://login.microsoftonline.com/<tenant-id> with your tenant ID.",
        ]);
        expect(messages({ ...entraClient, aadIssuer: "https://sts.windows.net/organizations/" })[0]).toContain("names organizations instead of a tenant");
        expect(messages({ ...entraClient, aadIssuer: "https://idp.example.com/SECRET-MARKER/" })).toEqual([
            "violation: vpnClientConfiguration.aadIssuer is not an Entra URL that names one tenant by its ID. Set it to https://sts.windows.net/<tenant-id>/.",
        ]);
    });

    it("requires tenant and issuer to name the same tenant", () => {
        expect(messages({ ...entraClient, aadIssuer: `https://sts.windows.net/${OTHER_TENANT}/` })).toEqual([
            `violation: vpnClientConfiguration.aadTenant names tenant ${TENANT} but vpnClientConfiguration.aadIssuer names tenant ${OTHER_TENANT}: both must name the same tenant.`,
        ]);
    });

    it("enforces allowedTenantIds when set", () => {
        expect(messages(entraClient, [TENANT])).toEqual([]);
        expect(messages(entraClient, [OTHER_TENANT])).toEqual([
            `violation: vpnClientConfiguration.aadTenant names tenant ${TENANT}, which is not in allowedTenantIds: sign in through an approved tenant, or add it to allowedTenantIds.`,
        ]);
    });

    it("treats unknown tenant, issuer or audience as undecided", () => {
        const problems = gatewayProblems({ ...entraClient, aadTenant: UNKNOWN_STRING, aadIssuer: UNKNOWN_STRING, aadAudience: UNKNOWN_STRING });
        expect(problems.map((p) => p.unknown)).toEqual([true, true, true]);
    });

    it("requires OpenVPN as the only protocol; a missing list means Azure's IkeV2 and SSTP", () => {
        expect(messages({ ...entraClient, vpnClientProtocols: undefined })).toEqual([
            'violation: vpnClientConfiguration.vpnClientProtocols is not set, so Azure uses IkeV2 and SSTP. Set vpnClientProtocols to ["OpenVPN"]: Microsoft Entra sign-in works only over OpenVPN.',
        ]);
        expect(messages({ ...entraClient, vpnClientProtocols: ["OpenVPN", "IkeV2"] })).toEqual([
            'violation: vpnClientConfiguration.vpnClientProtocols enables IkeV2, which cannot use Microsoft Entra sign-in. Set vpnClientProtocols to ["OpenVPN"]: Microsoft Entra sign-in works only over OpenVPN.',
        ]);
        expect(messages({ ...entraClient, vpnClientProtocols: "OpenVPN" })[0]).toContain("is not a list of protocols");
        expect(gatewayProblems({ ...entraClient, vpnClientProtocols: UNKNOWN_STRING }).map((p) => p.unknown)).toEqual([true]);
    });
});

describe("p2sProblems on a Virtual WAN VpnServerConfiguration", () => {
    const properties = {
        vpnAuthenticationTypes: ["AAD"],
        vpnProtocols: ["OpenVPN"],
        aadAuthenticationParameters: {
            aadTenant: `https://login.microsoftonline.com/${TENANT}`,
            aadAudience: AUDIENCE,
            aadIssuer: `https://sts.windows.net/${TENANT}/`,
        },
    };

    it("reads the settings under properties (azure-native 3.x)", () => {
        expect(p2sProblems(settingsOf(azureNativeServerConfigurations.read({ properties })), [])).toEqual([]);
        const problems = p2sProblems(
            settingsOf(azureNativeServerConfigurations.read({ properties: { ...properties, aadAuthenticationParameters: { aadTenant: properties.aadAuthenticationParameters.aadTenant } } })),
            [],
        );
        expect(problems.map((p) => String(p.message).split(" ")[0])).toEqual([
            "properties.aadAuthenticationParameters.aadIssuer",
            "properties.aadAuthenticationParameters.aadAudience",
        ]);
    });

    it("reads the settings at the top level (older SDK shape)", () => {
        const problems = p2sProblems(settingsOf(azureNativeServerConfigurations.read({ ...properties, vpnProtocols: ["IkeV2", "OpenVPN"] })), []);
        expect(problems.map((p) => String(p.message))).toEqual([
            'vpnProtocols enables IkeV2, which cannot use Microsoft Entra sign-in. Set vpnProtocols to ["OpenVPN"]: Microsoft Entra sign-in works only over OpenVPN.',
        ]);
    });

    it("infers RADIUS from radius servers when no types are listed", () => {
        const problems = p2sProblems(
            settingsOf(azureNativeServerConfigurations.read({ properties: { vpnProtocols: ["OpenVPN"], radiusServers: [{ radiusServerAddress: "10.0.0.5" }] } })),
            [],
        );
        expect(String(problems[0].message)).toContain("Azure infers Radius authentication from properties.radiusServers");
    });

    it("reports unknown or malformed properties", () => {
        const unknown = azureNativeServerConfigurations.read({ properties: UNKNOWN_STRING });
        expect(unknown.kind === "problem" && unknown.problem.unknown).toBe(true);
        const malformed = azureNativeServerConfigurations.read({ properties: ["AAD"] });
        expect(malformed.kind === "problem" && !malformed.problem.unknown).toBe(true);
        const aadUnknown = p2sProblems(settingsOf(azureNativeServerConfigurations.read({ properties: { ...properties, aadAuthenticationParameters: UNKNOWN_STRING } })), []);
        expect(aadUnknown.map((p) => p.unknown)).toEqual([true]);
    });
});

describe("p2sProblems on a classic (azurerm) Virtual WAN VpnServerConfiguration", () => {
    const entraConfig = {
        vpnAuthenticationTypes: ["AAD"],
        vpnProtocols: ["OpenVPN"],
        azureActiveDirectoryAuthentications: [
            { tenant: `https://login.microsoftonline.com/${TENANT}`, audience: AUDIENCE, issuer: `https://sts.windows.net/${TENANT}/` },
        ],
    };
    const classicMessages = (props: Record<string, unknown>, allowed: string[] = []) =>
        p2sProblems(settingsOf(classicServerConfigurations.read(props)), allowed).map((p) => `${p.unknown ? "unknown" : "violation"}: ${p.message}`);

    it("reads the top-level settings and the first Entra block, with leftover root certificates beside AAD", () => {
        expect(classicMessages(entraConfig)).toEqual([]);
        expect(classicMessages({ ...entraConfig, clientRootCertificates: [{ name: "old-root", publicCertData: "MIIC..." }] })).toEqual([]);
        expect(classicMessages(entraConfig, [OTHER_TENANT])).toEqual([
            `violation: azureActiveDirectoryAuthentications[0].tenant names tenant ${TENANT}, which is not in allowedTenantIds: sign in through an approved tenant, or add it to allowedTenantIds.`,
        ]);
    });

    it("reads the empty lists azurerm sends for unset blocks as unset", () => {
        expect(classicMessages({ ...entraConfig, azureActiveDirectoryAuthentications: [], vpnProtocols: [], clientRootCertificates: [], __defaults: [] })).toEqual([
            "violation: azureActiveDirectoryAuthentications[0].tenant is not set: Entra authentication needs the tenant. Set it to https://login.microsoftonline.com/<tenant-id>.",
            "violation: azureActiveDirectoryAuthentications[0].issuer is not set: Entra authentication needs the tenant. Set it to https://sts.windows.net/<tenant-id>/.",
            "violation: azureActiveDirectoryAuthentications[0].audience is not set: set it to the application ID of the Azure VPN Client (c632b3df-fb67-4d84-bdcf-b95ad541b5c8 for the Microsoft-registered app).",
            'violation: vpnProtocols is not set, so Azure uses its default protocols rather than OpenVPN only. Set vpnProtocols to ["OpenVPN"]: Microsoft Entra sign-in works only over OpenVPN.',
        ]);
    });

    it("infers certificate authentication from client root certificates, but not RADIUS from a radius block azurerm does not send", () => {
        const rootCertificates = { clientRootCertificates: [{ name: "root", publicCertData: "MIIC..." }] };
        expect(classicMessages({ vpnAuthenticationTypes: [], vpnProtocols: ["OpenVPN"], ...rootCertificates })).toEqual([
            'violation: vpnAuthenticationTypes is not set, so Azure infers Certificate authentication from clientRootCertificates, which does not go through Microsoft Entra ID. Set vpnAuthenticationTypes to ["AAD"] with tenant, audience and issuer in azureActiveDirectoryAuthentications[0], so that every point-to-site user signs in with Microsoft Entra ID and Conditional Access.',
        ]);
        const radius = { radius: { servers: [{ address: "10.0.1.4", secret: "SECRET-MARKER", score: 1 }] } };
        const found = classicMessages({ ...entraConfig, vpnAuthenticationTypes: [], ...radius });
        expect(found).toEqual([expect.stringMatching(/^violation: vpnAuthenticationTypes is not set, so point-to-site users do not sign in with Microsoft Entra ID\./)]);
        expect(classicMessages({ ...entraConfig, vpnAuthenticationTypes: ["Radius"], ...radius }).join()).not.toContain("SECRET-MARKER");
    });

    it("treats an unknown Entra block, or an unknown element of it, as undecided", () => {
        for (const azureActiveDirectoryAuthentications of [UNKNOWN_STRING, [UNKNOWN_STRING]]) {
            expect(classicMessages({ ...entraConfig, azureActiveDirectoryAuthentications })).toEqual([
                "unknown: azureActiveDirectoryAuthentications[0] cannot be known during preview, so the Entra tenant cannot be verified.",
            ]);
        }
        expect(classicMessages({ ...entraConfig, azureActiveDirectoryAuthentications: [{ tenant: "https://login.microsoftonline.com/common", audience: AUDIENCE, issuer: UNKNOWN_STRING }] })).toEqual([
            "violation: azureActiveDirectoryAuthentications[0].tenant names common instead of a tenant, which lets accounts of other tenants sign in. Set it to https://login.microsoftonline.com/<tenant-id> with your tenant ID.",
            "unknown: azureActiveDirectoryAuthentications[0].issuer cannot be known during preview, so the Entra tenant cannot be verified.",
        ]);
    });
});
