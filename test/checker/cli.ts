// Runs the built checker CLI as a user would, capturing exit code and output. Asynchronous, so that
// tests waiting on it can run side by side.
import { execFile } from "node:child_process";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
export const CLI = path.join(ROOT, "dist/checker/cli.js");
/** Policy config is checked against the pack whatever the input: an empty stack export needs no program run. */
export const EMPTY_EXPORT = path.join(ROOT, "test/fixtures/empty-export.json");

export interface CliResult {
    code: number | null;
    stdout: string;
    stderr: string;
}

export function cli(args: string[], opts: { cwd?: string } = {}): Promise<CliResult> {
    return new Promise((resolve) => {
        const child = execFile(
            process.execPath,
            [CLI, ...args],
            { cwd: opts.cwd ?? ROOT, encoding: "utf8", timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
            (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
        );
    });
}
