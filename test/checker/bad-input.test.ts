// Every kind of bad input exits 2 with one line on stderr naming the problem — never a stack trace.
// Through the CLI for each kind of input; the kinds of program failure through the check itself.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../checker/check";
import { InputError } from "../../checker/errors";
import { pack } from "../harness/pack";
import { cli, EMPTY_EXPORT, ROOT } from "./cli";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pa-guard-bad-"));
const file = (name: string, text: string) => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, text);
    return p;
};
const programs = path.join(ROOT, "test/fixtures/programs");
const example = path.join(ROOT, "stacks/p2s-vpn-entra");

async function expectInputError(args: string[], reason: RegExp) {
    const r = await cli(args);
    expect(r.code, r.stderr).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(reason);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
}

// Each test waits on the CLI's process: they run side by side.
describe.concurrent("bad input exits 2 with a one-line reason", () => {
    it("a path that does not exist", async () => {
        await expectInputError(["check", path.join(tmp, "nope")], /nope: no such file or directory/);
    });

    it("a file that is not JSON", async () => {
        await expectInputError(["check", file("broken.json", "{ not json")], /broken\.json: not valid JSON/);
    });

    it("JSON that is not a stack export", async () => {
        await expectInputError(["check", file("v2.json", JSON.stringify({ version: 2, deployment: {} }))], /unsupported deployment version 2/);
        await expectInputError(
            ["check", file("bad-resource.json", JSON.stringify({ version: 3, deployment: { manifest: {}, resources: [{ type: "x" }] } }))],
            /deployment\.resources\[0\]\.urn is missing/,
        );
    });

    it("a directory that is not a Pulumi project", async () => {
        await expectInputError(["check", tmp], /not a Pulumi project \(no Pulumi\.yaml\)/);
    });

    // The CLI's end of a program failure; the kinds of failure, from the check itself, below.
    it("a program that throws", async () => {
        await expectInputError(["check", path.join(programs, "throws")], /the program failed: subscription quota exceeded for this region \(index\.ts:4\)$/);
    });

    it("a program whose required config is given with --config", async () => {
        const r = await cli(["check", path.join(programs, "needs-config"), "--config", "region=westeurope"]);
        expect(r.code, r.stderr).toBe(0);
    });

    it("policy config naming an unknown policy, an unknown level or a wrong type", async () => {
        await expectInputError(
            ["check", EMPTY_EXPORT, "--policy-pack-config", file("unknown.json", JSON.stringify({ "no-such-policy": "advisory" }))],
            /policy config "no-such-policy": no such policy/,
        );
        await expectInputError(
            ["check", EMPTY_EXPORT, "--policy-pack-config", file("level.json", JSON.stringify({ all: "strict" }))],
            /policy config "all": enforcement level must be one of advisory, mandatory, remediate, disabled/,
        );
        await expectInputError(["check", EMPTY_EXPORT, "--policy-pack-config", file("notjson.json", "{")], /--policy-pack-config .*notjson\.json: not valid JSON/);
    });

    it("malformed flags", async () => {
        await expectInputError(["check", example, "--stack-tag", "securityLevel"], /--stack-tag securityLevel: expected key=value/);
        await expectInputError(["check", example, "--config", "region"], /--config region: expected key=value/);
        await expectInputError(["check", example, "--format", "xml"], /argument 'xml' is invalid/);
        await expectInputError(["check", example, "--frobnicate"], /unknown option '--frobnicate'/);
        await expectInputError(["check", example, "--report", "pdf=out.pdf"], /--report pdf=out\.pdf: format must be one of text, json, sarif, junit, markdown/);
        await expectInputError(["check", example, "--report", "sarif="], /--report sarif=: name a file/);
        await expectInputError(["check"], /missing required argument 'path'/);
    });
});

// A program's failure is an input error of the check (the CLI prints it after "pa-guard: " and exits
// 2, as above): one line, the program's own words and line. In-process, where the CLI adds nothing.
async function expectProgramError(name: string, reason: RegExp) {
    const error: unknown = await check(path.join(programs, name), { client: await pack() }).then(
        () => undefined,
        (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message.split("\n")).toEqual([expect.stringMatching(reason)]);
}

describe.concurrent("a program that fails is an input error with a one-line reason", () => {
    it("a program that needs a package that is not installed", async () => {
        await expectProgramError("missing-package", /needs package "@contoso\/landing-zone-baseline", which is not installed there/);
    });

    it("a program that ends its own process: the last thing it printed", async () => {
        await expectProgramError("exits-early", /the program ended the process \(exit code 4\) before it finished; it last printed: landing zone not found$/);
    });

    it("a program broken against its own SDK: the SDK's message and the program line", async () => {
        await expectProgramError("sdk-misuse", /the program failed: Missing required property 'resourceGroupName' \(index\.ts:5\)$/);
    });

    it("a program whose required config is missing", async () => {
        await expectProgramError("needs-config", /the program failed: Missing required configuration variable 'needs-config:region' \(index\.ts:5\)$/);
    });
});
