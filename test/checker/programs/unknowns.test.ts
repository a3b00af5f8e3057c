// What the mocks cannot know is unknown, as in a preview: output-only properties, invoke results
// the checker cannot answer, other stacks' outputs. No mock artefact fails a check, in either mode
// (each fixture in one mode in npm test, alternating, and in both in npm run test:deep).
import { expect } from "vitest";
import { checkFixture, inModes, verdictsOf } from "./support";

inModes("values the mocks cannot know", [
    [
        "a callback on an output-only property does not run; a role assignment to a new identity traces to it and blocks",
        async (previewUnknowns) => {
            const report = await checkFixture("output-only-apply", { previewUnknowns });
            expect(verdictsOf(report)).toEqual(["admin-rbac-privileged-principals invalidOwnerToIdentity mandatory"]);
            const [finding] = report.findings;
            expect(finding.message).toContain("the principal of deployer (UserAssignedIdentity)");
            expect(finding.message).not.toMatch(/not a principal object id/);
            expect(report.warnings).toEqual([]);
        },
    ],
    [
        "invoke results: credentials, keys and client config are schema-shaped; an unanswered lookup is unknown",
        async (previewUnknowns) => {
            const report = await checkFixture("invoke-results", { previewUnknowns });
            expect(verdictsOf(report)).toEqual([]);
            expect(report.resources.map((r) => r.name)).toContain("validNsg");
            expect(report.warnings).toEqual([]);
        },
    ],
    [
        "stack reference outputs are unknown through getOutput, requireOutput, outputs and getOutputDetails",
        async (previewUnknowns) => {
            const report = await checkFixture("stack-reference", { previewUnknowns });
            expect(verdictsOf(report)).toEqual([]);
            expect(report.resources.map((r) => r.name)).toContain("validNic");
            expect(report.warnings).toEqual([]);
        },
    ],
    [
        "callbacks that throw on mock data (apply, all, an invoke's output): unknown values, the check goes on, a warning per line",
        async (previewUnknowns) => {
            const report = await checkFixture("callback-on-mock-data", { previewUnknowns });
            expect(verdictsOf(report)).toEqual(["no-direct-rdp invalidNsg mandatory"]);
            expect(report.warnings.map((w) => [w.location?.uri.replace(/^.*\/programs\//, ""), w.location?.line, w.message])).toEqual([
                ["callback-on-mock-data/index.ts", 11, "value treated as unknown: Cannot read properties of null (reading '1')"],
                ["callback-on-mock-data/index.ts", 12, "value treated as unknown: Cannot read properties of null (reading '1')"],
                ["callback-on-mock-data/index.ts", 15, "value treated as unknown: Cannot read properties of undefined (reading 'value')"],
            ]);
        },
    ],
    [
        "a promise input that rejects (a lookup the program makes over the network) is unknown, with a warning on its line",
        async (previewUnknowns) => {
            const report = await checkFixture("rejected-input", { previewUnknowns });
            // The role cannot be told, and the principal is listed nowhere: the unknown rule, advisory below privileged.
            expect(verdictsOf(report)).toEqual(["admin-rbac-privileged-principals pullAssignment advisory"]);
            expect(report.warnings.map((w) => [w.location?.uri.replace(/^.*\/programs\//, ""), w.location?.line, w.message])).toEqual([
                ["rejected-input/index.ts", 13, "value treated as unknown: request for role AcrPull failed, reason: getaddrinfo ENOTFOUND management.azure.com"],
            ]);
        },
    ],
]);
