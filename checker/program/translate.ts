// Mock registrations → what the engine would send: resource references become ids (or URNs for
// components), output values become their value, secret or unknown; outputs are shaped per DESIGN §4.
import * as fs from "node:fs";
import { ProviderResource } from "../engine/analyzer-client";
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

const sdkVersions = new Map<string, string | undefined>();

/** The version of the `@pulumi/<package>` SDK the program resolves, as its default provider would carry it. */
function sdkVersion(pkg: string, resolveFrom: string): string | undefined {
    const key = `${resolveFrom}\0${pkg}`;
    if (!sdkVersions.has(key)) {
        let version: string | undefined;
        try {
            const manifest = require.resolve(`@pulumi/${pkg}/package.json`, { paths: [resolveFrom] });
            const parsed: unknown = JSON.parse(fs.readFileSync(manifest, "utf8")).version;
            version = typeof parsed === "string" ? parsed : undefined;
        } catch {
            version = undefined;
        }
        sdkVersions.set(key, version);
    }
    return sdkVersions.get(key);
}

/**
 * The default provider the engine would give a resource of a provider package: named after the SDK
 * version (`default_6_40_0`), with that `version` property — what the pack reads provider defaults by.
 */
function defaultProvider(urn: string, type: string, resolveFrom: string): ProviderResource | undefined {
    const pkg = type.split(":")[0];
    const prefix = /^(urn:pulumi:[^:]*::[^:]*)::/.exec(urn)?.[1];
    const version = pkg === "pulumi" || prefix === undefined ? undefined : sdkVersion(pkg, resolveFrom);
    if (version === undefined) {
        return undefined;
    }
    const name = `default_${version.replace(/[.-]/g, "_")}`;
    return { urn: `${prefix}::pulumi:providers:${pkg}::${name}`, type: `pulumi:providers:${pkg}`, name, properties: { version } };
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
            provider: c.custom ? defaultProvider(c.urn, c.type, opts.resolveFrom) : undefined,
            source: c.source,
        };
    });
}
