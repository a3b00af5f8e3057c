// Findings about input that cannot be interpreted are reported with kind "malformed" and so are never
// exempted, while the other findings of the same policy on the same resource are: one case per shape
// of report (a Problem from an Azure module, a list of problems in one finding, a flag the policy
// threads itself).
import { describe, expect, it } from "vitest";
import { addDays, today } from "../../policy-pack/src/engine/days";
import { run } from "../harness/pack";
import { FixtureResource, ref, resource, secret } from "../harness/stack";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const AUDIENCE = "c632b3df-fb67-4d84-bdcf-b95ad541b5c8";

function exempting(policy: string, name: string) {
    return { [policy]: { exemptions: [{ resources: [name], expires: addDays(today(), 10), category: "waiver", reason: "migration" }] } };
}

/** `level exempted?` per finding of `policy` on resource `name`, sorted, with a fragment of its message. */
async function outcomes(fixtures: FixtureResource[], policy: string, name: string, stackTags?: Record<string, string>) {
    const evaluation = await run(fixtures, { policyConfig: exempting(policy, name), ...(stackTags ? { stackTags } : {}) });
    return evaluation.findings
        .filter((f) => f.policyName === policy && f.urn.endsWith(`::${name}`))
        .map((f) => ({ level: f.enforcementLevel, exempted: f.exemption !== undefined, message: f.message }));
}

describe("malformed input is never exempted", () => {
    it("bastion-hardening: an unrecognised SKU blocks, a shareable link is exempted", async () => {
        const found = await outcomes(
            [
                resource("azure-native:network:BastionHost", "bastion", {
                    resourceGroupName: "rg-admin",
                    location: "westeurope",
                    sku: { name: "Gold" },
                    enableShareableLink: true,
                    tags: { securityLevel: "specialized" },
                }),
            ],
            "bastion-hardening",
            "bastion",
        );
        expect(found.filter((f) => f.exempted).map((f) => f.level)).toEqual(["advisory"]);
        expect(found.filter((f) => f.exempted)[0].message).toMatch(/enableShareableLink is true/);
        const kept = found.filter((f) => !f.exempted);
        expect(kept.map((f) => f.level)).toEqual(["mandatory"]);
        expect(kept[0].message).toMatch(/^sku\.name is not one of Developer, Basic, Standard or Premium/);
    });

    it("vpn-gateway-entra-auth: a protocol list that is not a list blocks, certificate authentication is exempted", async () => {
        const found = await outcomes(
            [
                resource("azure-native:network:VirtualNetworkGateway", "gateway", {
                    resourceGroupName: "rg-connectivity",
                    location: "westeurope",
                    gatewayType: "Vpn",
                    vpnType: "RouteBased",
                    sku: { name: "VpnGw2AZ", tier: "VpnGw2AZ" },
                    vpnClientConfiguration: {
                        vpnClientAddressPool: { addressPrefixes: ["172.16.201.0/24"] },
                        vpnClientProtocols: "OpenVPN",
                        vpnAuthenticationTypes: ["AAD", "Certificate"],
                        aadTenant: `https://login.microsoftonline.com/${TENANT}`,
                        aadAudience: AUDIENCE,
                        aadIssuer: `https://sts.windows.net/${TENANT}/`,
                    },
                }),
            ],
            "vpn-gateway-entra-auth",
            "gateway",
        );
        expect(found.filter((f) => f.exempted).map((f) => f.message)).toEqual([
            expect.stringMatching(/^exempted until .*: vpnClientConfiguration\.vpnAuthenticationTypes allows Certificate/),
        ]);
        expect(found.filter((f) => !f.exempted).map((f) => [f.level, f.message])).toEqual([
            ["mandatory", expect.stringMatching(/^vpnClientConfiguration\.vpnClientProtocols is not a list of protocols/)],
        ]);
    });

    it("vm-entra-login: an identity that is not an object blocks, a missing extension is exempted", async () => {
        const found = await outcomes(
            [
                resource("azure-native:compute:VirtualMachine", "jumpVm", {
                    resourceGroupName: "rg-jump",
                    location: "westeurope",
                    hardwareProfile: { vmSize: "Standard_D2s_v5" },
                    identity: "SystemAssigned",
                    osProfile: { computerName: "jump", adminUsername: "azureuser", adminPassword: secret("x"), windowsConfiguration: {} },
                    storageProfile: {
                        imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" },
                    },
                }),
            ],
            "vm-entra-login",
            "jumpVm",
        );
        expect(found.filter((f) => f.exempted).map((f) => f.message)).toEqual([expect.stringMatching(/no Microsoft Entra login extension is installed/)]);
        expect(found.filter((f) => !f.exempted).map((f) => [f.level, f.message])).toEqual([["mandatory", expect.stringMatching(/^identity is not an object/)]]);
    });

    it("privileged-jit-access: one finding listing an unparsable duration blocks; one listing only a long duration is exempted", async () => {
        const jit = (name: string, maxRequestAccessDuration: string) =>
            resource("azure-native:security:JitNetworkAccessPolicy", name, {
                resourceGroupName: "rg-admin",
                ascLocation: "westeurope",
                kind: "Basic",
                virtualMachines: [{ id: ref("jumpVm"), ports: [{ number: 3389, protocol: "TCP", allowedSourceAddressPrefix: "10.0.0.0/24", maxRequestAccessDuration }] }],
            });
        const fixtures = [
            resource("azure-native:compute:VirtualMachine", "jumpVm", { resourceGroupName: "rg-admin", location: "westeurope", tags: { securityLevel: "privileged" } }),
            jit("jitLong", "PT8H"),
            jit("jitUnparsable", "8 hours"),
        ];
        const long = await outcomes(fixtures, "privileged-jit-access", "jitLong");
        const unparsable = await outcomes(fixtures, "privileged-jit-access", "jitUnparsable");
        expect(long.map((f) => [f.level, f.exempted])).toEqual([["advisory", true]]);
        expect(unparsable.map((f) => [f.level, f.exempted])).toEqual([["mandatory", false]]);
        expect(unparsable[0].message).toMatch(/is not an ISO 8601 duration/);
    });
});
