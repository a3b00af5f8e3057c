// Bypass review, goal 1: get RDP (3389) reachable from the internet past the pack, the way an author
// might by accident or on purpose. Every attempt here is blocked (or, for the classic provider,
// documented as out of scope in docs/threat-model.md) — in both modes.
import { describe, expect, it } from "vitest";
import { run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, SUBSCRIPTION, unknown } from "../harness/stack";

const RDP = "no-direct-rdp";
const REACH = "vm-not-directly-reachable";
const RG = "rg-bypass";
const NSG = "azure-native:network:NetworkSecurityGroup";
const RULE = "azure-native:network:SecurityRule";
const PIP = "azure-native:network:PublicIPAddress";
const LB = "azure-native:network:LoadBalancer";
const FIREWALL = "azure-native:network:AzureFirewall";
const VNET = "azure-native:network:VirtualNetwork";
const NIC = "azure-native:network:NetworkInterface";
const VM = "azure-native:compute:VirtualMachine";

type Inputs = Record<string, unknown>;

function allowRdp(overrides: Inputs = {}): Inputs {
    const rule: Inputs = {
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
    return Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined));
}

const denyRdp = (overrides: Inputs = {}) => allowRdp({ name: "deny-rdp", access: "Deny", priority: 100, ...overrides });

function nsg(name: string, rules: Inputs[], extra: Inputs = {}): FixtureResource {
    return resource(NSG, name, { resourceGroupName: RG, networkSecurityGroupName: `nsg-${name.toLowerCase()}`, location: "westeurope", securityRules: rules, ...extra });
}

function standalone(name: string, nsgName: unknown, rule: Inputs): FixtureResource {
    const { name: ruleName, ...props } = rule;
    return resource(RULE, name, { resourceGroupName: RG, networkSecurityGroupName: nsgName, securityRuleName: ruleName, ...props });
}

const blocked = (policy: string, names: string[], level = "mandatory") => names.map((n) => `${policy} ${n} ${level}`).sort();
/** The verdicts with repeats folded: a resource with several doors (rules, ports) is blocked once here. */
const once = (v: string[]) => [...new Set(v)].sort();

describe.each<Mode>(["known", "first-preview"])("bypass: exposed RDP (%s ids)", (mode) => {
    it("blocks case tricks in enum words", async () => {
        const fixtures = [
            nsg("invalidUpperCase", [allowRdp({ access: "ALLOW", direction: "INBOUND", protocol: "TCP" })]),
            nsg("invalidLowerCase", [allowRdp({ access: "allow", direction: "inbound", protocol: "tcp", sourceAddressPrefix: "internet" })]),
            nsg("invalidMixedCase", [allowRdp({ access: "aLLoW", direction: "InBoUnD", protocol: "tCp", sourceAddressPrefix: "ANY" })]),
        ];
        expect(verdicts(await run(fixtures, { mode }), RDP)).toEqual(blocked(RDP, fixtures.map((f) => f.name)));
    });

    it("blocks whitespace around every value", async () => {
        const fixtures = [
            nsg("invalidPadded", [allowRdp({ access: " Allow ", direction: "\tInbound\n", protocol: " Tcp", sourceAddressPrefix: " 0.0.0.0/0 ", destinationPortRange: " 3389 " })]),
            nsg("invalidPaddedRange", [allowRdp({ destinationPortRange: " 3000 - 4000 " })]),
        ];
        expect(verdicts(await run(fixtures, { mode }), RDP)).toEqual(blocked(RDP, fixtures.map((f) => f.name)));
    });

    it("blocks invisible characters and look-alike letters as values Azure would not read as written", async () => {
        const fixtures = [
            nsg("invalidZeroWidthSource", [allowRdp({ sourceAddressPrefix: "Internet\u200b" })]),
            nsg("invalidGreekIotaDirection", [allowRdp({ direction: "\u0399nbound" })]),
            nsg("invalidFullwidthPort", [allowRdp({ destinationPortRange: "\uff13\uff13\uff18\uff19" })]),
            nsg("invalidCyrillicAccess", [allowRdp({ access: "Allow", protocol: "T\u0441p" })]),
        ];
        expect(verdicts(await run(fixtures, { mode }), RDP)).toEqual(blocked(RDP, fixtures.map((f) => f.name)));
    });

    it("blocks overlapping, wildcard and numeric port forms", async () => {
        const fixtures = [
            nsg("invalidRange", [allowRdp({ destinationPortRange: "3000-4000" })]),
            nsg("invalidSelfRange", [allowRdp({ destinationPortRange: "3389-3389" })]),
            nsg("invalidWildcard", [allowRdp({ destinationPortRange: "*" })]),
            nsg("invalidFullRange", [allowRdp({ destinationPortRange: "0-65535" })]),
            nsg("invalidListOverlap", [allowRdp({ destinationPortRange: undefined, destinationPortRanges: ["22", "3380-3390"] })]),
            nsg("invalidNumber", [allowRdp({ destinationPortRange: 3389 })]),
            nsg("invalidBothFields", [allowRdp({ destinationPortRange: "443", destinationPortRanges: ["3389"] })]),
            nsg("invalidLeadingZero", [allowRdp({ destinationPortRange: "03389" })]),
        ];
        expect(verdicts(await run(fixtures, { mode }), RDP)).toEqual(blocked(RDP, fixtures.map((f) => f.name)));
    });

    it("blocks a rule split across an inline and a standalone resource", async () => {
        const fixtures = [
            // The inline Deny covers TCP only; the standalone Allow admits UDP too.
            nsg("validInlineDenyTcp", [denyRdp({ protocol: "Tcp" })]),
            standalone("invalidStandaloneAllowAny", ref("validInlineDenyTcp", "name"), allowRdp({ protocol: "*" })),
            // The standalone Deny ties with the inline Allow: equal priority is not higher.
            nsg("invalidInlineAllow", [allowRdp({ priority: 200 })]),
            standalone("validStandaloneDenyTie", ref("invalidInlineAllow", "name"), denyRdp({ priority: 200 })),
            // A Deny of another NSG does not cover this one, even with the same rule name.
            nsg("validOtherNsgDeny", [denyRdp()]),
            standalone("invalidAllowOnThirdNsg", "nsg-elsewhere", allowRdp()),
        ];
        expect(verdicts(await run(fixtures, { mode }), RDP)).toEqual(blocked(RDP, ["invalidAllowOnThirdNsg", "invalidInlineAllow", "invalidStandaloneAllowAny"]));
    });

    it("blocks duplicate rule names, whose surviving rule Azure decides", async () => {
        const fixtures = [
            nsg("invalidDuplicateInline", [denyRdp({ name: "rdp" }), allowRdp({ name: "RDP" })]),
            nsg("invalidDuplicateSplit", [denyRdp({ name: "rdp" })]),
            standalone("invalidDuplicateSplitRule", ref("invalidDuplicateSplit", "name"), allowRdp({ name: " Rdp " })),
        ];
        expect(verdicts(await run(fixtures, { mode }), RDP)).toEqual(blocked(RDP, ["invalidDuplicateInline", "invalidDuplicateSplit", "invalidDuplicateSplitRule"]));
    });

    it("blocks 0.0.0.0/0 split into halves or quarters, and every other spelling of the internet", async () => {
        const fixtures = [
            nsg("invalidHalves", [allowRdp({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"] })]),
            nsg("invalidQuarters", [allowRdp({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"] })]),
            nsg("invalidOneHalf", [allowRdp({ sourceAddressPrefix: "128.0.0.0/1" })]),
            nsg("invalidBareZero", [allowRdp({ sourceAddressPrefix: "0.0.0.0" })]),
            nsg("invalidHostBitsZero", [allowRdp({ sourceAddressPrefix: "1.2.3.4/0" })]),
            nsg("invalidIpv6Any", [allowRdp({ sourceAddressPrefix: "::/0" })]),
            nsg("invalidPrivatePlusInternet", [allowRdp({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["10.0.0.0/8", "Internet"] })]),
            nsg("invalidAzureCloudTag", [allowRdp({ sourceAddressPrefix: "AzureCloud" })]),
            nsg("invalidRegionalTag", [allowRdp({ sourceAddressPrefix: "Storage.WestEurope" })]),
            nsg("invalidPrivateSupernet", [allowRdp({ sourceAddressPrefix: "10.0.0.0/7" })]),
        ];
        expect(verdicts(await run(fixtures, { mode }), RDP)).toEqual(blocked(RDP, fixtures.map((f) => f.name)));
    });

    it("blocks IPv4-mapped IPv6 and octal-looking spellings", async () => {
        const fixtures = [
            nsg("invalidMappedAll", [allowRdp({ sourceAddressPrefix: "::ffff:0:0/96" })]),
            nsg("invalidMappedDotted", [allowRdp({ sourceAddressPrefix: "::ffff:0.0.0.0/96" })]),
            nsg("invalidMappedPublic", [allowRdp({ sourceAddressPrefix: "::ffff:198.51.100.7" })]),
            // Azure reads no octal: a value it would read differently from ipaddr.js is not interpreted.
            nsg("invalidOctalLooking", [allowRdp({ sourceAddressPrefix: "010.0.0.0/8" })]),
            // A Deny on the mapped range covers IPv6 only: the IPv4 Allow stays open.
            nsg("invalidMappedDeny", [allowRdp({ sourceAddressPrefix: "0.0.0.0/0" }), denyRdp({ sourceAddressPrefix: "::ffff:0:0/96" })]),
        ];
        expect(verdicts(await run(fixtures, { mode }), RDP)).toEqual(blocked(RDP, fixtures.map((f) => f.name)));
    });

    it("blocks priority ties and Deny rules that cover less than they seem to", async () => {
        const fixtures = [
            nsg("invalidTie", [allowRdp({ priority: 200 }), denyRdp({ priority: 200 })]),
            nsg("invalidDenyAfter", [allowRdp({ priority: 200 }), denyRdp({ priority: 201 })]),
            nsg("invalidDenyVnetOnly", [allowRdp(), denyRdp({ sourceAddressPrefix: "VirtualNetwork" })]),
            nsg("invalidDenyOtherPort", [allowRdp({ destinationPortRange: "3000-4000" }), denyRdp({ destinationPortRange: "3000-3388" })]),
            nsg("invalidDenyOutbound", [allowRdp(), denyRdp({ direction: "Outbound" })]),
            nsg("invalidDenyIpv4Only", [allowRdp({ sourceAddressPrefix: "Internet" }), denyRdp({ sourceAddressPrefix: "0.0.0.0/0" })]),
            nsg("invalidDenyOtherTag", [allowRdp({ sourceAddressPrefix: "AzureCloud" }), denyRdp({ sourceAddressPrefix: "Storage" })]),
            nsg("validDenyCoversAll", [allowRdp({ protocol: "*" }), denyRdp({ protocol: "*", sourceAddressPrefix: "*" })]),
        ];
        expect(verdicts(await run(fixtures, { mode }), RDP)).toEqual(blocked(RDP, fixtures.filter((f) => f.name.startsWith("invalid")).map((f) => f.name)));
    });

    it("blocks unknown values at the privileged level and reports them below it; a public-IP source blocks at every level", async () => {
        const fixtures = [
            resource(PIP, "attackerPip", { resourceGroupName: RG, publicIpAddressName: "pip-attacker", location: "westeurope", sku: { name: "Standard" } }),
            nsg("invalidUnknownSource", [allowRdp({ sourceAddressPrefix: unknown() })]),
            nsg("invalidUnknownDenyPriority", [allowRdp(), denyRdp({ priority: unknown() })]),
            nsg("invalidUnknownPort", [allowRdp({ destinationPortRange: unknown() })]),
            nsg("invalidPublicIpSource", [allowRdp({ sourceAddressPrefix: ref("attackerPip", "computed") })]),
        ];
        expect(verdicts(await run(fixtures, { mode, stackTags: { securityLevel: "privileged" } }), RDP)).toEqual(
            blocked(RDP, ["invalidPublicIpSource", "invalidUnknownDenyPriority", "invalidUnknownPort", "invalidUnknownSource"]),
        );
        expect(verdicts(await run(fixtures, { mode }), RDP)).toEqual(
            [...blocked(RDP, ["invalidPublicIpSource"]), ...blocked(RDP, ["invalidUnknownDenyPriority", "invalidUnknownPort", "invalidUnknownSource"], "advisory")].sort(),
        );
    });

    it("blocks version-qualified and odd-case type tokens", async () => {
        const fixtures = [
            resource("azure-native:network/v20240301:NetworkSecurityGroup", "invalidVersionedNsg", { resourceGroupName: RG, networkSecurityGroupName: "nsg-v", securityRules: [allowRdp()] }),
            resource("azure-native:network/v20230901:SecurityRule", "invalidVersionedRule", { resourceGroupName: RG, networkSecurityGroupName: "nsg-w", securityRuleName: "r", ...(({ name: _n, ...rest }) => rest)(allowRdp()) }),
            resource("azure-native:Network:networksecuritygroup", "invalidOddCaseNsg", { resourceGroupName: RG, networkSecurityGroupName: "nsg-x", securityRules: [allowRdp()] }),
        ];
        expect(verdicts(await run(fixtures, { mode }), RDP)).toEqual(blocked(RDP, fixtures.map((f) => f.name)));
    });

    it("blocks the same door written on the classic azure provider, inline or as a standalone rule", async () => {
        const fixtures = [
            resource("azure:network/networkSecurityGroup:NetworkSecurityGroup", "classicNsg", {
                resourceGroupName: RG,
                name: "nsg-classic",
                securityRules: [{ name: "rdp", direction: "Inbound", access: "Allow", protocol: "Tcp", priority: 100, sourceAddressPrefix: "*", destinationPortRange: "3389" }],
            }),
            resource("azure:network/networkSecurityRule:NetworkSecurityRule", "classicUdpRdp", {
                name: "rdp-udp",
                resourceGroupName: RG,
                networkSecurityGroupName: ref("classicNsg", "name"),
                direction: "INBOUND",
                access: "allow",
                protocol: "Udp",
                priority: 110,
                sourceAddressPrefixes: ["0.0.0.0/0"],
                destinationPortRanges: ["3000-4000"],
            }),
        ];
        expect(verdicts(await run(fixtures, { mode }))).toEqual([
            // The NSG has both inline and standalone rules, which overwrite each other on the classic provider.
            "no-direct-management-ports classicNsg advisory",
            "no-direct-rdp classicNsg advisory",
            "no-direct-rdp classicNsg mandatory",
            "no-direct-rdp classicUdpRdp mandatory",
        ]);
    });

    it("blocks load balancer and firewall doors, whatever the NSGs say", async () => {
        const lbId = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Network/loadBalancers/lb-bypass`;
        const fixtures = [
            resource(PIP, "lbPip", { resourceGroupName: RG, publicIpAddressName: "pip-lb", location: "westeurope", sku: { name: "Standard" } }),
            resource(LB, "invalidHaPortsLb", {
                resourceGroupName: RG,
                loadBalancerName: "lb-bypass",
                location: "westeurope",
                sku: { name: "Standard" },
                frontendIPConfigurations: [{ name: "fe", publicIPAddress: { id: ref("lbPip") } }],
                loadBalancingRules: [{ name: "ha", protocol: "All", frontendPort: 0, backendPort: 0, frontendIPConfiguration: { id: `${lbId}/frontendIPConfigurations/fe` } }],
                inboundNatPools: [{ name: "pool", protocol: "Udp", frontendPortRangeStart: 50000, frontendPortRangeEnd: 50099, backendPort: 3389, frontendIPConfiguration: { id: `${lbId}/frontendIPConfigurations/fe` } }],
            }),
            resource(FIREWALL, "invalidDnatFirewall", {
                resourceGroupName: RG,
                azureFirewallName: "fw-bypass",
                location: "westeurope",
                natRuleCollections: [
                    { name: "dnat", priority: 100, action: { type: "DNAT" }, rules: [{ name: "rdp", protocols: ["tcp"], sourceAddresses: ["0.0.0.0/1", "128.0.0.0/1"], destinationAddresses: ["20.1.2.3"], destinationPorts: ["443"], translatedAddress: "10.0.0.4", translatedPort: " 3389 " }] },
                ],
            }),
        ];
        expect(once(verdicts(await run(fixtures, { mode }), RDP))).toEqual(blocked(RDP, ["invalidDnatFirewall", "invalidHaPortsLb"]));
    });

    it("blocks a VM reachable through its NIC when only one of NIC and subnet has an NSG, or through a Basic public IP with none", async () => {
        const subnetId = { id: ref("vnet", "id", "/subnets/default") };
        const vm = (name: string, nic: string) =>
            resource(VM, name, {
                resourceGroupName: RG,
                vmName: `vm-${name.toLowerCase()}`,
                location: "westeurope",
                hardwareProfile: { vmSize: "Standard_B2s" },
                networkProfile: { networkInterfaces: [{ id: ref(nic), primary: true }] },
            });
        const fixtures = [
            resource(VNET, "vnet", { resourceGroupName: RG, virtualNetworkName: "vnet-bypass", location: "westeurope", addressSpace: { addressPrefixes: ["10.40.0.0/16"] }, subnets: [{ name: "default", addressPrefix: "10.40.1.0/24" }] }),
            resource(PIP, "basicPip", { resourceGroupName: RG, publicIpAddressName: "pip-basic", location: "westeurope", sku: { name: "Basic" } }),
            resource(PIP, "standardPip", { resourceGroupName: RG, publicIpAddressName: "pip-standard", location: "westeurope", sku: { name: "Standard" } }),
            nsg("openNsg", [allowRdp({ protocol: "*", sourceAddressPrefix: "0.0.0.0/1" }), allowRdp({ name: "allow-rdp-2", priority: 310, sourceAddressPrefix: "128.0.0.0/1" })]),
            resource(NIC, "openNic", { resourceGroupName: RG, networkInterfaceName: "nic-open", location: "westeurope", networkSecurityGroup: { id: ref("openNsg") }, ipConfigurations: [{ name: "ip", subnet: subnetId, publicIPAddress: { id: ref("standardPip") } }] }),
            vm("invalidVmBehindOpenNsg", "openNic"),
            resource(NIC, "bareNic", { resourceGroupName: RG, networkInterfaceName: "nic-bare", location: "westeurope", ipConfigurations: [{ name: "ip", subnet: subnetId, publicIPAddress: { id: ref("basicPip") } }] }),
            vm("invalidVmWithBasicIp", "bareNic"),
        ];
        expect(once(verdicts(await run(fixtures, { mode }), REACH))).toEqual(blocked(REACH, ["invalidVmBehindOpenNsg", "invalidVmWithBasicIp"]));
    });
});
