// PAG-010: Conditional Access for admins. Each policy that targets admins must not undo itself
// (OR-bypass, excluded admin roles, guests or unlisted accounts, narrowing conditions), and since
// Conditional Access is additive the enabled policies together — plus tenant policies attested in
// config — must demand of every admin role named, on the admin interfaces, what its level requires:
// MFA; a trusted device at specialized; phishing-resistant strength at privileged. Interfaces of the
// stack (App Proxy apps, published apps, P2S VPN audiences) should be covered too (advisory).
import { ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { atLeast, levelFromTags, ResolvedLevel, SECURITY_LEVELS, SecurityLevel } from "../engine/levels";
import { InputRecordingStackPolicy, recordInputsOf } from "../engine/memory";
import { list, msg, safe, Safe } from "../engine/messages";
import { exemptible } from "../engine/exemptible";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { Reporter, reporter, reportLevelProblem } from "../engine/report";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { getPath } from "../engine/values";
import { isAppProxyApp } from "../azure/app-proxy";
import {
    ADMIN_INTERFACES,
    allOf,
    attestedDemands,
    CapFacts,
    capFacts,
    contribution,
    coversApp,
    Demand,
    DEMAND_TEXT,
    Demands,
    includesAllUsers,
    includesWord,
    orBypass,
    requiredDemands,
} from "../azure/conditional-access";
import { DirectoryRoleCatalogue, directoryRoleConfigSchema, DirectoryRoleConfig, raisedLevel, RoleTier } from "../azure/directory-roles";
import { canonicalGuid, GUID_PATTERN, guidListSchema, guidSet } from "../azure/roles";
import { app, azuread, network, web } from "../azure/types";

export const metadata: PolicyMetadata = {
    id: "PAG-010",
    name: "conditional-access-admin-policies",
    description:
        "Conditional Access policies for admins cannot be bypassed, and together they demand of every admin role, on the Azure management API and admin portals, what its security level requires: MFA, a trusted device at the specialized level, and phishing-resistant authentication at the privileged level.",
    severity: "critical",
    url: SEED_URLS.interfaces,
    remediationSteps:
        "For every admin directory role, keep an enabled azuread.ConditionalAccessPolicy on includedApplications All (or 797f4846-ba00-4fd7-ba43-dac1f8f63013 and MicrosoftAdminPortals) with no narrowing conditions, whose grant (operator AND) requires MFA; at the specialized level also compliantDevice or domainJoinedDevice; at the privileged level the built-in phishing-resistant strength (authenticationStrengthPolicyId /policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000004) or a strength that allows only windowsHelloForBusiness, fido2 and x509CertificateMultiFactor. Exclude only the break-glass accounts listed in breakGlassPrincipalIds, and attest tenant policies managed elsewhere in attestedPolicies.",
    mcsb: ["IM-7", "PA-1", "PA-3"],
    cis: ["5.2.2.1", "5.2.2.5"],
};

const REQUIRE_WORDS = ["mfa", "phishingResistant", "compliantDevice"] as const;

interface AttestedPolicy {
    id: string;
    appliesTo: string[];
    requires: (typeof REQUIRE_WORDS)[number][];
}

export interface ConditionalAccessConfig extends DirectoryRoleConfig {
    breakGlassPrincipalIds: string[];
    attestedPolicies: AttestedPolicy[];
    requireCoverage: boolean;
}

/** A policy in a message: its resource name, with the state when it is not enforced. */
const capName = (f: CapFacts) => safe.name(f.resource.name);
const levelWord = (level: SecurityLevel) => safe.word(level, SECURITY_LEVELS);

function describeDemands(demands: readonly Demand[]): Safe {
    return list(demands.map((d) => safe.literal(DEMAND_TEXT[d])));
}

interface Context {
    view: StackView;
    report: Reporter;
    catalogue: DirectoryRoleCatalogue;
    stack: ResolvedLevel;
    breakGlass: ReadonlySet<string>;
    attested: AttestedPolicy[];
    requireCoverage: boolean;
}

/** The admin roles a policy includes, with their tiers; `unknown` when includedRoles cannot be known. */
function adminRolesOf(ctx: Context, f: CapFacts): { templateId: string; tier: RoleTier }[] | "unknown" {
    const roles = f.targets.includedRoles;
    if (roles.kind === "unknown") {
        return "unknown";
    }
    return roles.values
        .map((v) => canonicalGuid(v))
        .filter((g): g is string => g !== undefined)
        .map((templateId) => ({ templateId, tier: ctx.catalogue.tierOf(templateId) }))
        .filter((r) => r.tier !== "none");
}

function targetsAdminApps(f: CapFacts): boolean {
    return includesAllUsers(f.targets) && ADMIN_INTERFACES.some((a) => includesWord(f.targets.includedApplications, a.key) || includesWord(f.targets.includedApplications, "all"));
}

/** Integrity of one admin-targeting policy: what in it lets an admin sign in with less than its grant. */
function checkIntegrity(ctx: Context, f: CapFacts, level: SecurityLevel): void {
    const name = capName(f);
    // A state unknown during preview (or malformed) may be enabled: its findings follow the usual rules.
    const enforced = f.state !== "reportOnly" && f.state !== "disabled";
    const privileged = level === "privileged";
    // `malformed`: the finding rests on a value that cannot be interpreted, so it is never exempted.
    const report = (message: Safe, unknown = false, malformed = false) =>
        ctx.report({ urn: f.resource.urn, message, advisory: !enforced || (unknown && !privileged), kind: malformed ? "malformed" : undefined });
    const at = msg`Conditional Access policy ${name} targets admins (${levelWord(level)} level)`;

    if (f.state === "reportOnly" || f.state === "disabled") {
        ctx.report({
            urn: f.resource.urn,
            message: msg`${at} but is not enforced (state ${safe.literal(f.state === "reportOnly" ? "enabledForReportingButNotEnforced" : "disabled")}): it protects nothing and counts for no coverage. Set state to enabled once its report-only results are reviewed.`,
            advisory: true,
        });
    } else if (f.state !== "enabled") {
        report(
            f.state === "unknown"
                ? msg`${at}; its state cannot be known during preview, so it may not be enforced. Set state to enabled.`
                : msg`${at}; its state is not one of enabled, enabledForReportingButNotEnforced or disabled. Set state to enabled.`,
            f.state === "unknown",
            f.state === "invalid",
        );
    }
    const bypass = orBypass(f.grant);
    if (bypass) {
        report(
            msg`${at}, but its grant (operator OR) lets ${list(bypass.weaker.map((c) => c.text), "or")} replace ${list(bypass.mfa.map((c) => c.text), "or")}: an admin can sign in without multifactor authentication. Set grantControls.operator to AND, or move the other controls to a policy of their own.`,
            false,
            f.grant.operatorMalformed === true || [...bypass.mfa, ...bypass.weaker].some((c) => c.malformed),
        );
    } else if (f.grant.operator === "unknown" && f.grant.controls.length > 1) {
        report(msg`${at}; its grantControls.operator cannot be known during preview, so an OR could let a weaker control replace MFA. Set operator to AND.`, true);
    }
    const excludedRoles = f.targets.excludedRoles;
    if (excludedRoles.kind === "unknown") {
        report(msg`${at}; its excludedRoles cannot be known during preview and may exclude an admin role. Exclude no admin role.`, true);
    } else {
        for (const v of excludedRoles.values) {
            const id = canonicalGuid(v);
            if (id && ctx.catalogue.tierOf(id) !== "none") {
                report(msg`${at} but excludes ${ctx.catalogue.role(id).text} (conditions.users.excludedRoles), whose holders then skip it. Remove the role from excludedRoles.`);
            }
        }
    }
    if (f.targets.excludedGuests !== false) {
        report(
            f.targets.excludedGuests === "unknown"
                ? msg`${at}; its excludedGuestsOrExternalUsers cannot be known during preview. Exclude no guests or external users from an admin policy.`
                : msg`${at} but excludes guests or external users (conditions.users.excludedGuestsOrExternalUsers), so a guest holding an admin role skips it. Remove the exclusion.`,
            f.targets.excludedGuests === "unknown",
        );
    }
    for (const key of ["excludedUsers", "excludedGroups"] as const) {
        const excluded = f.targets[key];
        const path = safe.path(`conditions.users.${key}`);
        if (excluded.kind === "unknown") {
            report(msg`${at} but excludes accounts in ${path} whose ids cannot be known during preview, so they cannot be listed in breakGlassPrincipalIds. Exclude only the break-glass accounts listed in breakGlassPrincipalIds, by their object ids.`);
            continue;
        }
        for (const v of excluded.values) {
            const id = canonicalGuid(v);
            if (id === undefined || !ctx.breakGlass.has(id)) {
                const who = id ? msg`account ${safe.guid(id)}` : msg`an entry that is not an object id`;
                report(
                    msg`${at} but excludes ${who} (${path}), which is not listed in breakGlassPrincipalIds. Exclude only the break-glass accounts, and list them there.`,
                    false,
                    id === undefined,
                );
            }
        }
    }
    if (f.targets.excludedApplications.kind === "unknown") {
        report(msg`${at}; its excludedApplications cannot be known during preview and may exclude an admin interface. Exclude no admin interface.`, true);
    } else {
        for (const a of ADMIN_INTERFACES) {
            if (includesWord(f.targets.excludedApplications, a.key)) {
                report(msg`${at} but excludes ${a.text} (conditions.applications.excludedApplications), the admin interface it protects. Remove it from excludedApplications.`);
            }
        }
    }
    if (!f.grant.block) {
        for (const n of f.narrowing) {
            report(
                msg`${at}; ${n.path} narrows it to some sign-ins (${n.text}), so admins outside that condition skip the grant. Remove the condition, or put it in a separate block policy.`,
                n.unknown,
            );
        }
    }
}

interface Applicable {
    name: Safe;
    demands: Demands;
}

/** The policies that apply to holders of `templateId` on `appKey`, and what each demands. */
function applicableTo(ctx: Context, facts: readonly CapFacts[], templateId: string, appKey: string): Applicable[] {
    const found: Applicable[] = [];
    for (const f of facts) {
        if (f.state !== "enabled" || !coversApp(f.targets, appKey)) {
            continue;
        }
        const t = f.targets;
        const includesRole = includesAllUsers(t) || includesWord(t.includedRoles, templateId);
        if (!includesRole || includesWord(t.excludedRoles, templateId) || t.excludedRoles.kind === "unknown") {
            continue;
        }
        found.push({ name: capName(f), demands: contribution(f) });
    }
    for (const a of ctx.attested) {
        const applies = a.appliesTo.some((x) => x.toLowerCase() === "all" || canonicalGuid(x) === templateId);
        if (applies) {
            found.push({ name: msg`attested policy ${safe.name(a.id)}`, demands: attestedDemands(a.requires) });
        }
    }
    return found;
}

/** Coverage of each admin role on each admin interface by the combined demands of the policies. */
function checkCoverage(ctx: Context, facts: readonly CapFacts[]): void {
    const namers = new Map<string, CapFacts[]>();
    for (const f of facts) {
        // A policy that may be enabled names its roles (it counts toward coverage only when it is).
        if (f.state === "reportOnly" || f.state === "disabled") {
            continue;
        }
        const roles = adminRolesOf(ctx, f);
        for (const r of roles === "unknown" ? [] : roles) {
            namers.set(r.templateId, [...(namers.get(r.templateId) ?? []), f]);
        }
    }
    const roles = ctx.requireCoverage ? [...new Set([...namers.keys(), ...ctx.catalogue.adminTemplateIds()])] : [...namers.keys()];
    for (const templateId of roles) {
        const role = ctx.catalogue.role(templateId);
        const level = raisedLevel(ctx.stack, [role.tier]);
        const required = requiredDemands(level);
        const gaps: { app: Safe; missing: Demand[]; unknown: boolean; considered: Safe[] }[] = [];
        for (const a of ADMIN_INTERFACES) {
            const applicable = applicableTo(ctx, facts, templateId, a.key);
            const combined = allOf(applicable.map((p) => p.demands));
            const missing = required.filter((d) => !combined.known.has(d));
            if (missing.length > 0) {
                gaps.push({ app: a.text, missing, unknown: missing.every((d) => combined.possible.has(d)), considered: applicable.map((p) => p.name) });
            }
        }
        if (gaps.length === 0) {
            continue;
        }
        // One finding per role: the two interfaces usually share the gap.
        const sameGap = gaps.length === 2 && gaps[0].missing.join() === gaps[1].missing.join() && gaps[0].considered.join() === gaps[1].considered.join();
        const parts = (sameGap ? [{ ...gaps[0], app: msg`${gaps[0].app} and ${gaps[1].app}` }] : gaps).map(
            (g) =>
                msg`on ${g.app} they do not demand ${describeDemands(g.missing)}${g.unknown ? safe.literal(" for certain (a value cannot be known during preview)") : safe.literal("")} (policies considered: ${
                    g.considered.length > 0 ? list(g.considered) : safe.literal("none")
                })`,
        );
        const unknown = gaps.every((g) => g.unknown);
        const message = msg`Conditional Access for ${role.text} (${levelWord(level)} level, which requires ${describeDemands(required)}) falls short: ${list(parts, "and")}. Conditional Access is additive: add or strengthen an enabled policy for the role without narrowing conditions, or attest a tenant policy in attestedPolicies.`;
        const advisory = unknown && level !== "privileged";
        const where = namers.get(templateId) ?? [];
        if (where.length === 0) {
            ctx.report({ message, advisory });
        }
        for (const f of where) {
            ctx.report({ urn: f.resource.urn, message, advisory });
        }
    }
}

interface Interface {
    resource: StackResource;
    what: Safe;
    level: ResolvedLevel;
    /** The Entra client id, when known, and the resources it comes from. */
    clientId?: string;
    sources: ReadonlySet<string>;
}

function interfaceOf(view: StackView, r: StackResource, what: Safe, property: string, path: string[], level: ResolvedLevel): Interface | undefined {
    const value = getPath(propsOf(r), path);
    if (value === undefined || value === null) {
        return undefined;
    }
    return {
        resource: r,
        what,
        level,
        clientId: canonicalGuid(value),
        sources: new Set(view.dependenciesOf(r, property).map((d) => d.urn)),
    };
}

/** Interfaces of the stack an admin signs in to through Entra: App Proxy apps, published apps, P2S VPN. */
function interfacesOf(view: StackView, stackTags: StackValidationArgs["stackTags"]): Interface[] {
    const found: (Interface | undefined)[] = [];
    const stackLevel = levelFromTags(undefined, stackTags);
    for (const sp of view.ofType(azuread.ServicePrincipal)) {
        if (isAppProxyApp(propsOf(sp)) === true) {
            found.push(interfaceOf(view, sp, msg`Application Proxy app ${safe.name(sp.name)}`, "clientId", ["clientId"], stackLevel));
        }
    }
    for (const r of view.ofType(web.WebAppAuthSettingsV2, web.WebAppAuthSettingsV2Slot, app.ContainerAppsAuthConfig)) {
        const level = view.levelOf(r, ["name", "containerAppName"]);
        found.push(
            interfaceOf(view, r, msg`published app sign-in ${safe.name(r.name)}`, "identityProviders", ["identityProviders", "azureActiveDirectory", "registration", "clientId"], level),
        );
    }
    for (const r of view.ofType(network.VirtualNetworkGateway)) {
        const level = levelFromTags(propsOf(r).tags, stackTags);
        found.push(interfaceOf(view, r, msg`VPN gateway ${safe.name(r.name)}`, "vpnClientConfiguration", ["vpnClientConfiguration", "aadAudience"], level));
    }
    return found.filter((i): i is Interface => i !== undefined && atLeast(i.level.level, "specialized"));
}

/** Whether an enabled policy (or an attested one for All) demands what the interface's level requires. */
function checkInterfaces(ctx: Context, facts: readonly CapFacts[], stackTags: StackValidationArgs["stackTags"]): void {
    const interfaces = interfacesOf(ctx.view, stackTags);
    if (interfaces.length === 0) {
        return;
    }
    // What each policy's conditions come from, read once for all interfaces.
    const conditionSources = new Map(facts.map((f) => [f, new Set(ctx.view.dependenciesOf(f.resource, "conditions").map((d) => d.urn))]));
    for (const i of interfaces) {
        const required = requiredDemands(i.level.level);
        const applicable = facts.filter((f) => {
            if (f.state !== "enabled" || f.targets.includedApplications.kind !== "words") {
                return false;
            }
            const names = includesWord(f.targets.includedApplications, "all") || (i.clientId !== undefined && includesWord(f.targets.includedApplications, i.clientId));
            const sources = conditionSources.get(f)!;
            const viaStack = sources.has(i.resource.urn) || [...i.sources].some((urn) => sources.has(urn));
            const excluded = i.clientId !== undefined && includesWord(f.targets.excludedApplications, i.clientId);
            return (names || viaStack) && !excluded;
        });
        const demands = allOf([
            ...applicable.map(contribution),
            ...ctx.attested.filter((a) => a.appliesTo.some((x) => x.toLowerCase() === "all")).map((a) => attestedDemands(a.requires)),
        ]);
        const missing = required.filter((d) => !demands.known.has(d));
        if (missing.length === 0) {
            continue;
        }
        ctx.report({
            urn: i.resource.urn,
            message: msg`${i.what} is a ${levelWord(i.level.level)} interface, but no enabled Conditional Access policy of this stack that names its app (or All) demands ${describeDemands(missing)}. Name its client id in a policy's includedApplications that requires ${describeDemands(required)}, or attest the tenant policy that does in attestedPolicies.`,
            advisory: !ctx.requireCoverage,
        });
    }
}

export function validateConditionalAccess(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const view = StackView.of(args);
    const config = args.getConfig<Partial<ConditionalAccessConfig>>();
    const caps = view.ofType(azuread.ConditionalAccessPolicy);
    const requireCoverage = config.requireCoverage === true;
    if (caps.length === 0 && !requireCoverage) {
        return;
    }
    const report = reporter(reportViolation);
    const stack = levelFromTags(undefined, args.stackTags);
    const ctx: Context = {
        view,
        report,
        catalogue: new DirectoryRoleCatalogue(config),
        stack,
        breakGlass: guidSet(config.breakGlassPrincipalIds),
        attested: Array.isArray(config.attestedPolicies) ? config.attestedPolicies : [],
        requireCoverage,
    };
    reportLevelProblem(report, undefined, stack);
    const facts = caps.map((cap) => capFacts(view, cap));
    for (const f of facts) {
        const roles = adminRolesOf(ctx, f);
        const tiers: RoleTier[] = roles === "unknown" ? [] : roles.map((r) => r.tier);
        const usersUnknown = f.targets.includedUsers.kind === "unknown" || f.targets.includedApplications.kind === "unknown";
        if (roles === "unknown" || (usersUnknown && tiers.length === 0)) {
            const which = roles === "unknown" ? safe.literal("conditions.users.includedRoles") : safe.literal("conditions.users.includedUsers or conditions.applications.includedApplications");
            report({
                urn: f.resource.urn,
                message: msg`Conditional Access policy ${capName(f)}: ${which} cannot be known during preview, so it cannot be told whether the policy targets admins and holds up. Name users, roles and apps with values known before deployment (template ids, All).`,
                advisory: stack.level !== "privileged",
            });
            continue;
        }
        if (tiers.length === 0 && !targetsAdminApps(f)) {
            continue;
        }
        checkIntegrity(ctx, f, raisedLevel(stack, tiers.length > 0 ? tiers : ["admin"]));
    }
    checkCoverage(ctx, facts);
    checkInterfaces(ctx, facts, args.stackTags);
}

export const conditionalAccessAdminPolicies: InputRecordingStackPolicy = exemptible(metadata, {
    ...policyFields(metadata),
    configSchema: {
        properties: {
            breakGlassPrincipalIds: guidListSchema("Object ids of the emergency-access (break-glass) accounts or groups that admin policies may exclude."),
            attestedPolicies: {
                type: "array",
                default: [],
                uniqueItems: true,
                description:
                    "Conditional Access policies managed outside this stack that the tenant enforces, attested by the team: each counts toward coverage of the roles it applies to.",
                items: {
                    type: "object",
                    required: ["id", "appliesTo", "requires"],
                    additionalProperties: false,
                    properties: {
                        id: { type: "string", pattern: "^[A-Za-z0-9._()\\- ]{1,80}$", description: "The policy's id or name, shown in messages." },
                        appliesTo: {
                            type: "array",
                            minItems: 1,
                            items: { type: "string", pattern: `(${GUID_PATTERN})|^[Aa][Ll][Ll]$` },
                            description: "Role template ids it applies to, or All.",
                        },
                        requires: { type: "array", minItems: 1, items: { type: "string", enum: [...REQUIRE_WORDS] }, description: "What it demands of every sign-in." },
                    },
                },
            },
            requireCoverage: {
                type: "boolean",
                default: false,
                description:
                    "Require coverage of every admin role (not only those the stack's policies name) and make the interface check mandatory: for a stack that holds the tenant's whole Conditional Access baseline.",
            },
            ...directoryRoleConfigSchema(),
        },
    },
    validateResource: recordInputsOf([
        azuread.ConditionalAccessPolicy,
        azuread.AuthenticationStrengthPolicy,
        azuread.ServicePrincipal,
        web.WebAppAuthSettingsV2,
        web.WebAppAuthSettingsV2Slot,
        app.ContainerAppsAuthConfig,
        network.VirtualNetworkGateway,
    ]),
    validateStack: validateConditionalAccess,
});

