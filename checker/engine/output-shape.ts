// What AnalyzeStack receives: provider outputs, not inputs. Offline there is no provider, so outputs
// are derived the way DESIGN §4 describes: keep the inputs the resource class also declares as
// outputs, drop the rest, add `name` (from the `<x>Name` input or the resource name) and `id`; the
// output-only properties (`type`, `etag`, `provisioningState`, …) cannot be known offline. An input
// the program left unset stays absent, as the provider's preview leaves it.
import * as fs from "node:fs";
import * as path from "node:path";
import { UNKNOWN_STRING } from "./wire";

export interface ResourceShape {
    /** Properties the class declares as `pulumi.Output`. */
    outputs: Set<string>;
    /** Properties its Args accept: an unset one stays absent from outputs rather than unknown. */
    inputs: Set<string>;
    /** The input that carries the Azure name of the resource, if any. */
    nameInput?: string;
}

const cache = new Map<string, ResourceShape | null>();

function lowerFirst(s: string): string {
    return s.charAt(0).toLowerCase() + s.slice(1);
}

function shapeFile(token: string, resolveFrom: string): string | undefined {
    const match = /^azure-native:([^:/]+)(?:\/([^:]+))?:([A-Za-z0-9]+)$/.exec(token);
    if (!match) {
        return undefined;
    }
    const [, module, version, resource] = match;
    let pkgDir: string;
    try {
        pkgDir = path.dirname(require.resolve("@pulumi/azure-native/package.json", { paths: [resolveFrom] }));
    } catch {
        return undefined;
    }
    const candidates = [
        version ? path.join(pkgDir, module, version, `${lowerFirst(resource)}.d.ts`) : undefined,
        path.join(pkgDir, module, `${lowerFirst(resource)}.d.ts`),
    ];
    return candidates.find((c) => c !== undefined && fs.existsSync(c));
}

function parseShape(source: string, resource: string): ResourceShape {
    const classStart = source.indexOf(`export declare class ${resource} `);
    const argsStart = source.indexOf(`export interface ${resource}Args`);
    const classBody = source.slice(classStart, argsStart > classStart ? argsStart : undefined);
    const outputs = new Set<string>();
    for (const m of classBody.matchAll(/^\s+readonly (\w+)!?: pulumi\.Output</gm)) {
        outputs.add(m[1]);
    }
    const argsBody = argsStart >= 0 ? source.slice(argsStart) : "";
    const inputs = [...argsBody.matchAll(/^\s+(\w+)(\?)?: pulumi\.Input/gm)].map((m) => ({ name: m[1], optional: !!m[2] }));
    const own = `${lowerFirst(resource)}Name`;
    const optionalNames = inputs.filter((i) => i.optional && i.name.endsWith("Name") && i.name !== "resourceGroupName");
    const nameInput = inputs.some((i) => i.name === own)
        ? own
        : inputs.some((i) => i.name === "name")
          ? "name"
          : optionalNames.length === 1
            ? optionalNames[0].name
            : undefined;
    return { outputs, inputs: new Set(inputs.map((i) => i.name)), nameInput };
}

/** The output shape of an azure-native resource type, read from the SDK's type declarations. */
export function resourceShape(token: string, resolveFrom: string = __dirname): ResourceShape | undefined {
    const key = `${resolveFrom}\0${token}`;
    if (!cache.has(key)) {
        const file = shapeFile(token, resolveFrom);
        const resource = token.split(":").pop() ?? "";
        cache.set(key, file ? parseShape(fs.readFileSync(file, "utf8"), resource) : null);
    }
    return cache.get(key) ?? undefined;
}

/**
 * Derives AnalyzeStack properties from wire-form inputs. Unknown computed outputs appear as the
 * unknown sentinel when `previewUnknowns` is set (a preview of new resources), else they are absent.
 */
export function shapeOutputs(
    token: string,
    resourceName: string,
    inputs: Record<string, unknown>,
    id: unknown,
    opts: { previewUnknowns: boolean; resolveFrom?: string },
): Record<string, unknown> {
    const shape = resourceShape(token, opts.resolveFrom);
    if (!shape) {
        // Not an azure-native type (a component, another provider): outputs mirror inputs.
        return { ...inputs, id };
    }
    const out: Record<string, unknown> = {};
    for (const key of shape.outputs) {
        // The `type` output is the ARM resource type, never the input of that name (a VM extension's
        // own `type` input does not survive into its outputs).
        if (key in inputs && key !== "type") {
            out[key] = inputs[key];
        } else if (opts.previewUnknowns && (!shape.inputs.has(key) || key === "type")) {
            out[key] = UNKNOWN_STRING;
        }
    }
    if (shape.outputs.has("name") || shape.nameInput) {
        out.name = (shape.nameInput && inputs[shape.nameInput]) ?? inputs.name ?? resourceName;
    }
    out.id = id;
    return out;
}
