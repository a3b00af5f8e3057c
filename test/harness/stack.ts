// A small language for fixture stacks: resources with realistic azure-native inputs that refer to
// each other with `ref(...)`, turned into exactly what the engine would send — in a deployment whose
// resources already exist (ids known), or in the first preview of a new stack, where every id of a
// resource created in the same stack is unknown and links exist only as propertyDependencies.
import { createHash } from "node:crypto";
import { PlannedResource } from "../../checker/engine/evaluate";
import { shapeOutputs } from "../../checker/engine/output-shape";
import { azureName as azureNameOf } from "../../checker/program/arm-ids";
import { secretValue, UNKNOWN_STRING } from "../../checker/engine/wire";

export type Mode = "known" | "first-preview";

const REF = Symbol("ref");
const SECRET = Symbol("secret");
const UNKNOWN = Symbol("unknown");

/**
 * `objectId` / `principalId`: an Entra object id output (a group's, a managed identity's), a GUID.
 * `computed`: an output the provider sets only once the resource exists (a public IP's `ipAddress`),
 * unknown in every mode but still a property dependency.
 */
export type RefProperty = "id" | "name" | "objectId" | "principalId" | "computed";

export interface Ref {
    [REF]: true;
    target: string;
    property: RefProperty;
    /** Text appended to the value, as `pulumi.interpolate` would (`${vnet.id}/subnets/jump`); unknown stays unknown. */
    suffix?: string;
}

/** The `id` (or Azure `name`, or Entra object id) output of another fixture resource, by its resource name. */
export function ref(target: string, property: RefProperty = "id", suffix?: string): Ref {
    return { [REF]: true, target, property, suffix };
}

/** A stable GUID per URN and property: what Entra assigns once the resource exists. */
function objectIdOf(urn: string, property: string): string {
    const hex = createHash("sha256").update(`${urn}#${property}`).digest("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A secret input: the engine sends it with the secret signature; the server unwraps it. */
export function secret(value: unknown): unknown {
    return { [SECRET]: true, value };
}

/** A value that is unknown in every mode (e.g. computed from another stack's output). */
export function unknown(): unknown {
    return { [UNKNOWN]: true };
}

export interface FixtureResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    parent?: string;
    dependsOn?: string[];
    /** The version of the (default) provider that manages it, as the engine sends it: `6.40.0`. */
    providerVersion?: string;
}

export function resource(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    opts: { parent?: string; dependsOn?: string[]; providerVersion?: string } = {},
): FixtureResource {
    return { type, name, inputs, ...opts };
}

export const SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

const ARM_TYPES: Record<string, string> = {
    "resources:ResourceGroup": "",
    "network:NetworkSecurityGroup": "Microsoft.Network/networkSecurityGroups",
    "network:SecurityRule": "Microsoft.Network/networkSecurityGroups/securityRules",
    "network:NetworkInterface": "Microsoft.Network/networkInterfaces",
    "network:PublicIPAddress": "Microsoft.Network/publicIPAddresses",
    "network:VirtualNetwork": "Microsoft.Network/virtualNetworks",
    "network:Subnet": "Microsoft.Network/virtualNetworks/subnets",
    "network:LoadBalancer": "Microsoft.Network/loadBalancers",
    "network:InboundNatRule": "Microsoft.Network/loadBalancers/inboundNatRules",
    "network:LoadBalancerBackendAddressPool": "Microsoft.Network/loadBalancers/backendAddressPools",
    "network:BastionHost": "Microsoft.Network/bastionHosts",
    "network:VirtualNetworkGateway": "Microsoft.Network/virtualNetworkGateways",
    "network:AzureFirewall": "Microsoft.Network/azureFirewalls",
    "network:FirewallPolicy": "Microsoft.Network/firewallPolicies",
    "network:FirewallPolicyRuleCollectionGroup": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
    "network:IpGroup": "Microsoft.Network/ipGroups",
    "compute:VirtualMachine": "Microsoft.Compute/virtualMachines",
    "compute:VirtualMachineScaleSet": "Microsoft.Compute/virtualMachineScaleSets",
    "compute:VirtualMachineExtension": "Microsoft.Compute/virtualMachines/extensions",
    "web:WebApp": "Microsoft.Web/sites",
    "authorization:RoleDefinition": "Microsoft.Authorization/roleDefinitions",
    "authorization:RoleAssignment": "Microsoft.Authorization/roleAssignments",
    // The classic provider's classes, by their module and class name.
    "network:PublicIp": "Microsoft.Network/publicIPAddresses",
    "network:NetworkSecurityRule": "Microsoft.Network/networkSecurityGroups/securityRules",
    "network:Firewall": "Microsoft.Network/azureFirewalls",
    "network:IPGroup": "Microsoft.Network/ipGroups",
    "lb:LoadBalancer": "Microsoft.Network/loadBalancers",
    "compute:BastionHost": "Microsoft.Network/bastionHosts",
    "compute:LinuxVirtualMachine": "Microsoft.Compute/virtualMachines",
    "compute:WindowsVirtualMachine": "Microsoft.Compute/virtualMachines",
    "compute:LinuxVirtualMachineScaleSet": "Microsoft.Compute/virtualMachineScaleSets",
    "compute:WindowsVirtualMachineScaleSet": "Microsoft.Compute/virtualMachineScaleSets",
    "compute:OrchestratedVirtualMachineScaleSet": "Microsoft.Compute/virtualMachineScaleSets",
    "compute:ScaleSet": "Microsoft.Compute/virtualMachineScaleSets",
    "authorization:Assignment": "Microsoft.Authorization/roleAssignments",
};

/** Children whose ARM id nests under their parent's: the input naming the parent, and the parent's and child's id segments. */
const NESTED: Record<string, { parentKey: string; parent: string; child: string }> = {
    "network:Subnet": { parentKey: "virtualNetworkName", parent: "Microsoft.Network/virtualNetworks", child: "subnets" },
    "lb:NatRule": { parentKey: "loadbalancerId", parent: "Microsoft.Network/loadBalancers", child: "inboundNatRules" },
    "lb:NatPool": { parentKey: "loadbalancerId", parent: "Microsoft.Network/loadBalancers", child: "inboundNatPools" },
    "lb:Rule": { parentKey: "loadbalancerId", parent: "Microsoft.Network/loadBalancers", child: "loadBalancingRules" },
    "lb:BackendAddressPool": { parentKey: "loadbalancerId", parent: "Microsoft.Network/loadBalancers", child: "backendAddressPools" },
};

function moduleAndResource(token: string): string {
    const [, mod = "", res = ""] = token.split(":");
    return `${mod.split("/")[0]}:${res}`;
}

interface Planned {
    fixture: FixtureResource;
    urn: string;
    azureName: string;
    armId: string;
}

/** The Azure name of a child's parent: a reference to a fixture declared before it, or a name or id written out. */
function nameOfParent(value: unknown, byName: Map<string, Planned>): string | undefined {
    if (value !== null && typeof value === "object" && REF in value) {
        return byName.get((value as Ref).target)?.azureName;
    }
    return typeof value === "string" ? value.split("/").pop() : undefined;
}

export interface PlanOptions {
    mode?: Mode;
    stack?: string;
    project?: string;
}

/** Turns fixtures into the engine's view: URNs, wire-form inputs and outputs, dependencies. */
export function plan(fixtures: readonly FixtureResource[], opts: PlanOptions = {}): PlannedResource[] {
    const mode = opts.mode ?? "known";
    const stack = opts.stack ?? "dev";
    const project = opts.project ?? "project";
    const byName = new Map<string, Planned>();
    const qualifiedType = new Map<string, string>();

    for (const f of fixtures) {
        if (byName.has(f.name)) {
            throw new Error(`fixture resource name ${f.name} is used twice`);
        }
        const parentType = f.parent ? qualifiedType.get(f.parent) : undefined;
        if (f.parent && !parentType) {
            throw new Error(`fixture ${f.name}: parent ${f.parent} must be declared before it`);
        }
        const qualified = parentType ? `${parentType}$${f.type}` : f.type;
        qualifiedType.set(f.name, qualified);
        const azureName = azureNameOf(f.type, f.name, f.inputs);
        const rg = typeof f.inputs.resourceGroupName === "string" ? f.inputs.resourceGroupName : "rg";
        const kind = moduleAndResource(f.type);
        const nested = NESTED[kind];
        const parentName = nested ? nameOfParent(f.inputs[nested.parentKey], byName) : undefined;
        const armType = ARM_TYPES[kind] ?? `Microsoft.Fixture/${f.type.split(":").pop()}`;
        const armId =
            kind === "resources:ResourceGroup" || kind === "core:ResourceGroup"
                ? `/subscriptions/${SUBSCRIPTION}/resourceGroups/${azureName}`
                : nested && parentName !== undefined
                  ? `/subscriptions/${SUBSCRIPTION}/resourceGroups/${rg}/providers/${nested.parent}/${parentName}/${nested.child}/${azureName}`
                  : `/subscriptions/${SUBSCRIPTION}/resourceGroups/${rg}/providers/${armType}/${azureName}`;
        byName.set(f.name, { fixture: f, urn: `urn:pulumi:${stack}::${project}::${qualified}::${f.name}`, azureName, armId });
    }

    const encode = (value: unknown, deps: Set<string>): unknown => {
        if (value === null || typeof value !== "object") {
            return value;
        }
        if (REF in value) {
            const r = value as Ref;
            const target = byName.get(r.target);
            if (!target) {
                throw new Error(`ref to undeclared fixture resource ${r.target}`);
            }
            deps.add(target.urn);
            const suffix = r.suffix ?? "";
            if (r.property === "name") {
                return `${target.azureName}${suffix}`;
            }
            if (mode === "first-preview" || r.property === "computed") {
                return UNKNOWN_STRING;
            }
            return `${r.property === "id" ? target.armId : objectIdOf(target.urn, r.property)}${suffix}`;
        }
        if (SECRET in value) {
            return secretValue(encode((value as any).value, deps));
        }
        if (UNKNOWN in value) {
            return UNKNOWN_STRING;
        }
        if (Array.isArray(value)) {
            return value.map((v) => encode(v, deps));
        }
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v, deps)]));
    };

    return [...byName.values()].map(({ fixture, urn, armId }) => {
        const inputs: Record<string, unknown> = {};
        const propertyDependencies: Record<string, string[]> = {};
        const dependencies = new Set<string>();
        for (const [key, value] of Object.entries(fixture.inputs)) {
            const deps = new Set<string>();
            inputs[key] = encode(value, deps);
            if (deps.size > 0) {
                propertyDependencies[key] = [...deps];
                deps.forEach((d) => dependencies.add(d));
            }
        }
        for (const d of fixture.dependsOn ?? []) {
            dependencies.add(byName.get(d)!.urn);
        }
        const parent = fixture.parent ? byName.get(fixture.parent)!.urn : undefined;
        const id = mode === "first-preview" ? UNKNOWN_STRING : armId;
        const version = fixture.providerVersion;
        const providerPackage = fixture.type.split(":")[0];
        const providerName = version === undefined ? undefined : `default_${version.replace(/\./g, "_")}`;
        return {
            ...(providerName === undefined
                ? {}
                : {
                      provider: {
                          urn: `urn:pulumi:${stack}::${project}::pulumi:providers:${providerPackage}::${providerName}`,
                          type: `pulumi:providers:${providerPackage}`,
                          name: providerName,
                          properties: { version },
                      },
                  }),
            urn,
            type: fixture.type,
            name: fixture.name,
            inputs,
            outputs: shapeOutputs(fixture.type, fixture.name, inputs, id, { previewUnknowns: mode === "first-preview" }),
            parent,
            dependencies: [...dependencies],
            propertyDependencies,
        };
    });
}

export function urnOf(name: string, type: string, opts: PlanOptions = {}): string {
    return `urn:pulumi:${opts.stack ?? "dev"}::${opts.project ?? "project"}::${type}::${name}`;
}
