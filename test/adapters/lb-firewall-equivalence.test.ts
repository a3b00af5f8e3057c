// Load balancer and firewall doors on both providers. The same rule, written once per provider, gives
// the same verdict from no-direct-rdp and no-direct-management-ports. Where the finding lands follows
// each provider's resources (DESIGN §3c): an azure-native rule written inline is reported on its load
// balancer or firewall, a classic rule is a resource of its own (azure:lb/natRule, natPool, rule,
// azure:network/firewallNatRuleCollection) and is reported on itself — so each case names the native
// holder and the classic rule alike.
import { describe, expect, it } from "vitest";
import { Evaluation, resourceNameOf } from "../../checker/engine/evaluate";
import { run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource } from "../harness/stack";

const RG = "rg-hub";
const RDP = "no-direct-rdp";
const MGMT = "no-direct-management-ports";

type RuleKind = "natRule" | "natPool" | "lbRule";

interface LbCase {
    name: string;
    frontend: "public" | "internal";
    kind: RuleKind;
    protocol: string;
    backendPort: number;
    frontendPort?: number;
    floatingIp?: boolean;
}

const LB_CASES: LbCase[] = [
    { name: "invalidNatRule", frontend: "public", kind: "natRule", protocol: "Tcp", frontendPort: 50001, backendPort: 3389 },
    { name: "invalidNatPool", frontend: "public", kind: "natPool", protocol: "Udp", backendPort: 3389 },
    { name: "invalidSshNatPool", frontend: "public", kind: "natPool", protocol: "Tcp", backendPort: 22 },
    { name: "invalidHaPortsRule", frontend: "public", kind: "lbRule", protocol: "All", frontendPort: 0, backendPort: 0 },
    { name: "invalidFloatingIpRule", frontend: "public", kind: "lbRule", protocol: "Tcp", frontendPort: 3389, backendPort: 8443, floatingIp: true },
    { name: "validWebRule", frontend: "public", kind: "lbRule", protocol: "Tcp", frontendPort: 443, backendPort: 443 },
    { name: "validDisguisedNatRule", frontend: "public", kind: "natRule", protocol: "Tcp", frontendPort: 3389, backendPort: 8443 },
    { name: "validInternalNatRule", frontend: "internal", kind: "natRule", protocol: "Tcp", frontendPort: 50001, backendPort: 3389 },
];

const shared: FixtureResource[] = [
    resource("azure-native:network:PublicIPAddress", "nativePip", { resourceGroupName: RG, publicIpAddressName: "pip-lb", sku: { name: "Standard" } }),
    resource("azure-native:network:VirtualNetwork", "nativeVnet", { resourceGroupName: RG, virtualNetworkName: "vnet-hub", subnets: [{ name: "workload", addressPrefix: "10.20.1.0/24" }] }),
    resource("azure:network/publicIp:PublicIp", "classicPip", { resourceGroupName: RG, name: "pip-lb-classic", location: "westeurope", allocationMethod: "Static", sku: "Standard" }),
    resource("azure:network/virtualNetwork:VirtualNetwork", "classicVnet", { resourceGroupName: RG, name: "vnet-hub-classic", location: "westeurope", addressSpaces: ["10.30.0.0/16"] }),
    resource("azure:network/subnet:Subnet", "classicSubnet", {
        resourceGroupName: RG,
        name: "workload",
        virtualNetworkName: ref("classicVnet", "name"),
        addressPrefixes: ["10.30.1.0/24"],
    }),
];

const NATIVE_LIST: Record<RuleKind, string> = { natRule: "inboundNatRules", natPool: "inboundNatPools", lbRule: "loadBalancingRules" };

function nativeLb(c: LbCase): FixtureResource {
    const lbName = `lb-${c.name.toLowerCase()}`;
    const frontend = c.frontend === "public" ? { name: "fe", publicIPAddress: { id: ref("nativePip") } } : { name: "fe", subnet: { id: ref("nativeVnet", "id", "/subnets/workload") } };
    const ports =
        c.kind === "natPool" ? { frontendPortRangeStart: 50000, frontendPortRangeEnd: 50119 } : { frontendPort: c.frontendPort };
    const rule = {
        name: "rule",
        protocol: c.protocol,
        backendPort: c.backendPort,
        ...ports,
        ...(c.floatingIp === undefined ? {} : { enableFloatingIP: c.floatingIp }),
        frontendIPConfiguration: { id: `/subscriptions/0/resourceGroups/${RG}/providers/Microsoft.Network/loadBalancers/${lbName}/frontendIPConfigurations/fe` },
    };
    return resource("azure-native:network:LoadBalancer", c.name, {
        resourceGroupName: RG,
        loadBalancerName: lbName,
        sku: { name: "Standard" },
        frontendIPConfigurations: [frontend],
        [NATIVE_LIST[c.kind]]: [rule],
    });
}

const CLASSIC_TYPE: Record<RuleKind, string> = { natRule: "azure:lb/natRule:NatRule", natPool: "azure:lb/natPool:NatPool", lbRule: "azure:lb/rule:Rule" };

/** A classic load balancer and its rule; after Check, the provider's defaults filled in and listed. */
function classicLb(c: LbCase, afterCheck: boolean): FixtureResource[] {
    const lbName = `${c.name}Lb`;
    const frontend =
        c.frontend === "public" ? { name: "fe", publicIpAddressId: ref("classicPip") } : { name: "fe", subnetId: ref("classicSubnet"), privateIpAddressAllocation: "Dynamic" };
    const ports = c.kind === "natPool" ? { frontendPortStart: 50000, frontendPortEnd: 50119 } : { frontendPort: c.frontendPort };
    const written: Record<string, unknown> = {
        resourceGroupName: RG,
        loadbalancerId: ref(lbName),
        name: "rule",
        frontendIpConfigurationName: "fe",
        protocol: c.protocol,
        backendPort: c.backendPort,
        ...ports,
        ...(c.floatingIp === undefined ? {} : { floatingIpEnabled: c.floatingIp }),
    };
    const defaults = { floatingIpEnabled: false, tcpResetEnabled: false, idleTimeoutInMinutes: 4 };
    const filled = Object.keys(defaults).filter((k) => !(k in written));
    return [
        resource("azure:lb/loadBalancer:LoadBalancer", lbName, { resourceGroupName: RG, name: `lb-${c.name.toLowerCase()}`, location: "westeurope", sku: "Standard", frontendIpConfigurations: [frontend] }),
        resource(CLASSIC_TYPE[c.kind], c.name, afterCheck ? { ...defaults, ...written, __defaults: filled } : written),
    ];
}

interface FirewallCase {
    name: string;
    action: "Dnat" | "Snat";
    protocols: string[];
    sources: string[];
    translatedPort: number;
}

const FIREWALL_CASES: FirewallCase[] = [
    { name: "invalidDnatCollection", action: "Dnat", protocols: ["TCP"], sources: ["*"], translatedPort: 3389 },
    { name: "invalidUdpWinRmCollection", action: "Dnat", protocols: ["UDP"], sources: ["198.51.100.0/24"], translatedPort: 5986 },
    { name: "validPrivateCollection", action: "Dnat", protocols: ["TCP"], sources: ["10.0.0.0/8"], translatedPort: 3389 },
    { name: "validWebCollection", action: "Dnat", protocols: ["TCP"], sources: ["*"], translatedPort: 443 },
    { name: "validSnatCollection", action: "Snat", protocols: ["TCP"], sources: ["*"], translatedPort: 3389 },
];

function dnatRule(c: FirewallCase, translatedPort: string | number): Record<string, unknown> {
    return {
        name: "rule",
        protocols: c.protocols,
        sourceAddresses: c.sources,
        destinationAddresses: ["203.0.113.10"],
        destinationPorts: ["50001"],
        translatedAddress: "10.20.1.4",
        translatedPort,
    };
}

function nativeFirewall(c: FirewallCase): FixtureResource {
    return resource("azure-native:network:AzureFirewall", c.name, {
        resourceGroupName: RG,
        azureFirewallName: `fw-${c.name.toLowerCase()}`,
        natRuleCollections: [{ name: "dnat", priority: 100, action: { type: c.action }, rules: [dnatRule(c, String(c.translatedPort))] }],
    });
}

function classicFirewall(c: FirewallCase): FixtureResource[] {
    const fw = `${c.name}Firewall`;
    return [
        resource("azure:network/firewall:Firewall", fw, { resourceGroupName: RG, name: `fw-${c.name.toLowerCase()}`, location: "westeurope", skuName: "AZFW_VNet", skuTier: "Standard" }),
        resource("azure:network/firewallNatRuleCollection:FirewallNatRuleCollection", c.name, {
            resourceGroupName: RG,
            azureFirewallName: ref(fw, "name"),
            name: "dnat",
            priority: 100,
            action: c.action,
            rules: [dnatRule(c, String(c.translatedPort))],
        }),
    ];
}

/** Policy rule collection groups: the classic spelling keeps NAT collections apart, `translatedPort` a number. */
function nativeRcg(c: FirewallCase): FixtureResource {
    const { protocols, ...rule } = dnatRule(c, String(c.translatedPort));
    return resource("azure-native:network:FirewallPolicyRuleCollectionGroup", `${c.name}Rcg`, {
        resourceGroupName: RG,
        firewallPolicyName: ref("nativePolicy", "name"),
        ruleCollectionGroupName: `rcg-${c.name.toLowerCase()}`,
        priority: 200,
        ruleCollections: [
            {
                ruleCollectionType: "FirewallPolicyNatRuleCollection",
                name: "dnat",
                priority: 100,
                action: { type: c.action.toUpperCase() },
                rules: [{ ...rule, ruleType: "NatRule", ipProtocols: protocols }],
            },
        ],
    });
}

function classicRcg(c: FirewallCase): FixtureResource {
    const { destinationAddresses, destinationPorts, ...rule } = dnatRule(c, c.translatedPort);
    return resource("azure:network/firewallPolicyRuleCollectionGroup:FirewallPolicyRuleCollectionGroup", `${c.name}Rcg`, {
        name: `rcg-${c.name.toLowerCase()}`,
        firewallPolicyId: ref("classicPolicy"),
        priority: 200,
        natRuleCollections: [{ name: "dnat", priority: 100, action: c.action, rules: [{ ...rule, destinationAddress: "203.0.113.10", destinationPorts: "50001" }] }],
    });
}

const policies: FixtureResource[] = [
    resource("azure-native:network:FirewallPolicy", "nativePolicy", { resourceGroupName: RG, firewallPolicyName: "fwp-hub" }),
    resource("azure:network/firewallPolicy:FirewallPolicy", "classicPolicy", { resourceGroupName: RG, name: "fwp-hub-classic", location: "westeurope" }),
];

const EXPECTED: Record<string, string[]> = {
    [RDP]: [
        "invalidNatRule mandatory",
        "invalidNatPool mandatory",
        "invalidHaPortsRule mandatory",
        "invalidFloatingIpRule mandatory",
        "invalidDnatCollection mandatory",
    ],
    [MGMT]: ["invalidSshNatPool mandatory", "invalidHaPortsRule mandatory", "invalidUdpWinRmCollection mandatory"],
};

const RCG_EXPECTED: Record<string, string[]> = {
    [RDP]: ["invalidDnatCollectionRcg mandatory"],
    [MGMT]: ["invalidUdpWinRmCollectionRcg mandatory"],
};

const want = (policy: string, list: string[]) => list.map((v) => `${policy} ${v}`).sort();

function messagesOn(result: Evaluation, policy: string, resourceName: string): string[] {
    return result.findings.filter((f) => f.policyName === policy && resourceNameOf(f.urn) === resourceName).map((f) => f.message);
}

describe.each<Mode>(["known", "first-preview"])("load balancer and firewall doors on both providers (%s ids)", (mode) => {
    const nativeStack = [...shared, ...policies, ...LB_CASES.map(nativeLb), ...FIREWALL_CASES.map(nativeFirewall), ...FIREWALL_CASES.filter((c) => c.action === "Dnat").map(nativeRcg)];
    const classicStack = (afterCheck: boolean) => [
        ...shared,
        ...policies,
        ...LB_CASES.flatMap((c) => classicLb(c, afterCheck)),
        ...FIREWALL_CASES.flatMap(classicFirewall),
        ...FIREWALL_CASES.filter((c) => c.action === "Dnat").map(classicRcg),
    ];

    it.each([RDP, MGMT])("%s: azure-native", async (policy) => {
        const result = await run(nativeStack, { mode });
        expect(verdicts(result, policy)).toEqual(want(policy, [...EXPECTED[policy], ...RCG_EXPECTED[policy]]));
    });

    it.each([
        [RDP, false],
        [RDP, true],
        [MGMT, false],
        [MGMT, true],
    ] as const)("%s: classic (after Check: %s)", async (policy, afterCheck) => {
        const result = await run(classicStack(afterCheck), { mode });
        expect(verdicts(result, policy)).toEqual(want(policy, [...EXPECTED[policy], ...RCG_EXPECTED[policy]]));
    });

    it("classic messages name the classic rule and what it forwards", async () => {
        const result = await run(classicStack(false), { mode });
        expect(messagesOn(result, RDP, "invalidNatPool")).toEqual([
            expect.stringMatching(/^Inbound NAT pool rule forwards UDP to backend port 3389 \(RDP\) from a public frontend: a direct door/),
        ]);
        expect(messagesOn(result, RDP, "invalidDnatCollectionRcg")).toEqual([expect.stringContaining("(natRuleCollections[0].rules[0])")]);
        expect(messagesOn(result, RDP, "invalidDnatCollection")).toEqual([expect.stringContaining("(rules[0])")]);
    });
});

describe("a classic rule naming a frontend its load balancer does not have", () => {
    // With a public and an internal frontend, the load balancer as a whole decides nothing.
    const [publicLb, rule] = classicLb(LB_CASES[0], false);
    const frontends = [...(publicLb.inputs.frontendIpConfigurations as unknown[]), { name: "fe-internal", subnetId: ref("classicSubnet") }];
    const lb = { ...publicLb, inputs: { ...publicLb.inputs, frontendIpConfigurations: frontends } };
    const mistyped = { ...rule, name: "invalidFrontendNameRule", inputs: { ...rule.inputs, frontendIpConfigurationName: "fe-typo" } };
    it.each<Mode>(["known", "first-preview"])("cannot be decided, and the message names frontendIpConfigurationName (%s ids)", async (mode) => {
        const result = await run([...shared, lb, mistyped], { mode });
        expect(verdicts(result, RDP)).toEqual([`${RDP} invalidFrontendNameRule mandatory`]);
        expect(messagesOn(result, RDP, "invalidFrontendNameRule")).toEqual([
            expect.stringMatching(/^Cannot decide whether the internet can reach port 3389 \(RDP\): frontendIpConfigurationName is missing or cannot be interpreted/),
        ]);
    });
});

describe("classic IP groups as DNAT sources", () => {
    const ipGroupRcg = (name: string, group: string) =>
        resource("azure:network/firewallPolicyRuleCollectionGroup:FirewallPolicyRuleCollectionGroup", name, {
            name: `rcg-${name.toLowerCase()}`,
            firewallPolicyId: ref("classicPolicy"),
            priority: 200,
            natRuleCollections: [
                {
                    name: "dnat",
                    priority: 100,
                    action: "Dnat",
                    rules: [{ name: "rdp", protocols: ["TCP"], sourceIpGroups: [ref(group)], destinationAddress: "203.0.113.10", destinationPorts: "50001", translatedAddress: "10.20.1.4", translatedPort: 3389 }],
                },
            ],
        });
    const stack = [
        ...policies,
        resource("azure:network/iPGroup:IPGroup", "internalGroup", { resourceGroupName: RG, name: "ipg-internal", location: "westeurope", cidrs: ["10.0.0.0/8"] }),
        resource("azure:network/iPGroup:IPGroup", "grownGroup", { resourceGroupName: RG, name: "ipg-grown", location: "westeurope", cidrs: ["10.0.0.0/8"] }),
        // A CIDR added to the group by a resource of its own: public, so the rule becomes a door.
        resource("azure:network/iPGroupCIDR:IPGroupCIDR", "grownGroupCidr", { ipGroupId: ref("grownGroup"), cidr: "203.0.113.0/24" }),
        ipGroupRcg("validInternalGroupRcg", "internalGroup"),
        ipGroupRcg("invalidGrownGroupRcg", "grownGroup"),
    ];
    it.each<Mode>(["known", "first-preview"])("a group's own cidrs and its IPGroupCIDR resources count (%s ids)", async (mode) => {
        expect(verdicts(await run(stack, { mode }), RDP)).toEqual([`${RDP} invalidGrownGroupRcg mandatory`]);
    });
});
