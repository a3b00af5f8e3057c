// The benchmark times requests encoded before the call (`sendEncoded`); the pack must answer them
// exactly as it answers the same requests sent through the ordinary client calls.
import { afterAll, describe, expect, it } from "vitest";
import { AnalyzerClient, Diagnostic, encodeAnalyzeRequest, encodeAnalyzeStackRequest } from "../../checker/engine/analyzer-client";
import { reconcilePolicyConfig } from "../../checker/engine/policy-config";
import { generateStack } from "../../bench/generate";
import { PACK_DIR } from "../harness/pack";
import { plan } from "../harness/stack";

const key = (d: Diagnostic) => `${d.policyName} ${d.urn.split("::").pop()} ${d.enforcementLevel} ${d.message}`;

describe("requests encoded before the call", () => {
    const started = AnalyzerClient.start({ packDir: PACK_DIR });
    afterAll(async () => (await started).close());

    it("get the same diagnostics as the ordinary Analyze and AnalyzeStack calls", async () => {
        const client = await started;
        await client.configureStack({ securityLevel: "specialized" });
        await client.configure(reconcilePolicyConfig(await client.getAnalyzerInfo()));
        const resources = plan(generateStack(40), { mode: "known" });

        const ordinary: string[] = [];
        const encoded: string[] = [];
        for (const r of resources) {
            ordinary.push(...(await client.analyze({ ...r, properties: r.inputs })).map(key));
            encoded.push(...(await client.sendEncoded("analyze", encodeAnalyzeRequest({ ...r, properties: r.inputs }))).map(key));
        }
        const wire = resources.map((r) => ({ ...r, properties: r.outputs }));
        const ordinaryStack = (await client.analyzeStack(wire)).map(key).sort();
        const encodedStack = (await client.sendEncoded("analyzeStack", encodeAnalyzeStackRequest(wire))).map(key).sort();

        expect(encoded.sort()).toEqual(ordinary.sort());
        expect(encodedStack).toEqual(ordinaryStack);
        // The generated stack is half non-compliant: the comparison is over real findings.
        expect(new Set(ordinaryStack.map((k) => k.split(" ")[0])).size).toBeGreaterThanOrEqual(5);
    });
});
