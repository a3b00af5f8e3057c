// vm-not-directly-reachable on both providers: each scenario — a machine, its NIC, subnet, NSGs,
// public IP or load balancer — is written once per provider and must give the same verdicts. On
// classic the links are association resources (NIC ↔ NSG, subnet ↔ NSG, NIC ↔ pool, NIC ↔ NAT rule),
// scale sets carry their NICs inline, and a public IP without `sku` is Standard from provider major
// 6 (Basic before, and when the provider version is not known) while `Dynamic` allocation is Basic.
import { describe, expect, it } from "vitest";
import { Evaluation, resourceNameOf } from "../../checker/engine/evaluate";
import { run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, secret, unknown } from "../harness/stack";

const POLICY = "vm-not-directly-reachable";
const RG = "rg-jump";
const V6 = "6.40.0";

type Rule = Record<string, unknown>;

function allow(port: string, source = "*"): Rule {
    return {
        name: `allow-${port}`,
        priority: 300,
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        sourcePortRange: "*",
        destinationPortRange: port,
        sourceAddressPrefix: source,
        destinationAddressPrefix: "*",
    };
}

const DENY_INTERNET: Rule = { ...allow("*", "Internet"), name: "deny-internet", priority: 100, access: "Deny", protocol: "*" };

interface PublicIp {
    sku?: "Basic" | "Standard";
    dynamic?: boolean;
}

interface Scenario {
    name: string;
    pip?: PublicIp;
    nicNsg?: Rule[];
    subnetNsg?: Rule[];
    /** A public Standard load balancer in front of the NIC: a NAT rule to this backend port, or a pool behind a load-balancing rule. */
    lb?: { natRuleTo?: number; lbRuleTo?: number };
}

const SCENARIOS: Scenario[] = [
    { name: "invalidPublicRdpVm", pip: { sku: "Standard" }, nicNsg: [allow("3389")] },
    { name: "validPrivateVm", nicNsg: [allow("3389")] },
    { name: "validSubnetDeniesVm", pip: { sku: "Standard" }, nicNsg: [allow("3389")], subnetNsg: [DENY_INTERNET, allow("3389")] },
    { name: "invalidBothAllowVm", pip: { sku: "Standard" }, nicNsg: [allow("22")], subnetNsg: [allow("*")] },
    { name: "invalidBasicNoNsgVm", pip: { sku: "Basic" } },
    { name: "invalidDynamicNoNsgVm", pip: { dynamic: true } },
    { name: "validStandardNoNsgVm", pip: { sku: "Standard" } },
    { name: "invalidNatRuleVm", lb: { natRuleTo: 3389 }, nicNsg: [allow("3389")] },
    { name: "validNatRuleDeniedVm", lb: { natRuleTo: 3389 }, nicNsg: [DENY_INTERNET] },
    { name: "invalidPoolVm", lb: { lbRuleTo: 22 }, subnetNsg: [allow("22", "Internet")] },
];

// One finding per machine and port: with no NSG, a Basic public IP admits every management port.
const EVERY_PORT = 4;
const EXPECTED = [
    "invalidPublicRdpVm",
    "invalidBothAllowVm",
    ...Array<string>(EVERY_PORT).fill("invalidBasicNoNsgVm"),
    ...Array<string>(EVERY_PORT).fill("invalidDynamicNoNsgVm"),
    "invalidNatRuleVm",
    "invalidPoolVm",
]
    .map((n) => `${POLICY} ${n} mandatory`)
    .sort();

const WINDOWS_IMAGE = { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" };

// ---------------------------------------------------------------------------------------------
// azure-native

function nativeScenario(s: Scenario): FixtureResource[] {
    const n = s.name;
    const lower = n.toLowerCase();
    const out: FixtureResource[] = [];
    const nsg = (name: string, rules: Rule[]) => resource("azure-native:network:NetworkSecurityGroup", name, { resourceGroupName: RG, networkSecurityGroupName: `nsg-${name.toLowerCase()}`, securityRules: rules });
    if (s.subnetNsg) out.push(nsg(`${n}SubnetNsg`, s.subnetNsg));
    if (s.nicNsg) out.push(nsg(`${n}NicNsg`, s.nicNsg));
    out.push(
        resource("azure-native:network:VirtualNetwork", `${n}Vnet`, {
            resourceGroupName: RG,
            virtualNetworkName: `vnet-${lower}`,
            addressSpace: { addressPrefixes: ["10.20.0.0/16"] },
            subnets: [{ name: "default", addressPrefix: "10.20.1.0/24", ...(s.subnetNsg ? { networkSecurityGroup: { id: ref(`${n}SubnetNsg`) } } : {}) }],
        }),
    );
    if (s.pip) {
        out.push(
            resource("azure-native:network:PublicIPAddress", `${n}Pip`, {
                resourceGroupName: RG,
                publicIpAddressName: `pip-${lower}`,
                publicIPAllocationMethod: s.pip.dynamic ? "Dynamic" : "Static",
                ...(s.pip.sku ? { sku: { name: s.pip.sku } } : {}),
            }),
        );
    }
    const lbName = `lb-${lower}`;
    const lbId = `/subscriptions/0/resourceGroups/${RG}/providers/Microsoft.Network/loadBalancers/${lbName}`;
    if (s.lb) {
        out.push(resource("azure-native:network:PublicIPAddress", `${n}LbPip`, { resourceGroupName: RG, publicIpAddressName: `pip-lb-${lower}`, sku: { name: "Standard" } }));
        const fe = { id: `${lbId}/frontendIPConfigurations/fe` };
        out.push(
            resource("azure-native:network:LoadBalancer", `${n}Lb`, {
                resourceGroupName: RG,
                loadBalancerName: lbName,
                sku: { name: "Standard" },
                frontendIPConfigurations: [{ name: "fe", publicIPAddress: { id: ref(`${n}LbPip`) } }],
                backendAddressPools: [{ name: "pool" }],
                ...(s.lb.natRuleTo ? { inboundNatRules: [{ name: "nat", frontendIPConfiguration: fe, protocol: "Tcp", frontendPort: 50001, backendPort: s.lb.natRuleTo }] } : {}),
                ...(s.lb.lbRuleTo
                    ? { loadBalancingRules: [{ name: "rule", frontendIPConfiguration: fe, backendAddressPool: { id: `${lbId}/backendAddressPools/pool` }, protocol: "Tcp", frontendPort: 50022, backendPort: s.lb.lbRuleTo }] }
                    : {}),
            }),
        );
    }
    out.push(
        resource("azure-native:network:NetworkInterface", `${n}Nic`, {
            resourceGroupName: RG,
            networkInterfaceName: `nic-${lower}`,
            ...(s.nicNsg ? { networkSecurityGroup: { id: ref(`${n}NicNsg`) } } : {}),
            ipConfigurations: [
                {
                    name: "ipconfig1",
                    subnet: { id: ref(`${n}Vnet`, "id", "/subnets/default") },
                    ...(s.pip ? { publicIPAddress: { id: ref(`${n}Pip`) } } : {}),
                    ...(s.lb?.natRuleTo ? { loadBalancerInboundNatRules: [{ id: ref(`${n}Lb`, "id", "/inboundNatRules/nat") }] } : {}),
                    ...(s.lb?.lbRuleTo ? { loadBalancerBackendAddressPools: [{ id: ref(`${n}Lb`, "id", "/backendAddressPools/pool") }] } : {}),
                },
            ],
        }),
    );
    out.push(
        resource("azure-native:compute:VirtualMachine", n, {
            resourceGroupName: RG,
            vmName: `vm-${lower}`,
            hardwareProfile: { vmSize: "Standard_B2s" },
            osProfile: { computerName: "jump01", adminUsername: "breakglass", adminPassword: secret("p4ss"), windowsConfiguration: {} },
            storageProfile: { imageReference: WINDOWS_IMAGE },
            networkProfile: { networkInterfaces: [{ id: ref(`${n}Nic`), primary: true }] },
        }),
    );
    return out;
}

// ---------------------------------------------------------------------------------------------
// classic

interface ClassicShape {
    /** Inputs as the provider's Check leaves them: defaults filled in and listed in `__defaults`. */
    afterCheck: boolean;
    providerVersion?: string;
}

function withDefaults(written: Record<string, unknown>, defaults: Record<string, unknown>, shape: ClassicShape): Record<string, unknown> {
    if (!shape.afterCheck) {
        return written;
    }
    const filled = Object.keys(defaults).filter((k) => !(k in written));
    return { ...defaults, ...written, __defaults: filled };
}

function classicScenario(s: Scenario, shape: ClassicShape): FixtureResource[] {
    const n = s.name;
    const lower = n.toLowerCase();
    const at = { providerVersion: shape.providerVersion };
    const out: FixtureResource[] = [];
    const nsg = (name: string, rules: Rule[]) =>
        resource("azure:network/networkSecurityGroup:NetworkSecurityGroup", name, { resourceGroupName: RG, name: `nsg-${name.toLowerCase()}`, location: "westeurope", securityRules: rules }, at);
    out.push(resource("azure:network/virtualNetwork:VirtualNetwork", `${n}Vnet`, { resourceGroupName: RG, name: `vnet-${lower}`, location: "westeurope", addressSpaces: ["10.20.0.0/16"] }, at));
    out.push(
        resource("azure:network/subnet:Subnet", `${n}Subnet`, { resourceGroupName: RG, name: "default", virtualNetworkName: ref(`${n}Vnet`, "name"), addressPrefixes: ["10.20.1.0/24"] }, at),
    );
    if (s.subnetNsg) {
        out.push(nsg(`${n}SubnetNsg`, s.subnetNsg));
        out.push(
            resource("azure:network/subnetNetworkSecurityGroupAssociation:SubnetNetworkSecurityGroupAssociation", `${n}SubnetNsgLink`, {
                subnetId: ref(`${n}Subnet`),
                networkSecurityGroupId: ref(`${n}SubnetNsg`),
            }, at),
        );
    }
    if (s.pip) {
        const written = { resourceGroupName: RG, name: `pip-${lower}`, location: "westeurope", allocationMethod: s.pip.dynamic ? "Dynamic" : "Static", ...(s.pip.sku ? { sku: s.pip.sku } : {}) };
        out.push(resource("azure:network/publicIp:PublicIp", `${n}Pip`, withDefaults(written, { sku: "Standard", skuTier: "Regional", ipVersion: "IPv4", idleTimeoutInMinutes: 4 }, shape), at));
    }
    if (s.lb) {
        out.push(resource("azure:network/publicIp:PublicIp", `${n}LbPip`, { resourceGroupName: RG, name: `pip-lb-${lower}`, location: "westeurope", allocationMethod: "Static", sku: "Standard" }, at));
        out.push(
            resource("azure:lb/loadBalancer:LoadBalancer", `${n}Lb`, {
                resourceGroupName: RG,
                name: `lb-${lower}`,
                location: "westeurope",
                sku: "Standard",
                frontendIpConfigurations: [{ name: "fe", publicIpAddressId: ref(`${n}LbPip`) }],
            }, at),
        );
        out.push(resource("azure:lb/backendAddressPool:BackendAddressPool", `${n}Pool`, { name: "pool", loadbalancerId: ref(`${n}Lb`) }, at));
        if (s.lb.natRuleTo) {
            out.push(
                resource("azure:lb/natRule:NatRule", `${n}Nat`, {
                    resourceGroupName: RG,
                    name: "nat",
                    loadbalancerId: ref(`${n}Lb`),
                    frontendIpConfigurationName: "fe",
                    protocol: "Tcp",
                    frontendPort: 50001,
                    backendPort: s.lb.natRuleTo,
                }, at),
            );
        }
        if (s.lb.lbRuleTo) {
            out.push(
                resource("azure:lb/rule:Rule", `${n}Rule`, {
                    name: "rule",
                    loadbalancerId: ref(`${n}Lb`),
                    frontendIpConfigurationName: "fe",
                    backendAddressPoolIds: [ref(`${n}Pool`)],
                    protocol: "Tcp",
                    frontendPort: 50022,
                    backendPort: s.lb.lbRuleTo,
                }, at),
            );
        }
    }
    out.push(
        resource("azure:network/networkInterface:NetworkInterface", `${n}Nic`, {
            resourceGroupName: RG,
            name: `nic-${lower}`,
            location: "westeurope",
            ipConfigurations: [
                { name: "ipconfig1", subnetId: ref(`${n}Subnet`), privateIpAddressAllocation: "Dynamic", ...(s.pip ? { publicIpAddressId: ref(`${n}Pip`) } : {}) },
            ],
        }, at),
    );
    if (s.nicNsg) {
        out.push(nsg(`${n}NicNsg`, s.nicNsg));
        out.push(
            resource("azure:network/networkInterfaceSecurityGroupAssociation:NetworkInterfaceSecurityGroupAssociation", `${n}NicNsgLink`, {
                networkInterfaceId: ref(`${n}Nic`),
                networkSecurityGroupId: ref(`${n}NicNsg`),
            }, at),
        );
    }
    if (s.lb?.natRuleTo) {
        out.push(
            resource("azure:network/networkInterfaceNatRuleAssociation:NetworkInterfaceNatRuleAssociation", `${n}NatLink`, {
                networkInterfaceId: ref(`${n}Nic`),
                ipConfigurationName: "ipconfig1",
                natRuleId: ref(`${n}Nat`),
            }, at),
        );
    }
    if (s.lb?.lbRuleTo) {
        out.push(
            resource("azure:network/networkInterfaceBackendAddressPoolAssociation:NetworkInterfaceBackendAddressPoolAssociation", `${n}PoolLink`, {
                networkInterfaceId: ref(`${n}Nic`),
                ipConfigurationName: "ipconfig1",
                backendAddressPoolId: ref(`${n}Pool`),
            }, at),
        );
    }
    out.push(
        resource("azure:compute/windowsVirtualMachine:WindowsVirtualMachine", n, {
            resourceGroupName: RG,
            name: `vm-${lower}`,
            location: "westeurope",
            size: "Standard_B2s",
            adminUsername: "breakglass",
            adminPassword: secret("p4ss"),
            networkInterfaceIds: [ref(`${n}Nic`)],
            osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS" },
            sourceImageReference: WINDOWS_IMAGE,
        }, at),
    );
    return out;
}

function messagesOn(result: Evaluation, resourceName: string): string[] {
    return result.findings.filter((f) => f.policyName === POLICY && resourceNameOf(f.urn) === resourceName).map((f) => f.message);
}

describe.each<Mode>(["known", "first-preview"])("vm-not-directly-reachable on both providers (%s ids)", (mode) => {
    it("azure-native", async () => {
        expect(verdicts(await run(SCENARIOS.flatMap(nativeScenario), { mode }), POLICY)).toEqual(EXPECTED);
    });

    it.each([
        ["as written, provider 6.40.0", { afterCheck: false, providerVersion: V6 }],
        ["after Check, provider 6.40.0", { afterCheck: true, providerVersion: V6 }],
        ["after Check, provider version not sent", { afterCheck: true }],
    ] as const)("classic (%s)", async (_label, shape) => {
        expect(verdicts(await run(SCENARIOS.flatMap((s) => classicScenario(s, shape)), { mode }), POLICY)).toEqual(EXPECTED);
    });

    it("classic messages follow the path through the classic resources", async () => {
        const result = await run(SCENARIOS.flatMap((s) => classicScenario(s, { afterCheck: false, providerVersion: V6 })), { mode });
        expect(messagesOn(result, "invalidNatRuleVm")).toEqual([expect.stringContaining("load balancer invalidNatRuleVmLb inbound NAT rule nat → NIC invalidNatRuleVmNic → NSG invalidNatRuleVmNicNsg rule allow-3389")]);
        expect(messagesOn(result, "invalidPublicRdpVm")).toEqual([expect.stringContaining("public IP invalidPublicRdpVmPip → NIC invalidPublicRdpVmNic")]);
    });
});

describe("a classic public IP with no sku", () => {
    const noSku: Scenario = { name: "noSkuVm", pip: {} };
    it.each<[string, ClassicShape, string[]]>([
        // Provider major 6 defaults to Standard: with no NSG, closed.
        ["as written, provider 6.40.0", { afterCheck: false, providerVersion: V6 }, []],
        ["as written, provider 5.89.0", { afterCheck: false, providerVersion: "5.89.0" }, Array<string>(EVERY_PORT).fill(`${POLICY} noSkuVm mandatory`)],
        // Nothing tells the version: read as Basic, open.
        ["as written, provider version not sent", { afterCheck: false }, Array<string>(EVERY_PORT).fill(`${POLICY} noSkuVm mandatory`)],
        // Check filled in the default of the provider in use.
        ["after Check", { afterCheck: true }, []],
    ])("%s", async (_label, shape, expected) => {
        expect(verdicts(await run(classicScenario(noSku, shape), { mode: "first-preview" }), POLICY)).toEqual(expected);
    });
});

describe("mixed stacks", () => {
    it.each<Mode>(["known", "first-preview"])("a classic NIC attached to an azure-native NSG (%s ids)", async (mode) => {
        const open = classicScenario({ name: "invalidMixedVm", pip: { sku: "Standard" } }, { afterCheck: false, providerVersion: V6 });
        const closed = classicScenario({ name: "validMixedVm", pip: { sku: "Standard" } }, { afterCheck: false, providerVersion: V6 });
        const nativeNsg = (name: string, rules: Rule[]) => resource("azure-native:network:NetworkSecurityGroup", name, { resourceGroupName: RG, networkSecurityGroupName: name, securityRules: rules });
        const link = (name: string, nic: string, nsg: string) =>
            resource("azure:network/networkInterfaceSecurityGroupAssociation:NetworkInterfaceSecurityGroupAssociation", name, { networkInterfaceId: ref(nic), networkSecurityGroupId: ref(nsg) });
        const stack = [
            ...open,
            ...closed,
            nativeNsg("nativeAllowNsg", [allow("3389")]),
            nativeNsg("nativeDenyNsg", [DENY_INTERNET]),
            link("openLink", "invalidMixedVmNic", "nativeAllowNsg"),
            link("closedLink", "validMixedVmNic", "nativeDenyNsg"),
        ];
        expect(verdicts(await run(stack, { mode }), POLICY)).toEqual([`${POLICY} invalidMixedVm mandatory`]);
    });
});

describe("classic scale sets and legacy machines", () => {
    const at = { providerVersion: V6 };
    const network: FixtureResource[] = [
        resource("azure:network/virtualNetwork:VirtualNetwork", "setVnet", { resourceGroupName: RG, name: "vnet-sets", location: "westeurope", addressSpaces: ["10.40.0.0/16"] }, at),
        resource("azure:network/subnet:Subnet", "setSubnet", { resourceGroupName: RG, name: "sets", virtualNetworkName: ref("setVnet", "name"), addressPrefixes: ["10.40.1.0/24"] }, at),
        resource("azure:network/networkSecurityGroup:NetworkSecurityGroup", "sshNsg", { resourceGroupName: RG, name: "nsg-ssh", location: "westeurope", securityRules: [allow("22", "Internet")] }, at),
        resource("azure:network/publicIp:PublicIp", "setLbPip", { resourceGroupName: RG, name: "pip-sets", location: "westeurope", allocationMethod: "Static", sku: "Standard" }, at),
        resource("azure:lb/loadBalancer:LoadBalancer", "setLb", {
            resourceGroupName: RG,
            name: "lb-sets",
            location: "westeurope",
            sku: "Standard",
            frontendIpConfigurations: [{ name: "fe", publicIpAddressId: ref("setLbPip") }],
        }, at),
        resource("azure:lb/natPool:NatPool", "sshPool", {
            resourceGroupName: RG,
            name: "ssh",
            loadbalancerId: ref("setLb"),
            frontendIpConfigurationName: "fe",
            protocol: "Tcp",
            frontendPortStart: 50000,
            frontendPortEnd: 50119,
            backendPort: 22,
        }, at),
    ];
    const ipConfig = (natPools: boolean) => ({ name: "ipconfig", primary: true, subnetId: ref("setSubnet"), ...(natPools ? { loadBalancerInboundNatRulesIds: [ref("sshPool")] } : {}) });
    const linuxSet = (name: string, natPools: boolean) =>
        resource("azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet", name, {
            resourceGroupName: RG,
            name: name.toLowerCase(),
            location: "westeurope",
            sku: "Standard_B2s",
            instances: 2,
            adminUsername: "ops",
            adminSshKeys: [{ username: "ops", publicKey: "ssh-rsa AAAA" }],
            networkInterfaces: [{ name: "nic", primary: true, networkSecurityGroupId: ref("sshNsg"), ipConfigurations: [ipConfig(natPools)] }],
        }, at);
    const legacySet = (name: string) =>
        resource("azure:compute/scaleSet:ScaleSet", name, {
            resourceGroupName: RG,
            name: name.toLowerCase(),
            location: "westeurope",
            upgradePolicyMode: "Manual",
            sku: { name: "Standard_B2s", capacity: 2 },
            networkProfiles: [{ name: "nic", primary: true, networkSecurityGroupId: ref("sshNsg"), ipConfigurations: [{ ...ipConfig(true), publicIpAddressConfiguration: undefined }] }],
        }, at);
    const legacyVm = [
        resource("azure:network/publicIp:PublicIp", "legacyPip", { resourceGroupName: RG, name: "pip-legacy", location: "westeurope", allocationMethod: "Dynamic" }, at),
        resource("azure:network/networkInterface:NetworkInterface", "legacyNic", {
            resourceGroupName: RG,
            name: "nic-legacy",
            location: "westeurope",
            ipConfigurations: [{ name: "ipconfig", subnetId: ref("setSubnet"), privateIpAddressAllocation: "Dynamic", publicIpAddressId: ref("legacyPip") }],
        }, at),
        resource("azure:network/networkInterfaceSecurityGroupAssociation:NetworkInterfaceSecurityGroupAssociation", "legacyNicNsg", { networkInterfaceId: ref("legacyNic"), networkSecurityGroupId: ref("sshNsg") }, at),
        resource("azure:compute/virtualMachine:VirtualMachine", "invalidLegacyVm", {
            resourceGroupName: RG,
            name: "vm-legacy",
            location: "westeurope",
            vmSize: "Standard_B2s",
            networkInterfaceIds: [ref("legacyNic")],
            storageOsDisk: { name: "os", createOption: "FromImage", osType: "Linux" },
        }, at),
    ];
    const stack = [...network, linuxSet("invalidNatPoolSet", true), linuxSet("validPrivateSet", false), legacySet("invalidLegacySet"), ...legacyVm];
    it.each<Mode>(["known", "first-preview"])("NAT pools named in loadBalancerInboundNatRulesIds and NICs joined by association (%s ids)", async (mode) => {
        const result = await run(stack, { mode });
        expect(verdicts(result, POLICY)).toEqual(["invalidLegacySet", "invalidLegacyVm", "invalidNatPoolSet"].map((n) => `${POLICY} ${n} mandatory`));
        expect(messagesOn(result, "invalidNatPoolSet")).toEqual([
            expect.stringContaining("load balancer setLb inbound NAT pool ssh → NIC configuration nic → NSG sshNsg rule allow-22 (source service tag Internet) → subnet setSubnet (no NSG)"),
        ]);
    });
});

describe("a classic NAT rule association whose NIC cannot be told", () => {
    // The association names its NIC by an id unknown until deployment, with no dependency to follow:
    // it may open the NAT rule's port to whichever machine it joins. Reported on the association.
    const base = classicScenario({ name: "validNatRuleDeniedVm", lb: { natRuleTo: 3389 }, nicNsg: [DENY_INTERNET] }, { afterCheck: false, providerVersion: V6 });
    const stack = base.map((r) => (r.name === "validNatRuleDeniedVmNatLink" ? { ...r, name: "unplacedNatLink", inputs: { ...r.inputs, networkInterfaceId: unknown() } } : r));
    it.each([
        ["enterprise", "advisory"],
        ["privileged", "mandatory"],
    ] as const)("is unknown at its level (%s)", async (level, verdict) => {
        const result = await run(stack, { mode: "first-preview", stackTags: { securityLevel: level } });
        expect(verdicts(result, POLICY)).toEqual([`${POLICY} unplacedNatLink ${verdict}`]);
        expect(messagesOn(result, "unplacedNatLink")).toEqual([
            expect.stringMatching(/^Cannot verify that port 3389 \(RDP\) is not reachable from the internet: NAT rule association unplacedNatLink networkInterfaceId is unknown/),
        ]);
    });
});
