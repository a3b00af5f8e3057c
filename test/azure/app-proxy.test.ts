// Entra Application Proxy apps (DESIGN §3b, PAG-012): a ServicePrincipal with the
// `WindowsAzureActiveDirectoryOnPremApp` tag (any letter case) or an `*.msappproxy.net` loginUrl.
import { describe, expect, it } from "vitest";
import { APP_PROXY_TAG, isAppProxyApp } from "../../policy-pack/src/azure/app-proxy";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";

describe("isAppProxyApp", () => {
    it("names the tag Graph's App Proxy setup adds", () => {
        expect(APP_PROXY_TAG).toBe("WindowsAzureActiveDirectoryOnPremApp");
    });

    it.each([
        [["WindowsAzureActiveDirectoryOnPremApp"]],
        [["windowsazureactivedirectoryonpremapp"]],
        [["WINDOWSAZUREACTIVEDIRECTORYONPREMAPP"]],
        [["HideApp", " WindowsAzureActiveDirectoryOnPremApp "]],
        [["WindowsAzureActiveDirectoryIntegratedApp", "windowsAzureActiveDirectoryOnPremApp", UNKNOWN]],
    ])("the tag in any letter case makes an App Proxy app: %j", (tags) => {
        expect(isAppProxyApp({ tags })).toBe(true);
    });

    it.each([
        "https://intranet-contoso.msappproxy.net/",
        "https://INTRANET-CONTOSO.MSAPPPROXY.NET/login?x=1",
        " https://hr-fabrikam.msappproxy.net ",
        "https://a.b.msappproxy.net./",
        "http://intranet-contoso.msappproxy.net:8443/path",
    ])("an App Proxy external URL as loginUrl makes an App Proxy app: %s", (loginUrl) => {
        expect(isAppProxyApp({ tags: [], loginUrl })).toBe(true);
    });

    it.each([
        [{}],
        [{ tags: [] }],
        [{ tags: ["WindowsAzureActiveDirectoryIntegratedApp", "HideApp"] }],
        [{ tags: ["WindowsAzureActiveDirectoryOnPremAppX"] }],
        [{ tags: "WindowsAzureActiveDirectoryOnPremApp" }],
        [{ tags: ["custom"], loginUrl: "https://intranet.contoso.com/" }],
        [{ loginUrl: "https://msappproxy.net/" }],
        [{ loginUrl: "https://intranet.msappproxy.net.evil.example/" }],
        [{ loginUrl: "https://evil.example/?next=https://intranet.msappproxy.net" }],
        [{ loginUrl: "https://evilmsappproxy.net/" }],
        [{ loginUrl: 42 }],
    ])("anything else is not one: %j", (props) => {
        expect(isAppProxyApp(props)).toBe(false);
    });

    it("is unknown when the tags or the loginUrl cannot be known and nothing else decides", () => {
        expect(isAppProxyApp({ tags: UNKNOWN_ARRAY })).toBe("unknown");
        expect(isAppProxyApp({ tags: ["HideApp", UNKNOWN] })).toBe("unknown");
        expect(isAppProxyApp({ tags: [], loginUrl: UNKNOWN })).toBe("unknown");
        expect(isAppProxyApp({ tags: UNKNOWN_ARRAY, loginUrl: "https://intranet-contoso.msappproxy.net/" })).toBe(true);
        expect(isAppProxyApp({ tags: [APP_PROXY_TAG], loginUrl: UNKNOWN })).toBe(true);
    });
});
