// The main job on the bundled example stacks: run each through the checker and compare what it
// reports with the exact set of violations the stack declares in its expected.json.
import * as fs from "node:fs";
import * as path from "node:path";
import { AnalyzerClient } from "./engine/analyzer-client";
import { check } from "./check";
import { DEFAULT_PACK_DIR, DEFAULT_STACKS_DIR } from "./paths";
import { resourceNameOf } from "./engine/evaluate";
import { InputError } from "./errors";


export interface ExpectedViolation {
    policy: string;
    resource: string;
    level: "mandatory" | "advisory";
}

export interface ScenarioSpec {
    description: string;
    stackTags?: Record<string, string>;
    /** Inline `--policy-pack-config` document. */
    policyConfig?: unknown;
    violations: ExpectedViolation[];
}

export interface ScenarioResult {
    name: string;
    expected: string[];
    got: string[];
    ok: boolean;
}

export function verdictKey(v: ExpectedViolation): string {
    return `${v.policy} ${v.resource} ${v.level}`;
}

export function scenarioDirs(stacksDir: string): string[] {
    if (!fs.existsSync(stacksDir)) {
        throw new InputError(`${stacksDir}: no such directory`);
    }
    return fs
        .readdirSync(stacksDir)
        .map((d) => path.join(stacksDir, d))
        .filter((d) => fs.existsSync(path.join(d, "expected.json")))
        .sort();
}

export function readScenario(dir: string): ScenarioSpec {
    return JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8"));
}

export async function runScenario(
    dir: string,
    opts: { client: AnalyzerClient; previewUnknowns?: boolean },
): Promise<ScenarioResult> {
    const spec = readScenario(dir);
    const report = await check(dir, {
        client: opts.client,
        stack: "dev",
        stackTags: spec.stackTags,
        policyConfig: spec.policyConfig,
        previewUnknowns: opts.previewUnknowns,
    });
    const got = report.findings.map((f) => `${f.policyName} ${resourceNameOf(f.urn)} ${f.enforcementLevel}`).sort();
    const expected = spec.violations.map(verdictKey).sort();
    return { name: path.basename(dir), expected, got, ok: JSON.stringify(got) === JSON.stringify(expected) };
}

export async function runExamples(
    stacksDir = DEFAULT_STACKS_DIR,
    opts: { previewUnknowns?: boolean; packDir?: string } = {},
): Promise<ScenarioResult[]> {
    const client = await AnalyzerClient.start({ packDir: opts.packDir ?? DEFAULT_PACK_DIR });
    try {
        const results: ScenarioResult[] = [];
        for (const dir of scenarioDirs(stacksDir)) {
            results.push(await runScenario(dir, { client, previewUnknowns: opts.previewUnknowns }));
        }
        return results;
    } finally {
        client.close();
    }
}

/** The entries of `from` left once each entry of `taken` has removed one equal entry (a multiset difference). */
function without(from: readonly string[], taken: readonly string[]): string[] {
    const left = [...from];
    for (const t of taken) {
        const at = left.indexOf(t);
        if (at >= 0) {
            left.splice(at, 1);
        }
    }
    return left;
}

export function formatExamples(results: readonly ScenarioResult[]): string {
    const rows = results.map((r) => [r.name, String(r.expected.length), String(r.got.length), r.ok ? "ok" : "MISMATCH"]);
    const header = ["stack", "expected", "got", "verdict"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
    const out = [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
    for (const r of results.filter((x) => !x.ok)) {
        out.push("", `${r.name}:`);
        without(r.expected, r.got).forEach((e) => out.push(`  missing     ${e}`));
        without(r.got, r.expected).forEach((g) => out.push(`  unexpected  ${g}`));
    }
    const failed = results.filter((r) => !r.ok).length;
    out.push("", `${results.length} stacks: ${results.length - failed} as expected, ${failed} mismatched`);
    return out.join("\n") + "\n";
}
