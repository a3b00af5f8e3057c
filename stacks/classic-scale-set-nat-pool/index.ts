// INSECURE: a Linux web scale set written with the classic @pulumi/azure provider (Terraform azurerm)
// behind a public Standard load balancer that, besides HTTP, forwards frontend ports 50000-50119 to
// SSH on every instance through an inbound NAT pool — the load balancer is a door to the management
// port on its own, and the NSG on the instances' NICs lets it through. Instances sign in with SSH keys
// (azurerm's default for Linux scale sets is no password sign-in) but not with Microsoft Entra ID.
import * as compute from "@pulumi/azure/compute";
import * as core from "@pulumi/azure/core";
import * as lb from "@pulumi/azure/lb";
import * as network from "@pulumi/azure/network";

const tags = { workload: "web" };
const rg = new core.ResourceGroup("webRg", { location: "westeurope", tags });

const vnet = new network.VirtualNetwork("webVnet", {
    resourceGroupName: rg.name,
    tags,
    addressSpaces: ["10.30.0.0/16"],
});

const subnet = new network.Subnet("webSubnet", {
    resourceGroupName: rg.name,
    virtualNetworkName: vnet.name,
    name: "web",
    addressPrefixes: ["10.30.1.0/24"],
});

// A Standard load balancer admits nothing the backend NSG does not allow: this one allows HTTP and SSH.
const webNsg = new network.NetworkSecurityGroup("webNsg", {
    resourceGroupName: rg.name,
    tags,
    securityRules: [
        {
            name: "allow-http",
            priority: 100,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefix: "Internet",
            sourcePortRange: "*",
            destinationAddressPrefix: "*",
            destinationPortRange: "80",
        },
        {
            name: "allow-ssh",
            priority: 110,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefix: "*",
            sourcePortRange: "*",
            destinationAddressPrefix: "*",
            destinationPortRange: "22",
        },
    ],
});

const frontendIp = new network.PublicIp("webFrontendIp", {
    resourceGroupName: rg.name,
    tags,
    allocationMethod: "Static",
    sku: "Standard",
});

const webLb = new lb.LoadBalancer("webLb", {
    resourceGroupName: rg.name,
    tags,
    sku: "Standard",
    frontendIpConfigurations: [{ name: "public", publicIpAddressId: frontendIp.id }],
});

const pool = new lb.BackendAddressPool("webPool", { loadbalancerId: webLb.id });

const httpProbe = new lb.Probe("httpProbe", { loadbalancerId: webLb.id, protocol: "Http", port: 80, requestPath: "/" });

new lb.Rule("http", {
    loadbalancerId: webLb.id,
    frontendIpConfigurationName: "public",
    protocol: "Tcp",
    frontendPort: 80,
    backendPort: 80,
    backendAddressPoolIds: [pool.id],
    probeId: httpProbe.id,
});

const sshNatPool = new lb.NatPool("sshNatPool", {
    resourceGroupName: rg.name,
    loadbalancerId: webLb.id,
    frontendIpConfigurationName: "public",
    protocol: "Tcp",
    frontendPortStart: 50000,
    frontendPortEnd: 50119,
    backendPort: 22,
});

new compute.LinuxVirtualMachineScaleSet("webVmss", {
    resourceGroupName: rg.name,
    tags,
    sku: "Standard_B2s",
    instances: 2,
    upgradeMode: "Manual",
    adminUsername: "webadmin",
    adminSshKeys: [
        {
            username: "webadmin",
            publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDm1y6wSXoT3yP7xVn2cQh4KsFq8rB0dLzE5uJ9aGtWp webadmin@example",
        },
    ],
    sourceImageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
    osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS" },
    networkInterfaces: [
        {
            name: "web",
            primary: true,
            networkSecurityGroupId: webNsg.id,
            ipConfigurations: [
                {
                    name: "primary",
                    primary: true,
                    subnetId: subnet.id,
                    loadBalancerBackendAddressPoolIds: [pool.id],
                    loadBalancerInboundNatRulesIds: [sshNatPool.id],
                },
            ],
        },
    ],
});
