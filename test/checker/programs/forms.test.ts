// Programs as users write them: entry points from Pulumi.yaml and package.json, JavaScript and
// TypeScript, tsconfig paths, exported async functions, component resources and structured config —
// how a program loads does not depend on the mode, so these run as a preview of an update. ES modules
// with top-level await and TypeScript with no compiler of its own failed before (issue 14's failure
// classes): they run in both modes (in npm test, each in one, alternating).
import { afterAll, describe, expect, it } from "vitest";
import { CheckReport } from "../../../checker/check";
import { checkFixture, inModes, isolatedCopy, verdictsOf } from "./support";

const noCompiler = isolatedCopy("no-typescript-dependency", ["typescript", "ts-node", "tsconfig-paths"]);
afterAll(() => noCompiler.remove());

async function expectClean(name: string, expected: string[], previewUnknowns = false): Promise<CheckReport> {
    const report = await checkFixture(name, { previewUnknowns });
    expect(verdictsOf(report)).toEqual(expected);
    expect(report.warnings).toEqual([]);
    return report;
}

const resourcesOf = (report: CheckReport) => report.resources.map((r) => r.urn);

// Each test waits on a program's child process: they run side by side.
describe.concurrent("program forms", () => {
    it("Pulumi.yaml main: src/", async () => {
        await expectClean("yaml-main", []);
    });

    it("JavaScript found through package.json main", async () => {
        await expectClean("package-main", ["no-direct-management-ports invalidNsg mandatory"]);
    });

    it("tsconfig paths through tsconfig-paths registered by ts-node", async () => {
        await expectClean("tsconfig-paths", ["no-direct-management-ports invalidNsg mandatory", "no-direct-rdp invalidNsg mandatory"]);
    });

    it("an exported async function reading config.requireObject, getStack and getProject", async () => {
        const report = await expectClean("async-export", []);
        expect(resourcesOf(report).some((u) => u.endsWith("::valid-async-export-dev"))).toBe(true);
    });

    it("children of a component resource", async () => {
        const report = await expectClean("component-resource", ["no-direct-rdp invalidRdp mandatory"]);
        expect(resourcesOf(report)).toContain("urn:pulumi:dev::component-resource::contoso:network:JumpHostNetwork$azure-native:network:SecurityRule::invalidRdp");
    });
});

inModes("ES modules and TypeScript without a compiler", [
    ["an ES module with top-level await", (previewUnknowns) => expectClean("esm-module", ["no-direct-rdp invalidNsg mandatory"], previewUnknowns)],
    [
        "a TypeScript ES module with top-level await, through ts-node's ESM hooks",
        (previewUnknowns) => expectClean("esm-typescript", ["no-direct-management-ports invalidNsg mandatory"], previewUnknowns),
    ],
    [
        "TypeScript without typescript or ts-node installed runs on the compiler @pulumi/pulumi vendors",
        async (previewUnknowns) => {
            expect(() => require.resolve("typescript", { paths: [noCompiler.dir] })).toThrow();
            const report = await checkFixture("no-typescript-dependency", { previewUnknowns, dir: noCompiler.dir });
            expect(verdictsOf(report)).toEqual(["no-direct-rdp invalidNsg mandatory"]);
        },
    ],
]);
