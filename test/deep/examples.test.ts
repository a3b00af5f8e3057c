// Each example stack gets exactly the violations its expected.json declares, with known ids, through
// `npm run examples` itself: it exits 0 only when every stack got exactly its set. Part of
// npm run test:deep (20 programs, one at a time: the longest run of the suite). The first preview
// of a new stack: examples-preview.test.ts; a mismatching stack, in npm test:
// test/checker/examples.test.ts.
import { describe, expect, it } from "vitest";
import { scenarioDirs } from "../../checker/examples";
import { DEFAULT_STACKS_DIR } from "../../checker/paths";
import { cli } from "../checker/cli";

const scenarios = scenarioDirs(DEFAULT_STACKS_DIR);

describe("the main command", () => {
    it("prints a verdict table and exits 0 when every stack is as expected", { timeout: 600_000 }, async () => {
        const r = await cli(["examples"]);
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
        const lines = r.stdout.trim().split("\n");
        expect(lines[0]).toMatch(/^stack\s+expected\s+got\s+verdict$/);
        expect(lines.filter((l) => / ok$/.test(l))).toHaveLength(scenarios.length);
        expect(lines[lines.length - 1]).toBe(`${scenarios.length} stacks: ${scenarios.length} as expected, 0 mismatched`);
    });
});
