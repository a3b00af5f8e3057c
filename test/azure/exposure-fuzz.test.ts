// Random and malformed stacks for the exposure graph: building it and answering for every machine
// never throws, gives the same answer twice, and never turns a raw property value into message text.
import { PolicyResource } from "@pulumi/policy";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { causesText, pathText } from "../../policy-pack/src/azure/exposure/describe";
import { buildExposureGraph } from "../../policy-pack/src/adapters/exposure";
import { Reachability, Tri } from "../../policy-pack/src/azure/exposure/reach";
import { NO_APPROVALS } from "../../policy-pack/src/azure/network/addresses";
import { StackView } from "../../policy-pack/src/engine/stack";
import { UNKNOWN_STRING } from "../../policy-pack/src/engine/values";

const MARKER = "Fuzz-Marker-e91c";
const BASE = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network";
const IDS = {
    nsg: `${BASE}/networkSecurityGroups/nsg`,
    vnet: `${BASE}/virtualNetworks/vnet`,
    pip: `${BASE}/publicIPAddresses/pip`,
    lb: `${BASE}/loadBalancers/lb`,
    nic: `${BASE}/networkInterfaces/nic`,
};

const word = fc.constantFrom(
    "Basic", "standard", "GATEWAY", "Premium", "Inbound", "Allow", "Deny", "Tcp", "Udp", "All", "*", "Internet", "10.0.0.0/8", "3389", "22", "abc",
    "default", "pool", "rdp", UNKNOWN_STRING, MARKER, "",
);
const scalar = fc.oneof(word, fc.integer({ min: -5, max: 70000 }), fc.constant(null), fc.boolean());
// Names are identifiers a message may show (DESIGN §3); the marker stands for values that may not.
const name = fc.oneof(fc.constantFrom("default", "pool", "rdp", "fe", "", UNKNOWN_STRING), fc.integer(), fc.constant(null));
// Well-formed values are weighted up so that whole paths form, not only broken ones.
const id = fc.oneof(
    {
        arbitrary: fc.constantFrom(IDS.nsg, IDS.vnet, IDS.pip, IDS.lb, IDS.nic, `${IDS.vnet}/subnets/default`, `${IDS.lb}/backendAddressPools/pool`, `${IDS.lb}/inboundNatRules/rdp`, `${IDS.lb}/inboundNatPools/rdp`, `${IDS.lb}/frontendIPConfigurations/fe`),
        weight: 6,
    },
    { arbitrary: fc.constantFrom(UNKNOWN_STRING, MARKER, `${BASE}/virtualNetworks/${MARKER}/subnets/x`), weight: 2 },
    { arbitrary: scalar, weight: 1 },
);
const reference: fc.Arbitrary<unknown> = fc.oneof({ arbitrary: fc.record({ id }), weight: 6 }, { arbitrary: fc.record({ id }, { requiredKeys: [] }), weight: 1 }, { arbitrary: scalar, weight: 2 });
const refs = fc.oneof({ arbitrary: fc.array(reference, { maxLength: 3 }), weight: 4 }, { arbitrary: scalar, weight: 1 });
const sku = fc.oneof(fc.record({ name }, { requiredKeys: [] }), scalar);

const nsgRule = fc.record(
    { name, direction: scalar, access: scalar, protocol: scalar, priority: fc.oneof(fc.integer({ min: 100, max: 4096 }), scalar), sourceAddressPrefix: scalar, destinationPortRange: scalar },
    { requiredKeys: [] },
);
const ipConfig = fc.record(
    {
        name,
        subnet: reference,
        publicIPAddress: reference,
        publicIPAddressConfiguration: fc.oneof(fc.record({ name, sku }, { requiredKeys: [] }), scalar),
        loadBalancerBackendAddressPools: refs,
        loadBalancerInboundNatRules: refs,
        loadBalancerInboundNatPools: refs,
    },
    { requiredKeys: [] },
);
const ipConfigs = fc.oneof({ arbitrary: fc.array(fc.oneof({ arbitrary: ipConfig, weight: 5 }, { arbitrary: scalar, weight: 1 }), { maxLength: 3 }), weight: 5 }, { arbitrary: scalar, weight: 1 });
const lbRule = fc.record(
    { name, frontendIPConfiguration: reference, backendAddressPool: reference, backendAddressPools: refs, protocol: scalar, frontendPort: scalar, backendPort: scalar, enableFloatingIP: scalar },
    { requiredKeys: [] },
);

const stack = fc.record({
    nsg: fc.record({ securityRules: fc.oneof(fc.array(fc.oneof(nsgRule, scalar), { maxLength: 4 }), scalar) }, { requiredKeys: [] }),
    vnet: fc.record({ subnets: fc.oneof(fc.array(fc.oneof(fc.record({ name, networkSecurityGroup: reference }, { requiredKeys: [] }), scalar), { maxLength: 3 }), scalar) }, { requiredKeys: [] }),
    pip: fc.record({ sku }, { requiredKeys: [] }),
    lb: fc.record(
        {
            sku,
            frontendIPConfigurations: fc.oneof(fc.array(fc.record({ name, publicIPAddress: reference, subnet: reference }, { requiredKeys: [] }), { maxLength: 2 }), scalar),
            backendAddressPools: fc.oneof(fc.array(fc.record({ name }, { requiredKeys: [] }), { maxLength: 2 }), scalar),
            inboundNatRules: fc.oneof(fc.array(fc.oneof(lbRule, scalar), { maxLength: 2 }), scalar),
            inboundNatPools: fc.oneof(fc.array(lbRule, { maxLength: 2 }), scalar),
            loadBalancingRules: fc.oneof(fc.array(lbRule, { maxLength: 2 }), scalar),
        },
        { requiredKeys: [] },
    ),
    nic: fc.record({ networkSecurityGroup: reference, ipConfigurations: ipConfigs }, { requiredKeys: [] }),
    vm: fc.record({ networkProfile: fc.oneof(fc.record({ networkInterfaces: refs, networkInterfaceConfigurations: fc.oneof(fc.array(fc.record({ name, networkSecurityGroup: reference, ipConfigurations: ipConfigs }, { requiredKeys: [] }), { maxLength: 2 }), scalar) }, { requiredKeys: [] }), scalar) }, { requiredKeys: [] }),
    vmss: fc.record({ virtualMachineProfile: fc.oneof(fc.record({ networkProfile: fc.oneof(fc.record({ networkInterfaceConfigurations: fc.oneof(fc.array(fc.record({ name, networkSecurityGroup: reference, ipConfigurations: ipConfigs }, { requiredKeys: [] }), { maxLength: 2 }), scalar) }, { requiredKeys: [] }), scalar) }, { requiredKeys: [] }), scalar) }, { requiredKeys: [] }),
    withDeps: fc.boolean(),
    knownIds: fc.boolean(),
});

type Stack = typeof stack extends fc.Arbitrary<infer T> ? T : never;

function viewOf(s: Stack): StackView {
    const kinds: [keyof typeof IDS | "vm" | "vmss", string, Record<string, unknown>][] = [
        ["nsg", "NetworkSecurityGroup", { networkSecurityGroupName: "nsg", ...s.nsg }],
        ["vnet", "VirtualNetwork", { virtualNetworkName: "vnet", ...s.vnet }],
        ["pip", "PublicIPAddress", { publicIpAddressName: "pip", ...s.pip }],
        ["lb", "LoadBalancer", { loadBalancerName: "lb", ...s.lb }],
        ["nic", "NetworkInterface", { networkInterfaceName: "nic", ...s.nic }],
    ];
    const resources = new Map<string, PolicyResource>();
    const add = (name: string, type: string, props: Record<string, unknown>, resourceId: unknown) => {
        const urn = `urn:pulumi:dev::p::${type}::${name}`;
        const outputs = { resourceGroupName: "rg", name, ...props, id: resourceId };
        resources.set(name, { urn, type, name, props: outputs, dependencies: [], propertyDependencies: {} } as unknown as PolicyResource);
    };
    for (const [k, res, props] of kinds) {
        add(k, `azure-native:network:${res}`, props, s.knownIds ? IDS[k as keyof typeof IDS] : UNKNOWN_STRING);
    }
    add("vm", "azure-native:compute:VirtualMachine", s.vm, UNKNOWN_STRING);
    add("vmss", "azure-native:compute:VirtualMachineScaleSet", s.vmss, UNKNOWN_STRING);
    if (s.withDeps) {
        const all = [...resources.values()].filter((r) => !r.type.includes("compute"));
        const deps = (r: string, key: string) => ((resources.get(r)! as unknown as { propertyDependencies: Record<string, PolicyResource[]> }).propertyDependencies[key] = all);
        deps("nic", "ipConfigurations");
        deps("nic", "networkSecurityGroup");
        deps("vnet", "subnets");
        deps("vm", "networkProfile");
        deps("vmss", "virtualMachineProfile");
    }
    return new StackView({ resources: [...resources.values()], stackTags: new Map() });
}

function render(view: StackView, t: Tri): string {
    if (t.kind === "open") {
        return `open ${t.paths.map(pathText).join(" | ")}`;
    }
    return t.kind === "closed" ? "closed" : `undecidable ${causesText(view, t.causes)}`;
}

describe("the exposure graph under random and malformed stacks", () => {
    it("never throws, answers deterministically, and never quotes a raw value", () => {
        fc.assert(
            fc.property(stack, (s) => {
                const answers = () => {
                    const view = viewOf(s);
                    const graph = buildExposureGraph(view);
                    const reach = new Reachability(graph, NO_APPROVALS);
                    return graph.machines.flatMap((m) => [3389, 22].flatMap((port) => (["tcp", "udp"] as const).map((protocol) => render(view, reach.machine(m, { port, protocol })))));
                };
                const first = answers();
                expect(answers()).toEqual(first);
                expect(first.join("\n")).not.toContain(MARKER);
            }),
            { numRuns: 400 },
        );
    });

    it("reaches every kind of answer", () => {
        const kinds = new Set<string>();
        fc.assert(
            fc.property(stack, (s) => {
                const view = viewOf(s);
                const graph = buildExposureGraph(view);
                const reach = new Reachability(graph, NO_APPROVALS);
                graph.machines.forEach((m) => kinds.add(reach.machine(m, { port: 3389, protocol: "tcp" }).kind));
            }),
            { numRuns: 1000, seed: 7 },
        );
        expect([...kinds].sort()).toEqual(["closed", "open", "undecidable"]);
    });
});
