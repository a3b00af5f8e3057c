// vm-not-directly-reachable through the engine protocol: DESIGN §3a's truth table per VM and port —
// a public path (public IP, scale set instance public IPs, public load balancer NAT rule, NAT pool
// or load-balancing rule) and NSGs on the NIC and the subnet that all admit the traffic, or no NSG
// at all behind a Basic SKU. Inline and standalone subnets, NSG rules and NAT rules; links through
// propertyDependencies (first preview: every id unknown) and ids (known); config ports and
// approvals; unknown and malformed links by level — in both modes, with exact verdict sets.
import { describe, expect, it } from "vitest";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, secret, SUBSCRIPTION, unknown } from "../harness/stack";

const POLICY = "vm-not-directly-reachable";
const RG = "rg-jump";
const VM = "azure-native:compute:VirtualMachine";
const VMSS = "azure-native:compute:VirtualMachineScaleSet";
const NIC = "azure-native:network:NetworkInterface";
const PIP = "azure-native:network:PublicIPAddress";
const NSG = "azure-native:network:NetworkSecurityGroup";
const RULE = "azure-native:network:SecurityRule";
const VNET = "azure-native:network:VirtualNetwork";
const SUBNET = "azure-native:network:Subnet";
const LB = "azure-native:network:LoadBalancer";
const NAT_RULE = "azure-native:network:InboundNatRule";
const MARKER = "SECRET-MARKER-reach-7b2e";

type Inputs = Record<string, unknown>;

function allow(port: string, overrides: Inputs = {}): Inputs {
    return {
        name: `allow-${port}`,
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        priority: 300,
        sourceAddressPrefix: "*",
        sourcePortRange: "*",
        destinationAddressPrefix: "*",
        destinationPortRange: port,
        ...overrides,
    };
}

const denyInternet: Inputs = {
    name: "deny-internet",
    direction: "Inbound",
    access: "Deny",
    protocol: "*",
    priority: 100,
    sourceAddressPrefix: "Internet",
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: "*",
};

const WINDOWS_IMAGE = { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" };

const lbId = (lbName: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Network/loadBalancers/${lbName}`;

interface LbOptions {
    kind: "public" | "internal";
    sku?: string;
    natRules?: Inputs[];
    natPools?: Inputs[];
    lbRules?: Inputs[];
}

interface Scenario {
    /** `Basic`, `Standard`, or `none` for a public IP without a SKU; omitted: no public IP. */
    pip?: "Basic" | "Standard" | "none";
    nicNsg?: Inputs[];
    subnetNsg?: Inputs[];
    standaloneSubnet?: boolean;
    lb?: LbOptions;
    /** Names of the load balancer's NAT rules the NIC's IP configuration is in. */
    nicNatRules?: string[];
    nicInPool?: boolean;
    ipConfig?: Inputs;
    nic?: Inputs;
    vm?: Inputs;
}

/** A VM with its own network: VNet (one subnet), NIC, and whatever the scenario adds. */
function scenario(vm: string, s: Scenario = {}): FixtureResource[] {
    const lower = vm.toLowerCase();
    const out: FixtureResource[] = [];
    if (s.subnetNsg) {
        out.push(nsg(`${vm}SubnetNsg`, s.subnetNsg));
    }
    if (s.nicNsg) {
        out.push(nsg(`${vm}NicNsg`, s.nicNsg));
    }
    const subnetNsgRef = s.subnetNsg ? { networkSecurityGroup: { id: ref(`${vm}SubnetNsg`) } } : {};
    out.push(
        resource(VNET, `${vm}Vnet`, {
            resourceGroupName: RG,
            virtualNetworkName: `vnet-${lower}`,
            location: "westeurope",
            addressSpace: { addressPrefixes: ["10.20.0.0/16"] },
            ...(s.standaloneSubnet ? {} : { subnets: [{ name: "default", addressPrefix: "10.20.1.0/24", ...subnetNsgRef }] }),
        }),
    );
    if (s.standaloneSubnet) {
        out.push(
            resource(SUBNET, `${vm}Subnet`, {
                resourceGroupName: RG,
                virtualNetworkName: ref(`${vm}Vnet`, "name"),
                subnetName: "default",
                addressPrefix: "10.20.1.0/24",
                ...subnetNsgRef,
            }),
        );
    }
    if (s.pip) {
        out.push(
            resource(PIP, `${vm}Pip`, {
                resourceGroupName: RG,
                publicIpAddressName: `pip-${lower}`,
                location: "westeurope",
                publicIPAllocationMethod: s.pip === "Standard" ? "Static" : "Dynamic",
                ...(s.pip === "none" ? {} : { sku: { name: s.pip } }),
            }),
        );
    }
    if (s.lb) {
        out.push(...loadBalancer(vm, s.lb));
    }
    out.push(
        resource(NIC, `${vm}Nic`, {
            resourceGroupName: RG,
            networkInterfaceName: `nic-${lower}`,
            location: "westeurope",
            ...(s.nicNsg ? { networkSecurityGroup: { id: ref(`${vm}NicNsg`) } } : {}),
            ipConfigurations: [
                {
                    name: "ipconfig1",
                    privateIPAllocationMethod: "Dynamic",
                    subnet: { id: s.standaloneSubnet ? ref(`${vm}Subnet`) : ref(`${vm}Vnet`, "id", "/subnets/default") },
                    ...(s.pip ? { publicIPAddress: { id: ref(`${vm}Pip`) } } : {}),
                    ...(s.nicNatRules ? { loadBalancerInboundNatRules: s.nicNatRules.map((n) => ({ id: ref(`${vm}Lb`, "id", `/inboundNatRules/${n}`) })) } : {}),
                    ...(s.nicInPool ? { loadBalancerBackendAddressPools: [{ id: ref(`${vm}Lb`, "id", "/backendAddressPools/pool") }] } : {}),
                    ...s.ipConfig,
                },
            ],
            ...s.nic,
        }),
    );
    out.push(windowsVm(vm, `${vm}Nic`, s.vm));
    return out;
}

function nsg(name: string, rules: unknown, extra: Inputs = {}): FixtureResource {
    return resource(NSG, name, {
        resourceGroupName: RG,
        networkSecurityGroupName: `nsg-${name.toLowerCase()}`,
        location: "westeurope",
        securityRules: rules,
        ...extra,
    });
}

function loadBalancer(vm: string, o: LbOptions): FixtureResource[] {
    const lbName = `lb-${vm.toLowerCase()}`;
    const fe = { id: `${lbId(lbName)}/frontendIPConfigurations/fe` };
    const pool = { id: `${lbId(lbName)}/backendAddressPools/pool` };
    const out: FixtureResource[] = [];
    if (o.kind === "public") {
        out.push(
            resource(PIP, `${vm}LbPip`, {
                resourceGroupName: RG,
                publicIpAddressName: `pip-lb-${vm.toLowerCase()}`,
                location: "westeurope",
                publicIPAllocationMethod: "Static",
                sku: { name: o.sku ?? "Standard" },
            }),
        );
    }
    const frontend =
        o.kind === "public"
            ? { name: "fe", publicIPAddress: { id: ref(`${vm}LbPip`) } }
            : { name: "fe", privateIPAllocationMethod: "Dynamic", subnet: { id: ref(`${vm}Vnet`, "id", "/subnets/default") } };
    out.push(
        resource(LB, `${vm}Lb`, {
            resourceGroupName: RG,
            loadBalancerName: lbName,
            location: "westeurope",
            ...(o.sku === "none" ? {} : { sku: { name: o.sku ?? "Standard" } }),
            frontendIPConfigurations: [frontend],
            backendAddressPools: [{ name: "pool" }],
            ...(o.natRules ? { inboundNatRules: o.natRules.map((r) => ({ frontendIPConfiguration: fe, ...r })) } : {}),
            ...(o.natPools ? { inboundNatPools: o.natPools.map((r) => ({ frontendIPConfiguration: fe, ...r })) } : {}),
            ...(o.lbRules ? { loadBalancingRules: o.lbRules.map((r) => ({ frontendIPConfiguration: fe, backendAddressPool: pool, ...r })) } : {}),
        }),
    );
    return out;
}

function windowsVm(name: string, nicName: string, extra: Inputs = {}): FixtureResource {
    return resource(VM, name, {
        resourceGroupName: RG,
        vmName: `vm-${name.toLowerCase()}`,
        location: "westeurope",
        hardwareProfile: { vmSize: "Standard_B2s" },
        identity: { type: "SystemAssigned" },
        osProfile: { computerName: "jump01", adminUsername: "breakglass", adminPassword: secret(MARKER), windowsConfiguration: { enableAutomaticUpdates: true } },
        storageProfile: { imageReference: WINDOWS_IMAGE, osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } } },
        networkProfile: { networkInterfaces: [{ id: ref(nicName), primary: true }] },
        ...extra,
    });
}

/** A scale set with one NIC configuration and its own VNet; `ipConfig` adds the public side. */
function scaleSet(name: string, s: { nsg?: Inputs[]; ipConfig?: Inputs; lb?: LbOptions } = {}): FixtureResource[] {
    const out: FixtureResource[] = [];
    if (s.nsg) {
        out.push(nsg(`${name}Nsg`, s.nsg));
    }
    out.push(
        resource(VNET, `${name}Vnet`, {
            resourceGroupName: RG,
            virtualNetworkName: `vnet-${name.toLowerCase()}`,
            location: "westeurope",
            addressSpace: { addressPrefixes: ["10.30.0.0/16"] },
            subnets: [{ name: "default", addressPrefix: "10.30.1.0/24" }],
        }),
    );
    if (s.lb) {
        out.push(...loadBalancer(name, s.lb));
    }
    out.push(
        resource(VMSS, name, {
            resourceGroupName: RG,
            vmScaleSetName: `vmss-${name.toLowerCase()}`,
            location: "westeurope",
            sku: { name: "Standard_B2s", capacity: 2 },
            upgradePolicy: { mode: "Manual" },
            identity: { type: "SystemAssigned" },
            virtualMachineProfile: {
                osProfile: { computerNamePrefix: "jump", adminUsername: "breakglass", adminPassword: secret(MARKER), windowsConfiguration: {} },
                storageProfile: { imageReference: WINDOWS_IMAGE, osDisk: { createOption: "FromImage" } },
                networkProfile: {
                    networkInterfaceConfigurations: [
                        {
                            name: "nic",
                            primary: true,
                            ...(s.nsg ? { networkSecurityGroup: { id: ref(`${name}Nsg`) } } : {}),
                            ipConfigurations: [{ name: "ipconfig", subnet: { id: ref(`${name}Vnet`, "id", "/subnets/default") }, ...s.ipConfig }],
                        },
                    ],
                },
            },
        }),
    );
    return out;
}

const expected = (names: string[], level: "mandatory" | "advisory" = "mandatory") => names.map((n) => `${POLICY} ${n} ${level}`);

// ---------------------------------------------------------------------------------------------
// The truth table

const reachable: FixtureResource[] = [
    ...scenario("invalidNicNsgVm", { pip: "Standard", nicNsg: [allow("3389")] }),
    ...scenario("invalidSubnetNsgVm", { pip: "Standard", subnetNsg: [allow("3389", { sourceAddressPrefix: "Internet" })] }),
    ...scenario("invalidStandaloneSubnetVm", { pip: "Standard", standaloneSubnet: true, subnetNsg: [allow("3389")] }),
    ...scenario("invalidBothNsgsVm", { pip: "Standard", nicNsg: [allow("3389")], subnetNsg: [allow("3000-4000", { sourceAddressPrefix: "0.0.0.0/0" })] }),
    ...scenario("invalidBasicPipVm", { pip: "Basic" }),
    ...scenario("invalidNoSkuPipVm", { pip: "none" }),
    ...scenario("invalidLbNatVm", {
        lb: { kind: "public", natRules: [{ name: "ssh-vm1", protocol: "Tcp", frontendPort: 50022, backendPort: 22 }] },
        nicNatRules: ["ssh-vm1"],
        nicNsg: [allow("22")],
    }),
    ...scenario("invalidLbRuleVm", {
        lb: { kind: "public", lbRules: [{ name: "rdp", protocol: "Tcp", frontendPort: 443, backendPort: 3389 }] },
        nicInPool: true,
        subnetNsg: [allow("3389")],
    }),
    ...scenario("invalidBasicLbVm", {
        lb: { kind: "public", sku: "Basic", natRules: [{ name: "winrm", protocol: "Tcp", frontendPort: 55986, backendPort: 5986 }] },
        nicNatRules: ["winrm"],
    }),
    ...scaleSet("invalidPipVmss", { nsg: [allow("3389")], ipConfig: { publicIPAddressConfiguration: { name: "instance-ip", sku: { name: "Standard" }, idleTimeoutInMinutes: 15 } } }),
    ...scaleSet("invalidNoSkuPipVmss", { ipConfig: { publicIPAddressConfiguration: { name: "instance-ip" } } }),
    ...scaleSet("invalidNatPoolVmss", {
        nsg: [allow("22")],
        lb: { kind: "public", natPools: [{ name: "ssh", protocol: "Tcp", frontendPortRangeStart: 50000, frontendPortRangeEnd: 50099, backendPort: 22 }] },
        ipConfig: { loadBalancerInboundNatPools: [{ id: ref("invalidNatPoolVmssLb", "id", "/inboundNatPools/ssh") }] },
    }),
];

const notReachable: FixtureResource[] = [
    ...scenario("validSubnetDeniesVm", { pip: "Standard", nicNsg: [allow("3389")], subnetNsg: [denyInternet] }),
    ...scenario("validNicDeniesVm", { pip: "Basic", nicNsg: [denyInternet, allow("3389")], subnetNsg: [allow("3389")] }),
    ...scenario("validDisjointSourcesVm", {
        pip: "Standard",
        nicNsg: [allow("3389", { sourceAddressPrefix: "198.51.100.0/24" })],
        subnetNsg: [allow("3389", { sourceAddressPrefix: "203.0.113.0/24" })],
    }),
    ...scenario("validStandardNoNsgVm", { pip: "Standard" }),
    ...scenario("validPrivateVm", { nicNsg: [allow("3389")] }),
    ...scenario("validPrivateSourceVm", { pip: "Basic", nicNsg: [allow("3389", { sourceAddressPrefix: "10.0.0.0/8" })] }),
    ...scenario("validOtherPortVm", { pip: "Standard", nicNsg: [allow("443")] }),
    ...scenario("validInternalLbVm", {
        lb: { kind: "internal", natRules: [{ name: "ssh-vm1", protocol: "Tcp", frontendPort: 50022, backendPort: 22 }] },
        nicNatRules: ["ssh-vm1"],
        nicNsg: [allow("22")],
    }),
    ...scenario("validLbWebOnlyVm", {
        lb: { kind: "public", lbRules: [{ name: "https", protocol: "Tcp", frontendPort: 443, backendPort: 443 }] },
        nicInPool: true,
        nicNsg: [allow("*")],
    }),
    ...scenario("validStandardLbNoNsgVm", {
        lb: { kind: "public", natRules: [{ name: "rdp", protocol: "Tcp", frontendPort: 53389, backendPort: 3389 }] },
        nicNatRules: ["rdp"],
    }),
    ...scaleSet("validPrivateVmss", { nsg: [allow("3389")] }),
    ...scaleSet("validStandardPipVmss", { ipConfig: { publicIPAddressConfiguration: { name: "instance-ip", sku: { name: "Standard" } } } }),
];

describe.each<Mode>(["known", "first-preview"])("vm-not-directly-reachable (%s ids)", (mode) => {
    it("reports every VM and scale set with a public path its NSGs let through", async () => {
        const result = await run([...reachable, ...notReachable], { mode });
        expect(verdicts(result, POLICY)).toEqual(
            expected([
                "invalidBasicLbVm",
                "invalidBasicPipVm",
                "invalidBothNsgsVm",
                "invalidLbNatVm",
                "invalidLbRuleVm",
                "invalidNatPoolVmss",
                "invalidNicNsgVm",
                "invalidNoSkuPipVm",
                // A Basic public IP with no NSG admits every port: RDP, SSH and both WinRM ports.
                "invalidNoSkuPipVm",
                "invalidNoSkuPipVm",
                "invalidNoSkuPipVm",
                "invalidBasicPipVm",
                "invalidBasicPipVm",
                "invalidBasicPipVm",
                "invalidNoSkuPipVmss",
                "invalidNoSkuPipVmss",
                "invalidNoSkuPipVmss",
                "invalidNoSkuPipVmss",
                "invalidPipVmss",
                "invalidStandaloneSubnetVm",
                "invalidSubnetNsgVm",
            ]).sort(),
        );
        expect(messagesOf(result).some((m) => /can't run policy/i.test(m))).toBe(false);
    });

    it("spells the path: public IP or load balancer rule → NIC and its NSG rule → subnet and its NSG", async () => {
        const result = await run([...reachable, ...notReachable], { mode });
        const of = (name: string) =>
            result.findings.filter((f) => f.policyName === POLICY && f.urn.endsWith(`::${name}`)).map((f) => f.message);
        const fix =
            "Remove the public path (the public IP, or the load balancer rule) or make the NIC's or subnet's NSG deny internet sources for this port; reach the machine through Azure Bastion or just-in-time VM access instead. A source that must stay open can be approved in allowedSourcePrefixes.";
        expect(of("invalidNicNsgVm")).toEqual([
            `Port 3389 (RDP) is reachable from the internet over TCP: public IP invalidNicNsgVmPip → NIC invalidNicNsgVmNic → NSG invalidNicNsgVmNicNsg rule allow-3389 (source *) → subnet default of invalidNicNsgVmVnet (no NSG). ${fix}`,
        ]);
        expect(of("invalidSubnetNsgVm")).toEqual([
            `Port 3389 (RDP) is reachable from the internet over TCP: public IP invalidSubnetNsgVmPip → NIC invalidSubnetNsgVmNic (no NSG) → subnet default of invalidSubnetNsgVmVnet → NSG invalidSubnetNsgVmSubnetNsg rule allow-3389 (source service tag Internet). ${fix}`,
        ]);
        expect(of("invalidStandaloneSubnetVm")[0]).toContain("→ subnet invalidStandaloneSubnetVmSubnet → NSG invalidStandaloneSubnetVmSubnetNsg rule allow-3389 (source *)");
        expect(of("invalidLbNatVm")).toEqual([
            `Port 22 (SSH) is reachable from the internet over TCP: load balancer invalidLbNatVmLb inbound NAT rule ssh-vm1 → NIC invalidLbNatVmNic → NSG invalidLbNatVmNicNsg rule allow-22 (source *) → subnet default of invalidLbNatVmVnet (no NSG). ${fix}`,
        ]);
        expect(of("invalidLbRuleVm")[0]).toContain(
            "over TCP: load balancer invalidLbRuleVmLb load-balancing rule rdp → backend pool pool → NIC invalidLbRuleVmNic (no NSG) → subnet default of invalidLbRuleVmVnet → NSG invalidLbRuleVmSubnetNsg rule allow-3389 (source *).",
        );
        expect(of("invalidNoSkuPipVm")).toContain(
            `Port 3389 (RDP) is reachable from the internet over TCP and UDP: public IP invalidNoSkuPipVmPip → NIC invalidNoSkuPipVmNic (no NSG) → subnet default of invalidNoSkuPipVmVnet (no NSG) (with no NSG on the NIC or its subnet, a Basic public IP (no SKU set; Basic is the default) lets all inbound traffic through). ${fix}`,
        );
        expect(of("invalidBasicLbVm")[0]).toContain("a Basic load balancer lets all inbound traffic through");
        expect(of("invalidPipVmss")[0]).toContain(
            "over TCP: instance public IPs instance-ip → NIC configuration nic → NSG invalidPipVmssNsg rule allow-3389 (source *) → subnet default of invalidPipVmssVnet (no NSG).",
        );
        expect(of("invalidNatPoolVmss")[0]).toContain("load balancer invalidNatPoolVmssLb inbound NAT pool ssh → NIC configuration nic → NSG invalidNatPoolVmssNsg");
        expect(JSON.stringify(messagesOf(result))).not.toContain(MARKER);
    });

    it("admits UDP to 3389 like TCP", async () => {
        const fixtures = scenario("invalidUdpVm", { pip: "Standard", nicNsg: [allow("3389", { protocol: "Udp" })] });
        const result = await run(fixtures, { mode });
        expect(verdicts(result, POLICY)).toEqual(expected(["invalidUdpVm"]));
        expect(messagesOf(result).find((m) => m.startsWith("Port 3389"))).toContain("reachable from the internet over UDP: ");
    });

    it("joins standalone security rules to the NIC's NSG, by dependency or by name", async () => {
        const fixtures = [
            ...scenario("invalidStandaloneRuleVm", { pip: "Standard", nicNsg: [] }),
            resource(RULE, "standaloneAllowRdp", {
                resourceGroupName: RG,
                networkSecurityGroupName: ref("invalidStandaloneRuleVmNicNsg", "name"),
                securityRuleName: "allow-rdp",
                ...(({ name, ...rest }) => rest)(allow("3389")),
            }),
            ...scenario("validStandaloneDenyVm", { pip: "Standard", nicNsg: [allow("3389")] }),
            resource(RULE, "standaloneDeny", {
                resourceGroupName: RG,
                networkSecurityGroupName: "NSG-VALIDSTANDALONEDENYVMNICNSG",
                securityRuleName: "deny-internet",
                ...(({ name, ...rest }) => rest)(denyInternet),
            }),
        ];
        const result = await run(fixtures, { mode });
        expect(verdicts(result, POLICY)).toEqual(expected(["invalidStandaloneRuleVm"]));
        expect(messagesOf(result).find((m) => m.startsWith("Port 3389"))).toContain("→ NSG invalidStandaloneRuleVmNicNsg rule allow-rdp (source *) →");
    });

    it("joins a standalone NAT rule to its load balancer and the NIC", async () => {
        const fixtures = [
            ...scenario("invalidStandaloneNatVm", { lb: { kind: "public" }, nicNsg: [allow("22")] }).filter((f) => f.name !== "invalidStandaloneNatVmNic" && f.name !== "invalidStandaloneNatVm"),
            resource(NAT_RULE, "sshNatRule", {
                resourceGroupName: RG,
                loadBalancerName: ref("invalidStandaloneNatVmLb", "name"),
                inboundNatRuleName: "ssh-vm1",
                frontendIPConfiguration: { id: `${lbId("lb-invalidstandalonenatvm")}/frontendIPConfigurations/fe` },
                protocol: "Tcp",
                frontendPort: 50022,
                backendPort: 22,
            }),
            resource(NIC, "invalidStandaloneNatVmNic", {
                resourceGroupName: RG,
                networkInterfaceName: "nic-standalone-nat",
                location: "westeurope",
                networkSecurityGroup: { id: ref("invalidStandaloneNatVmNicNsg") },
                ipConfigurations: [
                    {
                        name: "ipconfig1",
                        subnet: { id: ref("invalidStandaloneNatVmVnet", "id", "/subnets/default") },
                        loadBalancerInboundNatRules: [{ id: ref("sshNatRule") }],
                    },
                ],
            }),
            windowsVm("invalidStandaloneNatVm", "invalidStandaloneNatVmNic"),
        ];
        const result = await run(fixtures, { mode });
        expect(verdicts(result, POLICY)).toEqual(expected(["invalidStandaloneNatVm"]));
        expect(messagesOf(result).find((m) => m.startsWith("Port 22"))).toContain("load balancer invalidStandaloneNatVmLb inbound NAT rule ssh-vm1 → NIC invalidStandaloneNatVmNic");
    });

    it("checks only the configured ports and honours allowedSourcePrefixes", async () => {
        const fixtures = [
            ...scenario("invalidRdpVm", { pip: "Standard", nicNsg: [allow("3389")] }),
            ...scenario("invalidSshVm", { pip: "Standard", nicNsg: [allow("22")] }),
            ...scenario("invalidAdminAddressVm", { pip: "Standard", nicNsg: [allow("3389", { sourceAddressPrefix: "198.51.100.10" })] }),
            ...scenario("invalidWebVm", { pip: "Standard", nicNsg: [allow("8443")] }),
        ];
        expect(verdicts(await run(fixtures, { mode }), POLICY)).toEqual(expected(["invalidAdminAddressVm", "invalidRdpVm", "invalidSshVm"]));
        const rdpOnly = await run(fixtures, { mode, policyConfig: { [POLICY]: { ports: [3389] } } });
        expect(verdicts(rdpOnly, POLICY)).toEqual(expected(["invalidAdminAddressVm", "invalidRdpVm"]));
        const withWeb = await run(fixtures, { mode, policyConfig: { [POLICY]: { ports: [3389, 8443] } } });
        expect(verdicts(withWeb, POLICY)).toEqual(expected(["invalidAdminAddressVm", "invalidRdpVm", "invalidWebVm"]));
        const approved = await run(fixtures, { mode, policyConfig: { [POLICY]: { allowedSourcePrefixes: ["198.51.100.10/32"] } } });
        expect(verdicts(approved, POLICY)).toEqual(expected(["invalidRdpVm", "invalidSshVm"]));
    });

    it("reports an allowedSourcePrefixes entry that approves nothing", async () => {
        const result = await run(scenario("validPrivateVm"), { mode, policyConfig: { [POLICY]: { allowedSourcePrefixes: ["10.0.0.0/33"] } } });
        expect(verdicts(result, POLICY)).toEqual([`${POLICY} (stack) mandatory`]);
    });

    // -----------------------------------------------------------------------------------------
    // Links that cannot be decided

    const EXTERNAL_NSG = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-hub/providers/Microsoft.Network/networkSecurityGroups/nsg-shared`;
    const unverifiable: FixtureResource[] = [
        // No dependency and an id unknown in every mode: the subnet (and its NSG) cannot be told.
        ...scenario("invalidUnknownSubnetVm", { pip: "Standard", nicNsg: [allow("3389")], ipConfig: { subnet: { id: unknown() } } }),
        // An NSG outside the stack: its rules cannot be read.
        ...scenario("invalidExternalNsgVm", { pip: "Standard", nic: { networkSecurityGroup: { id: EXTERNAL_NSG } } }),
        // An NSG whose Deny rule's priority is unknown.
        ...scenario("invalidUnknownPriorityVm", { pip: "Standard", nicNsg: [allow("3389"), { ...denyInternet, priority: unknown() }] }),
        // Unknowns that do not matter: the NIC's NSG denies anyway; the SKU matters only without NSGs.
        ...scenario("validUnknownSubnetDeniedVm", { pip: "Basic", nicNsg: [denyInternet], ipConfig: { subnet: { id: unknown() } } }),
    ];
    const decided = [...scenario("invalidNicNsgVm", { pip: "Standard", nicNsg: [allow("3389")] }), ...scenario("validStandardNoNsgVm", { pip: "Standard" })];

    it("makes an undecidable link advisory below privileged, without stopping the rest of the stack", async () => {
        const result = await run([...unverifiable, ...decided], { mode });
        expect(verdicts(result, POLICY)).toEqual([
            ...expected(["invalidExternalNsgVm"], "advisory"),
            ...expected(["invalidNicNsgVm"]),
            ...expected(["invalidUnknownPriorityVm", "invalidUnknownSubnetVm"], "advisory"),
        ]);
        const messages = messagesOf(result);
        expect(messages).toContain(
            "Cannot verify that port 3389 (RDP) is not reachable from the internet: NIC invalidUnknownSubnetVmNic ipConfigurations[0].subnet.id is unknown until deployment and depends on no subnet of this stack (level: enterprise; what cannot be verified blocks at the privileged level). Reference resources of this stack, or use values known at preview time, or re-run the check once they are known.",
        );
        expect(messages).toContain(
            "Cannot verify that port 22 (SSH), 3389 (RDP), 5985 (WinRM) or 5986 (WinRM over HTTPS) is not reachable from the internet: NIC invalidExternalNsgVmNic networkSecurityGroup.id names a network security group that is not in this stack (level: enterprise; what cannot be verified blocks at the privileged level). Reference resources of this stack, or use values known at preview time, or re-run the check once they are known.",
        );
        expect(messages.find((m) => m.includes("invalidUnknownPriorityVmNicNsg"))).toContain("NSG invalidUnknownPriorityVmNicNsg securityRules[1].priority is unknown until deployment");
        expect(messages.some((m) => /can't run policy/i.test(m))).toBe(false);
    });

    it("blocks an undecidable link at privileged: by stack tag or by the VM's own tag", async () => {
        const privileged = await run([...unverifiable, ...decided], { mode, stackTags: { securityLevel: "privileged" } });
        expect(verdicts(privileged, POLICY)).toEqual(
            expected(["invalidExternalNsgVm", "invalidNicNsgVm", "invalidUnknownPriorityVm", "invalidUnknownSubnetVm"]),
        );
        const tagged = scenario("invalidTaggedVm", {
            pip: "Standard",
            nicNsg: [allow("3389")],
            ipConfig: { subnet: { id: unknown() } },
            vm: { tags: { securityLevel: "Privileged" } },
        });
        const untagged = scenario("invalidUnknownSubnetVm", { pip: "Standard", nicNsg: [allow("3389")], ipConfig: { subnet: { id: unknown() } } });
        expect(verdicts(await run([...tagged, ...untagged], { mode }), POLICY)).toEqual([
            ...expected(["invalidTaggedVm"]),
            ...expected(["invalidUnknownSubnetVm"], "advisory"),
        ]);
        const specialized = await run(unverifiable, { mode, stackTags: { securityLevel: "specialized" } });
        expect(verdicts(specialized, POLICY)).toEqual(expected(["invalidExternalNsgVm", "invalidUnknownPriorityVm", "invalidUnknownSubnetVm"], "advisory"));
    });

    it("judges an invalid level at privileged and says so", async () => {
        const fixtures = scenario("invalidTypoVm", {
            pip: "Standard",
            nicNsg: [allow("3389")],
            ipConfig: { subnet: { id: unknown() } },
            vm: { tags: { securityLevel: "privilegd" } },
        });
        const result = await run(fixtures, { mode });
        expect(verdicts(result, POLICY)).toEqual(expected(["invalidTypoVm", "invalidTypoVm"]));
        expect(messagesOf(result).join("\n")).toContain("is not one of enterprise, specialized or privileged");
    });

    it("turns malformed links into one mandatory finding naming the property, never an exception", async () => {
        const fixtures = [
            ...scenario("invalidIpConfigsStringVm", { pip: "Standard", nic: { ipConfigurations: "10.20.1.4" } }),
            ...scenario("invalidNicIdNumberVm", { pip: "Basic", vm: { networkProfile: { networkInterfaces: [{ id: 42 }] } } }),
            ...scenario("invalidSkuWordVm", { pip: "Standard", ipConfig: {} }).map((f) =>
                f.name === "invalidSkuWordVmPip" ? resource(PIP, f.name, { ...f.inputs, sku: { name: "Premium" } }) : f,
            ),
            ...scenario("invalidNoSubnetVm", { pip: "Basic", ipConfig: { subnet: undefined } }),
            ...scenario("invalidSecretSourceVm", { pip: "Standard", nicNsg: [allow("3389", { sourceAddressPrefix: MARKER, description: secret(MARKER) })] }),
            ...scenario("invalidBadPortVm", { pip: "Standard", nicNsg: [allow("33-89-1")] }),
        ];
        const result = await run(fixtures, { mode });
        expect(verdicts(result, POLICY)).toEqual(
            expected(["invalidBadPortVm", "invalidIpConfigsStringVm", "invalidNicIdNumberVm", "invalidNoSubnetVm", "invalidSecretSourceVm", "invalidSkuWordVm"]),
        );
        const of = (name: string) => result.findings.filter((f) => f.policyName === POLICY && f.urn.endsWith(`::${name}`)).map((f) => f.message);
        expect(of("invalidIpConfigsStringVm")[0]).toMatch(/^Cannot decide whether port .* is reachable from the internet: NIC invalidIpConfigsStringVmNic ipConfigurations is missing or cannot be interpreted\./);
        expect(of("invalidNicIdNumberVm")[0]).toContain(": VM invalidNicIdNumberVm networkProfile.networkInterfaces[0].id is missing or cannot be interpreted.");
        expect(of("invalidSkuWordVm")[0]).toContain(": public IP invalidSkuWordVmPip sku.name is missing or cannot be interpreted.");
        expect(of("invalidNoSubnetVm")[0]).toContain(": NIC invalidNoSubnetVmNic ipConfigurations[0].subnet is missing or cannot be interpreted.");
        // A word that is not an address reads as a service tag: an internet source, never quoted.
        expect(of("invalidSecretSourceVm")[0]).toContain("→ NSG invalidSecretSourceVmNicNsg rule allow-3389 (source a service tag) →");
        expect(of("invalidBadPortVm")).toEqual([
            "Cannot decide whether port 22 (SSH), 3389 (RDP), 5985 (WinRM) or 5986 (WinRM over HTTPS) is reachable from the internet: NSG invalidBadPortVmNicNsg securityRules[0].destinationPortRange is missing or cannot be interpreted. Fix these values so that Azure reads them as intended (references as { id: … }, ports as numbers, SKUs and enum words as Azure names them).",
        ]);
        expect(JSON.stringify(messagesOf(result))).not.toContain(MARKER);
        expect(messagesOf(result).every((m) => !/exception|TypeError|stack trace/i.test(m))).toBe(true);
    });

    it("matches version-qualified type tokens", async () => {
        const fixtures = scenario("invalidVersionedVm", { pip: "Standard", nicNsg: [allow("3389")] }).map((f) =>
            resource(f.type.replace(/^azure-native:(\w+):/, "azure-native:$1/v20240301:"), f.name, f.inputs),
        );
        expect(verdicts(await run(fixtures, { mode }), POLICY)).toEqual(expected(["invalidVersionedVm"]));
    });
});

describe("vm-not-directly-reachable: what only ids can tell", () => {
    // Two subnets, and the NIC's subnet id is `${vnet.id}/subnets/jump`: known once the VNet exists,
    // unknown in the first preview, when the dependency names the VNet but not which of its subnets.
    const fixtures: FixtureResource[] = [
        nsg("jumpSubnetNsg", [denyInternet]),
        resource(VNET, "hubVnet", {
            resourceGroupName: RG,
            virtualNetworkName: "vnet-hub",
            location: "westeurope",
            addressSpace: { addressPrefixes: ["10.40.0.0/16"] },
            subnets: [
                { name: "web", addressPrefix: "10.40.0.0/24" },
                { name: "jump", addressPrefix: "10.40.1.0/24", networkSecurityGroup: { id: ref("jumpSubnetNsg") } },
            ],
        }),
        resource(PIP, "jumpPip", { resourceGroupName: RG, publicIpAddressName: "pip-jump", location: "westeurope", publicIPAllocationMethod: "Dynamic", sku: { name: "Basic" } }),
        resource(NIC, "jumpNic", {
            resourceGroupName: RG,
            networkInterfaceName: "nic-jump",
            location: "westeurope",
            ipConfigurations: [{ name: "ipconfig1", subnet: { id: ref("hubVnet", "id", "/subnets/jump") }, publicIPAddress: { id: ref("jumpPip") } }],
        }),
        windowsVm("validJumpVm", "jumpNic"),
    ];

    it("passes with known ids: the jump subnet's NSG denies the internet", async () => {
        expect(verdicts(await run(fixtures, { mode: "known" }), POLICY)).toEqual([]);
    });

    it("cannot tell in the first preview which subnet it is, and says so (advisory below privileged)", async () => {
        const result = await run(fixtures, { mode: "first-preview" });
        expect(verdicts(result, POLICY)).toEqual(expected(["validJumpVm"], "advisory"));
        expect(messagesOf(result).find((m) => m.includes("validJumpVm") || m.includes("jumpNic"))).toContain(
            "NIC jumpNic ipConfigurations[0].subnet.id may name any of several subnets it depends on",
        );
    });
});
