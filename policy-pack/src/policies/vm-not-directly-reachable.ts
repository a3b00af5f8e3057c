// PAG-003: no VM or scale set reachable from the internet on RDP or a management port (seed:
// intermediaries — direct RDP "is not recommended for internet connections"; use Azure Bastion).
// The door policies flag every rule that opens a port; this one asks the operator's question — can
// this machine be reached? — over the stack's exposure graph: a public path (public IP, or a public
// load balancer rule) and NSGs on the NIC and the subnet that both admit the traffic (DESIGN §3a).
// A stack policy: the answer joins NICs, subnets, NSGs, public IPs and load balancers, and needs
// inputs that outputs lack (names), which it records in Analyze.
import { ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { causesText, pathText } from "../azure/exposure/describe";
import { buildExposureGraph, EXPOSURE_INPUT_TYPES } from "../adapters/exposure";
import { ExposureCause, MachineNode, UnplacedMembership } from "../azure/exposure/model";
import { Reachability, Tri } from "../azure/exposure/reach";
import { parseApprovals } from "../azure/network/addresses";
import { MAX_PORT, portLabel, Transport, transportLabel, TRANSPORTS, readPortList } from "../azure/network/ports";
import { SECURITY_LEVELS } from "../engine/levels";
import { InputRecordingStackPolicy, recordInputsOf } from "../engine/memory";
import { list, msg, safe, Safe } from "../engine/messages";
import { exemptible } from "../engine/exemptible";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { PathEvidence } from "../engine/evidence";
import { Reporter, reporter, reportLevelProblem } from "../engine/report";
import { StackView } from "../engine/stack";
import { SOURCE_PREFIX_SCHEMA } from "./no-direct-rdp";

export const metadata: PolicyMetadata = {
    id: "PAG-003",
    name: "vm-not-directly-reachable",
    description:
        "No virtual machine or scale set may be reachable from the internet on RDP or a management port through a public IP or a public load balancer rule that its NIC and subnet network security groups let through.",
    severity: "critical",
    url: SEED_URLS.intermediaries,
    remediationSteps:
        "Take the public path away — remove the public IP from the NIC (or the instance public IP configuration from the scale set), or the NAT and load-balancing rules that forward the port from a public load balancer — or make the NSG on the NIC or its subnet deny internet sources for the port. Reach the machine through Azure Bastion, an Entra-published RD gateway or just-in-time VM access instead. A source that must stay open can be approved in allowedSourcePrefixes.",
    mcsb: ["NS-1", "NS-3", "PA-2"],
    cis: ["7.1", "7.2", "7.3"],
};

export const DEFAULT_PORTS = [3389, 22, 5985, 5986];

export interface VmNotDirectlyReachableConfig {
    ports: number[];
    allowedSourcePrefixes: string[];
}

const FIX = safe.literal(
    "Remove the public path (the public IP, or the load balancer rule) or make the NIC's or subnet's NSG deny internet sources for this port; reach the machine through Azure Bastion or just-in-time VM access instead. A source that must stay open can be approved in allowedSourcePrefixes.",
);

function joinPaths(t: Extract<Tri, { kind: "open" }>): Safe {
    // A link seen from both sides (the NIC and a deployed load balancer) is one path.
    return [...new Set(t.paths.map(pathText))].reduce((acc, p) => msg`${acc}; and ${p}`);
}

function reachableMessage(port: number, open: [Transport, Extract<Tri, { kind: "open" }>][]): Safe {
    // Transports reached along the same paths are named together.
    const groups = new Map<string, { transports: Transport[]; text: Safe }>();
    for (const [t, tri] of open) {
        const text = joinPaths(tri);
        const group = groups.get(text) ?? { transports: [], text };
        group.transports.push(t);
        groups.set(text, group);
    }
    const parts = [...groups.values()].map((g) => msg`over ${list(g.transports.map(transportLabel))}: ${g.text}`);
    const body = parts.reduce((acc, p) => msg`${acc}; ${p}`);
    return msg`Port ${portLabel(port)} is reachable from the internet ${body}. ${FIX}`;
}

/** The same paths as data, for reports that draw them (SARIF code flows, Mermaid). */
function pathEvidence(port: number, open: [Transport, Extract<Tri, { kind: "open" }>][]): PathEvidence[] {
    const byText = new Map<string, PathEvidence>();
    for (const [t, tri] of open) {
        for (const p of tri.paths) {
            const text = pathText(p);
            const known = byText.get(text);
            if (known) {
                known.protocols = [...new Set([...known.protocols, t])];
            } else {
                byText.set(text, { port, protocols: [t], hops: p.hops.map((h) => ({ kind: h.kind, text: h.text, ...(h.urn ? { urn: h.urn } : {}) })), ...(p.note ? { note: p.note } : {}) });
            }
        }
    }
    return [...byText.values()];
}

function portsText(ports: readonly number[]): Safe {
    return list([...ports].sort((a, b) => a - b).map(portLabel), "or");
}

function judgeMachine(view: StackView, report: Reporter, reach: Reachability, m: MachineNode, ports: readonly number[]): void {
    const level = view.levelOf(m.resource);
    const invalid: ExposureCause[] = [];
    const invalidPorts: number[] = [];
    const unverified: ExposureCause[] = [];
    const unverifiedPorts: number[] = [];
    for (const port of ports) {
        const answers = TRANSPORTS.map((t): [Transport, Tri] => [t, reach.machine(m, { port, protocol: t })]);
        const open = answers.filter((a): a is [Transport, Extract<Tri, { kind: "open" }>] => a[1].kind === "open");
        if (open.length > 0) {
            report({ urn: m.resource.urn, message: reachableMessage(port, open), paths: pathEvidence(port, open) });
            continue;
        }
        const causes = answers.flatMap(([, a]) => (a.kind === "undecidable" ? a.causes : []));
        const bad = causes.filter((c) => c.why === "invalid");
        const unknown = causes.filter((c) => c.why !== "invalid");
        if (bad.length > 0) {
            invalid.push(...bad);
            invalidPorts.push(port);
        }
        if (unknown.length > 0) {
            unverified.push(...unknown);
            unverifiedPorts.push(port);
        }
    }
    if (invalid.length > 0) {
        report({
            urn: m.resource.urn,
            message: msg`Cannot decide whether port ${portsText(invalidPorts)} is reachable from the internet: ${causesText(view, invalid)}. Fix these values so that Azure reads them as intended (references as { id: … }, ports as numbers, SKUs and enum words as Azure names them).`,
            kind: "malformed",
        });
    }
    if (unverifiedPorts.length > 0) {
        const levelWord = safe.word(level.level, SECURITY_LEVELS);
        report({
            urn: m.resource.urn,
            message: msg`Cannot verify that port ${portsText(unverifiedPorts)} is not reachable from the internet: ${causesText(view, unverified)} (level: ${levelWord}; what cannot be verified blocks at the privileged level). Reference resources of this stack, or use values known at preview time, or re-run the check once they are known.`,
            advisory: level.level !== "privileged",
        });
    }
}

/**
 * A membership whose NIC cannot be told: when its rule lets internet traffic in on a port, the
 * machine it joins may be reachable — reported on the association, unknown at its level.
 */
function judgeUnplaced(view: StackView, report: Reporter, reach: Reachability, u: UnplacedMembership, ports: readonly number[]): void {
    const doors = ports.filter((port) => TRANSPORTS.some((protocol) => reach.entrance(u.entry, { port, protocol }).kind !== "closed"));
    if (doors.length === 0) {
        return;
    }
    const level = view.levelOf(u.resource);
    report({
        urn: u.resource.urn,
        message: msg`Cannot verify that port ${portsText(doors)} is not reachable from the internet: ${causesText(view, [u.cause])}, and the load balancer rule it joins the NIC to lets internet traffic in on that port (level: ${safe.word(level.level, SECURITY_LEVELS)}; what cannot be verified blocks at the privileged level). Reference the NIC of this stack, or use values known at preview time.`,
        advisory: level.level !== "privileged",
        // A NIC reference that is no resource id cannot be interpreted: never exempted.
        kind: u.cause.why === "invalid" ? "malformed" : undefined,
    });
}

export function validateVmNotDirectlyReachable(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const config = args.getConfig<Partial<VmNotDirectlyReachableConfig>>();
    const ports = readPortList(config.ports, DEFAULT_PORTS);
    const approvals = parseApprovals(config.allowedSourcePrefixes ?? []);
    const report = reporter(reportViolation);
    const view = StackView.of(args);

    for (const i of approvals.invalid) {
        report({
            message: msg`${safe.literal(metadata.name)} config allowedSourcePrefixes[${safe.integer(i)}] is not an address, a CIDR or a service tag, so it approves nothing. Fix or remove it.`,
        });
    }

    const graph = buildExposureGraph(view);
    const reach = new Reachability(graph, approvals);
    let stackLevelReported = false;
    for (const m of graph.machines) {
        const level = view.levelOf(m.resource);
        if (level.problem && (level.source !== "stack" || !stackLevelReported)) {
            stackLevelReported ||= level.source === "stack";
            reportLevelProblem(report, m.resource.urn, level);
        }
        judgeMachine(view, report, reach, m, ports);
    }
    for (const u of graph.unplacedMemberships) {
        judgeUnplaced(view, report, reach, u, ports);
    }
}

export const vmNotDirectlyReachable: InputRecordingStackPolicy = exemptible(metadata, {
    ...policyFields(metadata),
    configSchema: {
        properties: {
            ports: {
                type: "array",
                items: { type: "integer", minimum: 1, maximum: MAX_PORT },
                minItems: 1,
                uniqueItems: true,
                default: DEFAULT_PORTS,
                description:
                    "Ports no VM or scale set may be reachable on from the internet (TCP or UDP). Default: RDP 3389, SSH 22, WinRM 5985 and 5986.",
            },
            allowedSourcePrefixes: {
                type: "array",
                items: SOURCE_PREFIX_SCHEMA,
                uniqueItems: true,
                default: [],
                description:
                    "Source prefixes (CIDRs, addresses or service tags) approved to reach these ports through an NSG rule, e.g. a fixed admin address. Empty: every internet source blocks.",
            },
        },
    },
    validateResource: recordInputsOf(EXPOSURE_INPUT_TYPES),
    validateStack: validateVmNotDirectlyReachable,
});
