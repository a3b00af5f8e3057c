import { compute } from "../../policy-pack/src/azure/types";
import { describe, expect, it } from "vitest";
import { azureName, joinNames, linkChildren, nameRef } from "../../policy-pack/src/engine/links";
import { StackResource, StackView } from "../../policy-pack/src/engine/stack";
import { UNKNOWN_STRING } from "../../policy-pack/src/engine/values";

const VM = "azure-native:compute:VirtualMachine";
const EXT = "azure-native:compute:VirtualMachineExtension";
const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;

interface Res {
    type: string;
    name: string;
    props: Record<string, unknown>;
    parent?: string;
    propertyDependencies?: Record<string, string[]>;
}

function view(resources: Res[]): StackView {
    const policyResources: any[] = resources.map((r) => ({
        type: r.type,
        name: r.name,
        urn: urn(r.type, r.name),
        props: r.props,
        dependencies: [],
        propertyDependencies: {},
    }));
    const byUrn = new Map(policyResources.map((p) => [p.urn, p]));
    resources.forEach((r, i) => {
        if (r.parent) {
            policyResources[i].parent = byUrn.get(urn(VM, r.parent));
        }
        for (const [k, names] of Object.entries(r.propertyDependencies ?? {})) {
            policyResources[i].propertyDependencies[k] = names.map((n) => byUrn.get(urn(VM, n)));
        }
    });
    return new StackView({ resources: policyResources, stackTags: new Map() });
}

function links(v: StackView) {
    const result = linkChildren(v, {
        children: v.ofType(compute.VirtualMachineExtension),
        parents: v.ofType(compute.VirtualMachine),
        dependencyKeys: ["vmName"],
        childName: (c) => nameRef(c.outputs.vmName),
        parentName: (p: StackResource) => azureName(p, "vmName"),
    });
    const named = (rs: StackResource[]) => rs.map((r) => r.name).sort();
    return {
        byParent: Object.fromEntries([...result.byParent].map(([u, cs]) => [u.slice(u.lastIndexOf("::") + 2), named(cs)])),
        unplaced: named(result.unplaced),
    };
}

describe("linkChildren", () => {
    it("links by propertyDependencies first, then the Pulumi parent, then name and resource group", () => {
        const v = view([
            { type: VM, name: "jump", props: { name: "vm-jump", resourceGroupName: "rg-a" } },
            { type: VM, name: "other", props: { name: "vm-other", resourceGroupName: "rg-a" } },
            { type: EXT, name: "byDeps", props: { vmName: "vm-other" }, propertyDependencies: { vmName: ["jump"] } },
            { type: EXT, name: "byParent", props: { vmName: UNKNOWN_STRING }, parent: "jump" },
            { type: EXT, name: "byName", props: { vmName: "VM-JUMP", resourceGroupName: "RG-A" } },
            { type: EXT, name: "otherGroup", props: { vmName: "vm-jump", resourceGroupName: "rg-b" } },
            { type: EXT, name: "unplaced", props: { vmName: UNKNOWN_STRING } },
            { type: EXT, name: "outside", props: { vmName: "vm-elsewhere" } },
        ]);
        expect(links(v)).toEqual({ byParent: { jump: ["byDeps", "byName", "byParent"] }, unplaced: ["unplaced"] });
    });
});

describe("name helpers", () => {
    it("reads names, unknowns and nothing", () => {
        expect(nameRef(" vm ")).toEqual({ kind: "name", value: "vm" });
        expect(nameRef(UNKNOWN_STRING)).toEqual({ kind: "unknown" });
        expect(nameRef(3)).toEqual({ kind: "none" });
        expect(joinNames(nameRef("app"), nameRef("staging"))).toEqual({ kind: "name", value: "app/staging" });
        expect(joinNames(nameRef("app"), nameRef(UNKNOWN_STRING))).toEqual({ kind: "unknown" });
        expect(joinNames(nameRef("app"), nameRef(undefined))).toEqual({ kind: "none" });
    });
});
