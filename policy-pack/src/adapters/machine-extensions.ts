// VM and scale set extensions declared as resources of their own, read from each provider, and placed
// on their machines the way DESIGN §3a orders it: propertyDependencies on the extension's machine
// reference first (they hold in a first preview, when every id is unknown), then the Pulumi parent,
// then the reference itself.
//
//   azure-native  compute:VirtualMachineExtension          vmName (+ resourceGroupName), the VM's name
//                 compute:VirtualMachineScaleSetExtension  vmScaleSetName (+ resourceGroupName)
//   classic       azure:compute/extension:Extension        virtualMachineId, the VM's id
//                 azure:compute/virtualMachineScaleSetExtension  virtualMachineScaleSetId
//
// An extension attaches to a kind of machine, not to one provider's machines: the join is the same
// whatever provider declared the machine.
import { azureName, linkChildren, NameRef, nameRef } from "../engine/links";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { AzureType } from "../engine/tokens";
import { classifyExtension, ExtensionKind } from "../azure/entra-login";
import { classic, compute } from "../azure/types";
import { MachineKind } from "./machines";

export interface ExtensionAdapter {
    type: AzureType;
    attachesTo: MachineKind;
    /** The input holding the machine reference; its propertyDependencies lead to the machine. */
    machineKey: string;
    /** The machine reference the extension holds. */
    machineRef(extension: StackResource): NameRef;
    /** The same reference, read off a machine. */
    refOf(machine: StackResource): NameRef;
    /** An extension's own `type` is absent from AnalyzeStack outputs: `propsOf` reads the recorded inputs. */
    kind(extension: StackResource): ExtensionKind;
}

function extensionAdapter(type: AzureType, attachesTo: MachineKind, machineKey: string, refOf: (machine: StackResource) => NameRef): ExtensionAdapter {
    return {
        type,
        attachesTo,
        machineKey,
        machineRef: (e) => nameRef(propsOf(e)[machineKey]),
        refOf,
        kind: (e) => classifyExtension(propsOf(e).publisher, propsOf(e).type),
    };
}

/** The machine's Azure name (`linkChildren` also compares resource groups). */
const byName = (machineKey: string) => (machine: StackResource) => azureName(machine, machineKey);
/** The machine's resource id: its `id` output, known once the machine exists. */
const byId = (machine: StackResource) => nameRef(machine.outputs.id);

export const EXTENSION_ADAPTERS: readonly ExtensionAdapter[] = [
    extensionAdapter(compute.VirtualMachineExtension, "vm", "vmName", byName("vmName")),
    extensionAdapter(compute.VirtualMachineScaleSetExtension, "scale set", "vmScaleSetName", byName("vmScaleSetName")),
    extensionAdapter(classic.Extension, "vm", "virtualMachineId", byId),
    extensionAdapter(classic.VirtualMachineScaleSetExtension, "scale set", "virtualMachineScaleSetId", byId),
];

export interface PlacedExtensions {
    /** The extensions placed on a machine, by its URN. */
    on(machine: StackResource): ExtensionKind[];
    /** Extensions of this kind of machine whose machine cannot be told during preview. */
    unplaced(kind: MachineKind): ExtensionKind[];
}

/** Places every extension resource of the stack on the machines it belongs to. */
export function placeExtensions(view: StackView, machines: readonly { resource: StackResource; kind: MachineKind }[]): PlacedExtensions {
    const placed = new Map<string, ExtensionKind[]>();
    const unplaced = new Map<MachineKind, ExtensionKind[]>();
    for (const adapter of EXTENSION_ADAPTERS) {
        const links = linkChildren(view, {
            children: view.ofType(adapter.type),
            parents: machines.filter((m) => m.kind === adapter.attachesTo).map((m) => m.resource),
            dependencyKeys: [adapter.machineKey],
            childName: adapter.machineRef,
            parentName: adapter.refOf,
        });
        for (const [urn, children] of links.byParent) {
            placed.set(urn, [...(placed.get(urn) ?? []), ...children.map(adapter.kind)]);
        }
        unplaced.set(adapter.attachesTo, [...(unplaced.get(adapter.attachesTo) ?? []), ...links.unplaced.map(adapter.kind)]);
    }
    return {
        on: (machine) => placed.get(machine.urn) ?? [],
        unplaced: (kind) => unplaced.get(kind) ?? [],
    };
}
