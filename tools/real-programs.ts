// npm run real-programs -- <folder> [--config <file>] [--out <file>] [--no-install]
//
// Checks real Pulumi programs as a new user would: every sub-folder of <folder> with a Pulumi.yaml
// is installed (npm install, unless it already has node_modules or --no-install), then checked by
// the built checker in both modes, given the config keys the program requires (the JSON file
// --config names: { "<folder name>": { "config": { "<key>": "<value>" }, "secretKeys": [...],
// "note": "...", "path": "<sub-folder holding Pulumi.yaml, if not the folder itself>" } }). Writes a Markdown table (default docs/real-programs.md): program, mode, exit,
// policies fired, warnings, and for exit 2 the one-line reason. A secret value given as config that
// shows up anywhere in the checker's output is reported as a leak and fails the run.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import { PACKAGE_ROOT } from "../checker/paths";

interface ProgramSetup {
    /** The sub-folder that holds Pulumi.yaml, when it is not the program folder itself. */
    path?: string;
    config?: Record<string, string>;
    secretKeys?: string[];
    note?: string;
}

interface Outcome {
    program: string;
    mode: "default" | "preview-unknowns";
    exit: number | null;
    fired: string;
    warnings: number;
    reason: string;
    leaked: boolean;
}

const CLI = path.join(PACKAGE_ROOT, "dist", "checker", "cli.js");

function install(dir: string): string | undefined {
    const r = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: dir, encoding: "utf8", timeout: 900_000 });
    return r.status === 0 ? undefined : `npm install failed (exit ${r.status})`;
}

function firedSummary(report: { violations: { policy: string; enforcementLevel: string }[] }): string {
    const counts = new Map<string, number>();
    for (const v of report.violations) {
        const key = `${v.policy} (${v.enforcementLevel})`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(", ") || "none";
}

function checkOne(name: string, dir: string, setup: ProgramSetup, previewUnknowns: boolean): Outcome {
    const args = [CLI, "check", dir, "--format", "json"];
    for (const [key, value] of Object.entries(setup.config ?? {})) {
        args.push("--config", `${key}=${value}`);
    }
    if (previewUnknowns) {
        args.push("--preview-unknowns");
    }
    const r = spawnSync(process.execPath, args, { encoding: "utf8", timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
    const output = `${r.stdout}\n${r.stderr}`;
    const secrets = (setup.secretKeys ?? []).map((k) => setup.config?.[k]).filter((v): v is string => !!v && v.length >= 6);
    const outcome: Outcome = {
        program: name,
        mode: previewUnknowns ? "preview-unknowns" : "default",
        exit: r.status,
        fired: "",
        warnings: 0,
        reason: "",
        leaked: secrets.some((s) => output.includes(s)),
    };
    if (r.status === 0 || r.status === 1) {
        const report = JSON.parse(r.stdout);
        outcome.fired = firedSummary(report);
        outcome.warnings = report.warnings.length;
    } else {
        outcome.reason = (r.stderr.trim().split("\n").pop() ?? "").replace(`${dir}: `, "").replace(/^pa-guard: /, "");
    }
    return outcome;
}

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function table(outcomes: Outcome[], setups: Record<string, ProgramSetup>, folder: string): string {
    const exits = (mode: Outcome["mode"]) => {
        const of = outcomes.filter((o) => o.mode === mode);
        const count = (code: number) => of.filter((o) => o.exit === code).length;
        return `${of.length} runs: ${count(0)} exit 0, ${count(1)} exit 1, ${count(2)} exit 2, ${of.filter((o) => o.exit !== 0 && o.exit !== 1 && o.exit !== 2).length} other`;
    };
    const lines = [
        "| program | mode | exit | policies fired | warnings | reason (exit 2) / note |",
        "|---|---|---|---|---|---|",
        ...outcomes.map((o) => {
            const note = [o.reason, o.mode === "default" ? setups[o.program]?.note : undefined, o.leaked ? "SECRET LEAKED" : undefined].filter(Boolean).join(" — ");
            return `| ${o.program} | ${o.mode} | ${o.exit} | ${cell(o.fired)} | ${o.warnings} | ${cell(note)} |`;
        }),
    ];
    return [
        `Checked ${new Set(outcomes.map((o) => o.program)).size} programs from \`${path.basename(folder)}\`:`,
        "",
        `- default mode: ${exits("default")}`,
        `- \`--preview-unknowns\`: ${exits("preview-unknowns")}`,
        `- secrets given as config that appeared in any output: ${outcomes.filter((o) => o.leaked).length}`,
        "",
        ...lines,
    ].join("\n");
}

function main(): void {
    const cmd = new Command("real-programs")
        .argument("<folder>", "a folder whose sub-folders are Pulumi programs")
        .option("--config <file>", "program config keys, per sub-folder name", path.join(PACKAGE_ROOT, "tools", "real-programs.config.json"))
        .option("--out <file>", "where to write the Markdown table", path.join(PACKAGE_ROOT, "docs", "real-programs.md"))
        .option("--no-install", "do not run npm install in programs that have no node_modules")
        .parse();
    const folder = path.resolve(cmd.args[0]);
    const opts = cmd.opts<{ config: string; out: string; install: boolean }>();
    const setups: Record<string, ProgramSetup> = fs.existsSync(opts.config) ? JSON.parse(fs.readFileSync(opts.config, "utf8")) : {};
    const programs = fs
        .readdirSync(folder)
        .sort()
        .map((name) => ({ name, dir: path.join(folder, name, setups[name]?.path ?? "") }))
        .filter(({ dir }) => fs.existsSync(path.join(dir, "Pulumi.yaml")));
    const outcomes: Outcome[] = [];
    const skipped: string[] = [];
    for (const { name, dir } of programs) {
        const installed = fs.existsSync(path.join(dir, "node_modules"));
        const failed = installed ? undefined : opts.install ? install(dir) : "not installed";
        if (failed) {
            process.stderr.write(`${name}: ${failed}; not checked\n`);
            skipped.push(`${name} (${failed})`);
            continue;
        }
        for (const previewUnknowns of [false, true]) {
            const o = checkOne(name, dir, setups[name] ?? {}, previewUnknowns);
            process.stderr.write(`${name} ${o.mode}: exit ${o.exit} ${o.fired || o.reason}${o.warnings ? ` (${o.warnings} warnings)` : ""}\n`);
            outcomes.push(o);
        }
    }
    const doc = fs.existsSync(opts.out) ? fs.readFileSync(opts.out, "utf8") : "";
    const begin = "<!-- real-programs:begin -->";
    const end = "<!-- real-programs:end -->";
    const notChecked = skipped.length > 0 ? `\n\nNot checked: ${skipped.join("; ")}.` : "";
    const body = `${begin}\n${table(outcomes, setups, folder)}${notChecked}\n${end}`;
    const updated = doc.includes(begin) ? doc.slice(0, doc.indexOf(begin)) + body + doc.slice(doc.indexOf(end) + end.length) : `${doc}${body}\n`;
    fs.writeFileSync(opts.out, updated);
    process.stdout.write(`${outcomes.length} runs written to ${path.relative(process.cwd(), opts.out)}\n`);
    if (outcomes.some((o) => o.leaked)) {
        process.exitCode = 1;
    }
}

main();
