// no-direct-rdp through the engine protocol: every source spelling, port form and protocol of
// DESIGN §3a that admits internet traffic to 3389 blocks; internal sources, outbound and Deny rules,
// other ports, approvals and fully covered Allows pass; partial covers block. Inline and standalone
// NSG rules (joined by dependency or by name), load balancer rules on public frontends, firewall
// DNAT rules, unknowns by level, malformed inputs, and bypass attempts — in both modes.
import { describe, expect, it } from "vitest";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, secret, SUBSCRIPTION, unknown } from "../harness/stack";

const POLICY = "no-direct-rdp";
const RG = "rg-net";
const NSG = "azure-native:network:NetworkSecurityGroup";
const RULE = "azure-native:network:SecurityRule";
const ASG = "azure-native:network:ApplicationSecurityGroup";
const PIP = "azure-native:network:PublicIPAddress";
const LB = "azure-native:network:LoadBalancer";
const NAT_RULE = "azure-native:network:InboundNatRule";
const VNET = "azure-native:network:VirtualNetwork";
const FIREWALL = "azure-native:network:AzureFirewall";
const FW_POLICY = "azure-native:network:FirewallPolicy";
const RCG = "azure-native:network:FirewallPolicyRuleCollectionGroup";
const IP_GROUP = "azure-native:network:IpGroup";
const MARKER = "SECRET-MARKER-rdp-4c1e";

type Inputs = Record<string, unknown>;

/** A baseline inbound rule: allow RDP from the internet. Each case mutates one thing. */
function allowRdp(overrides: Inputs = {}): Inputs {
    return {
        name: "allow-rdp",
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        priority: 300,
        sourceAddressPrefix: "*",
        sourcePortRange: "*",
        destinationAddressPrefix: "*",
        destinationPortRange: "3389",
        ...overrides,
    };
}

function denyRdp(overrides: Inputs = {}): Inputs {
    return allowRdp({ name: "deny-rdp", access: "Deny", priority: 100, ...overrides });
}

const allowHttps = allowRdp({ name: "allow-https", priority: 200, destinationPortRange: "443" });

function clean(inputs: Inputs): Inputs {
    return Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined));
}

function nsg(name: string, rules: unknown, extra: Inputs = {}): FixtureResource {
    return resource(NSG, name, {
        resourceGroupName: RG,
        networkSecurityGroupName: `nsg-${name.toLowerCase()}`,
        location: "westeurope",
        securityRules: Array.isArray(rules) ? rules.map((r) => (r && typeof r === "object" ? clean(r as Inputs) : r)) : rules,
        ...extra,
    });
}

function standalone(name: string, nsgName: unknown, rule: Inputs, extra: Inputs = {}): FixtureResource {
    const { name: ruleName, ...props } = clean(rule);
    return resource(RULE, name, { resourceGroupName: RG, networkSecurityGroupName: nsgName, securityRuleName: ruleName, ...props, ...extra });
}

// ---------------------------------------------------------------------------------------------
// NSG rules: one NSG per case

const blockedNsgs: FixtureResource[] = [
    nsg("invalidStarNsg", [allowHttps, allowRdp()]),
    nsg("invalidAnyNsg", [allowRdp({ sourceAddressPrefix: "any" })]),
    nsg("invalidInternetTagNsg", [allowRdp({ sourceAddressPrefix: "Internet" })]),
    nsg("invalidZeroCidrNsg", [allowRdp({ sourceAddressPrefix: "0.0.0.0/0" })]),
    nsg("invalidBareZeroNsg", [allowRdp({ sourceAddressPrefix: "0.0.0.0" })]),
    nsg("invalidIpv6AnyNsg", [allowRdp({ sourceAddressPrefix: "::/0" })]),
    nsg("invalidPublicCidrNsg", [allowRdp({ sourceAddressPrefix: "203.0.113.0/24" })]),
    nsg("invalidPublicAddressNsg", [allowRdp({ sourceAddressPrefix: "198.51.100.7" })]),
    nsg("invalidAzureCloudTagNsg", [allowRdp({ sourceAddressPrefix: "AzureCloud" })]),
    nsg("invalidRegionalTagNsg", [allowRdp({ sourceAddressPrefix: "AzureCloud.WestEurope" })]),
    nsg("invalidMixedPrefixesNsg", [allowRdp({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["10.0.0.0/8", "198.51.100.7/32"] })]),
    nsg("invalidSplitHalvesNsg", [allowRdp({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"] })]),
    nsg("invalidMappedV6Nsg", [allowRdp({ sourceAddressPrefix: "::ffff:0:0/96" })]),
    nsg("invalidPrivateSupernetNsg", [allowRdp({ sourceAddressPrefix: "10.0.0.0/7" })]),
    nsg("invalidPortRangeNsg", [allowRdp({ destinationPortRange: "3000-4000" })]),
    nsg("invalidSelfRangeNsg", [allowRdp({ destinationPortRange: "3389-3389" })]),
    nsg("invalidWildcardPortNsg", [allowRdp({ destinationPortRange: "*" })]),
    nsg("invalidPortListNsg", [allowRdp({ destinationPortRange: undefined, destinationPortRanges: ["22", "3380-3390"] })]),
    nsg("invalidNumberPortNsg", [allowRdp({ destinationPortRange: 3389 })]),
    nsg("invalidWhitespaceNsg", [allowRdp({ destinationPortRange: " 3389 ", sourceAddressPrefix: " Internet ", direction: " Inbound " })]),
    nsg("invalidCaseNsg", [allowRdp({ access: "ALLOW", direction: "inbound", protocol: "TCP" })]),
    nsg("invalidUdpNsg", [allowRdp({ protocol: "udp" })]),
    nsg("invalidAnyProtocolNsg", [allowRdp({ protocol: "*" })]),
    nsg("invalidPartialDenyNsg", [allowRdp({ sourceAddressPrefix: "0.0.0.0/0" }), denyRdp({ sourceAddressPrefix: "0.0.0.0/1" })]),
    nsg("invalidDenyIpv4OnlyNsg", [allowRdp(), denyRdp({ sourceAddressPrefix: "0.0.0.0/0" })]),
    nsg("invalidDenyTcpOnlyNsg", [allowRdp({ protocol: "*" }), denyRdp({ protocol: "Tcp" })]),
    nsg("invalidDenyOtherPortNsg", [allowRdp({ destinationPortRange: "3000-4000" }), denyRdp({ destinationPortRange: "3000-3388" })]),
    nsg("invalidPriorityTieNsg", [allowRdp({ priority: 200 }), denyRdp({ priority: 200 })]),
    nsg("invalidDenyAfterAllowNsg", [allowRdp({ priority: 300 }), denyRdp({ priority: 400 })]),
    nsg("invalidMappedDenyNsg", [allowRdp({ sourceAddressPrefix: "0.0.0.0/0" }), denyRdp({ sourceAddressPrefix: "::ffff:0:0/96" })]),
    nsg("invalidOtherTagDenyNsg", [allowRdp({ sourceAddressPrefix: "AzureCloud" }), denyRdp({ sourceAddressPrefix: "Storage" })]),
];

const passingNsgs: FixtureResource[] = [
    resource(ASG, "jumpAsg", { resourceGroupName: RG, applicationSecurityGroupName: "asg-jump", location: "westeurope" }),
    nsg("validPrivateNsg", [
        allowHttps,
        allowRdp({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"] }),
        allowRdp({ name: "allow-rdp-mapped", priority: 310, sourceAddressPrefix: "::ffff:10.0.0.0/104" }),
        allowRdp({ name: "allow-rdp-ula", priority: 320, sourceAddressPrefix: "fd00::/8" }),
    ]),
    nsg("validServiceTagsNsg", [
        allowRdp({ sourceAddressPrefix: "VirtualNetwork" }),
        allowRdp({ name: "allow-lb", priority: 310, sourceAddressPrefix: "azureloadbalancer" }),
        allowRdp({ name: "allow-gw", priority: 320, sourceAddressPrefix: "GatewayManager" }),
    ]),
    nsg("validAsgNsg", [allowRdp({ sourceAddressPrefix: undefined, sourceApplicationSecurityGroups: [{ id: ref("jumpAsg") }] })]),
    nsg("validOutboundNsg", [allowRdp({ direction: "Outbound" })]),
    nsg("validDenyOnlyNsg", [denyRdp()]),
    nsg("validOtherPortsNsg", [
        allowHttps,
        allowRdp({ name: "allow-range", priority: 310, destinationPortRange: "3390-4000" }),
        allowRdp({ name: "allow-list", priority: 320, destinationPortRange: undefined, destinationPortRanges: ["80", "443", "3388"] }),
        allowRdp({ name: "allow-icmp", priority: 330, protocol: "Icmp", destinationPortRange: "*" }),
    ]),
    nsg("validCoveredNsg", [allowRdp({ protocol: "*" }), denyRdp({ protocol: "*" })]),
    nsg("validCoveredHalvesNsg", [
        allowRdp({ sourceAddressPrefix: "0.0.0.0/0" }),
        denyRdp({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"] }),
    ]),
    nsg("validCoveredBothFamiliesNsg", [
        allowRdp({ sourceAddressPrefix: "Internet" }),
        denyRdp({ sourceAddressPrefix: "0.0.0.0/0" }),
        denyRdp({ name: "deny-rdp-v6", priority: 110, sourceAddressPrefix: "::/0" }),
    ]),
    nsg("validCoveredRangesNsg", [
        allowRdp({ destinationPortRange: "3000-4000" }),
        denyRdp({ destinationPortRange: undefined, destinationPortRanges: ["3000-3389"] }),
    ]),
    nsg("validCoveredCaseNsg", [allowRdp({ sourceAddressPrefix: "AZURECLOUD" }), denyRdp({ access: "deny", direction: "INBOUND", sourceAddressPrefix: "azurecloud" })]),
    nsg("validEmptyNsg", []),
];

const nsgSecretFixtures: FixtureResource[] = [
    nsg("invalidSecretPortNsg", [allowRdp({ destinationPortRange: MARKER })]),
    nsg("invalidSecretSourceNsg", [allowRdp({ sourceAddressPrefix: MARKER })]),
    nsg("invalidSecretValueNsg", [allowRdp({ description: secret(MARKER), sourceAddressPrefix: secret("Internet") })]),
];

// ---------------------------------------------------------------------------------------------
// Standalone rules

const standaloneFixtures: FixtureResource[] = [
    // A Deny in either form counts for the whole NSG: inline Deny, standalone Allow …
    nsg("validSplitNsg", [denyRdp()]),
    standalone("validSplitAllowRule", ref("validSplitNsg", "name"), allowRdp()),
    // … and inline Allow, standalone Deny.
    nsg("validInlineAllowNsg", [allowRdp()]),
    standalone("validStandaloneDenyRule", ref("validInlineAllowNsg", "name"), denyRdp()),
    // Joined by NSG name (any case) and resource group when there is no dependency.
    nsg("validNameJoinNsg", [denyRdp()]),
    standalone("validNameJoinRule", "NSG-VALIDNAMEJOINNSG", allowRdp()),
    // An Allow on a plain NSG: reported on the rule itself.
    nsg("validBaseNsg", [allowHttps]),
    standalone("invalidStandaloneRule", ref("validBaseNsg", "name"), allowRdp({ sourceAddressPrefix: "internet", protocol: "UDP" })),
    // An NSG outside the stack: its standalone rules still cover each other.
    standalone("validExternalAllowRule", "nsg-shared", allowRdp()),
    standalone("validExternalDenyRule", "nsg-shared", denyRdp()),
    standalone("invalidExternalRule", "nsg-other", allowRdp()),
    // A Deny of the same name as the Allow: Azure keeps one of them.
    nsg("invalidDuplicateNameNsg", [allowRdp({ name: "rdp" })]),
    standalone("invalidDuplicateNameRule", ref("invalidDuplicateNameNsg", "name"), denyRdp({ name: "RDP" })),
    // Malformed standalone rule.
    standalone("invalidMalformedRule", ref("validBaseNsg", "name"), allowRdp({ name: "allow-odd", destinationPortRange: "33-89-1" })),
];

// ---------------------------------------------------------------------------------------------
// Load balancers

const LB_ID = (name: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Network/loadBalancers/${name}`;

function frontendRef(lbName: string, fe = "fe"): Inputs {
    return { id: `${LB_ID(lbName)}/frontendIPConfigurations/${fe}` };
}

const network: FixtureResource[] = [
    resource(VNET, "hubVnet", {
        resourceGroupName: RG,
        virtualNetworkName: "vnet-hub",
        location: "westeurope",
        addressSpace: { addressPrefixes: ["10.20.0.0/16"] },
        subnets: [{ name: "workload", addressPrefix: "10.20.1.0/24" }],
    }),
    resource(PIP, "lbPip", {
        resourceGroupName: RG,
        publicIpAddressName: "pip-lb",
        location: "westeurope",
        sku: { name: "Standard" },
        publicIPAllocationMethod: "Static",
    }),
];

function lb(name: string, kind: "public" | "internal", rules: Inputs): FixtureResource {
    const lbName = `lb-${name.toLowerCase()}`;
    const frontend =
        kind === "public"
            ? { name: "fe", publicIPAddress: { id: ref("lbPip") } }
            : { name: "fe", subnet: { id: ref("hubVnet") }, privateIPAllocationMethod: "Dynamic" };
    const withFrontend = (list: unknown) =>
        Array.isArray(list) ? list.map((r) => (r === null ? r : { frontendIPConfiguration: frontendRef(lbName), ...(r as Inputs) })) : list;
    return resource(LB, name, {
        resourceGroupName: RG,
        loadBalancerName: lbName,
        location: "westeurope",
        sku: { name: "Standard" },
        frontendIPConfigurations: [frontend],
        backendAddressPools: [{ name: "pool" }],
        ...Object.fromEntries(Object.entries(rules).map(([k, v]) => [k, withFrontend(v)])),
    });
}

const lbFixtures: FixtureResource[] = [
    ...network,
    lb("invalidPublicNatLb", "public", { inboundNatRules: [{ name: "rdp-vm1", protocol: "Tcp", frontendPort: 50001, backendPort: 3389 }] }),
    lb("invalidPublicLbRuleLb", "public", { loadBalancingRules: [{ name: "rdp", protocol: "Tcp", frontendPort: 443, backendPort: 3389 }] }),
    lb("invalidNatPoolLb", "public", {
        inboundNatPools: [{ name: "rdp-pool", protocol: "Udp", frontendPortRangeStart: 50000, frontendPortRangeEnd: 50099, backendPort: 3389 }],
    }),
    lb("invalidFloatingIpLb", "public", { loadBalancingRules: [{ name: "fip", protocol: "All", frontendPort: 3389, backendPort: 3389, enableFloatingIP: true }] }),
    lb("validPublicWebLb", "public", {
        loadBalancingRules: [{ name: "https", protocol: "Tcp", frontendPort: 443, backendPort: 443 }],
        inboundNatRules: [{ name: "rdp-disguised", protocol: "Tcp", frontendPort: 3389, backendPort: 8443 }],
    }),
    lb("validInternalLb", "internal", {
        inboundNatRules: [{ name: "rdp-vm1", protocol: "Tcp", frontendPort: 50001, backendPort: 3389 }],
        loadBalancingRules: [{ name: "rdp", protocol: "All", frontendPort: 0, backendPort: 0 }],
    }),
    lb("validPublicBaseLb", "public", {}),
    resource(NAT_RULE, "invalidNatRule", {
        resourceGroupName: RG,
        loadBalancerName: ref("validPublicBaseLb", "name"),
        inboundNatRuleName: "rdp-vm2",
        frontendIPConfiguration: frontendRef("lb-validpublicbaselb"),
        protocol: "tcp",
        frontendPort: 50002,
        backendPort: 3389,
    }),
    resource(NAT_RULE, "validWebNatRule", {
        resourceGroupName: RG,
        loadBalancerName: ref("validPublicBaseLb", "name"),
        inboundNatRuleName: "web-vm2",
        frontendIPConfiguration: frontendRef("lb-validpublicbaselb"),
        protocol: "Tcp",
        frontendPort: 8080,
        backendPort: 80,
    }),
    lb("validInternalBaseLb", "internal", {}),
    resource(NAT_RULE, "validInternalNatRule", {
        resourceGroupName: RG,
        loadBalancerName: "LB-VALIDINTERNALBASELB",
        inboundNatRuleName: "rdp-vm3",
        frontendIPConfiguration: frontendRef("lb-validinternalbaselb"),
        protocol: "Tcp",
        frontendPort: 50003,
        backendPort: 3389,
    }),
];

// ---------------------------------------------------------------------------------------------
// Firewalls

function dnatRule(overrides: Inputs = {}): Inputs {
    return {
        name: "rdp-jump",
        protocols: ["TCP"],
        sourceAddresses: ["*"],
        destinationAddresses: ["20.50.60.70"],
        destinationPorts: ["33890"],
        translatedAddress: "10.20.1.4",
        translatedPort: "3389",
        ...overrides,
    };
}

function classicFirewall(name: string, rule: Inputs): FixtureResource {
    return resource(FIREWALL, name, {
        resourceGroupName: RG,
        azureFirewallName: `fw-${name.toLowerCase()}`,
        location: "westeurope",
        sku: { name: "AZFW_VNet", tier: "Standard" },
        natRuleCollections: [{ name: "dnat", priority: 100, action: { type: "Dnat" }, rules: [clean(rule)] }],
    });
}

function policyNatRule(overrides: Inputs = {}): Inputs {
    const { protocols, ...rest } = dnatRule(overrides);
    return { ruleType: "NatRule", ipProtocols: protocols ?? ["TCP", "UDP"], ...rest };
}

function rcg(name: string, collections: Inputs[]): FixtureResource {
    return resource(RCG, name, {
        resourceGroupName: RG,
        firewallPolicyName: ref("fwPolicy", "name"),
        ruleCollectionGroupName: `rcg-${name.toLowerCase()}`,
        priority: 200,
        ruleCollections: collections,
    });
}

function natCollection(rules: Inputs[]): Inputs {
    return { ruleCollectionType: "FirewallPolicyNatRuleCollection", name: "dnat", priority: 100, action: { type: "DNAT" }, rules: rules.map(clean) };
}

const firewallFixtures: FixtureResource[] = [
    classicFirewall("invalidClassicDnatFirewall", dnatRule()),
    classicFirewall("invalidClassicUdpFirewall", dnatRule({ protocols: ["UDP"], sourceAddresses: ["198.51.100.0/24"] })),
    classicFirewall("validClassicPrivateFirewall", dnatRule({ sourceAddresses: ["10.0.0.0/8", "192.168.0.0/16"] })),
    classicFirewall("validClassicWebFirewall", dnatRule({ translatedPort: "443", destinationPorts: ["443"] })),
    resource(FIREWALL, "validClassicSnatFirewall", {
        resourceGroupName: RG,
        azureFirewallName: "fw-snat",
        location: "westeurope",
        natRuleCollections: [{ name: "snat", priority: 100, action: { type: "Snat" }, rules: [dnatRule()] }],
    }),
    resource(FW_POLICY, "fwPolicy", { resourceGroupName: RG, firewallPolicyName: "fwp-hub", location: "westeurope" }),
    resource(IP_GROUP, "adminIpGroup", { resourceGroupName: RG, ipGroupsName: "ipg-admins", location: "westeurope", ipAddresses: ["203.0.113.0/24"] }),
    resource(IP_GROUP, "internalIpGroup", { resourceGroupName: RG, ipGroupsName: "ipg-internal", location: "westeurope", ipAddresses: ["10.0.0.0/8"] }),
    rcg("invalidDnatRcg", [natCollection([policyNatRule({ ipProtocols: ["TCP", "UDP"] })])]),
    rcg("invalidIpGroupRcg", [natCollection([policyNatRule({ sourceAddresses: undefined, sourceIpGroups: [ref("adminIpGroup")] })])]),
    rcg("validIpGroupRcg", [natCollection([policyNatRule({ sourceAddresses: undefined, sourceIpGroups: [ref("internalIpGroup")] })])]),
    rcg("validFilterRcg", [
        {
            ruleCollectionType: "FirewallPolicyFilterRuleCollection",
            name: "allow-rdp",
            priority: 300,
            action: { type: "Allow" },
            rules: [{ ruleType: "NetworkRule", name: "rdp", ipProtocols: ["TCP"], sourceAddresses: ["*"], destinationAddresses: ["10.20.1.4"], destinationPorts: ["3389"] }],
        },
    ]),
    rcg("validWebDnatRcg", [natCollection([policyNatRule({ translatedPort: "443" })])]),
];

// ---------------------------------------------------------------------------------------------
// Unknowns and malformed inputs

const unknownFixtures: FixtureResource[] = [
    resource(PIP, "attackerPip", { resourceGroupName: RG, publicIpAddressName: "pip-x", location: "westeurope", sku: { name: "Standard" } }),
    nsg("invalidUnknownSourceNsg", [allowRdp({ sourceAddressPrefix: unknown() })]),
    nsg("invalidUnknownDenyNsg", [allowRdp(), denyRdp({ priority: unknown() })]),
    nsg("validUnknownCoveredNsg", [allowRdp({ sourceAddressPrefix: unknown() }), denyRdp()]),
    nsg("validUnknownOutboundNsg", [allowRdp({ sourceAddressPrefix: unknown(), direction: "Outbound" })]),
    nsg("invalidPipSourceNsg", [allowRdp({ sourceAddressPrefix: ref("attackerPip", "computed") })]),
    standalone("invalidPipSourceRule", "nsg-elsewhere", allowRdp({ sourceAddressPrefix: ref("attackerPip", "computed") })),
    lb("invalidUnknownFrontendLb", "public", {}),
];
// A public frontend and an internal one, with a NAT rule whose frontend reference is unknown.
unknownFixtures[unknownFixtures.length - 1] = resource(LB, "invalidUnknownFrontendLb", {
    resourceGroupName: RG,
    loadBalancerName: "lb-mixed",
    location: "westeurope",
    sku: { name: "Standard" },
    frontendIPConfigurations: [
        { name: "fe-public", publicIPAddress: { id: ref("attackerPip") } },
        { name: "fe-internal", subnet: { id: ref("hubVnet") } },
    ],
    inboundNatRules: [{ name: "rdp", frontendIPConfiguration: { id: unknown() }, protocol: "Tcp", frontendPort: 50001, backendPort: 3389 }],
});

const malformedFixtures: FixtureResource[] = [
    nsg("invalidPortAbcNsg", [allowRdp({ destinationPortRange: "abc" })]),
    nsg("invalidPort70000Nsg", [allowRdp({ destinationPortRange: "70000" })]),
    nsg("invalidReversedRangeNsg", [allowRdp({ destinationPortRange: "4000-3000" })]),
    nsg("invalidNullRuleNsg", [allowHttps, null]),
    nsg("invalidStringListNsg", [allowRdp({ destinationPortRange: undefined, destinationPortRanges: "3389" })]),
    nsg("invalidStringPrefixesNsg", [allowRdp({ sourceAddressPrefix: undefined, sourceAddressPrefixes: "0.0.0.0/0" })]),
    nsg("invalidMissingDirectionNsg", [allowRdp({ direction: undefined })]),
    nsg("invalidMissingSourceNsg", [allowRdp({ sourceAddressPrefix: undefined })]),
    nsg("invalidMissingProtocolNsg", [allowRdp({ protocol: undefined })]),
    nsg("invalidRulesNotListNsg", "allow everything"),
    nsg("invalidNumberSourceNsg", [allowRdp({ sourceAddressPrefix: 0 })]),
    nsg("validMalformedButPrivateNsg", [allowRdp({ destinationPortRange: "abc", sourceAddressPrefix: "10.0.0.0/8" })]),
    lb("invalidBadBackendPortLb", "public", { inboundNatRules: [{ name: "x", protocol: "Tcp", frontendPort: 50001, backendPort: "rdp" }] }),
    lb("invalidNullNatRuleLb", "public", { inboundNatRules: [null] }),
    classicFirewall("invalidBadTranslatedPortFirewall", dnatRule({ translatedPort: "33-89" })),
    classicFirewall("invalidSourcesStringFirewall", dnatRule({ sourceAddresses: "*" })),
    resource(FW_POLICY, "fwPolicy", { resourceGroupName: RG, firewallPolicyName: "fwp-hub", location: "westeurope" }),
    rcg("invalidNullCollectionRcg", [null as unknown as Inputs]),
];

const expected = (names: string[], level: "mandatory" | "advisory" = "mandatory") => names.map((n) => `${POLICY} ${n} ${level}`);

describe.each<Mode>(["known", "first-preview"])("no-direct-rdp (%s ids)", (mode) => {
    it("blocks every internet source spelling, port form and protocol, and partial Deny covers", async () => {
        const result = await run(blockedNsgs, { mode });
        expect(verdicts(result, POLICY)).toEqual(expected(blockedNsgs.map((f) => f.name)).sort());
    });

    it("passes internal sources, tags, ASGs, outbound and Deny rules, other ports and full Deny covers", async () => {
        expect(verdicts(await run(passingNsgs, { mode }), POLICY)).toEqual([]);
        expect(verdicts(await run(passingNsgs, { mode, stackTags: { securityLevel: "privileged" } }), POLICY)).toEqual([]);
    });

    it("explains a door with the rule, port, protocols and sources, and how to fix it", async () => {
        const result = await run(
            [
                nsg("invalidStarNsg", [allowHttps, allowRdp({ protocol: "*" })]),
                nsg("invalidPartialDenyNsg", [allowRdp({ sourceAddressPrefix: "0.0.0.0/0" }), denyRdp({ sourceAddressPrefix: "0.0.0.0/1" })]),
                // A Deny of a service tag takes part of every address away, though no interval shows which.
                nsg("invalidTagDenyNsg", [denyRdp({ sourceAddressPrefix: "Storage" }), allowRdp({ sourceAddressPrefix: "*", name: "allow-rdp-any" })]),
            ],
            { mode },
        );
        expect(messagesOf(result).filter((m) => m.includes("securityRules")).sort()).toEqual([
            "Inbound security rule allow-rdp (securityRules[0]) admits inbound TCP to port 3389 (RDP) from the internet (source: 0.0.0.0/0); higher-priority Deny rules cover only part of these sources. Restrict the source to private ranges, VirtualNetwork or application security groups (or approve a prefix in allowedSourcePrefixes), add a higher-priority Deny rule for these sources, or remove the rule; reach the VMs through Azure Bastion or just-in-time VM access instead.",
            "Inbound security rule allow-rdp (securityRules[1]) admits inbound TCP and UDP to port 3389 (RDP) from the internet (source: *); no higher-priority Deny rule of the NSG covers it. Restrict the source to private ranges, VirtualNetwork or application security groups (or approve a prefix in allowedSourcePrefixes), add a higher-priority Deny rule for these sources, or remove the rule; reach the VMs through Azure Bastion or just-in-time VM access instead.",
            "Inbound security rule allow-rdp-any (securityRules[1]) admits inbound TCP to port 3389 (RDP) from the internet (source: *); higher-priority Deny rules cover only part of these sources. Restrict the source to private ranges, VirtualNetwork or application security groups (or approve a prefix in allowedSourcePrefixes), add a higher-priority Deny rule for these sources, or remove the rule; reach the VMs through Azure Bastion or just-in-time VM access instead.",
        ]);
    });

    it("joins standalone rules to their NSG and reports them on the rule", async () => {
        const result = await run(standaloneFixtures, { mode });
        expect(verdicts(result, POLICY)).toEqual(
            expected(["invalidDuplicateNameNsg", "invalidDuplicateNameRule", "invalidExternalRule", "invalidMalformedRule", "invalidStandaloneRule"]),
        );
        const messages = messagesOf(result);
        expect(messages).toContain(
            "Security rule allow-rdp admits inbound UDP to port 3389 (RDP) from the internet (source: service tag Internet); no higher-priority Deny rule of the NSG covers it. Restrict the source to private ranges, VirtualNetwork or application security groups (or approve a prefix in allowedSourcePrefixes), add a higher-priority Deny rule for these sources, or remove the rule; reach the VMs through Azure Bastion or just-in-time VM access instead.",
        );
        expect(messages.filter((m) => m.includes("used by more than one rule")).sort()).toEqual([
            "Cannot decide whether the internet can reach port 3389 (RDP): the rule name at securityRuleName is used by more than one rule of the same NSG, and Azure keeps only one of them. Give every rule of an NSG its own name.",
            "Cannot decide whether the internet can reach port 3389 (RDP): the rule name at securityRules[0].name is used by more than one rule of the same NSG, and Azure keeps only one of them. Give every rule of an NSG its own name.",
        ]);
        expect(messages).toContain(
            "Cannot decide whether the internet can reach port 3389 (RDP): destinationPortRange is missing or cannot be interpreted (Azure would not read the value as intended). Write ports as 3389, 3000-4000 or *, protocols and directions as Azure names them, and sources as addresses, CIDRs or service tags.",
        );
    });

    it("gives a standalone rule its NSG's level and a NAT rule its load balancer's", async () => {
        const fixtures = [
            nsg("validPrivilegedNsg", [allowHttps], { tags: { securityLevel: "privileged" } }),
            standalone("invalidUnknownRule", ref("validPrivilegedNsg", "name"), allowRdp({ sourceAddressPrefix: unknown() })),
        ];
        expect(verdicts(await run(fixtures, { mode }), POLICY)).toEqual(expected(["invalidUnknownRule"]));
        const byName = [
            nsg("validPrivilegedNsg", [allowHttps], { tags: { securityLevel: "privileged" } }),
            standalone("invalidUnknownRule", "nsg-validprivilegednsg", allowRdp({ sourceAddressPrefix: unknown() })),
        ];
        expect(verdicts(await run(byName, { mode }), POLICY)).toEqual(expected(["invalidUnknownRule"]));
        const natRule = [
            ...network,
            resource(LB, "validPrivilegedLb", {
                resourceGroupName: RG,
                loadBalancerName: "lb-priv",
                location: "westeurope",
                frontendIPConfigurations: [
                    { name: "fe-public", publicIPAddress: { id: ref("lbPip") } },
                    { name: "fe-internal", subnet: { id: ref("hubVnet") } },
                ],
                tags: { securityLevel: "Privileged" },
            }),
            resource(NAT_RULE, "invalidUnknownFrontendNatRule", {
                resourceGroupName: RG,
                loadBalancerName: ref("validPrivilegedLb", "name"),
                frontendIPConfiguration: { id: unknown() },
                protocol: "Tcp",
                frontendPort: 50001,
                backendPort: 3389,
            }),
        ];
        expect(verdicts(await run(natRule, { mode }), POLICY)).toEqual(expected(["invalidUnknownFrontendNatRule"]));
        expect(verdicts(await run(natRule.map((f) => (f.name === "validPrivilegedLb" ? { ...f, inputs: { ...f.inputs, tags: {} } } : f)), { mode }), POLICY)).toEqual(
            expected(["invalidUnknownFrontendNatRule"], "advisory"),
        );
    });

    it("blocks NAT and load-balancing rules to 3389 on public frontends only", async () => {
        const result = await run(lbFixtures, { mode });
        expect(verdicts(result, POLICY)).toEqual(
            expected(["invalidFloatingIpLb", "invalidNatPoolLb", "invalidNatRule", "invalidPublicLbRuleLb", "invalidPublicNatLb"]),
        );
        expect(messagesOf(result)).toContain(
            "Inbound NAT rule rdp-vm1 (inboundNatRules[0]) forwards TCP to backend port 3389 (RDP) from a public frontend: a direct door from the internet, whatever the backend NSG says. Remove the rule or move it to an internal frontend; reach the VMs through Azure Bastion or just-in-time VM access instead.",
        );
    });

    it("blocks firewall DNAT rules translating internet traffic to 3389", async () => {
        const result = await run(firewallFixtures, { mode });
        expect(verdicts(result, POLICY)).toEqual(
            expected(["invalidClassicDnatFirewall", "invalidClassicUdpFirewall", "invalidDnatRcg", "invalidIpGroupRcg"]),
        );
        expect(messagesOf(result)).toContain(
            "DNAT rule rdp-jump (ruleCollections[0].rules[0]) translates TCP and UDP to port 3389 (RDP) from the internet (source: *) through the firewall: a direct door. Remove the rule or restrict its source addresses to private ranges (or approve a prefix in allowedSourcePrefixes); reach the VMs through Azure Bastion or just-in-time VM access instead.",
        );
    });

    it("honours allowedSourcePrefixes for NSG and DNAT sources, not for load balancers", async () => {
        const fixtures = [
            ...network,
            nsg("validApprovedAdminNsg", [allowRdp({ sourceAddressPrefix: "198.51.100.10" })]),
            classicFirewall("validApprovedAdminFirewall", dnatRule({ sourceAddresses: ["198.51.100.10/32"] })),
            nsg("invalidBeyondApprovalNsg", [allowRdp({ sourceAddressPrefix: "198.51.100.0/24" })]),
            lb("invalidPublicNatLb", "public", { inboundNatRules: [{ name: "rdp", protocol: "Tcp", frontendPort: 50001, backendPort: 3389 }] }),
        ];
        expect(verdicts(await run(fixtures, { mode }), POLICY)).toEqual(
            expected(["invalidBeyondApprovalNsg", "invalidPublicNatLb", "validApprovedAdminFirewall", "validApprovedAdminNsg"]),
        );
        const approved = await run(fixtures, { mode, policyConfig: { [POLICY]: { allowedSourcePrefixes: ["198.51.100.10/32"] } } });
        expect(verdicts(approved, POLICY)).toEqual(expected(["invalidBeyondApprovalNsg", "invalidPublicNatLb"]));
    });

    it("reports an allowedSourcePrefixes entry that approves nothing", async () => {
        const result = await run([nsg("validEmptyNsg", [])], { mode, policyConfig: { [POLICY]: { allowedSourcePrefixes: ["10.0.0.0/33"] } } });
        expect(verdicts(result, POLICY)).toEqual([`${POLICY} (stack) mandatory`]);
    });

    it("makes unknowns advisory below privileged and mandatory at privileged; a public IP source always blocks", async () => {
        const fixtures = [...network, ...unknownFixtures];
        expect(verdicts(await run(fixtures, { mode }), POLICY)).toEqual([
            ...expected(["invalidPipSourceNsg", "invalidPipSourceRule"]),
            ...expected(["invalidUnknownDenyNsg", "invalidUnknownFrontendLb", "invalidUnknownSourceNsg"], "advisory"),
        ]);
        expect(verdicts(await run(fixtures, { mode, stackTags: { securityLevel: "specialized" } }), POLICY)).toEqual([
            ...expected(["invalidPipSourceNsg", "invalidPipSourceRule"]),
            ...expected(["invalidUnknownDenyNsg", "invalidUnknownFrontendLb", "invalidUnknownSourceNsg"], "advisory"),
        ]);
        expect(verdicts(await run(fixtures, { mode, stackTags: { securityLevel: "privileged" } }), POLICY)).toEqual(
            expected(["invalidPipSourceNsg", "invalidPipSourceRule", "invalidUnknownDenyNsg", "invalidUnknownFrontendLb", "invalidUnknownSourceNsg"]),
        );
        const messages = messagesOf(await run(fixtures, { mode }));
        expect(messages).toContain(
            "Inbound security rule allow-rdp (securityRules[0]) admits inbound TCP to port 3389 (RDP) from the internet (source: the address of public IP attackerPip); no higher-priority Deny rule of the NSG covers it. Restrict the source to private ranges, VirtualNetwork or application security groups (or approve a prefix in allowedSourcePrefixes), add a higher-priority Deny rule for these sources, or remove the rule; reach the VMs through Azure Bastion or just-in-time VM access instead.",
        );
        expect(messages).toContain(
            "Cannot decide during preview whether the internet can reach port 3389 (RDP): securityRules[1].priority is unknown until deployment (resource level: enterprise; an unknown blocks at the privileged level). Use values known at preview time, or re-run the check once they are known.",
        );
    });

    it("turns malformed inputs into one clear mandatory violation each, never an exception", async () => {
        const result = await run([...network, ...malformedFixtures], { mode });
        expect(verdicts(result, POLICY)).toEqual(expected(malformedFixtures.filter((f) => f.name.startsWith("invalid")).map((f) => f.name)).sort());
        const of = (name: string) => result.findings.filter((f) => f.policyName === POLICY && f.urn.endsWith(`::${name}`)).map((f) => f.message);
        expect(of("invalidPortAbcNsg")[0]).toMatch(/^Cannot decide whether the internet can reach port 3389 \(RDP\): securityRules\[0\]\.destinationPortRange is missing or cannot be interpreted/);
        expect(of("invalidNullRuleNsg")[0]).toContain(": securityRules[1] is missing");
        expect(of("invalidStringListNsg")[0]).toContain(": securityRules[0].destinationPortRanges is missing");
        expect(of("invalidRulesNotListNsg")[0]).toContain(": securityRules is missing");
        expect(of("invalidMissingDirectionNsg")[0]).toContain(": securityRules[0].direction is missing");
        expect(of("invalidBadBackendPortLb")[0]).toContain(": inboundNatRules[0].backendPort is missing");
        expect(of("invalidNullNatRuleLb")[0]).toContain(": inboundNatRules[0] is missing");
        expect(of("invalidBadTranslatedPortFirewall")[0]).toContain(": natRuleCollections[0].rules[0].translatedPort is missing");
        expect(of("invalidNullCollectionRcg")[0]).toContain(": ruleCollections[0] is missing");
        expect(result.findings.every((f) => f.policyName !== POLICY || !/exception|TypeError|stack trace/i.test(f.message))).toBe(true);
    });

    it("never quotes a raw property value", async () => {
        const result = await run(nsgSecretFixtures, { mode });
        expect(verdicts(result, POLICY)).toEqual(expected(["invalidSecretPortNsg", "invalidSecretSourceNsg", "invalidSecretValueNsg"]));
        expect(JSON.stringify(messagesOf(result))).not.toContain(MARKER);
        expect(messagesOf(result).join("\n")).toContain("(source: a service tag)");
    });

    it("judges an invalid level value at privileged and reports it", async () => {
        const result = await run([nsg("invalidTypoNsg", [allowRdp({ sourceAddressPrefix: unknown() })], { tags: { securityLevel: "privilegd" } })], { mode });
        expect(verdicts(result, POLICY)).toEqual(expected(["invalidTypoNsg", "invalidTypoNsg"]));
        expect(messagesOf(result).join("\n")).toContain("is not one of enterprise, specialized or privileged");
    });

    it("matches version-qualified type tokens", async () => {
        const fixtures = [
            resource("azure-native:network/v20240301:NetworkSecurityGroup", "invalidVersionedNsg", {
                resourceGroupName: RG,
                networkSecurityGroupName: "nsg-versioned",
                location: "westeurope",
                securityRules: [allowRdp()],
            }),
            resource("azure-native:network/v20230901:SecurityRule", "invalidVersionedRule", {
                resourceGroupName: RG,
                networkSecurityGroupName: "nsg-versioned-2",
                securityRuleName: "allow-rdp",
                ...(({ name, ...rest }) => rest)(allowRdp()),
            }),
        ];
        expect(verdicts(await run(fixtures, { mode }), POLICY)).toEqual(expected(["invalidVersionedNsg", "invalidVersionedRule"]));
    });
});
