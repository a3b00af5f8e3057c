// The largest network security group Azure accepts — 1,000 rules holding 4,000 address prefixes —
// with Deny and Allow rules interleaved, so that every Allow's sources must be checked against the
// cover of every Deny before it: the Deny-coverage work of the door and reachability evaluators at
// its worst. Built at several sizes to show how that work grows with the number of rules, on both
// providers, the NSG on the NIC of a VM with a public IP so that the reachability policy evaluates
// it beside the two door policies: azure-native inline `securityRules`, and classic `@pulumi/azure`
// with half its rules inline and half as standalone `NetworkSecurityRule` resources.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { AnalyzerClient, Diagnostic, encodeAnalyzeRequest, encodeAnalyzeStackRequest } from "../checker/engine/analyzer-client";
import { DEFAULT_PACK_DIR } from "../checker/paths";
import { NO_APPROVALS } from "../policy-pack/src/azure/network/addresses";
import { evaluateInbound, markDuplicateNames, readInlineRules } from "../policy-pack/src/azure/network/nsg-rules";
import { TRANSPORTS } from "../policy-pack/src/azure/network/ports";
import { DEFAULT_MANAGEMENT_PORTS } from "../policy-pack/src/policies/no-direct-management-ports";
import { RDP_PORT } from "../policy-pack/src/policies/no-direct-rdp";
import { DEFAULT_PORTS as REACHABILITY_PORTS } from "../policy-pack/src/policies/vm-not-directly-reachable";
import { FixtureResource, plan, ref, resource } from "../test/harness/stack";
import { analyzeAll, analyzeStack, cpuMillis, median, NOOP_DIR, prepare } from "./protocol";

export type NsgProvider = "azure-native" | "classic";
export const NSG_PROVIDERS: readonly NsgProvider[] = ["azure-native", "classic"];

/** Address prefixes per rule: 1,000 rules × 4 is Azure's limit of prefixes in one NSG. */
const PREFIXES_PER_RULE = 4;

/** A small seeded generator (mulberry32): the same stack on every run. */
function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
    };
}

const PUBLIC_FIRST_OCTETS = [13, 20, 23, 40, 51, 52, 65, 81, 91, 104, 131, 145, 185, 193, 203, 213];
const PUBLIC_PREFIX_LENGTHS = [16, 20, 24, 27, 28, 29, 32];
const SERVICE_TAGS = ["AzureCloud", "AzureCloud.WestEurope", "Storage", "Storage.NorthEurope", "Sql", "AzureMonitor", "AzureFrontDoor.Backend", "VirtualNetwork"];

function prefix(next: () => number): string {
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    const octet = () => Math.floor(next() * 256);
    const r = next();
    if (r < 0.5) {
        const bits = pick(PUBLIC_PREFIX_LENGTHS);
        return bits === 32 ? `${pick(PUBLIC_FIRST_OCTETS)}.${octet()}.${octet()}.${octet()}` : `${pick(PUBLIC_FIRST_OCTETS)}.${octet()}.${octet()}.${octet() & 0xf0}/${bits}`;
    }
    if (r < 0.8) {
        return pick([`10.${octet()}.${octet()}.0/24`, `172.${16 + Math.floor(next() * 16)}.${octet()}.0/24`, `192.168.${octet()}.0/24`]);
    }
    return pick(SERVICE_TAGS);
}

// Single ports, ranges and lists, most of them holding every management port, so that most rules
// take part in every query of the door and reachability policies: the worst case.
const PORTS: readonly (string | string[])[] = [
    "*",
    "3389",
    "22",
    "20-6000",
    "1-10000",
    ["22", "3389", "5985-5986"],
    ["20-23", "3380-3400", "5900-6000"],
    ["80", "443", "8080-8090"],
];
const PROTOCOLS = ["Tcp", "Udp", "*", "*"];

interface RuleFields {
    name: string;
    priority: number;
    direction: string;
    access: string;
    protocol: string;
    sourcePortRange: string;
    destinationAddressPrefix: string;
    sourceAddressPrefixes: string[];
    destinationPortRange?: string;
    destinationPortRanges?: string[];
}

/** `count` rules, Deny and Allow taking turns, with four source prefixes each. */
export function worstCaseRules(count: number, seed = count): RuleFields[] {
    const next = random(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    return Array.from({ length: count }, (_, i) => {
        const ports = pick(PORTS);
        return {
            name: `rule-${i}`,
            priority: 100 + i,
            direction: "Inbound",
            access: i % 2 === 0 ? "Deny" : "Allow",
            protocol: pick(PROTOCOLS),
            sourcePortRange: "*",
            destinationAddressPrefix: "*",
            sourceAddressPrefixes: Array.from({ length: PREFIXES_PER_RULE }, () => prefix(next)),
            ...(Array.isArray(ports) ? { destinationPortRanges: ports } : { destinationPortRange: ports }),
        };
    });
}

function nativeStack(rules: RuleFields[]): FixtureResource[] {
    const rg = { resourceGroupName: "rg-edge" };
    return [
        resource("azure-native:network:NetworkSecurityGroup", "edgeNsg", { ...rg, networkSecurityGroupName: "nsg-edge", securityRules: rules }),
        resource("azure-native:network:VirtualNetwork", "edgeVnet", { ...rg, addressSpace: { addressPrefixes: ["10.0.0.0/16"] } }),
        resource("azure-native:network:Subnet", "edgeSubnet", { ...rg, virtualNetworkName: ref("edgeVnet", "name"), addressPrefix: "10.0.1.0/24" }),
        resource("azure-native:network:PublicIPAddress", "edgePip", { ...rg, publicIPAllocationMethod: "Static", sku: { name: "Standard" } }),
        resource("azure-native:network:NetworkInterface", "edgeNic", {
            ...rg,
            networkSecurityGroup: { id: ref("edgeNsg") },
            ipConfigurations: [{ name: "primary", subnet: { id: ref("edgeSubnet") }, publicIPAddress: { id: ref("edgePip") } }],
        }),
        resource("azure-native:compute:VirtualMachine", "edgeVm", {
            ...rg,
            hardwareProfile: { vmSize: "Standard_B2s" },
            networkProfile: { networkInterfaces: [{ id: ref("edgeNic"), primary: true }] },
            osProfile: { computerName: "edge", adminUsername: "azureadmin", linuxConfiguration: { disablePasswordAuthentication: true } },
        }),
    ];
}

/** The classic provider's version, as the engine sends it with each resource. */
const CLASSIC_VERSION = { providerVersion: "6.40.0" };

function classicStack(rules: RuleFields[]): FixtureResource[] {
    const half = Math.ceil(rules.length / 2);
    const rg = { resourceGroupName: "rg-edge", location: "westeurope" };
    const classic = (type: string, name: string, inputs: Record<string, unknown>) => resource(`azure:${type}`, name, inputs, CLASSIC_VERSION);
    return [
        classic("network/networkSecurityGroup:NetworkSecurityGroup", "edgeNsg", { ...rg, name: "nsg-edge", securityRules: rules.slice(0, half) }),
        ...rules.slice(half).map((r) => classic("network/networkSecurityRule:NetworkSecurityRule", r.name, { ...rg, networkSecurityGroupName: ref("edgeNsg", "name"), ...r })),
        classic("network/virtualNetwork:VirtualNetwork", "edgeVnet", { ...rg, name: "vnet-edge", addressSpaces: ["10.0.0.0/16"] }),
        classic("network/subnet:Subnet", "edgeSubnet", { resourceGroupName: rg.resourceGroupName, name: "default", virtualNetworkName: ref("edgeVnet", "name"), addressPrefixes: ["10.0.1.0/24"] }),
        classic("network/publicIp:PublicIp", "edgePip", { ...rg, name: "pip-edge", allocationMethod: "Static", sku: "Standard" }),
        classic("network/networkInterface:NetworkInterface", "edgeNic", {
            ...rg,
            name: "nic-edge",
            ipConfigurations: [{ name: "ipconfig1", subnetId: ref("edgeSubnet"), privateIpAddressAllocation: "Dynamic", publicIpAddressId: ref("edgePip") }],
        }),
        classic("network/networkInterfaceSecurityGroupAssociation:NetworkInterfaceSecurityGroupAssociation", "edgeNicNsg", {
            networkInterfaceId: ref("edgeNic"),
            networkSecurityGroupId: ref("edgeNsg"),
        }),
        classic("compute/linuxVirtualMachine:LinuxVirtualMachine", "edgeVm", {
            ...rg,
            name: "vm-edge",
            size: "Standard_B2s",
            adminUsername: "azureadmin",
            disablePasswordAuthentication: true,
            networkInterfaceIds: [ref("edgeNic")],
            osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS" },
            sourceImageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
        }),
    ];
}

export function worstCaseStack(provider: NsgProvider, rules: number): FixtureResource[] {
    return provider === "azure-native" ? nativeStack(worstCaseRules(rules)) : classicStack(worstCaseRules(rules));
}

interface Cost {
    pack: number;
    noop: number;
    overNoop: number;
}

export interface NsgCaseResult {
    provider: NsgProvider;
    rules: number;
    prefixes: number;
    /** Analyze over every resource, then AnalyzeStack — one preview's policy calls — in a fresh process. */
    first: { wallMs: Cost; cpuMs: Cost };
    /**
     * The same calls in the rounds after the first: the median of each pack's rounds, and of the
     * differences within each round (the two packs' calls of a round are adjacent in time, so a
     * machine slowing down between rounds weighs on both alike).
     */
    steady: { wallMs: Cost; cpuMs: Cost };
    /** The pack's findings: their number and a digest of them, to show that a change kept every verdict. */
    findings: { count: number; sha256: string };
}

function digest(diagnostics: readonly Diagnostic[]): string {
    const lines = diagnostics.map((d) => `${d.policyName}\u0000${d.urn}\u0000${d.enforcementLevel}\u0000${d.message}`).sort();
    return createHash("sha256").update(lines.join("\n")).digest("hex");
}

type Samples = { pack: number[]; noop: number[] };

function firstCost(s: Samples): Cost {
    return { pack: s.pack[0], noop: s.noop[0], overNoop: s.pack[0] - s.noop[0] };
}

function steadyCost(s: Samples): Cost {
    const pack = s.pack.slice(1);
    const noop = s.noop.slice(1);
    return { pack: median(pack), noop: median(noop), overNoop: median(pack.map((t, i) => t - noop[i])) };
}

/**
 * One NSG of `rules` rules through both packs, each in its own fresh process: `rounds` rounds of
 * Analyze over every resource and one AnalyzeStack, alternating the packs, timed in wall time and in
 * the pack process's CPU time. The first round is what one preview pays (a fresh process, JIT
 * warm-up included) and is reported on its own.
 */
export async function measureNsgCase(provider: NsgProvider, rules: number, rounds: number): Promise<NsgCaseResult> {
    const resources = plan(worstCaseStack(provider, rules), { mode: "known" });
    const analyzeRequests = resources.map((r) => encodeAnalyzeRequest({ ...r, properties: r.inputs }));
    const stackRequest = encodeAnalyzeStackRequest(resources.map((r) => ({ ...r, properties: r.outputs })));
    const pack = await AnalyzerClient.start({ packDir: DEFAULT_PACK_DIR, evidence: false });
    const noop = await AnalyzerClient.start({ packDir: NOOP_DIR, evidence: false });
    try {
        await prepare(pack);
        await prepare(noop);
        const wall: Samples = { pack: [], noop: [] };
        const cpu: Samples = { pack: [], noop: [] };
        let findings: Diagnostic[] = [];
        for (let i = 0; i < rounds; i++) {
            for (const [name, client] of i % 2 === 0 ? ([["pack", pack], ["noop", noop]] as const) : ([["noop", noop], ["pack", pack]] as const)) {
                const cpuBefore = cpuMillis(client.child.pid);
                const a = await analyzeAll(client, analyzeRequests);
                const s = await analyzeStack(client, stackRequest);
                cpu[name].push(cpuMillis(client.child.pid) - cpuBefore);
                wall[name].push(a.millis + s.millis);
                if (name === "pack") {
                    findings = [...a.diagnostics, ...s.diagnostics];
                }
            }
        }
        return {
            provider,
            rules,
            prefixes: rules * PREFIXES_PER_RULE,
            first: { wallMs: firstCost(wall), cpuMs: firstCost(cpu) },
            steady: { wallMs: steadyCost(wall), cpuMs: steadyCost(cpu) },
            findings: { count: findings.length, sha256: digest(findings) },
        };
    } finally {
        pack.close();
        noop.close();
    }
}

export interface EvaluatorResult {
    rules: number;
    queries: number;
    /** CPU time of this process to read one NSG's rules and answer every query, over the runs. */
    medianMs: number;
    minMs: number;
    /** Each run's time, in run order: the sizes of one run were timed back to back. */
    samplesMs: number[];
}

/**
 * The evaluators alone, in this process: read the NSG's rules and answer the queries one request
 * makes of it with the policies' default ports — the two door policies' (RDP; SSH and WinRM) and the
 * reachability policy's, over TCP and UDP. Free of the protocol and of the no-op's noise, this shows
 * how the Deny-coverage work grows with the number of rules. Every sample reads as many rules
 * whatever the size — four different 250-rule NSGs beside one of 1,000, as a stack of four NSGs
 * would hold them — the sizes take turns, and samples are timed in CPU time, so that garbage
 * collection and other work on the machine weigh on all sizes alike.
 */
export function measureEvaluators(sizes: readonly number[], runs: number): EvaluatorResult[] {
    const largest = Math.max(...sizes);
    const repeats = (n: number) => Math.max(1, Math.round(largest / n));
    const raw = new Map(sizes.map((n) => [n, Array.from({ length: repeats(n) }, (_, k) => worstCaseRules(n, n + k))]));
    const ports = [RDP_PORT, ...DEFAULT_MANAGEMENT_PORTS, ...REACHABILITY_PORTS];
    const evaluate = (rules: RuleFields[]) => {
        const parsed = markDuplicateNames(readInlineRules(rules, "urn:nsg"));
        for (const port of ports) {
            for (const protocol of TRANSPORTS) {
                evaluateInbound(parsed, { port, protocol }, NO_APPROVALS);
            }
        }
    };
    // Compile the evaluators before timing, so that the first size timed is not charged for it.
    for (let i = 0; i < 3; i++) {
        raw.get(largest)!.forEach(evaluate);
    }
    const times = new Map(sizes.map((n) => [n, [] as number[]]));
    for (let i = 0; i < runs; i++) {
        for (const n of sizes) {
            const before = process.cpuUsage();
            raw.get(n)!.forEach(evaluate);
            const used = process.cpuUsage(before);
            times.get(n)!.push((used.user + used.system) / 1000 / repeats(n));
        }
    }
    return sizes.map((n) => ({
        rules: n,
        queries: ports.length * TRANSPORTS.length,
        medianMs: median(times.get(n)!),
        minMs: Math.min(...times.get(n)!),
        samplesMs: times.get(n)!,
    }));
}

/** The evaluators measured in several processes, and the growth each of them saw. */
export interface EvaluatorRuns {
    /** Per size, every process's samples one after the other (sample `i` of each size from the same run). */
    sizes: EvaluatorResult[];
    /** Per process, the median of its runs' ratios of the largest size to the smallest. */
    growthPerProcess: number[];
}

/**
 * `measureEvaluators` in `processes` fresh node processes, one after the other. A process's heap
 * layout and compiled code weigh on all of its samples alike — one process measured growth from
 * 3.7× to 4.4× run after run on the same build — so several processes are pooled, and each one's
 * figure is kept to show the spread.
 */
export function measureEvaluatorsApart(sizes: readonly number[], runs: number, processes: number): EvaluatorRuns {
    const apart = Array.from({ length: processes }, () => {
        const out = execFileSync(process.execPath, [__filename, EVALUATORS_FLAG, sizes.join(","), String(runs)], { encoding: "utf8" });
        return JSON.parse(out) as EvaluatorResult[];
    });
    const [low, high] = [0, sizes.length - 1];
    return {
        sizes: sizes.map((rules, k) => {
            const samplesMs = apart.flatMap((results) => results[k].samplesMs);
            return { rules, queries: apart[0][k].queries, medianMs: median(samplesMs), minMs: Math.min(...samplesMs), samplesMs };
        }),
        growthPerProcess: apart.map((results) => median(results[high].samplesMs.map((t, i) => t / results[low].samplesMs[i]))),
    };
}

const EVALUATORS_FLAG = "--measure-evaluators";

if (require.main === module && process.argv[2] === EVALUATORS_FLAG) {
    process.stdout.write(JSON.stringify(measureEvaluators(process.argv[3].split(",").map(Number), Number(process.argv[4]))));
}
