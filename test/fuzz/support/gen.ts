// Batch generators: random and malformed resources of the policied types, one-field mutations of the
// compliant scenarios, random security levels (resource tag, stack tag, invalid values) and random
// policy-pack configuration (enforcement level per policy, settings drawn to pass each schema).
import fc from "fast-check";
import { AnalyzerInfo } from "../../../checker/engine/analyzer-client";
import { reconcilePolicyConfig } from "../../../checker/engine/policy-config";
import { FixtureResource, Mode } from "../../harness/stack";
import { Batch, GeneratedResource } from "./batch";
import { PolicedType, POLICED_TYPES, Scenario, scenarios, SUPPORT_TYPES, typeOf } from "./catalogue";
import {
    deepArb,
    DIRECTORY_ROLES,
    domainWord,
    GUIDS,
    hugeArrayArb,
    leafArb,
    longStringArb,
    markerArb,
    objectOf,
    isRefNode,
    RefNode,
    sentinelArb,
    Tree,
    treeArb,
    trickyWord,
    VARIANTS,
} from "./values";

// ---------------------------------------------------------------------------------------------
// Fixture language ↔ placeholders

const symbolsOf = (v: unknown) => (v !== null && typeof v === "object" ? Object.getOwnPropertySymbols(v) : []);

/** Turns fixture-language values into placeholder trees; refs keep the target's scenario name. */
export function placeholders(value: unknown): Tree {
    if (value !== null && typeof value === "object" && symbolsOf(value).length > 0) {
        const v = value as Record<string, unknown>;
        if ("target" in v && "property" in v) {
            return { $ref: v.target as string, prop: v.property, ...(typeof v.suffix === "string" ? { suffix: v.suffix } : {}) } as unknown as RefNode;
        }
        if ("value" in v) {
            return { $secret: placeholders(v.value) };
        }
        return "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    }
    if (Array.isArray(value)) {
        return value.map(placeholders);
    }
    if (value !== null && typeof value === "object") {
        return objectOf(Object.entries(value).map(([k, v]) => [k, placeholders(v)] as const));
    }
    return value;
}

/** Rewrites name refs (`$ref: "vm"`) to batch indexes; a ref to a name outside the map becomes the first index. */
export function indexRefs(tree: Tree, indexOf: (name: string) => number): Tree {
    if (isRefNode(tree)) {
        return { ...tree, $ref: typeof tree.$ref === "number" ? tree.$ref : indexOf(String(tree.$ref)) };
    }
    if (Array.isArray(tree)) {
        return tree.map((t) => indexRefs(t, indexOf));
    }
    if (tree !== null && typeof tree === "object") {
        return objectOf(Object.entries(tree).map(([k, v]) => [k, indexRefs(v, indexOf)] as const));
    }
    return tree;
}

/** `arb` with probability `p`, else undefined. */
export function sometimes<T>(arb: fc.Arbitrary<T>, p: number): fc.Arbitrary<T | undefined> {
    const weight = Math.round(p * 1000);
    return fc.oneof({ weight: 1000 - weight, arbitrary: fc.constant(undefined) }, { weight, arbitrary: arb });
}

// ---------------------------------------------------------------------------------------------
// Levels, stack tags, modes, configuration

const LEVELS = ["enterprise", "specialized", "privileged"];

const levelValueArb: fc.Arbitrary<Tree> = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...LEVELS) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...LEVELS), fc.constantFrom(...VARIANTS)).map(([l, v]) => v(l)) },
    { weight: 2, arbitrary: fc.constantFrom("privilegd", "Privileged ", "PRIVILEGED", "admin", "", "high", "tier0", "enterprise,privileged") },
    { weight: 2, arbitrary: sentinelArb },
    { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.constant(["privileged"]), markerArb) },
);

const levelKeyArb = fc.constantFrom("securityLevel", "securityLevel", "securityLevel", "SecurityLevel", "SECURITYLEVEL", " securityLevel", "security-level");

export const tagsArb: fc.Arbitrary<Tree> = fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    {
        weight: 6,
        arbitrary: fc
            .tuple(levelKeyArb, levelValueArb, sometimes(fc.oneof(fc.constant("app-proxy"), fc.constant(" App-Proxy"), sentinelArb, markerArb), 0.3))
            .map(([k, v, intermediary]) => objectOf([[k, v], ...(intermediary === undefined ? [] : [["intermediary", intermediary] as const])])),
    },
    {
        weight: 1,
        arbitrary: fc.oneof(
            sentinelArb,
            fc.constant(null),
            fc.constant(["securityLevel", "privileged"]),
            fc.constantFrom("", "privileged", "\u0000"),
            // A service principal's tags are a list of words: the Application Proxy tag among them.
            fc.constant(["WindowsAzureActiveDirectoryOnPremApp", "WindowsAzureActiveDirectoryIntegratedApp"]),
        ),
    },
);

export const stackTagsArb: fc.Arbitrary<Record<string, string>> = fc.oneof(
    { weight: 3, arbitrary: fc.constant({}) },
    { weight: 6, arbitrary: fc.tuple(levelKeyArb, levelValueArb).map(([k, v]) => ({ [k]: typeof v === "string" ? v : JSON.stringify(v) })) },
    { weight: 1, arbitrary: fc.constantFrom<Record<string, string>>({ owner: "platform" }, { "": "" }, { securityLevel: "privileged", SecurityLevel: "enterprise" }, { securitylevel: " Enterprise " }) },
);

export const modeArb: fc.Arbitrary<Mode> = fc.constantFrom("known", "first-preview");

const enforcementArb = fc.constantFrom("advisory", "mandatory", "disabled", "remediate");

const sourcePrefixArb = fc.oneof(
    fc.constantFrom("10.0.0.0/8", "198.51.100.10/32", "203.0.113.0/24", "AzureCloud", "Internet", "*", "0.0.0.0/1", "::/0", "VirtualNetwork"),
    // Pass the schema, fail the parser: each must surface as one mandatory stack violation.
    fc.constantFrom("10.0.0.0/33", "abc", "1.2.3", "::ffff:1.2.3.4.5", "10.0.0.0-9.0.0.0", "*/*", "a..b"),
);

function settingArb(name: string, schema: Record<string, unknown>): fc.Arbitrary<unknown> | undefined {
    if (name === "allowedSourcePrefixes") {
        return fc.uniqueArray(sourcePrefixArb, { maxLength: 3 });
    }
    if (name === "ports") {
        return fc.uniqueArray(fc.oneof(fc.constantFrom(22, 3389, 5985, 5986, 443), fc.integer({ min: 1, max: 65535 })), { maxLength: 4 });
    }
    if (name.endsWith("PrincipalIds") || name.endsWith("GroupIds") || name === "allowedTenantIds") {
        return fc.uniqueArray(fc.constantFrom(...GUIDS, ...GUIDS.map((g) => g.toUpperCase())), { maxLength: 3 });
    }
    if (name.endsWith("RoleTemplateIds")) {
        return fc.uniqueArray(fc.constantFrom(...DIRECTORY_ROLES, ...GUIDS.slice(0, 2)), { maxLength: 3 });
    }
    if (name === "attestedPolicies") {
        const policy = fc.record({
            id: fc.constantFrom("CA001", "Tenant baseline (admins)", "ca.admins-002"),
            appliesTo: fc.uniqueArray(fc.constantFrom("All", "all", ...DIRECTORY_ROLES), { minLength: 1, maxLength: 2 }),
            requires: fc.uniqueArray(fc.constantFrom("mfa", "phishingResistant", "compliantDevice"), { minLength: 1, maxLength: 3 }),
        });
        return fc.array(policy, { maxLength: 2 });
    }
    if (schema.type === "boolean") {
        return fc.boolean();
    }
    if (name === "adminRoleDefinitionIds") {
        return fc.uniqueArray(fc.constantFrom(...GUIDS, `/providers/Microsoft.Authorization/roleDefinitions/${GUIDS[3]}`), { maxLength: 3 });
    }
    if (schema.type === "integer") {
        return fc.integer({ min: Number(schema.minimum ?? 0), max: Number(schema.maximum ?? 100_000) });
    }
    return undefined;
}

const reconciledCache = new Map<string, ReturnType<typeof reconcilePolicyConfig>>();

/** reconcilePolicyConfig, memoised: it compiles every policy's schema on each call. */
export function reconciled(info: AnalyzerInfo, doc: Record<string, unknown>): ReturnType<typeof reconcilePolicyConfig> {
    const key = JSON.stringify(doc);
    let result = reconciledCache.get(key);
    if (result === undefined) {
        result = reconcilePolicyConfig(info, doc);
        reconciledCache.set(key, result);
    }
    return result;
}

/** A `--policy-pack-config` document that the CLI would accept: levels per policy, settings per schema. */
export function policyConfigArb(info: AnalyzerInfo): fc.Arbitrary<Record<string, unknown>> {
    const perPolicy = info.policies.map((p) => {
        const settings = Object.entries(p.configSchema?.properties ?? {})
            .map(([name, schema]) => [name, settingArb(name, schema as Record<string, unknown>)] as const)
            .filter((e): e is readonly [string, fc.Arbitrary<unknown>] => e[1] !== undefined);
        const entry = fc.oneof(
            enforcementArb,
            fc.record(
                { enforcementLevel: enforcementArb, ...Object.fromEntries(settings) },
                { requiredKeys: [] },
            ),
        );
        return [p.name, sometimes(entry, 0.3)] as const;
    });
    return fc
        .record({ all: sometimes(enforcementArb, 0.15), ...Object.fromEntries(perPolicy) }, { requiredKeys: [] })
        .map((doc) => {
            const clean = Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined));
            try {
                reconciled(info, clean);
                return clean;
            } catch {
                // Settings the schema refuses never reach the pack; keep the levels only.
                return Object.fromEntries(Object.entries(clean).map(([k, v]) => [k, typeof v === "string" ? v : (v as { enforcementLevel?: string }).enforcementLevel ?? "mandatory"]));
            }
        });
}

// ---------------------------------------------------------------------------------------------
// Type tokens

/**
 * The canonical token mostly; version-qualified and odd-case spellings of an azure-native type, or a
 * classic type's module alias, sometimes.
 */
export function tokenArb(token: string): fc.Arbitrary<string> {
    const [provider, module, resource] = token.split(":");
    const aliases = typeOf(token)?.aliases ?? [];
    if (aliases.length > 0) {
        return fc.oneof({ weight: 4, arbitrary: fc.constant(token) }, { weight: 1, arbitrary: fc.constantFrom(...aliases) });
    }
    if (provider !== "azure-native") {
        return fc.constant(token);
    }
    return fc.oneof(
        { weight: 8, arbitrary: fc.constant(token) },
        { weight: 1, arbitrary: fc.constantFrom("v20240301", "v20230901", "v20180601preview").map((v) => `${provider}:${module}/${v}:${resource}`) },
        { weight: 1, arbitrary: fc.constant(`${provider}:${module.toUpperCase()}:${resource.toLowerCase()}`) },
    );
}

// ---------------------------------------------------------------------------------------------
// Random resources

/** Realistic values per type and key, taken from the scenarios (placeholders, scenario-name refs). */
function baselineValues(): Map<string, Map<string, Tree[]>> {
    const out = new Map<string, Map<string, Tree[]>>();
    for (const s of scenarios()) {
        for (const r of s.resources) {
            const byKey = out.get(r.type) ?? new Map<string, Tree[]>();
            for (const [k, v] of Object.entries(placeholders(r.inputs) as Record<string, Tree>)) {
                byKey.set(k, [...(byKey.get(k) ?? []), v]);
            }
            out.set(r.type, byKey);
        }
    }
    return out;
}

const BASELINES = baselineValues();

/** A random operation on one node of a tree (see `applyMutation`). */
export type Mutation =
    | { kind: "set"; value: Tree }
    | { kind: "delete" | "secret" | "wrap" | "unwrap" | "duplicate" | "retype" }
    | { kind: "huge"; n: number }
    | { kind: "variant"; v: number };

export function mutationArb(batchSize: number, big = true): fc.Arbitrary<Mutation> {
    const bigOnes: fc.WeightedArbitrary<Mutation>[] = [
        { weight: 1, arbitrary: sometimes(fc.integer({ min: 100, max: 400 }), 0.2).map((n): Mutation => (n === undefined ? { kind: "duplicate" } : { kind: "huge", n })) },
        { weight: 1, arbitrary: sometimes(longStringArb, 0.2).map((v): Mutation => (v === undefined ? { kind: "retype" } : { kind: "set", value: v })) },
    ];
    return fc.oneof(
        ...(big ? bigOnes : []),
        { weight: 4, arbitrary: leafArb.map((value): Mutation => ({ kind: "set", value })) },
        { weight: 3, arbitrary: sentinelArb.map((value): Mutation => ({ kind: "set", value })) },
        { weight: 2, arbitrary: trickyWord.map((value): Mutation => ({ kind: "set", value })) },
        { weight: 2, arbitrary: treeArb(batchSize, 3).map((value): Mutation => ({ kind: "set", value })) },
        { weight: 1, arbitrary: markerArb.map((m): Mutation => ({ kind: "set", value: { $secret: m } })) },
        { weight: 3, arbitrary: fc.constantFrom<Mutation>({ kind: "delete" }, { kind: "secret" }, { kind: "wrap" }, { kind: "unwrap" }, { kind: "duplicate" }, { kind: "retype" }) },
        { weight: 3, arbitrary: fc.nat(VARIANTS.length - 1).map((v): Mutation => ({ kind: "variant", v })) },
    );
}

type Path = (string | number)[];

function isPlaceholder(v: unknown): boolean {
    return v !== null && typeof v === "object" && !Array.isArray(v) && ("$ref" in v || "$secret" in v);
}

/** Every path into a tree (placeholders are leaves), root excluded. */
export function pathsOf(tree: Tree, at: Path = [], out: Path[] = []): Path[] {
    if (Array.isArray(tree)) {
        tree.forEach((v, i) => {
            out.push([...at, i]);
            pathsOf(v, [...at, i], out);
        });
    } else if (tree !== null && typeof tree === "object" && !isPlaceholder(tree)) {
        for (const [k, v] of Object.entries(tree)) {
            out.push([...at, k]);
            pathsOf(v, [...at, k], out);
        }
    }
    return out;
}

function retype(v: Tree): Tree {
    if (typeof v === "number") {
        return String(v);
    }
    if (typeof v === "boolean") {
        return String(v);
    }
    if (typeof v === "string") {
        const n = Number(v);
        return v.trim() !== "" && Number.isFinite(n) ? n : v === "true" ? true : v === "false" ? false : [v];
    }
    if (Array.isArray(v)) {
        return v.length === 1 ? v[0] : objectOf(v.map((e, i) => [String(i), e] as const));
    }
    return v === null ? "null" : JSON.stringify(v) ?? null;
}

function mutateNode(node: Tree, m: Mutation): { value?: Tree; remove?: boolean } {
    switch (m.kind) {
        case "set":
            return { value: m.value };
        case "delete":
            return { remove: true };
        case "secret":
            return { value: { $secret: node } };
        case "wrap":
            return { value: [node] };
        case "unwrap":
            return { value: Array.isArray(node) ? (node[0] ?? null) : node !== null && typeof node === "object" ? (Object.values(node)[0] ?? null) : node };
        case "duplicate":
            return { value: Array.isArray(node) ? [...node, ...node] : [node, node] };
        case "retype":
            return { value: retype(node) };
        case "huge":
            return { value: Array.from({ length: m.n }, () => node) };
        case "variant":
            return { value: typeof node === "string" ? VARIANTS[m.v](node) : node };
    }
}

/** Applies a mutation at `path` (a copy; the input tree is not changed). */
export function applyAt(tree: Tree, path: Path, m: Mutation): Tree {
    if (path.length === 0) {
        const r = mutateNode(tree, m);
        return r.remove ? undefined : r.value;
    }
    const [head, ...rest] = path;
    if (Array.isArray(tree)) {
        const copy = [...tree];
        const i = Number(head);
        const r = rest.length === 0 ? mutateNode(copy[i], m) : { value: applyAt(copy[i], rest, m) };
        if (r.remove) {
            copy.splice(i, 1);
        } else {
            copy[i] = r.value;
        }
        return copy;
    }
    if (tree !== null && typeof tree === "object") {
        const entries = Object.entries(tree).flatMap(([k, v]): (readonly [string, Tree])[] => {
            if (k !== head) {
                return [[k, v]];
            }
            const r = rest.length === 0 ? mutateNode(v, m) : { value: applyAt(v, rest, m) };
            return r.remove ? [] : [[k, r.value]];
        });
        return objectOf(entries);
    }
    return tree;
}

/** One mutation at a path chosen by `pick` (modulo the number of paths). */
export function mutateOnce(tree: Tree, pick: number, m: Mutation): Tree {
    const paths = pathsOf(tree);
    return paths.length === 0 ? applyAt(tree, [], m) : applyAt(tree, paths[pick % paths.length], m);
}

/** Values too big or too deep for any real resource: one key of a few resources in a hundred. */
function pathologicalArb(t: PolicedType, batchSize: number): fc.Arbitrary<readonly [string, Tree]> {
    return fc.constantFrom(...t.keys).chain((key) => {
        const realistic = BASELINES.get(t.token)?.get(key) ?? [];
        return fc.tuple(
            fc.constant(key),
            fc.oneof(
                hugeArrayArb(fc.oneof(leafArb, ...(realistic.length > 0 ? [fc.constantFrom(...realistic).map((v) => indexRefs(Array.isArray(v) ? v[0] : v, () => 0))] : []))),
                deepArb,
                longStringArb,
            ),
        );
    });
}

function valueArb(t: PolicedType, key: string, batchSize: number): fc.Arbitrary<Tree> {
    const realistic = BASELINES.get(t.token)?.get(key) ?? [];
    const options: fc.WeightedArbitrary<Tree>[] = [
        { weight: 3, arbitrary: treeArb(batchSize, 3) },
        { weight: 2, arbitrary: leafArb },
        { weight: 1, arbitrary: domainWord },
    ];
    if (realistic.length > 0) {
        // Scenario refs name scenario resources: point them at random resources of the batch.
        const pick = fc.tuple(fc.constantFrom(...realistic), fc.nat(Math.max(0, batchSize - 1))).map(([v, i]) => indexRefs(v, () => i));
        options.push({ weight: 4, arbitrary: pick });
        options.push({
            weight: 5,
            arbitrary: fc.tuple(pick, fc.array(fc.tuple(fc.nat(), mutationArb(batchSize, false)), { minLength: 1, maxLength: 3 })).map(([v, ms]) =>
                ms.reduce((acc, [p, m]) => mutateOnce(acc, p, m), v),
            ),
        });
    }
    return fc.oneof(...options);
}

/** Input keys that may carry property dependencies (joins and levels read them). */
const DEP_KEYS = [
    "scope", "principalId", "roleDefinitionId", "vmName", "vmScaleSetName", "networkSecurityGroupName", "loadBalancerName", "firewallPolicyName", "name", "slot",
    "containerAppName", "securityRules", "sourceAddressPrefix", "frontendIPConfiguration", "virtualMachines", "resourceGroupName", "natRuleCollections",
    "ruleCollections", "principalObjectId", "memberObjectId", "roleId", "roleObjectId", "groupId", "resourceObjectId", "grantControls", "conditions",
    "clientId", "identityProviders", "vpnClientConfiguration", "loadbalancerId", "azureFirewallName", "firewallPolicyId", "networkInterfaceId",
    "networkSecurityGroupId", "subnetId", "ipGroupId", "virtualMachineId", "virtualMachineScaleSetId", "appServiceId", "functionAppId", "roleDefinitionName",
    "__proto__", "constructor",
];

/**
 * The version of the provider managing a classic resource, as the engine sends it: the SKU defaults of
 * public IPs and load balancers depend on its major; the rest are versions that say nothing.
 */
const providerVersionArb = fc.constantFrom("6.40.0", "6.0.0", "5.89.0", "4.42.0", "7.0.0-alpha.1", "latest", "", "6");

export function randomResourceArb(t: PolicedType, batchSize: number, countAs?: string): fc.Arbitrary<GeneratedResource> {
    const keyed = t.keys.filter((k) => k !== "tags").map((k) => sometimes(valueArb(t, k, batchSize), 0.6).map((v) => [k, v] as const));
    return fc
        .record({
            token: tokenArb(t.token),
            providerVersion: t.token.startsWith("azure:") ? sometimes(providerVersionArb, 0.8) : fc.constant(undefined),
            known: fc.tuple(...keyed),
            extra: fc.array(fc.tuple(fc.constantFrom("properties", "type", "id", "dependsOn", "__proto__", "", "securityrules", "Tags", " name"), treeArb(batchSize, 2)), { maxLength: 1 }),
            tags: tagsArb,
            pathological: sometimes(pathologicalArb(t, batchSize), 0.02),
            parent: sometimes(fc.nat(Math.max(0, batchSize - 1)), 0.15),
            extraDeps: sometimes(
                fc.array(fc.tuple(fc.constantFrom(...DEP_KEYS, ...t.keys), fc.array(fc.nat(Math.max(0, batchSize - 1)), { minLength: 1, maxLength: 2 })), { maxLength: 3 }),
                0.25,
            ),
        })
        .map(({ token, providerVersion, known, extra, tags, pathological, parent, extraDeps }) => ({
            token,
            providerVersion,
            countAs,
            // The pathological value, when drawn, takes its key's place (or joins the inputs).
            inputs: objectOf(
                [...known, ...extra, ["tags", tags] as const, ...(pathological ? [pathological] : [])].filter(
                    ([k, v]) => v !== undefined && (pathological === undefined || k !== pathological[0] || v === pathological[1]),
                ),
            ),
            parent,
            extraDeps,
        }));
}

/** Random resources of a type in each batch: its share of `perType`, at least one. */
export function perBatch(t: PolicedType, perType: number): number {
    return Math.max(1, Math.round(perType * (t.share ?? 1)));
}

/** A batch of random resources: each of `types` by its share of `perType` (plus a few joinable support resources). */
export function randomBatchArb(types: readonly PolicedType[], perType: number, config: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Batch> {
    const size = types.reduce((n, t) => n + perBatch(t, perType), 0) + SUPPORT_TYPES.length;
    const resources = [
        ...types.flatMap((t) => Array.from({ length: perBatch(t, perType) }, () => randomResourceArb(t, size, t.key))),
        ...SUPPORT_TYPES.map((t) => randomResourceArb(t, size)),
    ];
    return fc.record({
        mode: modeArb,
        stackTags: stackTagsArb,
        policyConfig: config,
        resources: fc.tuple(...resources).chain((rs) => fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length })),
    });
}

// ---------------------------------------------------------------------------------------------
// Mutations of compliant scenarios

interface Template {
    scenario: Scenario;
    /** Per resource: token, provider version and placeholder inputs with scenario-name refs. */
    resources: { type: string; name: string; providerVersion?: string; inputs: Tree }[];
}

function templates(filter: (r: FixtureResource) => boolean): Template[] {
    return scenarios()
        .filter((s) => s.resources.some(filter))
        .map((s) => ({ scenario: s, resources: s.resources.map((r) => ({ type: r.type, name: r.name, providerVersion: r.providerVersion, inputs: placeholders(r.inputs) })) }));
}

function countKey(token: string): string | undefined {
    return POLICED_TYPES.find((t) => t.token === token)?.key;
}

/**
 * A batch of `instances` scenario copies (drawn round robin for each of `types` from the scenarios
 * holding it), in which most resources carry one mutation of one field each; each mutated resource of
 * a policied type is a case of its type.
 */
export function mutationBatchArb(types: readonly PolicedType[], instances: number, config: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Batch> {
    const tokens = new Set(types.map((t) => t.token));
    const pool = templates((r) => tokens.has(r.type));
    const maxSize = instances * Math.max(...pool.map((t) => t.resources.length));
    // Round robin over the types, so that a type found in one scenario only is mutated as often as the rest.
    // Types no compliant scenario holds get random trees only.
    const holding = types
        .map((t) => pool.map((p, i) => (p.resources.some((r) => r.type === t.token) ? i : -1)).filter((i) => i >= 0))
        .filter((h) => h.length > 0);
    const instanceArb = (k: number) => fc.constantFrom(...holding[k % holding.length]).chain((i) =>
        fc.tuple(
            fc.constant(i),
            fc.tuple(...pool[i].resources.map(() => sometimes(fc.tuple(fc.nat(), mutationArb(maxSize)), 0.8))),
            fc.tuple(...pool[i].resources.map((r) => tokenArb(r.type))),
        ),
    );
    return fc
        .record({ mode: modeArb, stackTags: stackTagsArb, policyConfig: config, picks: fc.nat(types.length - 1).chain((offset) => fc.tuple(...Array.from({ length: instances }, (_, k) => instanceArb(k + offset)))) })
        .map(({ mode, stackTags, policyConfig, picks }) => {
            const resources: GeneratedResource[] = [];
            for (const [i, mutations, tokensOf] of picks) {
                const t = pool[i];
                const base = resources.length;
                const indexOf = (name: string) => {
                    const j = t.resources.findIndex((r) => r.name === name);
                    return base + Math.max(0, j);
                };
                t.resources.forEach((r, j) => {
                    const m = mutations[j];
                    const inputs = m === undefined ? r.inputs : mutateOnce(r.inputs, m[0], m[1]);
                    const key = countKey(r.type);
                    resources.push({
                        token: tokensOf[j],
                        providerVersion: r.providerVersion,
                        countAs: m !== undefined ? key : undefined,
                        inputs: indexRefs(inputs ?? {}, indexOf),
                    });
                });
            }
            return { mode, stackTags, policyConfig, resources };
        });
}
