// How the exposure policy words its findings: a path as hops joined by arrows, and a cause as the
// resource, the property path and what is wrong with it. Only parsed, closed-form values appear.
import { list, msg, safe, Safe } from "../../engine/messages";
import { StackView } from "../../engine/stack";
import { AzureType } from "../../engine/tokens";
import { classic, compute, network } from "../types";
import { ExposureCause, Target } from "./model";
import { ReachPath } from "./reach";

const KIND_LABELS: [AzureType, string][] = [
    [compute.VirtualMachine, "VM"],
    [compute.VirtualMachineScaleSet, "scale set"],
    [network.NetworkInterface, "NIC"],
    [network.PublicIPAddress, "public IP"],
    [network.NetworkSecurityGroup, "NSG"],
    [network.SecurityRule, "security rule"],
    [network.VirtualNetwork, "virtual network"],
    [network.Subnet, "subnet"],
    [network.LoadBalancer, "load balancer"],
    [network.InboundNatRule, "inbound NAT rule"],
    [network.LoadBalancerBackendAddressPool, "backend pool"],
    [classic.LinuxVirtualMachine, "VM"],
    [classic.WindowsVirtualMachine, "VM"],
    [classic.VirtualMachine, "VM"],
    [classic.LinuxVirtualMachineScaleSet, "scale set"],
    [classic.WindowsVirtualMachineScaleSet, "scale set"],
    [classic.OrchestratedVirtualMachineScaleSet, "scale set"],
    [classic.ScaleSet, "scale set"],
    [classic.NetworkInterface, "NIC"],
    [classic.PublicIp, "public IP"],
    [classic.NetworkSecurityGroup, "NSG"],
    [classic.NetworkSecurityRule, "security rule"],
    [classic.VirtualNetwork, "virtual network"],
    [classic.Subnet, "subnet"],
    [classic.LoadBalancer, "load balancer"],
    [classic.NatRule, "inbound NAT rule"],
    [classic.NatPool, "inbound NAT pool"],
    [classic.LoadBalancingRule, "load-balancing rule"],
    [classic.BackendAddressPool, "backend pool"],
    [classic.NetworkInterfaceSecurityGroupAssociation, "NSG association"],
    [classic.SubnetNetworkSecurityGroupAssociation, "NSG association"],
    [classic.NetworkInterfaceBackendAddressPoolAssociation, "backend pool association"],
    [classic.NetworkInterfaceNatRuleAssociation, "NAT rule association"],
];

/** `NIC jumpNic`, `NSG jumpNsg`: the kind of a resource of the stack and its Pulumi name. */
export function resourceLabel(view: StackView, urn: string): Safe {
    const r = view.get(urn);
    if (!r) {
        return safe.literal("a resource");
    }
    const kind = KIND_LABELS.find(([t]) => t.matches(r.type))?.[1] ?? "resource";
    return msg`${safe.literal(kind)} ${safe.name(r.name)}`;
}

const PLURAL: Record<Target, string> = {
    "network interface": "network interfaces",
    "public IP address": "public IP addresses",
    subnet: "subnets",
    "network security group": "network security groups",
    "load balancer": "load balancers",
    "backend pool": "backend pools",
    "inbound NAT rule": "inbound NAT rules",
    "inbound NAT pool": "inbound NAT pools",
};

function whyText(c: ExposureCause): Safe {
    switch (c.why) {
        case "invalid":
            return safe.literal("is missing or cannot be interpreted");
        case "outside":
            return msg`names a ${safe.literal(c.what ?? "resource")} that is not in this stack`;
        case "ambiguous":
            return msg`may name any of several ${safe.literal(c.what ? PLURAL[c.what] : "resources")} it depends on`;
        case "unknown":
            return c.what
                ? msg`is unknown until deployment and depends on no ${safe.literal(c.what)} of this stack`
                : safe.literal("is unknown until deployment");
    }
}

export function causeText(view: StackView, c: ExposureCause): Safe {
    return msg`${resourceLabel(view, c.owner)} ${safe.path(c.path)} ${whyText(c)}`;
}

const MAX_LISTED = 6;

/** Lists causes (deduplicated, in a stable order), at most six and a count of the rest. */
export function causesText(view: StackView, causes: readonly ExposureCause[]): Safe {
    const seen = new Map<string, ExposureCause>();
    for (const c of causes) {
        const key = `${c.owner}\u0000${c.path}\u0000${c.why}`;
        if (!seen.has(key)) {
            seen.set(key, c);
        }
    }
    const texts = [...seen.values()].map((c) => causeText(view, c)).sort();
    if (texts.length <= MAX_LISTED) {
        return list(texts);
    }
    return msg`${list(texts.slice(0, MAX_LISTED), ",")} and ${safe.integer(texts.length - MAX_LISTED)} more`;
}

/** `public IP jumpPublicIp → NIC jumpNic → NSG jumpNsg rule allow-rdp (source *) → subnet …`. */
export function pathText(p: ReachPath): Safe {
    const hops = p.hops.reduce<Safe | undefined>((acc, h) => (acc === undefined ? h.text : msg`${acc} → ${h.text}`), undefined) ?? safe.literal("");
    return p.note ? msg`${hops} (${p.note})` : hops;
}
