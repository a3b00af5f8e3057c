// The vocabulary of the compliant scenarios (catalogue.ts, classic-scenarios.ts): what a scenario
// and a deciding field are, the policies they are compliant for, and the ids, names and images
// realistic inputs use.
import { FixtureResource } from "../../harness/stack";

export type Path = (string | number)[];

/** A field whose value decides a verdict of `policy` about `reportOn`. */
export interface Deciding {
    policy: string;
    /** The resource holding the field. */
    target: string;
    path: Path;
    /**
     * A concrete value that makes the scenario insecure, proving the field decides (checked too);
     * absent for fields whose only wrong value is an unknown (a level tag), or whose unknown is
     * reported on another resource than their insecure value (an IP group's CIDR).
     */
    insecure?: unknown;
    /** The resource the finding is reported on (default: `target`). */
    reportOn?: string;
    /**
     * Resources the case needs beyond those the field's and the reported resource's references lead
     * to: a classic association resource refers to the NIC or subnet it gives an NSG, not they to it.
     */
    needs?: string[];
}

export interface Scenario {
    name: string;
    resources: FixtureResource[];
    /** Policies for which the scenario is compliant at the privileged level. */
    compliantFor: string[];
    deciding: Deciding[];
}

export const RG = "rg-fuzz";
export const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const OTHER_TENANT = "11111111-2222-3333-4444-555555555555";
export const AUDIENCE = "c632b3df-fb67-4d84-bdcf-b95ad541b5c8";
export const CLIENT = "3f1c6b9e-2f6e-4c6b-9a51-1d2f3e4a5b6c";
export const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
export const READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
export const NOBODY = "8b3f4e5d-6c7b-4a0f-9e2d-2d3c4e5f6071";
export const FIXTURE_SECRET = "Passw0rd:S3cr3t#0123456789abcdef01234567!";
export const ENTRA = "Microsoft.Azure.ActiveDirectory";
export const PRIVILEGED = { securityLevel: "privileged" };

export const RDP = "no-direct-rdp";
export const MGMT = "no-direct-management-ports";
export const REACH = "vm-not-directly-reachable";
export const VPN = "vpn-gateway-entra-auth";
export const BASTION = "bastion-hardening";
export const VM_LOGIN = "vm-entra-login";
export const APPS = "app-publishing-entra-auth";
export const RBAC = "admin-rbac-privileged-principals";
export const JIT = "privileged-jit-access";
export const CA = "conditional-access-admin-policies";
export const ENTRA_ROLES = "entra-privileged-roles";
export const APP_PROXY = "app-proxy-entra-publishing";

export const WINDOWS_IMAGE = { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" };
export const UBUNTU_IMAGE = { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" };

/** An inbound NSG rule (both providers spell these fields alike): RDP from anywhere unless overridden. */
export function rule(overrides: Record<string, unknown>): Record<string, unknown> {
    return {
        name: "allow-rdp",
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        priority: 300,
        sourceAddressPrefix: "*",
        sourcePortRange: "*",
        destinationAddressPrefix: "*",
        destinationPortRange: "3389",
        ...overrides,
    };
}
