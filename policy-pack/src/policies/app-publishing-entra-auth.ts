// PAG-007: apps published as "App Proxy"-style intermediaries (seed: intermediaries, "Azure AD App
// Proxy") or sitting at the specialized or privileged level admit only sessions signed in with
// Microsoft Entra ID. A stack policy: each provider's adapter (adapters/app-auth.ts) hands over the
// apps with the authentication settings joined to them — separate resources on azure-native, the
// app's own blocks on the classic provider — and the policy judges their facts.
import { AuthSource, PublishedApp } from "../adapters/app-auth";
import { APP_AUTH_ADAPTERS } from "../adapters/published-apps";
import { authProblems } from "../azure/easy-auth";
import { Problem, problemKind, undecided, violation } from "../azure/problems";
import { atLeast, levelTag, ParsedLevel, resolveLevel, stackLevelTag } from "../engine/levels";
import { InputRecordingStackPolicy, recordInputsOf } from "../engine/memory";
import { msg, safe } from "../engine/messages";
import { exemptible } from "../engine/exemptible";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { reporter, reportLevelProblem, Reporter } from "../engine/report";
import { StackView } from "../engine/stack";
import { isUnknown } from "../engine/values";

export const metadata: PolicyMetadata = {
    id: "PAG-007",
    name: "app-publishing-entra-auth",
    description:
        "Web apps, slots and container apps tagged intermediary: app-proxy or at the specialized or privileged level must require Microsoft Entra ID sign-in through built-in authentication pinned to one tenant.",
    severity: "high",
    url: SEED_URLS.intermediaries,
    remediationSteps:
        "Add web.WebAppAuthSettingsV2 (web.WebAppAuthSettingsV2Slot for a slot, app.ContainerAppsAuthConfig for a container app) with platform.enabled true, globalValidation.requireAuthentication true (App Service), globalValidation.unauthenticatedClientAction RedirectToLoginPage, Return401 or Return403, and identityProviders.azureActiveDirectory with registration.clientId (the app registration's GUID) and registration.openIdIssuer https://login.microsoftonline.com/<tenant-id>/v2.0; enable no other identity provider. On the classic provider, set the app's own authSettingsV2: authEnabled true, requireAuthentication true, unauthenticatedAction RedirectToLoginPage (the default), Return401 or Return403, and an activeDirectoryV2 block with clientId and tenantAuthEndpoint https://login.microsoftonline.com/<tenant-id>/v2.0, and no other provider block; a classic container app needs an azure-native app.ContainerAppsAuthConfig.",
    mcsb: ["IM-1", "IM-7", "NS-2"],
    cis: [],
};

export const INTERMEDIARY_TAG = "intermediary";
export const APP_PROXY = "app-proxy";

type TagReading = "app-proxy" | "other" | "unknown";

function intermediaryTag(tags: unknown): TagReading {
    if (isUnknown(tags)) {
        return "unknown";
    }
    if (tags === null || typeof tags !== "object" || Array.isArray(tags)) {
        return "other";
    }
    const key = Object.keys(tags).find((k) => k.toLowerCase() === INTERMEDIARY_TAG);
    const value = key === undefined ? undefined : (tags as Record<string, unknown>)[key];
    if (isUnknown(value)) {
        return "unknown";
    }
    return typeof value === "string" && value.trim().toLowerCase() === APP_PROXY ? "app-proxy" : "other";
}

/** A settings resource's findings name it; settings written on the app itself need no name. */
function sourceProblems(source: AuthSource): Problem[] {
    const settings = source.resource;
    const problems = authProblems(source.facts);
    if (!settings) {
        return problems;
    }
    return problems.map((p) => ({ ...p, message: msg`${safe.literal(settings.typeName)} ${safe.name(settings.name)}: ${p.message}` }));
}

function judge(target: PublishedApp, stackLevel: ParsedLevel, report: Reporter): void {
    // The same precedence as StackView.levelOf, with a slot's app found by name as well as by
    // propertyDependencies.
    const level = resolveLevel({ resource: levelTag(target.tags), parents: target.inheritedTags.map(levelTag), stack: stackLevel });
    reportLevelProblem(report, target.urn, level);
    // A slot of a published app is published too (its own host name, the same code).
    const tags = [target.tags, ...target.inheritedTags].map(intermediaryTag);
    const tagged: TagReading = tags.includes("app-proxy") ? "app-proxy" : tags.includes("unknown") ? "unknown" : "other";
    if (!atLeast(level.level, "specialized") && tagged !== "app-proxy") {
        if (tagged === "unknown") {
            report({
                urn: target.urn,
                message: msg`the ${safe.literal(INTERMEDIARY_TAG)} tag cannot be known during preview, so whether this app is a published intermediary cannot be told.`,
                advisory: level.level !== "privileged",
            });
        }
        return;
    }
    const problems: Problem[] = target.sources.flatMap(sourceProblems);
    if (target.sources.length === 0) {
        problems.push(
            target.unjoined
                ? undecided(msg`no authentication settings could be joined to this app during preview (an app name is unknown), so Entra sign-in cannot be verified.`)
                : violation(safe.literal(target.missing)),
        );
    }
    for (const p of problems) {
        report({ urn: target.urn, message: p.message, advisory: p.unknown && level.level !== "privileged", kind: problemKind(p) });
    }
}

export const appPublishingEntraAuth: InputRecordingStackPolicy = exemptible(metadata, {
    ...policyFields(metadata),
    validateResource: recordInputsOf(APP_AUTH_ADAPTERS.flatMap((a) => a.recordedTypes)),
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        const report = reporter(reportViolation);
        const stackLevel = stackLevelTag(args.stackTags);
        for (const adapter of APP_AUTH_ADAPTERS) {
            adapter.publishedApps(view).forEach((target) => judge(target, stackLevel, report));
        }
    },
});
