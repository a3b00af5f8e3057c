// app-proxy-entra-publishing through the engine protocol, in both modes: an app published through
// Microsoft Entra Application Proxy — a service principal tagged WindowsAzureActiveDirectoryOnPremApp
// (any letter case) or whose loginUrl is an App Proxy external URL — requires user assignment at every
// level, and the stack should assign it to a group (advisory). Unknowns follow the general rule.
import { describe, expect, it } from "vitest";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, secret, unknown } from "../harness/stack";

const POLICY = "app-proxy-entra-publishing";
const SP = "azuread:index/servicePrincipal:ServicePrincipal";
const APPLICATION = "azuread:index/application:Application";
const ASSIGNMENT = "azuread:index/appRoleAssignment:AppRoleAssignment";
const GROUP = "azuread:index/group:Group";
const USER = "azuread:index/user:User";

/** The "non-gallery application" template Entra ID instantiates for on-premises (App Proxy) apps. */
const NON_GALLERY_TEMPLATE = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621";
/** An application without app roles is assigned through its default access role. */
const DEFAULT_ACCESS_ROLE = "00000000-0000-0000-0000-000000000000";
const APP_PROXY_TAGS = ["WindowsAzureActiveDirectoryOnPremApp", "WindowsAzureActiveDirectoryIntegratedApp"];
const MARKER = "SECRET-MARKER-appproxy-7f3a";

const LEVELS = ["enterprise", "specialized", "privileged"] as const;
const privileged = { securityLevel: "privileged" };

/** The application registration an App Proxy service principal belongs to. */
function application(name: string): FixtureResource {
    const external = `https://${name.toLowerCase()}-contoso.msappproxy.net/`;
    return resource(APPLICATION, `${name}App`, {
        displayName: `${name} (on-premises)`,
        templateId: NON_GALLERY_TEMPLATE,
        identifierUris: [external],
        web: { homepageUrl: external, redirectUris: [external] },
    });
}

/** The application's service principal, managed after the template created it. */
function servicePrincipal(name: string, inputs: Record<string, unknown>): FixtureResource {
    // `clientId` is the application's client id output: a GUID once the application exists.
    return resource(SP, name, { clientId: ref(`${name}App`, "objectId"), useExisting: true, ...inputs });
}

const adminsGroup = resource(GROUP, "portalAdmins", {
    displayName: "App - on-premises portals - Administrators",
    description: secret(MARKER),
    securityEnabled: true,
});

/** Grants `sp` to the portal administrators' group through the default access role. */
function assignedToAdmins(sp: string, principal = "portalAdmins"): FixtureResource {
    return resource(ASSIGNMENT, `${sp}Access`, {
        appRoleId: DEFAULT_ACCESS_ROLE,
        principalObjectId: ref(principal, "objectId"),
        resourceObjectId: ref(sp, "objectId"),
    });
}

/** An App Proxy app with its application and its group assignment. */
function published(name: string, inputs: Record<string, unknown>, opts: { assigned?: boolean } = {}): FixtureResource[] {
    return [application(name), servicePrincipal(name, inputs), ...(opts.assigned === false ? [] : [assignedToAdmins(name)])];
}

const expected = (entries: string[]) => entries.map((e) => `${POLICY} ${e}`).sort();

describe.each<Mode>(["known", "first-preview"])("app-proxy-entra-publishing (%s ids)", (mode) => {
    const check = (resources: FixtureResource[], stackTags: Record<string, string> = privileged) => run(resources, { mode, stackTags });

    it.each(LEVELS)("blocks an App Proxy app without appRoleAssignmentRequired at the %s level, whatever the tag's case", async (level) => {
        const result = await check(
            [
                adminsGroup,
                ...published("invalidNoRequirement", { tags: APP_PROXY_TAGS }),
                ...published("invalidRequirementFalse", { tags: ["windowsazureactivedirectoryonpremapp"], appRoleAssignmentRequired: false }),
                ...published("invalidUpperCaseTag", { tags: ["WINDOWSAZUREACTIVEDIRECTORYONPREMAPP", "HideApp"], appRoleAssignmentRequired: false }),
                ...published("invalidPaddedTag", { tags: [" WindowsAzureActiveDirectoryOnPremApp "] }),
                ...published("invalidLoginUrl", { loginUrl: "https://opsportal-contoso.msappproxy.net/", appRoleAssignmentRequired: false }),
                ...published("invalidLoginUrlUpperCase", { tags: [], loginUrl: "HTTPS://OPSPORTAL-CONTOSO.MSAPPPROXY.NET/signin" }),
                ...published("invalidLoginUrlRootDot", { loginUrl: "https://opsportal-contoso.msappproxy.net./" }),
            ],
            { securityLevel: level },
        );
        expect(verdicts(result, POLICY)).toEqual(
            expected([
                "invalidNoRequirement mandatory",
                "invalidRequirementFalse mandatory",
                "invalidUpperCaseTag mandatory",
                "invalidPaddedTag mandatory",
                "invalidLoginUrl mandatory",
                "invalidLoginUrlUpperCase mandatory",
                "invalidLoginUrlRootDot mandatory",
            ]),
        );
        expect(messagesOf(result).join("\n")).toContain(
            "Application Proxy app invalidNoRequirement does not set appRoleAssignmentRequired: true, so every user of the tenant can reach the published app.",
        );
    });

    it("blocks without a stack tag (enterprise by default)", async () => {
        const result = await run([adminsGroup, ...published("invalidDefaultLevel", { tags: APP_PROXY_TAGS })], { mode });
        expect(verdicts(result, POLICY)).toEqual(expected(["invalidDefaultLevel mandatory"]));
    });

    it("passes an App Proxy app that requires assignment and is assigned to a group of the stack", async () => {
        const result = await check([
            adminsGroup,
            ...published("validAssigned", { tags: APP_PROXY_TAGS, appRoleAssignmentRequired: true }),
            ...published("validLoginUrlAssigned", { loginUrl: "https://hr-contoso.msappproxy.net/", appRoleAssignmentRequired: true }),
        ]);
        expect(verdicts(result, POLICY)).toEqual([]);
    });

    it.each(LEVELS)("reports an App Proxy app that requires assignment but is assigned to no group of the stack as advisory at the %s level", async (level) => {
        const result = await check(
            [
                adminsGroup,
                resource(USER, "portalOperator", { displayName: "Portal operator", userPrincipalName: "operator@contoso.example", password: secret(MARKER) }),
                application("otherPortal"),
                servicePrincipal("otherPortal", { tags: APP_PROXY_TAGS, appRoleAssignmentRequired: true }),
                // Unassigned.
                ...published("unassigned", { tags: APP_PROXY_TAGS, appRoleAssignmentRequired: true }, { assigned: false }),
                // Assigned to a user, not a group.
                ...published("userAssigned", { tags: APP_PROXY_TAGS, appRoleAssignmentRequired: true }, { assigned: false }),
                assignedToAdmins("userAssigned", "portalOperator"),
                // The stack's group is assigned another app, not this one.
                assignedToAdmins("otherPortal"),
                // Assigned to a principal outside the stack, whose kind cannot be told.
                ...published("outsideAssigned", { tags: APP_PROXY_TAGS, appRoleAssignmentRequired: true }, { assigned: false }),
                resource(ASSIGNMENT, "outsideAssignedAccess", {
                    appRoleId: DEFAULT_ACCESS_ROLE,
                    principalObjectId: "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a",
                    resourceObjectId: ref("outsideAssigned", "objectId"),
                }),
            ],
            { securityLevel: level },
        );
        expect(verdicts(result, POLICY)).toEqual(expected(["unassigned advisory", "userAssigned advisory", "outsideAssigned advisory"]));
        const text = messagesOf(result).join("\n");
        expect(text).toContain("Application Proxy app unassigned is not assigned to a group in this stack");
        expect(text).not.toContain(MARKER);
    });

    it("blocks an unknown appRoleAssignmentRequired at the privileged level and reports it below it", async () => {
        const fixtures = [adminsGroup, ...published("unknownRequirement", { tags: APP_PROXY_TAGS, appRoleAssignmentRequired: unknown() })];
        expect(verdicts(await check(fixtures), POLICY)).toEqual(expected(["unknownRequirement mandatory"]));
        expect(verdicts(await check(fixtures, { securityLevel: "specialized" }), POLICY)).toEqual(expected(["unknownRequirement advisory"]));
        const enterprise = await check(fixtures, { securityLevel: "enterprise" });
        expect(verdicts(enterprise, POLICY)).toEqual(expected(["unknownRequirement advisory"]));
        expect(messagesOf(enterprise).join("\n")).toContain("appRoleAssignmentRequired cannot be known during preview");
    });

    it("does not judge a service principal that does not publish through Application Proxy", async () => {
        const result = await check([
            adminsGroup,
            application("plainApp"),
            servicePrincipal("plainApp", { tags: ["WindowsAzureActiveDirectoryIntegratedApp", "HideApp"], appRoleAssignmentRequired: false }),
            resource(SP, "noTags", { clientId: "6e5d4c3b-2a19-4087-b6a5-9f8e7d6c5b4a" }),
            resource(SP, "ownDomain", { clientId: "7f6e5d4c-3b2a-4198-87b6-a09f8e7d6c5b", loginUrl: "https://portal.contoso.example/" }),
            resource(SP, "lookAlikeDomain", { clientId: "8a7f6e5d-4c3b-4a29-98c7-b1a09f8e7d6c", loginUrl: "https://portal.msappproxy.net.contoso.example/" }),
            resource(SP, "tagInDescription", { clientId: "9b8a7f6e-5d4c-4b3a-a9d8-c2b1a09f8e7d", description: "WindowsAzureActiveDirectoryOnPremApp", tags: ["OnPremApp"] }),
        ]);
        expect(verdicts(result, POLICY)).toEqual([]);
    });

    it("reports a service principal whose tags cannot be known: advisory below the privileged level, mandatory at it", async () => {
        const fixtures = [
            adminsGroup,
            ...published("unknownTags", { tags: unknown(), appRoleAssignmentRequired: false }),
            ...published("unknownTagEntry", { tags: ["WindowsAzureActiveDirectoryIntegratedApp", unknown()], appRoleAssignmentRequired: false }),
        ];
        for (const level of ["enterprise", "specialized"]) {
            expect(verdicts(await check(fixtures, { securityLevel: level }), POLICY)).toEqual(expected(["unknownTags advisory", "unknownTagEntry advisory"]));
        }
        const atPrivileged = await check(fixtures);
        expect(verdicts(atPrivileged, POLICY)).toEqual(expected(["unknownTags mandatory", "unknownTagEntry mandatory"]));
        expect(messagesOf(atPrivileged).join("\n")).toContain("cannot be known during preview, so it cannot be told whether it publishes an Application Proxy app");
    });

    it("reports a service principal whose loginUrl cannot be known like one whose tags cannot be known", async () => {
        const fixtures = [adminsGroup, ...published("unknownLoginUrl", { tags: ["WindowsAzureActiveDirectoryIntegratedApp"], loginUrl: unknown() })];
        expect(verdicts(await check(fixtures, { securityLevel: "enterprise" }), POLICY)).toEqual(expected(["unknownLoginUrl advisory"]));
        expect(verdicts(await check(fixtures), POLICY)).toEqual(expected(["unknownLoginUrl mandatory"]));
        // A known App Proxy tag decides whatever the loginUrl.
        const tagged = [adminsGroup, ...published("invalidTaggedUnknownUrl", { tags: APP_PROXY_TAGS, loginUrl: unknown() })];
        expect(verdicts(await check(tagged, { securityLevel: "enterprise" }), POLICY)).toEqual(expected(["invalidTaggedUnknownUrl mandatory"]));
    });

    it("judges at the privileged level, once on the stack, when the stack tag is not a level", async () => {
        const fixtures = [adminsGroup, ...published("unknownTags", { tags: unknown() }), ...published("unknownTagsToo", { tags: unknown() })];
        expect(verdicts(await check(fixtures, { securityLevel: "privilegd" }), POLICY)).toEqual(
            expected(["(stack) mandatory", "unknownTags mandatory", "unknownTagsToo mandatory"]),
        );
    });

    it("never quotes a secret: a secret loginUrl is read, not echoed", async () => {
        const result = await check(
            [
                adminsGroup,
                application("secretUrl"),
                servicePrincipal("secretUrl", {
                    loginUrl: secret(`https://${MARKER.toLowerCase()}.msappproxy.net/`),
                    notes: secret(MARKER),
                    description: secret(MARKER),
                    appRoleAssignmentRequired: false,
                }),
            ],
            { securityLevel: "specialized" },
        );
        expect(verdicts(result, POLICY)).toEqual(expected(["secretUrl mandatory", "secretUrl advisory"]));
        for (const message of messagesOf(result)) {
            expect(message.toLowerCase()).not.toContain(MARKER.toLowerCase());
        }
    });
});
