#!/usr/bin/env node
// pa-guard: the offline checker. Exit codes: 0 no mandatory violation, 1 mandatory violations,
// 2 usage or input error (one line on stderr, never a stack trace).
import * as fs from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { check, CheckReport, mandatoryCount } from "./check";
import { InputError } from "./errors";
import { formatExamples, runExamples } from "./examples";
import { DEFAULT_STACKS_DIR, PACKAGE_VERSION } from "./paths";
import { toJsonReport } from "./report/json";
import { toJunit } from "./report/junit";
import { toMarkdown } from "./report/markdown";
import { toSarif } from "./report/sarif";
import { formatText } from "./report/text";

const FORMATS = ["text", "json", "sarif", "junit", "markdown"] as const;
type Format = (typeof FORMATS)[number];

function collect(value: string, previous: string[]): string[] {
    return [...previous, value];
}

function parsePairs(pairs: string[], flag: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const pair of pairs) {
        const eq = pair.indexOf("=");
        if (eq <= 0) {
            throw new InputError(`${flag} ${pair}: expected key=value`);
        }
        out[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    return out;
}

/** `--report sarif=out.sarif`: formats and files, checked before anything runs. */
function parseReports(pairs: string[]): [Format, string][] {
    return Object.entries(parsePairs(pairs, "--report")).map(([format, file]) => {
        if (!(FORMATS as readonly string[]).includes(format)) {
            throw new InputError(`--report ${format}=${file}: format must be one of ${FORMATS.join(", ")}`);
        }
        if (file === "") {
            throw new InputError(`--report ${format}=: name a file`);
        }
        return [format as Format, file];
    });
}

function readJsonFile(file: string, flag: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new InputError(`${flag} ${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? "error"})`);
    }
    try {
        return JSON.parse(text);
    } catch {
        throw new InputError(`${flag} ${file}: not valid JSON`);
    }
}

export function render(report: CheckReport, format: Format, color: boolean): string {
    switch (format) {
        case "json":
            return JSON.stringify(toJsonReport(report), null, 2) + "\n";
        case "sarif":
            return JSON.stringify(toSarif(report, { baseDir: process.cwd(), toolVersion: PACKAGE_VERSION }), null, 2) + "\n";
        case "junit":
            return toJunit(report);
        case "markdown":
            return toMarkdown(report);
        case "text":
            return formatText(report, { color });
    }
}

function program(): Command {
    const cli = new Command("pa-guard")
        .description("Privileged-access guard for Pulumi on Azure: check a program or a stack export offline.")
        .exitOverride()
        .configureOutput({ writeErr: (s) => process.stderr.write(s) });

    cli.command("check")
        .description("evaluate the policy pack on a Pulumi program directory or a `pulumi stack export` file")
        .argument("<path>", "program directory (with Pulumi.yaml) or stack export JSON file")
        .option("-s, --stack <name>", "stack whose Pulumi.<stack>.yaml config the program reads", "dev")
        .option("-c, --config <key=value>", "program config value (repeatable)", collect, [])
        .option("--policy-pack-config <file>", "policy config file, in the format of pulumi's --policy-pack-config")
        .option("--stack-tag <key=value>", "stack tag, e.g. securityLevel=privileged (repeatable)", collect, [])
        .option("--preview-unknowns", "make every computed output unknown, as in the first preview of a new stack", false)
        .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("text"))
        .option("-o, --output <file>", "write the report to a file instead of stdout")
        .option("--report <format=file>", "also write the same run's report in another format to a file, e.g. sarif=pa-guard.sarif (repeatable)", collect, [])
        .option("--policy-pack <dir>", "policy pack directory (default: the bundled pack)")
        .action(async (target: string, o) => {
            const extra = parseReports(o.report);
            const report = await check(target, {
                stack: o.stack,
                config: o.config,
                previewUnknowns: o.previewUnknowns,
                stackTags: parsePairs(o.stackTag, "--stack-tag"),
                policyConfig: o.policyPackConfig ? readJsonFile(o.policyPackConfig, "--policy-pack-config") : undefined,
                packDir: o.policyPack,
            });
            const text = render(report, o.format, !o.output && process.stdout.isTTY === true);
            for (const [format, file] of extra) {
                fs.writeFileSync(file, render(report, format, false));
            }
            if (o.output) {
                fs.writeFileSync(o.output, text);
            } else {
                process.stdout.write(text);
            }
            process.exitCode = mandatoryCount(report) > 0 ? 1 : 0;
        });

    cli.command("examples")
        .description("run the checker over every bundled example stack and compare with its expected violations")
        .argument("[dir]", "directory of example stacks", DEFAULT_STACKS_DIR)
        .option("--preview-unknowns", "as in the first preview of new stacks", false)
        .action(async (dir: string, o) => {
            const results = await runExamples(dir, { previewUnknowns: o.previewUnknowns });
            process.stdout.write(formatExamples(results));
            process.exitCode = results.every((r) => r.ok) ? 0 : 1;
        });
    return cli;
}

export async function main(argv: string[]): Promise<number> {
    try {
        await program().parseAsync(argv, { from: "user" });
        return Number(process.exitCode ?? 0);
    } catch (e) {
        if (e instanceof CommanderError) {
            // Commander has already printed its one-line message; help and version are not errors.
            return e.exitCode === 0 ? 0 : 2;
        }
        const message = e instanceof Error ? e.message : String(e);
        process.stderr.write(`pa-guard: ${e instanceof InputError ? message : `internal error: ${message.split("\n")[0]}`}\n`);
        return 2;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
