// Programs as users write them: entry points from Pulumi.yaml and package.json, JavaScript and
// TypeScript, tsconfig paths, ES modules with top-level await, exported async functions, component
// resources, structured config, and TypeScript with no compiler of its own — in both modes.
import { afterAll, describe, expect, it } from "vitest";
import { CheckReport } from "../../../checker/check";
import { checkFixture, isolatedCopy, MODES, verdictsOf } from "./support";

const noCompiler = isolatedCopy("no-typescript-dependency", ["typescript", "ts-node", "tsconfig-paths"]);
afterAll(() => noCompiler.remove());

// Each test waits on a program's child process: they run side by side.
describe.concurrent.each(MODES)("program forms (previewUnknowns: %s)", (previewUnknowns) => {
    const resourcesOf = (report: CheckReport) => report.resources.map((r) => r.urn);
    it.each<[string, string, string[], (urns: string[]) => void]>([
        ["yaml-main", "Pulumi.yaml main: src/", [], () => undefined],
        ["package-main", "JavaScript found through package.json main", ["no-direct-management-ports invalidNsg mandatory"], () => undefined],
        [
            "tsconfig-paths",
            "tsconfig paths through tsconfig-paths registered by ts-node",
            ["no-direct-management-ports invalidNsg mandatory", "no-direct-rdp invalidNsg mandatory"],
            () => undefined,
        ],
        ["esm-module", "an ES module with top-level await", ["no-direct-rdp invalidNsg mandatory"], () => undefined],
        ["esm-typescript", "a TypeScript ES module with top-level await, through ts-node's ESM hooks", ["no-direct-management-ports invalidNsg mandatory"], () => undefined],
        [
            "async-export",
            "an exported async function reading config.requireObject, getStack and getProject",
            [],
            (urns) => expect(urns.some((u) => u.endsWith("::valid-async-export-dev"))).toBe(true),
        ],
        [
            "component-resource",
            "children of a component resource",
            ["no-direct-rdp invalidRdp mandatory"],
            (urns) => expect(urns).toContain("urn:pulumi:dev::component-resource::contoso:network:JumpHostNetwork$azure-native:network:SecurityRule::invalidRdp"),
        ],
    ])("%s: %s", async (name, _what, expected, alsoHolds) => {
        const report = await checkFixture(name, { previewUnknowns });
        expect(verdictsOf(report)).toEqual(expected);
        expect(report.warnings).toEqual([]);
        alsoHolds(resourcesOf(report));
    });

    it("TypeScript without typescript or ts-node installed runs on the compiler @pulumi/pulumi vendors", async () => {
        expect(() => require.resolve("typescript", { paths: [noCompiler.dir] })).toThrow();
        const report = await checkFixture("no-typescript-dependency", { previewUnknowns, dir: noCompiler.dir });
        expect(verdictsOf(report)).toEqual(["no-direct-rdp invalidNsg mandatory"]);
    });
});
