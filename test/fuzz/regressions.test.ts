// Inputs the fuzzer found failing, minimised by hand, replayed through the same oracle (no RPC error,
// deterministic, no secret marker in a message, never "can't run", enforcement levels respected,
// remediations keep secrets secret) plus what each case specifically broke.
import { describe, expect, it } from "vitest";
import { SECRET_SIG, SIG_KEY } from "../../checker/engine/wire";
import { pack } from "../harness/pack";
import { Batch, GeneratedResource, runBatch } from "./support/batch";

const MARKER = "S3cr3t#5f0c9e2a7b4d1e8c3a6f0b2d!";

async function replay(resources: GeneratedResource[], context: Partial<Batch> = {}) {
    const outcome = await runBatch(await pack(process.env.FUZZ_PACK_DIR), { mode: "first-preview", stackTags: {}, policyConfig: {}, resources, ...context });
    expect(outcome.failures).toEqual([]);
    return outcome.evaluation!;
}

const nsgWithProtocol = (protocol: string): GeneratedResource => ({
    token: "azure-native:network:NetworkSecurityGroup",
    inputs: {
        resourceGroupName: "rg",
        networkSecurityGroupName: "nsg",
        securityRules: [{ name: "r", direction: "Inbound", access: "Allow", protocol, priority: 100, sourceAddressPrefix: "*", destinationPortRange: "3389" }],
    },
});

describe("fuzz regressions", () => {
    // Found by the random-tree fuzzer (seed 424242): a Bastion host with a top-level secret input, with
    // bastion-hardening set to remediate. The remediation spread the secrets-preserving proxy, whose
    // get trap unwraps secrets: the rewritten inputs carried the secret in plain text.
    it("bastion-hardening's remediation keeps top-level secret inputs secret", async () => {
        const evaluation = await replay(
            [
                {
                    token: "azure-native:network:BastionHost",
                    inputs: { bastionHostName: "bas-admin", enableShareableLink: true, disableCopyPaste: { $secret: MARKER }, tags: { $secret: { owner: MARKER } } },
                },
            ],
            { policyConfig: { "bastion-hardening": "remediate" } },
        );
        const [remediation] = evaluation.remediations;
        expect(remediation.properties.enableShareableLink).toBe(false);
        expect(remediation.properties.disableCopyPaste).toEqual({ [SIG_KEY]: SECRET_SIG, value: MARKER });
        expect(remediation.properties.tags).toEqual({ [SIG_KEY]: SECRET_SIG, value: { owner: MARKER } });
    });

    it("bastion-hardening's remediation turns a secret shareable-link flag off and keeps it secret", async () => {
        const evaluation = await replay(
            [{ token: "azure-native:network:BastionHost", inputs: { bastionHostName: "bas-admin", enableShareableLink: { $secret: true } } }],
            { policyConfig: { "bastion-hardening": "remediate" } },
        );
        expect(evaluation.remediations[0].properties.enableShareableLink).toEqual({ [SIG_KEY]: SECRET_SIG, value: false });
    });

    // Found by the random-tree fuzzer (seed 424242): protocol words were looked up in plain objects,
    // so `constructor` and `__proto__` found Object.prototype members and the policies threw
    // ("v.includes is not a function") — one odd string failed the whole preview.
    describe.each(["constructor", "__proto__", "\tconstructor\n"])("a protocol spelled %j", (protocol) => {
        it("is an NSG rule value Azure would not read, reported by no-direct-rdp, not a crash", async () => {
            const evaluation = await replay([nsgWithProtocol(protocol)]);
            expect(evaluation.findings.filter((f) => f.policyName === "no-direct-rdp").map((f) => f.enforcementLevel)).toEqual(["mandatory"]);
        });

        it("is an NSG rule value in front of a VM, reported by vm-not-directly-reachable, not a crash", async () => {
            const evaluation = await replay(
                [
                    { token: "azure-native:network:VirtualNetwork", inputs: { resourceGroupName: "rg", virtualNetworkName: "vnet", subnets: [{ name: "default", addressPrefix: "10.0.0.0/24" }] } },
                    { token: "azure-native:network:PublicIPAddress", inputs: { resourceGroupName: "rg", publicIpAddressName: "pip", sku: { name: "Standard" } } },
                    nsgWithProtocol(protocol),
                    {
                        token: "azure-native:network:NetworkInterface",
                        inputs: {
                            resourceGroupName: "rg",
                            networkInterfaceName: "nic",
                            networkSecurityGroup: { id: { $ref: 2, prop: "id" } },
                            ipConfigurations: [{ name: "ip", subnet: { id: { $ref: 0, prop: "id", suffix: "/subnets/default" } }, publicIPAddress: { id: { $ref: 1, prop: "id" } } }],
                        },
                    },
                    { token: "azure-native:compute:VirtualMachine", inputs: { resourceGroupName: "rg", vmName: "vm", networkProfile: { networkInterfaces: [{ id: { $ref: 3, prop: "id" } }] } } },
                ],
                { policyConfig: { "no-direct-rdp": "disabled", "no-direct-management-ports": "disabled" } },
            );
            expect(evaluation.findings.some((f) => f.policyName === "vm-not-directly-reachable" && f.enforcementLevel === "mandatory")).toBe(true);
        });

        it("is a load balancer NAT rule value Azure would not read, not a crash", async () => {
            const evaluation = await replay([
                {
                    token: "azure-native:network:InboundNatRule",
                    inputs: { loadBalancerName: ["NATRULE"], inboundNatRuleName: "web-2", protocol, frontendPort: { $secret: { $secret: null } }, backendPort: "\tVirtualNetwork\n", resourceGroupName: "AfterDateTime" },
                },
            ]);
            expect(evaluation.findings.some((f) => f.policyName === "no-direct-rdp" && f.enforcementLevel === "mandatory")).toBe(true);
        });

        it("is a firewall DNAT protocol Azure would not read, not a crash", async () => {
            const evaluation = await replay([
                {
                    token: "azure-native:network:AzureFirewall",
                    inputs: {
                        resourceGroupName: "rg",
                        azureFirewallName: "fw",
                        natRuleCollections: [{ name: "dnat", priority: 100, action: { type: "Dnat" }, rules: [{ name: "rdp", protocols: [protocol], sourceAddresses: ["*"], destinationPorts: ["50000"], translatedAddress: "10.0.0.4", translatedPort: "3389" }] }],
                    },
                },
            ]);
            expect(evaluation.findings.some((f) => f.policyName === "no-direct-rdp" && f.enforcementLevel === "mandatory")).toBe(true);
        });
    });
});
