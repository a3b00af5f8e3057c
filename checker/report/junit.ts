// JUnit XML: one test suite per policy, one test case per resource it evaluated (every resource of
// the stack, as CrossGuard hands every policy every resource), failed where the policy reported a
// mandatory finding, skipped where an active exemption made its finding advisory.
import junitReportBuilder from "junit-report-builder";
import { CheckReport } from "../check";
import { isExempted } from "./json";

function xmlAttribute(text: string): string {
    return text
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, " ")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/\n/g, "&#10;");
}

export function toJunit(report: CheckReport): string {
    const builder = junitReportBuilder.newBuilder();
    const resources = report.resources.filter((r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"));
    // junit-report-builder writes <skipped/> without a message: the messages are added after, in
    // the order the skipped cases are built.
    const skipMessages: string[] = [];
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
            const exempted = own.filter(isExempted);
            if (failing.length > 0) {
                testCase.failure(failing.map((f) => f.message).join("\n"), "mandatory");
            } else if (exempted.length > 0) {
                testCase.skipped();
                skipMessages.push(exempted.map((f) => f.message).join("\n"));
            }
            for (const advisory of own.filter((f) => f.enforcementLevel !== "mandatory" && !isExempted(f))) {
                testCase.standardOutput(`[advisory] ${advisory.message}`);
            }
        }
    }
    let next = 0;
    return builder.build().replace(/<skipped\/>/g, () => `<skipped message="${xmlAttribute(skipMessages[next++])}"/>`);
}
