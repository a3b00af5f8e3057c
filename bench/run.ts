// npm run bench — the pack's cost next to the framework's own, as ratios measured in one run:
// (a) Analyze over every resource, (b) AnalyzeStack once, (c) cold start to the printed port, each
// beside a no-op pack of the same shape on the same input, plus peak RSS. Prints a table and writes
// bench/results.json. Usage: npm run bench [-- --sizes 1000,10000,50000 --analyze-passes 2 --stack-calls 5]
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AnalyzerClient, encodeAnalyzeRequest, encodeAnalyzeStackRequest, packNodeArgs } from "../checker/engine/analyzer-client";
import { reconcilePolicyConfig } from "../checker/engine/policy-config";
import { DEFAULT_PACK_DIR, PACKAGE_ROOT } from "../checker/paths";
import { plan } from "../test/harness/stack";
import { generateStack } from "./generate";

const NOOP_DIR = path.join(PACKAGE_ROOT, "bench", "noop-pack");
const STACK_TAGS = { securityLevel: "specialized" };

interface PolicyShape {
    name: string;
    description: string;
    enforcementLevel: string;
    configSchema?: unknown;
    types: string[];
    resource: boolean;
    remediate: boolean;
    stack: boolean;
}

/** The real policies' shape (kinds and type filters), for the no-op pack to mirror. */
function writeNoopShape(): PolicyShape[] {
    const dir = path.join(DEFAULT_PACK_DIR, "bin", "src", "policies");
    const shape: PolicyShape[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".js")).sort()) {
        for (const p of Object.values(require(path.join(dir, file))) as any[]) {
            if (!p || typeof p.name !== "string" || (!p.validateResource && !p.validateStack)) {
                continue;
            }
            const filtered = [p.validateResource, p.remediateResource].find((f) => f?.inputTypes);
            shape.push({
                name: p.name,
                description: p.description,
                enforcementLevel: p.enforcementLevel,
                configSchema: p.configSchema,
                types: (filtered?.inputTypes ?? []).map((t: { token: string }) => t.token),
                resource: typeof p.validateResource === "function",
                remediate: typeof p.remediateResource === "function",
                stack: typeof p.validateStack === "function",
            });
        }
    }
    fs.writeFileSync(path.join(NOOP_DIR, "shape.json"), JSON.stringify(shape, null, 2) + "\n");
    return shape;
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function peakRssMiB(pid: number | undefined): number {
    const status = pid ? fs.readFileSync(`/proc/${pid}/status`, "utf8") : "";
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return Math.round(kb / 1024);
}

async function prepare(client: AnalyzerClient): Promise<void> {
    await client.configureStack(STACK_TAGS);
    await client.getPluginInfo();
    await client.configure(reconcilePolicyConfig(await client.getAnalyzerInfo()));
}

async function analyzeAll(client: AnalyzerClient, requests: readonly Uint8Array[]): Promise<number> {
    let millis = 0;
    for (const request of requests) {
        const t = performance.now();
        await client.sendEncoded("analyze", request);
        millis += performance.now() - t;
    }
    return millis;
}

async function analyzeStack(client: AnalyzerClient, request: Uint8Array): Promise<number> {
    const t = performance.now();
    await client.sendEncoded("analyzeStack", request);
    return performance.now() - t;
}

interface SizeResult {
    resources: number;
    analyzeMs: { pack: number; noop: number; ratio: number };
    /** Median of the calls after the first. */
    analyzeStackMs: { pack: number; noop: number; ratio: number; samples: { pack: number[]; noop: number[] } };
    /** The first call, right after the first Analyze pass: what one preview pays, JIT warm-up included. */
    firstAnalyzeStackMs: { pack: number; noop: number; ratio: number };
    peakRssMiB: { pack: number; noop: number };
}

/**
 * Each pack gets `analyzePasses` Analyze passes over every resource (the engine's order: Analyze
 * before AnalyzeStack, which needs the inputs Analyze recorded) and `stackCalls` AnalyzeStack calls,
 * the first right after the first pass. The first call is reported on its own (the engine makes one
 * per process, with the JIT still cold); the steady figure is the median of the others. Requests are
 * encoded once, before timing. Sizes run one after the other, each with its own two processes: an
 * idle process holding a large heap keeps collecting it in the background and would slow the others.
 */
async function measureSize(size: number, analyzePasses: number, stackCalls: number): Promise<SizeResult> {
    const resources = plan(generateStack(size), { mode: "known" });
    const analyzeRequests = resources.map((r) => encodeAnalyzeRequest({ ...r, properties: r.inputs }));
    const stackRequest = encodeAnalyzeStackRequest(resources.map((r) => ({ ...r, properties: r.outputs })));
    const pack = await AnalyzerClient.start({ packDir: DEFAULT_PACK_DIR });
    const noop = await AnalyzerClient.start({ packDir: NOOP_DIR });
    try {
        await prepare(pack);
        await prepare(noop);
        const times = { pack: { a: [] as number[], s: [] as number[] }, noop: { a: [] as number[], s: [] as number[] } };
        // Alternate the two packs so that machine noise falls on both alike.
        for (let i = 0; i < Math.max(analyzePasses, stackCalls); i++) {
            for (const [name, client] of i % 2 === 0 ? ([["pack", pack], ["noop", noop]] as const) : ([["noop", noop], ["pack", pack]] as const)) {
                if (i < analyzePasses) {
                    times[name].a.push(await analyzeAll(client, analyzeRequests));
                }
                if (i < stackCalls) {
                    times[name].s.push(await analyzeStack(client, stackRequest));
                }
            }
        }
        const a = { pack: median(times.pack.a), noop: median(times.noop.a) };
        const s = { pack: median(times.pack.s.slice(1)), noop: median(times.noop.s.slice(1)) };
        const first = { pack: times.pack.s[0], noop: times.noop.s[0] };
        return {
            resources: resources.length,
            analyzeMs: { ...a, ratio: a.pack / a.noop },
            analyzeStackMs: { ...s, ratio: s.pack / s.noop, samples: { pack: times.pack.s.map(Math.round), noop: times.noop.s.map(Math.round) } },
            firstAnalyzeStackMs: { ...first, ratio: first.pack / first.noop },
            peakRssMiB: { pack: peakRssMiB(pack.child.pid), noop: peakRssMiB(noop.child.pid) },
        };
    } finally {
        pack.close();
        noop.close();
    }
}

async function coldStarts(runs: number): Promise<{ pack: number; noop: number; difference: number }> {
    const samples = { pack: [] as number[], noop: [] as number[] };
    for (let i = 0; i < runs; i++) {
        for (const [name, dir] of [["pack", DEFAULT_PACK_DIR], ["noop", NOOP_DIR]] as const) {
            const client = await AnalyzerClient.start({ packDir: dir });
            samples[name].push(client.startMillis);
            client.close();
        }
    }
    const pack = median(samples.pack);
    const noop = median(samples.noop);
    return { pack, noop, difference: pack - noop };
}

function parseArgs(argv: string[]): { sizes: number[]; analyzePasses: number; stackCalls: number } {
    const get = (flag: string) => {
        const i = argv.indexOf(flag);
        return i >= 0 ? argv[i + 1] : undefined;
    };
    const args = {
        sizes: (get("--sizes") ?? "1000,10000,50000").split(",").map(Number),
        analyzePasses: Number(get("--analyze-passes") ?? 2),
        stackCalls: Number(get("--stack-calls") ?? 5),
    };
    if (!args.sizes.every((n) => Number.isInteger(n) && n > 0) || !Number.isInteger(args.analyzePasses) || args.analyzePasses < 1 || !Number.isInteger(args.stackCalls) || args.stackCalls < 2) {
        throw new Error("--sizes takes positive integers separated by commas, --analyze-passes an integer of at least 1, --stack-calls an integer of at least 2 (the first call is reported apart)");
    }
    return args;
}

async function main(): Promise<void> {
    const { sizes, analyzePasses, stackCalls } = parseArgs(process.argv.slice(2));
    // Heap settings change GC time a lot: the baseline must run with the pack's.
    if (packNodeArgs(DEFAULT_PACK_DIR).join(" ") !== packNodeArgs(NOOP_DIR).join(" ")) {
        throw new Error(`bench/noop-pack/PulumiPolicy.yaml must give node the same nodeargs as policy-pack/PulumiPolicy.yaml (${packNodeArgs(DEFAULT_PACK_DIR).join(" ")})`);
    }
    const shape = writeNoopShape();
    const started = performance.now();
    const results: SizeResult[] = [];
    for (const size of sizes) {
        // One Analyze pass over the largest stack: 50k calls take half a minute per pack.
        results.push(await measureSize(size, size >= 50_000 ? 1 : analyzePasses, stackCalls));
    }
    const cold = await coldStarts(7);
    const stackAt = (n: number) => results.find((r) => r.resources === n)?.analyzeStackMs.pack;
    const growth = stackAt(50_000) && stackAt(10_000) ? stackAt(50_000)! / stackAt(10_000)! : undefined;
    const f = (n: number) => n.toFixed(0).padStart(8);
    const lines = [
        `pa-guard benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, ${shape.length} policies`,
        "",
        "resources   Analyze ms (pack / no-op / ratio)   AnalyzeStack ms (pack / no-op / ratio)   first AnalyzeStack ms (pack / no-op / ratio)   peak RSS MiB (pack / no-op)",
        ...results.map(
            (r) =>
                `${String(r.resources).padStart(9)}   ${f(r.analyzeMs.pack)} ${f(r.analyzeMs.noop)} ${r.analyzeMs.ratio.toFixed(3).padStart(7)}        ${f(r.analyzeStackMs.pack)} ${f(r.analyzeStackMs.noop)} ${r.analyzeStackMs.ratio.toFixed(3).padStart(7)}          ${f(r.firstAnalyzeStackMs.pack)} ${f(r.firstAnalyzeStackMs.noop)} ${r.firstAnalyzeStackMs.ratio.toFixed(3).padStart(7)}            ${String(r.peakRssMiB.pack).padStart(6)} ${String(r.peakRssMiB.noop).padStart(6)}`,
        ),
        "",
        growth === undefined ? "AnalyzeStack growth 50k/10k: not measured" : `AnalyzeStack growth 50k/10k: ${growth.toFixed(2)}× (linear would be 5×)`,
        `cold start to port, median of 7: pack ${cold.pack.toFixed(0)} ms, no-op ${cold.noop.toFixed(0)} ms, difference ${cold.difference.toFixed(0)} ms`,
        `total ${((performance.now() - started) / 1000).toFixed(0)} s`,
    ];
    process.stdout.write(lines.join("\n") + "\n");
    const out = {
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model.trim(), memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
        date: new Date().toISOString(),
        sizes: results,
        analyzeStackGrowth50kOver10k: growth,
        coldStartMs: cold,
    };
    fs.writeFileSync(path.join(PACKAGE_ROOT, "bench", "results.json"), JSON.stringify(out, null, 2) + "\n");
}

main().catch((e) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
});
