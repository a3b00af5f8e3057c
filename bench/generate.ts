// Synthetic but realistic stacks for the benchmark: repeated "admin units" (a jump host with its
// network, NSG rules, public IP, Entra extension and role assignments), with a Bastion, a VPN
// gateway and a published admin app every few units, and the Entra side (a Conditional Access
// policy for admins, a directory role grant, an Application Proxy app) every few others. Every
// fourth unit also has a classic `@pulumi/azure` edge (an NSG with inline or standalone rules, as
// the engine sends them after the provider's Check, and a public IP), and every other Bastion and
// VPN gateway is classic. Half the units are compliant, half are not, so every policy does real work.
import { FixtureResource, ref, resource } from "../test/harness/stack";

const OWNER = "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const READER = "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7";
const GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
const HELPDESK_ADMIN = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
const PHISHING_RESISTANT = "/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000004";

function identityPlane(i: number, open: boolean): FixtureResource[] {
    const p = (s: string) => `${s}${i}`;
    const ad = (file: string, type: string) => `azuread:index/${file}:${type}`;
    return [
        resource(ad("group", "Group"), p("admins"), { displayName: p("admins"), securityEnabled: true, assignableToRole: !open }),
        resource(ad("conditionalAccessPolicy", "ConditionalAccessPolicy"), p("adminCa"), {
            displayName: p("admins"),
            state: "enabled",
            conditions: {
                clientAppTypes: ["all"],
                applications: { includedApplications: ["All"] },
                users: { includedRoles: [i % 20 === 5 ? GLOBAL_ADMIN : HELPDESK_ADMIN], excludedUsers: [] },
                locations: open ? { includedLocations: ["All"], excludedLocations: ["AllTrusted"] } : undefined,
            },
            grantControls: open
                ? { operator: "OR", builtInControls: ["mfa", "compliantDevice"] }
                : { operator: "AND", builtInControls: ["compliantDevice"], authenticationStrengthPolicyId: PHISHING_RESISTANT },
        }),
        open
            ? resource(ad("directoryRoleAssignment", "DirectoryRoleAssignment"), p("roleGrant"), {
                  roleId: GLOBAL_ADMIN,
                  principalObjectId: ref(p("admins"), "objectId"),
              })
            : resource(ad("directoryRoleEligibilityScheduleRequest", "DirectoryRoleEligibilityScheduleRequest"), p("roleGrant"), {
                  roleDefinitionId: GLOBAL_ADMIN,
                  principalId: ref(p("admins"), "objectId"),
                  directoryScopeId: "/",
                  justification: "tier-0 administrators",
              }),
        resource(ad("servicePrincipal", "ServicePrincipal"), p("proxyApp"), {
            clientId: "4f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f",
            appRoleAssignmentRequired: !open,
            tags: ["WindowsAzureActiveDirectoryOnPremApp", "WindowsAzureActiveDirectoryIntegratedApp"],
        }),
        resource(ad("appRoleAssignment", "AppRoleAssignment"), p("proxyGrant"), {
            appRoleId: "00000000-0000-0000-0000-000000000000",
            principalObjectId: ref(p("admins"), "objectId"),
            resourceObjectId: ref(p("proxyApp"), "objectId"),
        }),
    ];
}

function rule(name: string, priority: number, port: string, source: string, access = "Allow") {
    return {
        name,
        priority,
        direction: "Inbound",
        access,
        protocol: "Tcp",
        sourceAddressPrefix: source,
        sourcePortRange: "*",
        destinationAddressPrefix: "*",
        destinationPortRange: port,
    };
}

const CLASSIC = {
    nsg: "azure:network/networkSecurityGroup:NetworkSecurityGroup",
    rule: "azure:network/networkSecurityRule:NetworkSecurityRule",
    publicIp: "azure:network/publicIp:PublicIp",
    bastion: "azure:compute/bastionHost:BastionHost",
    gateway: "azure:network/virtualNetworkGateway:VirtualNetworkGateway",
};

/** A classic rule as azurerm's Check leaves it: every optional field sent, unset ones empty. */
function classicRule(fields: ReturnType<typeof rule>, source?: unknown): Record<string, unknown> {
    return {
        description: "",
        sourceAddressPrefixes: [],
        sourcePortRanges: [],
        destinationAddressPrefixes: [],
        destinationPortRanges: [],
        destinationApplicationSecurityGroupIds: [],
        ...fields,
        ...(source === undefined ? {} : { sourceAddressPrefix: source }),
        __defaults: ["description"],
    };
}

/** A classic NSG in front of the unit's edge, with its rules inline or as standalone resources. */
/** A classic resource, with the provider version the engine sends with it. */
function classic(type: keyof typeof CLASSIC, name: string, inputs: Record<string, unknown>): FixtureResource {
    return resource(CLASSIC[type], name, inputs, { providerVersion: "6.40.0" });
}

function classicEdge(i: number, open: boolean, rgName: string): FixtureResource[] {
    const p = (s: string) => `${s}${i}`;
    const rg = { resourceGroupName: rgName, location: "westeurope" };
    const rules = [
        rule("allow-https", 100, "443", "*"),
        rule("allow-ssh", 110, "22", open ? "Internet" : "VirtualNetwork"),
        rule("deny-winrm", 120, "5985-5986", "*", "Deny"),
    ];
    const out: FixtureResource[] = [classic("publicIp", p("classicPip"), { ...rg, name: p("pip-edge-"), allocationMethod: "Static", sku: "Standard" })];
    if (i % 8 < 4) {
        out.push(classic("nsg", p("classicNsg"), { ...rg, name: p("nsg-edge-"), securityRules: rules.map((r) => classicRule(r)) }));
        return out;
    }
    out.push(classic("nsg", p("classicNsg"), { ...rg, name: p("nsg-edge-"), securityRules: [] }));
    for (const r of rules) {
        out.push(classic("rule", p(`classic-${r.name}-`), { ...rg, networkSecurityGroupName: ref(p("classicNsg"), "name"), ...classicRule(r) }));
    }
    // Open units admit the edge's own address, unknown until the public IP exists: traced to it, an internet source.
    const monitoring = rule("allow-monitoring", 200, "3389", "10.2.0.0/16");
    out.push(
        classic("rule", p("classic-monitoring-"), {
            ...rg,
            networkSecurityGroupName: ref(p("classicNsg"), "name"),
            ...classicRule(monitoring, open ? ref(p("classicPip"), "computed") : undefined),
        }),
    );
    return out;
}

function classicBastionAndGateway(i: number, open: boolean, rgName: string): FixtureResource[] {
    const p = (s: string) => `${s}${i}`;
    const rg = { resourceGroupName: rgName, location: "westeurope" };
    return [
        classic("bastion", p("bastion"), {
            ...rg,
            sku: open ? "Basic" : "Premium",
            shareableLinkEnabled: open,
            sessionRecordingEnabled: !open,
            copyPasteEnabled: open,
            ipConfiguration: { name: "b", subnetId: ref(p("subnet")), publicIpAddressId: ref(p("pip")) },
        }),
        classic("gateway", p("vpn"), {
            ...rg,
            type: "Vpn",
            vpnType: "RouteBased",
            sku: "VpnGw1",
            ipConfigurations: [{ name: "gw", subnetId: ref(p("subnet")) }],
            vpnClientConfiguration: {
                addressSpaces: ["172.16.0.0/24"],
                vpnClientProtocols: open ? ["OpenVPN", "IkeV2"] : ["OpenVPN"],
                vpnAuthTypes: ["AAD"],
                aadTenant: "https://login.microsoftonline.com/6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b",
                aadAudience: "c632b3df-fb67-4d84-bdcf-b95ad541b5c8",
                aadIssuer: "https://sts.windows.net/6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b/",
            },
        }),
    ];
}

function nativeBastionAndGateway(i: number, open: boolean): FixtureResource[] {
    const p = (s: string) => `${s}${i}`;
    return [
        resource("azure-native:network:BastionHost", p("bastion"), {
            resourceGroupName: ref(p("rg"), "name"),
            sku: { name: open ? "Basic" : "Standard" },
            enableShareableLink: open,
            ipConfigurations: [{ name: "b", subnet: { id: ref(p("subnet")) }, publicIPAddress: { id: ref(p("pip")) } }],
        }),
        resource("azure-native:network:VirtualNetworkGateway", p("vpn"), {
            resourceGroupName: ref(p("rg"), "name"),
            gatewayType: "Vpn",
            vpnType: "RouteBased",
            vpnClientConfiguration: {
                vpnClientProtocols: ["OpenVPN"],
                vpnAuthenticationTypes: ["AAD"],
                aadTenant: "https://login.microsoftonline.com/6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b",
                aadAudience: "c632b3df-fb67-4d84-bdcf-b95ad541b5c8",
                aadIssuer: "https://sts.windows.net/6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b/",
            },
        }),
    ];
}

function publishedApp(i: number): FixtureResource[] {
    const p = (s: string) => `${s}${i}`;
    return [
        resource("azure-native:web:WebApp", p("app"), {
            resourceGroupName: ref(p("rg"), "name"),
            tags: { intermediary: "app-proxy" },
            httpsOnly: true,
        }),
        resource("azure-native:web:WebAppAuthSettingsV2", p("appAuth"), {
            resourceGroupName: ref(p("rg"), "name"),
            name: ref(p("app"), "name"),
            platform: { enabled: true },
            globalValidation: { requireAuthentication: true, unauthenticatedClientAction: "RedirectToLoginPage" },
            identityProviders: {
                azureActiveDirectory: {
                    enabled: true,
                    registration: { clientId: "3e1b7c2a-9d4f-4e8a-b6c5-0f1e2d3c4b5a", openIdIssuer: "https://login.microsoftonline.com/6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b/v2.0" },
                },
            },
        }),
    ];
}

function unit(i: number): FixtureResource[] {
    const open = i % 2 === 1;
    const p = (s: string) => `${s}${i}`;
    const rg = `rg${i}`;
    const tags = { securityLevel: i % 3 === 0 ? "privileged" : "specialized", unit: String(i) };
    const out: FixtureResource[] = [
        resource("azure-native:resources:ResourceGroup", p("rg"), { resourceGroupName: rg, location: "westeurope", tags }),
        resource("azure-native:network:NetworkSecurityGroup", p("nsg"), {
            resourceGroupName: ref(p("rg"), "name"),
            tags,
            securityRules: [
                rule("allow-https", 100, "443", "*"),
                rule("allow-rdp", 110, "3389", open ? "*" : "10.0.0.0/8"),
                rule("allow-ssh", 120, "22", open ? "Internet" : "VirtualNetwork"),
                rule("deny-winrm", 130, "5985-5986", "*", "Deny"),
                rule("allow-app", 140, "8080-8090", "10.1.0.0/16"),
            ],
        }),
        resource("azure-native:network:SecurityRule", p("extraRule"), {
            resourceGroupName: ref(p("rg"), "name"),
            networkSecurityGroupName: ref(p("nsg"), "name"),
            ...rule("allow-monitoring", 200, "9100", open ? "0.0.0.0/0" : "10.2.0.0/16"),
        }),
        resource("azure-native:network:VirtualNetwork", p("vnet"), {
            resourceGroupName: ref(p("rg"), "name"),
            addressSpace: { addressPrefixes: ["10.0.0.0/16"] },
        }),
        resource("azure-native:network:Subnet", p("subnet"), {
            resourceGroupName: ref(p("rg"), "name"),
            virtualNetworkName: ref(p("vnet"), "name"),
            addressPrefix: "10.0.1.0/24",
            networkSecurityGroup: { id: ref(p("nsg")) },
        }),
        resource("azure-native:network:PublicIPAddress", p("pip"), {
            resourceGroupName: ref(p("rg"), "name"),
            publicIPAllocationMethod: "Static",
            sku: { name: open ? "Basic" : "Standard" },
        }),
        resource("azure-native:network:NetworkInterface", p("nic"), {
            resourceGroupName: ref(p("rg"), "name"),
            networkSecurityGroup: { id: ref(p("nsg")) },
            ipConfigurations: [{ name: "primary", subnet: { id: ref(p("subnet")) }, publicIPAddress: { id: ref(p("pip")) } }],
        }),
        resource("azure-native:compute:VirtualMachine", p("vm"), {
            resourceGroupName: ref(p("rg"), "name"),
            tags,
            identity: open ? undefined : { type: "SystemAssigned" },
            hardwareProfile: { vmSize: "Standard_B2s" },
            networkProfile: { networkInterfaces: [{ id: ref(p("nic")), primary: true }] },
            osProfile: { computerName: p("vm"), adminUsername: "azureadmin", windowsConfiguration: { enableAutomaticUpdates: true } },
            storageProfile: { imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter", version: "latest" } },
        }),
        resource("azure-native:authorization:RoleAssignment", p("owner"), {
            scope: ref(p("rg")),
            principalId: open ? "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a" : "9a7c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4",
            principalType: "Group",
            roleDefinitionId: OWNER,
        }),
        resource("azure-native:authorization:RoleAssignment", p("reader"), {
            scope: ref(p("rg")),
            principalId: "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a",
            roleDefinitionId: READER,
        }),
    ];
    if (!open) {
        out.push(
            resource("azure-native:compute:VirtualMachineExtension", p("entraLogin"), {
                resourceGroupName: ref(p("rg"), "name"),
                vmName: ref(p("vm"), "name"),
                publisher: "Microsoft.Azure.ActiveDirectory",
                type: "AADLoginForWindows",
                typeHandlerVersion: "2.0",
            }),
        );
    }
    if (i % 4 >= 2) {
        out.push(...classicEdge(i, open, rg));
    }
    if (i % 10 === 0) {
        out.push(...(i % 20 === 10 ? classicBastionAndGateway(i, open, rg) : nativeBastionAndGateway(i, open)), ...publishedApp(i));
    }
    if (i % 10 === 5) {
        out.push(...identityPlane(i, open));
    }
    return out;
}

/** About `size` resources, built from whole units. */
export function generateStack(size: number): FixtureResource[] {
    const out: FixtureResource[] = [];
    for (let i = 0; out.length < size; i++) {
        out.push(...unit(i));
    }
    return out.slice(0, size);
}
