// The checker runs a user's own, unmodified azure-native TypeScript program from a directory of its
// own, with its own installed dependencies and stack config — not the checker's.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readScenario } from "../../checker/examples";
import { cli, ROOT } from "../checker/cli";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "pa-guard-program-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("a program in its own directory", () => {
    it("is checked with its own node_modules after npm ci", async () => {
        const source = path.join(ROOT, "stacks/jump-host-bastion");
        const dir = path.join(work, "jump-host-bastion");
        fs.cpSync(source, dir, { recursive: true, filter: (f) => !f.includes("node_modules") });
        execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: dir, stdio: "pipe" });
        const own = (pkg: string) => fs.realpathSync(path.join(dir, "node_modules", pkg));
        expect(fs.existsSync(own("@pulumi/pulumi"))).toBe(true);

        const spec = readScenario(source);
        const args = ["check", dir, "--format", "json", ...Object.entries(spec.stackTags ?? {}).flatMap(([k, v]) => ["--stack-tag", `${k}=${v}`])];
        const r = await cli(args, { cwd: work });
        expect(r.stderr).toBe("");
        const report = JSON.parse(r.stdout);
        expect(report.source).toMatchObject({ kind: "program", project: "jump-host-bastion", stack: "dev" });
        const got = report.violations.map((v: any) => `${v.policy} ${v.resourceName} ${v.enforcementLevel}`).sort();
        expect(got).toEqual(spec.violations.map((v) => `${v.policy} ${v.resource} ${v.level}`).sort());
    }, 600_000);
});
