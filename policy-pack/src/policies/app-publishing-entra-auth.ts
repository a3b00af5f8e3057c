// PAG-007: apps published as "App Proxy"-style intermediaries (seed: intermediaries, "Azure AD App
// Proxy") or sitting at the specialized or privileged level admit only sessions signed in with
// Microsoft Entra ID. A stack policy: the authentication settings are separate resources joined to
// their app by propertyDependencies, else by the names remembered from Analyze.
import { app, web } from "../azure/types";
import { AuthShape, authSettingsProblems } from "../azure/easy-auth";
import { Problem, undecided, violation } from "../azure/problems";
import { atLeast, levelTag, resolveLevel, stackLevelTag } from "../engine/levels";
import { azureName, joinNames, linkChildren, Links, nameRef } from "../engine/links";
import { InputRecordingStackPolicy, recordInputsOf } from "../engine/memory";
import { msg, safe } from "../engine/messages";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { reporter, reportLevelProblem } from "../engine/report";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { AzureType } from "../engine/tokens";
import { isUnknown } from "../engine/values";

export const metadata: PolicyMetadata = {
    id: "PAG-007",
    name: "app-publishing-entra-auth",
    description:
        "Web apps, slots and container apps tagged intermediary: app-proxy or at the specialized or privileged level must require Microsoft Entra ID sign-in through built-in authentication pinned to one tenant.",
    severity: "high",
    url: SEED_URLS.intermediaries,
    remediationSteps:
        "Add web.WebAppAuthSettingsV2 (web.WebAppAuthSettingsV2Slot for a slot, app.ContainerAppsAuthConfig for a container app) with platform.enabled true, globalValidation.requireAuthentication true (App Service), globalValidation.unauthenticatedClientAction RedirectToLoginPage, Return401 or Return403, and identityProviders.azureActiveDirectory with registration.clientId and registration.openIdIssuer https://login.microsoftonline.com/<tenant-id>/v2.0; enable no other identity provider.",
    mcsb: ["IM-1", "IM-7", "NS-2"],
    cis: [],
};

export const INTERMEDIARY_TAG = "intermediary";
export const APP_PROXY = "app-proxy";

const RECORDED = [
    web.WebApp,
    web.WebAppSlot,
    app.ContainerApp,
    web.WebAppAuthSettingsV2,
    web.WebAppAuthSettingsV2Slot,
    web.WebAppAuthSettings,
    web.WebAppAuthSettingsSlot,
    app.ContainerAppsAuthConfig,
];

const SHAPES: [AzureType, AuthShape][] = [
    [web.WebAppAuthSettingsV2, "v2"],
    [web.WebAppAuthSettingsV2Slot, "v2"],
    [web.WebAppAuthSettings, "v1"],
    [web.WebAppAuthSettingsSlot, "v1"],
    [app.ContainerAppsAuthConfig, "containerApps"],
];

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

function shapeOf(r: StackResource): AuthShape {
    return SHAPES.find(([t]) => t.matches(r.type))![1];
}

/** The resource-type word shown in messages, from the pack's own list. */
function typeWord(r: StackResource) {
    const t = SHAPES.find(([type]) => type.matches(r.type))![0];
    return safe.literal(t.resource);
}

/** The authentication-settings resource a user adds for this kind of app. */
function settingsFor(target: StackResource) {
    if (web.WebAppSlot.matches(target.type)) {
        return safe.literal("a web.WebAppAuthSettingsV2Slot resource");
    }
    return safe.literal(app.ContainerApp.matches(target.type) ? "an app.ContainerAppsAuthConfig resource" : "a web.WebAppAuthSettingsV2 resource");
}

const appName = (a: StackResource) => nameRef(propsOf(a).name);
const slotKey = (s: StackResource) => joinNames(nameRef(propsOf(s).name), nameRef(propsOf(s).slot));

export const appPublishingEntraAuth: InputRecordingStackPolicy = {
    ...policyFields(metadata),
    validateResource: recordInputsOf(RECORDED),
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        const report = reporter(reportViolation);
        const webApps = view.ofType(web.WebApp);
        const slots = view.ofType(web.WebAppSlot);
        const containerApps = view.ofType(app.ContainerApp);

        const appLinks = linkChildren(view, {
            children: view.ofType(web.WebAppAuthSettingsV2, web.WebAppAuthSettings),
            parents: webApps,
            dependencyKeys: ["name"],
            childName: appName,
            parentName: (a) => azureName(a, "name"),
        });
        const slotLinks = linkChildren(view, {
            children: view.ofType(web.WebAppAuthSettingsV2Slot, web.WebAppAuthSettingsSlot),
            parents: slots,
            dependencyKeys: ["slot"],
            childName: slotKey,
            parentName: slotKey,
        });
        const containerLinks = linkChildren(view, {
            children: view.ofType(app.ContainerAppsAuthConfig),
            parents: containerApps,
            dependencyKeys: ["containerAppName"],
            childName: (c) => nameRef(propsOf(c).containerAppName),
            parentName: (a) => azureName(a, "containerAppName"),
        });
        // A slot inherits the level and the intermediary tag of its app.
        const slotParents = linkChildren(view, {
            children: slots,
            parents: webApps,
            dependencyKeys: ["name"],
            childName: appName,
            parentName: (a) => azureName(a, "name"),
        });
        const parentOfSlot = new Map<string, StackResource>();
        for (const [parentUrn, children] of slotParents.byParent) {
            children.forEach((c) => parentOfSlot.set(c.urn, view.get(parentUrn)!));
        }
        const stackLevel = stackLevelTag(args.stackTags);

        const judge = (target: StackResource, links: Links, parent: StackResource | undefined) => {
            // The same precedence as StackView.levelOf, with the slot's app found by name as well as by
            // propertyDependencies.
            const level = resolveLevel({
                resource: levelTag(propsOf(target).tags),
                parents: parent ? [levelTag(propsOf(parent).tags)] : [],
                stack: stackLevel,
            });
            reportLevelProblem(report, target.urn, level);
            // A slot of a published app is published too (its own host name, the same code).
            const tags = [target, ...(parent ? [parent] : [])].map((r) => intermediaryTag(propsOf(r).tags));
            const tagged: TagReading = tags.includes("app-proxy") ? "app-proxy" : tags.includes("unknown") ? "unknown" : "other";
            const advisory = (p: Problem) => p.unknown && level.level !== "privileged";
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
            const configs = links.byParent.get(target.urn) ?? [];
            const problems: Problem[] = [];
            if (configs.length === 0) {
                problems.push(
                    links.unplaced.length > 0
                        ? undecided(msg`no authentication settings could be joined to this app during preview (an app name is unknown), so Entra sign-in cannot be verified.`)
                        : violation(
                              msg`no authentication settings in the stack require Microsoft Entra sign-in for this app. Add ${settingsFor(target)} for it with authentication on, anonymous requests refused and the azureActiveDirectory provider pinned to your tenant.`,
                          ),
                );
            }
            for (const cfg of configs) {
                for (const p of authSettingsProblems(shapeOf(cfg), propsOf(cfg))) {
                    problems.push({ unknown: p.unknown, message: msg`${typeWord(cfg)} ${safe.name(cfg.name)}: ${p.message}` });
                }
            }
            for (const p of problems) {
                report({ urn: target.urn, message: p.message, advisory: advisory(p) });
            }
        };

        webApps.forEach((a) => judge(a, appLinks, undefined));
        slots.forEach((s) => judge(s, slotLinks, parentOfSlot.get(s.urn)));
        containerApps.forEach((c) => judge(c, containerLinks, undefined));
    },
};
