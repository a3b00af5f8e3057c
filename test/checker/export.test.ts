// A stack export synthesized from an example stack, shaped as Azure returns it, gives the same
// verdicts as running the program — and its secrets never reach the output.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { resourceNameOf } from "../../checker/engine/evaluate";
import { readScenario } from "../../checker/examples";
import { planProgram } from "../../checker/program/run-program";
import { secretValue } from "../../checker/engine/wire";
import { cli, ROOT } from "./cli";
import { synthesizeExport } from "./synthesize-export";

const SCHEMAS = path.join(ROOT, "test/fixtures/schemas/pulumi");
const MARKER = "SECRET-MARKER-41c9e7";
const scenario = path.join(ROOT, "stacks/jump-host-public-rdp");

function validator() {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    for (const f of ["property-values.json", "resources.json"]) {
        // Ajv does not register an `$anchor` on a schema's root; "#" names the same schema.
        const text = fs.readFileSync(path.join(SCHEMAS, f), "utf8").replace(/"#property_value"/g, '"#"');
        ajv.addSchema(JSON.parse(text));
    }
    return ajv.compile(JSON.parse(fs.readFileSync(path.join(SCHEMAS, "deployments.json"), "utf8")));
}

describe("stack export input", async () => {
    const { resources } = await planProgram(scenario, { stack: "dev" });
    // The admin password becomes a readable secret carrying a marker the output must never show.
    const withMarker = resources.map((r) =>
        r.type === "azure-native:compute:VirtualMachine"
            ? { ...r, inputs: { ...r.inputs, osProfile: { ...(r.inputs.osProfile as object), adminPassword: secretValue(MARKER) } } }
            : r,
    );
    const doc = synthesizeExport(withMarker, { plaintextSecrets: true });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pa-guard-export-")), "jump-host-public-rdp.json");
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));

    it("is a valid deployment v3 document with Azure-shaped outputs", () => {
        const validate = validator();
        expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
        const nsg = (doc.deployment as any).resources.find((r: any) => r.type === "azure-native:network:NetworkSecurityGroup");
        expect(nsg.outputs.securityRules.map((r: any) => r.name)).toEqual(["allow-rdp", "allow-winrm-https"]);
        expect(nsg.outputs.defaultSecurityRules).toHaveLength(6);
    });

    it("gives the same verdicts as the program run, in JSON and text output, without the secret", async () => {
        const expected = readScenario(scenario).violations.map((v) => `${v.policy} ${v.resource} ${v.level}`).sort();
        const text = path.join(path.dirname(file), "report.txt");
        const r = await cli(["check", file, "--format", "json", "--report", `text=${text}`]);
        expect(r.stderr).toBe("");
        const report = JSON.parse(r.stdout);
        const got = report.violations.map((v: any) => `${v.policy} ${resourceNameOf(v.urn)} ${v.enforcementLevel}`).sort();
        expect(got).toEqual(expected);
        expect(r.code).toBe(expected.some((e) => e.endsWith("mandatory")) ? 1 : 0);
        expect(report.source).toEqual({ kind: "export", path: file, project: "jump-host-public-rdp", stack: "dev" });
        expect(r.stdout).not.toContain(MARKER);
        expect(fs.readFileSync(text, "utf8")).toContain("no-direct-rdp");
        expect(fs.readFileSync(text, "utf8")).not.toContain(MARKER);
    });
});
