// Source classification (DESIGN §3a): every internet spelling, internal ranges and tags, IPv4 and
// IPv6 including IPv4-mapped addresses, malformed values, and approvals as sets.
import { describe, expect, it } from "vitest";
import {
    AddressSet,
    ALL_INTERNET,
    classifySource,
    isApproved,
    isInternetSource,
    parseApprovals,
    publicAddressSource,
    unapproved,
} from "../../policy-pack/src/azure/network/addresses";
import { UNKNOWN_STRING } from "../../policy-pack/src/engine/values";

function kind(v: unknown): string {
    return classifySource(v).kind;
}

function label(v: unknown): string {
    const c = classifySource(v);
    return c.kind === "internal" || c.kind === "internet" ? c.label : c.kind;
}

function union(...prefixes: string[]): AddressSet {
    return AddressSet.union(
        prefixes.map((p) => {
            const c = classifySource(p);
            if (c.kind !== "internet" && c.kind !== "internal") {
                throw new Error(p);
            }
            return c.covers;
        }),
    );
}

function admits(p: string): AddressSet {
    const c = classifySource(p);
    if (c.kind !== "internet") {
        throw new Error(p);
    }
    return c.admits;
}

describe("classifySource", () => {
    it.each(["*", "Any", "any", "ANY", "Internet", "internet", "INTERNET", " * ", "\tInternet\n", "0.0.0.0/0", "::/0", "0.0.0.0", "::"])(
        "%j is every internet address of its family",
        (v) => {
            const c = classifySource(v);
            expect(c.kind).toBe("internet");
            expect(c.kind === "internet" && c.any).toBe(true);
        },
    );

    it.each([
        "10.0.0.0/8",
        "10.1.2.3",
        "172.16.0.0/12",
        "172.31.255.255/32",
        "192.168.10.0/24",
        "100.64.0.0/10",
        "127.0.0.1",
        "169.254.169.254",
        "fc00::/7",
        "fd12:3456::/48",
        "fe80::/10",
        "::1",
        "::ffff:10.0.0.0/104",
        "::ffff:192.168.1.1",
        "VirtualNetwork",
        "virtualnetwork",
        "AzureLoadBalancer",
        "GATEWAYMANAGER",
        " 10.0.0.0/16 ",
    ])("%j is internal", (v) => {
        expect(kind(v)).toBe("internal");
    });

    it.each([
        "1.2.3.4",
        "203.0.113.0/24",
        "198.51.100.7/32",
        "192.0.2.1",
        "240.0.0.0/4",
        "255.255.255.255",
        "8.0.0.0/4",
        "10.0.0.0/7",
        "172.15.0.0/16",
        "172.0.0.0/8",
        "100.128.0.0/16",
        "0.0.0.0/1",
        "128.0.0.0/1",
        "2001:db8::/32",
        "2001:4860:4860::8888",
        "::ffff:0:0/96",
        "::ffff:1.2.3.4",
        "::ffff:8.8.8.8/128",
        "AzureCloud",
        "azurecloud",
        "AzureCloud.WestEurope",
        "Storage",
        "Sql.EastUS",
        "AzureFrontDoor.Backend",
        "SomeFutureTag",
    ])("%j is internet", (v) => {
        expect(kind(v)).toBe("internet");
    });

    it.each([
        "",
        "   ",
        "10.0.0.0/33",
        "10.0.0.256",
        "1.2.3",
        "010.0.0.1",
        "0x0a.0.0.1",
        "10.0.0.0/-1",
        "10.0.0.0/8/8",
        "fe80::1%eth0",
        "not a prefix",
        "10.0.0.1;",
        "::ffff:010.0.0.1",
        "2.2.2.2-1.1.1.1",
        "1.1.1.1-::1",
        42,
        null,
        undefined,
        true,
        ["10.0.0.0/8"],
        { prefix: "10.0.0.0/8" },
    ])("%j is invalid", (v) => {
        expect(kind(v)).toBe("invalid");
    });

    it("reports an unknown sentinel as unknown", () => {
        expect(kind(UNKNOWN_STRING)).toBe("unknown");
    });

    it("labels with canonical forms only", () => {
        expect(label("10.0.0.5/24")).toBe("10.0.0.0/24");
        expect(label("2001:DB8::/32")).toBe("2001:db8::/32");
        expect(label("azurecloud")).toBe("service tag AzureCloud");
        expect(label("AzureCloud.westeurope")).toBe("a regional service tag of AzureCloud");
        expect(label("MySecretPassw0rd")).toBe("a service tag");
        expect(label("internet")).toBe("service tag Internet");
        expect(label("virtualNETWORK")).toBe("service tag VirtualNetwork");
        expect(label("1.1.1.1-1.1.1.9")).toBe("1.1.1.1-1.1.1.9");
    });

    it("reads IPv4 address ranges (Azure Firewall syntax)", () => {
        expect(kind("10.0.0.1-10.0.0.9")).toBe("internal");
        expect(kind("10.255.255.0-11.0.0.1")).toBe("internet");
    });

    it("keeps only the internet part of a mixed range", () => {
        const a = admits("10.0.0.0/7");
        expect(a.minus(union("11.0.0.0/8")).isEmpty()).toBe(true);
        expect(a.minus(union("10.0.0.0/8")).isEmpty()).toBe(false);
    });
});

describe("coverage (Deny sets)", () => {
    it("* covers IPv4, IPv6 and every tag", () => {
        const all = union("*");
        for (const p of ["0.0.0.0/0", "::/0", "AzureCloud", "::ffff:0:0/96", "8.8.8.8"]) {
            expect(admits(p).minus(all).isEmpty(), p).toBe(true);
        }
        expect(publicAddressSource("pip", "urn:x").kind).toBe("internet");
    });

    it("0.0.0.0/0 covers IPv4 only, ::/0 IPv6 only, both together everything", () => {
        expect(admits("*").minus(union("0.0.0.0/0")).isEmpty()).toBe(false);
        expect(admits("*").minus(union("::/0")).isEmpty()).toBe(false);
        expect(admits("*").minus(union("0.0.0.0/0", "::/0")).isEmpty()).toBe(true);
        expect(admits("AzureCloud").minus(union("0.0.0.0/0", "::/0")).isEmpty()).toBe(true);
        expect(admits("AzureCloud").minus(union("0.0.0.0/0")).isEmpty()).toBe(false);
    });

    it("0.0.0.0/1 and 128.0.0.0/1 together cover IPv4", () => {
        expect(admits("0.0.0.0/0").minus(union("0.0.0.0/1")).isEmpty()).toBe(false);
        expect(admits("0.0.0.0/0").minus(union("0.0.0.0/1", "128.0.0.0/1")).isEmpty()).toBe(true);
    });

    it("a public-only cover is enough: internal ranges need no Deny", () => {
        const publicV4 = union("0.0.0.0/5", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6", "16.0.0.0/4", "32.0.0.0/3", "64.0.0.0/3", "96.0.0.0/6", "100.0.0.0/10", "100.128.0.0/9", "101.0.0.0/8", "102.0.0.0/7", "104.0.0.0/5", "112.0.0.0/5", "120.0.0.0/6", "124.0.0.0/7", "126.0.0.0/8", "128.0.0.0/3", "160.0.0.0/5", "168.0.0.0/8", "169.0.0.0/9", "169.128.0.0/10", "169.192.0.0/11", "169.224.0.0/12", "169.240.0.0/13", "169.248.0.0/14", "169.252.0.0/15", "169.255.0.0/16", "170.0.0.0/7", "172.0.0.0/12", "172.32.0.0/11", "172.64.0.0/10", "172.128.0.0/9", "173.0.0.0/8", "174.0.0.0/7", "176.0.0.0/4", "192.0.0.0/9", "192.128.0.0/11", "192.160.0.0/13", "192.169.0.0/16", "192.170.0.0/15", "192.172.0.0/14", "192.176.0.0/12", "192.192.0.0/10", "193.0.0.0/8", "194.0.0.0/7", "196.0.0.0/6", "200.0.0.0/5", "208.0.0.0/4", "224.0.0.0/3");
        expect(admits("0.0.0.0/0").minus(publicV4).isEmpty()).toBe(true);
        expect(admits("0.0.0.0/0").minus(union("0.0.0.0/5")).isEmpty()).toBe(false);
    });

    it("an opaque tag is covered only by the same tag (any case) or all internet", () => {
        expect(admits("AzureCloud").minus(union("azurecloud")).isEmpty()).toBe(true);
        expect(admits("AzureCloud").minus(union("Storage")).isEmpty()).toBe(false);
        expect(admits("AzureCloud.WestEurope").minus(union("AzureCloud")).isEmpty()).toBe(false);
        expect(admits("AzureCloud").minus(union("Internet")).isEmpty()).toBe(true);
        expect(admits("8.8.8.8").minus(union("AzureCloud")).isEmpty()).toBe(false);
    });

    it("IPv4-mapped IPv6 ranges are IPv6 for coverage", () => {
        expect(admits("::ffff:0:0/96").minus(union("0.0.0.0/0")).isEmpty()).toBe(false);
        expect(admits("::ffff:0:0/96").minus(union("::/0")).isEmpty()).toBe(true);
        expect(admits("0.0.0.0/0").minus(union("::ffff:0:0/96")).isEmpty()).toBe(false);
    });

    it("bare 0.0.0.0 admits all IPv4 but covers only itself", () => {
        expect(admits("0.0.0.0").minus(union("0.0.0.0/0")).isEmpty()).toBe(true);
        expect(admits("8.8.8.8").minus(union("0.0.0.0")).isEmpty()).toBe(false);
    });

    it("intersects sets, keeping opaque sets the other side holds", () => {
        expect(admits("1.0.0.0/8").intersect(admits("1.2.0.0/16")).minus(union("1.2.0.0/16")).isEmpty()).toBe(true);
        expect(admits("AzureCloud").intersect(ALL_INTERNET).isEmpty()).toBe(false);
        expect(admits("AzureCloud").intersect(admits("8.8.8.8")).isEmpty()).toBe(true);
    });
});

describe("approvals", () => {
    it("approve CIDRs together and tags by name", () => {
        const approvals = parseApprovals(["203.0.113.0/25", "203.0.113.128/25", "AzureCloud"]);
        expect(approvals.invalid).toEqual([]);
        expect(isApproved(classifySource("203.0.113.0/24"), approvals)).toBe(true);
        expect(isApproved(classifySource("203.0.113.7"), approvals)).toBe(true);
        expect(isApproved(classifySource("203.0.112.0/23"), approvals)).toBe(false);
        expect(isApproved(classifySource("azurecloud"), approvals)).toBe(true);
        expect(isApproved(classifySource("Storage"), approvals)).toBe(false);
        expect(isApproved(classifySource("*"), approvals)).toBe(false);
        expect(isApproved(classifySource("10.0.0.0/8"), approvals)).toBe(true);
        expect(isApproved(classifySource(UNKNOWN_STRING), approvals)).toBe(false);
        expect(isApproved(classifySource("garbage value"), approvals)).toBe(false);
    });

    it("an approved Internet approves everything; 0.0.0.0 approves one address", () => {
        expect(isApproved(classifySource("*"), parseApprovals(["Internet"]))).toBe(true);
        expect(isApproved(classifySource("0.0.0.0/0"), parseApprovals(["0.0.0.0"]))).toBe(false);
    });

    it("names invalid entries by index and ignores non-lists", () => {
        expect(parseApprovals(["10.0.0.0/8", "10.0.0.0/33", 7, "x y"]).invalid).toEqual([1, 2, 3]);
        expect(parseApprovals("10.0.0.0/8").set.isEmpty()).toBe(true);
        expect(parseApprovals(undefined).invalid).toEqual([]);
    });

    it("isInternetSource and unapproved agree", () => {
        const approvals = parseApprovals(["198.51.100.10"]);
        expect(isInternetSource(classifySource("198.51.100.10"), approvals)).toBe(false);
        expect(isInternetSource(classifySource("198.51.100.11"))).toBe(true);
        expect(isInternetSource(classifySource("10.0.0.1"))).toBe(false);
        expect(unapproved(admits("198.51.100.10/31"), approvals).isEmpty()).toBe(false);
    });
});
