import * as os from "node:os";
import * as path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { type ConfigEnv, defineConfig } from "vitest/config";

/**
 * The slowest files (they run programs, the checker CLI or npm in child processes) start first, in
 * this order, then the rest of those that run child processes, then the others — so that no long file
 * is left running alone at the end. Vitest's own order (longest first once it has timings from an
 * earlier run, largest first before, as on CI) holds within each group.
 */
const SLOWEST = [
    "test/fuzz/fuzz.test.ts",
    "test/deep/examples.test.ts",
    "test/checker/examples.test.ts",
    "test/checker/programs/forms.test.ts",
    "test/checker/bad-input.test.ts",
    "test/checker/exemptions.test.ts",
    "test/checker/programs/unknowns.test.ts",
    "test/fuzz/unknowns.test.ts",
];
const CHILD_PROCESSES = /^(test\/checker\/|test\/fuzz\/|test\/deep\/|examples\/)/;

class SlowestFirst extends BaseSequencer {
    override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
        const rank = (f: TestSpecification) => {
            const file = path.relative(f.project.config.root, f.moduleId).split(path.sep).join("/");
            const listed = SLOWEST.indexOf(file);
            return listed >= 0 ? listed : CHILD_PROCESSES.test(file) ? SLOWEST.length : SLOWEST.length + 1;
        };
        // Array.prototype.sort is stable: vitest's order holds among files of the same rank.
        return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
    }
}

// `vitest run` (npm test): every test file, with the fuzz suite as a fixed-seed slice and each fixture
// program that could run in both modes in one (test/checker/programs/support.ts).
// `vitest run --mode deep` (npm run test:deep): the fuzz suite at full size (random trees, mutations,
// every unknown sentinel on every deciding field), the Deny-coverage properties at twenty times the
// cases, the fixture programs in both modes, and the long runs in test/deep/ (every example stack
// as in a first preview, the schema tests in a lone copy of the repository, a program installed
// with npm ci, the pack installed from its npm tarball).
export default defineConfig(({ mode }: ConfigEnv) => {
    if (mode !== "test" && mode !== "deep") {
        throw new Error(`unknown vitest mode ${mode}: use the default one or --mode deep`);
    }
    const deep = mode === "deep";
    return {
        test: {
            include: deep
                ? ["test/fuzz/fuzz.test.ts", "test/fuzz/unknowns.test.ts", "test/azure/network-cover.test.ts", "test/checker/programs/*.test.ts", "test/deep/**/*.test.ts"]
                : ["test/**/*.test.ts", "examples/**/*.test.ts"],
            exclude: deep ? [] : ["test/deep/**", "**/node_modules/**"],
            globalSetup: ["test/harness/pack-processes.ts"],
            pool: "forks",
            // A worker runs its test files one after another in one process, so that they share its
            // policy pack processes (test/harness/pack.ts) and loaded modules: starting a pack costs
            // about 1.5 s of CPU, and most files start one. Only the testing-kit example sets Pulumi's
            // runtime mocks in-process, and no other file uses that runtime in-process.
            isolate: false,
            // Vitest's default is cores - 1: one worker on a 2-core machine, where the other core then
            // idles whenever that worker waits on a child process (the policy pack, a program, npm).
            maxWorkers: Math.max(2, os.availableParallelism()),
            sequence: { sequencer: SlowestFirst },
            // Two files at once on two cores: a test that runs the checker over every example stack
            // in one child process can take twice as long as alone.
            testTimeout: 120_000,
            hookTimeout: 120_000,
            provide: { testDepth: deep ? "deep" : "slice" },
        },
    };
});
