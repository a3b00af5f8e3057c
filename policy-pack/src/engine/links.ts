// Links child resources (a VM extension, an app's authentication settings) to their parents in a stack,
// the way DESIGN §3a orders it: propertyDependencies on the child's parent-name input first (they hold
// in the first preview of a new stack, when every id is unknown), then the Pulumi parent, then the Azure
// name and resource group remembered from Analyze. A child whose parent name is unknown and that has no
// dependency cannot be placed: it is returned as unplaced, so that a policy can say "cannot tell"
// rather than "missing". Linear in the number of resources.
import { propsOf, StackResource, StackView } from "./stack";
import { isUnknown } from "./values";

export type NameRef = { kind: "name"; value: string } | { kind: "unknown" } | { kind: "none" };

/** Reads a name-like value: a string, the unknown sentinel, or nothing usable. */
export function nameRef(value: unknown): NameRef {
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    return typeof value === "string" && value.trim() !== "" ? { kind: "name", value: value.trim() } : { kind: "none" };
}

/**
 * The Azure name of a resource: the given input (e.g. `vmName`) as recorded in Analyze, else the
 * `name` output (AnalyzeStack outputs drop `<x>Name` inputs and carry `name`).
 */
export function azureName(r: StackResource, inputKey: string): NameRef {
    const fromInput = nameRef(r.inputs?.[inputKey]);
    return fromInput.kind === "none" ? nameRef(r.outputs.name) : fromInput;
}

/** Combines name parts (app and slot) into one key; unknown if any part is unknown. */
export function joinNames(...parts: NameRef[]): NameRef {
    if (parts.some((p) => p.kind === "unknown")) {
        return { kind: "unknown" };
    }
    if (parts.some((p) => p.kind === "none")) {
        return { kind: "none" };
    }
    return { kind: "name", value: parts.map((p) => (p as { value: string }).value).join("/") };
}

export interface LinkSpec {
    children: StackResource[];
    parents: StackResource[];
    /** Child input properties whose propertyDependencies point at the parent (e.g. `vmName`). */
    dependencyKeys: string[];
    childName: (child: StackResource) => NameRef;
    parentName: (parent: StackResource) => NameRef;
}

export interface Links {
    byParent: Map<string, StackResource[]>;
    /** Children that may belong to any parent: no dependency and a parent name unknown during preview. */
    unplaced: StackResource[];
}

function resourceGroup(r: StackResource): string | undefined {
    const rg = propsOf(r).resourceGroupName;
    return typeof rg === "string" && !isUnknown(rg) ? rg.trim().toLowerCase() : undefined;
}

export function linkChildren(view: StackView, spec: LinkSpec): Links {
    const parentUrns = new Set(spec.parents.map((p) => p.urn));
    const byName = new Map<string, StackResource[]>();
    for (const p of spec.parents) {
        const name = spec.parentName(p);
        if (name.kind === "name") {
            const key = name.value.toLowerCase();
            byName.set(key, [...(byName.get(key) ?? []), p]);
        }
    }
    const byParent = new Map<string, StackResource[]>();
    const unplaced: StackResource[] = [];
    const add = (parent: StackResource, child: StackResource) => {
        const list = byParent.get(parent.urn) ?? [];
        if (!list.includes(child)) {
            list.push(child);
        }
        byParent.set(parent.urn, list);
    };
    for (const child of spec.children) {
        const viaDeps = spec.dependencyKeys.flatMap((k) => view.dependenciesOf(child, k)).filter((d) => parentUrns.has(d.urn));
        if (viaDeps.length > 0) {
            viaDeps.forEach((p) => add(p, child));
            continue;
        }
        if (child.parentUrn && parentUrns.has(child.parentUrn)) {
            add(view.get(child.parentUrn)!, child);
            continue;
        }
        const name = spec.childName(child);
        if (name.kind === "unknown") {
            unplaced.push(child);
            continue;
        }
        if (name.kind === "none") {
            continue;
        }
        const rg = resourceGroup(child);
        for (const parent of byName.get(name.value.toLowerCase()) ?? []) {
            const parentRg = resourceGroup(parent);
            if (rg === undefined || parentRg === undefined || rg === parentRg) {
                add(parent, child);
            }
        }
    }
    return { byParent, unplaced };
}
