// Locations inside this package, whether running from the compiled `dist/` or from source (tests).
import * as fs from "node:fs";
import * as path from "node:path";

function findRoot(start: string): string {
    let dir = start;
    while (!fs.existsSync(path.join(dir, "policy-pack", "PulumiPolicy.yaml"))) {
        const up = path.dirname(dir);
        if (up === dir) {
            throw new Error(`cannot find the package root above ${start}`);
        }
        dir = up;
    }
    return dir;
}

export const PACKAGE_ROOT = findRoot(__dirname);
/** The bundled policy pack. */
export const DEFAULT_PACK_DIR = path.join(PACKAGE_ROOT, "policy-pack");
/** The bundled example stacks. */
export const DEFAULT_STACKS_DIR = path.join(PACKAGE_ROOT, "stacks");
/** The compiled child-process entry that runs one program under mocks. */
export const PROGRAM_CHILD = path.join(PACKAGE_ROOT, "dist", "checker", "program", "child.js");

export const PACKAGE_VERSION: string = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")).version;
