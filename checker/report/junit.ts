// JUnit XML: one test suite per policy, one test case per resource it evaluated (every resource of
// the stack, as CrossGuard hands every policy every resource), failed where the policy reported it.
import junitReportBuilder from "junit-report-builder";
import { CheckReport } from "../check";

export function toJunit(report: CheckReport): string {
    const builder = junitReportBuilder.newBuilder();
    const resources = report.resources.filter((r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"));
    for (const policy of report.policies) {
        const suite = builder.testSuite().name(policy.name);
        const findings = report.findings.filter((f) => f.policyName === policy.name);
        const subjects = resources.map((r) => ({ urn: r.urn, label: `${r.type}::${r.name}` }));
        if (findings.some((f) => !f.urn)) {
            subjects.push({ urn: "", label: "(stack)" });
        }
        for (const subject of subjects) {
            const testCase = suite.testCase().className(policy.name).name(subject.label);
            const own = findings.filter((f) => f.urn === subject.urn);
            const failing = own.filter((f) => f.enforcementLevel === "mandatory");
            if (failing.length > 0) {
                testCase.failure(failing.map((f) => f.message).join("\n"), "mandatory");
            }
            for (const advisory of own.filter((f) => f.enforcementLevel !== "mandatory")) {
                testCase.standardOutput(`[advisory] ${advisory.message}`);
            }
        }
    }
    return builder.build();
}
