// Load balancer rules (frontends, HA ports, floating IP) and firewall DNAT rules (collection types,
// actions, protocols, IP groups) as the door policies read them.
import { describe, expect, it } from "vitest";
import { classifySource, NO_APPROVALS, parseApprovals } from "../../policy-pack/src/azure/network/addresses";
import { IpGroupResolver, natRuleDoor, readClassicNatRules, readPolicyNatRules } from "../../policy-pack/src/azure/network/firewalls";
import { lbRuleDoor, readInlineLbRules } from "../../policy-pack/src/azure/network/load-balancers";
import { UNKNOWN_STRING } from "../../policy-pack/src/engine/values";

const LB = "urn:lb";
const FE = (name: string) => ({ id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb/frontendIPConfigurations/${name}` });
const publicFe = { name: "pub", publicIPAddress: { id: UNKNOWN_STRING } };
const internalFe = { name: "int", subnet: { id: "/subnet" } };

function lbVerdicts(props: Record<string, unknown>, port = 3389): string[] {
    return readInlineLbRules(props, LB).map((r) => {
        const tcp = lbRuleDoor(r, port, "tcp");
        const udp = lbRuleDoor(r, port, "udp");
        const show = (v: typeof tcp) => (v.kind === "undecidable" ? `undecidable(${v.causes.map((c) => `${c.path}:${c.why}`).join(",")})` : v.kind);
        return `${r.basePath} tcp=${show(tcp)} udp=${show(udp)}`;
    });
}

describe("load balancer rules", () => {
    it("follows the frontend reference by name, in any case", () => {
        const props = {
            frontendIPConfigurations: [publicFe, internalFe],
            inboundNatRules: [
                { name: "a", frontendIPConfiguration: FE("PUB"), protocol: "Tcp", frontendPort: 50001, backendPort: 3389 },
                { name: "b", frontendIPConfiguration: FE("int"), protocol: "Tcp", frontendPort: 50002, backendPort: 3389 },
            ],
        };
        expect(lbVerdicts(props)).toEqual(["inboundNatRules[0] tcp=door udp=closed", "inboundNatRules[1] tcp=closed udp=closed"]);
    });

    it("decides an unknown reference when all frontends agree, and not when they differ", () => {
        const rule = { name: "a", frontendIPConfiguration: { id: UNKNOWN_STRING }, protocol: "All", frontendPort: 50001, backendPort: 3389 };
        expect(lbVerdicts({ frontendIPConfigurations: [publicFe], inboundNatRules: [rule] })).toEqual(["inboundNatRules[0] tcp=door udp=door"]);
        expect(lbVerdicts({ frontendIPConfigurations: [internalFe], inboundNatRules: [rule] })).toEqual(["inboundNatRules[0] tcp=closed udp=closed"]);
        expect(lbVerdicts({ frontendIPConfigurations: [publicFe, internalFe], inboundNatRules: [rule] })).toEqual([
            "inboundNatRules[0] tcp=undecidable(inboundNatRules[0].frontendIPConfiguration.id:unknown) udp=undecidable(inboundNatRules[0].frontendIPConfiguration.id:unknown)",
        ]);
        expect(lbVerdicts({ frontendIPConfigurations: [publicFe, internalFe], inboundNatRules: [{ ...rule, frontendIPConfiguration: FE("gone") }] })[0]).toContain(
            "frontendIPConfiguration.id:invalid",
        );
    });

    it("treats backend port 0 as every port and keeps the frontend port with floating IP", () => {
        const base = { name: "r", frontendIPConfiguration: FE("pub"), protocol: "Tcp" };
        expect(lbVerdicts({ frontendIPConfigurations: [publicFe], loadBalancingRules: [{ ...base, frontendPort: 0, backendPort: 0 }] })).toEqual([
            "loadBalancingRules[0] tcp=door udp=closed",
        ]);
        expect(lbVerdicts({ frontendIPConfigurations: [publicFe], loadBalancingRules: [{ ...base, frontendPort: 3389, backendPort: 8080, enableFloatingIP: true }] })).toEqual([
            "loadBalancingRules[0] tcp=door udp=closed",
        ]);
        expect(lbVerdicts({ frontendIPConfigurations: [publicFe], loadBalancingRules: [{ ...base, frontendPort: 3389, backendPort: 8080 }] })).toEqual([
            "loadBalancingRules[0] tcp=closed udp=closed",
        ]);
        expect(
            lbVerdicts({ frontendIPConfigurations: [publicFe], loadBalancingRules: [{ ...base, frontendPort: 3389, backendPort: 8080, enableFloatingIP: UNKNOWN_STRING }] }),
        ).toEqual(["loadBalancingRules[0] tcp=undecidable(loadBalancingRules[0].enableFloatingIP:unknown) udp=closed"]);
        expect(
            lbVerdicts({
                frontendIPConfigurations: [publicFe],
                inboundNatPools: [{ ...base, frontendPortRangeStart: 3380, frontendPortRangeEnd: 3390, backendPort: 80, enableFloatingIP: true }],
            }),
        ).toEqual(["inboundNatPools[0] tcp=door udp=closed"]);
    });

    it("reports malformed rules and frontends by path", () => {
        expect(lbVerdicts({ frontendIPConfigurations: [publicFe], inboundNatRules: "x" })).toEqual([
            "inboundNatRules tcp=undecidable(inboundNatRules:invalid) udp=undecidable(inboundNatRules:invalid)",
        ]);
        expect(
            lbVerdicts({ frontendIPConfigurations: [{ name: "odd" }], inboundNatRules: [{ frontendIPConfiguration: FE("zzz"), protocol: "tcp", backendPort: 3389 }] })[0],
        ).toContain("frontendIPConfigurations[0]:invalid");
        expect(lbVerdicts({ frontendIPConfigurations: [publicFe], inboundNatRules: [{ frontendIPConfiguration: FE("pub"), protocol: "Tcp", backendPort: 70000 }] })).toEqual([
            "inboundNatRules[0] tcp=undecidable(inboundNatRules[0].backendPort:invalid) udp=closed",
        ]);
    });
});

const noGroups: IpGroupResolver = (_v, path) => ({ entries: [], causes: [{ owner: "urn:fw", path, why: "unknown" }] });

function natVerdicts(rules: ReturnType<typeof readClassicNatRules>, port = 3389, approvals = NO_APPROVALS): string[] {
    return rules.map((r) => {
        const v = natRuleDoor(r, port, "tcp", approvals);
        return `${r.basePath} ${v.kind === "undecidable" ? `undecidable(${v.causes.map((c) => `${c.path}:${c.why}`).join(",")})` : v.kind}`;
    });
}

const rdp = { name: "r", protocols: ["TCP"], sourceAddresses: ["*"], translatedAddress: "10.0.0.4", translatedPort: "3389" };

describe("firewall DNAT rules", () => {
    it("reads classic collections: Dnat forwards, Snat does not", () => {
        const props = {
            natRuleCollections: [
                { name: "d", action: { type: "dnat" }, rules: [rdp, { ...rdp, protocols: ["Any"] }, { ...rdp, protocols: ["UDP"] }, { ...rdp, sourceAddresses: ["10.0.0.0/8"] }] },
                { name: "s", action: { type: "Snat" }, rules: [rdp] },
                { name: "u", action: { type: UNKNOWN_STRING }, rules: [rdp] },
            ],
        };
        expect(natVerdicts(readClassicNatRules(props, "urn:fw", noGroups))).toEqual([
            "natRuleCollections[0].rules[0] door",
            "natRuleCollections[0].rules[1] door",
            "natRuleCollections[0].rules[2] closed",
            "natRuleCollections[0].rules[3] closed",
            "natRuleCollections[2].rules[0] undecidable(natRuleCollections[2].action.type:unknown)",
        ]);
    });

    it("reads policy rule collection groups: only NAT collections and NatRule rules", () => {
        const nat = { ruleType: "NatRule", ipProtocols: ["tcp"], sourceAddresses: ["*"], translatedPort: 3389 };
        const props = {
            ruleCollections: [
                { ruleCollectionType: "firewallpolicynatrulecollection", action: { type: "Dnat" }, rules: [nat, { ...nat, ruleType: "NetworkRule" }] },
                { ruleCollectionType: "FirewallPolicyFilterRuleCollection", action: { type: "Allow" }, rules: [nat] },
                { ruleCollectionType: "Mystery", action: { type: "DNAT" }, rules: [nat] },
            ],
        };
        expect(natVerdicts(readPolicyNatRules(props, "urn:rcg", noGroups))).toEqual([
            "ruleCollections[0].rules[0] door",
            "ruleCollections[0].rules[1] closed",
            "ruleCollections[2].rules[0] undecidable(ruleCollections[2].ruleCollectionType:invalid)",
        ]);
    });

    it("resolves IP groups through the resolver and honours approvals", () => {
        const groups: IpGroupResolver = (_v, path) => {
            const c = classifySource("203.0.113.0/24");
            return c.kind === "internet" ? { entries: [{ source: c, path }], causes: [] } : { entries: [], causes: [] };
        };
        const rules = readClassicNatRules({ natRuleCollections: [{ action: { type: "Dnat" }, rules: [{ ...rdp, sourceAddresses: undefined, sourceIpGroups: ["/ipGroups/admins"] }] }] }, "urn:fw", groups);
        expect(natVerdicts(rules)).toEqual(["natRuleCollections[0].rules[0] door"]);
        expect(natVerdicts(rules, 3389, parseApprovals(["203.0.113.0/24"]))).toEqual(["natRuleCollections[0].rules[0] closed"]);
        const unknownGroup = readClassicNatRules({ natRuleCollections: [{ action: { type: "Dnat" }, rules: [{ ...rdp, sourceAddresses: undefined, sourceIpGroups: [UNKNOWN_STRING] }] }] }, "urn:fw", noGroups);
        expect(natVerdicts(unknownGroup)).toEqual(["natRuleCollections[0].rules[0] undecidable(natRuleCollections[0].rules[0].sourceIpGroups[0]:unknown)"]);
    });

    it("reports malformed values by path", () => {
        const rules = readClassicNatRules(
            { natRuleCollections: [{ action: { type: "Dnat" }, rules: [{ ...rdp, translatedPort: "rdp" }, { ...rdp, protocols: "TCP" }, null] }] },
            "urn:fw",
            noGroups,
        );
        expect(natVerdicts(rules)).toEqual([
            "natRuleCollections[0].rules[0] undecidable(natRuleCollections[0].rules[0].translatedPort:invalid)",
            "natRuleCollections[0].rules[1] undecidable(natRuleCollections[0].rules[1].protocols:invalid)",
            "natRuleCollections[0].rules[2] undecidable(natRuleCollections[0].rules[2]:invalid)",
        ]);
        expect(natVerdicts(readClassicNatRules({ natRuleCollections: "x" }, "urn:fw", noGroups))).toEqual(["natRuleCollections undecidable(natRuleCollections:invalid)"]);
    });
});
