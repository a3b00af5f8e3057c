// Each example stack gets exactly the violations its expected.json declares, with known ids, through
// `npm run examples` itself: it exits 0 only when every stack got exactly its set. (The first preview
// of a new stack: test/deep/examples-preview.test.ts, in npm run test:deep.)
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scenarioDirs } from "../../checker/examples";
import { DEFAULT_STACKS_DIR } from "../../checker/paths";
import { cli } from "./cli";

const scenarios = scenarioDirs(DEFAULT_STACKS_DIR);

describe("the main command", () => {
    it("prints a verdict table and exits 0 when every stack is as expected", async () => {
        const r = await cli(["examples"]);
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
        const lines = r.stdout.trim().split("\n");
        expect(lines[0]).toMatch(/^stack\s+expected\s+got\s+verdict$/);
        expect(lines.filter((l) => / ok$/.test(l))).toHaveLength(scenarios.length);
        expect(lines[lines.length - 1]).toBe(`${scenarios.length} stacks: ${scenarios.length} as expected, 0 mismatched`);
    });

    it("exits 1 and names the difference when a stack is not as expected", async () => {
        const r = await cli(["examples", path.resolve(__dirname, "../fixtures/examples-mismatch")]);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain("missing     no-direct-rdp noSuchNsg mandatory");
        expect(r.stdout).toContain("1 stacks: 0 as expected, 1 mismatched");
    });
});
