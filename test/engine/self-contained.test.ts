// The repository is self-contained: a user's clone has nothing beside it, so no file may name a path
// in a sibling folder. (test/deep/lone-copy.test.ts runs the tests that read reference schemas in a
// copy of the repository that sits alone in a fresh temporary folder.)
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryFiles, ROOT } from "../harness/repository";

// The patterns are assembled so that this file does not name the folder itself.
const SIBLING = "sha" + "red";
const SIBLING_PATHS = [
    new RegExp(String.raw`\.\.[\\/]+${SIBLING}(?![\w.-])`),
    new RegExp(String.raw`["'\x60]\.\.["'\x60]\s*,\s*["'\x60]${SIBLING}["'\x60]`),
];

/** A test file that reads third-party schemas (test/fixtures/schemas/README.md). */
const SCHEMA_TEST = "test/checker/export.test.ts";

describe("a self-contained repository", () => {
    const files = repositoryFiles();

    it("has no file naming a path in a sibling folder", () => {
        expect(files).toContain("package.json");
        expect(files).toContain(SCHEMA_TEST);
        const offenders = files
            .filter((f) => path.basename(f) !== "package-lock.json")
            .flatMap((f) => {
                const text = fs.readFileSync(path.join(ROOT, f), "latin1");
                return text.split("\n").flatMap((line, i) => (SIBLING_PATHS.some((re) => re.test(line)) ? [`${f}:${i + 1}: ${line.trim()}`] : []));
            });
        expect(offenders).toEqual([]);
    });

    it("the patterns catch both spellings of such a path", () => {
        const named = [`readFileSync("../${SIBLING}/schemas/a.json")`, `path.resolve(ROOT, "..", "${SIBLING}", "schemas")`, `..\\${SIBLING}\\x`];
        expect(named.map((line) => SIBLING_PATHS.some((re) => re.test(line)))).toEqual([true, true, true]);
        const unrelated = [`vnet-${SIBLING}/subnets`, `${SIBLING}-deserialization.ts`, `../${SIBLING}-x`];
        expect(unrelated.map((line) => SIBLING_PATHS.some((re) => re.test(line)))).toEqual([false, false, false]);
    });
});
