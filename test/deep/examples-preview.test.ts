// Each example stack gets exactly the violations its expected.json declares as in the first preview
// of a new stack (every id unknown), through the checker's API; part of npm run test:deep. (Known ids,
// through `npm run examples` itself: examples.test.ts.)
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario, scenarioDirs } from "../../checker/examples";
import { DEFAULT_STACKS_DIR } from "../../checker/paths";
import { pack } from "../harness/pack";

const scenarios = scenarioDirs(DEFAULT_STACKS_DIR);

describe("example stacks (previewUnknowns: true)", () => {
    it.each(scenarios.map((d) => [path.basename(d), d]))("%s", async (_name, dir) => {
        const result = await runScenario(dir, { client: await pack(), previewUnknowns: true });
        expect(result.got).toEqual(result.expected);
    });
});

