// The files a commit of this repository would hold, for tests about the repository itself.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");

/** Tracked files still on disk, and new ones git does not ignore. */
export function repositoryFiles(): string[] {
    const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const files = [...new Set(out.split("\0").filter((f) => f !== ""))].sort();
    return files.filter((f) => fs.lstatSync(path.join(ROOT, f), { throwIfNoEntry: false })?.isFile() === true);
}
