// Runs the built checker CLI as a user would, capturing exit code and output.
import { spawnSync } from "node:child_process";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
export const CLI = path.join(ROOT, "dist/checker/cli.js");

export interface CliResult {
    code: number | null;
    stdout: string;
    stderr: string;
}

export function cli(args: string[], opts: { cwd?: string } = {}): CliResult {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, encoding: "utf8", timeout: 180_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
