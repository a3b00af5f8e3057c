// Copies of a scenario in one stack: resources renamed with a prefix (refs follow), resource groups
// suffixed so that name joins stay inside the copy, and one field set at a path.
import { FixtureResource, ref, secret } from "../../harness/stack";
import { Path, Scenario } from "./catalogue";

function isFixtureNode(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === "object" && Object.getOwnPropertySymbols(v).length > 0;
}

function rename(value: unknown, prefix: string, rgSuffix: string, key?: string): unknown {
    if (isFixtureNode(value)) {
        if ("target" in value && "property" in value) {
            return ref(`${prefix}${value.target as string}`, value.property as Parameters<typeof ref>[1], value.suffix as string | undefined);
        }
        if ("value" in value) {
            return secret(rename(value.value, prefix, rgSuffix));
        }
        return value;
    }
    if (Array.isArray(value)) {
        return value.map((v) => rename(v, prefix, rgSuffix));
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v, prefix, rgSuffix, k)]));
    }
    if (typeof value === "string" && (key === "resourceGroupName" || value.includes("/resourceGroups/"))) {
        return key === "resourceGroupName" ? `${value}${rgSuffix}` : value.replace(/\/resourceGroups\/([^/]+)/, `/resourceGroups/$1${rgSuffix}`);
    }
    return value;
}

/** Sets `path` (creating objects on the way) in a copy of `inputs`. */
export function setAt(inputs: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
    const copy = structuredCloneFixture(inputs) as Record<string, unknown>;
    let node: Record<string | number, unknown> = copy;
    path.forEach((key, i) => {
        if (i === path.length - 1) {
            node[key] = value;
            return;
        }
        const next = node[key];
        if (next === null || typeof next !== "object" || isFixtureNode(next)) {
            node[key] = typeof path[i + 1] === "number" ? [] : {};
        }
        node = node[key] as Record<string | number, unknown>;
    });
    return copy;
}

function structuredCloneFixture(value: unknown): unknown {
    if (isFixtureNode(value)) {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map(structuredCloneFixture);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredCloneFixture(v)]));
    }
    return value;
}

/** A copy of the scenario's resources; `edit` may change one resource's inputs (by its scenario name). */
export function instantiate(
    scenario: Scenario,
    prefix: string,
    edit?: { target: string; path: Path; value: unknown },
): FixtureResource[] {
    const rgSuffix = `-${prefix.replace(/[^a-z0-9]/gi, "").toLowerCase()}`;
    return scenario.resources.map((r) => {
        let inputs = r.inputs;
        if (edit && edit.target === r.name) {
            inputs = setAt(inputs, edit.path, edit.value);
        }
        return {
            ...r,
            name: `${prefix}${r.name}`,
            parent: r.parent ? `${prefix}${r.parent}` : undefined,
            dependsOn: r.dependsOn?.map((d) => `${prefix}${d}`),
            inputs: rename(inputs, prefix, rgSuffix) as Record<string, unknown>,
        };
    });
}
