// PAG-002: no direct SSH or WinRM from the internet — the same doors as `no-direct-rdp` (NSG
// rules, load balancer rules on public frontends, firewall DNAT rules) for the configured ports
// (seed: intermediaries, SSH through Azure Bastion). TCP and UDP are both checked, as for RDP.
import { ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { parseApprovals } from "../azure/network/addresses";
import { doorInventory, DOOR_INPUT_TYPES } from "../adapters/doors";
import { checkDoors } from "../azure/network/doors";
import { MAX_PORT, readPortList } from "../azure/network/ports";
import { InputRecordingStackPolicy, recordInputsOf } from "../engine/memory";
import { exemptible } from "../engine/exemptible";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { StackView } from "../engine/stack";
import { SOURCE_PREFIX_SCHEMA } from "./no-direct-rdp";

export const metadata: PolicyMetadata = {
    id: "PAG-002",
    name: "no-direct-management-ports",
    description:
        "No network security group rule, load balancer rule or firewall DNAT rule may let an internet source reach a management port (by default SSH 22 and WinRM 5985 and 5986).",
    severity: "critical",
    url: SEED_URLS.intermediaries,
    remediationSteps:
        "Remove inbound Allow rules for the management ports from internet sources (or restrict their sources to private ranges, VirtualNetwork or application security groups, or add a higher-priority Deny rule that covers them); remove load balancer NAT or load-balancing rules to these backend ports on public frontends and firewall DNAT rules translating to them. Reach VMs through Azure Bastion or just-in-time VM access instead. A source that must stay open can be approved in allowedSourcePrefixes.",
    mcsb: ["NS-1", "NS-3", "PA-2"],
    cis: ["7.2", "7.3"],
};

export const DEFAULT_MANAGEMENT_PORTS = [22, 5985, 5986];

export interface NoDirectManagementPortsConfig {
    ports: number[];
    allowedSourcePrefixes: string[];
}

export function validateNoDirectManagementPorts(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const config = args.getConfig<Partial<NoDirectManagementPortsConfig>>();
    const view = StackView.of(args);
    checkDoors(view, doorInventory(view), reportViolation, {
        policyName: metadata.name,
        ports: readPortList(config.ports, DEFAULT_MANAGEMENT_PORTS),
        approvals: parseApprovals(config.allowedSourcePrefixes ?? []),
    });
}

export const noDirectManagementPorts: InputRecordingStackPolicy = exemptible(metadata, {
    ...policyFields(metadata),
    configSchema: {
        properties: {
            ports: {
                type: "array",
                items: { type: "integer", minimum: 1, maximum: MAX_PORT },
                minItems: 1,
                uniqueItems: true,
                default: DEFAULT_MANAGEMENT_PORTS,
                description: "Management ports that no internet source may reach (TCP or UDP). Default: SSH 22, WinRM 5985 and 5986.",
            },
            allowedSourcePrefixes: {
                type: "array",
                items: SOURCE_PREFIX_SCHEMA,
                uniqueItems: true,
                default: [],
                description:
                    "Source prefixes (CIDRs, addresses or service tags) approved to reach the management ports through an NSG rule or firewall DNAT rule. Empty: every internet source blocks.",
            },
        },
    },
    validateResource: recordInputsOf(DOOR_INPUT_TYPES),
    validateStack: validateNoDirectManagementPorts,
});
