// What AnalyzeStack receives: provider outputs, not inputs. Offline there is no provider, so outputs
// are derived the way DESIGN §4 describes: keep the inputs the resource class also declares as
// outputs, drop the rest, add `name` (from the `<x>Name` input or the resource name) and `id`; the
// output-only properties (`type`, `etag`, `provisioningState`, …) cannot be known offline. An input
// the program left unset stays absent, as the provider's preview leaves it.
import { lowerFirst, resourceTypes } from "./sdk-types";
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

/** The output shape of an azure-native resource type, read from the SDK's type declarations. */
export function resourceShape(token: string, resolveFrom: string = __dirname): ResourceShape | undefined {
    const key = `${resolveFrom}\0${token}`;
    if (!cache.has(key)) {
        const types = token.startsWith("azure-native:") ? resourceTypes(token, resolveFrom) : undefined;
        let shape: ResourceShape | null = null;
        if (types) {
            const resource = token.split(":").pop() ?? "";
            const own = `${lowerFirst(resource)}Name`;
            const optionalNames = [...types.inputs].filter(([n, f]) => f.optional && n.endsWith("Name") && n !== "resourceGroupName");
            const nameInput = types.inputs.has(own) ? own : types.inputs.has("name") ? "name" : optionalNames.length === 1 ? optionalNames[0][0] : undefined;
            shape = { outputs: new Set(types.outputs.keys()), inputs: new Set(types.inputs.keys()), nameInput };
        }
        cache.set(key, shape);
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
