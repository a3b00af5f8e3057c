// Microsoft Entra tenant URLs: the authority (`https://login.microsoftonline.com/<tenant>`) and the
// token issuer (`https://sts.windows.net/<tenant>/`, `https://login.microsoftonline.com/<tenant>/v2.0`)
// that VPN gateways and App Service / Container Apps authentication are configured with. Only a URL on
// an Entra sign-in host that names one tenant by its ID pins sign-in to that tenant; `common`,
// `organizations` and `consumers` accept accounts from any tenant (or personal accounts).
import { isUnknown } from "../engine/values";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Sign-in and token-issuer hosts of the Entra clouds (public, US Government, China). */
export const ENTRA_HOSTS: ReadonlySet<string> = new Set([
    "login.microsoftonline.com",
    "login.windows.net",
    "sts.windows.net",
    "login.microsoftonline.us",
    "login.chinacloudapi.cn",
    "login.partner.microsoftonline.cn",
    "sts.chinacloudapi.cn",
]);

export const MULTI_TENANT_ALIASES = ["common", "organizations", "consumers"] as const;
export type MultiTenantAlias = (typeof MULTI_TENANT_ALIASES)[number];

export type TenantUrl =
    | { kind: "tenant"; tenantId: string }
    | { kind: "multi-tenant"; alias: MultiTenantAlias }
    | { kind: "missing" }
    | { kind: "unknown" }
    /** Not an https URL on an Entra host whose path is one tenant ID (optionally followed by `v2.0`). */
    | { kind: "invalid" };

export function isGuid(value: unknown): value is string {
    return typeof value === "string" && GUID.test(value.trim());
}

/** Reads the tenant an Entra authority or issuer URL names. */
export function parseTenantUrl(value: unknown): TenantUrl {
    if (value === undefined || value === null || value === "") {
        return { kind: "missing" };
    }
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    if (typeof value !== "string") {
        return { kind: "invalid" };
    }
    let url: URL;
    try {
        url = new URL(value.trim());
    } catch {
        return { kind: "invalid" };
    }
    if (url.protocol !== "https:" || url.username || url.password || url.port || url.search || url.hash) {
        return { kind: "invalid" };
    }
    if (!ENTRA_HOSTS.has(url.hostname)) {
        return { kind: "invalid" };
    }
    const segments = url.pathname.split("/").filter((s) => s.length > 0);
    const [tenant, ...rest] = segments;
    if (tenant === undefined || rest.length > 1 || (rest.length === 1 && rest[0].toLowerCase() !== "v2.0")) {
        return { kind: "invalid" };
    }
    const alias = MULTI_TENANT_ALIASES.find((a) => a === tenant.toLowerCase());
    if (alias) {
        return { kind: "multi-tenant", alias };
    }
    return GUID.test(tenant) ? { kind: "tenant", tenantId: tenant.toLowerCase() } : { kind: "invalid" };
}
