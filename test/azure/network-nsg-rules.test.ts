// NSG evaluation: which internet sources an NSG's rules admit to a port over a protocol, with Deny
// coverage by priority, approvals, and undecidable fields (unknown or malformed) reported by path.
import { describe, expect, it } from "vitest";
import { classifySource, NO_APPROVALS, parseApprovals } from "../../policy-pack/src/azure/network/addresses";
import { evaluateInbound, Exposure, markDuplicateNames, NsgRule, readInlineRules, readRule } from "../../policy-pack/src/azure/network/nsg-rules";
import { Transport } from "../../policy-pack/src/azure/network/ports";
import { UNKNOWN_STRING } from "../../policy-pack/src/engine/values";

const NSG = "urn:nsg";

function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
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

function deny(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return rule({ name: "deny-rdp", access: "Deny", priority: 100, ...overrides });
}

function evaluate(rules: unknown, opts: { port?: number; protocol?: Transport; approvals?: string[] } = {}): Exposure {
    const parsed = markDuplicateNames(readInlineRules(rules, NSG));
    return evaluateInbound(parsed, { port: opts.port ?? 3389, protocol: opts.protocol ?? "tcp" }, opts.approvals ? parseApprovals(opts.approvals) : NO_APPROVALS)
        .exposure;
}

function verdict(rules: unknown, opts: Parameters<typeof evaluate>[1] = {}): string {
    const e = evaluate(rules, opts);
    if (e.kind === "open") {
        return `open ${e.doors.map((d) => d.rule.basePath).join(",")}`;
    }
    if (e.kind === "undecidable") {
        return `undecidable ${e.causes.map((c) => `${c.path}:${c.why}`).sort().join(",")}`;
    }
    return "closed";
}

describe("Allow rules", () => {
    it("opens for every internet spelling and port form", () => {
        for (const src of ["*", "Any", "internet", "0.0.0.0/0", "0.0.0.0", "::/0", "1.2.3.4/32", "AzureCloud"]) {
            expect(verdict([rule({ sourceAddressPrefix: src })]), src).toBe("open securityRules[0]");
        }
        for (const ports of [{ destinationPortRange: "3389-3389" }, { destinationPortRange: "3000-4000" }, { destinationPortRange: "*" }, { destinationPortRange: 3389 }, { destinationPortRange: " 3389 " }]) {
            expect(verdict([rule(ports)]), JSON.stringify(ports)).toBe("open securityRules[0]");
        }
        expect(verdict([rule({ destinationPortRange: undefined, destinationPortRanges: ["22", "3380-3390"] })])).toBe("open securityRules[0]");
        expect(verdict([rule({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["10.0.0.0/8", "8.8.8.8"] })])).toBe("open securityRules[0]");
    });

    it("matches enum words in any case and protocols per transport", () => {
        expect(verdict([rule({ direction: "INBOUND", access: "allow", protocol: "TCP" })])).toBe("open securityRules[0]");
        expect(verdict([rule({ protocol: "*" })], { protocol: "udp" })).toBe("open securityRules[0]");
        expect(verdict([rule({ protocol: "any" })], { protocol: "udp" })).toBe("open securityRules[0]");
        expect(verdict([rule({ protocol: "Udp" })], { protocol: "udp" })).toBe("open securityRules[0]");
        expect(verdict([rule({ protocol: "Udp" })], { protocol: "tcp" })).toBe("closed");
        expect(verdict([rule({ protocol: "Icmp" })], { protocol: "tcp" })).toBe("closed");
    });

    it("stays closed for internal sources, outbound rules, Deny rules and other ports", () => {
        for (const src of ["10.0.0.0/8", "VirtualNetwork", "AzureLoadBalancer", "GatewayManager", "192.168.1.4", "fd00::/8"]) {
            expect(verdict([rule({ sourceAddressPrefix: src })]), src).toBe("closed");
        }
        expect(verdict([rule({ sourceAddressPrefix: undefined, sourceApplicationSecurityGroups: [{ id: "/asg" }] })])).toBe("closed");
        expect(verdict([rule({ direction: "Outbound" })])).toBe("closed");
        expect(verdict([rule({ access: "Deny" })])).toBe("closed");
        expect(verdict([rule({ destinationPortRange: "3390-4000" })])).toBe("closed");
        expect(verdict([])).toBe("closed");
        expect(verdict(undefined)).toBe("closed");
    });

    it("honours approvals as sets", () => {
        expect(verdict([rule({ sourceAddressPrefix: "203.0.113.0/24" })], { approvals: ["203.0.113.0/25", "203.0.113.128/25"] })).toBe("closed");
        expect(verdict([rule({ sourceAddressPrefix: "203.0.113.0/24" })], { approvals: ["203.0.113.0/25"] })).toBe("open securityRules[0]");
    });
});

describe("Deny coverage", () => {
    it("neutralises an Allow only with strictly higher priority", () => {
        expect(verdict([rule(), deny()])).toBe("closed");
        expect(verdict([rule(), deny({ priority: 300 })])).toBe("open securityRules[0]");
        expect(verdict([rule(), deny({ priority: 400 })])).toBe("open securityRules[0]");
        expect(verdict([rule({ priority: "300" }), deny({ priority: " 100 " })])).toBe("closed");
    });

    it("requires the port, the protocol and every source to be covered", () => {
        expect(verdict([rule(), deny({ destinationPortRange: "22" })])).toBe("open securityRules[0]");
        expect(verdict([rule(), deny({ destinationPortRange: "3000-3388" })])).toBe("open securityRules[0]");
        expect(verdict([rule({ protocol: "*" }), deny({ protocol: "Tcp" })], { protocol: "udp" })).toBe("open securityRules[0]");
        expect(verdict([rule({ protocol: "*" }), deny({ protocol: "Tcp" })], { protocol: "tcp" })).toBe("closed");
        expect(verdict([rule(), deny({ sourceAddressPrefix: "0.0.0.0/0" })])).toBe("open securityRules[0]");
        expect(verdict([rule(), deny({ sourceAddressPrefix: "0.0.0.0/0" }), deny({ name: "deny6", priority: 110, sourceAddressPrefix: "::/0" })])).toBe("closed");
        expect(verdict([rule({ sourceAddressPrefix: "0.0.0.0/0" }), deny({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"] })])).toBe("closed");
        expect(verdict([rule({ sourceAddressPrefix: "0.0.0.0/0" }), deny({ sourceAddressPrefix: "0.0.0.0/1" })])).toBe("open securityRules[0]");
        expect(verdict([rule({ sourceAddressPrefix: "AzureCloud" }), deny({ sourceAddressPrefix: "azurecloud" })])).toBe("closed");
        expect(verdict([rule({ sourceAddressPrefix: "AzureCloud" }), deny({ sourceAddressPrefix: "Storage" })])).toBe("open securityRules[0]");
        expect(verdict([rule({ sourceAddressPrefix: "::ffff:0:0/96" }), deny({ sourceAddressPrefix: "0.0.0.0/0" })])).toBe("open securityRules[0]");
        expect(verdict([rule(), deny({ sourceAddressPrefix: "VirtualNetwork" })])).toBe("open securityRules[0]");
    });

    it("adds Deny rules of one NSG together across ranges", () => {
        expect(verdict([rule({ destinationPortRange: "3000-4000" }), deny({ destinationPortRanges: ["3000-3389"], destinationPortRange: undefined })])).toBe("closed");
    });

    it("reports a partial cover", () => {
        const e = evaluate([rule({ sourceAddressPrefix: "0.0.0.0/0" }), deny({ sourceAddressPrefix: "0.0.0.0/1" })]);
        expect(e.kind === "open" && e.doors[0].partlyCovered).toBe(true);
        const full = evaluate([rule()]);
        expect(full.kind === "open" && full.doors[0].partlyCovered).toBe(false);
        // The Deny takes the Storage tag away, though what stays admitted (every internet address)
        // holds Storage's addresses too: a Deny covers part of the listed sources all the same.
        const tag = evaluate([rule({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["Storage", "Internet"] }), deny({ sourceAddressPrefix: "Storage" })]);
        expect(tag.kind === "open" && tag.doors.map((d) => [d.partlyCovered, d.sources.map((s) => s.path)])).toEqual([[true, ["securityRules[0].sourceAddressPrefixes[1]"]]]);
        // A Deny of a tag before an Allow of every address takes part of it, though no interval shows it.
        const any = evaluate([rule({ sourceAddressPrefix: "*" }), deny({ sourceAddressPrefix: "Storage.WestEurope" })]);
        expect(any.kind === "open" && any.doors.map((d) => d.partlyCovered)).toEqual([true]);
    });

    it("counts an Allow of higher priority than the Deny", () => {
        expect(verdict([deny({ priority: 200 }), rule({ priority: 150 })])).toBe("open securityRules[1]");
    });
});

describe("undecidable fields", () => {
    it("reports malformed values of a relevant rule by path", () => {
        expect(verdict([rule({ destinationPortRange: "abc" })])).toBe("undecidable securityRules[0].destinationPortRange:invalid");
        expect(verdict([rule({ destinationPortRange: "70000" })])).toBe("undecidable securityRules[0].destinationPortRange:invalid");
        expect(verdict([rule({ destinationPortRange: "4000-3000" })])).toBe("undecidable securityRules[0].destinationPortRange:invalid");
        expect(verdict([rule({ destinationPortRange: undefined, destinationPortRanges: "3389" })])).toBe("undecidable securityRules[0].destinationPortRanges:invalid");
        expect(verdict([rule({ destinationPortRange: undefined })])).toBe("undecidable securityRules[0].destinationPortRange:invalid");
        expect(verdict([rule({ direction: undefined })])).toBe("undecidable securityRules[0].direction:invalid");
        expect(verdict([rule({ access: "Permit" })])).toBe("undecidable securityRules[0].access:invalid");
        expect(verdict([rule({ protocol: "tcpx" })])).toBe("undecidable securityRules[0].protocol:invalid");
        expect(verdict([rule({ sourceAddressPrefix: "10.0.0.0/33" })])).toBe("undecidable securityRules[0].sourceAddressPrefix:invalid");
        expect(verdict([rule({ sourceAddressPrefix: undefined })])).toBe("undecidable securityRules[0].sourceAddressPrefix:invalid");
        expect(verdict([rule({ sourceAddressPrefix: undefined, sourceAddressPrefixes: "*" })])).toBe("undecidable securityRules[0].sourceAddressPrefixes:invalid");
        expect(verdict([null])).toBe("undecidable securityRules[0]:invalid");
        expect(verdict("not a list")).toBe("undecidable securityRules:invalid");
    });

    it("ignores malformed values that cannot change the verdict", () => {
        expect(verdict([rule({ destinationPortRange: "abc", sourceAddressPrefix: "10.0.0.0/8" })])).toBe("closed");
        expect(verdict([rule({ destinationPortRange: "abc", direction: "Outbound" })])).toBe("closed");
        expect(verdict([rule({ priority: "high" })])).toBe("open securityRules[0]");
        expect(verdict([rule({ destinationPortRanges: ["3389", "abc"], destinationPortRange: undefined })])).toBe("open securityRules[0]");
        // A broken Deny that is not needed changes nothing.
        expect(verdict([rule({ sourceAddressPrefix: "10.0.0.0/8" }), deny({ destinationPortRange: "abc" })])).toBe("closed");
    });

    it("reports a Deny whose cover is needed but unreadable", () => {
        expect(verdict([rule(), deny({ destinationPortRange: "abc" })])).toBe("undecidable securityRules[1].destinationPortRange:invalid");
        expect(verdict([rule(), deny({ priority: UNKNOWN_STRING })])).toBe("undecidable securityRules[1].priority:unknown");
        expect(verdict([rule(), deny({ sourceAddressPrefix: UNKNOWN_STRING })])).toBe("undecidable securityRules[1].sourceAddressPrefix:unknown");
    });

    it("treats an unknown source as possibly internet", () => {
        expect(verdict([rule({ sourceAddressPrefix: UNKNOWN_STRING })])).toBe("undecidable securityRules[0].sourceAddressPrefix:unknown");
        // A Deny of all internet still neutralises it.
        expect(verdict([rule({ sourceAddressPrefix: UNKNOWN_STRING }), deny()])).toBe("closed");
        // A Deny of one family does not.
        expect(verdict([rule({ sourceAddressPrefix: UNKNOWN_STRING }), deny({ sourceAddressPrefix: "0.0.0.0/0" })])).toBe(
            "undecidable securityRules[0].sourceAddressPrefix:unknown",
        );
    });

    it("resolves an unknown source traced to a public IP as public", () => {
        const rules = [readRule(rule({ sourceAddressPrefix: UNKNOWN_STRING }), "urn:rule", "", { resolveUnknownSource: () => classifySource("AzureCloud") })];
        expect(evaluateInbound(rules, { port: 3389, protocol: "tcp" }, NO_APPROVALS).exposure.kind).toBe("open");
    });

    it("makes duplicate rule names undecidable where they matter", () => {
        const inline = readInlineRules([rule({ sourceAddressPrefix: "*" }), deny({ name: "Allow-RDP" })], NSG);
        const marked = markDuplicateNames(inline);
        const e = evaluateInbound(marked, { port: 3389, protocol: "tcp" }, NO_APPROVALS).exposure;
        expect(e.kind).toBe("undecidable");
        expect(e.kind === "undecidable" && e.causes.map((c) => c.path).sort()).toEqual(["securityRules[0].name", "securityRules[1].name"]);
        const standalone = readRule(deny({ name: "x" }), "urn:rule", "", { name: "allow-rdp" });
        const mixed = evaluateInbound(markDuplicateNames([...readInlineRules([rule()], NSG), standalone]), { port: 3389, protocol: "tcp" }, NO_APPROVALS);
        expect(mixed.exposure.kind).toBe("undecidable");
    });

    it("gives worst and best admitted sets for combining NSGs", () => {
        const rules: NsgRule[] = readInlineRules([rule({ sourceAddressPrefix: UNKNOWN_STRING })], NSG);
        const { admitted } = evaluateInbound(rules, { port: 3389, protocol: "tcp" }, NO_APPROVALS);
        expect(admitted.worst.isEmpty()).toBe(false);
        expect(admitted.best.isEmpty()).toBe(true);
    });
});
