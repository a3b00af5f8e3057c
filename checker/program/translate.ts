// Mock registrations → what the engine would send: resource references become ids (or URNs for
// components), output values become their value, secret or unknown; outputs are shaped per DESIGN §4.
import { PlannedResource } from "../engine/evaluate";
import { shapeOutputs } from "../engine/output-shape";
import { secretValue, SIG_KEY, UNKNOWN_STRING } from "../engine/wire";
import { CapturedResource } from "./capture";

const RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

function toWire(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(toWire);
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const obj = value as Record<string, unknown>;
    if (obj[SIG_KEY] === RESOURCE_REF_SIG) {
        // The engine sends a reference as the resource's id, or its URN when it has none.
        if (typeof obj.id === "string") {
            return obj.id === "" ? UNKNOWN_STRING : obj.id;
        }
        return obj.urn;
    }
    if (obj[SIG_KEY] === OUTPUT_VALUE_SIG) {
        const inner = "value" in obj ? toWire(obj.value) : UNKNOWN_STRING;
        return obj.secret ? secretValue(inner) : inner;
    }
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, toWire(v)]));
}

export function toPlannedResources(
    captured: readonly CapturedResource[],
    opts: { previewUnknowns: boolean; resolveFrom: string; stackUrn?: string },
): PlannedResource[] {
    return captured.map((c) => {
        const inputs = toWire(c.inputs) as Record<string, unknown>;
        const id = opts.previewUnknowns || !c.id ? UNKNOWN_STRING : c.id;
        return {
            urn: c.urn,
            type: c.type,
            name: c.name,
            inputs,
            outputs: c.custom
                ? shapeOutputs(c.type, c.name, inputs, id, { previewUnknowns: opts.previewUnknowns, resolveFrom: opts.resolveFrom })
                : inputs,
            parent: c.parent ?? opts.stackUrn,
            dependencies: c.dependencies,
            propertyDependencies: c.propertyDependencies,
            source: c.source,
        };
    });
}
