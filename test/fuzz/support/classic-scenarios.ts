// Compliant scenarios written with the classic @pulumi/azure provider (Terraform azurerm), for the
// classic types the adapters read: some resources as a program writes them (mock inputs), some as
// the provider's Check leaves them (schema defaults filled in and listed in `__defaults`, unset
// strings "" and lists []), so that the fail-closed property puts unknowns on fields of both shapes.
import { FixtureResource, ref, resource, secret, SUBSCRIPTION } from "../../harness/stack";
import {
    APPS,
    AUDIENCE,
    BASTION,
    CLIENT,
    Deciding,
    ENTRA,
    FIXTURE_SECRET,
    JIT,
    MGMT,
    NOBODY,
    OTHER_TENANT,
    OWNER,
    Path,
    PRIVILEGED,
    RBAC,
    RDP,
    REACH,
    READER,
    RG,
    rule,
    Scenario,
    TENANT,
    UBUNTU_IMAGE,
    VM_LOGIN,
    VPN,
    WINDOWS_IMAGE,
} from "./constants";

const C = {
    RG: "azure:core/resourceGroup:ResourceGroup",
    NSG: "azure:network/networkSecurityGroup:NetworkSecurityGroup",
    RULE: "azure:network/networkSecurityRule:NetworkSecurityRule",
    PIP: "azure:network/publicIp:PublicIp",
    VNET: "azure:network/virtualNetwork:VirtualNetwork",
    SUBNET: "azure:network/subnet:Subnet",
    SUBNET_NSG: "azure:network/subnetNetworkSecurityGroupAssociation:SubnetNetworkSecurityGroupAssociation",
    NIC: "azure:network/networkInterface:NetworkInterface",
    NIC_NSG: "azure:network/networkInterfaceSecurityGroupAssociation:NetworkInterfaceSecurityGroupAssociation",
    NIC_POOL: "azure:network/networkInterfaceBackendAddressPoolAssociation:NetworkInterfaceBackendAddressPoolAssociation",
    NIC_NAT: "azure:network/networkInterfaceNatRuleAssociation:NetworkInterfaceNatRuleAssociation",
    LB: "azure:lb/loadBalancer:LoadBalancer",
    POOL: "azure:lb/backendAddressPool:BackendAddressPool",
    NAT_RULE: "azure:lb/natRule:NatRule",
    NAT_POOL: "azure:lb/natPool:NatPool",
    LB_RULE: "azure:lb/rule:Rule",
    FW: "azure:network/firewall:Firewall",
    FW_NAT: "azure:network/firewallNatRuleCollection:FirewallNatRuleCollection",
    FWP: "azure:network/firewallPolicy:FirewallPolicy",
    RCG: "azure:network/firewallPolicyRuleCollectionGroup:FirewallPolicyRuleCollectionGroup",
    IP_GROUP: "azure:network/iPGroup:IPGroup",
    IP_GROUP_CIDR: "azure:network/iPGroupCIDR:IPGroupCIDR",
    BASTION: "azure:compute/bastionHost:BastionHost",
    GW: "azure:network/virtualNetworkGateway:VirtualNetworkGateway",
    VPNSC: "azure:network/vpnServerConfiguration:VpnServerConfiguration",
    LINUX_VM: "azure:compute/linuxVirtualMachine:LinuxVirtualMachine",
    WINDOWS_VM: "azure:compute/windowsVirtualMachine:WindowsVirtualMachine",
    LEGACY_VM: "azure:compute/virtualMachine:VirtualMachine",
    LINUX_SET: "azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet",
    WINDOWS_SET: "azure:compute/windowsVirtualMachineScaleSet:WindowsVirtualMachineScaleSet",
    ORCHESTRATED_SET: "azure:compute/orchestratedVirtualMachineScaleSet:OrchestratedVirtualMachineScaleSet",
    LEGACY_SET: "azure:compute/scaleSet:ScaleSet",
    EXT: "azure:compute/extension:Extension",
    SET_EXT: "azure:compute/virtualMachineScaleSetExtension:VirtualMachineScaleSetExtension",
    LINUX_APP: "azure:appservice/linuxWebApp:LinuxWebApp",
    WINDOWS_APP: "azure:appservice/windowsWebApp:WindowsWebApp",
    LINUX_FUNCTION: "azure:appservice/linuxFunctionApp:LinuxFunctionApp",
    WINDOWS_FUNCTION: "azure:appservice/windowsFunctionApp:WindowsFunctionApp",
    FLEX: "azure:appservice/appFlexConsumption:AppFlexConsumption",
    LINUX_APP_SLOT: "azure:appservice/linuxWebAppSlot:LinuxWebAppSlot",
    WINDOWS_APP_SLOT: "azure:appservice/windowsWebAppSlot:WindowsWebAppSlot",
    LINUX_FUNCTION_SLOT: "azure:appservice/linuxFunctionAppSlot:LinuxFunctionAppSlot",
    WINDOWS_FUNCTION_SLOT: "azure:appservice/windowsFunctionAppSlot:WindowsFunctionAppSlot",
    LEGACY_APP: "azure:appservice/appService:AppService",
    LEGACY_APP_SLOT: "azure:appservice/slot:Slot",
    LEGACY_FUNCTION: "azure:appservice/functionApp:FunctionApp",
    LEGACY_FUNCTION_SLOT: "azure:appservice/functionAppSlot:FunctionAppSlot",
    CONTAINER_APP: "azure:containerapp/app:App",
    RA: "azure:authorization/assignment:Assignment",
    RA_ALIAS: "azure:role/assignment:Assignment",
    RD: "azure:authorization/roleDefinition:RoleDefinition",
    ELIGIBLE: "azure:pim/eligibleRoleAssignment:EligibleRoleAssignment",
    ACTIVE: "azure:pim/activeRoleAssignment:ActiveRoleAssignment",
    RMP: "azure:pim/roleManagementPolicy:RoleManagementPolicy",
    GROUP: "azuread:index/group:Group",
    // A classic container app has no authentication settings of its own: an azure-native one protects it.
    CA_AUTH: "azure-native:app:ContainerAppsAuthConfig",
};

/** The provider version the engine sends with each classic resource (public IP and load balancer SKU defaults depend on its major). */
const V6 = "6.40.0";

/** A classic resource managed by a provider of major 6. */
function cr(type: string, name: string, inputs: Record<string, unknown>, opts: { dependsOn?: string[] } = {}): FixtureResource {
    return resource(type, name, inputs, { ...opts, providerVersion: V6 });
}

/** An object as the provider's Check leaves it: `defaults` filled in where nothing was written, listed in `__defaults`. */
function checked(written: Record<string, unknown>, defaults: Record<string, unknown>, empty: Record<string, unknown> = {}): Record<string, unknown> {
    const filled = Object.keys(defaults).filter((k) => !(k in written));
    return { ...empty, ...defaults, ...written, __defaults: filled };
}

const LOCATION = "westeurope";
const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOpsAdminKey ops@admin";
const ROLE_ID = (guid: string) => `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const PLAN_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Web/serverFarms/asp-classic`;
const ENVIRONMENT_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.App/managedEnvironments/cae-classic`;
const ISSUER_V2 = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const APP_PROXY_TAG = { intermediary: "app-proxy" };

const classicNsg = (name: string, rules: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
    cr(C.NSG, name, { resourceGroupName: RG, name: `nsg-${name.toLowerCase()}`, location: LOCATION, securityRules: rules, ...extra });
const publicIp = (name: string, sku: string) => cr(C.PIP, name, { resourceGroupName: RG, name: `pip-${name.toLowerCase()}`, location: LOCATION, allocationMethod: "Static", sku });
const nic = (name: string, ipConfiguration: Record<string, unknown>) =>
    cr(C.NIC, name, {
        resourceGroupName: RG,
        name: `nic-${name.toLowerCase()}`,
        location: LOCATION,
        ipConfigurations: [{ name: "ipconfig1", privateIpAddressAllocation: "Dynamic", ...ipConfiguration }],
    });
const windowsVm = (name: string, nicName: string, extra: Record<string, unknown> = {}) =>
    cr(C.WINDOWS_VM, name, {
        resourceGroupName: RG,
        name: `vm-${name.toLowerCase()}`,
        location: LOCATION,
        size: "Standard_D2s_v5",
        adminUsername: "breakglass",
        adminPassword: secret(FIXTURE_SECRET),
        networkInterfaceIds: [ref(nicName)],
        osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS" },
        sourceImageReference: WINDOWS_IMAGE,
        ...extra,
    });
const entraExtension = (name: string, vm: string, type: string) =>
    cr(C.EXT, name, { name: type, virtualMachineId: ref(vm), publisher: ENTRA, type, typeHandlerVersion: type === "AADLoginForWindows" ? "2.0" : "1.0", autoUpgradeMinorVersion: true });

// ---------------------------------------------------------------------------------------------
// Doors: NSGs, load balancer rules and firewall DNAT, as no-direct-rdp and no-direct-management-ports read them

function doorScenarios(): Scenario[] {
    const lbRule = (type: string, name: string, lb: string, frontend: string, ports: Record<string, unknown>) =>
        cr(type, name, { resourceGroupName: RG, name: name.toLowerCase(), loadbalancerId: ref(lb), frontendIpConfigurationName: frontend, protocol: "Tcp", ...ports });
    const resources: FixtureResource[] = [
        cr(C.VNET, "vnet", { resourceGroupName: RG, name: "vnet-classic-hub", location: LOCATION, addressSpaces: ["10.40.0.0/16"] }),
        cr(C.SUBNET, "subnet", { resourceGroupName: RG, name: "workload", virtualNetworkName: ref("vnet", "name"), addressPrefixes: ["10.40.1.0/24"] }),
        publicIp("pip", "Standard"),
        classicNsg("nsgCovered", [
            rule({ name: "deny-internet", access: "Deny", priority: 100, protocol: "*", sourceAddressPrefix: "Internet", destinationPortRange: "*" }),
            rule({ sourceAddressPrefix: "*", destinationPortRange: "3389" }),
        ]),
        classicNsg("nsgPrivate", [rule({ sourceAddressPrefix: "10.0.0.0/8", destinationPortRange: "3389" })], { tags: PRIVILEGED }),
        classicNsg("nsgWeb", [rule({ name: "allow-https", destinationPortRange: "443" })]),
        // Rules of their own: azurerm overwrites inline rules with them, so this NSG has none inline.
        classicNsg("nsgSplit", []),
        cr(C.RULE, "splitDeny", {
            resourceGroupName: RG,
            networkSecurityGroupName: ref("nsgSplit", "name"),
            ...rule({ name: "deny-all-in", access: "Deny", priority: 100, protocol: "*", destinationPortRange: "*" }),
        }),
        cr(
            C.RULE,
            "splitAllow",
            checked({ resourceGroupName: RG, networkSecurityGroupName: ref("nsgSplit", "name"), ...rule({ destinationPortRange: "3389" }) }, {}, {
                description: "",
                sourceAddressPrefixes: [],
                destinationPortRanges: [],
                sourceApplicationSecurityGroupIds: [],
            }),
        ),
        cr(C.LB, "lbPublic", { resourceGroupName: RG, name: "lb-classic-public", location: LOCATION, sku: "Standard", frontendIpConfigurations: [{ name: "fe", publicIpAddressId: ref("pip") }] }),
        cr(C.POOL, "pool", { name: "pool", loadbalancerId: ref("lbPublic") }),
        lbRule(C.NAT_RULE, "natWeb", "lbPublic", "fe", checked({ frontendPort: 8443, backendPort: 8443 }, { floatingIpEnabled: false, tcpResetEnabled: false, idleTimeoutInMinutes: 4 })),
        lbRule(C.NAT_POOL, "natPoolWeb", "lbPublic", "fe", { frontendPortStart: 50000, frontendPortEnd: 50099, backendPort: 8080 }),
        lbRule(C.LB_RULE, "lbRuleWeb", "lbPublic", "fe", { frontendPort: 443, backendPort: 443, backendAddressPoolIds: [ref("pool")] }),
        cr(C.LB, "lbInternal", {
            resourceGroupName: RG,
            name: "lb-classic-internal",
            location: LOCATION,
            sku: "Standard",
            frontendIpConfigurations: [
                { name: "fe-public", publicIpAddressId: ref("pip") },
                { name: "fe-internal", subnetId: ref("subnet"), privateIpAddressAllocation: "Dynamic" },
            ],
        }),
        lbRule(C.NAT_RULE, "natInternal", "lbInternal", "fe-internal", { frontendPort: 50001, backendPort: 3389 }),
        cr(C.FW, "fw", { resourceGroupName: RG, name: "fw-classic-hub", location: LOCATION, skuName: "AZFW_VNet", skuTier: "Standard" }),
        ...(
            [
                ["fwDnat", "Dnat", ["10.0.0.0/8"]],
                ["fwSnat", "Snat", ["*"]],
            ] as const
        ).map(([name, action, sources], i) =>
            cr(C.FW_NAT, name, {
                resourceGroupName: RG,
                name: name.toLowerCase(),
                azureFirewallName: ref("fw", "name"),
                priority: 110 + i,
                action,
                rules: [
                    { name: "mgmt", protocols: ["TCP"], sourceAddresses: sources, destinationAddresses: ["203.0.113.10"], destinationPorts: ["50022"], translatedAddress: "10.40.1.4", translatedPort: "3389" },
                ],
            }),
        ),
        cr(C.FWP, "fwPolicy", { resourceGroupName: RG, name: "fwp-classic-hub", location: LOCATION }),
        cr(C.IP_GROUP, "adminSources", { resourceGroupName: RG, name: "ipg-admin-sources", location: LOCATION, cidrs: ["10.0.0.0/8"] }),
        cr(C.IP_GROUP_CIDR, "adminSourcesVpn", { ipGroupId: ref("adminSources"), cidr: "172.16.201.0/24" }),
        cr(C.RCG, "rcg", {
            name: "rcg-dnat",
            firewallPolicyId: ref("fwPolicy"),
            priority: 200,
            natRuleCollections: [
                {
                    name: "dnat",
                    priority: 100,
                    action: "Dnat",
                    rules: [
                        { name: "web", protocols: ["TCP"], sourceAddresses: ["*"], destinationAddress: "203.0.113.10", destinationPorts: "443", translatedAddress: "10.40.1.4", translatedPort: 443 },
                        {
                            name: "mgmt",
                            protocols: ["TCP", "UDP"],
                            sourceIpGroups: [ref("adminSources")],
                            destinationAddress: "203.0.113.10",
                            destinationPorts: "50022",
                            translatedAddress: "10.40.1.4",
                            translatedPort: 3389,
                        },
                    ],
                },
            ],
        }),
    ];
    const d = (policy: string, target: string, path: Path, insecure?: unknown, needs?: string[]): Deciding => ({ policy, target, path, insecure, needs });
    // Every door forwards RDP or a web port: the no-direct-management-ports cases move one to SSH.
    return [
        {
            name: "classicDoors",
            resources,
            compliantFor: [RDP, MGMT],
            deciding: [
                d(RDP, "nsgCovered", ["securityRules", 0, "access"], "Allow"),
                d(RDP, "nsgCovered", ["securityRules", 1, "priority"], 50),
                d(RDP, "nsgPrivate", ["securityRules", 0, "sourceAddressPrefix"], "0.0.0.0/0"),
                d(RDP, "nsgPrivate", ["tags", "securityLevel"]),
                d(RDP, "nsgWeb", ["securityRules", 0, "destinationPortRanges"], ["80", "3389"]),
                d(MGMT, "nsgWeb", ["securityRules", 0, "destinationPortRange"], "22"),
                d(RDP, "splitDeny", ["access"], "Allow"),
                d(RDP, "splitAllow", ["networkSecurityGroupName"], "nsg-elsewhere", ["splitDeny"]),
                d(MGMT, "natWeb", ["backendPort"], 22),
                d(RDP, "natPoolWeb", ["backendPort"], 3389),
                d(RDP, "lbRuleWeb", ["backendPort"], 3389),
                d(RDP, "natInternal", ["frontendIpConfigurationName"], "fe-public"),
                d(RDP, "fwDnat", ["rules", 0, "sourceAddresses", 0], "*"),
                d(RDP, "fwSnat", ["action"], "Dnat"),
                d(MGMT, "rcg", ["natRuleCollections", 0, "rules", 0, "translatedPort"], 22),
                d(RDP, "rcg", ["natRuleCollections", 0, "rules", 1, "sourceAddresses"], ["0.0.0.0/0"]),
                // An unknown CIDR is reported on the resource holding it; a public one opens the rule's door.
                { policy: RDP, target: "adminSourcesVpn", path: ["cidr"], needs: ["rcg"] },
            ],
        },
    ];
}

// ---------------------------------------------------------------------------------------------
// Reachability: public IPs, load balancers and NSGs joined to NICs by association resources

function reachScenarios(): Scenario[] {
    const inlineSubnet = (name: string) => ({ subnetId: ref("reachVnet", "id", `/subnets/${name}`) });
    const d = (target: string, reportOn: string, path: Path, insecure?: unknown, needs?: string[]): Deciding => ({ policy: REACH, target, reportOn, path, insecure, needs });
    return [
        {
            name: "classicReach",
            resources: [
                classicNsg("openNsg", [rule({ sourceAddressPrefix: "*" })]),
                classicNsg("closedNsg", [rule({ sourceAddressPrefix: "10.0.0.0/8" })]),
                // Inline subnets: one behind an NSG open to the internet, one with none.
                cr(C.VNET, "reachVnet", {
                    resourceGroupName: RG,
                    name: "vnet-classic-reach",
                    location: LOCATION,
                    addressSpaces: ["10.30.0.0/16"],
                    subnets: [
                        { name: "dmz", addressPrefixes: ["10.30.9.0/24"], securityGroup: ref("openNsg") },
                        { name: "plain", addressPrefixes: ["10.30.1.0/24"] },
                    ],
                }),
                cr(C.SUBNET, "guardedSubnet", { resourceGroupName: RG, name: "guarded", virtualNetworkName: ref("reachVnet", "name"), addressPrefixes: ["10.30.2.0/24"] }),
                cr(C.SUBNET_NSG, "guardedSubnetNsg", { subnetId: ref("guardedSubnet"), networkSecurityGroupId: ref("closedNsg") }),
                cr(C.SUBNET, "workloadSubnet", { resourceGroupName: RG, name: "workload", virtualNetworkName: ref("reachVnet", "name"), addressPrefixes: ["10.30.3.0/24"] }),
                publicIp("guardPip", "Basic"),
                publicIp("exposedPip", "Basic"),
                publicIp("lbPip", "Standard"),
                // Standard filled in by the provider's Check (the provider-6 default), listed in __defaults.
                cr(
                    C.PIP,
                    "standardPip",
                    checked({ resourceGroupName: RG, name: "pip-standard", location: LOCATION, allocationMethod: "Static" }, { sku: "Standard", skuTier: "Regional", ipVersion: "IPv4", idleTimeoutInMinutes: 4 }),
                ),
                // Basic public IP, closed by the NIC's NSG.
                nic("guardedNic", { ...inlineSubnet("plain"), publicIpAddressId: ref("guardPip") }),
                cr(C.NIC_NSG, "guardedNicNsg", { networkInterfaceId: ref("guardedNic"), networkSecurityGroupId: ref("closedNsg") }),
                windowsVm("guardedVm", "guardedNic", { tags: PRIVILEGED }),
                // Standard public IP and no NSG: closed, as Azure closes Standard addresses by default.
                nic("standardNic", { subnetId: ref("workloadSubnet"), publicIpAddressId: ref("standardPip") }),
                windowsVm("standardVm", "standardNic"),
                nic("privateNic", { subnetId: ref("workloadSubnet") }),
                windowsVm("privateVm", "privateNic"),
                // An NSG open to the internet, and no public path to it.
                nic("dmzNic", inlineSubnet("dmz")),
                windowsVm("dmzVm", "dmzNic"),
                // Attached to no VM: a door nobody walks through yet.
                nic("exposedNic", { subnetId: ref("workloadSubnet"), publicIpAddressId: ref("exposedPip") }),
                cr(C.LB, "lb", { resourceGroupName: RG, name: "lb-classic-reach", location: LOCATION, sku: "Standard", frontendIpConfigurations: [{ name: "fe", publicIpAddressId: ref("lbPip") }] }),
                cr(C.NAT_RULE, "natRdp", { resourceGroupName: RG, name: "rdp", loadbalancerId: ref("lb"), frontendIpConfigurationName: "fe", protocol: "Tcp", frontendPort: 50001, backendPort: 3389 }),
                cr(C.NIC_NAT, "natLink", { networkInterfaceId: ref("guardedNic"), ipConfigurationName: "ipconfig1", natRuleId: ref("natRdp") }),
                // resourceGroupName (which azurerm no longer takes on these two) puts each copy's pool in its
                // own resource group in the harness's ids, so that copies of the scenario do not share ids.
                cr(C.POOL, "pool", { resourceGroupName: RG, name: "web", loadbalancerId: ref("lb") }),
                cr(C.LB_RULE, "webRule", { resourceGroupName: RG, name: "https", loadbalancerId: ref("lb"), frontendIpConfigurationName: "fe", protocol: "Tcp", frontendPort: 443, backendPort: 443, backendAddressPoolIds: [ref("pool")] }),
                cr(C.NIC_POOL, "poolLink", { networkInterfaceId: ref("dmzNic"), ipConfigurationName: "ipconfig1", backendAddressPoolId: ref("pool") }),
                cr(C.NAT_POOL, "rdpPool", { resourceGroupName: RG, name: "rdp", loadbalancerId: ref("lb"), frontendIpConfigurationName: "fe", protocol: "Tcp", frontendPortStart: 50100, frontendPortEnd: 50199, backendPort: 3389 }),
                // Its NIC's NSG is open, its subnet's is not.
                cr(C.WINDOWS_SET, "scaleSet", {
                    resourceGroupName: RG,
                    name: "vmss-classic-reach",
                    location: LOCATION,
                    sku: "Standard_B2s",
                    instances: 2,
                    adminUsername: "breakglass",
                    adminPassword: secret(FIXTURE_SECRET),
                    sourceImageReference: WINDOWS_IMAGE,
                    osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS" },
                    networkInterfaces: [
                        {
                            name: "nic",
                            primary: true,
                            networkSecurityGroupId: ref("openNsg"),
                            ipConfigurations: [{ name: "ip", primary: true, subnetId: ref("guardedSubnet"), loadBalancerInboundNatRulesIds: [ref("rdpPool")] }],
                        },
                    ],
                }),
            ],
            compliantFor: [REACH],
            deciding: [
                d("closedNsg", "guardedVm", ["securityRules", 0, "sourceAddressPrefix"], "*"),
                d("guardedNicNsg", "guardedVm", ["networkSecurityGroupId"], ref("openNsg")),
                d("standardPip", "standardVm", ["sku"], "Basic"),
                d("privateNic", "privateVm", ["ipConfigurations", 0, "publicIpAddressId"], ref("exposedPip")),
                d("privateVm", "privateVm", ["networkInterfaceIds", 0], ref("exposedNic")),
                // An association whose NIC cannot be told is reported on itself (whichever machine it joins
                // may be open), so its unknown and its insecure value land on different resources.
                d("natLink", "natLink", ["networkInterfaceId"]),
                d("webRule", "dmzVm", ["backendPort"], 3389, ["poolLink"]),
                d("guardedSubnetNsg", "scaleSet", ["networkSecurityGroupId"], ref("openNsg")),
                d("scaleSet", "scaleSet", ["networkInterfaces", 0, "ipConfigurations", 0, "subnetId"], ref("workloadSubnet"), ["guardedSubnetNsg"]),
                d("guardedVm", "guardedVm", ["tags", "securityLevel"], undefined, ["guardedNicNsg"]),
            ],
        },
    ];
}

// ---------------------------------------------------------------------------------------------
// A jump host and its siblings signing in with Entra ID, reachable only from inside

function jumpHostScenarios(): Scenario[] {
    const setNic = (nsg: boolean) => [
        { name: "nic", primary: true, ...(nsg ? { networkSecurityGroupId: ref("jumpNsg") } : {}), ipConfigurations: [{ name: "ip", primary: true, subnetId: ref("jumpSubnet") }] },
    ];
    const sshLogin = { name: "AADSSHLogin", publisher: ENTRA, type: "AADSSHLoginForLinux", typeHandlerVersion: "1.0" };
    const systemAssigned = (afterCheck: boolean) => ({ type: "SystemAssigned", ...(afterCheck ? { identityIds: [] } : {}) });
    const d = (target: string, path: Path, insecure?: unknown, reportOn?: string): Deciding => ({ policy: VM_LOGIN, target, path, insecure, reportOn });
    return [
        {
            name: "classicJumpHost",
            resources: [
                cr(C.VNET, "adminVnet", { resourceGroupName: RG, name: "vnet-classic-admin", location: LOCATION, addressSpaces: ["10.20.0.0/16"] }),
                cr(C.SUBNET, "jumpSubnet", { resourceGroupName: RG, name: "jump", virtualNetworkName: ref("adminVnet", "name"), addressPrefixes: ["10.20.1.0/24"] }),
                classicNsg("jumpNsg", [
                    rule({ name: "allow-rdp-from-bastion", priority: 100, sourceAddressPrefix: "10.20.0.0/26" }),
                    rule({ name: "deny-internet", priority: 4000, access: "Deny", protocol: "*", sourceAddressPrefix: "Internet", destinationPortRange: "*" }),
                ]),
                cr(C.SUBNET_NSG, "jumpSubnetNsg", { subnetId: ref("jumpSubnet"), networkSecurityGroupId: ref("jumpNsg") }),
                // The jump host: no public IP, the NSG on its NIC and subnet, Entra sign-in.
                nic("jumpNic", { subnetId: ref("jumpSubnet") }),
                cr(C.NIC_NSG, "jumpNicNsg", { networkInterfaceId: ref("jumpNic"), networkSecurityGroupId: ref("jumpNsg") }),
                cr(
                    C.WINDOWS_VM,
                    "jumpVm",
                    checked(
                        {
                            resourceGroupName: RG,
                            name: "vm-classic-jump",
                            location: LOCATION,
                            size: "Standard_D2s_v5",
                            computerName: "jump01",
                            adminUsername: "breakglass",
                            adminPassword: secret(FIXTURE_SECRET),
                            identity: systemAssigned(true),
                            networkInterfaceIds: [ref("jumpNic")],
                            osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS" },
                            sourceImageReference: WINDOWS_IMAGE,
                            tags: PRIVILEGED,
                        },
                        { allowExtensionOperations: true, provisionVmAgent: true, priority: "Regular" },
                    ),
                ),
                entraExtension("jumpVmEntra", "jumpVm", "AADLoginForWindows"),
                // disablePasswordAuthentication left out: true, the provider's default.
                nic("linuxNic", { subnetId: ref("jumpSubnet") }),
                cr(C.LINUX_VM, "linuxVm", {
                    resourceGroupName: RG,
                    name: "vm-classic-linux",
                    location: LOCATION,
                    size: "Standard_B2s",
                    adminUsername: "azureuser",
                    adminSshKeys: [{ username: "azureuser", publicKey: SSH_KEY }],
                    identity: systemAssigned(false),
                    networkInterfaceIds: [ref("linuxNic")],
                    osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS" },
                    sourceImageReference: UBUNTU_IMAGE,
                }),
                entraExtension("linuxVmEntra", "linuxVm", "AADSSHLoginForLinux"),
                nic("legacyNic", { subnetId: ref("jumpSubnet") }),
                cr(C.LEGACY_VM, "legacyVm", {
                    resourceGroupName: RG,
                    name: "vm-classic-legacy",
                    location: LOCATION,
                    vmSize: "Standard_B2s",
                    identity: { type: "SystemAssigned" },
                    networkInterfaceIds: [ref("legacyNic")],
                    osProfile: { computerName: "legacy01", adminUsername: "azureuser" },
                    osProfileLinuxConfig: { disablePasswordAuthentication: true, sshKeys: [{ path: "/home/azureuser/.ssh/authorized_keys", keyData: SSH_KEY }] },
                    storageImageReference: UBUNTU_IMAGE,
                    storageOsDisk: { name: "legacy01-os", createOption: "FromImage", managedDiskType: "Premium_LRS", osType: "Linux" },
                }),
                entraExtension("legacyVmEntra", "legacyVm", "AADSSHLoginForLinux"),
                // The extension inline; disablePasswordAuthentication filled in by Check.
                cr(
                    C.LINUX_SET,
                    "linuxSet",
                    checked(
                        {
                            resourceGroupName: RG,
                            name: "vmss-classic-linux",
                            location: LOCATION,
                            sku: "Standard_B2s",
                            instances: 2,
                            adminUsername: "azureuser",
                            adminSshKeys: [{ username: "azureuser", publicKey: SSH_KEY }],
                            identity: systemAssigned(true),
                            networkInterfaces: setNic(true),
                            osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS" },
                            sourceImageReference: UBUNTU_IMAGE,
                            extensions: [checked(sshLogin, { autoUpgradeMinorVersion: true, automaticUpgradeEnabled: false }, { forceUpdateTag: "", protectedSettings: "", settings: "", provisionAfterExtensions: [] })],
                        },
                        { disablePasswordAuthentication: true, overprovision: true, upgradeMode: "Manual", extensionOperationsEnabled: true },
                    ),
                ),
                cr(C.WINDOWS_SET, "windowsSet", {
                    resourceGroupName: RG,
                    name: "vmss-classic-windows",
                    location: LOCATION,
                    sku: "Standard_B2s",
                    instances: 2,
                    adminUsername: "breakglass",
                    adminPassword: secret(FIXTURE_SECRET),
                    identity: systemAssigned(false),
                    networkInterfaces: setNic(false),
                    osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS" },
                    sourceImageReference: WINDOWS_IMAGE,
                }),
                cr(C.SET_EXT, "windowsSetEntra", { name: "AADLogin", virtualMachineScaleSetId: ref("windowsSet"), publisher: ENTRA, type: "AADLoginForWindows", typeHandlerVersion: "2.0" }),
                cr(C.LEGACY_SET, "legacySet", {
                    resourceGroupName: RG,
                    name: "vmss-classic-legacy",
                    location: LOCATION,
                    upgradePolicyMode: "Manual",
                    sku: { name: "Standard_B2s", capacity: 2 },
                    identity: { type: "SystemAssigned" },
                    osProfile: { computerNamePrefix: "legacy", adminUsername: "azureuser" },
                    osProfileLinuxConfig: { disablePasswordAuthentication: true, sshKeys: [{ path: "/home/azureuser/.ssh/authorized_keys", keyData: SSH_KEY }] },
                    storageProfileImageReference: UBUNTU_IMAGE,
                    storageProfileOsDisk: { caching: "ReadWrite", createOption: "FromImage", managedDiskType: "Premium_LRS" },
                    networkProfiles: setNic(true),
                    extensions: [sshLogin],
                }),
                // Flexible orchestration without osProfile: no instance profile of its own.
                cr(C.ORCHESTRATED_SET, "flexibleSet", { resourceGroupName: RG, name: "vmss-classic-flexible", location: LOCATION, platformFaultDomainCount: 1 }),
            ],
            compliantFor: [REACH, VM_LOGIN],
            deciding: [
                d("jumpVm", ["identity", "type"], "UserAssigned"),
                d("jumpVmEntra", ["type"], "AADSSHLoginForLinux", "jumpVm"),
                d("jumpVmEntra", ["virtualMachineId"], ref("linuxVm"), "jumpVm"),
                d("linuxVm", ["disablePasswordAuthentication"], false),
                d("linuxVmEntra", ["type"], "CustomScript", "linuxVm"),
                d("legacyVm", ["osProfileLinuxConfig", "disablePasswordAuthentication"], false),
                d("linuxSet", ["disablePasswordAuthentication"], false),
                d("linuxSet", ["extensions", 0, "type"], "AADLoginForWindows"),
                d("windowsSetEntra", ["virtualMachineScaleSetId"], ref("linuxSet"), "windowsSet"),
                d("legacySet", ["extensions", 0, "publisher"], "Microsoft.Azure.Monitor"),
                d("legacySet", ["osProfileLinuxConfig", "disablePasswordAuthentication"], false),
                d("flexibleSet", ["osProfile"], { linuxConfiguration: { adminUsername: "azureuser", disablePasswordAuthentication: true } }),
                d("jumpVm", ["tags", "securityLevel"]),
            ],
        },
    ];
}

// ---------------------------------------------------------------------------------------------
// Bastion and point-to-site VPN

function bastionAndVpnScenarios(): Scenario[] {
    const b = (target: string, path: Path, insecure?: unknown): Deciding => ({ policy: BASTION, target, path, insecure });
    const hardened = { sku: "Premium", shareableLinkEnabled: false, sessionRecordingEnabled: true, copyPasteEnabled: false };
    const entra = { tenant: `https://login.microsoftonline.com/${TENANT}`, audience: AUDIENCE, issuer: `https://sts.windows.net/${TENANT}/` };
    const gw = (path: Path, insecure?: unknown): Deciding => ({ policy: VPN, target: "gateway", path: ["vpnClientConfiguration", ...path], insecure });
    const sc = (path: Path, insecure?: unknown): Deciding => ({ policy: VPN, target: "serverConfiguration", path, insecure });
    return [
        {
            name: "classicBastion",
            resources: [
                cr(C.VNET, "vnet", { resourceGroupName: RG, name: "vnet-classic-bastion", location: LOCATION, addressSpaces: ["10.20.0.0/16"] }),
                cr(C.SUBNET, "bastionSubnet", { resourceGroupName: RG, name: "AzureBastionSubnet", virtualNetworkName: ref("vnet", "name"), addressPrefixes: ["10.20.0.0/26"] }),
                publicIp("bastionPip", "Standard"),
                cr(
                    C.BASTION,
                    "bastion",
                    checked(
                        {
                            resourceGroupName: RG,
                            name: "bas-classic-admin",
                            location: LOCATION,
                            ...hardened,
                            tunnelingEnabled: true,
                            ipConfiguration: { name: "ipconfig", subnetId: ref("bastionSubnet"), publicIpAddressId: ref("bastionPip") },
                            tags: { securityLevel: "Privileged" },
                        },
                        { fileCopyEnabled: false, ipConnectEnabled: false, kerberosEnabled: false, scaleUnits: 2 },
                    ),
                ),
                // As a program writes it: nothing filled in.
                cr(C.BASTION, "bastionWritten", { resourceGroupName: RG, name: "bas-classic-written", location: LOCATION, ...hardened }),
            ],
            compliantFor: [BASTION],
            deciding: [
                b("bastion", ["sku"], "Basic"),
                b("bastion", ["shareableLinkEnabled"], true),
                b("bastion", ["sessionRecordingEnabled"], false),
                b("bastion", ["copyPasteEnabled"], true),
                b("bastion", ["tags", "securityLevel"]),
                b("bastionWritten", ["sku"], "Developer"),
                // Left out, copy and paste is on: the provider's default.
                b("bastionWritten", ["copyPasteEnabled"], null),
            ],
        },
        {
            name: "classicVpn",
            resources: [
                cr(
                    C.GW,
                    "gateway",
                    checked(
                        {
                            resourceGroupName: RG,
                            name: "vgw-classic-hub",
                            location: LOCATION,
                            type: "Vpn",
                            vpnType: "RouteBased",
                            sku: "VpnGw2AZ",
                            ipConfigurations: [{ name: "default", subnetId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/GatewaySubnet` }],
                            vpnClientConfiguration: {
                                addressSpaces: ["172.16.201.0/24"],
                                radiusServerAddress: "",
                                radiusServerSecret: "",
                                rootCertificates: [],
                                revokedCertificates: [],
                                vpnAuthTypes: ["AAD"],
                                vpnClientProtocols: ["OpenVPN"],
                                aadTenant: entra.tenant,
                                aadAudience: AUDIENCE,
                                aadIssuer: entra.issuer,
                            },
                            tags: PRIVILEGED,
                        },
                        { activeActive: false, enableBgp: false, generation: "Generation2" },
                    ),
                ),
                // vpnAuthTypes left out beside the aad* fields: Azure infers Entra sign-in.
                cr(C.GW, "inferredGateway", {
                    resourceGroupName: RG,
                    name: "vgw-classic-inferred",
                    location: LOCATION,
                    type: "Vpn",
                    sku: "VpnGw1",
                    ipConfigurations: [{ name: "default", subnetId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/GatewaySubnet` }],
                    vpnClientConfiguration: { addressSpaces: ["172.16.202.0/24"], vpnClientProtocols: ["OpenVPN"], aadTenant: entra.tenant, aadAudience: AUDIENCE, aadIssuer: entra.issuer },
                }),
                cr(
                    C.VPNSC,
                    "serverConfiguration",
                    checked(
                        { resourceGroupName: RG, name: "vpnsc-classic-admins", location: LOCATION, vpnAuthenticationTypes: ["AAD"], vpnProtocols: ["OpenVPN"], azureActiveDirectoryAuthentications: [entra] },
                        {},
                        { clientRevokedCertificates: [], clientRootCertificates: [] },
                    ),
                ),
            ],
            compliantFor: [VPN],
            deciding: [
                gw(["vpnAuthTypes"], ["Certificate"]),
                gw(["vpnClientProtocols"], ["OpenVPN", "IkeV2"]),
                gw(["aadTenant"], "https://login.microsoftonline.com/common"),
                gw(["aadAudience"], ""),
                { policy: VPN, target: "gateway", path: ["tags", "securityLevel"] },
                { policy: VPN, target: "inferredGateway", path: ["vpnClientConfiguration", "rootCertificates"], insecure: [{ name: "root", publicCertData: "MIIC-not-a-real-cert" }] },
                sc(["vpnAuthenticationTypes"], ["AAD", "Certificate"]),
                sc(["vpnProtocols"], ["IkeV2"]),
                sc(["azureActiveDirectoryAuthentications", 0, "tenant"], "https://login.microsoftonline.com/organizations"),
                sc(["azureActiveDirectoryAuthentications", 0, "issuer"], `https://sts.windows.net/${OTHER_TENANT}/`),
                sc(["azureActiveDirectoryAuthentications", 0, "audience"], null),
            ],
        },
    ];
}

// ---------------------------------------------------------------------------------------------
// Published apps: authentication inline on classic apps and slots

function appScenarios(): Scenario[] {
    const v2Written = {
        authEnabled: true,
        requireAuthentication: true,
        unauthenticatedAction: "RedirectToLoginPage",
        defaultProvider: "azureactivedirectory",
        activeDirectoryV2: { clientId: CLIENT, tenantAuthEndpoint: ISSUER_V2, clientSecretSettingName: "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET" },
        login: { tokenStoreEnabled: true },
    };
    const v2Checked = checked(
        {
            ...v2Written,
            activeDirectoryV2: checked({ clientId: CLIENT, tenantAuthEndpoint: ISSUER_V2 }, { wwwAuthenticationDisabled: false }, { clientSecretSettingName: "", allowedAudiences: [], allowedGroups: [] }),
            login: checked({}, { tokenStoreEnabled: false, tokenRefreshExtensionTime: 72, validateNonce: true }, { logoutEndpoint: "", allowedExternalRedirectUrls: [] }),
        },
        { runtimeVersion: "~1", requireHttps: true, httpRouteApiPrefix: "/.auth", forwardProxyConvention: "NoProxy" },
        { configFilePath: "", excludedPaths: [], customOidcV2s: [], forwardProxyCustomHostHeaderName: "", forwardProxyCustomSchemeHeaderName: "" },
    );
    const v1 = (defaultProvider: string) => ({
        enabled: true,
        defaultProvider,
        unauthenticatedClientAction: "RedirectToLoginPage",
        issuer: `https://sts.windows.net/${TENANT}/`,
        activeDirectory: { clientId: CLIENT, clientSecret: secret(FIXTURE_SECRET) },
    });
    const v1Current = v1("BuiltInAuthenticationProviderAzureActiveDirectory");
    const v1Legacy = v1("AzureActiveDirectory");
    const site = (name: string, extra: Record<string, unknown>) => ({
        resourceGroupName: RG,
        name,
        location: LOCATION,
        siteConfig: {},
        appSettings: { DB_PASSWORD: secret(FIXTURE_SECRET) },
        tags: APP_PROXY_TAG,
        ...extra,
    });
    const d = (target: string, path: Path, insecure?: unknown): Deciding => ({ policy: APPS, target, path, insecure });
    const v2 = (target: string, field: string, insecure: unknown) => d(target, ["authSettingsV2", field], insecure);
    return [
        {
            name: "classicApps",
            resources: [
                cr(C.LINUX_APP, "linuxApp", checked(site("app-classic-linux", { servicePlanId: PLAN_ID, authSettingsV2: v2Checked }), { enabled: true, httpsOnly: false, publicNetworkAccessEnabled: true })),
                cr(C.WINDOWS_APP, "windowsApp", site("app-classic-windows", { servicePlanId: PLAN_ID, authSettings: v1Current })),
                cr(C.LINUX_FUNCTION, "linuxFunction", site("func-classic-linux", { servicePlanId: PLAN_ID, storageAccountName: "stclassicfunc", authSettingsV2: v2Written })),
                cr(C.WINDOWS_FUNCTION, "windowsFunction", site("func-classic-windows", { servicePlanId: PLAN_ID, storageAccountName: "stclassicfunc", authSettingsV2: v2Written })),
                cr(
                    C.FLEX,
                    "flexApp",
                    site("func-classic-flex", {
                        servicePlanId: PLAN_ID,
                        runtimeName: "node",
                        runtimeVersion: "20",
                        storageAuthenticationType: "SystemAssignedIdentity",
                        storageContainerType: "blobContainer",
                        storageContainerEndpoint: "https://stclassicfunc.blob.core.windows.net/deploy",
                        authSettingsV2: { ...v2Written, unauthenticatedAction: "Return401" },
                    }),
                ),
                // Slots: their own settings, published with their app.
                cr(C.LINUX_APP_SLOT, "linuxAppSlot", { name: "staging", appServiceId: ref("linuxApp"), siteConfig: {}, authSettingsV2: v2Checked }),
                cr(C.WINDOWS_APP_SLOT, "windowsAppSlot", { name: "staging", appServiceId: ref("windowsApp"), siteConfig: {}, authSettings: v1Current }),
                cr(C.LINUX_FUNCTION_SLOT, "linuxFunctionSlot", { name: "staging", functionAppId: ref("linuxFunction"), siteConfig: {}, storageAccountName: "stclassicfunc", authSettingsV2: v2Written }),
                cr(C.WINDOWS_FUNCTION_SLOT, "windowsFunctionSlot", { name: "staging", functionAppId: ref("windowsFunction"), siteConfig: {}, storageAccountName: "stclassicfunc", authSettingsV2: v2Written }),
                cr(C.LEGACY_APP, "legacyApp", site("app-classic-legacy", { appServicePlanId: PLAN_ID, authSettings: v1Legacy })),
                cr(C.LEGACY_APP_SLOT, "legacyAppSlot", { resourceGroupName: RG, name: "staging", location: LOCATION, appServiceName: ref("legacyApp", "name"), appServicePlanId: PLAN_ID, authSettings: v1Legacy }),
                cr(C.LEGACY_FUNCTION, "legacyFunction", site("func-classic-legacy", { appServicePlanId: PLAN_ID, storageAccountName: "stclassicfunc", storageAccountAccessKey: secret(FIXTURE_SECRET), authSettings: v1Legacy })),
                cr(C.LEGACY_FUNCTION_SLOT, "legacyFunctionSlot", {
                    resourceGroupName: RG,
                    name: "staging",
                    location: LOCATION,
                    functionAppName: ref("legacyFunction", "name"),
                    appServicePlanId: PLAN_ID,
                    storageAccountName: "stclassicfunc",
                    storageAccountAccessKey: secret(FIXTURE_SECRET),
                    authSettings: v1Legacy,
                }),
                cr(C.CONTAINER_APP, "containerApp", {
                    resourceGroupName: RG,
                    name: "ca-classic-admin",
                    containerAppEnvironmentId: ENVIRONMENT_ID,
                    revisionMode: "Single",
                    ingress: { externalEnabled: true, targetPort: 8080, trafficWeights: [{ latestRevision: true, percentage: 100 }] },
                    secrets: [{ name: "db", value: secret(FIXTURE_SECRET) }],
                    template: { containers: [{ name: "api", image: "mcr.microsoft.com/k8se/quickstart:latest", cpu: 0.25, memory: "0.5Gi" }] },
                    tags: APP_PROXY_TAG,
                }),
                resource(C.CA_AUTH, "containerAppAuth", {
                    resourceGroupName: RG,
                    containerAppName: ref("containerApp", "name"),
                    authConfigName: "current",
                    platform: { enabled: true },
                    globalValidation: { unauthenticatedClientAction: "Return401" },
                    identityProviders: {
                        azureActiveDirectory: { enabled: true, registration: { clientId: CLIENT, openIdIssuer: ISSUER_V2 }, validation: { allowedAudiences: [`api://${CLIENT}`] } },
                    },
                }),
            ],
            compliantFor: [APPS],
            deciding: [
                v2("linuxApp", "authEnabled", false),
                v2("linuxApp", "requireAuthentication", false),
                v2("linuxApp", "unauthenticatedAction", "AllowAnonymous"),
                d("linuxApp", ["authSettingsV2", "activeDirectoryV2", "tenantAuthEndpoint"], "https://login.microsoftonline.com/common/v2.0"),
                v2("linuxApp", "googleV2", { clientId: "123.apps.googleusercontent.com", clientSecretSettingName: "GOOGLE_PROVIDER_AUTHENTICATION_SECRET" }),
                d("linuxApp", ["tags", "securityLevel"]),
                d("windowsApp", ["authSettings", "enabled"], false),
                d("windowsApp", ["authSettings", "defaultProvider"], "BuiltInAuthenticationProviderGoogle"),
                d("windowsApp", ["authSettings", "activeDirectory", "clientId"], null),
                v2("linuxFunction", "requireAuthentication", false),
                v2("windowsFunction", "authEnabled", false),
                v2("flexApp", "unauthenticatedAction", "AllowAnonymous"),
                v2("linuxAppSlot", "authEnabled", false),
                d("windowsAppSlot", ["authSettings", "unauthenticatedClientAction"], "AllowAnonymous"),
                v2("linuxFunctionSlot", "unauthenticatedAction", "AllowAnonymous"),
                v2("windowsFunctionSlot", "requireAuthentication", false),
                d("legacyApp", ["authSettings", "defaultProvider"], "Google"),
                d("legacyAppSlot", ["authSettings", "enabled"], false),
                d("legacyFunction", ["authSettings", "unauthenticatedClientAction"], "AllowAnonymous"),
                d("legacyFunctionSlot", ["authSettings", "enabled"], false),
                { policy: APPS, target: "containerAppAuth", reportOn: "containerApp", path: ["platform", "enabled"], insecure: false },
                { policy: APPS, target: "containerAppAuth", reportOn: "containerApp", path: ["containerAppName"], insecure: "ca-other" },
            ],
        },
    ];
}

// ---------------------------------------------------------------------------------------------
// Role grants, custom roles and PIM

function rbacScenarios(): Scenario[] {
    const scopes: FixtureResource[] = [
        cr(C.RG, "rgAdmin", { name: "rg-classic-admin", location: LOCATION, tags: PRIVILEGED }),
        resource(C.GROUP, "adminGroup", { displayName: "pa-classic-admins", securityEnabled: true, assignableToRole: true, description: secret(FIXTURE_SECRET) }),
    ];
    // As the provider's Check leaves an assignment: every unset string "", skipServicePrincipalAadCheck filled in.
    const assignmentChecked = (written: Record<string, unknown>) =>
        checked(written, { skipServicePrincipalAadCheck: false }, { condition: "", conditionVersion: "", description: "", delegatedManagedIdentityResourceId: "", roleDefinitionId: "", roleDefinitionName: "" });
    const r = (policy: string, target: string, path: Path, insecure?: unknown, reportOn?: string): Deciding => ({ policy, target, path, insecure, reportOn });
    return [
        {
            name: "classicRbac",
            resources: [
                ...scopes,
                cr(
                    C.RD,
                    "customReader",
                    checked(
                        { name: "Reader with data (classic)", scope: `/subscriptions/${SUBSCRIPTION}`, permissions: [{ actions: ["*/read"], dataActions: ["*"], notActions: [], notDataActions: [] }] },
                        {},
                        { description: "", roleDefinitionId: "" },
                    ),
                ),
                cr(C.RA, "ownerToGroup", { scope: ref("rgAdmin"), principalId: ref("adminGroup", "objectId"), principalType: "Group", roleDefinitionName: "Owner" }),
                cr(C.RA_ALIAS, "readerToNobody", assignmentChecked({ scope: ref("rgAdmin"), principalId: NOBODY, principalType: "User", roleDefinitionId: ROLE_ID(READER) })),
                cr(C.RA, "customToNobody", { scope: ref("rgAdmin"), principalId: NOBODY, roleDefinitionId: ref("customReader", "computed") }),
                cr(C.ELIGIBLE, "eligibleReader", {
                    scope: ref("rgAdmin"),
                    principalId: NOBODY,
                    roleDefinitionId: ROLE_ID(READER),
                    justification: secret(FIXTURE_SECRET),
                    schedule: { expiration: { durationDays: 90 } },
                }),
                cr(C.ACTIVE, "activeOwner", { scope: ref("rgAdmin"), principalId: ref("adminGroup", "objectId"), roleDefinitionId: ROLE_ID(OWNER), schedule: { expiration: { durationHours: 4 } } }),
            ],
            compliantFor: [RBAC],
            deciding: [
                r(RBAC, "ownerToGroup", ["principalId"], NOBODY),
                r(RBAC, "adminGroup", ["assignableToRole"], false, "ownerToGroup"),
                r(RBAC, "readerToNobody", ["roleDefinitionName"], "Owner"),
                r(RBAC, "customToNobody", ["roleDefinitionId"], ROLE_ID(OWNER)),
                r(RBAC, "customReader", ["permissions", 0, "actions", 0], "*", "customToNobody"),
                r(RBAC, "eligibleReader", ["roleDefinitionId"], OWNER),
                r(RBAC, "activeOwner", ["principalId"], NOBODY),
                r(RBAC, "rgAdmin", ["tags", "securityLevel"], undefined, "ownerToGroup"),
            ],
        },
        {
            name: "classicJit",
            resources: [
                ...scopes,
                cr(C.RA, "readerToGroup", { scope: ref("rgAdmin"), principalId: ref("adminGroup", "objectId"), roleDefinitionName: "Reader" }),
                cr(C.ELIGIBLE, "eligibleOwner", {
                    scope: ref("rgAdmin"),
                    principalId: ref("adminGroup", "objectId"),
                    roleDefinitionId: ROLE_ID(OWNER),
                    justification: "",
                    condition: "",
                    conditionVersion: "",
                    schedule: { startDateTime: "2025-01-01T00:00:00Z", expiration: { durationDays: 90, durationHours: 0, endDateTime: "" } },
                }),
                cr(C.ACTIVE, "activeOwner", {
                    scope: ref("rgAdmin"),
                    principalId: ref("adminGroup", "objectId"),
                    roleDefinitionId: ROLE_ID(OWNER),
                    schedule: { startDateTime: "2025-01-01T08:00:00Z", expiration: { endDateTime: "2025-01-01T12:00:00Z" } },
                    ticket: { number: "CHG0042", system: "ServiceNow" },
                }),
                cr(C.RMP, "activationPolicy", {
                    scope: ref("rgAdmin"),
                    roleDefinitionId: ROLE_ID(OWNER),
                    activationRules: {
                        requireApproval: true,
                        approvalStage: { primaryApprovers: [{ objectId: ref("adminGroup", "objectId"), type: "Group" }] },
                        requireMultifactorAuthentication: true,
                        requireJustification: true,
                        requiredConditionalAccessAuthenticationContext: "",
                        maximumDuration: "PT8H",
                    },
                }),
            ],
            compliantFor: [JIT, RBAC],
            deciding: [
                r(JIT, "readerToGroup", ["roleDefinitionName"], "Owner"),
                r(JIT, "eligibleOwner", ["schedule", "expiration", "durationDays"], 800),
                r(JIT, "eligibleOwner", ["schedule", "expiration"], { durationDays: 0, durationHours: 0, endDateTime: "" }),
                r(JIT, "activeOwner", ["schedule", "expiration", "endDateTime"], "2025-01-02T12:00:00Z"),
                r(JIT, "activeOwner", ["schedule", "startDateTime"], "2024-12-31T08:00:00Z"),
                r(JIT, "activationPolicy", ["activationRules", "requireApproval"], false),
                r(JIT, "activationPolicy", ["activationRules", "requireMultifactorAuthentication"], false),
                r(JIT, "activationPolicy", ["activationRules", "maximumDuration"], "PT12H"),
            ],
        },
    ];
}

export function classicScenarios(): Scenario[] {
    return [...doorScenarios(), ...reachScenarios(), ...jumpHostScenarios(), ...bastionAndVpnScenarios(), ...appScenarios(), ...rbacScenarios()];
}
