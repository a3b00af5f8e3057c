// The pack directory stays publishable: its npm tarball, installed with production dependencies
// only, starts under the engine protocol and describes itself.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AnalyzerClient } from "../../checker/engine/analyzer-client";
import { pack, PACK_DIR } from "../harness/pack";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "pack-publish-"));
let client: AnalyzerClient | undefined;

afterAll(() => {
    client?.close();
    fs.rmSync(work, { recursive: true, force: true });
});

describe("publishable policy pack", () => {
    it("installs from its tarball with production dependencies and answers GetAnalyzerInfo", async () => {
        const [packed] = JSON.parse(
            execFileSync(npm, ["pack", "--json", "--pack-destination", work], { cwd: PACK_DIR, encoding: "utf8" }),
        );
        const files: string[] = packed.files.map((f: { path: string }) => f.path);
        expect(files).toContain("bin/index.js");
        expect(files).toContain("PulumiPolicy.yaml");
        expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);

        const install = path.join(work, "install");
        // The dependencies come from npm's cache where `npm ci` left them (the registry otherwise): the
        // same install, without a metadata round trip per package.
        fs.mkdirSync(install);
        fs.writeFileSync(path.join(install, "package.json"), JSON.stringify({ private: true }));
        execFileSync(npm, ["install", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", path.join(work, packed.filename)], {
            cwd: install,
            stdio: "pipe",
        });
        const packDir = path.join(install, "node_modules", packed.name);
        const version = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")).version;

        client = await AnalyzerClient.start({ packDir });
        const info = await client.getAnalyzerInfo();
        expect(info.name).toBe("azure-privileged-access-guard");
        expect(info.version).toBe(version);
        const inRepo = await (await pack()).getAnalyzerInfo();
        expect(info.policies).toEqual(inRepo.policies);
    }, 300_000);
});
