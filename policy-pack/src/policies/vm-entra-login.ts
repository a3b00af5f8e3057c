// PAG-006: every VM and scale set is an interface administrators sign in to, so sign-in goes through
// Microsoft Entra ID (seed: interfaces, Zero Trust policy enforcement on inbound sessions). A stack
// policy: the login extension is a separate resource (or inline in a scale set's profile), and its own
// `type` input is absent from AnalyzeStack outputs, so the policy records inputs in Analyze.
import { compute } from "../azure/types";
import {
    classifyExtension,
    ExtensionKind,
    identityProblems,
    linuxPasswordProblems,
    OsReading,
    readOs,
    requiredExtension,
    satisfies,
} from "../azure/entra-login";
import { Problem, undecided, violation } from "../azure/problems";
import { azureName, linkChildren, Links, nameRef } from "../engine/links";
import { InputRecordingStackPolicy, recordInputsOf } from "../engine/memory";
import { msg, safe } from "../engine/messages";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { Reporter, reporter, reportLevelProblem } from "../engine/report";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { isRecord, isUnknown, Props } from "../engine/values";

export const metadata: PolicyMetadata = {
    id: "PAG-006",
    name: "vm-entra-login",
    description:
        "Every virtual machine and scale set must sign administrators in with Microsoft Entra ID: the Entra login extension for its OS, a system-assigned identity, and no SSH password sign-in on Linux.",
    severity: "high",
    url: SEED_URLS.interfaces,
    remediationSteps:
        'Add a compute.VirtualMachineExtension (or a scale set extension) with publisher "Microsoft.Azure.ActiveDirectory" and type "AADLoginForWindows" or "AADSSHLoginForLinux"; set identity.type to "SystemAssigned"; on Linux set osProfile.linuxConfiguration.disablePasswordAuthentication to true. Grant sign-in through the Virtual Machine Administrator Login / User Login roles.',
    mcsb: ["IM-1", "IM-6"],
    cis: ["3.1.1"],
};

const RECORDED = [
    compute.VirtualMachine,
    compute.VirtualMachineScaleSet,
    compute.VirtualMachineExtension,
    compute.VirtualMachineScaleSetExtension,
];

/** The extension's own `type` is absent from AnalyzeStack outputs: `propsOf` reads the recorded inputs. */
function classify(e: StackResource): ExtensionKind {
    return classifyExtension(propsOf(e).publisher, propsOf(e).type);
}

function extensionsOf(r: StackResource, links: Links): ExtensionKind[] {
    return (links.byParent.get(r.urn) ?? []).map(classify);
}

/** A scale set may carry its extensions inline in `virtualMachineProfile.extensionProfile.extensions`. */
function inlineExtensions(profile: Props): { kinds: ExtensionKind[]; problems: Problem[] } {
    const profileExt = profile.extensionProfile;
    if (isUnknown(profileExt)) {
        return { kinds: [{ kind: "unknown" }], problems: [] };
    }
    const list = isRecord(profileExt) ? profileExt.extensions : undefined;
    if (isUnknown(list)) {
        return { kinds: [{ kind: "unknown" }], problems: [] };
    }
    if (list === undefined || list === null) {
        return { kinds: [], problems: [] };
    }
    if (!Array.isArray(list)) {
        return { kinds: [], problems: [violation(msg`virtualMachineProfile.extensionProfile.extensions is not a list.`)] };
    }
    return {
        kinds: list.map((e) => (isUnknown(e) ? { kind: "unknown" } : isRecord(e) ? classifyExtension(e.publisher, e.type) : { kind: "other" })),
        problems: [],
    };
}

function extensionProblems(kinds: ExtensionKind[], unplaced: ExtensionKind[], os: OsReading, what: string): Problem[] {
    if (kinds.some((k) => satisfies(k, os.os))) {
        return [];
    }
    const needed = requiredExtension(os.os);
    const fix = msg`Add the ${needed} extension (publisher Microsoft.Azure.ActiveDirectory) to the ${safe.literal(what)}.`;
    if (kinds.some((k) => k.kind === "unknown") || unplaced.some((k) => k.kind === "unknown" || k.kind === "entra")) {
        return [undecided(msg`whether the Entra login extension is installed cannot be known during preview (an extension's publisher, type or VM name is unknown). ${fix}`)];
    }
    if (kinds.some((k) => k.kind === "entra")) {
        return [violation(msg`the Entra login extension installed does not match the OS of the ${safe.literal(what)}. ${fix}`)];
    }
    if (kinds.some((k) => k.kind === "retired")) {
        return [
            violation(
                msg`only the retired AADLoginForLinux extension (publisher Microsoft.Azure.ActiveDirectory.LinuxSSH) is installed; it does not provide Entra sign-in. ${fix}`,
            ),
        ];
    }
    return [violation(msg`no Microsoft Entra login extension is installed, so administrators sign in with local accounts. ${fix}`)];
}

function judge(view: StackView, report: Reporter, r: StackResource, problems: Problem[]): void {
    const level = view.levelOf(r);
    reportLevelProblem(report, r.urn, level);
    for (const problem of problems) {
        report({ urn: r.urn, message: problem.message, advisory: problem.unknown && level.level !== "privileged" });
    }
}

export const vmEntraLogin: InputRecordingStackPolicy = {
    ...policyFields(metadata),
    validateResource: recordInputsOf(RECORDED),
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        const report = reporter(reportViolation);
        const vms = view.ofType(compute.VirtualMachine);
        const sets = view.ofType(compute.VirtualMachineScaleSet);
        const vmLinks = linkChildren(view, {
            children: view.ofType(compute.VirtualMachineExtension),
            parents: vms,
            dependencyKeys: ["vmName"],
            childName: (e) => nameRef(propsOf(e).vmName),
            parentName: (vm) => azureName(vm, "vmName"),
        });
        const setLinks = linkChildren(view, {
            children: view.ofType(compute.VirtualMachineScaleSetExtension),
            parents: sets,
            dependencyKeys: ["vmScaleSetName"],
            childName: (e) => nameRef(propsOf(e).vmScaleSetName),
            parentName: (s) => azureName(s, "vmScaleSetName"),
        });
        const vmUnplaced = vmLinks.unplaced.map(classify);
        const setUnplaced = setLinks.unplaced.map(classify);

        for (const vm of vms) {
            const props = propsOf(vm);
            const os = readOs(props);
            judge(view, report, vm, [
                ...extensionProblems(extensionsOf(vm, vmLinks), vmUnplaced, os, "VM"),
                ...identityProblems(props.identity),
                ...linuxPasswordProblems(props, os, ""),
            ]);
        }

        for (const set of sets) {
            const props = propsOf(set);
            const profile = props.virtualMachineProfile;
            if (profile === undefined || profile === null) {
                // A flexible scale set without a VM profile has no instances of its own; the VMs added to
                // it are compute.VirtualMachine resources and are judged as such.
                continue;
            }
            if (isUnknown(profile) || !isRecord(profile)) {
                judge(view, report, set, [
                    isUnknown(profile)
                        ? undecided(msg`virtualMachineProfile cannot be known during preview, so Entra sign-in cannot be verified.`)
                        : violation(msg`virtualMachineProfile is not an object.`),
                ]);
                continue;
            }
            const os = readOs(profile);
            const inline = inlineExtensions(profile);
            judge(view, report, set, [
                ...inline.problems,
                ...extensionProblems([...inline.kinds, ...extensionsOf(set, setLinks)], setUnplaced, os, "scale set"),
                ...identityProblems(props.identity),
                ...linuxPasswordProblems(profile, os, "virtualMachineProfile."),
            ]);
        }
    },
};
