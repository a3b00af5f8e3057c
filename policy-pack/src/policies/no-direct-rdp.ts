// PAG-001: no direct RDP from the internet (seed: intermediaries, "Remote Desktop / jump server" —
// direct RDP is not recommended for internet connections). Every door counts: NSG Allow rules
// (inline or standalone) not covered by higher-priority Deny rules, load balancer NAT and
// load-balancing rules on public frontends, and Azure Firewall DNAT rules — to TCP or UDP 3389.
// A stack policy: a standalone rule needs its NSG's other rules, a NAT rule its load balancer.
import { ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { parseApprovals } from "../azure/network/addresses";
import { doorInventory, DOOR_INPUT_TYPES } from "../adapters/doors";
import { checkDoors } from "../azure/network/doors";
import { InputRecordingStackPolicy, recordInputsOf } from "../engine/memory";
import { exemptible } from "../engine/exemptible";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { StackView } from "../engine/stack";

export const metadata: PolicyMetadata = {
    id: "PAG-001",
    name: "no-direct-rdp",
    description:
        "No network security group rule, load balancer rule or firewall DNAT rule may let an internet source reach RDP (TCP or UDP port 3389).",
    severity: "critical",
    url: SEED_URLS.intermediaries,
    remediationSteps:
        "Remove inbound Allow rules for port 3389 from internet sources (or restrict their sources to private ranges, VirtualNetwork or application security groups, or add a higher-priority Deny rule that covers them); remove load balancer NAT or load-balancing rules to backend port 3389 on public frontends and firewall DNAT rules translating to port 3389. Reach VMs through Azure Bastion, an Entra-published RD gateway or just-in-time VM access instead. A source that must stay open can be approved in allowedSourcePrefixes.",
    mcsb: ["NS-1", "NS-3", "PA-2"],
    cis: ["7.1", "7.3"],
};

export const RDP_PORT = 3389;

export interface NoDirectRdpConfig {
    allowedSourcePrefixes: string[];
}

/** CIDRs, addresses or service tags; anything else fails the schema. */
export const SOURCE_PREFIX_SCHEMA = {
    type: "string",
    minLength: 1,
    maxLength: 64,
    pattern: "^\\s*[0-9A-Za-z.:/*_-]+\\s*$",
} as const;

export function validateNoDirectRdp(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const config = args.getConfig<Partial<NoDirectRdpConfig>>();
    const view = StackView.of(args);
    checkDoors(view, doorInventory(view), reportViolation, {
        policyName: metadata.name,
        ports: [RDP_PORT],
        approvals: parseApprovals(config.allowedSourcePrefixes ?? []),
    });
}

export const noDirectRdp: InputRecordingStackPolicy = exemptible(metadata, {
    ...policyFields(metadata),
    configSchema: {
        properties: {
            allowedSourcePrefixes: {
                type: "array",
                items: SOURCE_PREFIX_SCHEMA,
                uniqueItems: true,
                default: [],
                description:
                    "Source prefixes (CIDRs, addresses or service tags) approved to reach port 3389 through an NSG rule or firewall DNAT rule, e.g. a fixed admin address. Empty: every internet source blocks.",
            },
        },
    },
    validateResource: recordInputsOf(DOOR_INPUT_TYPES),
    validateStack: validateNoDirectRdp,
});
