// Offline there is no Azure to assign ids, so a run with known ids gives each resource the ARM id
// Azure would: `/subscriptions/<sub>/resourceGroups/<rg>/providers/<namespace>/<type>/<name>`.
import { lowerFirst } from "../engine/sdk-types";


export const MOCK_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

const NAMESPACES: Record<string, string> = {
    network: "Microsoft.Network",
    compute: "Microsoft.Compute",
    web: "Microsoft.Web",
    app: "Microsoft.App",
    authorization: "Microsoft.Authorization",
    security: "Microsoft.Security",
    keyvault: "Microsoft.KeyVault",
    storage: "Microsoft.Storage",
    managedidentity: "Microsoft.ManagedIdentity",
};

export function armId(type: string, name: string, inputs: Record<string, unknown>): string {
    const [provider, moduleAndVersion = "", resource = ""] = type.split(":");
    const module = moduleAndVersion.split("/")[0];
    if (provider !== "azure-native") {
        return `${type}::${name}`;
    }
    const rg = typeof inputs.resourceGroupName === "string" ? inputs.resourceGroupName : "rg";
    if (module === "resources" && resource === "ResourceGroup") {
        return `/subscriptions/${MOCK_SUBSCRIPTION}/resourceGroups/${name}`;
    }
    const namespace = NAMESPACES[module] ?? `Microsoft.${module.charAt(0).toUpperCase()}${module.slice(1)}`;
    return `/subscriptions/${MOCK_SUBSCRIPTION}/resourceGroups/${rg}/providers/${namespace}/${lowerFirst(resource)}s/${name}`;
}

/** The Azure name a resource gets: its `<resource>Name` or `name` input, else the Pulumi name. */
export function azureName(type: string, name: string, inputs: Record<string, unknown>): string {
    const resource = type.split(":").pop() ?? "";
    for (const key of [`${lowerFirst(resource)}Name`, "name"]) {
        if (typeof inputs[key] === "string") {
            return inputs[key] as string;
        }
    }
    return name;
}
