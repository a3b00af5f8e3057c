// Point-to-site VPN settings, on a classic `VirtualNetworkGateway` (`vpnClientConfiguration`) and on a
// Virtual WAN `VpnServerConfiguration` (under `properties` in azure-native 3.x, at the top level in
// older SDKs). The seed asks that user VPNs authenticate with Microsoft Entra ID; on Azure that means
// `vpnAuthenticationTypes` exactly `["AAD"]`, the tenant, audience and issuer of one tenant, and OpenVPN
// as the only tunnel protocol (Entra sign-in works only over OpenVPN). Site-to-site gateways have no
// point-to-site configuration and are not judged.
import { list, msg, safe, Safe } from "../engine/messages";
import { isRecord, isUnknown, Props } from "../engine/values";
import { parseTenantUrl, TenantUrl } from "./entra-tenant";
import { Problem, undecided, violation } from "./problems";

export const VPN_AUTHENTICATION_TYPES = ["AAD", "Certificate", "Radius"] as const;
export type VpnAuthenticationType = (typeof VPN_AUTHENTICATION_TYPES)[number];
export const VPN_PROTOCOLS = ["OpenVPN", "IkeV2", "SSTP"] as const;

/** Where the point-to-site settings of one resource live, with the property names its shape uses. */
export interface P2sSettings {
    settings: Props;
    /** Path of `settings` inside the resource, e.g. `vpnClientConfiguration`; empty at the top level. */
    base: string;
    /** Path of the object holding `aadTenant`, `aadAudience` and `aadIssuer`, relative to `settings`. */
    aadPath: string[];
    /** `vpnAuthenticationTypes` (azure-native), `vpnAuthTypes` (classic gateway). */
    authTypesKey: string;
    /**
     * Left unset with Entra fields present, Azure infers Entra sign-in (the classic provider sends the
     * list empty unless the program sets it).
     */
    aadInferredWhenUnset: boolean;
    protocolsKey: "vpnClientProtocols" | "vpnProtocols";
    /** What Azure uses when the protocol list is left out. */
    protocolsDefault: Safe;
    /** Properties whose presence makes Azure infer certificate or RADIUS authentication. */
    impliedBy: { key: string; type: VpnAuthenticationType }[];
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

/** A gateway's point-to-site settings: azure-native by default; the classic provider names a few fields otherwise. */
export function gatewayP2s(props: Props, shape: "azure-native" | "classic" = "azure-native"): P2sConfig {
    const gatewayType = shape === "classic" ? props.type : props.gatewayType;
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
        return { kind: "problem", problem: violation(msg`vpnClientConfiguration is not an object.`) };
    }
    if (!meaningful(cfg)) {
        return { kind: "none" };
    }
    return {
        kind: "p2s",
        settings: {
            settings: cfg,
            base: "vpnClientConfiguration",
            aadPath: [],
            authTypesKey: shape === "classic" ? "vpnAuthTypes" : "vpnAuthenticationTypes",
            aadInferredWhenUnset: shape === "classic",
            protocolsKey: "vpnClientProtocols",
            protocolsDefault: safe.literal("IkeV2 and SSTP"),
            impliedBy: [
                { key: shape === "classic" ? "rootCertificates" : "vpnClientRootCertificates", type: "Certificate" },
                { key: "radiusServerAddress", type: "Radius" },
                { key: "radiusServers", type: "Radius" },
            ],
        },
    };
}

export function serverConfigurationP2s(props: Props): P2sConfig {
    const nested = props.properties;
    if (isUnknown(nested)) {
        return {
            kind: "problem",
            problem: undecided(
                msg`properties cannot be known during preview, so the point-to-site authentication cannot be checked.`,
            ),
        };
    }
    if (nested !== undefined && nested !== null && !isRecord(nested)) {
        return { kind: "problem", problem: violation(msg`properties is not an object.`) };
    }
    return {
        kind: "p2s",
        settings: {
            settings: isRecord(nested) ? nested : props,
            base: isRecord(nested) ? "properties" : "",
            aadPath: ["aadAuthenticationParameters"],
            authTypesKey: "vpnAuthenticationTypes",
            aadInferredWhenUnset: false,
            protocolsKey: "vpnProtocols",
            protocolsDefault: safe.literal("its default protocols rather than OpenVPN only"),
            impliedBy: [
                { key: "vpnClientRootCertificates", type: "Certificate" },
                { key: "radiusServerAddress", type: "Radius" },
                { key: "radiusServers", type: "Radius" },
                { key: "radiusServerRootCertificates", type: "Radius" },
            ],
        },
    };
}

/** The object holding `aadTenant`, `aadAudience` and `aadIssuer`. */
function getAad(s: P2sSettings): Props {
    const value = s.aadPath.reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), s.settings);
    return isRecord(value) ? value : {};
}

function pathOf(s: P2sSettings, ...keys: (string | number)[]): Safe {
    const parts = [s.base, ...keys.map((k) => (typeof k === "number" ? `[${k}]` : k))].filter((p) => p !== "");
    return safe.path(parts.reduce((acc, p) => (p.startsWith("[") || acc === "" ? acc + p : `${acc}.${p}`), ""));
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
    return msg`Set ${safe.path(s.authTypesKey)} to ["AAD"] with aadTenant, aadAudience and aadIssuer, so that every point-to-site user signs in with Microsoft Entra ID and Conditional Access.`;
}

/** The authentication-type findings, and whether Entra (AAD) is among the types in use. */
function authenticationProblems(s: P2sSettings): { problems: Problem[]; usesAad: boolean } {
    const path = pathOf(s, s.authTypesKey);
    const types = readWords(s.settings[s.authTypesKey], VPN_AUTHENTICATION_TYPES);
    switch (types.kind) {
        case "unknown":
            return {
                problems: [undecided(msg`${path} cannot be known during preview, so Entra-only sign-in cannot be verified.`)],
                usesAad: false,
            };
        case "malformed":
            return { problems: [violation(msg`${path} is not a list of authentication types. ${aadOnlyFix(s)}`)], usesAad: false };
        case "unset": {
            const implied = s.impliedBy.filter((i) => meaningful(s.settings[i.key]));
            const aadFields = ["aadTenant", "aadAudience", "aadIssuer"].some((k) => meaningful(getAad(s)[k]));
            if (s.aadInferredWhenUnset && aadFields && implied.length === 0) {
                // Azure infers Entra sign-in from the aad* fields alone: judge them as ["AAD"].
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
                problems.push(violation(msg`${pathOf(s, s.authTypesKey, i)} is not one of AAD, Certificate or Radius. ${aadOnlyFix(s)}`));
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
                    undecided(msg`${pathOf(s, s.authTypesKey, types.unknownAt[0])} cannot be known during preview, so Entra-only sign-in cannot be verified.`),
                );
            }
            return { problems, usesAad: types.words.includes("AAD") };
        }
    }
}

function tenantProblem(s: P2sSettings, key: "aadTenant" | "aadIssuer", parsed: TenantUrl): Problem | undefined {
    const path = pathOf(s, ...s.aadPath, key);
    const form =
        key === "aadTenant"
            ? safe.literal("https://login.microsoftonline.com/<tenant-id>")
            : safe.literal("https://sts.windows.net/<tenant-id>/");
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
            return violation(msg`${path} is not an Entra URL that names one tenant by its ID. Set it to ${form}.`);
    }
}

function aadProblems(s: P2sSettings, allowedTenantIds: readonly string[]): Problem[] {
    const aad = s.aadPath.reduce<unknown>((obj, k) => (isRecord(obj) ? obj[k] : isUnknown(obj) ? obj : undefined), s.settings);
    if (isUnknown(aad)) {
        return [undecided(msg`${pathOf(s, ...s.aadPath)} cannot be known during preview, so the Entra tenant cannot be verified.`)];
    }
    if (aad !== undefined && aad !== null && !isRecord(aad)) {
        return [violation(msg`${pathOf(s, ...s.aadPath)} is not an object with aadTenant, aadAudience and aadIssuer.`)];
    }
    const fields = isRecord(aad) ? aad : {};
    const problems: Problem[] = [];
    const tenant = parseTenantUrl(fields.aadTenant);
    const issuer = parseTenantUrl(fields.aadIssuer);
    for (const [key, parsed] of [["aadTenant", tenant], ["aadIssuer", issuer]] as const) {
        const p = tenantProblem(s, key, parsed);
        if (p) {
            problems.push(p);
        }
    }
    const audience = fields.aadAudience;
    const audiencePath = pathOf(s, ...s.aadPath, "aadAudience");
    if (isUnknown(audience)) {
        problems.push(undecided(msg`${audiencePath} cannot be known during preview.`));
    } else if (audience === undefined || audience === null || (typeof audience === "string" && audience.trim() === "")) {
        problems.push(
            violation(msg`${audiencePath} is not set: set it to the application ID of the Azure VPN Client (c632b3df-fb67-4d84-bdcf-b95ad541b5c8 for the Microsoft-registered app).`),
        );
    } else if (typeof audience !== "string") {
        problems.push(violation(msg`${audiencePath} is not a string: set it to the application ID of the Azure VPN Client.`));
    }
    if (tenant.kind === "tenant" && issuer.kind === "tenant" && tenant.tenantId !== issuer.tenantId) {
        problems.push(
            violation(
                msg`${pathOf(s, ...s.aadPath, "aadTenant")} names tenant ${safe.guid(tenant.tenantId)} but ${pathOf(s, ...s.aadPath, "aadIssuer")} names tenant ${safe.guid(issuer.tenantId)}: both must name the same tenant.`,
            ),
        );
    }
    if (tenant.kind === "tenant" && allowedTenantIds.length > 0 && !allowedTenantIds.includes(tenant.tenantId)) {
        problems.push(
            violation(
                msg`${pathOf(s, ...s.aadPath, "aadTenant")} names tenant ${safe.guid(tenant.tenantId)}, which is not in allowedTenantIds: sign in through an approved tenant, or add it to allowedTenantIds.`,
            ),
        );
    }
    return problems;
}

function protocolProblems(s: P2sSettings): Problem[] {
    const path = pathOf(s, s.protocolsKey);
    const fix = msg`Set ${safe.path(s.protocolsKey)} to ["OpenVPN"]: Microsoft Entra sign-in works only over OpenVPN.`;
    const protocols = readWords(s.settings[s.protocolsKey], VPN_PROTOCOLS);
    switch (protocols.kind) {
        case "unknown":
            return [undecided(msg`${path} cannot be known during preview, so OpenVPN-only cannot be verified.`)];
        case "malformed":
            return [violation(msg`${path} is not a list of protocols. ${fix}`)];
        case "unset":
            return [violation(msg`${path} is not set, so Azure uses ${s.protocolsDefault}. ${fix}`)];
        case "list": {
            const problems: Problem[] = protocols.unrecognisedAt.map((i) =>
                violation(msg`${pathOf(s, s.protocolsKey, i)} is not one of OpenVPN, IkeV2 or SSTP. ${fix}`),
            );
            const others = protocols.words.filter((w) => w !== "OpenVPN").map((w) => safe.word(w, VPN_PROTOCOLS));
            if (others.length > 0) {
                problems.push(violation(msg`${path} enables ${list(others)}, which cannot use Microsoft Entra sign-in. ${fix}`));
            }
            if (protocols.unknownAt.length > 0) {
                problems.push(undecided(msg`${pathOf(s, s.protocolsKey, protocols.unknownAt[0])} cannot be known during preview.`));
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
