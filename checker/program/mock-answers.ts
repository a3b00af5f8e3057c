// What the mocks answer a program: for a resource, its inputs with every value the provider
// computes left unknown (as a preview reports it); for an invoke, a plausible result shaped by the
// SDK's declared result type for the lookups Azure programs commonly make, and unknown fields for
// anything else. Never an echo of the inputs, never an invented value where the engine would say
// "unknown".
import { createHash } from "node:crypto";
import { UNKNOWN_STRING } from "../engine/wire";
import { MOCK_SUBSCRIPTION } from "./arm-ids";
import { Fields, functionTypes, PackageTypes, resourceTypes, TypeRef } from "../engine/sdk-types";
import { DIRECTORY_ROLE_TEMPLATES, PUBLISHED_APP_IDS } from "./entra-catalogue";

export const MOCK_TENANT = "00000000-0000-0000-0000-0000000000a1";
const MOCK_CLIENT = "00000000-0000-0000-0000-00000000c11e";
const MOCK_OBJECT = "00000000-0000-0000-0000-0000000000b1";
const MAX_DEPTH = 8;

function isPlainObject(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;
}

/** Marks the fields the provider computes (declared on the output type, absent from the input type). */
function withComputedUnknown(value: unknown, out: TypeRef, inp: TypeRef | undefined, pkg: PackageTypes, depth: number): unknown {
    if (depth > MAX_DEPTH || value === null || typeof value !== "object") {
        return value;
    }
    if (Array.isArray(value)) {
        return out.kind === "array" ? value.map((v) => withComputedUnknown(v, out.of, inp?.kind === "array" ? inp.of : undefined, pkg, depth + 1)) : value;
    }
    if (!isPlainObject(value)) {
        return value;
    }
    if (out.kind === "map") {
        const of = inp?.kind === "map" ? inp.of : undefined;
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withComputedUnknown(v, out.of, of, pkg, depth + 1)]));
    }
    const outFields = pkg.resolve(out);
    const inFields = inp ? pkg.resolve(inp) : undefined;
    if (!outFields || !inFields) {
        return value;
    }
    const state: Record<string, unknown> = { ...value };
    for (const [name, field] of outFields) {
        const input = inFields.get(name);
        // A nested block's own `id` is the provider's to set, even where the input type lets a
        // program write it (azurerm's `VirtualNetwork.subnets[].id`).
        if (!input || (name === "id" && !(name in value) && !field.optional)) {
            state[name] = UNKNOWN_STRING;
        } else if (name in value) {
            state[name] = withComputedUnknown(value[name], field.type, input.type, pkg, depth + 1);
        }
    }
    return state;
}

/**
 * The state a mocked resource reports back to the program. Top-level outputs the inputs lack are
 * left out: in a preview the SDK resolves a missing output as unknown. Inside input objects (an
 * identity's `principalId`, a DNS zone group's `recordSets`) the computed fields are set unknown.
 */
export function previewState(token: string, name: string, inputs: Record<string, unknown>, resolveFrom: string): Record<string, unknown> {
    const types = resourceTypes(token, resolveFrom);
    const state: Record<string, unknown> = { ...inputs, name: inputs.name ?? name };
    if (!types) {
        return state;
    }
    for (const [key, value] of Object.entries(inputs)) {
        const out = types.outputs.get(key);
        const inp = types.inputs.get(key);
        if (out && inp) {
            state[key] = withComputedUnknown(value, out.type, inp.type, types.pkg, 0);
        }
    }
    return state;
}

function guid(seed: string): string {
    const h = createHash("sha256").update(seed).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface Lookup {
    token: string;
    inputs: Record<string, unknown>;
}

function inputString(lookup: Lookup, ...keys: string[]): string | undefined {
    for (const k of keys) {
        const v = lookup.inputs[k];
        if (typeof v === "string" && v !== "") {
            return v;
        }
    }
    return undefined;
}

function plausibleString(field: string, lookup: Lookup): string {
    const f = field.toLowerCase();
    const own = inputString(lookup, field);
    if (own !== undefined) {
        return own;
    }
    if (f === "tenantid") {
        return MOCK_TENANT;
    }
    if (f === "subscriptionid") {
        return MOCK_SUBSCRIPTION;
    }
    if (f === "clientid" && /getClientConfig$/i.test(lookup.token)) {
        return MOCK_CLIENT;
    }
    if (f === "objectid" && /getClientConfig$/i.test(lookup.token)) {
        return MOCK_OBJECT;
    }
    if (/(^|[a-z])(id|objectid|clientid|principalid|applicationid|appid)$/i.test(field) && f !== "id") {
        return guid(`${lookup.token}\0${JSON.stringify(lookup.inputs)}\0${field}`);
    }
    const rg = inputString(lookup, "resourceGroupName", "name");
    if (f === "id") {
        return rg ? `/subscriptions/${MOCK_SUBSCRIPTION}/resourceGroups/${rg}` : `/subscriptions/${MOCK_SUBSCRIPTION}`;
    }
    if (f === "location") {
        return "westeurope";
    }
    if (f === "name" || f.endsWith("name")) {
        return inputString(lookup, "name", "displayName", "resourceName", "resourceGroupName", "vaultName", "accountName") ?? "mock";
    }
    // Keys, passwords and kubeconfigs: a fixed, obviously fake value that is valid base64.
    return "bW9jaw==";
}

function plausible(type: TypeRef, field: string, lookup: Lookup, pkg: PackageTypes, depth: number): unknown {
    switch (type.kind) {
        case "scalar":
            return type.scalar === "number" ? 0 : type.scalar === "boolean" ? false : plausibleString(field, lookup);
        case "array":
            return depth > MAX_DEPTH ? [] : [plausible(type.of, field, lookup, pkg, depth + 1)];
        case "map":
            return {};
        default: {
            const fields = depth > MAX_DEPTH ? undefined : pkg.resolve(type);
            return fields ? plausibleObject(fields, lookup, pkg, depth + 1) : {};
        }
    }
}

function plausibleObject(fields: Fields, lookup: Lookup, pkg: PackageTypes, depth: number): Record<string, unknown> {
    return Object.fromEntries([...fields].map(([name, f]) => [name, plausible(f.type, name, lookup, pkg, depth)]));
}

/**
 * Invokes answered with a plausible result: who the caller is, the common lookups of existing
 * resources and principals, the key and credential listings programs feed into other resources, and
 * the Entra catalogues that are the same in every tenant (answered with their real values).
 */
export const ANSWERED_INVOKES: readonly RegExp[] = [
    /^getClientConfig$/,
    /^getSubscription$/,
    /^getResourceGroup$/,
    /^get(Key)?Vault$/,
    /^getUserAssignedIdentity$/,
    /^list\w*(Keys|Credentials?)$/,
    /^getGroup$/,
    /^getUser$/,
    /^getServicePrincipal$/,
    /^getDirectoryRoleTemplates$/,
    /^getApplicationPublishedAppIds$/,
];

/** The provider's id for a role template list: `templates#` + padded base64url (Go's URLEncoding) of the SHA-1 of the ids joined by "/". */
function roleTemplatesId(objectIds: readonly string[]): string {
    const digest = createHash("sha1").update(objectIds.join("/")).digest("base64");
    return `templates#${digest.replace(/\+/g, "-").replace(/\//g, "_")}`;
}

/** Real answers, by token, for the lookups of catalogues that are the same in every tenant. */
const CATALOGUE_ANSWERS: Readonly<Record<string, () => Record<string, unknown>>> = {
    "azuread:index/getDirectoryRoleTemplates:getDirectoryRoleTemplates": () => {
        const objectIds = DIRECTORY_ROLE_TEMPLATES.map((t) => t.objectId);
        return { id: roleTemplatesId(objectIds), objectIds, roleTemplates: DIRECTORY_ROLE_TEMPLATES.map((t) => ({ ...t })) };
    },
    "azuread:index/getApplicationPublishedAppIds:getApplicationPublishedAppIds": () => ({ id: "appIds", result: { ...PUBLISHED_APP_IDS } }),
};

export function answerInvoke(token: string, inputs: Record<string, unknown>, resolveFrom: string): Record<string, unknown> {
    const member = token.split(":").pop() ?? "";
    const types = functionTypes(token, resolveFrom);
    const lookup = { token, inputs };
    if (ANSWERED_INVOKES.some((re) => re.test(member))) {
        const catalogue = CATALOGUE_ANSWERS[token]?.();
        if (catalogue && types) {
            // Shaped by the SDK's declared result: the catalogue's value for each declared field.
            return Object.fromEntries([...types.result].map(([name, f]) => [name, name in catalogue ? catalogue[name] : plausible(f.type, name, lookup, types.pkg, 0)]));
        }
        if (catalogue) {
            return catalogue;
        }
        if (types) {
            return plausibleObject(types.result, lookup, types.pkg, 0);
        }
        if (member === "getClientConfig") {
            return { clientId: MOCK_CLIENT, objectId: MOCK_OBJECT, subscriptionId: MOCK_SUBSCRIPTION, tenantId: MOCK_TENANT };
        }
    }
    // Anything else would need the real cloud: every field it returns is unknown.
    return types ? Object.fromEntries([...types.result.keys()].map((k) => [k, UNKNOWN_STRING])) : {};
}
