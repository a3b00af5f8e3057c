// PAG-012: an app published through Microsoft Entra Application Proxy is open only to the users
// assigned to it — `appRoleAssignmentRequired: true` at every level — and the stack should assign it
// to a group (advisory). azuread cannot express pre-authentication; the doc page says so.
import { ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { levelFromTags } from "../engine/levels";
import { InputRecordingStackPolicy, recordInputsOf } from "../engine/memory";
import { msg, safe } from "../engine/messages";
import { exemptible } from "../engine/exemptible";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { reporter, reportLevelProblem } from "../engine/report";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { isUnknown } from "../engine/values";
import { isAppProxyApp } from "../azure/app-proxy";
import { canonicalGuid } from "../azure/roles";
import { azuread } from "../azure/types";

export const metadata: PolicyMetadata = {
    id: "PAG-012",
    name: "app-proxy-entra-publishing",
    description:
        "Apps published through Microsoft Entra Application Proxy require user assignment, so that only the users and groups assigned to the app can reach it.",
    severity: "high",
    url: SEED_URLS.intermediaries,
    remediationSteps:
        "Set appRoleAssignmentRequired: true on the Application Proxy app's azuread.ServicePrincipal and grant the app to the group of users who need it with an azuread.AppRoleAssignment (principalObjectId: the group's objectId, resourceObjectId: the service principal's objectId).",
    mcsb: ["PA-7", "IM-7"],
    cis: [],
};

/** Whether an app role assignment of the stack grants `sp` to a group. */
function assignedToGroup(view: StackView, sp: StackResource, assignments: readonly StackResource[]): boolean {
    const spId = canonicalGuid(sp.outputs.objectId);
    return assignments.some((a) => {
        const toApp =
            view.dependenciesOf(a, "resourceObjectId").some((d) => d.urn === sp.urn) ||
            (spId !== undefined && canonicalGuid(propsOf(a).resourceObjectId) === spId);
        const toGroup =
            view.dependenciesOf(a, "principalObjectId").some((d) => azuread.Group.matches(d.type)) ||
            (typeof a.outputs.principalType === "string" && a.outputs.principalType.toLowerCase() === "group");
        return toApp && toGroup;
    });
}

export function validateAppProxyPublishing(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const report = reporter(reportViolation);
    const view = StackView.of(args);
    const apps = view.ofType(azuread.ServicePrincipal).filter((sp) => isAppProxyApp(propsOf(sp)) !== false);
    if (apps.length === 0) {
        return;
    }
    const level = levelFromTags(undefined, args.stackTags);
    // The stack tag decides how an unknown is reported: a tag that is not a level is one stack finding.
    reportLevelProblem(report, undefined, level);
    const privileged = level.level === "privileged";
    const assignments = view.ofType(azuread.AppRoleAssignment);
    for (const sp of apps) {
        const name = safe.name(sp.name);
        if (isAppProxyApp(propsOf(sp)) === "unknown") {
            report({
                urn: sp.urn,
                message: msg`Service principal ${name}: its tags or loginUrl cannot be known during preview, so it cannot be told whether it publishes an Application Proxy app; if it does, it must set appRoleAssignmentRequired: true.`,
                advisory: !privileged,
            });
            continue;
        }
        const required = propsOf(sp).appRoleAssignmentRequired;
        if (isUnknown(required)) {
            report({
                urn: sp.urn,
                message: msg`Application Proxy app ${name}: appRoleAssignmentRequired cannot be known during preview; without it every user of the tenant can reach the published app. Set appRoleAssignmentRequired: true.`,
                advisory: !privileged,
            });
        } else if (required !== true) {
            report({
                urn: sp.urn,
                message: msg`Application Proxy app ${name} does not set appRoleAssignmentRequired: true, so every user of the tenant can reach the published app. Set appRoleAssignmentRequired: true and assign the app to the group that needs it.`,
                // A value that is not a boolean cannot be read as a choice: never exempted.
                kind: required !== undefined && required !== null && typeof required !== "boolean" ? "malformed" : undefined,
            });
        }
        if (!assignedToGroup(view, sp, assignments)) {
            report({
                urn: sp.urn,
                message: msg`Application Proxy app ${name} is not assigned to a group in this stack: add an azuread.AppRoleAssignment granting it to the group of users who need it (resourceObjectId: the service principal's objectId).`,
                advisory: true,
            });
        }
    }
}

export const appProxyEntraPublishing: InputRecordingStackPolicy = exemptible(metadata, {
    ...policyFields(metadata),
    validateResource: recordInputsOf([azuread.ServicePrincipal, azuread.AppRoleAssignment, azuread.Group]),
    validateStack: validateAppProxyPublishing,
});
