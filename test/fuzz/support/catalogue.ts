// Every policied resource type, and compliant scenarios (realistic azure-native, classic @pulumi/azure
// and azuread inputs, secure at the privileged level) with the fields that decide each verdict: the
// seeds of the mutation fuzzers and of the fail-closed property (an unknown in a deciding field never
// passes at the privileged level).
import { FixtureResource, ref, resource, secret, SUBSCRIPTION } from "../../harness/stack";
import { classicScenarios } from "./classic-scenarios";
import {
    APP_PROXY,
    APPS,
    AUDIENCE,
    BASTION,
    CA,
    CLIENT,
    Deciding,
    ENTRA,
    ENTRA_ROLES,
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

export type { Deciding, Path, Scenario } from "./constants";

export interface PolicedType {
    /** Short name used in counts. */
    key: string;
    token: string;
    /** Top-level input keys the policies read, or that realistic programs set. */
    keys: string[];
    /** Other tokens of the same resource (a deprecated module alias): drawn now and then instead of `token`. */
    aliases?: string[];
    /** Its share of the plan's random resources per type in a batch, and of its minimum of cases (default 1). */
    share?: number;
}

const T = (key: string, token: string, keys: string[]): PolicedType => ({ key, token, keys: [...keys, "tags", "resourceGroupName", "location", "name"] });
/**
 * A classic @pulumi/azure (Terraform azurerm) type, read through the pack's adapters. After Check the
 * engine sends the provider's schema defaults and `__defaults`, the list of the keys it filled in.
 * Its adapter feeds the evaluators the azure-native types already exercise, so it takes half their
 * share of random resources: the suite keeps its time with twice the types.
 */
const C = (key: string, token: string, keys: string[], aliases?: string[]): PolicedType => ({
    ...T(key, `azure:${token}`, [...keys, "__defaults"]),
    share: 0.5,
    ...(aliases ? { aliases: aliases.map((a) => `azure:${a}`) } : {}),
});
/** An Entra ID (azuread) type: no resource group, location or Azure name; `tags` only where the type has them. */
const E = (key: string, file: string, keys: string[]): PolicedType => ({ key, token: `azuread:index/${file}:${key}`, keys });

export const POLICED_TYPES: PolicedType[] = [
    T("NetworkSecurityGroup", "azure-native:network:NetworkSecurityGroup", ["networkSecurityGroupName", "securityRules"]),
    T("SecurityRule", "azure-native:network:SecurityRule", [
        "networkSecurityGroupName", "securityRuleName", "direction", "access", "protocol", "priority", "sourceAddressPrefix",
        "sourceAddressPrefixes", "sourceApplicationSecurityGroups", "destinationPortRange", "destinationPortRanges",
    ]),
    T("LoadBalancer", "azure-native:network:LoadBalancer", ["loadBalancerName", "sku", "frontendIPConfigurations", "inboundNatRules", "inboundNatPools", "loadBalancingRules", "backendAddressPools"]),
    T("InboundNatRule", "azure-native:network:InboundNatRule", ["loadBalancerName", "inboundNatRuleName", "frontendIPConfiguration", "protocol", "frontendPort", "backendPort", "frontendPortRangeStart", "frontendPortRangeEnd", "enableFloatingIP"]),
    T("AzureFirewall", "azure-native:network:AzureFirewall", ["azureFirewallName", "sku", "natRuleCollections", "firewallPolicy"]),
    T("FirewallPolicyRuleCollectionGroup", "azure-native:network:FirewallPolicyRuleCollectionGroup", ["firewallPolicyName", "ruleCollectionGroupName", "priority", "ruleCollections"]),
    T("PublicIPAddress", "azure-native:network:PublicIPAddress", ["publicIpAddressName", "sku", "publicIPAllocationMethod", "ipAddress"]),
    T("NetworkInterface", "azure-native:network:NetworkInterface", ["networkInterfaceName", "ipConfigurations", "networkSecurityGroup"]),
    T("VirtualNetwork", "azure-native:network:VirtualNetwork", ["virtualNetworkName", "addressSpace", "subnets"]),
    T("Subnet", "azure-native:network:Subnet", ["virtualNetworkName", "subnetName", "addressPrefix", "networkSecurityGroup"]),
    T("VirtualMachine", "azure-native:compute:VirtualMachine", ["vmName", "identity", "osProfile", "storageProfile", "networkProfile", "hardwareProfile"]),
    T("VirtualMachineScaleSet", "azure-native:compute:VirtualMachineScaleSet", ["vmScaleSetName", "identity", "virtualMachineProfile", "sku", "orchestrationMode"]),
    T("VirtualMachineExtension", "azure-native:compute:VirtualMachineExtension", ["vmName", "vmExtensionName", "publisher", "type", "typeHandlerVersion"]),
    T("VirtualMachineScaleSetExtension", "azure-native:compute:VirtualMachineScaleSetExtension", ["vmScaleSetName", "vmssExtensionName", "publisher", "type", "typeHandlerVersion"]),
    T("VirtualNetworkGateway", "azure-native:network:VirtualNetworkGateway", ["virtualNetworkGatewayName", "gatewayType", "vpnType", "sku", "vpnClientConfiguration", "ipConfigurations"]),
    T("VpnServerConfiguration", "azure-native:network:VpnServerConfiguration", ["vpnServerConfigurationName", "properties", "vpnAuthenticationTypes", "vpnProtocols", "aadAuthenticationParameters"]),
    T("BastionHost", "azure-native:network:BastionHost", ["bastionHostName", "sku", "enableShareableLink", "enableSessionRecording", "disableCopyPaste", "ipConfigurations"]),
    T("WebApp", "azure-native:web:WebApp", ["kind", "serverFarmId", "siteConfig", "httpsOnly"]),
    T("WebAppSlot", "azure-native:web:WebAppSlot", ["slot", "serverFarmId"]),
    T("WebAppAuthSettingsV2", "azure-native:web:WebAppAuthSettingsV2", ["platform", "globalValidation", "identityProviders", "login"]),
    T("WebAppAuthSettingsV2Slot", "azure-native:web:WebAppAuthSettingsV2Slot", ["slot", "platform", "globalValidation", "identityProviders"]),
    T("WebAppAuthSettings", "azure-native:web:WebAppAuthSettings", ["enabled", "defaultProvider", "unauthenticatedClientAction", "clientId", "clientSecret", "issuer", "googleClientId", "facebookAppId"]),
    T("WebAppAuthSettingsSlot", "azure-native:web:WebAppAuthSettingsSlot", ["slot", "enabled", "defaultProvider", "unauthenticatedClientAction", "clientId", "issuer", "twitterConsumerKey"]),
    T("ContainerApp", "azure-native:app:ContainerApp", ["containerAppName", "managedEnvironmentId", "configuration", "template"]),
    T("ContainerAppsAuthConfig", "azure-native:app:ContainerAppsAuthConfig", ["containerAppName", "authConfigName", "platform", "globalValidation", "identityProviders"]),
    T("RoleAssignment", "azure-native:authorization:RoleAssignment", ["scope", "principalId", "principalType", "roleDefinitionId", "roleAssignmentName", "description"]),
    T("PimRoleEligibilitySchedule", "azure-native:authorization:PimRoleEligibilitySchedule", ["scope", "principalId", "roleDefinitionId", "scheduleInfo", "justification"]),
    T("RoleDefinition", "azure-native:authorization:RoleDefinition", ["roleDefinitionId", "roleName", "scope", "permissions", "assignableScopes"]),
    T("RoleManagementPolicy", "azure-native:authorization:RoleManagementPolicy", ["scope", "roleManagementPolicyName", "rules"]),
    T("JitNetworkAccessPolicy", "azure-native:security:JitNetworkAccessPolicy", ["ascLocation", "kind", "virtualMachines", "jitNetworkAccessPolicyName"]),
    // Classic: network security groups, Bastion, VPN gateways and Virtual WAN server configurations.
    C("ClassicNetworkSecurityGroup", "network/networkSecurityGroup:NetworkSecurityGroup", ["securityRules"]),
    C("ClassicNetworkSecurityRule", "network/networkSecurityRule:NetworkSecurityRule", [
        "networkSecurityGroupName", "direction", "access", "protocol", "priority", "sourceAddressPrefix", "sourceAddressPrefixes",
        "sourceApplicationSecurityGroupIds", "destinationPortRange", "destinationPortRanges",
    ]),
    C("ClassicBastionHost", "compute/bastionHost:BastionHost", ["sku", "shareableLinkEnabled", "sessionRecordingEnabled", "copyPasteEnabled", "ipConfiguration"]),
    C("ClassicVirtualNetworkGateway", "network/virtualNetworkGateway:VirtualNetworkGateway", ["type", "vpnType", "sku", "vpnClientConfiguration", "ipConfigurations"]),
    C("ClassicVpnServerConfiguration", "network/vpnServerConfiguration:VpnServerConfiguration", [
        "vpnAuthenticationTypes", "vpnProtocols", "azureActiveDirectoryAuthentications", "clientRootCertificates", "radius",
    ]),
    // Classic load balancers (every rule a resource of its own, joined by `loadbalancerId`) and firewalls.
    C("ClassicLoadBalancer", "lb/loadBalancer:LoadBalancer", ["sku", "frontendIpConfigurations"]),
    C("ClassicNatRule", "lb/natRule:NatRule", [
        "loadbalancerId", "frontendIpConfigurationName", "protocol", "backendPort", "frontendPort", "frontendPortStart", "frontendPortEnd",
        "floatingIpEnabled", "enableFloatingIp", "backendAddressPoolId",
    ]),
    C("ClassicNatPool", "lb/natPool:NatPool", ["loadbalancerId", "frontendIpConfigurationName", "protocol", "backendPort", "frontendPortStart", "frontendPortEnd", "floatingIpEnabled"]),
    C("ClassicLoadBalancingRule", "lb/rule:Rule", [
        "loadbalancerId", "frontendIpConfigurationName", "protocol", "backendPort", "frontendPort", "floatingIpEnabled", "enableFloatingIp", "backendAddressPoolIds",
    ]),
    C("ClassicBackendAddressPool", "lb/backendAddressPool:BackendAddressPool", ["loadbalancerId"]),
    C("ClassicFirewallNatRuleCollection", "network/firewallNatRuleCollection:FirewallNatRuleCollection", ["azureFirewallName", "priority", "action", "rules"]),
    C("ClassicFirewallPolicyRuleCollectionGroup", "network/firewallPolicyRuleCollectionGroup:FirewallPolicyRuleCollectionGroup", ["firewallPolicyId", "priority", "natRuleCollections"]),
    C("ClassicIpGroup", "network/iPGroup:IPGroup", ["cidrs"]),
    C("ClassicIpGroupCidr", "network/iPGroupCIDR:IPGroupCIDR", ["ipGroupId", "cidr"]),
    // The classic exposure graph: NICs, their association resources, subnets and public IPs.
    C("ClassicPublicIp", "network/publicIp:PublicIp", ["sku", "allocationMethod"]),
    C("ClassicNetworkInterface", "network/networkInterface:NetworkInterface", ["ipConfigurations"]),
    C("ClassicNicSecurityGroupAssociation", "network/networkInterfaceSecurityGroupAssociation:NetworkInterfaceSecurityGroupAssociation", ["networkInterfaceId", "networkSecurityGroupId"]),
    C("ClassicSubnetSecurityGroupAssociation", "network/subnetNetworkSecurityGroupAssociation:SubnetNetworkSecurityGroupAssociation", ["subnetId", "networkSecurityGroupId"]),
    C("ClassicNicBackendAddressPoolAssociation", "network/networkInterfaceBackendAddressPoolAssociation:NetworkInterfaceBackendAddressPoolAssociation", [
        "networkInterfaceId", "ipConfigurationName", "backendAddressPoolId",
    ]),
    C("ClassicNicNatRuleAssociation", "network/networkInterfaceNatRuleAssociation:NetworkInterfaceNatRuleAssociation", ["networkInterfaceId", "ipConfigurationName", "natRuleId"]),
    C("ClassicVirtualNetwork", "network/virtualNetwork:VirtualNetwork", ["addressSpaces", "subnets"]),
    C("ClassicSubnet", "network/subnet:Subnet", ["virtualNetworkName", "addressPrefixes"]),
    // Classic machines: NICs by id or inline, sign-in settings, identity, inline extensions.
    C("ClassicLinuxVirtualMachine", "compute/linuxVirtualMachine:LinuxVirtualMachine", [
        "networkInterfaceIds", "identity", "disablePasswordAuthentication", "adminUsername", "adminSshKeys", "adminPassword", "size", "osDisk", "sourceImageReference",
    ]),
    C("ClassicWindowsVirtualMachine", "compute/windowsVirtualMachine:WindowsVirtualMachine", [
        "networkInterfaceIds", "identity", "adminUsername", "adminPassword", "size", "osDisk", "sourceImageReference",
    ]),
    C("ClassicVirtualMachine", "compute/virtualMachine:VirtualMachine", [
        "networkInterfaceIds", "identity", "osProfile", "osProfileLinuxConfig", "osProfileWindowsConfig", "vmSize", "storageOsDisk", "storageImageReference",
    ]),
    C("ClassicLinuxVirtualMachineScaleSet", "compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet", [
        "networkInterfaces", "identity", "disablePasswordAuthentication", "extensions", "sku", "instances", "adminUsername", "adminSshKeys", "sourceImageReference",
    ]),
    C("ClassicWindowsVirtualMachineScaleSet", "compute/windowsVirtualMachineScaleSet:WindowsVirtualMachineScaleSet", [
        "networkInterfaces", "identity", "extensions", "sku", "instances", "adminUsername", "adminPassword", "sourceImageReference",
    ]),
    C("ClassicOrchestratedVirtualMachineScaleSet", "compute/orchestratedVirtualMachineScaleSet:OrchestratedVirtualMachineScaleSet", [
        "networkInterfaces", "identity", "osProfile", "extensions", "skuName", "instances", "sourceImageReference",
    ]),
    C("ClassicScaleSet", "compute/scaleSet:ScaleSet", [
        "networkProfiles", "identity", "osProfile", "osProfileLinuxConfig", "osProfileWindowsConfig", "extensions", "sku", "storageProfileOsDisk", "storageProfileImageReference",
    ]),
    C("ClassicExtension", "compute/extension:Extension", ["virtualMachineId", "publisher", "type", "typeHandlerVersion"]),
    C("ClassicVirtualMachineScaleSetExtension", "compute/virtualMachineScaleSetExtension:VirtualMachineScaleSetExtension", ["virtualMachineScaleSetId", "publisher", "type", "typeHandlerVersion"]),
    // Classic published apps: authentication inline (v2 and v1 on the current apps, v1 on the legacy ones).
    ...(["LinuxWebApp", "WindowsWebApp", "LinuxFunctionApp", "WindowsFunctionApp", "AppFlexConsumption"] as const).map((k) =>
        C(`Classic${k}`, `appservice/${k[0].toLowerCase()}${k.slice(1)}:${k}`, ["servicePlanId", "siteConfig", "authSettingsV2", "authSettings"]),
    ),
    ...([["LinuxWebAppSlot", "appServiceId"], ["WindowsWebAppSlot", "appServiceId"], ["LinuxFunctionAppSlot", "functionAppId"], ["WindowsFunctionAppSlot", "functionAppId"]] as const).map(([k, parent]) =>
        C(`Classic${k}`, `appservice/${k[0].toLowerCase()}${k.slice(1)}:${k}`, [parent, "siteConfig", "authSettingsV2", "authSettings"]),
    ),
    C("ClassicAppService", "appservice/appService:AppService", ["appServicePlanId", "siteConfig", "authSettings"]),
    C("ClassicAppServiceSlot", "appservice/slot:Slot", ["appServiceName", "appServicePlanId", "authSettings"]),
    C("ClassicFunctionApp", "appservice/functionApp:FunctionApp", ["appServicePlanId", "siteConfig", "authSettings"]),
    C("ClassicFunctionAppSlot", "appservice/functionAppSlot:FunctionAppSlot", ["functionAppName", "appServicePlanId", "authSettings"]),
    C("ClassicContainerApp", "containerapp/app:App", ["containerAppEnvironmentId", "revisionMode", "ingress", "template"]),
    // Classic role grants, custom roles and PIM.
    C("ClassicRoleAssignment", "authorization/assignment:Assignment", ["scope", "principalId", "principalType", "roleDefinitionId", "roleDefinitionName", "description"], ["role/assignment:Assignment"]),
    C("ClassicRoleDefinition", "authorization/roleDefinition:RoleDefinition", ["roleDefinitionId", "scope", "permissions", "assignableScopes"], ["role/definition:Definition"]),
    C("ClassicEligibleRoleAssignment", "pim/eligibleRoleAssignment:EligibleRoleAssignment", ["scope", "principalId", "roleDefinitionId", "schedule", "justification", "ticket"]),
    C("ClassicActiveRoleAssignment", "pim/activeRoleAssignment:ActiveRoleAssignment", ["scope", "principalId", "roleDefinitionId", "schedule", "justification", "ticket"]),
    C("ClassicRoleManagementPolicy", "pim/roleManagementPolicy:RoleManagementPolicy", ["scope", "roleDefinitionId", "activationRules", "activeAssignmentRules", "eligibleAssignmentRules"]),
    T("Group", "azuread:index/group:Group", ["displayName", "securityEnabled", "assignableToRole", "description"]),
    E("ConditionalAccessPolicy", "conditionalAccessPolicy", ["displayName", "state", "conditions", "grantControls", "sessionControls"]),
    E("AuthenticationStrengthPolicy", "authenticationStrengthPolicy", ["displayName", "description", "allowedCombinations"]),
    E("DirectoryRole", "directoryRole", ["displayName", "templateId"]),
    E("DirectoryRoleAssignment", "directoryRoleAssignment", ["roleId", "principalObjectId", "directoryScopeId", "appScopeId"]),
    E("DirectoryRoleMember", "directoryRoleMember", ["roleObjectId", "memberObjectId"]),
    E("DirectoryRoleEligibilityScheduleRequest", "directoryRoleEligibilityScheduleRequest", ["roleDefinitionId", "principalId", "directoryScopeId", "justification"]),
    ...(["PrivilegedAccessGroupAssignmentSchedule", "PrivilegedAccessGroupEligibilitySchedule"] as const).map((key) =>
        E(key, `${key[0].toLowerCase()}${key.slice(1)}`, [
            "groupId", "principalId", "assignmentType", "duration", "expirationDate", "startDate", "permanentAssignment", "justification", "ticketNumber", "ticketSystem",
        ]),
    ),
    E("GroupRoleManagementPolicy", "groupRoleManagementPolicy", ["groupId", "roleId", "activationRules", "activeAssignmentRules", "eligibleAssignmentRules", "notificationRules"]),
    E("ServicePrincipal", "servicePrincipal", [
        "clientId", "useExisting", "appRoleAssignmentRequired", "tags", "loginUrl", "accountEnabled", "featureTags", "preferredSingleSignOnMode", "notificationEmailAddresses", "owners", "notes",
    ]),
    E("AppRoleAssignment", "appRoleAssignment", ["appRoleId", "principalObjectId", "resourceObjectId"]),
];

/** Types the scenarios join to that no policy judges on their own. */
export const SUPPORT_TYPES: PolicedType[] = [
    T("ResourceGroup", "azure-native:resources:ResourceGroup", []),
    T("FirewallPolicy", "azure-native:network:FirewallPolicy", ["firewallPolicyName"]),
    T("IpGroup", "azure-native:network:IpGroup", ["ipGroupsName", "ipAddresses"]),
    E("NamedLocation", "namedLocation", ["displayName", "ip", "country"]),
    E("CustomDirectoryRole", "customDirectoryRole", ["displayName", "description", "enabled", "permissions", "templateId", "version"]),
    // Classic resources others join: resource groups (levels), firewalls and their policies (NAT
    // collections), public IP prefixes (NSG sources).
    T("ClassicResourceGroup", "azure:core/resourceGroup:ResourceGroup", ["managedBy", "__defaults"]),
    T("ClassicFirewall", "azure:network/firewall:Firewall", ["skuName", "skuTier", "firewallPolicyId", "__defaults"]),
    T("ClassicFirewallPolicy", "azure:network/firewallPolicy:FirewallPolicy", ["__defaults"]),
    T("ClassicPublicIpPrefix", "azure:network/publicIpPrefix:PublicIpPrefix", ["sku", "prefixLength", "__defaults"]),
];

export function typeOf(token: string): PolicedType | undefined {
    return [...POLICED_TYPES, ...SUPPORT_TYPES].find((t) => t.token === token);
}

// ---------------------------------------------------------------------------------------------
// Scenarios

const N = {
    NSG: "azure-native:network:NetworkSecurityGroup",
    RULE: "azure-native:network:SecurityRule",
    PIP: "azure-native:network:PublicIPAddress",
    VNET: "azure-native:network:VirtualNetwork",
    SUBNET: "azure-native:network:Subnet",
    LB: "azure-native:network:LoadBalancer",
    NAT: "azure-native:network:InboundNatRule",
    FW: "azure-native:network:AzureFirewall",
    FWP: "azure-native:network:FirewallPolicy",
    RCG: "azure-native:network:FirewallPolicyRuleCollectionGroup",
    GW: "azure-native:network:VirtualNetworkGateway",
    VPNSC: "azure-native:network:VpnServerConfiguration",
    BASTION: "azure-native:network:BastionHost",
    NIC: "azure-native:network:NetworkInterface",
    VM: "azure-native:compute:VirtualMachine",
    VMSS: "azure-native:compute:VirtualMachineScaleSet",
    EXT: "azure-native:compute:VirtualMachineExtension",
    VMSS_EXT: "azure-native:compute:VirtualMachineScaleSetExtension",
    APP: "azure-native:web:WebApp",
    SLOT: "azure-native:web:WebAppSlot",
    AUTH_V2: "azure-native:web:WebAppAuthSettingsV2",
    AUTH_V2_SLOT: "azure-native:web:WebAppAuthSettingsV2Slot",
    AUTH_V1: "azure-native:web:WebAppAuthSettings",
    AUTH_V1_SLOT: "azure-native:web:WebAppAuthSettingsSlot",
    CA: "azure-native:app:ContainerApp",
    CA_AUTH: "azure-native:app:ContainerAppsAuthConfig",
    RG: "azure-native:resources:ResourceGroup",
    RA: "azure-native:authorization:RoleAssignment",
    PIM: "azure-native:authorization:PimRoleEligibilitySchedule",
    RD: "azure-native:authorization:RoleDefinition",
    RMP: "azure-native:authorization:RoleManagementPolicy",
    JIT: "azure-native:security:JitNetworkAccessPolicy",
    GROUP: "azuread:index/group:Group",
    CAP: "azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy",
    ASP: "azuread:index/authenticationStrengthPolicy:AuthenticationStrengthPolicy",
    LOCATION: "azuread:index/namedLocation:NamedLocation",
    DR: "azuread:index/directoryRole:DirectoryRole",
    DRA: "azuread:index/directoryRoleAssignment:DirectoryRoleAssignment",
    DRM: "azuread:index/directoryRoleMember:DirectoryRoleMember",
    DRESR: "azuread:index/directoryRoleEligibilityScheduleRequest:DirectoryRoleEligibilityScheduleRequest",
    PAGA: "azuread:index/privilegedAccessGroupAssignmentSchedule:PrivilegedAccessGroupAssignmentSchedule",
    PAGE: "azuread:index/privilegedAccessGroupEligibilitySchedule:PrivilegedAccessGroupEligibilitySchedule",
    GRMP: "azuread:index/groupRoleManagementPolicy:GroupRoleManagementPolicy",
    SP: "azuread:index/servicePrincipal:ServicePrincipal",
    ARA: "azuread:index/appRoleAssignment:AppRoleAssignment",
};


const network = (): FixtureResource[] => [
    resource(N.VNET, "vnet", {
        resourceGroupName: RG,
        virtualNetworkName: "vnet-hub",
        location: "westeurope",
        addressSpace: { addressPrefixes: ["10.20.0.0/16"] },
        subnets: [{ name: "workload", addressPrefix: "10.20.1.0/24" }],
    }),
    resource(N.SUBNET, "subnet", { resourceGroupName: RG, virtualNetworkName: ref("vnet", "name"), subnetName: "snet-jump", addressPrefix: "10.20.2.0/24" }),
    resource(N.PIP, "pip", { resourceGroupName: RG, publicIpAddressName: "pip-lb", location: "westeurope", sku: { name: "Standard" }, publicIPAllocationMethod: "Static" }),
];

const LB_ID = (lb: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Network/loadBalancers/${lb}`;

function networkScenarios(): Scenario[] {
    const covered = [rule({ name: "deny-internet", access: "Deny", priority: 100, protocol: "*", sourceAddressPrefix: "Internet", destinationPortRange: "*" }), rule({ sourceAddressPrefix: "*" })];
    const nsgDeciding = (policy: string, port: string): Deciding[] => [
        { policy, target: "nsgCovered", path: ["securityRules", 0, "access"], insecure: "Allow" },
        { policy, target: "nsgCovered", path: ["securityRules", 0, "priority"], insecure: 400 },
        { policy, target: "nsgCovered", path: ["securityRules", 0, "direction"], insecure: "Outbound" },
        { policy, target: "nsgCovered", path: ["securityRules", 0, "protocol"], insecure: "Udp" },
        { policy, target: "nsgCovered", path: ["securityRules", 0, "sourceAddressPrefix"], insecure: "10.0.0.0/8" },
        { policy, target: "nsgCovered", path: ["securityRules", 0, "destinationPortRange"], insecure: "443" },
        { policy, target: "nsgCovered", path: ["securityRules", 1, "priority"], insecure: 50 },
        { policy, target: "nsgPrivate", path: ["securityRules", 0, "sourceAddressPrefix"], insecure: "0.0.0.0/0" },
        { policy, target: "nsgPrivate", path: ["securityRules", 0, "sourceAddressPrefixes"], insecure: ["0.0.0.0/1", "128.0.0.0/1"] },
        { policy, target: "nsgOtherPort", path: ["securityRules", 0, "destinationPortRange"], insecure: port },
        { policy, target: "nsgOtherPort", path: ["securityRules", 0, "destinationPortRanges"], insecure: ["80", port] },
        { policy, target: "splitRule", path: ["networkSecurityGroupName"], insecure: "nsg-elsewhere" },
        { policy, target: "splitRule", path: ["priority"], insecure: 50 },
        { policy, target: "lbPublic", path: ["inboundNatRules", 0, "backendPort"], insecure: Number(port) },
        { policy, target: "lbPublic", path: ["loadBalancingRules", 0, "backendPort"], insecure: Number(port) },
        { policy, target: "lbInternal", path: ["inboundNatRules", 0, "frontendIPConfiguration", "id"], insecure: `${LB_ID("lb-internal")}/frontendIPConfigurations/fe-public` },
        { policy, target: "natRule", path: ["backendPort"], insecure: Number(port) },
        { policy, target: "fwClassic", path: ["natRuleCollections", 0, "rules", 0, "translatedPort"], insecure: port },
        { policy, target: "fwClassic", path: ["natRuleCollections", 1, "rules", 0, "sourceAddresses", 0], insecure: "*" },
        { policy, target: "fwClassic", path: ["natRuleCollections", 2, "action", "type"], insecure: "Dnat" },
        { policy, target: "rcg", path: ["ruleCollections", 0, "rules", 0, "translatedPort"], insecure: port },
        { policy, target: "rcg", path: ["ruleCollections", 0, "rules", 1, "sourceAddresses", 0], insecure: "Internet" },
        { policy, target: "rcg", path: ["ruleCollections", 0, "rules", 1, "sourceAddresses"], insecure: ["0.0.0.0/0"] },
    ];
    const resources = (port: string): FixtureResource[] => [
        ...network(),
        resource(N.NSG, "nsgCovered", { resourceGroupName: RG, networkSecurityGroupName: "nsg-covered", location: "westeurope", securityRules: covered.map((r) => ({ ...r, destinationPortRange: r.access === "Deny" ? "*" : port })) }),
        resource(N.NSG, "nsgPrivate", {
            resourceGroupName: RG,
            networkSecurityGroupName: "nsg-private",
            location: "westeurope",
            securityRules: [rule({ sourceAddressPrefix: "10.0.0.0/8", destinationPortRange: port })],
        }),
        resource(N.NSG, "nsgOtherPort", {
            resourceGroupName: RG,
            networkSecurityGroupName: "nsg-web",
            location: "westeurope",
            securityRules: [rule({ name: "allow-https", destinationPortRange: "443" })],
        }),
        resource(N.NSG, "nsgSplit", {
            resourceGroupName: RG,
            networkSecurityGroupName: "nsg-split",
            location: "westeurope",
            securityRules: [rule({ name: "deny-all-in", access: "Deny", priority: 100, protocol: "*", destinationPortRange: "*" })],
        }),
        resource(N.RULE, "splitRule", {
            resourceGroupName: RG,
            networkSecurityGroupName: ref("nsgSplit", "name"),
            securityRuleName: "allow-mgmt",
            ...(({ name: _name, ...rest }) => rest)(rule({ destinationPortRange: port })),
        }),
        resource(N.LB, "lbPublic", {
            resourceGroupName: RG,
            loadBalancerName: "lb-public",
            location: "westeurope",
            sku: { name: "Standard" },
            frontendIPConfigurations: [{ name: "fe", publicIPAddress: { id: ref("pip") } }],
            backendAddressPools: [{ name: "pool" }],
            inboundNatRules: [{ name: "web", frontendIPConfiguration: { id: `${LB_ID("lb-public")}/frontendIPConfigurations/fe` }, protocol: "Tcp", frontendPort: 8443, backendPort: 8443 }],
            loadBalancingRules: [{ name: "https", frontendIPConfiguration: { id: `${LB_ID("lb-public")}/frontendIPConfigurations/fe` }, protocol: "Tcp", frontendPort: 443, backendPort: 443 }],
        }),
        resource(N.LB, "lbInternal", {
            resourceGroupName: RG,
            loadBalancerName: "lb-internal",
            location: "westeurope",
            sku: { name: "Standard" },
            frontendIPConfigurations: [
                { name: "fe-public", publicIPAddress: { id: ref("pip") } },
                { name: "fe-internal", subnet: { id: ref("vnet") }, privateIPAllocationMethod: "Dynamic" },
            ],
            inboundNatRules: [{ name: "mgmt", frontendIPConfiguration: { id: `${LB_ID("lb-internal")}/frontendIPConfigurations/fe-internal` }, protocol: "Tcp", frontendPort: 50001, backendPort: Number(port) }],
        }),
        resource(N.NAT, "natRule", {
            resourceGroupName: RG,
            loadBalancerName: ref("lbPublic", "name"),
            inboundNatRuleName: "web-2",
            frontendIPConfiguration: { id: `${LB_ID("lb-public")}/frontendIPConfigurations/fe` },
            protocol: "Tcp",
            frontendPort: 8080,
            backendPort: 80,
        }),
        resource(N.FW, "fwClassic", {
            resourceGroupName: RG,
            azureFirewallName: "fw-hub",
            location: "westeurope",
            sku: { name: "AZFW_VNet", tier: "Standard" },
            natRuleCollections: [
                { name: "web", priority: 100, action: { type: "Dnat" }, rules: [{ name: "web", protocols: ["TCP"], sourceAddresses: ["*"], destinationAddresses: ["20.50.60.70"], destinationPorts: ["443"], translatedAddress: "10.20.1.4", translatedPort: "443" }] },
                { name: "mgmt", priority: 110, action: { type: "Dnat" }, rules: [{ name: "mgmt", protocols: ["TCP"], sourceAddresses: ["10.0.0.0/8"], destinationAddresses: ["20.50.60.70"], destinationPorts: ["50022"], translatedAddress: "10.20.1.4", translatedPort: port }] },
                { name: "snat", priority: 120, action: { type: "Snat" }, rules: [{ name: "snat", protocols: ["TCP"], sourceAddresses: ["*"], destinationAddresses: ["20.50.60.70"], destinationPorts: ["50023"], translatedAddress: "10.20.1.4", translatedPort: port }] },
            ],
        }),
        resource(N.FWP, "fwPolicy", { resourceGroupName: RG, firewallPolicyName: "fwp-hub", location: "westeurope" }),
        resource(N.RCG, "rcg", {
            resourceGroupName: RG,
            firewallPolicyName: ref("fwPolicy", "name"),
            ruleCollectionGroupName: "rcg-dnat",
            priority: 200,
            ruleCollections: [
                {
                    ruleCollectionType: "FirewallPolicyNatRuleCollection",
                    name: "dnat",
                    priority: 100,
                    action: { type: "DNAT" },
                    rules: [
                        { ruleType: "NatRule", name: "web", ipProtocols: ["TCP"], sourceAddresses: ["*"], destinationAddresses: ["20.50.60.70"], destinationPorts: ["443"], translatedAddress: "10.20.1.4", translatedPort: "443" },
                        { ruleType: "NatRule", name: "mgmt", ipProtocols: ["TCP", "UDP"], sourceAddresses: ["10.0.0.0/8"], destinationAddresses: ["20.50.60.70"], destinationPorts: ["50022"], translatedAddress: "10.20.1.4", translatedPort: port },
                    ],
                },
            ],
        }),
    ];
    return [
        { name: "rdp", resources: resources("3389"), compliantFor: [RDP], deciding: nsgDeciding(RDP, "3389") },
        { name: "ssh", resources: resources("22"), compliantFor: [MGMT], deciding: nsgDeciding(MGMT, "22") },
        {
            name: "networkLevels",
            resources: resources("3389").map((r) => (r.name === "nsgPrivate" || r.name === "lbInternal" || r.name === "fwClassic" ? { ...r, inputs: { ...r.inputs, tags: { securityLevel: "enterprise" } } } : r)),
            compliantFor: [RDP],
            deciding: [
                { policy: RDP, target: "nsgPrivate", path: ["tags", "securityLevel"] },
                { policy: RDP, target: "lbInternal", path: ["tags", "securityLevel"] },
                { policy: RDP, target: "fwClassic", path: ["tags", "securityLevel"] },
            ],
        },
    ];
}

function vpnScenarios(): Scenario[] {
    const client = {
        vpnClientAddressPool: { addressPrefixes: ["172.16.201.0/24"] },
        vpnClientProtocols: ["OpenVPN"],
        vpnAuthenticationTypes: ["AAD"],
        aadTenant: `https://login.microsoftonline.com/${TENANT}`,
        aadAudience: AUDIENCE,
        aadIssuer: `https://sts.windows.net/${TENANT}/`,
    };
    const resources: FixtureResource[] = [
        ...network(),
        resource(N.GW, "gateway", {
            resourceGroupName: RG,
            virtualNetworkGatewayName: "vgw-hub",
            location: "westeurope",
            gatewayType: "Vpn",
            vpnType: "RouteBased",
            sku: { name: "VpnGw2AZ", tier: "VpnGw2AZ" },
            ipConfigurations: [{ name: "default", publicIPAddress: { id: ref("pip") }, subnet: { id: ref("vnet") } }],
            vpnClientConfiguration: client,
            tags: { securityLevel: "privileged" },
        }),
        resource(N.VPNSC, "vwanConfig", {
            resourceGroupName: RG,
            vpnServerConfigurationName: "vpnsc-admins",
            location: "westeurope",
            properties: {
                vpnAuthenticationTypes: ["AAD"],
                vpnProtocols: ["OpenVPN"],
                aadAuthenticationParameters: { aadTenant: client.aadTenant, aadAudience: AUDIENCE, aadIssuer: client.aadIssuer },
            },
        }),
    ];
    const gw = (path: Path, insecure?: unknown): Deciding => ({ policy: VPN, target: "gateway", path: ["vpnClientConfiguration", ...path], insecure });
    const sc = (path: Path, insecure?: unknown): Deciding => ({ policy: VPN, target: "vwanConfig", path: ["properties", ...path], insecure });
    return [
        {
            name: "vpn",
            resources,
            compliantFor: [VPN],
            deciding: [
                gw(["vpnAuthenticationTypes"], ["Certificate"]),
                gw(["vpnAuthenticationTypes", 0], "Radius"),
                gw(["vpnClientProtocols"], ["OpenVPN", "IkeV2"]),
                gw(["vpnClientProtocols", 0], "SSTP"),
                gw(["aadTenant"], "https://login.microsoftonline.com/common"),
                gw(["aadIssuer"], `https://sts.windows.net/${OTHER_TENANT}/`),
                gw(["aadAudience"], ""),
                sc(["vpnAuthenticationTypes"], ["AAD", "Certificate"]),
                sc(["vpnAuthenticationTypes", 0], "Certificate"),
                sc(["vpnProtocols"], ["IkeV2"]),
                sc(["aadAuthenticationParameters", "aadTenant"], "https://login.microsoftonline.com/organizations"),
                sc(["aadAuthenticationParameters", "aadIssuer"], "https://sts.windows.net/common/"),
                sc(["aadAuthenticationParameters", "aadAudience"], null),
                { policy: VPN, target: "gateway", path: ["tags", "securityLevel"] },
            ],
        },
    ];
}

function bastionScenarios(): Scenario[] {
    const b = (path: Path, insecure?: unknown): Deciding => ({ policy: BASTION, target: "bastion", path, insecure });
    return [
        {
            name: "bastion",
            resources: [
                ...network(),
                resource(N.BASTION, "bastion", {
                    resourceGroupName: RG,
                    bastionHostName: "bas-admin",
                    location: "westeurope",
                    sku: { name: "Premium" },
                    enableShareableLink: false,
                    enableSessionRecording: true,
                    disableCopyPaste: true,
                    enableTunneling: true,
                    ipConfigurations: [{ name: "ipconfig", publicIPAddress: { id: ref("pip") }, subnet: { id: ref("vnet") } }],
                    tags: { securityLevel: "Privileged" },
                }),
            ],
            compliantFor: [BASTION],
            deciding: [
                b(["sku", "name"], "Basic"),
                b(["sku"], { name: "Developer" }),
                b(["enableShareableLink"], true),
                b(["enableSessionRecording"], false),
                b(["disableCopyPaste"], false),
                b(["tags", "securityLevel"]),
            ],
        },
    ];
}


function vmScenarios(): Scenario[] {
    const nic = resource(N.NIC, "nic", {
        resourceGroupName: RG,
        networkInterfaceName: "nic-jump",
        location: "westeurope",
        ipConfigurations: [{ name: "ipconfig1", subnet: { id: ref("vnet") }, privateIPAllocationMethod: "Dynamic" }],
    });
    const ext = (name: string, vm: string, type: string) =>
        resource(N.EXT, name, {
            resourceGroupName: RG,
            vmName: ref(vm, "name"),
            vmExtensionName: type,
            location: "westeurope",
            publisher: ENTRA,
            type,
            typeHandlerVersion: "1.0",
            autoUpgradeMinorVersion: true,
        });
    const linuxProfile = (extensions?: unknown[]) => ({
        osProfile: {
            computerNamePrefix: "adm",
            adminUsername: "azureuser",
            linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{ path: "/home/azureuser/.ssh/authorized_keys", keyData: "ssh-ed25519 AAAA" }] } },
        },
        storageProfile: { imageReference: UBUNTU_IMAGE },
        networkProfile: { networkInterfaceConfigurations: [{ name: "nic", primary: true, ipConfigurations: [{ name: "ip", subnet: { id: ref("vnet") } }] }] },
        ...(extensions === undefined ? {} : { extensionProfile: { extensions } }),
    });
    const scaleSet = (name: string, profile: Record<string, unknown>) =>
        resource(N.VMSS, name, {
            resourceGroupName: RG,
            vmScaleSetName: `vmss-${name.toLowerCase()}`,
            location: "westeurope",
            sku: { name: "Standard_B2s", capacity: 2 },
            identity: { type: "SystemAssigned" },
            orchestrationMode: "Uniform",
            upgradePolicy: { mode: "Manual" },
            virtualMachineProfile: profile,
        });
    const d = (target: string, path: Path, insecure?: unknown, reportOn?: string): Deciding => ({ policy: VM_LOGIN, target, path, insecure, reportOn });
    return [
        {
            name: "vms",
            resources: [
                ...network(),
                nic,
                resource(N.VM, "winVm", {
                    resourceGroupName: RG,
                    vmName: "vm-win",
                    location: "westeurope",
                    hardwareProfile: { vmSize: "Standard_D2s_v5" },
                    identity: { type: "SystemAssigned" },
                    osProfile: {
                        computerName: "jumpwin",
                        adminUsername: "breakglass",
                        adminPassword: secret(FIXTURE_SECRET),
                        windowsConfiguration: { enableAutomaticUpdates: true, provisionVMAgent: true },
                    },
                    storageProfile: { imageReference: WINDOWS_IMAGE, osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } } },
                    networkProfile: { networkInterfaces: [{ id: ref("nic"), primary: true }] },
                }),
                ext("winVmEntra", "winVm", "AADLoginForWindows"),
                resource(N.VM, "linuxVm", {
                    resourceGroupName: RG,
                    vmName: "vm-lnx",
                    location: "westeurope",
                    hardwareProfile: { vmSize: "Standard_B2s" },
                    identity: { type: "SystemAssigned, UserAssigned", userAssignedIdentities: {} },
                    osProfile: {
                        computerName: "jumplnx",
                        adminUsername: "azureuser",
                        linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{ path: "/home/azureuser/.ssh/authorized_keys", keyData: "ssh-ed25519 AAAA" }] } },
                    },
                    storageProfile: { imageReference: UBUNTU_IMAGE, osDisk: { createOption: "FromImage", osType: "Linux" } },
                    networkProfile: { networkInterfaces: [{ id: ref("nic"), primary: true }] },
                }),
                ext("linuxVmEntra", "linuxVm", "AADSSHLoginForLinux"),
                scaleSet("inlineSet", linuxProfile([{ name: "AADSSHLogin", publisher: ENTRA, type: "AADSSHLoginForLinux", typeHandlerVersion: "1.0" }])),
                scaleSet("separateSet", linuxProfile()),
                resource(N.VMSS_EXT, "separateSetEntra", {
                    resourceGroupName: RG,
                    vmScaleSetName: ref("separateSet", "name"),
                    vmssExtensionName: "AADSSHLogin",
                    publisher: ENTRA,
                    type: "AADSSHLoginForLinux",
                    typeHandlerVersion: "1.0",
                }),
            ],
            compliantFor: [VM_LOGIN],
            deciding: [
                d("winVm", ["identity"], { type: "UserAssigned", userAssignedIdentities: {} }),
                d("winVm", ["identity", "type"], "None"),
                d("winVmEntra", ["publisher"], "Microsoft.Azure.ActiveDirectory.LinuxSSH", "winVm"),
                d("winVmEntra", ["type"], "AADSSHLoginForLinux", "winVm"),
                d("winVmEntra", ["vmName"], "vm-other", "winVm"),
                d("linuxVm", ["osProfile", "linuxConfiguration", "disablePasswordAuthentication"], false),
                d("linuxVm", ["identity", "type"], "UserAssigned"),
                d("linuxVmEntra", ["type"], "CustomScript", "linuxVm"),
                d("inlineSet", ["virtualMachineProfile", "extensionProfile", "extensions", 0, "type"], "AADLoginForLinux"),
                d("inlineSet", ["virtualMachineProfile", "extensionProfile", "extensions", 0, "publisher"], "Microsoft.Azure.Monitor"),
                d("inlineSet", ["virtualMachineProfile", "osProfile", "linuxConfiguration", "disablePasswordAuthentication"], false),
                d("inlineSet", ["identity", "type"], "UserAssigned"),
                d("separateSetEntra", ["type"], "AzureMonitorLinuxAgent", "separateSet"),
                d("separateSetEntra", ["publisher"], "Microsoft.Azure.Monitor", "separateSet"),
                d("separateSetEntra", ["vmScaleSetName"], "vmss-other", "separateSet"),
                d("winVm", ["tags", "securityLevel"]),
            ],
        },
    ];
}

function appScenarios(): Scenario[] {
    const entraProvider = {
        enabled: true,
        registration: { clientId: CLIENT, clientSecretSettingName: "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET", openIdIssuer: `https://login.microsoftonline.com/${TENANT}/v2.0` },
        validation: { allowedAudiences: [`api://${CLIENT}`] },
    };
    const v2 = {
        platform: { enabled: true, runtimeVersion: "~1" },
        globalValidation: { requireAuthentication: true, unauthenticatedClientAction: "RedirectToLoginPage", redirectToProvider: "azureactivedirectory" },
        identityProviders: { azureActiveDirectory: entraProvider },
        login: { tokenStore: { enabled: true } },
    };
    const v1 = {
        enabled: true,
        defaultProvider: "AzureActiveDirectory",
        unauthenticatedClientAction: "RedirectToLoginPage",
        clientId: CLIENT,
        clientSecret: secret(FIXTURE_SECRET),
        issuer: `https://sts.windows.net/${TENANT}/`,
    };
    const app = (name: string, azureName: string) =>
        resource(N.APP, name, {
            resourceGroupName: RG,
            name: azureName,
            location: "westeurope",
            kind: "app,linux",
            httpsOnly: true,
            siteConfig: { linuxFxVersion: "DOTNETCORE|8.0", appSettings: [{ name: "DB_PASSWORD", value: secret(FIXTURE_SECRET) }] },
            tags: { intermediary: "app-proxy" },
        });
    const slot = (name: string, appName: string) => resource(N.SLOT, name, { resourceGroupName: RG, name: ref(appName, "name"), slot: "staging", location: "westeurope" });
    const d = (target: string, reportOn: string, path: Path, insecure?: unknown): Deciding => ({ policy: APPS, target, reportOn, path, insecure });
    const v2Deciding = (target: string, reportOn: string): Deciding[] => [
        d(target, reportOn, ["platform", "enabled"], false),
        d(target, reportOn, ["globalValidation", "requireAuthentication"], false),
        d(target, reportOn, ["globalValidation", "unauthenticatedClientAction"], "AllowAnonymous"),
        d(target, reportOn, ["globalValidation", "redirectToProvider"], "google"),
        d(target, reportOn, ["identityProviders", "azureActiveDirectory", "enabled"], false),
        d(target, reportOn, ["identityProviders", "azureActiveDirectory", "registration", "openIdIssuer"], "https://login.microsoftonline.com/common/v2.0"),
        d(target, reportOn, ["identityProviders", "azureActiveDirectory", "registration", "clientId"], ""),
        d(target, reportOn, ["identityProviders", "google"], { enabled: true, registration: { clientId: "123.apps.googleusercontent.com" } }),
        d(target, reportOn, ["identityProviders", "customOpenIdConnectProviders"], { okta: { registration: { clientId: "okta" } } }),
    ];
    return [
        {
            name: "apps",
            resources: [
                app("webApp", "app-admin"),
                resource(N.AUTH_V2, "webAppAuth", { resourceGroupName: RG, name: ref("webApp", "name"), ...v2 }),
                app("slotApp", "app-slotted"),
                resource(N.AUTH_V2, "slotAppAuth", { resourceGroupName: RG, name: ref("slotApp", "name"), ...v2 }),
                slot("appSlot", "slotApp"),
                resource(N.AUTH_V2_SLOT, "appSlotAuth", { resourceGroupName: RG, name: ref("slotApp", "name"), slot: ref("appSlot", "name"), ...v2 }),
                app("v1App", "app-classic"),
                resource(N.AUTH_V1, "v1AppAuth", { resourceGroupName: RG, name: ref("v1App", "name"), ...v1 }),
                app("v1SlotApp", "app-classic-slotted"),
                resource(N.AUTH_V1, "v1SlotAppAuth", { resourceGroupName: RG, name: ref("v1SlotApp", "name"), ...v1 }),
                slot("v1Slot", "v1SlotApp"),
                resource(N.AUTH_V1_SLOT, "v1SlotAuth", { resourceGroupName: RG, name: ref("v1SlotApp", "name"), slot: ref("v1Slot", "name"), ...v1 }),
                resource(N.CA, "containerApp", {
                    resourceGroupName: RG,
                    containerAppName: "ca-admin",
                    location: "westeurope",
                    configuration: { ingress: { external: true, targetPort: 8080 }, secrets: [{ name: "db", value: secret(FIXTURE_SECRET) }] },
                    template: { containers: [{ name: "api", image: "mcr.microsoft.com/k8se/quickstart:latest" }] },
                    tags: { intermediary: "app-proxy" },
                }),
                resource(N.CA_AUTH, "containerAppAuth", {
                    resourceGroupName: RG,
                    containerAppName: ref("containerApp", "name"),
                    authConfigName: "current",
                    platform: { enabled: true },
                    globalValidation: { unauthenticatedClientAction: "Return401" },
                    identityProviders: { azureActiveDirectory: entraProvider },
                }),
            ],
            compliantFor: [APPS],
            deciding: [
                ...v2Deciding("webAppAuth", "webApp"),
                d("webAppAuth", "webApp", ["name"], "app-other"),
                ...v2Deciding("appSlotAuth", "appSlot").slice(0, 3),
                d("appSlotAuth", "appSlot", ["slot"], "production"),
                d("v1AppAuth", "v1App", ["enabled"], false),
                d("v1AppAuth", "v1App", ["defaultProvider"], "Google"),
                d("v1AppAuth", "v1App", ["unauthenticatedClientAction"], "AllowAnonymous"),
                d("v1AppAuth", "v1App", ["issuer"], "https://login.microsoftonline.com/common"),
                d("v1AppAuth", "v1App", ["clientId"], null),
                d("v1AppAuth", "v1App", ["googleClientId"], "123.apps.googleusercontent.com"),
                d("v1SlotAuth", "v1Slot", ["unauthenticatedClientAction"], "AllowAnonymous"),
                d("containerAppAuth", "containerApp", ["platform", "enabled"], false),
                d("containerAppAuth", "containerApp", ["globalValidation", "unauthenticatedClientAction"], "AllowAnonymous"),
                d("containerAppAuth", "containerApp", ["identityProviders", "azureActiveDirectory", "registration", "openIdIssuer"], "https://login.microsoftonline.com/consumers/v2.0"),
                d("containerAppAuth", "containerApp", ["containerAppName"], "ca-other"),
                { policy: APPS, target: "webApp", path: ["tags", "securityLevel"] },
            ],
        },
    ];
}

function rbacScenarios(): Scenario[] {
    const scopes: FixtureResource[] = [
        resource(N.RG, "rgAdmin", { resourceGroupName: "rg-admin", location: "westeurope", tags: PRIVILEGED }),
        resource(N.GROUP, "adminGroup", { displayName: "pa-admins", securityEnabled: true, assignableToRole: true, description: secret(FIXTURE_SECRET) }),
        resource(N.RD, "customReader", {
            roleDefinitionId: "1e8d2f0b-4c3a-4d6e-9f70-8b9c0d1e2f30",
            roleName: "Reader with data",
            scope: `/subscriptions/${SUBSCRIPTION}`,
            permissions: [{ actions: ["*/read"], dataActions: ["*"] }],
        }),
    ];
    const ACTIVATION = { caller: "EndUser", level: "Assignment", operations: ["All"] };
    const r = (policy: string, target: string, path: Path, insecure?: unknown, reportOn?: string): Deciding => ({ policy, target, path, insecure, reportOn });
    return [
        {
            name: "rbac",
            resources: [
                ...scopes,
                resource(N.RA, "ownerToGroup", { scope: ref("rgAdmin"), principalId: ref("adminGroup", "objectId"), principalType: "Group", roleDefinitionId: OWNER }),
                resource(N.RA, "readerToNobody", { scope: ref("rgAdmin"), principalId: NOBODY, principalType: "User", roleDefinitionId: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${READER}` }),
                resource(N.RA, "customToNobody", { scope: ref("rgAdmin"), principalId: NOBODY, roleDefinitionId: ref("customReader") }),
                resource(N.PIM, "eligibleReader", {
                    scope: ref("rgAdmin"),
                    principalId: NOBODY,
                    roleDefinitionId: READER,
                    justification: secret(FIXTURE_SECRET),
                    scheduleInfo: { expiration: { type: "AfterDuration", duration: "P90D" } },
                }),
            ],
            compliantFor: [RBAC],
            deciding: [
                r(RBAC, "ownerToGroup", ["principalId"], NOBODY),
                r(RBAC, "adminGroup", ["assignableToRole"], false, "ownerToGroup"),
                r(RBAC, "readerToNobody", ["roleDefinitionId"], OWNER),
                r(RBAC, "customToNobody", ["roleDefinitionId"], `/providers/Microsoft.Authorization/roleDefinitions/${OWNER.toUpperCase()}/`),
                r(RBAC, "customReader", ["permissions", 0, "actions", 0], "*", "customToNobody"),
                r(RBAC, "customReader", ["permissions", 0, "actions"], ["Microsoft.Authorization/roleAssignments/write"], "customToNobody"),
                r(RBAC, "eligibleReader", ["roleDefinitionId"], OWNER),
                r(RBAC, "rgAdmin", ["tags", "securityLevel"], undefined, "ownerToGroup"),
            ],
        },
        {
            name: "jit",
            resources: [
                ...scopes,
                resource(N.RA, "readerToGroup", { scope: ref("rgAdmin"), principalId: ref("adminGroup", "objectId"), roleDefinitionId: READER }),
                resource(N.PIM, "eligibleOwner", {
                    scope: ref("rgAdmin"),
                    principalId: ref("adminGroup", "objectId"),
                    roleDefinitionId: OWNER,
                    justification: secret(FIXTURE_SECRET),
                    scheduleInfo: { startDateTime: "2025-01-01T00:00:00Z", expiration: { type: "AfterDuration", duration: "P90D" } },
                }),
                resource(N.RMP, "activationPolicy", {
                    scope: ref("rgAdmin"),
                    roleManagementPolicyName: "570c3619-7688-4b34-b290-2b8bb3ccab2a",
                    rules: [
                        { id: "Approval_EndUser_Assignment", ruleType: "RoleManagementPolicyApprovalRule", setting: { isApprovalRequired: true, approvalMode: "SingleStage" }, target: ACTIVATION },
                        { id: "Enablement_EndUser_Assignment", ruleType: "RoleManagementPolicyEnablementRule", enabledRules: ["MultiFactorAuthentication", "Justification"], target: ACTIVATION },
                        { id: "Expiration_EndUser_Assignment", ruleType: "RoleManagementPolicyExpirationRule", isExpirationRequired: true, maximumDuration: "PT8H", target: ACTIVATION },
                    ],
                }),
                resource(N.VM, "jumpVm", {
                    resourceGroupName: ref("rgAdmin", "name"),
                    location: "westeurope",
                    hardwareProfile: { vmSize: "Standard_D2s_v5" },
                    osProfile: { computerName: "jump", adminUsername: "azureuser", adminPassword: secret(FIXTURE_SECRET) },
                    tags: PRIVILEGED,
                }),
                resource(N.JIT, "jitPolicy", {
                    resourceGroupName: ref("rgAdmin", "name"),
                    ascLocation: "westeurope",
                    kind: "Basic",
                    virtualMachines: [{ id: ref("jumpVm"), ports: [{ number: 3389, protocol: "TCP", allowedSourceAddressPrefix: "10.20.0.0/24", maxRequestAccessDuration: "PT3H" }] }],
                }),
            ],
            compliantFor: [JIT],
            deciding: [
                r(JIT, "readerToGroup", ["roleDefinitionId"], OWNER),
                r(JIT, "eligibleOwner", ["scheduleInfo", "expiration", "duration"], "P800D"),
                r(JIT, "eligibleOwner", ["scheduleInfo", "expiration", "type"], "NoExpiration"),
                r(JIT, "activationPolicy", ["rules", 0, "setting", "isApprovalRequired"], false),
                r(JIT, "activationPolicy", ["rules", 0, "ruleType"], "RoleManagementPolicyNotificationRule"),
                r(JIT, "activationPolicy", ["rules", 1, "enabledRules", 0], "Justification"),
                r(JIT, "activationPolicy", ["rules", 2, "maximumDuration"], "PT12H"),
                r(JIT, "jitPolicy", ["virtualMachines", 0, "ports", 0, "maxRequestAccessDuration"], "PT8H"),
                r(JIT, "jitPolicy", ["virtualMachines", 0, "ports", 0, "allowedSourceAddressPrefix"], "*"),
                r(JIT, "jumpVm", ["tags", "securityLevel"], undefined, "jitPolicy"),
            ],
        },
    ];
}

function reachScenarios(): Scenario[] {
    const subnet = (vnet: string) => ({ id: ref(vnet, "id", "/subnets/default") });
    const vm = (name: string, nic: string) =>
        resource(N.VM, name, {
            resourceGroupName: RG,
            vmName: `vm-${name.toLowerCase()}`,
            location: "westeurope",
            hardwareProfile: { vmSize: "Standard_D2s_v5" },
            identity: { type: "SystemAssigned" },
            osProfile: { computerName: name.toLowerCase(), adminUsername: "breakglass", adminPassword: secret(FIXTURE_SECRET), windowsConfiguration: { provisionVMAgent: true } },
            storageProfile: { imageReference: WINDOWS_IMAGE, osDisk: { createOption: "FromImage" } },
            networkProfile: { networkInterfaces: [{ id: ref(nic), primary: true }] },
        });
    const nsg = (name: string, source: string) =>
        resource(N.NSG, name, { resourceGroupName: RG, networkSecurityGroupName: `nsg-${name.toLowerCase()}`, location: "westeurope", securityRules: [rule({ sourceAddressPrefix: source })] });
    const pip = (name: string, sku: string) => resource(N.PIP, name, { resourceGroupName: RG, publicIpAddressName: `pip-${name.toLowerCase()}`, location: "westeurope", publicIPAllocationMethod: "Static", sku: { name: sku } });
    const nic = (name: string, extra: Record<string, unknown>, ipConfig: Record<string, unknown>) =>
        resource(N.NIC, name, {
            resourceGroupName: RG,
            networkInterfaceName: `nic-${name.toLowerCase()}`,
            location: "westeurope",
            ipConfigurations: [{ name: "ipconfig1", privateIPAllocationMethod: "Dynamic", subnet: subnet("reachVnet"), ...ipConfig }],
            ...extra,
        });
    const d = (target: string, reportOn: string, path: Path, insecure?: unknown): Deciding => ({ policy: REACH, target, reportOn, path, insecure });
    return [
        {
            name: "reach",
            resources: [
                resource(N.VNET, "reachVnet", {
                    resourceGroupName: RG,
                    virtualNetworkName: "vnet-reach",
                    location: "westeurope",
                    addressSpace: { addressPrefixes: ["10.30.0.0/16"] },
                    subnets: [{ name: "default", addressPrefix: "10.30.1.0/24" }],
                }),
                pip("basicPip", "Basic"),
                pip("standardPip", "Standard"),
                nsg("closedNsg", "10.0.0.0/8"),
                nsg("openNsg", "*"),
                nic("guardedNic", { networkSecurityGroup: { id: ref("closedNsg") } }, { publicIPAddress: { id: ref("standardPip") } }),
                vm("guardedVm", "guardedNic"),
                nic("privateNic", {}, {}),
                vm("privateVm", "privateNic"),
                // Attached to no VM: a door nobody walks through yet.
                nic("exposedNic", {}, { publicIPAddress: { id: ref("basicPip") } }),
            ],
            compliantFor: [REACH],
            deciding: [
                d("closedNsg", "guardedVm", ["securityRules", 0, "sourceAddressPrefix"], "*"),
                d("guardedNic", "guardedVm", ["networkSecurityGroup", "id"], ref("openNsg")),
                d("privateNic", "privateVm", ["ipConfigurations", 0, "publicIPAddress"], { id: ref("basicPip") }),
                d("privateVm", "privateVm", ["networkProfile", "networkInterfaces", 0, "id"], ref("exposedNic")),
                d("guardedVm", "guardedVm", ["tags", "securityLevel"]),
            ],
        },
    ];
}

// Entra directory role template ids (the same in every tenant).
const GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
const PRIVILEGED_ROLE_ADMIN = "e8611ab8-c189-46e8-94e1-60213ab1f814";
const SECURITY_ADMIN = "194ae4cb-b126-40b2-bd5b-6091b380977d";
const HELPDESK_ADMIN = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
const AZURE_MANAGEMENT_APP = "797f4846-ba00-4fd7-ba43-dac1f8f63013";
const PHISHING_RESISTANT_STRENGTH = "/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000004";

/**
 * Conditional Access is additive and the fail-closed property puts every case in one stack, so a
 * field that only coverage judges (the grant, a strength's combinations) is covered there by the
 * other copies: the deciding fields here are those the integrity of each policy judges on its own.
 * Grants are fuzzed by the mutation fuzzer and pinned by the policy's own tests.
 */
function conditionalAccessScenarios(): Scenario[] {
    const conditions = (users: Record<string, unknown>, applications: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
        clientAppTypes: ["all"],
        applications,
        users,
        ...extra,
    });
    const d = (target: string, path: Path, insecure?: unknown): Deciding => ({ policy: CA, target, path, insecure });
    return [
        {
            name: "conditionalAccess",
            resources: [
                resource(N.ASP, "adminStrength", {
                    displayName: "Administrators - phishing-resistant MFA",
                    description: "Windows Hello for Business, FIDO2 security keys or certificate-based MFA only.",
                    allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
                }),
                resource(N.LOCATION, "office", { displayName: "Head office egress", ip: { ipRanges: ["203.0.113.0/24"], trusted: true } }),
                resource(N.CAP, "privilegedAdmins", {
                    displayName: secret(FIXTURE_SECRET),
                    state: "enabled",
                    conditions: conditions({ includedRoles: [GLOBAL_ADMIN, PRIVILEGED_ROLE_ADMIN] }, { includedApplications: ["All"] }, { locations: { includedLocations: ["All"] } }),
                    grantControls: { operator: "AND", builtInControls: ["compliantDevice"], authenticationStrengthPolicyId: ref("adminStrength") },
                    sessionControls: { signInFrequency: 4, signInFrequencyPeriod: "hours", persistentBrowserMode: "never" },
                }),
                resource(N.CAP, "helpdeskAdmins", {
                    displayName: "CA002 - Helpdesk administrators on the admin interfaces",
                    state: "enabled",
                    conditions: conditions({ includedRoles: [HELPDESK_ADMIN] }, { includedApplications: [AZURE_MANAGEMENT_APP, "MicrosoftAdminPortals"] }),
                    grantControls: { operator: "AND", builtInControls: ["domainJoinedDevice"], authenticationStrengthPolicyId: PHISHING_RESISTANT_STRENGTH },
                }),
                // Only designated admin workstations: a block with an exclude-mode device filter may be narrowed.
                resource(N.CAP, "adminWorkstationsOnly", {
                    displayName: "CA003 - Global Administrators from admin workstations only",
                    state: "enabled",
                    conditions: conditions({ includedRoles: [GLOBAL_ADMIN] }, { includedApplications: ["All"] }, { devices: { filter: { mode: "exclude", rule: 'device.extensionAttribute1 -eq "PAW"' } } }),
                    grantControls: { operator: "OR", builtInControls: ["block"] },
                }),
                resource(N.CAP, "blockLegacyAuthentication", {
                    displayName: "CA004 - Block legacy authentication",
                    state: "enabled",
                    conditions: { clientAppTypes: ["exchangeActiveSync", "other"], applications: { includedApplications: ["All"] }, users: { includedUsers: ["All"] } },
                    grantControls: { operator: "OR", builtInControls: ["block"] },
                }),
            ],
            compliantFor: [CA],
            deciding: [
                d("privilegedAdmins", ["conditions", "users", "includedRoles"]),
                d("privilegedAdmins", ["conditions", "users", "excludedRoles"], [PRIVILEGED_ROLE_ADMIN]),
                d("privilegedAdmins", ["conditions", "users", "excludedUsers"], [NOBODY]),
                d("privilegedAdmins", ["conditions", "users", "excludedGroups"], [NOBODY]),
                d("privilegedAdmins", ["conditions", "users", "excludedGuestsOrExternalUsers"], [{ guestOrExternalUserTypes: ["b2bCollaborationGuest"] }]),
                d("privilegedAdmins", ["conditions", "applications", "excludedApplications"], [AZURE_MANAGEMENT_APP]),
                d("privilegedAdmins", ["conditions", "clientAppTypes"], ["browser", "mobileAppsAndDesktopClients"]),
                d("privilegedAdmins", ["conditions", "locations", "excludedLocations"], [ref("office")]),
                d("privilegedAdmins", ["conditions", "devices", "filter"], { mode: "exclude", rule: 'device.trustType -eq "ServerAD"' }),
                d("privilegedAdmins", ["conditions", "signInRiskLevels"], ["high", "medium"]),
                d("helpdeskAdmins", ["conditions", "applications", "excludedApplications"], ["MicrosoftAdminPortals"]),
                d("adminWorkstationsOnly", ["conditions", "users", "excludedRoles"], [GLOBAL_ADMIN]),
                d("blockLegacyAuthentication", ["conditions", "users", "excludedUsers"], [NOBODY]),
            ],
        },
    ];
}

function entraRoleScenarios(): Scenario[] {
    const d = (target: string, path: Path, insecure?: unknown, reportOn?: string): Deciding => ({ policy: ENTRA_ROLES, target, path, insecure, reportOn });
    // The PIM for Groups resources are judged for a group that the stack grants an admin role: they
    // depend on that grant, so that a fail-closed case keeps it (test/fuzz/unknowns.test.ts).
    const grants = ["securityAdminToPimGroup", "globalAdminToPimGroup"];
    return [
        {
            name: "entraRoles",
            resources: [
                resource(N.GROUP, "tier0Admins", { displayName: "PIM - Tier 0 - Global Administrators", securityEnabled: true, assignableToRole: true, description: secret(FIXTURE_SECRET) }),
                resource(N.GROUP, "pimGroup", { displayName: "PIM - Security operators", securityEnabled: true, assignableToRole: true }),
                resource(N.DR, "globalAdminRole", { templateId: GLOBAL_ADMIN }),
                resource(N.DRESR, "tier0EligibleGlobalAdmin", {
                    roleDefinitionId: GLOBAL_ADMIN,
                    principalId: ref("tier0Admins", "objectId"),
                    directoryScopeId: "/",
                    justification: secret(FIXTURE_SECRET),
                }),
                // Standing, but to a role-assignable group enrolled in PIM for Groups (the schedules and the policy below).
                resource(N.DRA, "securityAdminToPimGroup", { roleId: SECURITY_ADMIN, principalObjectId: ref("pimGroup", "objectId"), directoryScopeId: "/" }),
                resource(N.DRM, "globalAdminToPimGroup", { roleObjectId: ref("globalAdminRole", "objectId"), memberObjectId: ref("pimGroup", "objectId") }),
                resource(
                    N.GRMP,
                    "pimGroupActivation",
                    {
                        groupId: ref("pimGroup", "objectId"),
                        roleId: "member",
                        activationRules: {
                            requireApproval: true,
                            approvalStage: { primaryApprovers: [{ objectId: ref("tier0Admins", "objectId"), type: "groupMembers" }] },
                            requireMultifactorAuthentication: true,
                            requireJustification: true,
                            maximumDuration: "PT4H",
                        },
                        activeAssignmentRules: { expirationRequired: true, expireAfter: "P90D" },
                    },
                    { dependsOn: grants },
                ),
                resource(
                    N.PAGE,
                    "pimGroupEligibility",
                    { groupId: ref("pimGroup", "objectId"), principalId: ref("tier0Admins", "objectId"), assignmentType: "member", duration: "P90D", justification: secret(FIXTURE_SECRET) },
                    { dependsOn: grants },
                ),
                resource(
                    N.PAGA,
                    "pimGroupAssignment",
                    { groupId: ref("pimGroup", "objectId"), principalId: ref("tier0Admins", "objectId"), assignmentType: "member", startDate: "2025-01-01T08:00:00Z", duration: "PT4H", ticketNumber: "CHG0042" },
                    { dependsOn: grants },
                ),
            ],
            compliantFor: [ENTRA_ROLES],
            deciding: [
                d("tier0EligibleGlobalAdmin", ["principalId"], NOBODY),
                d("tier0Admins", ["assignableToRole"], false, "tier0EligibleGlobalAdmin"),
                d("securityAdminToPimGroup", ["principalObjectId"], NOBODY),
                d("pimGroup", ["assignableToRole"], false, "securityAdminToPimGroup"),
                d("globalAdminToPimGroup", ["memberObjectId"], NOBODY),
                d("pimGroupActivation", ["activationRules", "requireApproval"], false),
                d("pimGroupActivation", ["activationRules", "requireMultifactorAuthentication"], false),
                d("pimGroupActivation", ["activationRules", "maximumDuration"], "PT12H"),
                d("pimGroupEligibility", ["duration"], "P400D"),
                d("pimGroupEligibility", ["principalId"], NOBODY),
                d("pimGroupAssignment", ["duration"], "PT9H"),
                d("pimGroupAssignment", ["permanentAssignment"], true),
                d("pimGroupAssignment", ["startDate"]),
            ],
        },
    ];
}

function appProxyScenarios(): Scenario[] {
    const d = (target: string, path: Path, insecure?: unknown): Deciding => ({ policy: APP_PROXY, target, path, insecure });
    const access = (name: string, app: string) =>
        resource(N.ARA, name, { appRoleId: "00000000-0000-0000-0000-000000000000", principalObjectId: ref("portalUsers", "objectId"), resourceObjectId: ref(app, "objectId") });
    return [
        {
            name: "appProxy",
            resources: [
                resource(N.GROUP, "portalUsers", { displayName: "App - Ops admin portal - Users", securityEnabled: true, description: "The only principals assigned to the on-premises portals." }),
                resource(N.SP, "taggedApp", {
                    clientId: CLIENT,
                    useExisting: true,
                    appRoleAssignmentRequired: true,
                    tags: ["WindowsAzureActiveDirectoryOnPremApp", "WindowsAzureActiveDirectoryIntegratedApp"],
                    notes: secret(FIXTURE_SECRET),
                }),
                access("taggedAppAccess", "taggedApp"),
                resource(N.SP, "loginUrlApp", {
                    clientId: AUDIENCE,
                    useExisting: true,
                    appRoleAssignmentRequired: true,
                    loginUrl: "https://opsportal-contoso.msappproxy.net/",
                    preferredSingleSignOnMode: "notSupported",
                }),
                access("loginUrlAppAccess", "loginUrlApp"),
            ],
            compliantFor: [APP_PROXY],
            deciding: [
                d("taggedApp", ["appRoleAssignmentRequired"], false),
                d("taggedApp", ["tags", 0]),
                d("loginUrlApp", ["appRoleAssignmentRequired"], "true"),
                d("loginUrlApp", ["loginUrl"]),
            ],
        },
    ];
}

export function scenarios(): Scenario[] {
    return [
        ...networkScenarios(),
        ...reachScenarios(),
        ...vpnScenarios(),
        ...bastionScenarios(),
        ...vmScenarios(),
        ...appScenarios(),
        ...rbacScenarios(),
        ...conditionalAccessScenarios(),
        ...entraRoleScenarios(),
        ...appProxyScenarios(),
        ...classicScenarios(),
    ];
}

export const FIXTURE_MARKER_CORE = "0123456789abcdef01234567";
