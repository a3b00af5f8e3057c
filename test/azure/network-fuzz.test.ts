// Random and malformed network rules: the readers and evaluations never throw, are deterministic,
// and never turn a raw property value into a source label.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifySource, NO_APPROVALS, parseApprovals } from "../../policy-pack/src/azure/network/addresses";
import { natRuleDoor, readClassicNatRules, readPolicyNatRules } from "../../policy-pack/src/azure/network/firewalls";
import { lbRuleDoor, readInlineLbRules } from "../../policy-pack/src/azure/network/load-balancers";
import { evaluateInbound, markDuplicateNames, readInlineRules } from "../../policy-pack/src/azure/network/nsg-rules";
import { UNKNOWN_STRING } from "../../policy-pack/src/engine/values";

const MARKER = "Fuzz-Marker-7f3a";

const word = fc.constantFrom(
    "Inbound", "outbound", "ALLOW", "Deny", "Tcp", "udp", "*", "Any", "Icmp", "Internet", "VirtualNetwork", "AzureCloud",
    "0.0.0.0/0", "::/0", "10.0.0.0/8", "::ffff:0:0/96", "3389", "22", "3000-4000", "4000-3000", "70000", "abc", " 3389 ",
    "Dnat", "DNAT", "Snat", "NatRule", "FirewallPolicyNatRuleCollection", UNKNOWN_STRING, MARKER, `${MARKER}.Region`, "",
);
const scalar = fc.oneof(word, fc.integer({ min: -5, max: 70000 }), fc.constant(null), fc.boolean(), fc.string({ maxLength: 12 }));
const value: fc.Arbitrary<unknown> = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(fc.constantFrom("id", "name", "type"), scalar));

const nsgRule = fc.record(
    {
        name: fc.oneof(word, fc.constant("r")),
        direction: value,
        access: value,
        protocol: value,
        priority: fc.oneof(fc.integer({ min: 100, max: 4096 }), value),
        sourceAddressPrefix: value,
        sourceAddressPrefixes: value,
        sourceApplicationSecurityGroups: value,
        destinationPortRange: value,
        destinationPortRanges: value,
    },
    { requiredKeys: [] },
);
const rules = fc.oneof(fc.array(fc.oneof(nsgRule, scalar), { maxLength: 6 }), scalar);

const lbRule = fc.record(
    { name: value, frontendIPConfiguration: value, protocol: value, backendPort: value, frontendPort: value, enableFloatingIP: value, frontendPortRangeStart: value },
    { requiredKeys: [] },
);
const lbProps = fc.record(
    {
        frontendIPConfigurations: fc.oneof(fc.array(fc.record({ name: value, publicIPAddress: value, subnet: value }, { requiredKeys: [] }), { maxLength: 3 }), value),
        inboundNatRules: fc.oneof(fc.array(fc.oneof(lbRule, scalar), { maxLength: 3 }), value),
        inboundNatPools: fc.oneof(fc.array(lbRule, { maxLength: 2 }), value),
        loadBalancingRules: fc.oneof(fc.array(lbRule, { maxLength: 2 }), value),
    },
    { requiredKeys: [] },
);

const natRule = fc.record(
    { name: value, ruleType: value, protocols: value, ipProtocols: value, sourceAddresses: value, sourceIpGroups: value, translatedPort: value },
    { requiredKeys: [] },
);
const collections = fc.oneof(
    fc.array(fc.oneof(fc.record({ ruleCollectionType: value, action: fc.oneof(value, fc.record({ type: value })), rules: fc.oneof(fc.array(fc.oneof(natRule, scalar), { maxLength: 3 }), value) }, { requiredKeys: [] }), scalar), { maxLength: 3 }),
    value,
);

function nsgOutcome(r: unknown): string {
    const parsed = markDuplicateNames(readInlineRules(r, "urn:nsg"));
    return [3389, 22].flatMap((port) =>
        (["tcp", "udp"] as const).map((protocol) => {
            const e = evaluateInbound(parsed, { port, protocol }, parseApprovals(["198.51.100.0/24"])).exposure;
            if (e.kind === "open") {
                for (const d of e.doors) {
                    for (const s of d.sources) {
                        expect(s.source.label).not.toContain(MARKER);
                    }
                }
                return `open:${e.doors.map((d) => d.rule.basePath).join("+")}`;
            }
            return e.kind === "undecidable" ? `undecidable:${e.causes.map((c) => c.path).join("+")}` : "closed";
        }),
    ).join("|");
}

describe("network rules under random input", () => {
    it("classifySource never throws and never labels with a raw value", () => {
        fc.assert(
            fc.property(fc.oneof(value, fc.string()), (v) => {
                const c = classifySource(v);
                if (c.kind === "internal" || c.kind === "internet") {
                    expect(c.label).not.toContain(MARKER);
                }
            }),
            { numRuns: 500 },
        );
    });

    it("NSG evaluation never throws and is deterministic", () => {
        fc.assert(
            fc.property(rules, (r) => {
                expect(nsgOutcome(r)).toBe(nsgOutcome(r));
            }),
            { numRuns: 400 },
        );
    });

    it("load balancer rules never throw", () => {
        fc.assert(
            fc.property(lbProps, (props) => {
                for (const r of readInlineLbRules(props as Record<string, unknown>, "urn:lb")) {
                    lbRuleDoor(r, 3389, "tcp");
                    lbRuleDoor(r, 22, "udp");
                }
            }),
            { numRuns: 400 },
        );
    });

    it("firewall NAT rules never throw", () => {
        fc.assert(
            fc.property(collections, (c) => {
                const resolver = (_v: unknown, path: string) => ({ entries: [], causes: [{ owner: "urn:fw", path, why: "unknown" as const }] });
                for (const r of [
                    ...readClassicNatRules({ natRuleCollections: c }, "urn:fw", resolver),
                    ...readPolicyNatRules({ ruleCollections: c }, "urn:rcg", resolver),
                ]) {
                    natRuleDoor(r, 3389, "tcp", NO_APPROVALS);
                }
            }),
            { numRuns: 400 },
        );
    });
});
