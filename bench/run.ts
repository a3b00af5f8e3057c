// npm run bench — the pack's cost next to the framework's own, as ratios measured in one run:
// (a) Analyze over every resource, (b) AnalyzeStack once, (c) cold start to the printed port, each
// beside a no-op pack of the same shape on the same input, plus peak RSS; and (d) the policy time of
// the largest NSG Azure accepts over the no-op pack's (bench/nsg-worst-case.ts). Prints a table and
// writes bench/results.json. Usage:
//   npm run bench [-- --sizes 1000,10000,50000 --analyze-passes 2 --stack-calls 5 --nsg-rules 250,500,1000 --nsg-rounds 5]
//   npm run bench -- --only nsg-worst-case    (one part: stacks, nsg-worst-case or cold-start; the
//                                              other parts of bench/results.json are kept)
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AnalyzerClient, encodeAnalyzeRequest, encodeAnalyzeStackRequest, packNodeArgs } from "../checker/engine/analyzer-client";
import { DEFAULT_PACK_DIR, PACKAGE_ROOT } from "../checker/paths";
import { plan } from "../test/harness/stack";
import { generateStack } from "./generate";
import { EvaluatorRuns, measureEvaluatorsApart, measureNsgCase, NSG_PROVIDERS, NsgCaseResult } from "./nsg-worst-case";
import { analyzeAll, analyzeStack, median, NOOP_DIR, peakRssMiB, prepare } from "./protocol";

const RESULTS = path.join(PACKAGE_ROOT, "bench", "results.json");

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
    const pack = await AnalyzerClient.start({ packDir: DEFAULT_PACK_DIR, evidence: false });
    const noop = await AnalyzerClient.start({ packDir: NOOP_DIR, evidence: false });
    try {
        await prepare(pack);
        await prepare(noop);
        const times = { pack: { a: [] as number[], s: [] as number[] }, noop: { a: [] as number[], s: [] as number[] } };
        // Alternate the two packs so that machine noise falls on both alike.
        for (let i = 0; i < Math.max(analyzePasses, stackCalls); i++) {
            for (const [name, client] of i % 2 === 0 ? ([["pack", pack], ["noop", noop]] as const) : ([["noop", noop], ["pack", pack]] as const)) {
                if (i < analyzePasses) {
                    times[name].a.push((await analyzeAll(client, analyzeRequests)).millis);
                }
                if (i < stackCalls) {
                    times[name].s.push((await analyzeStack(client, stackRequest)).millis);
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
            const client = await AnalyzerClient.start({ packDir: dir, evidence: false });
            samples[name].push(client.startMillis);
            client.close();
        }
    }
    const pack = median(samples.pack);
    const noop = median(samples.noop);
    return { pack, noop, difference: pack - noop };
}

const PARTS = ["stacks", "nsg-worst-case", "cold-start"] as const;
type Part = (typeof PARTS)[number];

interface Args {
    parts: readonly Part[];
    sizes: number[];
    analyzePasses: number;
    stackCalls: number;
    nsgRules: number[];
    nsgRounds: number;
}

function parseArgs(argv: string[]): Args {
    const get = (flag: string) => {
        const i = argv.indexOf(flag);
        return i >= 0 ? argv[i + 1] : undefined;
    };
    const numbers = (text: string) => text.split(",").map(Number);
    const only = get("--only");
    const args: Args = {
        parts: only === undefined ? PARTS : (only.split(",") as Part[]),
        sizes: numbers(get("--sizes") ?? "1000,10000,50000"),
        analyzePasses: Number(get("--analyze-passes") ?? 2),
        stackCalls: Number(get("--stack-calls") ?? 5),
        nsgRules: numbers(get("--nsg-rules") ?? "250,500,1000"),
        nsgRounds: Number(get("--nsg-rounds") ?? 5),
    };
    const integers = (xs: number[]) => xs.length > 0 && xs.every((n) => Number.isInteger(n) && n > 0);
    if (
        !args.parts.every((p) => PARTS.includes(p)) ||
        !integers(args.sizes) ||
        !integers(args.nsgRules) ||
        !Number.isInteger(args.analyzePasses) ||
        args.analyzePasses < 1 ||
        !Number.isInteger(args.stackCalls) ||
        args.stackCalls < 2 ||
        !Number.isInteger(args.nsgRounds) ||
        args.nsgRounds < 2
    ) {
        throw new Error(
            `--only takes parts among ${PARTS.join(", ")} separated by commas; --sizes and --nsg-rules positive integers separated by commas; --analyze-passes an integer of at least 1; --stack-calls and --nsg-rounds integers of at least 2 (the first call or round is reported apart)`,
        );
    }
    return args;
}

function stackGrowth(results: readonly SizeResult[]): number | undefined {
    const stackAt = (n: number) => results.find((r) => r.resources === n)?.analyzeStackMs.pack;
    return stackAt(50_000) && stackAt(10_000) ? stackAt(50_000)! / stackAt(10_000)! : undefined;
}

function stacksTable(results: readonly SizeResult[]): string[] {
    const growth = stackGrowth(results);
    const f = (n: number) => n.toFixed(0).padStart(8);
    return [
        "resources   Analyze ms (pack / no-op / ratio)   AnalyzeStack ms (pack / no-op / ratio)   first AnalyzeStack ms (pack / no-op / ratio)   peak RSS MiB (pack / no-op)",
        ...results.map(
            (r) =>
                `${String(r.resources).padStart(9)}   ${f(r.analyzeMs.pack)} ${f(r.analyzeMs.noop)} ${r.analyzeMs.ratio.toFixed(3).padStart(7)}        ${f(r.analyzeStackMs.pack)} ${f(r.analyzeStackMs.noop)} ${r.analyzeStackMs.ratio.toFixed(3).padStart(7)}          ${f(r.firstAnalyzeStackMs.pack)} ${f(r.firstAnalyzeStackMs.noop)} ${r.firstAnalyzeStackMs.ratio.toFixed(3).padStart(7)}            ${String(r.peakRssMiB.pack).padStart(6)} ${String(r.peakRssMiB.noop).padStart(6)}`,
        ),
        "",
        growth === undefined ? "AnalyzeStack growth 50k/10k: not measured" : `AnalyzeStack growth 50k/10k: ${growth.toFixed(2)}× (linear would be 5×)`,
    ];
}

/**
 * How the evaluators' time grows from the smallest size to the largest: the median of the runs'
 * ratios, over every process. The sizes of one run are timed back to back, so a slow spell of the
 * machine (another tenant of the host) weighs on both sides of a ratio, where it would decide a
 * ratio of minimums.
 */
function evaluatorGrowth(evaluators: EvaluatorRuns): { from: number; to: number; growth: number; linear: number; perProcess: number[] } {
    const [low, high] = [evaluators.sizes[0], evaluators.sizes[evaluators.sizes.length - 1]];
    const ratios = high.samplesMs.map((t, i) => t / low.samplesMs[i]);
    return { from: low.rules, to: high.rules, growth: median(ratios), linear: high.rules / low.rules, perProcess: evaluators.growthPerProcess };
}

function nsgTable(results: readonly NsgCaseResult[], evaluators: EvaluatorRuns): string[] {
    const f = (n: number) => n.toFixed(0).padStart(7);
    const cost = (c: { pack: number; noop: number; overNoop: number }) => `${f(c.pack)} ${f(c.noop)} ${f(c.overNoop)}`;
    const g = evaluatorGrowth(evaluators);
    return [
        "one NSG, Deny and Allow interleaved: Analyze over every resource + AnalyzeStack, ms (pack / no-op / pack over no-op)",
        "provider      rules prefixes   first round, wall        first round, CPU         steady, wall             steady, CPU              findings",
        ...results.map(
            (r) =>
                `${r.provider.padEnd(12)} ${String(r.rules).padStart(6)} ${String(r.prefixes).padStart(8)}   ${cost(r.first.wallMs)}  ${cost(r.first.cpuMs)}  ${cost(r.steady.wallMs)}  ${cost(r.steady.cpuMs)}  ${String(r.findings.count).padStart(5)} ${r.findings.sha256.slice(0, 12)}`,
        ),
        "",
        `the evaluators alone, in ${g.perProcess.length} processes (read the rules, answer the ${evaluators.sizes[0].queries} queries of one request): CPU ms, median / min`,
        ...evaluators.sizes.map((e) => `${String(e.rules).padStart(6)} rules   ${e.medianMs.toFixed(1).padStart(8)} ${e.minMs.toFixed(1).padStart(8)}`),
        `growth from ${g.from} to ${g.to} rules: ${g.growth.toFixed(2)}× (median of the runs' ratios; linear would be ${g.linear.toFixed(0)}×; per process: ${g.perProcess.map((x) => x.toFixed(2)).join(", ")})`,
    ];
}

/** The results file of earlier runs: a run of some parts keeps the others' figures. */
function previousResults(): Record<string, unknown> {
    try {
        return JSON.parse(fs.readFileSync(RESULTS, "utf8")) as Record<string, unknown>;
    } catch {
        return {};
    }
}

async function main(): Promise<void> {
    const args = parseArgs(process.argv.slice(2));
    // Heap settings change GC time a lot: the baseline must run with the pack's.
    if (packNodeArgs(DEFAULT_PACK_DIR).join(" ") !== packNodeArgs(NOOP_DIR).join(" ")) {
        throw new Error(`bench/noop-pack/PulumiPolicy.yaml must give node the same nodeargs as policy-pack/PulumiPolicy.yaml (${packNodeArgs(DEFAULT_PACK_DIR).join(" ")})`);
    }
    const shape = writeNoopShape();
    const started = performance.now();
    const date = new Date().toISOString();
    const out: Record<string, unknown> = {
        ...previousResults(),
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model.trim(), memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    };
    const lines = [`pa-guard benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, ${shape.length} policies`, ""];
    if (args.parts.includes("stacks")) {
        const results: SizeResult[] = [];
        for (const size of args.sizes) {
            // One Analyze pass over the largest stack: 50k calls take half a minute per pack.
            results.push(await measureSize(size, size >= 50_000 ? 1 : args.analyzePasses, args.stackCalls));
        }
        out.date = date;
        out.sizes = results;
        out.analyzeStackGrowth50kOver10k = stackGrowth(results);
        lines.push(...stacksTable(results), "");
    }
    if (args.parts.includes("nsg-worst-case")) {
        const results: NsgCaseResult[] = [];
        for (const provider of NSG_PROVIDERS) {
            for (const rules of args.nsgRules) {
                results.push(await measureNsgCase(provider, rules, args.nsgRounds));
            }
        }
        const evaluators = measureEvaluatorsApart([...args.nsgRules].sort((a, b) => a - b), 41, 7);
        out.nsgWorstCase = { date, cases: results, evaluators, evaluatorGrowth: evaluatorGrowth(evaluators) };
        lines.push(...nsgTable(results, evaluators), "");
    }
    if (args.parts.includes("cold-start")) {
        const cold = await coldStarts(7);
        out.coldStartMs = { ...cold, date };
        lines.push(`cold start to port, median of 7: pack ${cold.pack.toFixed(0)} ms, no-op ${cold.noop.toFixed(0)} ms, difference ${cold.difference.toFixed(0)} ms`);
    }
    lines.push(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
    process.stdout.write(lines.join("\n") + "\n");
    fs.writeFileSync(RESULTS, JSON.stringify(out, null, 2) + "\n");
}

main().catch((e) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
});
