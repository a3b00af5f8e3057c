// Policy-pack configuration: every setting's schema is as strict as JSON Schema allows, so the Pulumi
// CLI — and the checker's reconcilePolicyConfig, which validates the same way — rejects bad config
// before anything runs, naming the key. What a schema cannot express (a prefix that matches the
// pattern but is no address, CIDR or service tag) is one mandatory violation naming the key, on the
// stack. Valid settings pass Configure through the engine protocol.
import Ajv from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { AnalyzerClient, AnalyzerInfo } from "../../checker/engine/analyzer-client";
import { evaluate } from "../../checker/engine/evaluate";
import { PolicyConfigError, reconcilePolicyConfig } from "../../checker/engine/policy-config";
import { addDays, today } from "../../policy-pack/src/engine/days";
import { pack } from "../harness/pack";
import { plan, resource } from "../harness/stack";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER = "11111111-2222-3333-4444-555555555555";
const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

const GOOD_PREFIXES: unknown[] = [[], ["203.0.113.10/32"], ["198.51.100.0/24", "AzureCloud.WestEurope", "2001:db8::/32", " 10.0.0.0/8 "]];
const BAD_PREFIXES: unknown[] = ["203.0.113.10/32", [""], ["not a prefix"], ["203.0.113.10;rm -rf"], [`${"1".repeat(65)}`], ["10.0.0.0/8", "10.0.0.0/8"], [42], [null], {}];
const GOOD_PORTS: unknown[] = [[22], [22, 2222, 65535], [1]];
const BAD_PORTS: unknown[] = [[], [0], [65536], [-22], [22, 22], ["22"], [22.5], "22", [null]];
const GUID_GOOD: unknown[] = [[], [TENANT], [TENANT.toUpperCase(), OTHER]];
const GUID_BAD: unknown[] = [TENANT, ["common"], [`{${TENANT}}`], [`${TENANT} `], [TENANT.replace(/-/g, "")], [TENANT, TENANT], [42], ["https://login.microsoftonline.com/" + TENANT]];
const GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
const HELPDESK_ADMIN = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
/** Directory role template ids: GUIDs only, never role names or Graph paths. */
const ROLE_TEMPLATES = {
    good: [[], [GLOBAL_ADMIN], [GLOBAL_ADMIN.toUpperCase(), HELPDESK_ADMIN]],
    bad: [GLOBAL_ADMIN, ["Global Administrator"], [`/directoryRoleTemplates/${GLOBAL_ADMIN}`], [`${GLOBAL_ADMIN} `], [GLOBAL_ADMIN, GLOBAL_ADMIN], [null], [7]],
};
const ATTESTED = { id: "CA001 - Admins (phishing-resistant)", appliesTo: [GLOBAL_ADMIN], requires: ["phishingResistant"] };

const EXEMPTION = { resources: ["jumpNsg"], expires: addDays(today(), 30), category: "waiver", reason: "Bastion rollout" };
/** Every policy takes exemptions (what a schema cannot say about their dates: test/checker/exemptions.test.ts). */
const EXEMPTIONS = {
    exemptions: {
        good: [[], [EXEMPTION], [{ ...EXEMPTION, resources: ["urn:pulumi:prod::*", "jump*"], category: "mitigated", reference: "SEC-42" }, EXEMPTION]],
        bad: [
            EXEMPTION,
            [{ ...EXEMPTION, expires: "2027-1-31" }],
            [{ ...EXEMPTION, expires: "2027-13-01" }],
            [{ ...EXEMPTION, reason: "" }],
            [{ ...EXEMPTION, reason: " \t" }],
            [{ ...EXEMPTION, reason: "x".repeat(301) }],
            [{ ...EXEMPTION, category: "Waiver" }],
            [{ ...EXEMPTION, resources: [] }],
            [{ ...EXEMPTION, resources: "jumpNsg" }],
            [{ ...EXEMPTION, resources: ["jump Nsg"] }],
            [{ ...EXEMPTION, resources: ["jumpNsg", "jumpNsg"] }],
            [{ ...EXEMPTION, reference: "" }],
            [{ ...EXEMPTION, owner: "me" }],
            [{ resources: ["jumpNsg"], expires: EXEMPTION.expires, category: "waiver" }],
            [EXEMPTION, EXEMPTION],
            [null],
        ],
    },
    maxExemptionDays: { good: [1, 90, 3650], bad: [0, -1, 3651, 1.5, "90", null] },
};

/** Valid and invalid values per policy and setting: every key of every policy. */
const POLICY_SETTINGS: Record<string, Record<string, { good: unknown[]; bad: unknown[] }>> = {
    "no-direct-rdp": { allowedSourcePrefixes: { good: GOOD_PREFIXES, bad: BAD_PREFIXES } },
    "no-direct-management-ports": {
        ports: { good: GOOD_PORTS, bad: BAD_PORTS },
        allowedSourcePrefixes: { good: GOOD_PREFIXES, bad: BAD_PREFIXES },
    },
    "vm-not-directly-reachable": {
        ports: { good: [...GOOD_PORTS, [3389, 22, 5985, 5986]], bad: BAD_PORTS },
        allowedSourcePrefixes: { good: GOOD_PREFIXES, bad: BAD_PREFIXES },
    },
    "vpn-gateway-entra-auth": { allowedTenantIds: { good: GUID_GOOD, bad: GUID_BAD } },
    "admin-rbac-privileged-principals": {
        privilegedPrincipalIds: { good: GUID_GOOD, bad: GUID_BAD },
        specializedPrincipalIds: { good: GUID_GOOD, bad: GUID_BAD },
        adminRoleDefinitionIds: {
            good: [[], [OWNER], [`/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`, `/subscriptions/${OTHER}/providers/microsoft.authorization/ROLEDEFINITIONS/${TENANT}`]],
            bad: [OWNER, ["Owner"], [`garbage/${OWNER}`], [`/providers/Microsoft.Authorization/roleDefinitions/${OWNER}/`], [`{${OWNER}}`], [OWNER, OWNER], [7]],
        },
    },
    "privileged-jit-access": {
        maxEligibilityDays: { good: [1, 90, 365, 3650], bad: [0, -1, 3651, 1.5, "365", null, [365]] },
        allowedSourcePrefixes: { good: GOOD_PREFIXES, bad: BAD_PREFIXES },
    },
    "conditional-access-admin-policies": {
        breakGlassPrincipalIds: { good: GUID_GOOD, bad: GUID_BAD },
        attestedPolicies: {
            good: [
                [],
                [ATTESTED],
                [
                    { id: "tenant.baseline_01", appliesTo: ["All"], requires: ["mfa", "compliantDevice"] },
                    { id: "CA002", appliesTo: ["all", HELPDESK_ADMIN.toUpperCase()], requires: ["mfa"] },
                ],
            ],
            bad: [
                ATTESTED,
                [{ appliesTo: ["All"], requires: ["mfa"] }],
                [{ ...ATTESTED, id: "" }],
                [{ ...ATTESTED, id: "CA001; drop" }],
                [{ ...ATTESTED, id: "x".repeat(81) }],
                [{ ...ATTESTED, appliesTo: [] }],
                [{ ...ATTESTED, appliesTo: ["Global Administrator"] }],
                [{ ...ATTESTED, appliesTo: "All" }],
                [{ ...ATTESTED, requires: [] }],
                [{ ...ATTESTED, requires: ["MFA"] }],
                [{ ...ATTESTED, requires: ["block"] }],
                [{ ...ATTESTED, level: "privileged" }],
                ["CA001"],
            ],
        },
        // `true` reports every uncovered admin role on the stack by design: tested on its own below.
        requireCoverage: { good: [false], bad: ["true", 1, null, [true]] },
        privilegedRoleTemplateIds: ROLE_TEMPLATES,
        adminRoleTemplateIds: ROLE_TEMPLATES,
    },
    "entra-privileged-roles": {
        privilegedPrincipalIds: { good: GUID_GOOD, bad: GUID_BAD },
        specializedPrincipalIds: { good: GUID_GOOD, bad: GUID_BAD },
        breakGlassPrincipalIds: { good: GUID_GOOD, bad: GUID_BAD },
        standingAccessPrincipalIds: { good: GUID_GOOD, bad: GUID_BAD },
        pimEnrolledGroupIds: { good: GUID_GOOD, bad: GUID_BAD },
        maxEligibilityDays: { good: [1, 90, 365, 3650], bad: [0, -1, 3651, 1.5, "365", null, [365]] },
        privilegedRoleTemplateIds: ROLE_TEMPLATES,
        adminRoleTemplateIds: ROLE_TEMPLATES,
    },
    "vm-entra-login": {},
    "bastion-hardening": {},
    "app-publishing-entra-auth": {},
    "app-proxy-entra-publishing": {},
};
const SETTINGS = Object.fromEntries(Object.entries(POLICY_SETTINGS).map(([policy, keys]) => [policy, { ...keys, ...EXEMPTIONS }]));

/** Policies whose `allowedSourcePrefixes` entries a schema can only shape, not parse. */
const PREFIX_POLICIES = Object.entries(SETTINGS).filter(([, keys]) => "allowedSourcePrefixes" in keys).map(([name]) => name);

const GUID_LIKE = /Ids$/;

let client: AnalyzerClient;
let info: AnalyzerInfo;

beforeAll(async () => {
    client = await pack();
    info = await client.getAnalyzerInfo();
});

function reconcileError(config: unknown): string | undefined {
    try {
        reconcilePolicyConfig(info, config);
        return undefined;
    } catch (err) {
        expect(err).toBeInstanceOf(PolicyConfigError);
        return (err as Error).message;
    }
}

describe("policy config schemas", () => {
    it("cover exactly the settings tested here", () => {
        const declared = Object.fromEntries(
            info.policies.filter((p) => Object.keys(p.configSchema?.properties ?? {}).length > 0).map((p) => [p.name, Object.keys(p.configSchema!.properties).sort()]),
        );
        expect(declared).toEqual(Object.fromEntries(Object.entries(SETTINGS).map(([name, keys]) => [name, Object.keys(keys).sort()])));
    });

    it("give every setting a type, a description and a default that passes its own schema", () => {
        const ajv = new Ajv({ strict: false });
        const problems: string[] = [];
        for (const p of info.policies) {
            for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
                const where = `${p.name}.${key}`;
                if (typeof schema.type !== "string") problems.push(`${where}: no type`);
                if (typeof schema.description !== "string" || schema.description.length < 20) problems.push(`${where}: no description`);
                if (!("default" in schema) || !ajv.validate(schema, schema.default)) problems.push(`${where}: no valid default`);
                if (schema.type === "array") {
                    if (schema.uniqueItems !== true) problems.push(`${where}: uniqueItems not set`);
                    const items = schema.items ?? {};
                    if (typeof items.type !== "string") problems.push(`${where}: items have no type`);
                    if (items.type === "string" && typeof items.pattern !== "string") problems.push(`${where}: string items have no pattern`);
                    if (items.type === "integer" && (typeof items.minimum !== "number" || typeof items.maximum !== "number")) problems.push(`${where}: integer items unbounded`);
                    if (GUID_LIKE.test(key) && !/\[0-9a-fA-F\]\{8\}-/.test(String(items.pattern))) problems.push(`${where}: ids without a GUID pattern`);
                }
                if (schema.type === "integer" && (typeof schema.minimum !== "number" || typeof schema.maximum !== "number")) problems.push(`${where}: unbounded integer`);
            }
        }
        expect(problems).toEqual([]);
    });
});

describe.each(Object.entries(SETTINGS).flatMap(([policy, keys]) => Object.entries(keys).map(([key, values]) => ({ policy, key, ...values }))))(
    "$policy.$key",
    ({ policy, key, good, bad }) => {
        it("accepts valid values, which pass Configure and report nothing on the stack", async () => {
            for (const value of good) {
                const config = { [policy]: { [key]: value } };
                expect(reconcileError(config)).toBeUndefined();
                // Every policy takes the same exemption settings: one policy runs them through the pack.
                if (key in EXEMPTIONS && policy !== "no-direct-rdp") {
                    continue;
                }
                const stack = `config-${policy}-${key}`;
                const result = await evaluate(client, plan([resource("azure-native:resources:ResourceGroup", "rg", { resourceGroupName: "rg" })], { stack }), { stack, policyConfig: config });
                expect(result.findings.filter((f) => f.policyName === policy && f.urn === "")).toEqual([]);
            }
        });

        it("rejects invalid values before anything runs, naming the key", () => {
            for (const value of bad) {
                expect(reconcileError({ [policy]: { [key]: value } }), JSON.stringify(value)).toContain(`"${policy}.${key}`);
            }
        });
    },
);

describe("policy config outside the schemas", () => {
    it("rejects unknown settings and enforcement levels, naming them", () => {
        expect(reconcileError({ "no-direct-rdp": { allowedSourcePrefix: [] } })).toContain('"no-direct-rdp.allowedSourcePrefix"');
        expect(reconcileError({ "bastion-hardening": { enableShareableLink: false } })).toContain('"bastion-hardening.enableShareableLink"');
        expect(reconcileError({ "no-direct-rdp": "warn" })).toContain('"no-direct-rdp"');
        expect(reconcileError({ "vm-entra-login": { enforcementLevel: "Mandatory" } })).toContain('"vm-entra-login.enforcementLevel"');
        expect(reconcileError({ all: "strict" })).toContain('"all"');
        expect(reconcileError({ "no-such-policy": "mandatory" })).toContain('"no-such-policy"');
    });

    it("conditional-access-admin-policies.requireCoverage: true is accepted, and a stack without a policy gets one mandatory gap per admin role, on the stack", async () => {
        const policy = "conditional-access-admin-policies";
        const config = { [policy]: { requireCoverage: true } };
        expect(reconcileError(config)).toBeUndefined();
        const stack = "config-require-coverage";
        const result = await evaluate(client, plan([resource("azure-native:resources:ResourceGroup", "rg", { resourceGroupName: "rg" })], { stack }), { stack, policyConfig: config });
        const mine = result.findings.filter((f) => f.policyName === policy);
        // 12 privileged and 7 other admin directory roles by default.
        expect(mine.map((f) => [f.urn, f.enforcementLevel])).toEqual(Array.from({ length: 19 }, () => ["", "mandatory"]));
        expect(mine.some((f) => f.message.includes("Conditional Access for Global Administrator"))).toBe(true);
    });

    it.each(PREFIX_POLICIES)("%s: a prefix the schema lets through but no parser reads is one mandatory violation on the stack, naming the key", async (policy) => {
        const config = { [policy]: { allowedSourcePrefixes: ["198.51.100.0/24", "10.0.0.0/33"] } };
        expect(reconcileError(config)).toBeUndefined();
        const stack = `config-prefix-${policy}`;
        const result = await evaluate(client, plan([resource("azure-native:resources:ResourceGroup", "rg", { resourceGroupName: "rg" })], { stack }), { stack, policyConfig: config });
        const mine = result.findings.filter((f) => f.policyName === policy);
        expect(mine.map((f) => [f.urn, f.enforcementLevel])).toEqual([["", "mandatory"]]);
        expect(mine[0].message).toContain("allowedSourcePrefixes[1]");
        expect(mine[0].message).not.toContain("10.0.0.0/33");
    });
});
