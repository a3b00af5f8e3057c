// Microsoft Defender for Cloud just-in-time VM access policies and the level each is judged at.
// Only azure-native declares them (security:JitNetworkAccessPolicy, `virtualMachines[].ports[]`): the
// classic provider has no JIT resource (azurerm #3661). A policy carries no tags, so it takes the
// highest level of the VMs it opens ports on (through propertyDependencies on `virtualMachines`),
// else its resource group's, else the stack tag.
import { rank, ResolvedLevel } from "../engine/levels";
import { safe, Safe } from "../engine/messages";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { compute, security } from "../azure/types";

export interface JitNetworkPolicy {
    resource: StackResource;
    level: ResolvedLevel;
    /** The `virtualMachines` list as written, for the port reader (azure/jit-network.ts). */
    virtualMachines: unknown;
    /** The fix, in the provider's own properties. */
    fix: Safe;
}

const FIX = safe.literal(
    "Set every port's maxRequestAccessDuration to PT3H or less and its allowedSourceAddressPrefix(es) to internal ranges; approve a specific admin address in this policy's allowedSourcePrefixes only if you must.",
);

/** The types whose Analyze inputs the stack phase reads. */
export const JIT_NETWORK_POLICY_TYPES = [security.JitNetworkAccessPolicy] as const;

/** The strictest of several levels (a JIT policy covering VMs at different levels). */
function highest(levels: ResolvedLevel[]): ResolvedLevel {
    return levels.reduce((best, l) =>
        rank(l.level) > rank(best.level) || (rank(l.level) === rank(best.level) && l.problem && !best.problem) ? l : best,
    );
}

function levelOf(view: StackView, r: StackResource): ResolvedLevel {
    const vms = view.dependenciesOf(r, "virtualMachines").filter((d) => compute.VirtualMachine.matches(d.type));
    if (vms.length > 0) {
        return highest(
            vms.map((vm): ResolvedLevel => {
                const level = view.levelOf(vm);
                return level.source === "resource" ? { ...level, source: "parent" } : level;
            }),
        );
    }
    return view.levelOf(r, ["resourceGroupName"]);
}

export function jitNetworkPoliciesOf(view: StackView): JitNetworkPolicy[] {
    return view
        .ofType(...JIT_NETWORK_POLICY_TYPES)
        .map((r) => ({ resource: r, level: levelOf(view, r), virtualMachines: propsOf(r).virtualMachines, fix: FIX }));
}
