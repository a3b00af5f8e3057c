// A `pulumi stack export` file (deployment version 3) → what `pulumi policy analyze --file` sends:
// Analyze on each resource's inputs, AnalyzeStack on its outputs; pending deletions skipped;
// secrets that cannot be decrypted offline become "[secret]".
import * as fs from "node:fs";
import { ProviderResource } from "../engine/analyzer-client";
import { PlannedResource } from "../engine/evaluate";
import { secretValue, SIG_KEY, SECRET_SIG } from "../engine/wire";
import { InputError } from "../errors";

const RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

function isObject(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

function toWire(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(toWire);
    }
    if (!isObject(value)) {
        return value;
    }
    if (value[SIG_KEY] === SECRET_SIG) {
        if (typeof value.plaintext === "string") {
            try {
                return secretValue(toWire(JSON.parse(value.plaintext)));
            } catch {
                return secretValue("[secret]");
            }
        }
        return secretValue("[secret]");
    }
    if (value[SIG_KEY] === RESOURCE_REF_SIG) {
        return typeof value.id === "string" && value.id !== "" ? value.id : value.urn;
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
}

function fail(file: string, what: string): never {
    throw new InputError(`${file}: ${what}`);
}

/** The provider resources of an export by URN: a resource's `provider` reference is `<urn>::<id>`. */
function providersOf(resources: unknown[]): Map<string, ProviderResource> {
    const providers = new Map<string, ProviderResource>();
    for (const r of resources) {
        if (isObject(r) && typeof r.urn === "string" && typeof r.type === "string" && r.type.startsWith("pulumi:providers:")) {
            const properties = isObject(r.inputs) ? (toWire(r.inputs) as Record<string, unknown>) : {};
            providers.set(r.urn, { urn: r.urn, type: r.type, name: r.urn.slice(r.urn.lastIndexOf("::") + 2), properties });
        }
    }
    return providers;
}

export function readStackExport(file: string): { stack?: string; project?: string; resources: PlannedResource[] } {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        fail(file, `cannot read (${(e as NodeJS.ErrnoException).code ?? "error"})`);
    }
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch {
        fail(file, "not valid JSON");
    }
    if (!isObject(doc)) {
        fail(file, "not a stack export (expected an object with version and deployment)");
    }
    if (doc.version !== 3) {
        fail(file, `unsupported deployment version ${JSON.stringify(doc.version)} (expected 3, from \`pulumi stack export\`)`);
    }
    const deployment = doc.deployment;
    if (!isObject(deployment)) {
        fail(file, "deployment is missing or not an object");
    }
    const resources = deployment.resources ?? [];
    if (!Array.isArray(resources)) {
        fail(file, "deployment.resources is not an array");
    }
    const planned: PlannedResource[] = [];
    const providers = providersOf(resources);
    let stack: string | undefined;
    let project: string | undefined;
    resources.forEach((r: unknown, i: number) => {
        const where = `deployment.resources[${i}]`;
        if (!isObject(r)) {
            fail(file, `${where} is not an object`);
        }
        if (typeof r.urn !== "string" || !r.urn.startsWith("urn:pulumi:")) {
            fail(file, `${where}.urn is missing or not a Pulumi URN`);
        }
        if (typeof r.type !== "string") {
            fail(file, `${where}.type is missing`);
        }
        for (const key of ["inputs", "outputs"] as const) {
            if (r[key] !== undefined && !isObject(r[key])) {
                fail(file, `${where}.${key} is not an object`);
            }
        }
        if (r.dependencies !== undefined && !(Array.isArray(r.dependencies) && r.dependencies.every((d) => typeof d === "string"))) {
            fail(file, `${where}.dependencies is not a list of URNs`);
        }
        if (r.propertyDependencies !== undefined && !isObject(r.propertyDependencies)) {
            fail(file, `${where}.propertyDependencies is not an object`);
        }
        if (r.delete === true) {
            return;
        }
        const [, stackPart, projectPart] = /^urn:pulumi:([^:]*)::([^:]*)::/.exec(r.urn) ?? [];
        stack ??= stackPart;
        project ??= projectPart;
        planned.push({
            urn: r.urn,
            type: r.type,
            name: r.urn.slice(r.urn.lastIndexOf("::") + 2),
            inputs: toWire(r.inputs ?? {}) as Record<string, unknown>,
            outputs: toWire(r.outputs ?? {}) as Record<string, unknown>,
            parent: typeof r.parent === "string" ? r.parent : undefined,
            provider: typeof r.provider === "string" ? providers.get(r.provider.slice(0, r.provider.lastIndexOf("::"))) : undefined,
            dependencies: (r.dependencies as string[] | undefined) ?? [],
            propertyDependencies: Object.fromEntries(
                Object.entries((r.propertyDependencies as Record<string, unknown>) ?? {}).map(([k, v]) => [
                    k,
                    Array.isArray(v) ? v.filter((u): u is string => typeof u === "string") : [],
                ]),
            ),
        });
    });
    return { stack, project, resources: planned };
}
