// `npm run examples` names the difference and exits 1 when a stack does not get exactly the
// violations its expected.json declares. (Every example stack as expected, with known ids and as in
// a first preview: test/deep/examples.test.ts and examples-preview.test.ts, in npm run test:deep.)
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./cli";

describe("the main command", () => {
    it("exits 1 and names the difference when a stack is not as expected", async () => {
        const r = await cli(["examples", path.resolve(__dirname, "../fixtures/examples-mismatch")]);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain("missing     no-direct-rdp noSuchNsg mandatory");
        expect(r.stdout).toContain("1 stacks: 0 as expected, 1 mismatched");
    });
});
