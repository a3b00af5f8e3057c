// PAG-006: every VM and scale set is an interface administrators sign in to, so sign-in goes through
// Microsoft Entra ID (seed: interfaces, Zero Trust policy enforcement on inbound sessions). A stack
// policy: the login extension is a separate resource (or inline in a scale set's profile), and its own
// `type` input is absent from AnalyzeStack outputs, so the policy records inputs in Analyze.
import { MACHINE_ADAPTERS, MachineAdapter, machineAdapterFor, MachineReading } from "../adapters/machines";
import { EXTENSION_ADAPTERS, placeExtensions, PlacedExtensions } from "../adapters/machine-extensions";
import { ExtensionKind, extensionProblems, identityProblems, InlineExtensions, linuxPasswordProblems } from "../azure/entra-login";
import { malformed, Problem, problemKind, undecided } from "../azure/problems";
import { InputRecordingStackPolicy, recordInputsOf } from "../engine/memory";
import { msg, safe } from "../engine/messages";
import { exemptible } from "../engine/exemptible";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { Reporter, reporter, reportLevelProblem } from "../engine/report";
import { propsOf, StackResource, StackView } from "../engine/stack";

export const metadata: PolicyMetadata = {
    id: "PAG-006",
    name: "vm-entra-login",
    description:
        "Every virtual machine and scale set must sign administrators in with Microsoft Entra ID: the Entra login extension for its OS, a system-assigned identity, and no SSH password sign-in on Linux.",
    severity: "high",
    url: SEED_URLS.interfaces,
    remediationSteps:
        'Add a compute.VirtualMachineExtension (or a scale set extension) with publisher "Microsoft.Azure.ActiveDirectory" and type "AADLoginForWindows" or "AADSSHLoginForLinux"; set identity.type to "SystemAssigned"; on Linux set osProfile.linuxConfiguration.disablePasswordAuthentication to true. On the classic provider: an azure.compute.Extension (virtualMachineId) or azure.compute.VirtualMachineScaleSetExtension (virtualMachineScaleSetId) or an entry of the scale set\'s extensions with the same publisher and type; identity.type "SystemAssigned"; leave disablePasswordAuthentication at its default (true) on LinuxVirtualMachine and Linux scale sets, and set osProfileLinuxConfig.disablePasswordAuthentication to true on the legacy VirtualMachine and ScaleSet. Grant sign-in through the Virtual Machine Administrator Login / User Login roles.',
    mcsb: ["IM-1", "IM-6"],
    cis: ["3.1.1"],
};

const MACHINE_TYPES = MACHINE_ADAPTERS.map((a) => a.type);
const RECORDED = [...MACHINE_TYPES, ...EXTENSION_ADAPTERS.map((a) => a.type)];

/** The extensions declared inside the machine, and a finding when their list is malformed. */
function inlineExtensions(inline: InlineExtensions | undefined): { kinds: ExtensionKind[]; problems: Problem[] } {
    if (inline === undefined) {
        return { kinds: [], problems: [] };
    }
    const r = inline.reading;
    return r.kind === "list"
        ? { kinds: r.extensions, problems: [] }
        : r.kind === "unknown"
          ? { kinds: [{ kind: "unknown" }], problems: [] }
          : { kinds: [], problems: [malformed(msg`${safe.path(inline.path)} is not a list.`)] };
}

function machineProblems(reading: Exclude<MachineReading, { kind: "no instances" }>, placed: PlacedExtensions, adapter: MachineAdapter, r: StackResource): Problem[] {
    if (reading.kind === "unreadable") {
        const path = safe.path(reading.path);
        return [reading.unknown ? undecided(msg`${path} cannot be known during preview, so Entra sign-in cannot be verified.`) : malformed(msg`${path} is not an object.`)];
    }
    const facts = reading.facts;
    const inline = inlineExtensions(facts.inlineExtensions);
    return [
        ...inline.problems,
        ...extensionProblems([...inline.kinds, ...placed.on(r)], placed.unplaced(adapter.kind), {
            os: facts.os,
            what: facts.kind === "vm" ? "VM" : "scale set",
            home: adapter.extensionHome,
        }),
        ...identityProblems(facts.identity),
        ...linuxPasswordProblems(facts.os, facts.password),
    ];
}

function judge(view: StackView, report: Reporter, r: StackResource, problems: Problem[]): void {
    const level = view.levelOf(r);
    reportLevelProblem(report, r.urn, level);
    for (const problem of problems) {
        report({ urn: r.urn, message: problem.message, advisory: problem.unknown && level.level !== "privileged", kind: problemKind(problem) });
    }
}

export const vmEntraLogin: InputRecordingStackPolicy = exemptible(metadata, {
    ...policyFields(metadata),
    validateResource: recordInputsOf(RECORDED),
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        const report = reporter(reportViolation);
        const machines = view.ofType(...MACHINE_TYPES).map((resource) => ({ resource, adapter: machineAdapterFor(resource.type)! }));
        const extensions = placeExtensions(
            view,
            machines.map((m) => ({ resource: m.resource, kind: m.adapter.kind })),
        );
        for (const { resource, adapter } of machines) {
            const reading = adapter.read(propsOf(resource));
            if (reading.kind !== "no instances") {
                judge(view, report, resource, machineProblems(reading, extensions, adapter, resource));
            }
        }
    },
});
