// The exposure paths of a reachability finding, drawn where reviewers look: SARIF code flows whose
// steps are the program lines that declared each hop, and a Mermaid flowchart per exposed machine in
// the Markdown summary — both from the paths the policy reports as data, checked on an example stack.
// The flowchart is parsed by Mermaid itself (the grammar GitHub renders with).
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv-draft-04";
import DOMPurify from "dompurify";
import { beforeAll, describe, expect, it } from "vitest";
import { check, CheckReport } from "../../checker/check";
import { pack } from "../harness/pack";
import { toMarkdown } from "../../checker/report/markdown";
import { exposureFlowchart } from "../../checker/report/mermaid";
import { toSarif } from "../../checker/report/sarif";
import { ROOT } from "./cli";

const STACK = "stacks/jump-host-public-rdp";
const SARIF_SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, "test/fixtures/schemas/sarif-schema-2.1.0.json"), "utf8"));
const validateSarif = new Ajv({ strict: false, allErrors: true }).compile(SARIF_SCHEMA);

// Mermaid sanitises labels with DOMPurify, which without a DOM is an empty shell: give it the two
// functions Mermaid calls (parsing needs no sanitising) before Mermaid loads.
async function mermaidParser(): Promise<{ parse: (text: string) => Promise<unknown> }> {
    const purify = DOMPurify as unknown as Record<string, unknown>;
    purify.addHook ??= () => undefined;
    purify.sanitize ??= (text: string) => text;
    return (await import("mermaid")).default;
}

let report: CheckReport;
beforeAll(async () => {
    report = await check(path.join(ROOT, STACK), { client: await pack() });
}, 120_000);

const lineOf = (name: string) => {
    const text = fs.readFileSync(path.join(ROOT, STACK, "index.ts"), "utf8").split("\n");
    return text.findIndex((l) => l.includes(`"${name}"`)) + 1;
};

describe("exposure paths", () => {
    it("reach the checker as data on the reachability findings only", () => {
        const withPaths = report.findings.filter((f) => f.paths);
        expect(withPaths.map((f) => `${f.policyName} ${f.urn.split("::").pop()}`)).toEqual(["vm-not-directly-reachable jumpVm", "vm-not-directly-reachable jumpVm"]);
        expect(withPaths.flatMap((f) => f.paths!.map((p) => `${p.protocols.join("/")} ${p.port}: ${p.hops.map((h) => h.kind).join(" → ")}`)).sort()).toEqual([
            "tcp 3389: publicIp → nic → nsg → subnet",
            "tcp 5986: publicIp → nic → nsg → subnet",
        ]);
    });

    it("are SARIF code flows stepping through the program lines that declared each hop, valid against 2.1.0", () => {
        const sarif = toSarif(report, { baseDir: ROOT, toolVersion: "0.0.0" });
        expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
        const flows = sarif.runs[0].results!.filter((r) => r.codeFlows);
        expect(flows).toHaveLength(2);
        const steps = flows[0].codeFlows![0].threadFlows[0].locations.map((l) => [l.location!.message!.text, l.location!.physicalLocation!.artifactLocation!.uri, l.location!.physicalLocation!.region!.startLine]);
        expect(steps.map(([, uri]) => uri)).toEqual(Array(5).fill(`${STACK}/index.ts`));
        expect(steps.map(([text, , line]) => [text, line])).toEqual([
            ["public IP jumpPublicIp", lineOf("jumpPublicIp")],
            ["NIC jumpNic", lineOf("jumpNic")],
            [expect.stringMatching(/^NSG jumpNsg rule allow-(rdp|winrm-https)/), lineOf("jumpNsg")],
            ["subnet jump of jumpVnet (no NSG)", lineOf("jumpVnet")],
            ["jumpVm (azure-native:compute:VirtualMachine)", lineOf("jumpVm")],
        ]);
        expect(sarif.runs[0].results!.filter((r) => !r.codeFlows).map((r) => r.properties!.policy)).not.toContain("vm-not-directly-reachable");
    });

    it("are drawn as a Mermaid flowchart per exposed machine that Mermaid parses, kept in the README as the sample", async () => {
        const md = toMarkdown(report);
        const charts = [...md.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
        expect(charts).toHaveLength(1);
        const mermaid = await mermaidParser();
        await expect(mermaid.parse(charts[0])).resolves.toMatchObject({ diagramType: "flowchart-v2" });
        expect(charts[0]).toContain(`-->|"TCP 3389"|`);
        expect(charts[0]).toContain(`-->|"NSG jumpNsg rule allow-rdp (source *)"|`);
        expect(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).toContain("```mermaid\n" + charts[0] + "\n```");
    });

    it("keep quotes and entity signs in names from breaking the chart", async () => {
        const chart = exposureFlowchart('vm "a"#1', [
            { port: 22, protocols: ["tcp", "udp"], hops: [{ kind: "lbRule", text: 'load balancer lb "x" inbound NAT rule #ssh' }, { kind: "nic", text: "NIC n" }], note: "with no NSG, a Basic public IP lets all inbound traffic through" },
        ]);
        const mermaid = await mermaidParser();
        await expect(mermaid.parse(chart)).resolves.toMatchObject({ diagramType: "flowchart-v2" });
        await expect(mermaid.parse(chart.replace("#quot;", '"'))).rejects.toThrow(/Parse error/);
    });
});
