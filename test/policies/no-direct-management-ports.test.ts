// no-direct-management-ports through the engine protocol: the doors of no-direct-rdp for SSH and
// WinRM (22, 5985, 5986 by default) and for configured `ports`, with Deny coverage per port,
// approvals, unknowns by level and malformed inputs — in both modes.
import { describe, expect, it } from "vitest";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, SUBSCRIPTION, unknown } from "../harness/stack";

const POLICY = "no-direct-management-ports";
const RG = "rg-mgmt";
const NSG = "azure-native:network:NetworkSecurityGroup";
const RULE = "azure-native:network:SecurityRule";
const PIP = "azure-native:network:PublicIPAddress";
const LB = "azure-native:network:LoadBalancer";
const FIREWALL = "azure-native:network:AzureFirewall";

type Inputs = Record<string, unknown>;

function allowSsh(overrides: Inputs = {}): Inputs {
    const rule: Inputs = {
        name: "allow-ssh",
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        priority: 300,
        sourceAddressPrefix: "Internet",
        sourcePortRange: "*",
        destinationAddressPrefix: "*",
        destinationPortRange: "22",
        ...overrides,
    };
    return Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined));
}

function deny(overrides: Inputs = {}): Inputs {
    return allowSsh({ name: "deny-mgmt", access: "Deny", priority: 100, ...overrides });
}

function nsg(name: string, rules: unknown[], extra: Inputs = {}): FixtureResource {
    return resource(NSG, name, {
        resourceGroupName: RG,
        networkSecurityGroupName: `nsg-${name.toLowerCase()}`,
        location: "westeurope",
        securityRules: rules,
        ...extra,
    });
}

const pip = resource(PIP, "lbPip", { resourceGroupName: RG, publicIpAddressName: "pip-lb", location: "westeurope", sku: { name: "Standard" } });

function publicLb(name: string, rules: Inputs): FixtureResource {
    const lbName = `lb-${name.toLowerCase()}`;
    const fe = { id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Network/loadBalancers/${lbName}/frontendIPConfigurations/fe` };
    return resource(LB, name, {
        resourceGroupName: RG,
        loadBalancerName: lbName,
        location: "westeurope",
        sku: { name: "Standard" },
        frontendIPConfigurations: [{ name: "fe", publicIPAddress: { id: ref("lbPip") } }],
        ...Object.fromEntries(Object.entries(rules).map(([k, v]) => [k, (v as Inputs[]).map((r) => ({ frontendIPConfiguration: fe, ...r }))])),
    });
}

function firewall(name: string, translatedPort: string, sourceAddresses: string[] = ["*"]): FixtureResource {
    return resource(FIREWALL, name, {
        resourceGroupName: RG,
        azureFirewallName: `fw-${name.toLowerCase()}`,
        location: "westeurope",
        natRuleCollections: [
            {
                name: "dnat",
                priority: 100,
                action: { type: "Dnat" },
                rules: [
                    {
                        name: "mgmt",
                        protocols: ["TCP"],
                        sourceAddresses,
                        destinationAddresses: ["20.50.60.70"],
                        destinationPorts: ["60000"],
                        translatedAddress: "10.0.1.4",
                        translatedPort,
                    },
                ],
            },
        ],
    });
}

const stack: FixtureResource[] = [
    pip,
    nsg("invalidSshNsg", [allowSsh()]),
    nsg("invalidSshUdpNsg", [allowSsh({ protocol: "UDP" })]),
    nsg("invalidWinRmNsg", [allowSsh({ destinationPortRange: "5985" })]),
    nsg("invalidWinRmHttpsNsg", [allowSsh({ destinationPortRange: undefined, destinationPortRanges: ["443", "5986"] })]),
    nsg("invalidWinRmRangeNsg", [allowSsh({ destinationPortRange: "5980-5990", sourceAddressPrefix: "203.0.113.0/24" })]),
    nsg("invalidPartlyDeniedNsg", [allowSsh({ destinationPortRange: "*" }), deny({ destinationPortRange: "22" })]),
    nsg("validRdpOnlyNsg", [allowSsh({ destinationPortRange: "3389" })]),
    nsg("validPrivateSshNsg", [allowSsh({ sourceAddressPrefix: "10.0.0.0/8" })]),
    nsg("validDeniedNsg", [allowSsh({ destinationPortRange: "*" }), deny({ destinationPortRange: "*", protocol: "*" })]),
    nsg("validDeniedPortsNsg", [
        allowSsh({ destinationPortRange: "*" }),
        deny({ destinationPortRange: undefined, destinationPortRanges: ["22", "5985-5986"], protocol: "*" }),
    ]),
    nsg("validStandaloneDenyNsg", [allowSsh()]),
    resource(RULE, "validStandaloneDenyRule", {
        resourceGroupName: RG,
        networkSecurityGroupName: ref("validStandaloneDenyNsg", "name"),
        securityRuleName: "deny-ssh",
        direction: "Inbound",
        access: "Deny",
        protocol: "Tcp",
        priority: 100,
        sourceAddressPrefix: "*",
        sourcePortRange: "*",
        destinationAddressPrefix: "*",
        destinationPortRange: "22",
    }),
    publicLb("invalidSshNatLb", { inboundNatRules: [{ name: "ssh-vm1", protocol: "Tcp", frontendPort: 50022, backendPort: 22 }] }),
    publicLb("invalidWinRmLbRuleLb", { loadBalancingRules: [{ name: "winrm", protocol: "Tcp", frontendPort: 5986, backendPort: 5986 }] }),
    publicLb("validRdpLb", { inboundNatRules: [{ name: "rdp", protocol: "Tcp", frontendPort: 50001, backendPort: 3389 }] }),
    firewall("invalidWinRmDnatFirewall", "5986"),
    firewall("validPrivateDnatFirewall", "22", ["192.168.0.0/16"]),
    firewall("validRdpDnatFirewall", "3389"),
];

const expected = (names: string[], level: "mandatory" | "advisory" = "mandatory") => names.map((n) => `${POLICY} ${n} ${level}`).sort();

const invalidByDefault = stack.filter((f) => f.name.startsWith("invalid")).map((f) => f.name);

describe.each<Mode>(["known", "first-preview"])("no-direct-management-ports (%s ids)", (mode) => {
    it("blocks SSH and WinRM doors from the internet, and only those", async () => {
        const result = await run(stack, { mode });
        expect(verdicts(result, POLICY)).toEqual(expected(invalidByDefault));
        expect(verdicts(await run(stack, { mode, stackTags: { securityLevel: "privileged" } }), POLICY)).toEqual(expected(invalidByDefault));
    });

    it("names each exposed port, and Deny coverage counts per port", async () => {
        const result = await run(stack, { mode });
        const of = (name: string) => result.findings.filter((f) => f.policyName === POLICY && f.urn.endsWith(`::${name}`)).map((f) => f.message);
        expect(of("invalidPartlyDeniedNsg")).toEqual([
            "Inbound security rule allow-ssh (securityRules[0]) admits inbound TCP to port 5985 (WinRM) and TCP to port 5986 (WinRM over HTTPS) from the internet (source: service tag Internet); no higher-priority Deny rule of the NSG covers it. Restrict the source to private ranges, VirtualNetwork or application security groups (or approve a prefix in allowedSourcePrefixes), add a higher-priority Deny rule for these sources, or remove the rule; reach the VMs through Azure Bastion or just-in-time VM access instead.",
        ]);
        expect(of("invalidSshNatLb")).toEqual([
            "Inbound NAT rule ssh-vm1 (inboundNatRules[0]) forwards TCP to backend port 22 (SSH) from a public frontend: a direct door from the internet, whatever the backend NSG says. Remove the rule or move it to an internal frontend; reach the VMs through Azure Bastion or just-in-time VM access instead.",
        ]);
        expect(of("invalidWinRmDnatFirewall")[0]).toContain("translates TCP to port 5986 (WinRM over HTTPS) from the internet (source: *)");
    });

    it("checks the configured ports instead of the defaults", async () => {
        const custom = [
            pip,
            nsg("invalidCustomPortNsg", [allowSsh({ destinationPortRange: "2222" })]),
            nsg("validDefaultPortNsg", [allowSsh()]),
            publicLb("invalidCustomPortLb", { inboundNatRules: [{ name: "ssh-alt", protocol: "Tcp", frontendPort: 50022, backendPort: 2222 }] }),
        ];
        const result = await run(custom, { mode, policyConfig: { [POLICY]: { ports: [2222] } } });
        expect(verdicts(result, POLICY)).toEqual(expected(["invalidCustomPortLb", "invalidCustomPortNsg"]));
        expect(messagesOf(result).join("\n")).toContain("TCP to port 2222 from the internet");
        expect(verdicts(await run(custom, { mode }), POLICY)).toEqual(expected(["validDefaultPortNsg"]));
    });

    it("honours allowedSourcePrefixes", async () => {
        const fixtures = [nsg("validApprovedNsg", [allowSsh({ sourceAddressPrefix: "198.51.100.10" })]), firewall("validApprovedFirewall", "22", ["198.51.100.10"])];
        expect(verdicts(await run(fixtures, { mode }), POLICY)).toEqual(expected(["validApprovedFirewall", "validApprovedNsg"]));
        const approved = await run(fixtures, { mode, policyConfig: { [POLICY]: { allowedSourcePrefixes: ["198.51.100.0/28"] } } });
        expect(verdicts(approved, POLICY)).toEqual([]);
    });

    it("reports unknowns by level and malformed values always", async () => {
        const fixtures = [
            nsg("invalidUnknownSourceNsg", [allowSsh({ sourceAddressPrefix: unknown() })]),
            nsg("invalidBadPortNsg", [allowSsh({ destinationPortRange: "22-ssh" })]),
            nsg("invalidNullRuleNsg", [null]),
        ];
        expect(verdicts(await run(fixtures, { mode }), POLICY)).toEqual([
            ...expected(["invalidBadPortNsg", "invalidNullRuleNsg"]),
            ...expected(["invalidUnknownSourceNsg"], "advisory"),
        ]);
        const privileged = await run(fixtures, { mode, stackTags: { securityLevel: "privileged" } });
        expect(verdicts(privileged, POLICY)).toEqual(expected(["invalidBadPortNsg", "invalidNullRuleNsg", "invalidUnknownSourceNsg"]));
        expect(messagesOf(privileged)).toContain(
            "Cannot decide whether the internet can reach port 22 (SSH), 5985 (WinRM) or 5986 (WinRM over HTTPS): securityRules[0] is missing or cannot be interpreted (Azure would not read the value as intended). Write ports as 3389, 3000-4000 or *, protocols and directions as Azure names them, and sources as addresses, CIDRs or service tags.",
        );
    });
});
