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
        // A fully qualified host may end in a dot (`x.msappproxy.net.`): the same name.
        return new URL(url.trim()).hostname.toLowerCase().replace(/\.$/, "");
    } catch {
        return undefined;
    }
}

/**
 * Whether a service principal publishes an app through Application Proxy: the tag (any letter case)
 * or an App Proxy `loginUrl` decides; otherwise `unknown` when its tags or its loginUrl cannot be
 * known during preview (either could make it one).
 */
export function isAppProxyApp(props: Props): boolean | "unknown" {
    const tags = props.tags;
    if (Array.isArray(tags) && tags.some((t) => typeof t === "string" && t.trim().toLowerCase() === APP_PROXY_TAG.toLowerCase())) {
        return true;
    }
    if (hostOf(props.loginUrl)?.endsWith(APP_PROXY_DOMAIN)) {
        return true;
    }
    const tagsUnknown = isUnknown(tags) || (Array.isArray(tags) && tags.some(isUnknown));
    return tagsUnknown || isUnknown(props.loginUrl) ? "unknown" : false;
}
