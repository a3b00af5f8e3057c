import { describe, expect, it } from "vitest";
import { isGuid, parseTenantUrl } from "../../policy-pack/src/azure/entra-tenant";
import { UNKNOWN_STRING } from "../../policy-pack/src/engine/values";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

describe("parseTenantUrl", () => {
    it.each([
        `https://login.microsoftonline.com/${TENANT}`,
        `https://login.microsoftonline.com/${TENANT}/`,
        `https://sts.windows.net/${TENANT}/`,
        `https://login.microsoftonline.com/${TENANT}/v2.0`,
        `https://login.microsoftonline.com/${TENANT.toUpperCase()}/v2.0/`,
        `https://login.microsoftonline.us/${TENANT}`,
        `https://sts.chinacloudapi.cn/${TENANT}/`,
        ` https://LOGIN.microsoftonline.com/${TENANT} `,
    ])("reads the tenant of %s", (url) => {
        expect(parseTenantUrl(url)).toEqual({ kind: "tenant", tenantId: TENANT });
    });

    it.each([
        ["https://login.microsoftonline.com/common", "common"],
        ["https://login.microsoftonline.com/Organizations/v2.0", "organizations"],
        ["https://sts.windows.net/consumers/", "consumers"],
    ])("recognises %s as multi-tenant", (url, alias) => {
        expect(parseTenantUrl(url)).toEqual({ kind: "multi-tenant", alias });
    });

    it.each([
        `http://login.microsoftonline.com/${TENANT}`,
        `https://evil.example.com/${TENANT}`,
        `https://login.microsoftonline.com.evil.example/${TENANT}`,
        "https://login.microsoftonline.com/contoso.onmicrosoft.com",
        `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0`,
        `https://login.microsoftonline.com/${TENANT}?x=1`,
        `https://user:pw@login.microsoftonline.com/${TENANT}`,
        `https://login.microsoftonline.com:8443/${TENANT}`,
        "https://login.microsoftonline.com/",
        TENANT,
        "not a url",
        42,
        { url: TENANT },
    ])("rejects %j as invalid", (value) => {
        expect(parseTenantUrl(value)).toEqual({ kind: "invalid" });
    });

    it("separates missing from unknown", () => {
        expect(parseTenantUrl(undefined)).toEqual({ kind: "missing" });
        expect(parseTenantUrl(null)).toEqual({ kind: "missing" });
        expect(parseTenantUrl("")).toEqual({ kind: "missing" });
        expect(parseTenantUrl(UNKNOWN_STRING)).toEqual({ kind: "unknown" });
    });
});

describe("isGuid", () => {
    it("accepts GUIDs in any case and nothing else", () => {
        expect(isGuid(TENANT)).toBe(true);
        expect(isGuid(TENANT.toUpperCase())).toBe(true);
        expect(isGuid("not-a-guid")).toBe(false);
        expect(isGuid(7)).toBe(false);
    });
});
