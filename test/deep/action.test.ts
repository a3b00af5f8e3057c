// The composite action (action.yml): its inputs are the README's, and its check step — run as the
// runner runs it, inputs as environment variables, with `pa-guard` on the PATH — prints the report,
// writes SARIF and the Markdown summary, and hands the exit code to the step that decides.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import * as YAML from "yaml";
import { ROOT } from "../checker/cli";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "pa-guard-action-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const action = YAML.parse(fs.readFileSync(path.join(ROOT, "action.yml"), "utf8"));

// What install.sh leaves on the PATH, pointing at this checkout's build.
const bin = path.join(work, "bin");
fs.mkdirSync(bin);
fs.writeFileSync(path.join(bin, "pa-guard"), `#!/usr/bin/env bash\nexec "${process.execPath}" "${path.join(ROOT, "dist/checker/cli.js")}" "$@"\n`, { mode: 0o755 });

function inputDefaults(): Record<string, string> {
    return Object.fromEntries(Object.entries(action.inputs).map(([name, spec]: [string, any]) => [name, String(spec.default ?? "")]));
}

async function runCheck(name: string, inputs: Record<string, string>) {
    const dir = path.join(work, name);
    fs.mkdirSync(dir);
    const files = { output: path.join(dir, "output"), summary: path.join(dir, "summary") };
    fs.writeFileSync(files.output, "");
    fs.writeFileSync(files.summary, "");
    const all = { ...inputDefaults(), ...inputs };
    const step = action.runs.steps.find((s: any) => s.id === "check");
    // The step's env, with each `${{ inputs.x }}` as the runner resolves it.
    const env = Object.fromEntries(
        Object.entries(step.env).map(([k, v]) => [k, String(v).replace(/\$\{\{ inputs\.([\w-]+) \}\}/, (_m, input) => all[input]).replace("${{ github.action_path }}", ROOT)]),
    );
    const run = await promisify(execFile)("bash", ["-c", step.run], {
        cwd: ROOT,
        env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}`, RUNNER_TEMP: dir, GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary },
        encoding: "utf8",
    });
    const outputs = Object.fromEntries(
        fs
            .readFileSync(files.output, "utf8")
            .split("\n")
            .filter((l) => l.includes("="))
            .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    return { stdout: run.stdout, stderr: run.stderr, outputs, summary: fs.readFileSync(files.summary, "utf8") };
}

describe("the GitHub Action", () => {
    it("documents every input in the README, and the three-line usage", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        for (const name of Object.keys(action.inputs)) {
            expect(readme).toContain(`| \`${name}\` |`);
        }
        expect(readme).toMatch(/- uses: [\w-]+\/[\w.-]+@v\d[\w.]*\n {2}with:\n {4}path: \S+\n/);
        expect(action.runs.using).toBe("composite");
    });

    it("checks a program: the log report, SARIF and the summary from one run, and the exit code as an output", async () => {
        const config = path.join(work, "policy.json");
        fs.writeFileSync(config, JSON.stringify({ "vm-entra-login": "advisory" }));
        const { stdout, outputs, summary } = await runCheck("program", {
            path: "stacks/jump-host-public-rdp",
            "policy-config": config,
            config: "unused=1\n\n",
            "stack-tags": "securityLevel=enterprise\n",
        });
        expect(stdout).toContain("Policies:");
        expect(outputs["exit-code"]).toBe("1");
        const sarif = JSON.parse(fs.readFileSync(outputs["sarif-file"], "utf8"));
        expect(sarif.runs[0].results.map((r: any) => `${r.properties.policy} ${r.level}`).sort()).toEqual([
            "no-direct-management-ports error",
            "no-direct-rdp error",
            "vm-entra-login warning",
            "vm-entra-login warning",
            "vm-not-directly-reachable error",
            "vm-not-directly-reachable error",
        ]);
        expect(summary).toBe(fs.readFileSync(outputs["summary-file"], "utf8"));
        expect(summary).toMatch(/^## ❌ Blocked — privileged-access guard/);
        expect(summary).toContain("```mermaid");
    });

    it("hands bad input on as exit code 2, with no report files", async () => {
        const { outputs, stderr } = await runCheck("bad-input", { path: "stacks/no-such-stack" });
        expect(outputs).toEqual({ "exit-code": "2" });
        expect(stderr).toBe("pa-guard: stacks/no-such-stack: no such file or directory\n");
    });

    it("refuses a fail-on it does not know", async () => {
        await expect(runCheck("fail-on", { path: "stacks/jump-host-public-rdp", "fail-on": "warning" })).rejects.toMatchObject({
            code: 2,
            stderr: "pa-guard action: fail-on must be mandatory or none\n",
        });
    });
});
