// The tests that read reference schemas pass in a copy of the repository that sits alone in a fresh
// temporary folder: nothing they need lies outside the repository. Part of npm run test:deep.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repositoryFiles, ROOT } from "../harness/repository";

/** The test files that read third-party schemas (test/fixtures/schemas/README.md). */
const SCHEMA_TESTS = ["test/checker/export.test.ts", "test/checker/formats.test.ts", "test/checker/warnings-formats.test.ts"];

describe("a self-contained repository", () => {
    const files = repositoryFiles();

    describe("its schema tests, in a copy with no sibling folder", () => {
        const parent = fs.mkdtempSync(path.join(os.tmpdir(), "pa-guard-alone-"));
        const copy = path.join(parent, "repo");
        afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));

        it("pass", () => {
            for (const f of files) {
                fs.mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
                fs.copyFileSync(path.join(ROOT, f), path.join(copy, f));
            }
            // What `npm ci` and `npm run build` leave: installed packages are shared, build outputs copied.
            for (const dir of ["node_modules", "policy-pack/node_modules"]) {
                if (fs.existsSync(path.join(ROOT, dir))) {
                    fs.symlinkSync(path.join(ROOT, dir), path.join(copy, dir), "dir");
                }
            }
            for (const dir of ["dist", "policy-pack/bin"]) {
                expect(fs.existsSync(path.join(ROOT, dir)), `${dir} is built (npm run build)`).toBe(true);
                fs.cpSync(path.join(ROOT, dir), path.join(copy, dir), { recursive: true });
            }
            expect(fs.readdirSync(parent)).toEqual(["repo"]);

            // The child is a vitest run of its own, not a worker of this one.
            const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST")));
            const results = path.join(parent, "results.json");
            const r = spawnSync(
                process.execPath,
                [path.join(copy, "node_modules/vitest/vitest.mjs"), "run", ...SCHEMA_TESTS, "--reporter=json", `--outputFile=${results}`],
                { cwd: copy, env, encoding: "utf8", timeout: 170_000, maxBuffer: 64 * 1024 * 1024 },
            );
            const output = `${r.stdout}\n${r.stderr}`.slice(-4000);
            expect(r.status, output).toBe(0);
            const report = JSON.parse(fs.readFileSync(results, "utf8"));
            const perFile = report.testResults.map((t: { name: string; status: string }) => [path.relative(fs.realpathSync(copy), fs.realpathSync(t.name)), t.status]).sort();
            expect(perFile).toEqual(SCHEMA_TESTS.map((f) => [f, "passed"]));
            expect(report.numTotalTests).toBeGreaterThan(0);
            expect([report.numPassedTests, report.numFailedTests, report.numPendingTests, report.numTodoTests]).toEqual([report.numTotalTests, 0, 0, 0]);
        }, 180_000);
    });
});
