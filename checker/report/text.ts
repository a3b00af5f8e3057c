// Text output modelled on the policy section of `pulumi preview`.
import { CheckReport } from "../check";
import { Finding } from "../engine/evaluate";
import { isExempted } from "./json";
import { programBase, warningLine } from "./locations";

const codes = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1 } as const;
type Style = keyof typeof codes;

function painter(color: boolean) {
    return (style: Style, text: string) => (color ? `\x1b[${codes[style]}m${text}\x1b[0m` : text);
}

function resourceLabel(report: CheckReport, urn: string): string {
    const r = report.resources.find((x) => x.urn === urn);
    return r ? `${r.type}: ${r.name}` : urn ? urn : "stack";
}

export function summaryLine(report: CheckReport): string {
    const mandatory = report.findings.filter((f) => f.enforcementLevel === "mandatory").length;
    const advisory = report.findings.length - mandatory;
    const noun = report.findings.length === 1 ? "violation" : "violations";
    return `${report.resources.length} resources checked: ${mandatory} mandatory and ${advisory} advisory ${noun}`;
}

export function formatText(report: CheckReport, opts: { color: boolean }): string {
    const paint = painter(opts.color);
    const lines: string[] = ["Policies:"];
    const blocked = report.findings.some((f) => f.enforcementLevel === "mandatory");
    const mark = blocked ? paint("red", "❌") : report.findings.length ? paint("yellow", "⚠️") : paint("green", "✅");
    lines.push(`    ${mark} ${report.pack.name}@v${report.pack.version}`);
    // Blocking findings first, then the exempted ones, then other advisories.
    const rank = (f: Finding) => (f.enforcementLevel === "mandatory" ? 0 : isExempted(f) ? 1 : 2);
    const sorted = [...report.findings].sort(
        (a, b) =>
            rank(a) - rank(b) ||
            a.policyName.localeCompare(b.policyName) ||
            a.urn.localeCompare(b.urn),
    );
    for (const f of sorted) {
        const level = f.enforcementLevel === "mandatory" ? paint("red", `[${f.enforcementLevel}]`) : paint("yellow", `[${f.enforcementLevel}]`);
        lines.push(`        - ${level}  ${paint("bold", f.policyName)}  (${resourceLabel(report, f.urn)})`);
        for (const line of f.message.split("\n")) {
            lines.push(`          ${line}`);
        }
    }
    if (report.warnings.length > 0) {
        lines.push("", "Warnings:");
        for (const w of report.warnings) {
            lines.push(`    ${paint("yellow", "⚠")} ${warningLine(w, programBase(report))}`);
        }
    }
    lines.push("", summaryLine(report));
    return lines.join("\n") + "\n";
}
