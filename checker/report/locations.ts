// Where a finding points: the resource's registration in the program, else the export file.
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { CheckReport } from "../check";

export interface FindingLocation {
    /** Path relative to `baseDir`, with forward slashes. */
    file: string;
    line?: number;
    column?: number;
}

export function findingLocation(report: CheckReport, urn: string, baseDir: string): FindingLocation {
    const source = report.resources.find((r) => r.urn === urn)?.source;
    const relative = (p: string) => path.relative(baseDir, p).split(path.sep).join("/");
    if (source?.uri.startsWith("file:")) {
        return { file: relative(fileURLToPath(source.uri)), line: source.line, column: source.column };
    }
    return { file: relative(path.resolve(report.source.path)) };
}

export function resourceOf(report: CheckReport, urn: string): { type: string; name: string } {
    const r = report.resources.find((x) => x.urn === urn);
    return r ? { type: r.type, name: r.name } : { type: "pulumi:pulumi:Stack", name: "(stack)" };
}
