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
    PublicIp: azurerm("network", "publicIp", "PublicIp"),
    PublicIpPrefix: azurerm("network", "publicIpPrefix", "PublicIpPrefix"),
    BastionHost: azurerm("compute", "bastionHost", "BastionHost"),
    VirtualNetworkGateway: azurerm("network", "virtualNetworkGateway", "VirtualNetworkGateway"),
};
