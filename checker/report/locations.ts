// Where a finding points: the resource's registration in the program, else the export file.
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { CheckReport } from "../check";
import { ProgramWarning } from "../program/callbacks";

export interface FindingLocation {
    /** Path relative to `baseDir`, with forward slashes. */
    file: string;
    line?: number;
    column?: number;
}

export function findingLocation(report: CheckReport, urn: string, baseDir: string): FindingLocation {
    const source = report.resources.find((r) => r.urn === urn)?.source;
    if (source?.uri.startsWith("file:")) {
        return { file: relativeTo(baseDir, fileURLToPath(source.uri)), line: source.line, column: source.column };
    }
    return { file: relativeTo(baseDir, path.resolve(report.source.path)) };
}

/** Where a checker warning points, relative to `baseDir`, when the program named a line. */
export function warningLocation(warning: ProgramWarning, baseDir: string): FindingLocation | undefined {
    const at = warning.location;
    return at?.uri.startsWith("file:") ? { file: relativeTo(baseDir, fileURLToPath(at.uri)), line: at.line, column: at.column } : undefined;
}

/** `file:line: message`, or the message alone. */
export function warningLine(warning: ProgramWarning, baseDir: string): string {
    const at = warningLocation(warning, baseDir);
    return at ? `${at.file}:${at.line}: ${warning.message}` : warning.message;
}

function relativeTo(baseDir: string, p: string): string {
    return path.relative(baseDir, p).split(path.sep).join("/");
}

/** Warnings name program files relative to the program directory. */
export function programBase(report: CheckReport): string {
    return path.resolve(report.source.path);
}

export function resourceOf(report: CheckReport, urn: string): { type: string; name: string } {
    const r = report.resources.find((x) => x.urn === urn);
    return r ? { type: r.type, name: r.name } : { type: "pulumi:pulumi:Stack", name: "(stack)" };
}
