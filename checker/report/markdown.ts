// A Markdown summary for a pull-request comment: verdict, counts, a table of violations, and how
// to fix each policy that fired.
import { CheckReport } from "../check";
import { exemptionLabel, isExempted, policyId } from "./json";
import { exposureFlowchart } from "./mermaid";
import { programBase, resourceOf, warningLine } from "./locations";

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

export function toMarkdown(report: CheckReport): string {
    const mandatory = report.findings.filter((f) => f.enforcementLevel === "mandatory");
    const advisory = report.findings.filter((f) => f.enforcementLevel !== "mandatory");
    const exempted = advisory.filter(isExempted).sort((a, b) => a.exemption!.expires.localeCompare(b.exemption!.expires));
    const verdict = mandatory.length > 0 ? "❌ Blocked" : advisory.length > 0 ? "⚠️ Passed with advisories" : "✅ Passed";
    const source = report.source.kind === "program" ? `program \`${report.source.path}\` (stack \`${report.source.stack}\`)` : `stack export \`${report.source.path}\``;
    const lines = [
        `## ${verdict} — privileged-access guard`,
        "",
        `\`${report.pack.name}@${report.pack.version}\` checked ${report.resources.length} resources of ${source}: ` +
            `**${mandatory.length} mandatory**, ${advisory.length} advisory${exempted.length > 0 ? ` (${exempted.length} exempted)` : ""}.`,
    ];
    const listed = [...mandatory, ...advisory.filter((f) => !isExempted(f))];
    if (listed.length > 0) {
        lines.push("", "| Level | Policy | Resource | Finding |", "|---|---|---|---|");
        for (const f of listed) {
            const r = resourceOf(report, f.urn);
            const level = f.enforcementLevel === "mandatory" ? "❌ mandatory" : "⚠️ advisory";
            lines.push(`| ${level} | \`${f.policyName}\` ${policyId(report, f.policyName)} | \`${cell(r.name)}\` <sub>${cell(r.type)}</sub> | ${cell(f.message)} |`);
        }
    }
    if (exempted.length > 0) {
        lines.push("", "### Exempted", "", "Advisory until the exemption expires, then blocking again; the nearest expiry first.", "");
        lines.push("| Expires | Policy | Resource | Exemption | Finding |", "|---|---|---|---|---|");
        for (const f of exempted) {
            const r = resourceOf(report, f.urn);
            lines.push(`| ${f.exemption!.expires} | \`${f.policyName}\` | \`${cell(r.name)}\` | ${cell(exemptionLabel(f.exemption!))} | ${cell(f.message)} |`);
        }
    }
    const exposed = [...new Set(report.findings.filter((f) => f.paths && f.paths.length > 0).map((f) => f.urn))];
    if (exposed.length > 0) {
        lines.push("", "### How the internet reaches each machine");
        for (const urn of exposed) {
            const r = resourceOf(report, urn);
            const paths = report.findings.filter((f) => f.urn === urn).flatMap((f) => f.paths ?? []);
            lines.push("", `\`${cell(r.name)}\` <sub>${cell(r.type)}</sub>`, "", "```mermaid", exposureFlowchart(r.name, paths), "```");
        }
    }
    if (report.findings.length > 0) {
        lines.push("", "### How to fix");
        const fired = [...new Set(report.findings.map((f) => f.policyName))].sort();
        for (const name of fired) {
            const p = report.policies.find((x) => x.name === name);
            lines.push(`- **\`${name}\`** — ${cell(p?.remediationSteps || p?.description || "")}${p?.url ? ` ([guidance](${p.url}))` : ""}`);
        }
    }
    if (report.warnings.length > 0) {
        lines.push("", "### Warnings", "");
        for (const w of report.warnings) {
            lines.push(`- ${cell(warningLine(w, programBase(report)))}`);
        }
    }
    return lines.join("\n") + "\n";
}
