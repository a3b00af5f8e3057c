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
    entry: string;
}

function readYaml(file: string): unknown {
    try {
        return YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new InputError(`${file}: not valid YAML (${(e as Error).message.split("\n")[0]})`);
    }
}

function resolveEntry(dir: string, main: unknown): string {
    const base = typeof main === "string" ? path.resolve(dir, main) : dir;
    const candidates = fs.existsSync(base) && fs.statSync(base).isFile() ? [base] : [];
    if (candidates.length === 0) {
        const pkgFile = path.join(base, "package.json");
        if (fs.existsSync(pkgFile)) {
            const pkgMain = JSON.parse(fs.readFileSync(pkgFile, "utf8")).main;
            if (typeof pkgMain === "string") {
                candidates.push(path.resolve(base, pkgMain));
            }
        }
        candidates.push(path.join(base, "index.ts"), path.join(base, "index.js"));
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
    return { dir, name: doc.name, entry: resolveEntry(dir, doc.main) };
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
