// Fixture programs under test/fixtures/programs/, checked through the checker as a user runs it;
// verdicts as exact `policy resource level` sets.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "vitest";
import { check, CheckReport } from "../../../checker/check";
import { testDepth } from "../../harness/depth";
import { pack } from "../../harness/pack";
import { ROOT } from "../cli";

export const PROGRAMS = path.join(ROOT, "test/fixtures/programs");

/**
 * One test per fixture case and mode (previewUnknowns), side by side — each waits on a program's
 * child process (about 2.5 s of CPU). Both modes in `npm run test:deep`; in `npm test` one,
 * alternating from case to case, so that each mode runs.
 */
export function inModes(title: string, cases: readonly [string, (previewUnknowns: boolean) => Promise<unknown>][]): void {
    const deep = testDepth() === "deep";
    describe.concurrent(title, () => {
        cases.forEach(([name, run], i) => {
            for (const previewUnknowns of deep ? [false, true] : [i % 2 === 1]) {
                it(`${name} (previewUnknowns: ${previewUnknowns})`, () => run(previewUnknowns));
            }
        });
    });
}

export async function checkFixture(name: string, opts: { previewUnknowns: boolean; config?: string[]; dir?: string }): Promise<CheckReport> {
    return check(opts.dir ?? path.join(PROGRAMS, name), { client: await pack(), previewUnknowns: opts.previewUnknowns, config: opts.config });
}

export function verdictsOf(report: CheckReport): string[] {
    const names = new Map(report.resources.map((r) => [r.urn, r.name]));
    return report.findings.map((f) => `${f.policyName} ${names.get(f.urn) ?? "(stack)"} ${f.enforcementLevel}`).sort();
}

/**
 * A copy of a fixture outside the repository whose node_modules holds this repository's packages
 * except `without`. @pulumi/pulumi is hard-linked, not symlinked, so that what it resolves (its
 * TypeScript compiler, say) is looked up from the copy, as in a project of its own.
 */
export function isolatedCopy(name: string, without: string[]): { dir: string; remove: () => void } {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "pa-guard-isolated-"));
    const dir = path.join(base, name);
    fs.cpSync(path.join(PROGRAMS, name), dir, { recursive: true });
    const from = path.join(ROOT, "node_modules");
    const to = path.join(dir, "node_modules");
    for (const entry of fs.readdirSync(from)) {
        if (entry.startsWith(".") || without.includes(entry)) {
            continue;
        }
        if (entry.startsWith("@")) {
            fs.mkdirSync(path.join(to, entry), { recursive: true });
            for (const pkg of fs.readdirSync(path.join(from, entry))) {
                const name = `${entry}/${pkg}`;
                if (name === "@pulumi/pulumi") {
                    execFileSync("cp", ["-al", fs.realpathSync(path.join(from, name)), path.join(to, name)]);
                } else if (!without.includes(name)) {
                    fs.symlinkSync(fs.realpathSync(path.join(from, name)), path.join(to, name));
                }
            }
        } else {
            fs.mkdirSync(to, { recursive: true });
            fs.symlinkSync(fs.realpathSync(path.join(from, entry)), path.join(to, entry));
        }
    }
    return { dir, remove: () => fs.rmSync(base, { recursive: true, force: true }) };
}
