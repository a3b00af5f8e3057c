// The engine-protocol harness itself, driving a small fixture pack with real checks.
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { AnalyzerClient, resolveRunPolicyPack } from "../../checker/engine/analyzer-client";
import { pack, run, verdicts } from "../harness/pack";
import { Mode, ref, resource, secret, unknown } from "../harness/stack";

const FIXTURE_PACK = path.resolve(__dirname, "../fixtures/fixture-pack");
const NSG = "azure-native:network:NetworkSecurityGroup";
const NIC = "azure-native:network:NetworkInterface";

const openRule = {
    name: "rdp-from-anywhere",
    access: "Allow",
    direction: "Inbound",
    protocol: "Tcp",
    priority: 100,
    sourceAddressPrefix: "*",
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: "3389",
    description: secret("SECRET-MARKER-7f3a"),
};

const stack = [
    resource(NSG, "validNsg", { resourceGroupName: "rg", securityRules: [] }),
    resource(NSG, "invalidNsg", { resourceGroupName: "rg", securityRules: [openRule] }),
    resource(NIC, "validNic", {
        resourceGroupName: "rg",
        networkSecurityGroup: { id: ref("validNsg") },
        ipConfigurations: [{ name: "ip", subnet: { id: "/subscriptions/x/subnet" } }],
    }),
    resource(NIC, "invalidNicWithoutNsg", { resourceGroupName: "rg", ipConfigurations: [] }),
    resource(NIC, "invalidNicUnknownNsg", { resourceGroupName: "rg", networkSecurityGroup: { id: unknown() } }),
];

describe.each<Mode>(["known", "first-preview"])("fixture pack through the harness (%s ids)", (mode) => {
    it("reports exactly the expected violations at the stack's level", async () => {
        const result = await run(stack, { packDir: FIXTURE_PACK, mode });
        expect(verdicts(result)).toEqual([
            "fixture-nic-has-nsg invalidNicUnknownNsg advisory",
            "fixture-nic-has-nsg invalidNicWithoutNsg mandatory",
            "fixture-no-open-rdp-rule invalidNsg mandatory",
        ]);
    });

    it("blocks an untraceable unknown at the privileged level", async () => {
        const result = await run(stack, { packDir: FIXTURE_PACK, mode, stackTags: { securityLevel: "Privileged" } });
        expect(verdicts(result, "fixture-nic-has-nsg")).toEqual([
            "fixture-nic-has-nsg invalidNicUnknownNsg mandatory",
            "fixture-nic-has-nsg invalidNicWithoutNsg mandatory",
        ]);
    });

    it("never echoes a secret and never degrades to a can't-run advisory", async () => {
        const result = await run(stack, { packDir: FIXTURE_PACK, mode });
        const text = JSON.stringify(result.findings);
        expect(text).not.toContain("SECRET-MARKER-7f3a");
        expect(text).not.toContain("during preview: ");
        expect(result.findings.find((f) => f.policyName === "fixture-no-open-rdp-rule")?.message).toBe(
            "securityRules[0] (rdp-from-anywhere) allows 3389 from any source.",
        );
    });
});

describe("fixture pack protocol", () => {
    it("passes PulumiPolicy.yaml nodeargs after the run-policy-pack script, where node does not apply them", async () => {
        const dir = path.resolve(__dirname, "../fixtures/nodeargs-pack");
        const client = await AnalyzerClient.start({ packDir: dir });
        try {
            expect(client.child.spawnargs.slice(1, 5)).toEqual([resolveRunPolicyPack(dir), "--not-a-node-option", "--max-old-space-size=64", "127.0.0.1:0"]);
            expect((await client.getAnalyzerInfo()).name).toBe("nodeargs-pack");
        } finally {
            client.close();
        }
    });

    it("answers GetAnalyzerInfo with its name, version and policies", async () => {
        const client = await pack(FIXTURE_PACK);
        const info = await client.getAnalyzerInfo();
        expect(info.name).toBe("fixture-pack");
        expect(info.version).toBe("1.2.3");
        expect(info.policies.map((p) => [p.name, p.policyType])).toEqual([
            ["fixture-no-open-rdp-rule", "resource"],
            ["fixture-nic-has-nsg", "resource"],
        ]);
    });

    it("reports an invalid stack tag on the stack and judges the resources at privileged", async () => {
        const result = await run(stack, { packDir: FIXTURE_PACK, stackTags: { securityLevel: "privilegd" } });
        expect(verdicts(result, "fixture-nic-has-nsg")).toEqual([
            "fixture-nic-has-nsg (stack) mandatory",
            "fixture-nic-has-nsg (stack) mandatory",
            "fixture-nic-has-nsg (stack) mandatory",
            "fixture-nic-has-nsg invalidNicUnknownNsg mandatory",
            "fixture-nic-has-nsg invalidNicWithoutNsg mandatory",
        ]);
    });
});
