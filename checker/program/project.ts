// A Pulumi project on disk: its name, entry point and the stack configuration the CLI would pass.
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { InputError } from "../errors";

export interface ProjectConfig {
    /** Full keys (`project:key`) to string values, as PULUMI_CONFIG carries them. */
    values: Record<string, string>;
    /** Full keys whose values are secret. */
    secretKeys: string[];
}

export interface PulumiProject {
    dir: string;
    name: string;
    /** The file the program starts from (checked here so a missing one is a clear input error). */
    entry: string;
    /** What the language host passes the program runner: Pulumi.yaml `main`, else ".". */
    main: string;
    /** `runtime.options.typescript` (default true) and `runtime.options.tsconfig`. */
    typescript: boolean;
    tsconfig?: string;
}

function readYaml(file: string): unknown {
    try {
        return YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new InputError(`${file}: not valid YAML (${(e as Error).message.split("\n")[0]})`);
    }
}

function packageEntry(pkg: Record<string, any>): unknown {
    const exported = pkg.exports;
    if (typeof exported === "string") {
        return exported;
    }
    const dot = exported?.["."];
    return typeof dot === "string" ? dot : (dot?.default ?? dot?.require ?? dot?.import ?? pkg.main);
}

function resolveEntry(dir: string, main: unknown): string {
    const base = typeof main === "string" ? path.resolve(dir, main) : dir;
    const candidates = fs.existsSync(base) && fs.statSync(base).isFile() ? [base] : [];
    if (candidates.length === 0) {
        const pkgFile = path.join(base, "package.json");
        if (fs.existsSync(pkgFile)) {
            let pkg: Record<string, any>;
            try {
                pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
            } catch (e) {
                throw new InputError(`${pkgFile}: not valid JSON (${(e as Error).message.split("\n")[0]})`);
            }
            const pkgMain = packageEntry(pkg);
            if (typeof pkgMain === "string") {
                candidates.push(path.resolve(base, pkgMain));
            }
        }
        candidates.push(...["index.ts", "index.js", "index.mjs", "index.mts"].map((f) => path.join(base, f)));
    }
    const entry = candidates.find((c) => fs.existsSync(c));
    if (!entry) {
        throw new InputError(`${dir}: no program entry point (index.ts, index.js or package.json "main")`);
    }
    return entry;
}

export function loadProject(dir: string): PulumiProject {
    const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!file) {
        throw new InputError(`${dir}: not a Pulumi project (no Pulumi.yaml)`);
    }
    const doc = readYaml(file) as Record<string, unknown> | null;
    if (!doc || typeof doc.name !== "string") {
        throw new InputError(`${file}: the project has no "name"`);
    }
    const runtime = typeof doc.runtime === "string" ? doc.runtime : (doc.runtime as any)?.name;
    if (runtime !== "nodejs") {
        throw new InputError(`${file}: runtime must be nodejs to run under mocks`);
    }
    const options = (typeof doc.runtime === "object" ? (doc.runtime as any)?.options : undefined) ?? {};
    return {
        dir,
        name: doc.name,
        entry: resolveEntry(dir, doc.main),
        main: typeof doc.main === "string" ? doc.main : ".",
        typescript: options.typescript !== false,
        tsconfig: typeof options.tsconfig === "string" ? options.tsconfig : undefined,
    };
}

function qualify(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function stringify(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** Stack config from `Pulumi.<stack>.yaml`, then `--config key=value` overrides. */
export function loadStackConfig(project: PulumiProject, stack: string, overrides: string[] = []): ProjectConfig {
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    const file = path.join(project.dir, `Pulumi.${stack}.yaml`);
    if (fs.existsSync(file)) {
        const doc = readYaml(file) as { config?: Record<string, unknown> } | null;
        for (const [key, value] of Object.entries(doc?.config ?? {})) {
            const full = qualify(project.name, key);
            if (value !== null && typeof value === "object" && "secure" in (value as object)) {
                // Encrypted with the stack's key: not readable offline, as in `pulumi policy analyze`.
                values[full] = "[secret]";
                secretKeys.push(full);
            } else {
                values[full] = stringify(value);
            }
        }
    }
    for (const pair of overrides) {
        const eq = pair.indexOf("=");
        if (eq <= 0) {
            throw new InputError(`--config ${pair}: expected key=value`);
        }
        values[qualify(project.name, pair.slice(0, eq))] = pair.slice(eq + 1);
    }
    return { values, secretKeys };
}
