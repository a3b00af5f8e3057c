// Callbacks that failed on mocked data reach every report format, located at their program line.
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv-draft-04";
import { beforeAll, describe, expect, it } from "vitest";
import { check, CheckReport } from "../../checker/check";
import { toJsonReport } from "../../checker/report/json";
import { toMarkdown } from "../../checker/report/markdown";
import { toSarif } from "../../checker/report/sarif";
import { formatText } from "../../checker/report/text";
import { pack } from "../harness/pack";
import { cli, ROOT } from "./cli";

const PROGRAM = path.join(ROOT, "test/fixtures/programs/callback-on-mock-data");
const SARIF_SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, "test/fixtures/schemas/sarif-schema-2.1.0.json"), "utf8"));
const NULL_1 = "value treated as unknown: Cannot read properties of null (reading '1')";
const UNDEFINED_VALUE = "value treated as unknown: Cannot read properties of undefined (reading 'value')";

let report: CheckReport;
beforeAll(async () => {
    report = await check(PROGRAM, { client: await pack() });
}, 120_000);

describe("warnings in every format", () => {
    it("text lists them after the findings, file:line first", () => {
        const text = formatText(report, { color: false });
        const at = text.indexOf("Warnings:");
        expect(at).toBeGreaterThan(text.indexOf("no-direct-rdp"));
        expect(text.slice(at).split("\n").slice(1, 4)).toEqual([
            `    ⚠ index.ts:11: ${NULL_1}`,
            `    ⚠ index.ts:12: ${NULL_1}`,
            `    ⚠ index.ts:15: ${UNDEFINED_VALUE}`,
        ]);
    });

    it("JSON has warnings[] with the file relative to the program", () => {
        expect(toJsonReport(report).warnings).toEqual([
            { message: NULL_1, file: "index.ts", line: 11, column: 24 },
            { message: NULL_1, file: "index.ts", line: 12, column: 50 },
            { message: UNDEFINED_VALUE, file: "index.ts", line: 15, column: 6 },
        ]);
    });

    it("SARIF carries them as tool execution notifications and still validates", () => {
        const sarif = toSarif(report, { baseDir: ROOT, toolVersion: "0.1.0" });
        // SARIF uses formats (uri, date-time) Ajv does not know; they are not what this test is about.
        const validate = new Ajv({ strict: false, allErrors: true, logger: false }).compile(SARIF_SCHEMA);
        expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
        const notes = sarif.runs[0].invocations![0].toolExecutionNotifications!;
        expect(notes.map((n) => [n.level, n.message.text, n.locations![0].physicalLocation!.artifactLocation!.uri, n.locations![0].physicalLocation!.region!.startLine])).toEqual([
            ["warning", NULL_1, "test/fixtures/programs/callback-on-mock-data/index.ts", 11],
            ["warning", NULL_1, "test/fixtures/programs/callback-on-mock-data/index.ts", 12],
            ["warning", UNDEFINED_VALUE, "test/fixtures/programs/callback-on-mock-data/index.ts", 15],
        ]);
    });

    it("Markdown has a Warnings section", () => {
        const md = toMarkdown(report);
        expect(md.slice(md.indexOf("### Warnings"))).toBe(
            ["### Warnings", "", `- index.ts:11: ${NULL_1}`, `- index.ts:12: ${NULL_1}`, `- index.ts:15: ${UNDEFINED_VALUE}`, ""].join("\n"),
        );
    });

    it("the CLI prints them and the verdict still decides the exit code", async () => {
        const r = await cli(["check", PROGRAM]);
        expect(r.code).toBe(1);
        expect(r.stderr).toBe("");
        expect(r.stdout).toContain(`⚠ index.ts:15: ${UNDEFINED_VALUE}`);
    });
});
