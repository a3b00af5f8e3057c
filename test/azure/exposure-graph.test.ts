// The exposure graph and the reachability over it, without the policy server: fixture stacks turned
// into the AnalyzeStack view (outputs, propertyDependencies, inputs remembered from Analyze), in both
// modes. Links by dependency, by exact id and by ARM name; links seen from the load balancer side;
// v2 NAT rules; standalone rules whose NSG cannot be told; the three-valued algebra; a large stack.
import { PolicyResource } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { buildExposureGraph, EXPOSURE_INPUT_TYPES } from "../../policy-pack/src/adapters/exposure";
import { ExposureGraph, MachineNode } from "../../policy-pack/src/azure/exposure/model";
import { anyOf, both, everyOf, Reachability, Tri, undecided } from "../../policy-pack/src/azure/exposure/reach";
import { pathText } from "../../policy-pack/src/azure/exposure/describe";
import { NO_APPROVALS } from "../../policy-pack/src/azure/network/addresses";
import { Transport } from "../../policy-pack/src/azure/network/ports";
import { recordInputsOf } from "../../policy-pack/src/engine/memory";
import { StackView } from "../../policy-pack/src/engine/stack";
import { FixtureResource, Mode, plan, ref, resource, SUBSCRIPTION, unknown } from "../harness/stack";

const RG = "rg-net";
const VM = "azure-native:compute:VirtualMachine";
const NIC = "azure-native:network:NetworkInterface";
const PIP = "azure-native:network:PublicIPAddress";
const NSG = "azure-native:network:NetworkSecurityGroup";
const RULE = "azure-native:network:SecurityRule";
const VNET = "azure-native:network:VirtualNetwork";
const LB = "azure-native:network:LoadBalancer";
const POOL = "azure-native:network:LoadBalancerBackendAddressPool";

const record = recordInputsOf(EXPOSURE_INPUT_TYPES);

/** The view AnalyzeStack gives a policy, after Analyze has seen every resource's inputs. */
function viewOf(fixtures: FixtureResource[], mode: Mode, patchOutputs: Record<string, Record<string, unknown>> = {}): StackView {
    const planned = plan(fixtures, { mode });
    const byUrn = new Map<string, PolicyResource>();
    for (const p of planned) {
        record({ urn: p.urn, type: p.type, name: p.name, props: p.inputs } as never);
        byUrn.set(p.urn, { urn: p.urn, type: p.type, name: p.name, props: { ...p.outputs, ...patchOutputs[p.name] }, dependencies: [], propertyDependencies: {} } as unknown as PolicyResource);
    }
    for (const p of planned) {
        const r = byUrn.get(p.urn)! as unknown as { dependencies: PolicyResource[]; propertyDependencies: Record<string, PolicyResource[]> };
        r.dependencies = (p.dependencies ?? []).map((u) => byUrn.get(u)!);
        for (const [k, urns] of Object.entries(p.propertyDependencies ?? {})) {
            r.propertyDependencies[k] = urns.map((u) => byUrn.get(u)!);
        }
    }
    return new StackView({ resources: [...byUrn.values()], stackTags: new Map() });
}

function describeTri(t: Tri): string {
    if (t.kind === "open") {
        return `open: ${pathText(t.paths[0])}`;
    }
    if (t.kind === "closed") {
        return "closed";
    }
    return `undecidable: ${t.causes.map((c) => `${c.owner.split("::").pop()} ${c.path} ${c.why}`).sort().join("; ")}`;
}

function answer(graph: ExposureGraph, vm: string, port = 3389, protocol: Transport = "tcp"): string {
    const m = graph.machines.find((x: MachineNode) => x.resource.name === vm)!;
    return describeTri(new Reachability(graph, NO_APPROVALS).machine(m, { port, protocol }));
}

const allowRdp = {
    name: "allow-rdp",
    direction: "Inbound",
    access: "Allow",
    protocol: "*",
    priority: 300,
    sourceAddressPrefix: "*",
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: "3389",
};

function vm(name: string, nic: string): FixtureResource {
    return resource(VM, name, { resourceGroupName: RG, vmName: name.toLowerCase(), networkProfile: { networkInterfaces: [{ id: ref(nic) }] } });
}

describe("links", () => {
    const hub = (subnets: unknown[]) =>
        resource(VNET, "hubVnet", { resourceGroupName: RG, virtualNetworkName: "vnet-hub", addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, subnets });

    it("follows an ARM id written from names to an inline subnet, even when the VNet's own id is unknown", () => {
        const literalId = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG.toUpperCase()}/providers/Microsoft.Network/virtualNetworks/VNET-HUB/subnets/JUMP`;
        const fixtures = [
            resource(NSG, "jumpNsg", { resourceGroupName: RG, networkSecurityGroupName: "nsg-jump", securityRules: [allowRdp] }),
            hub([{ name: "web", addressPrefix: "10.0.0.0/24" }, { name: "jump", addressPrefix: "10.0.1.0/24", networkSecurityGroup: { id: ref("jumpNsg") } }]),
            resource(PIP, "jumpPip", { resourceGroupName: RG, publicIpAddressName: "pip-jump", sku: { name: "Standard" } }),
            resource(NIC, "jumpNic", { resourceGroupName: RG, networkInterfaceName: "nic-jump", ipConfigurations: [{ name: "ip", subnet: { id: literalId }, publicIPAddress: { id: ref("jumpPip") } }] }),
            vm("jumpVm", "jumpNic"),
        ];
        for (const mode of ["known", "first-preview"] as Mode[]) {
            expect(answer(buildExposureGraph(viewOf(fixtures, mode)), "jumpVm"), mode).toBe(
                "open: public IP jumpPip → NIC jumpNic (no NSG) → subnet jump of hubVnet → NSG jumpNsg rule allow-rdp (source *)",
            );
            expect(answer(buildExposureGraph(viewOf(fixtures, mode)), "jumpVm", 3389, "udp"), mode).toMatch(/^open: /);
            expect(answer(buildExposureGraph(viewOf(fixtures, mode)), "jumpVm", 22), mode).toBe("closed");
        }
    });

    it("says which reference names a resource outside the stack, and which cannot be read", () => {
        const fixtures = [
            resource(PIP, "jumpPip", { resourceGroupName: RG, publicIpAddressName: "pip-jump", sku: { name: "Basic" } }),
            resource(NIC, "jumpNic", {
                resourceGroupName: RG,
                networkInterfaceName: "nic-jump",
                ipConfigurations: [
                    {
                        name: "ip",
                        subnet: { id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-shared/subnets/jump` },
                        publicIPAddress: { id: ref("jumpPip") },
                    },
                ],
            }),
            vm("jumpVm", "jumpNic"),
            resource(NIC, "oddNic", { resourceGroupName: RG, networkInterfaceName: "nic-odd", ipConfigurations: [{ name: "ip", subnet: "jump", publicIPAddress: { id: ref("jumpPip") } }] }),
            vm("oddVm", "oddNic"),
        ];
        for (const mode of ["known", "first-preview"] as Mode[]) {
            const graph = buildExposureGraph(viewOf(fixtures, mode));
            expect(answer(graph, "jumpVm"), mode).toBe("undecidable: jumpNic ipConfigurations[0].subnet.id outside");
            expect(answer(graph, "oddVm"), mode).toBe("undecidable: oddNic ipConfigurations[0].subnet invalid");
        }
    });

    it("adds the NIC configurations a deployed load balancer reports behind its NAT rules and pools", () => {
        const lbId = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Network/loadBalancers/lb-edge`;
        const nicId = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Network/networkInterfaces/nic-jump`;
        const fixtures = [
            resource(PIP, "edgePip", { resourceGroupName: RG, publicIpAddressName: "pip-edge", sku: { name: "Standard" } }),
            resource(LB, "edgeLb", {
                resourceGroupName: RG,
                loadBalancerName: "lb-edge",
                sku: { name: "Basic" },
                frontendIPConfigurations: [{ name: "fe", publicIPAddress: { id: ref("edgePip") } }],
                inboundNatRules: [{ name: "rdp", frontendIPConfiguration: { id: `${lbId}/frontendIPConfigurations/fe` }, protocol: "Tcp", frontendPort: 50001, backendPort: 3389 }],
            }),
            hub([{ name: "jump", addressPrefix: "10.0.1.0/24" }]),
            resource(NIC, "jumpNic", { resourceGroupName: RG, networkInterfaceName: "nic-jump", ipConfigurations: [{ name: "ipconfig1", subnet: { id: ref("hubVnet", "id", "/subnets/jump") } }] }),
            vm("jumpVm", "jumpNic"),
        ];
        const deployed = {
            edgeLb: { inboundNatRules: [{ name: "rdp", backendIPConfiguration: { id: `${nicId}/ipConfigurations/IPCONFIG1` } }] },
        };
        expect(answer(buildExposureGraph(viewOf(fixtures, "known")), "jumpVm")).toBe("closed");
        expect(answer(buildExposureGraph(viewOf(fixtures, "known", deployed)), "jumpVm")).toBe(
            "open: load balancer edgeLb inbound NAT rule rdp → NIC jumpNic (no NSG) → subnet jump of hubVnet (no NSG) (with no NSG on the NIC or its subnet, a Basic load balancer lets all inbound traffic through)",
        );
    });

    it("follows a v2 NAT rule and a standalone pool to the NICs in the pool", () => {
        const lbId = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Network/loadBalancers/lb-edge`;
        const fixtures = [
            resource(NSG, "jumpNsg", { resourceGroupName: RG, networkSecurityGroupName: "nsg-jump", securityRules: [allowRdp] }),
            resource(PIP, "edgePip", { resourceGroupName: RG, publicIpAddressName: "pip-edge", sku: { name: "Standard" } }),
            resource(LB, "edgeLb", {
                resourceGroupName: RG,
                loadBalancerName: "lb-edge",
                sku: { name: "Standard" },
                frontendIPConfigurations: [{ name: "fe", publicIPAddress: { id: ref("edgePip") } }],
                inboundNatRules: [
                    {
                        name: "rdp-v2",
                        frontendIPConfiguration: { id: `${lbId}/frontendIPConfigurations/fe` },
                        backendAddressPool: { id: `${lbId}/backendAddressPools/admins` },
                        protocol: "Tcp",
                        frontendPortRangeStart: 50000,
                        frontendPortRangeEnd: 50099,
                        backendPort: 3389,
                    },
                ],
            }),
            resource(POOL, "adminsPool", { resourceGroupName: RG, loadBalancerName: ref("edgeLb", "name"), backendAddressPoolName: "admins" }),
            hub([{ name: "jump", addressPrefix: "10.0.1.0/24" }]),
            resource(NIC, "jumpNic", {
                resourceGroupName: RG,
                networkInterfaceName: "nic-jump",
                networkSecurityGroup: { id: ref("jumpNsg") },
                ipConfigurations: [{ name: "ip", subnet: { id: ref("hubVnet", "id", "/subnets/jump") }, loadBalancerBackendAddressPools: [{ id: ref("adminsPool") }] }],
            }),
            vm("jumpVm", "jumpNic"),
        ];
        for (const mode of ["known", "first-preview"] as Mode[]) {
            expect(answer(buildExposureGraph(viewOf(fixtures, mode)), "jumpVm"), mode).toBe(
                "open: load balancer edgeLb inbound NAT rule rdp-v2 → backend pool admins → NIC jumpNic → NSG jumpNsg rule allow-rdp (source *) → subnet jump of hubVnet (no NSG)",
            );
        }
    });

    it("reads every NSG with a standalone rule whose NSG cannot be told as a rule that may exist", () => {
        const fixtures = [
            resource(NSG, "jumpNsg", { resourceGroupName: RG, networkSecurityGroupName: "nsg-jump", securityRules: [] }),
            resource(RULE, "strayRule", { resourceGroupName: RG, networkSecurityGroupName: unknown(), securityRuleName: "allow-rdp", ...(({ name, ...r }) => r)(allowRdp) }),
            resource(PIP, "jumpPip", { resourceGroupName: RG, publicIpAddressName: "pip-jump", sku: { name: "Standard" } }),
            hub([{ name: "jump", addressPrefix: "10.0.1.0/24" }]),
            resource(NIC, "jumpNic", {
                resourceGroupName: RG,
                networkInterfaceName: "nic-jump",
                networkSecurityGroup: { id: ref("jumpNsg") },
                ipConfigurations: [{ name: "ip", subnet: { id: ref("hubVnet", "id", "/subnets/jump") }, publicIPAddress: { id: ref("jumpPip") } }],
            }),
            vm("jumpVm", "jumpNic"),
        ];
        expect(answer(buildExposureGraph(viewOf(fixtures, "known")), "jumpVm")).toBe("undecidable: strayRule networkSecurityGroupName unknown");
        expect(answer(buildExposureGraph(viewOf(fixtures, "known")), "jumpVm", 22)).toBe("closed");
    });

    it("treats every NIC the VM's network profile depends on as one of its NICs", () => {
        const fixtures = [
            resource(PIP, "jumpPip", { resourceGroupName: RG, publicIpAddressName: "pip-jump" }),
            hub([{ name: "jump", addressPrefix: "10.0.1.0/24" }]),
            resource(NIC, "privateNic", { resourceGroupName: RG, networkInterfaceName: "nic-a", ipConfigurations: [{ name: "ip", subnet: { id: ref("hubVnet", "id", "/subnets/jump") } }] }),
            resource(NIC, "publicNic", {
                resourceGroupName: RG,
                networkInterfaceName: "nic-b",
                ipConfigurations: [{ name: "ip", subnet: { id: ref("hubVnet", "id", "/subnets/jump") }, publicIPAddress: { id: ref("jumpPip") } }],
            }),
            resource(VM, "twoNicVm", { resourceGroupName: RG, vmName: "two", networkProfile: { networkInterfaces: [{ id: ref("privateNic"), primary: true }, { id: ref("publicNic") }] } }),
        ];
        for (const mode of ["known", "first-preview"] as Mode[]) {
            expect(answer(buildExposureGraph(viewOf(fixtures, mode)), "twoNicVm"), mode).toMatch(/^open: public IP jumpPip → NIC publicNic \(no NSG\)/);
        }
    });
});

describe("the three-valued algebra", () => {
    const open: Tri = { kind: "open", paths: [{ hops: [] }] };
    const closed: Tri = { kind: "closed" };
    const unknownField = { owner: "urn:x", path: "p", why: "unknown" as const };
    const maybe = undecided([unknownField]);
    const which = { owner: "urn:y", path: "q", why: "ambiguous" as const };

    it("anyOf: open wins, then undecidable, then closed", () => {
        expect(anyOf([closed, maybe, open]).kind).toBe("open");
        expect(anyOf([closed, maybe]).kind).toBe("undecidable");
        expect(anyOf([closed, closed]).kind).toBe("closed");
        expect(anyOf([]).kind).toBe("closed");
    });

    it("both: closed wins and short-circuits, then undecidable", () => {
        expect(both(closed, () => { throw new Error("not evaluated"); }).kind).toBe("closed");
        expect(both(maybe, () => closed).kind).toBe("closed");
        expect(both(open, () => maybe)).toEqual(maybe);
        expect(both(open, () => open).kind).toBe("open");
    });

    it("everyOf: decided only when every candidate agrees; otherwise the ambiguity is a cause", () => {
        expect(everyOf([open, open], [which]).kind).toBe("open");
        expect(everyOf([closed, closed], [which]).kind).toBe("closed");
        expect(everyOf([open, closed], [which])).toEqual(undecided([which]));
        expect(everyOf([maybe, closed], [which])).toEqual(undecided([unknownField, which]));
    });
});

describe("a large stack", () => {
    it("builds the graph and answers for 2,000 VMs (10,000 resources) in one pass", () => {
        const fixtures: FixtureResource[] = [];
        for (let i = 0; i < 2000; i++) {
            const n = `n${i}`;
            fixtures.push(
                resource(NSG, `${n}Nsg`, { resourceGroupName: RG, networkSecurityGroupName: `nsg-${n}`, securityRules: i % 2 === 0 ? [allowRdp] : [] }),
                resource(VNET, `${n}Vnet`, { resourceGroupName: RG, virtualNetworkName: `vnet-${n}`, subnets: [{ name: "default", addressPrefix: "10.0.0.0/24" }] }),
                resource(PIP, `${n}Pip`, { resourceGroupName: RG, publicIpAddressName: `pip-${n}`, sku: { name: "Standard" } }),
                resource(NIC, `${n}Nic`, {
                    resourceGroupName: RG,
                    networkInterfaceName: `nic-${n}`,
                    networkSecurityGroup: { id: ref(`${n}Nsg`) },
                    ipConfigurations: [{ name: "ip", subnet: { id: ref(`${n}Vnet`, "id", "/subnets/default") }, publicIPAddress: { id: ref(`${n}Pip`) } }],
                }),
                vm(`${n}Vm`, `${n}Nic`),
            );
        }
        for (const mode of ["known", "first-preview"] as Mode[]) {
            const graph = buildExposureGraph(viewOf(fixtures, mode));
            const reach = new Reachability(graph, NO_APPROVALS);
            const open = graph.machines.filter((m) => reach.machine(m, { port: 3389, protocol: "tcp" }).kind === "open");
            expect(graph.machines).toHaveLength(2000);
            expect(open).toHaveLength(1000);
        }
    });
});
