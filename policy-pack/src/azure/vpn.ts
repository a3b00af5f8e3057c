// Point-to-site VPN settings and what Azure makes of them, whatever the provider: a virtual network
// gateway's `vpnClientConfiguration`, or a Virtual WAN `VpnServerConfiguration`. Where each provider
// keeps each setting is the adapters' knowledge (adapters/p2s.ts hands it over as a `P2sSpelling`).
// The seed asks that user VPNs authenticate with Microsoft Entra ID; on Azure that means the
// authentication types exactly `["AAD"]`, the tenant, audience and issuer of one tenant, and OpenVPN as
// the only tunnel protocol (Entra sign-in works only over OpenVPN). Site-to-site gateways have no
// point-to-site configuration and are not judged.
import { list, msg, safe, Safe } from "../engine/messages";
import { formatPath, getPath, isRecord, isUnknown, Props } from "../engine/values";
import { parseTenantUrl, TenantUrl } from "./entra-tenant";
import { malformed, Problem, undecided, violation } from "./problems";

export const VPN_AUTHENTICATION_TYPES = ["AAD", "Certificate", "Radius"] as const;
export type VpnAuthenticationType = (typeof VPN_AUTHENTICATION_TYPES)[number];
export const VPN_PROTOCOLS = ["OpenVPN", "IkeV2", "SSTP"] as const;

/**
 * How one provider spells the point-to-site settings of one resource kind, relative to the object
 * that holds them (an adapter's knowledge; see adapters/p2s.ts).
 */
export interface P2sSpelling {
    /** `vpnAuthenticationTypes` (azure-native, classic Virtual WAN), `vpnAuthTypes` (classic gateway). */
    authTypes: string;
    /** Where the Entra tenant, audience and issuer sit, and their names. */
    entra: { path: (string | number)[]; tenant: string; audience: string; issuer: string };
    /**
     * Left unset with Entra fields present, Azure infers Entra sign-in (the classic provider sends a
     * gateway's list empty unless the program sets it).
     */
    aadInferredWhenUnset: boolean;
    /** `vpnClientProtocols` on a gateway, `vpnProtocols` on Virtual WAN. */
    protocols: string;
    /** Properties whose presence makes Azure infer certificate or RADIUS authentication. */
    impliedBy: { key: string; type: VpnAuthenticationType }[];
}

/** The point-to-site settings of one resource, with the property names its provider uses. */
export interface P2sSettings {
    settings: Props;
    /** Path of `settings` inside the resource, e.g. `vpnClientConfiguration`; empty at the top level. */
    base: string;
    spelling: P2sSpelling;
    /** What Azure uses when the protocol list is left out. */
    protocolsDefault: Safe;
}

export type P2sConfig =
    | { kind: "none" }
    | { kind: "p2s"; settings: P2sSettings }
    | { kind: "problem"; problem: Problem };

/** Anything a user wrote: unknowns count, empty strings, lists and objects do not. */
function meaningful(value: unknown): boolean {
    if (isUnknown(value)) {
        return true;
    }
    if (value === undefined || value === null || value === "") {
        return false;
    }
    if (Array.isArray(value)) {
        return value.some(meaningful);
    }
    if (isRecord(value)) {
        return Object.values(value).some(meaningful);
    }
    return true;
}

const NOT_P2S_GATEWAY_TYPES = ["expressroute", "localgateway"];

/** Azure's protocols for a gateway's point-to-site clients when the list is left out. */
const GATEWAY_DEFAULT_PROTOCOLS = safe.literal("IkeV2 and SSTP");
const SERVER_CONFIGURATION_DEFAULT_PROTOCOLS = safe.literal("its default protocols rather than OpenVPN only");

/**
 * A virtual network gateway's point-to-site settings, under `vpnClientConfiguration` on both
 * providers; `gatewayTypeKey` names the gateway type (`gatewayType`, classic `type`).
 */
export function gatewayP2s(props: Props, gatewayTypeKey: string, spelling: P2sSpelling): P2sConfig {
    const gatewayType = props[gatewayTypeKey];
    if (typeof gatewayType === "string" && NOT_P2S_GATEWAY_TYPES.includes(gatewayType.trim().toLowerCase())) {
        return { kind: "none" };
    }
    const cfg = props.vpnClientConfiguration;
    if (isUnknown(cfg)) {
        return {
            kind: "problem",
            problem: undecided(
                msg`vpnClientConfiguration cannot be known during preview, so its point-to-site authentication cannot be checked.`,
            ),
        };
    }
    if (cfg === undefined || cfg === null) {
        return { kind: "none" };
    }
    if (!isRecord(cfg)) {
        return { kind: "problem", problem: malformed(msg`vpnClientConfiguration is not an object.`) };
    }
    if (!meaningful(cfg)) {
        return { kind: "none" };
    }
    return { kind: "p2s", settings: { settings: cfg, base: "vpnClientConfiguration", spelling, protocolsDefault: GATEWAY_DEFAULT_PROTOCOLS } };
}

/**
 * A Virtual WAN server configuration's settings: under `nestedKey` when the resource holds that
 * object (azure-native 3.x `properties`), else at the top level (older SDKs, the classic provider).
 * A server configuration exists only for point-to-site users, so it always applies.
 */
export function serverConfigurationP2s(props: Props, nestedKey: string | undefined, spelling: P2sSpelling): P2sConfig {
    const at = (settings: Props, base: string): P2sConfig => ({
        kind: "p2s",
        settings: { settings, base, spelling, protocolsDefault: SERVER_CONFIGURATION_DEFAULT_PROTOCOLS },
    });
    if (nestedKey === undefined) {
        return at(props, "");
    }
    const nested = props[nestedKey];
    const where = safe.path(nestedKey);
    if (isUnknown(nested)) {
        return {
            kind: "problem",
            problem: undecided(msg`${where} cannot be known during preview, so the point-to-site authentication cannot be checked.`),
        };
    }
    if (nested !== undefined && nested !== null && !isRecord(nested)) {
        return { kind: "problem", problem: malformed(msg`${where} is not an object.`) };
    }
    return isRecord(nested) ? at(nested, nestedKey) : at(props, "");
}

/** The object holding the Entra tenant, audience and issuer: a record, unknown, or anything else. */
function entraObject(s: P2sSettings): unknown {
    return getPath(s.settings, s.spelling.entra.path);
}

function pathOf(s: P2sSettings, ...keys: (string | number)[]): Safe {
    return safe.path(formatPath(s.base === "" ? keys : [s.base, ...keys]));
}

/** Where the Entra fields are, in the fix text: `aadTenant, aadAudience and aadIssuer in aadAuthenticationParameters`. */
function entraFieldsText(s: P2sSettings): Safe {
    const { path, tenant, audience, issuer } = s.spelling.entra;
    const fields = list([tenant, audience, issuer].map(safe.path));
    return path.length === 0 ? fields : msg`${fields} in ${safe.path(formatPath(path))}`;
}

type WordList<T extends string> =
    | { kind: "unset" }
    | { kind: "unknown" }
    | { kind: "malformed" }
    | { kind: "list"; words: T[]; unknownAt: number[]; unrecognisedAt: number[] };

function readWords<T extends string>(value: unknown, allowed: readonly T[]): WordList<T> {
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
        return { kind: "unset" };
    }
    if (!Array.isArray(value)) {
        return { kind: "malformed" };
    }
    const words: T[] = [];
    const unknownAt: number[] = [];
    const unrecognisedAt: number[] = [];
    value.forEach((v, i) => {
        if (isUnknown(v)) {
            unknownAt.push(i);
            return;
        }
        const word = typeof v === "string" ? allowed.find((a) => a.toLowerCase() === v.trim().toLowerCase()) : undefined;
        if (word === undefined) {
            unrecognisedAt.push(i);
        } else if (!words.includes(word)) {
            words.push(word);
        }
    });
    return { kind: "list", words, unknownAt, unrecognisedAt };
}

function aadOnlyFix(s: P2sSettings): Safe {
    return msg`Set ${safe.path(s.spelling.authTypes)} to ["AAD"] with ${entraFieldsText(s)}, so that every point-to-site user signs in with Microsoft Entra ID and Conditional Access.`;
}

/** The authentication-type findings, and whether Entra (AAD) is among the types in use. */
function authenticationProblems(s: P2sSettings): { problems: Problem[]; usesAad: boolean } {
    const { authTypes, entra, impliedBy, aadInferredWhenUnset } = s.spelling;
    const path = pathOf(s, authTypes);
    const types = readWords(s.settings[authTypes], VPN_AUTHENTICATION_TYPES);
    switch (types.kind) {
        case "unknown":
            return {
                problems: [undecided(msg`${path} cannot be known during preview, so Entra-only sign-in cannot be verified.`)],
                usesAad: false,
            };
        case "malformed":
            return { problems: [malformed(msg`${path} is not a list of authentication types. ${aadOnlyFix(s)}`)], usesAad: false };
        case "unset": {
            const implied = impliedBy.filter((i) => meaningful(s.settings[i.key]));
            const fields = entraObject(s);
            const aadFields = isRecord(fields) && [entra.tenant, entra.audience, entra.issuer].some((k) => meaningful(fields[k]));
            if (aadInferredWhenUnset && aadFields && implied.length === 0) {
                // Azure infers Entra sign-in from the Entra fields alone: judge them as ["AAD"].
                return { problems: [], usesAad: true };
            }
            if (implied.length === 0) {
                return {
                    problems: [violation(msg`${path} is not set, so point-to-site users do not sign in with Microsoft Entra ID. ${aadOnlyFix(s)}`)],
                    usesAad: false,
                };
            }
            const kinds = [...new Set(implied.map((i) => i.type))].map((t) => safe.word(t, VPN_AUTHENTICATION_TYPES));
            const sources = implied.map((i) => pathOf(s, i.key));
            return {
                problems: [
                    violation(
                        msg`${path} is not set, so Azure infers ${list(kinds)} authentication from ${list(sources)}, which does not go through Microsoft Entra ID. ${aadOnlyFix(s)}`,
                    ),
                ],
                usesAad: false,
            };
        }
        case "list": {
            const problems: Problem[] = [];
            for (const i of types.unrecognisedAt) {
                problems.push(malformed(msg`${pathOf(s, authTypes, i)} is not one of AAD, Certificate or Radius. ${aadOnlyFix(s)}`));
            }
            const others = types.words.filter((w) => w !== "AAD").map((w) => safe.word(w, VPN_AUTHENTICATION_TYPES));
            if (others.length > 0) {
                const besides = types.words.includes("AAD") ? safe.literal(" besides AAD") : safe.literal("");
                problems.push(
                    violation(
                        msg`${path} allows ${list(others)} authentication${besides}: those users do not sign in with Microsoft Entra ID. ${aadOnlyFix(s)}`,
                    ),
                );
            }
            if (types.unknownAt.length > 0) {
                problems.push(
                    undecided(msg`${pathOf(s, authTypes, types.unknownAt[0])} cannot be known during preview, so Entra-only sign-in cannot be verified.`),
                );
            }
            return { problems, usesAad: types.words.includes("AAD") };
        }
    }
}

function tenantProblem(path: Safe, form: Safe, parsed: TenantUrl): Problem | undefined {
    switch (parsed.kind) {
        case "tenant":
            return undefined;
        case "unknown":
            return undecided(msg`${path} cannot be known during preview, so the Entra tenant cannot be verified.`);
        case "missing":
            return violation(msg`${path} is not set: Entra authentication needs the tenant. Set it to ${form}.`);
        case "multi-tenant":
            return violation(
                msg`${path} names ${safe.word(parsed.alias, ["common", "organizations", "consumers"])} instead of a tenant, which lets accounts of other tenants sign in. Set it to ${form} with your tenant ID.`,
            );
        case "invalid":
            return malformed(msg`${path} is not an Entra URL that names one tenant by its ID. Set it to ${form}.`);
    }
}

function aadProblems(s: P2sSettings, allowedTenantIds: readonly string[]): Problem[] {
    const entra = s.spelling.entra;
    const aad = entraObject(s);
    if (isUnknown(aad)) {
        return [undecided(msg`${pathOf(s, ...entra.path)} cannot be known during preview, so the Entra tenant cannot be verified.`)];
    }
    if (aad !== undefined && aad !== null && !isRecord(aad)) {
        return [malformed(msg`${pathOf(s, ...entra.path)} is not an object with ${list([entra.tenant, entra.audience, entra.issuer].map(safe.path))}.`)];
    }
    const fields = isRecord(aad) ? aad : {};
    const tenantPath = pathOf(s, ...entra.path, entra.tenant);
    const issuerPath = pathOf(s, ...entra.path, entra.issuer);
    const audiencePath = pathOf(s, ...entra.path, entra.audience);
    const tenant = parseTenantUrl(fields[entra.tenant]);
    const issuer = parseTenantUrl(fields[entra.issuer]);
    const problems: Problem[] = [];
    for (const p of [
        tenantProblem(tenantPath, safe.literal("https://login.microsoftonline.com/<tenant-id>"), tenant),
        tenantProblem(issuerPath, safe.literal("https://sts.windows.net/<tenant-id>/"), issuer),
    ]) {
        if (p) {
            problems.push(p);
        }
    }
    const audience = fields[entra.audience];
    if (isUnknown(audience)) {
        problems.push(undecided(msg`${audiencePath} cannot be known during preview.`));
    } else if (audience === undefined || audience === null || (typeof audience === "string" && audience.trim() === "")) {
        problems.push(
            violation(msg`${audiencePath} is not set: set it to the application ID of the Azure VPN Client (c632b3df-fb67-4d84-bdcf-b95ad541b5c8 for the Microsoft-registered app).`),
        );
    } else if (typeof audience !== "string") {
        problems.push(malformed(msg`${audiencePath} is not a string: set it to the application ID of the Azure VPN Client.`));
    }
    if (tenant.kind === "tenant" && issuer.kind === "tenant" && tenant.tenantId !== issuer.tenantId) {
        problems.push(
            violation(
                msg`${tenantPath} names tenant ${safe.guid(tenant.tenantId)} but ${issuerPath} names tenant ${safe.guid(issuer.tenantId)}: both must name the same tenant.`,
            ),
        );
    }
    if (tenant.kind === "tenant" && allowedTenantIds.length > 0 && !allowedTenantIds.includes(tenant.tenantId)) {
        problems.push(
            violation(
                msg`${tenantPath} names tenant ${safe.guid(tenant.tenantId)}, which is not in allowedTenantIds: sign in through an approved tenant, or add it to allowedTenantIds.`,
            ),
        );
    }
    return problems;
}

function protocolProblems(s: P2sSettings): Problem[] {
    const key = s.spelling.protocols;
    const path = pathOf(s, key);
    const fix = msg`Set ${safe.path(key)} to ["OpenVPN"]: Microsoft Entra sign-in works only over OpenVPN.`;
    const protocols = readWords(s.settings[key], VPN_PROTOCOLS);
    switch (protocols.kind) {
        case "unknown":
            return [undecided(msg`${path} cannot be known during preview, so OpenVPN-only cannot be verified.`)];
        case "malformed":
            return [malformed(msg`${path} is not a list of protocols. ${fix}`)];
        case "unset":
            return [violation(msg`${path} is not set, so Azure uses ${s.protocolsDefault}. ${fix}`)];
        case "list": {
            const problems: Problem[] = protocols.unrecognisedAt.map((i) =>
                malformed(msg`${pathOf(s, key, i)} is not one of OpenVPN, IkeV2 or SSTP. ${fix}`),
            );
            const others = protocols.words.filter((w) => w !== "OpenVPN").map((w) => safe.word(w, VPN_PROTOCOLS));
            if (others.length > 0) {
                problems.push(violation(msg`${path} enables ${list(others)}, which cannot use Microsoft Entra sign-in. ${fix}`));
            }
            if (protocols.unknownAt.length > 0) {
                problems.push(undecided(msg`${pathOf(s, key, protocols.unknownAt[0])} cannot be known during preview.`));
            }
            return problems;
        }
    }
}

/** Every finding for one point-to-site configuration. `allowedTenantIds` are lower-case GUIDs. */
export function p2sProblems(s: P2sSettings, allowedTenantIds: readonly string[]): Problem[] {
    const auth = authenticationProblems(s);
    return [...auth.problems, ...(auth.usesAad ? aadProblems(s, allowedTenantIds) : []), ...protocolProblems(s)];
}
