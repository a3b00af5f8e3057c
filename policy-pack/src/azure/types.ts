// Every Azure resource type the pack inspects, in one place.
import { AzureType } from "../engine/tokens";

export const network = {
    NetworkSecurityGroup: new AzureType("network", "NetworkSecurityGroup"),
    SecurityRule: new AzureType("network", "SecurityRule"),
    ApplicationSecurityGroup: new AzureType("network", "ApplicationSecurityGroup"),
    NetworkInterface: new AzureType("network", "NetworkInterface"),
    PublicIPAddress: new AzureType("network", "PublicIPAddress"),
    PublicIPPrefix: new AzureType("network", "PublicIPPrefix"),
    LoadBalancer: new AzureType("network", "LoadBalancer"),
    InboundNatRule: new AzureType("network", "InboundNatRule"),
    LoadBalancerBackendAddressPool: new AzureType("network", "LoadBalancerBackendAddressPool"),
    VirtualNetwork: new AzureType("network", "VirtualNetwork"),
    Subnet: new AzureType("network", "Subnet"),
    AzureFirewall: new AzureType("network", "AzureFirewall"),
    FirewallPolicy: new AzureType("network", "FirewallPolicy"),
    FirewallPolicyRuleCollectionGroup: new AzureType("network", "FirewallPolicyRuleCollectionGroup"),
    IpGroup: new AzureType("network", "IpGroup"),
    BastionHost: new AzureType("network", "BastionHost"),
    VirtualNetworkGateway: new AzureType("network", "VirtualNetworkGateway"),
    VpnServerConfiguration: new AzureType("network", "VpnServerConfiguration"),
};

export const compute = {
    VirtualMachine: new AzureType("compute", "VirtualMachine"),
    VirtualMachineScaleSet: new AzureType("compute", "VirtualMachineScaleSet"),
    VirtualMachineExtension: new AzureType("compute", "VirtualMachineExtension"),
    VirtualMachineScaleSetExtension: new AzureType("compute", "VirtualMachineScaleSetExtension"),
};

export const web = {
    WebApp: new AzureType("web", "WebApp"),
    WebAppSlot: new AzureType("web", "WebAppSlot"),
    WebAppAuthSettings: new AzureType("web", "WebAppAuthSettings"),
    WebAppAuthSettingsSlot: new AzureType("web", "WebAppAuthSettingsSlot"),
    WebAppAuthSettingsV2: new AzureType("web", "WebAppAuthSettingsV2"),
    WebAppAuthSettingsV2Slot: new AzureType("web", "WebAppAuthSettingsV2Slot"),
};

export const app = {
    ContainerApp: new AzureType("app", "ContainerApp"),
    ContainerAppsAuthConfig: new AzureType("app", "ContainerAppsAuthConfig"),
};

export const authorization = {
    RoleAssignment: new AzureType("authorization", "RoleAssignment"),
    RoleDefinition: new AzureType("authorization", "RoleDefinition"),
    PimRoleEligibilitySchedule: new AzureType("authorization", "PimRoleEligibilitySchedule"),
    RoleManagementPolicy: new AzureType("authorization", "RoleManagementPolicy"),
};

export const security = {
    JitNetworkAccessPolicy: new AzureType("security", "JitNetworkAccessPolicy"),
};

export const resources = {
    ResourceGroup: new AzureType("resources", "ResourceGroup"),
};

const entra = (file: string, resource: string) => new AzureType(`index/${file}`, resource, "azuread");

/** Entra ID resources come from the azuread provider; its tokens carry no API version. */
export const azuread = {
    Group: entra("group", "Group"),
    User: entra("user", "User"),
    ServicePrincipal: entra("servicePrincipal", "ServicePrincipal"),
    AppRoleAssignment: entra("appRoleAssignment", "AppRoleAssignment"),
    ConditionalAccessPolicy: entra("conditionalAccessPolicy", "ConditionalAccessPolicy"),
    AuthenticationStrengthPolicy: entra("authenticationStrengthPolicy", "AuthenticationStrengthPolicy"),
    DirectoryRole: entra("directoryRole", "DirectoryRole"),
    CustomDirectoryRole: entra("customDirectoryRole", "CustomDirectoryRole"),
    DirectoryRoleAssignment: entra("directoryRoleAssignment", "DirectoryRoleAssignment"),
    DirectoryRoleMember: entra("directoryRoleMember", "DirectoryRoleMember"),
    DirectoryRoleEligibilityScheduleRequest: entra("directoryRoleEligibilityScheduleRequest", "DirectoryRoleEligibilityScheduleRequest"),
    PrivilegedAccessGroupAssignmentSchedule: entra("privilegedAccessGroupAssignmentSchedule", "PrivilegedAccessGroupAssignmentSchedule"),
    PrivilegedAccessGroupEligibilitySchedule: entra("privilegedAccessGroupEligibilitySchedule", "PrivilegedAccessGroupEligibilitySchedule"),
    GroupRoleManagementPolicy: entra("groupRoleManagementPolicy", "GroupRoleManagementPolicy"),
};

const azurerm = (module: string, file: string, resource: string) => new AzureType(`${module}/${file}`, resource, "azure");

/** Classic `@pulumi/azure` (Terraform azurerm) resources: tokens `azure:<module>/<file>:<Class>`. */
export const classic = {
    NetworkSecurityGroup: azurerm("network", "networkSecurityGroup", "NetworkSecurityGroup"),
    NetworkSecurityRule: azurerm("network", "networkSecurityRule", "NetworkSecurityRule"),
    ApplicationSecurityGroup: azurerm("network", "applicationSecurityGroup", "ApplicationSecurityGroup"),
    PublicIp: azurerm("network", "publicIp", "PublicIp"),
    PublicIpPrefix: azurerm("network", "publicIpPrefix", "PublicIpPrefix"),
    NetworkInterface: azurerm("network", "networkInterface", "NetworkInterface"),
    NetworkInterfaceSecurityGroupAssociation: azurerm("network", "networkInterfaceSecurityGroupAssociation", "NetworkInterfaceSecurityGroupAssociation"),
    NetworkInterfaceBackendAddressPoolAssociation: azurerm(
        "network",
        "networkInterfaceBackendAddressPoolAssociation",
        "NetworkInterfaceBackendAddressPoolAssociation",
    ),
    NetworkInterfaceNatRuleAssociation: azurerm("network", "networkInterfaceNatRuleAssociation", "NetworkInterfaceNatRuleAssociation"),
    VirtualNetwork: azurerm("network", "virtualNetwork", "VirtualNetwork"),
    Subnet: azurerm("network", "subnet", "Subnet"),
    SubnetNetworkSecurityGroupAssociation: azurerm("network", "subnetNetworkSecurityGroupAssociation", "SubnetNetworkSecurityGroupAssociation"),
    LoadBalancer: azurerm("lb", "loadBalancer", "LoadBalancer"),
    BackendAddressPool: azurerm("lb", "backendAddressPool", "BackendAddressPool"),
    NatRule: azurerm("lb", "natRule", "NatRule"),
    NatPool: azurerm("lb", "natPool", "NatPool"),
    LoadBalancingRule: azurerm("lb", "rule", "Rule"),
    Firewall: azurerm("network", "firewall", "Firewall"),
    FirewallNatRuleCollection: azurerm("network", "firewallNatRuleCollection", "FirewallNatRuleCollection"),
    FirewallPolicy: azurerm("network", "firewallPolicy", "FirewallPolicy"),
    FirewallPolicyRuleCollectionGroup: azurerm("network", "firewallPolicyRuleCollectionGroup", "FirewallPolicyRuleCollectionGroup"),
    IpGroup: azurerm("network", "iPGroup", "IPGroup"),
    IpGroupCidr: azurerm("network", "iPGroupCIDR", "IPGroupCIDR"),
    BastionHost: azurerm("compute", "bastionHost", "BastionHost"),
    VirtualNetworkGateway: azurerm("network", "virtualNetworkGateway", "VirtualNetworkGateway"),
    VpnServerConfiguration: azurerm("network", "vpnServerConfiguration", "VpnServerConfiguration"),
    LinuxVirtualMachine: azurerm("compute", "linuxVirtualMachine", "LinuxVirtualMachine"),
    WindowsVirtualMachine: azurerm("compute", "windowsVirtualMachine", "WindowsVirtualMachine"),
    /** The legacy `azurerm_virtual_machine`: OS from `osProfileLinuxConfig` / `osProfileWindowsConfig` / `storageOsDisk.osType`. */
    VirtualMachine: azurerm("compute", "virtualMachine", "VirtualMachine"),
    LinuxVirtualMachineScaleSet: azurerm("compute", "linuxVirtualMachineScaleSet", "LinuxVirtualMachineScaleSet"),
    WindowsVirtualMachineScaleSet: azurerm("compute", "windowsVirtualMachineScaleSet", "WindowsVirtualMachineScaleSet"),
    OrchestratedVirtualMachineScaleSet: azurerm("compute", "orchestratedVirtualMachineScaleSet", "OrchestratedVirtualMachineScaleSet"),
    /** The legacy `azurerm_virtual_machine_scale_set` (`networkProfiles`). */
    ScaleSet: azurerm("compute", "scaleSet", "ScaleSet"),
    Extension: azurerm("compute", "extension", "Extension"),
    VirtualMachineScaleSetExtension: azurerm("compute", "virtualMachineScaleSetExtension", "VirtualMachineScaleSetExtension"),
    LinuxWebApp: azurerm("appservice", "linuxWebApp", "LinuxWebApp"),
    WindowsWebApp: azurerm("appservice", "windowsWebApp", "WindowsWebApp"),
    LinuxFunctionApp: azurerm("appservice", "linuxFunctionApp", "LinuxFunctionApp"),
    WindowsFunctionApp: azurerm("appservice", "windowsFunctionApp", "WindowsFunctionApp"),
    LinuxWebAppSlot: azurerm("appservice", "linuxWebAppSlot", "LinuxWebAppSlot"),
    WindowsWebAppSlot: azurerm("appservice", "windowsWebAppSlot", "WindowsWebAppSlot"),
    LinuxFunctionAppSlot: azurerm("appservice", "linuxFunctionAppSlot", "LinuxFunctionAppSlot"),
    WindowsFunctionAppSlot: azurerm("appservice", "windowsFunctionAppSlot", "WindowsFunctionAppSlot"),
    AppFlexConsumption: azurerm("appservice", "appFlexConsumption", "AppFlexConsumption"),
    /** Legacy App Service resources: `authSettings` (v1) only. */
    AppService: azurerm("appservice", "appService", "AppService"),
    AppServiceSlot: azurerm("appservice", "slot", "Slot"),
    FunctionApp: azurerm("appservice", "functionApp", "FunctionApp"),
    FunctionAppSlot: azurerm("appservice", "functionAppSlot", "FunctionAppSlot"),
    ContainerApp: azurerm("containerapp", "app", "App"),
    RoleAssignment: azurerm("authorization", "assignment", "Assignment"),
    /** The old `azure.role.Assignment` alias, still in long-lived stacks. */
    RoleAssignmentAlias: azurerm("role", "assignment", "Assignment"),
    RoleDefinition: azurerm("authorization", "roleDefinition", "RoleDefinition"),
    RoleDefinitionAlias: azurerm("role", "definition", "Definition"),
    EligibleRoleAssignment: azurerm("pim", "eligibleRoleAssignment", "EligibleRoleAssignment"),
    ActiveRoleAssignment: azurerm("pim", "activeRoleAssignment", "ActiveRoleAssignment"),
    RoleManagementPolicy: azurerm("pim", "roleManagementPolicy", "RoleManagementPolicy"),
    ResourceGroup: azurerm("core", "resourceGroup", "ResourceGroup"),
};
