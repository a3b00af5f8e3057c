// The guard itself is publishable to npm: its tarball holds the built checker and pack (no tests,
// no sources, no example stacks), installs beside a project's own @pulumi/pulumi with no engine
// warning, and `npx pa-guard check` from it checks an example stack as the repository's CLI does;
// the testing kit loads from the installed package.
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../checker/cli";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "pa-guard-npm-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const PULUMI = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).devDependencies["@pulumi/pulumi"];

describe("the npm package", () => {
    it("packs the built checker and pack, installs from the tarball and runs `npx pa-guard check`", async () => {
        // `npm test` has built dist/ and policy-pack/bin: pack them as they are.
        const [packed] = JSON.parse(execFileSync(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: ROOT, encoding: "utf8" }));
        const files: string[] = packed.files.map((f: { path: string }) => f.path);
        for (const needed of ["dist/checker/cli.js", "dist/checker/kit.js", "dist/checker/kit.d.ts", "dist/checker/program/child.js", "policy-pack/bin/index.js", "policy-pack/PulumiPolicy.yaml", "policy-pack/package.json", "LICENSE", "README.md"]) {
            expect(files).toContain(needed);
        }
        expect(files.filter((f) => /^(test|stacks|bench|tools|action|dist\/test|dist\/bench)\//.test(f) || (f.endsWith(".ts") && !f.endsWith(".d.ts")))).toEqual([]);

        const project = path.join(work, "project");
        fs.mkdirSync(project);
        fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
        // A project brings its own @pulumi/pulumi (the kit's peer dependency); the rest comes from
        // npm's cache where `npm ci` left it.
        const install = await promisify(execFile)(npm, ["install", "--prefer-offline", "--no-audit", "--no-fund", path.join(work, packed.filename), `@pulumi/pulumi@${PULUMI}`], {
            cwd: project,
            encoding: "utf8",
        });
        expect(`${install.stdout}${install.stderr}`).not.toMatch(/EBADENGINE|ERESOLVE/);

        const stack = path.join(ROOT, "stacks/jump-host-public-rdp");
        const result = await promisify(execFile)(npx, ["--no-install", "pa-guard", "check", stack, "--format", "json"], { cwd: project, encoding: "utf8" }).then(
            () => ({ code: 0, stdout: "" }),
            (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
        );
        expect(result.code).toBe(1);
        const expected = JSON.parse(fs.readFileSync(path.join(stack, "expected.json"), "utf8")).violations.map((v: any) => `${v.policy} ${v.resource} ${v.level}`).sort();
        expect(JSON.parse(result.stdout).violations.map((v: any) => `${v.policy} ${v.resourceName} ${v.enforcementLevel}`).sort()).toEqual(expected);

        const kit = execFileSync(process.execPath, ["-e", "const k = require('pulumi-azure-privileged-access-guard/kit'); console.log(Object.keys(k).sort().join(' '))"], { cwd: project, encoding: "utf8" });
        expect(kit.trim()).toBe("checkProgram closePolicyPacks expectViolations violationKeys");
    }, 300_000);
});
