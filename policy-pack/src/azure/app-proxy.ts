// Microsoft Entra Application Proxy apps as azuread declares them: a `ServicePrincipal` tagged
// `WindowsAzureActiveDirectoryOnPremApp` (the tag Graph's App Proxy setup adds), or whose `loginUrl`
// is an App Proxy external URL (`*.msappproxy.net`). azuread cannot express the publishing itself
// (`onPremisesPublishing`, pre-authentication): that is beta Graph only.
import { Props, isUnknown } from "../engine/values";

export const APP_PROXY_TAG = "WindowsAzureActiveDirectoryOnPremApp";
const APP_PROXY_DOMAIN = ".msappproxy.net";

function hostOf(url: unknown): string | undefined {
    if (typeof url !== "string") {
        return undefined;
    }
    try {
        return new URL(url.trim()).hostname.toLowerCase();
    } catch {
        return undefined;
    }
}

/** Whether a service principal publishes an app through Application Proxy; `unknown` when its tags cannot be known. */
export function isAppProxyApp(props: Props): boolean | "unknown" {
    const tags = props.tags;
    if (Array.isArray(tags) && tags.some((t) => typeof t === "string" && t.trim().toLowerCase() === APP_PROXY_TAG.toLowerCase())) {
        return true;
    }
    if (hostOf(props.loginUrl)?.endsWith(APP_PROXY_DOMAIN)) {
        return true;
    }
    return isUnknown(tags) || (Array.isArray(tags) && tags.some(isUnknown)) ? "unknown" : false;
}
