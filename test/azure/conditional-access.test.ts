// Conditional Access facts (DESIGN §3b, PAG-010): authentication strengths, how a grant's controls
// combine, OR-bypass, the conditions that narrow a policy, and what a policy contributes to coverage.
import { describe, expect, it } from "vitest";
import {
    ADMIN_PORTALS_APP,
    AZURE_MANAGEMENT_APP,
    attestedDemands,
    capFacts,
    contribution,
    coversApp,
    Demand,
    DEMANDS,
    Demands,
    grantOf,
    orBypass,
    policyState,
    requiredDemands,
    strengthDemands,
    strengthGuid,
    targetsOf,
    words,
} from "../../policy-pack/src/azure/conditional-access";
import { Fixture, stackOf, urnOf } from "./stack-view";

const CAP = "azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy";
const ASP = "azuread:index/authenticationStrengthPolicy:AuthenticationStrengthPolicy";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";
const UNKNOWN_OBJECT = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";

const GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
const STRENGTH_MFA = "00000000-0000-0000-0000-000000000002";
const STRENGTH_PASSWORDLESS = "00000000-0000-0000-0000-000000000003";
const STRENGTH_PHISHING_RESISTANT = "00000000-0000-0000-0000-000000000004";
const PREFIX = "/policies/authenticationStrengthPolicies/";
const CUSTOM_STRENGTH = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b";

function capProps(grantControls: unknown, conditions: Record<string, unknown> = {}, state: unknown = "enabled"): Record<string, unknown> {
    return {
        displayName: "admins",
        state,
        conditions: {
            clientAppTypes: ["all"],
            users: { includedRoles: [GLOBAL_ADMIN] },
            applications: { includedApplications: ["All"] },
            ...conditions,
        },
        grantControls,
    };
}

/** The facts of one CAP named `cap` in a stack of the CAP and the other fixtures. */
function factsOf(props: Record<string, unknown>, others: Fixture[] = [], deps?: Record<string, string[]>) {
    const view = stackOf([...others, { type: CAP, name: "cap", props, deps }]);
    const cap = view.get(urnOf(CAP, "cap"))!;
    return { view, cap, facts: capFacts(view, cap) };
}

const grantFor = (grantControls: unknown, others: Fixture[] = [], deps?: Record<string, string[]>) => {
    const { view, cap } = factsOf(capProps(grantControls), others, deps);
    return grantOf(view, cap);
};

/** Demands as plain lists in the canonical order, for exact comparison. */
const shown = (d: Demands) => ({
    known: DEMANDS.filter((x) => d.known.has(x)),
    possible: DEMANDS.filter((x) => d.possible.has(x)),
});
const exactly = (...demands: Demand[]) => ({ known: demands, possible: demands });
const NOTHING = exactly();
const EVERYTHING = exactly("mfa", "phishingResistant", "deviceTrust");
const UNKNOWN_STRENGTH = { known: [], possible: ["mfa", "phishingResistant"] };

const AND = (...builtInControls: string[]) => ({ operator: "AND", builtInControls });
const OR = (...builtInControls: string[]) => ({ operator: "OR", builtInControls });

describe("strengthGuid", () => {
    it.each([
        [STRENGTH_PHISHING_RESISTANT, STRENGTH_PHISHING_RESISTANT],
        [`${PREFIX}${STRENGTH_PHISHING_RESISTANT}`, STRENGTH_PHISHING_RESISTANT],
        [`/POLICIES/AUTHENTICATIONSTRENGTHPOLICIES/${STRENGTH_MFA}`, STRENGTH_MFA],
        [`  ${PREFIX}${STRENGTH_PASSWORDLESS}  `, STRENGTH_PASSWORDLESS],
        [CUSTOM_STRENGTH.toUpperCase(), CUSTOM_STRENGTH],
        [`/Policies/AuthenticationStrengthPolicies/${CUSTOM_STRENGTH.toUpperCase()}`, CUSTOM_STRENGTH],
    ])("%j names %s", (value, guid) => {
        expect(strengthGuid(value)).toBe(guid);
    });

    it.each([[UNKNOWN], ["phishing-resistant"], [PREFIX], [""], [42], [undefined], [null]])("%j names no strength", (value) => {
        expect(strengthGuid(value)).toBeUndefined();
    });
});

describe("strengthDemands", () => {
    const PHISHING_RESISTANT_METHODS = ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"];

    it("treats an allow-list of only phishing-resistant methods as phishing-resistant MFA, in any letter case", () => {
        expect(shown(strengthDemands(PHISHING_RESISTANT_METHODS))).toEqual(exactly("mfa", "phishingResistant"));
        expect(shown(strengthDemands(["FIDO2"]))).toEqual(exactly("mfa", "phishingResistant"));
        expect(shown(strengthDemands(["WindowsHelloForBusiness", " x509certificatemultifactor "]))).toEqual(exactly("mfa", "phishingResistant"));
    });

    it.each(["password", "sms", "voice", "federatedSingleFactor", "x509CertificateSingleFactor", "temporaryAccessPassOneTime", "SMS"])(
        "adding the single factor %s makes the strength demand nothing",
        (factor) => {
            expect(shown(strengthDemands([...PHISHING_RESISTANT_METHODS, factor]))).toEqual(NOTHING);
        },
    );

    it("treats a multifactor combination as MFA, not phishing-resistant; the weakest combination decides", () => {
        expect(shown(strengthDemands(["password,microsoftAuthenticatorPush"]))).toEqual(exactly("mfa"));
        expect(shown(strengthDemands(["password, softwareOath", "password,sms"]))).toEqual(exactly("mfa"));
        expect(shown(strengthDemands(["fido2", "password,microsoftAuthenticatorPush"]))).toEqual(exactly("mfa"));
        expect(shown(strengthDemands(["fido2", "password,microsoftAuthenticatorPush", "sms"]))).toEqual(NOTHING);
    });

    it("demands nothing of an empty or missing allow-list", () => {
        expect(shown(strengthDemands([]))).toEqual(NOTHING);
        expect(shown(strengthDemands(undefined))).toEqual(NOTHING);
        expect(shown(strengthDemands(null))).toEqual(NOTHING);
        expect(shown(strengthDemands([""]))).toEqual(NOTHING);
    });

    it("leaves an unknown allow-list or combination undecided: nothing known, MFA and phishing resistance possible", () => {
        expect(shown(strengthDemands(UNKNOWN_ARRAY))).toEqual(UNKNOWN_STRENGTH);
        expect(shown(strengthDemands(["fido2", UNKNOWN]))).toEqual(UNKNOWN_STRENGTH);
        expect(shown(strengthDemands(["password,microsoftAuthenticatorPush", UNKNOWN]))).toEqual({ known: [], possible: ["mfa"] });
        expect(shown(strengthDemands(["sms", UNKNOWN]))).toEqual(NOTHING);
    });
});

describe("grantOf: authentication strengths", () => {
    it.each([
        [STRENGTH_MFA, ["mfa"]],
        [`${PREFIX}${STRENGTH_MFA}`, ["mfa"]],
        [STRENGTH_PASSWORDLESS, ["mfa"]],
        [`${PREFIX.toUpperCase()}${STRENGTH_PASSWORDLESS}`, ["mfa"]],
        [STRENGTH_PHISHING_RESISTANT, ["mfa", "phishingResistant"]],
        [`${PREFIX}${STRENGTH_PHISHING_RESISTANT}`, ["mfa", "phishingResistant"]],
        [`/Policies/AuthenticationStrengthPolicies/${STRENGTH_PHISHING_RESISTANT}`, ["mfa", "phishingResistant"]],
    ] as [string, Demand[]][])("built-in strength %s demands %j", (id, demands) => {
        const grant = grantFor({ operator: "OR", authenticationStrengthPolicyId: id });
        expect(shown(grant.demands)).toEqual(exactly(...demands));
        expect(grant.controls).toHaveLength(1);
        expect(grant.block).toBe(false);
    });

    it("resolves a strength policy of the stack through propertyDependencies when its id is unknown", () => {
        const strong: Fixture = { type: ASP, name: "strong", props: { allowedCombinations: ["fido2", "windowsHelloForBusiness"] } };
        const weak: Fixture = { type: ASP, name: "weak", props: { allowedCombinations: ["fido2", "password"] } };
        const mfa: Fixture = { type: ASP, name: "mfaOnly", props: { allowedCombinations: ["password,microsoftAuthenticatorPush"] } };
        const grantOn = (asp: string) => grantFor({ operator: "OR", authenticationStrengthPolicyId: UNKNOWN }, [strong, weak, mfa], { grantControls: [asp] });
        expect(shown(grantOn("strong").demands)).toEqual(exactly("mfa", "phishingResistant"));
        expect(shown(grantOn("weak").demands)).toEqual(NOTHING);
        expect(shown(grantOn("mfaOnly").demands)).toEqual(exactly("mfa"));
        expect(grantOn("strong").controls.map((c) => c.text)).toEqual(["authentication strength strong"]);
    });

    it("resolves a strength policy of the stack by its id, with or without the prefix", () => {
        const strong: Fixture = {
            type: ASP,
            name: "strong",
            props: { id: `${PREFIX}${CUSTOM_STRENGTH}`, allowedCombinations: ["x509CertificateMultiFactor"] },
        };
        expect(shown(grantFor({ operator: "OR", authenticationStrengthPolicyId: CUSTOM_STRENGTH.toUpperCase() }, [strong]).demands)).toEqual(
            exactly("mfa", "phishingResistant"),
        );
        expect(shown(grantFor({ operator: "OR", authenticationStrengthPolicyId: `${PREFIX}${CUSTOM_STRENGTH}` }, [strong]).demands)).toEqual(
            exactly("mfa", "phishingResistant"),
        );
    });

    it("leaves the unknown sentinel and a strength neither built in nor in the stack unknown", () => {
        const unknown = grantFor({ operator: "OR", authenticationStrengthPolicyId: UNKNOWN });
        expect(shown(unknown.demands)).toEqual(UNKNOWN_STRENGTH);
        expect(unknown.controls.map((c) => c.text)).toEqual(["an authentication strength that cannot be known during preview"]);

        const elsewhere = grantFor({ operator: "OR", authenticationStrengthPolicyId: `${PREFIX}${CUSTOM_STRENGTH}` });
        expect(shown(elsewhere.demands)).toEqual(UNKNOWN_STRENGTH);
        expect(elsewhere.controls.map((c) => c.text)).toEqual([`authentication strength ${CUSTOM_STRENGTH}, neither built in nor in the stack,`]);
    });

    it("takes an id that is not a GUID for no demand at all", () => {
        expect(shown(grantFor({ operator: "OR", authenticationStrengthPolicyId: "phishing-resistant" }).demands)).toEqual(NOTHING);
    });
});

describe("grantOf: combining controls", () => {
    it("AND demands what every control demands", () => {
        expect(shown(grantFor(AND("mfa", "compliantDevice")).demands)).toEqual(exactly("mfa", "deviceTrust"));
        expect(shown(grantFor(AND("MFA", "DomainJoinedDevice")).demands)).toEqual(exactly("mfa", "deviceTrust"));
        expect(shown(grantFor({ operator: "and", builtInControls: ["compliantDevice"], authenticationStrengthPolicyId: STRENGTH_PHISHING_RESISTANT }).demands)).toEqual(
            EVERYTHING,
        );
        expect(grantFor({ operator: "and", builtInControls: ["mfa"] }).operator).toBe("AND");
    });

    it("OR demands only what every alternative demands", () => {
        expect(shown(grantFor(OR("mfa", "compliantDevice")).demands)).toEqual(NOTHING);
        expect(shown(grantFor(OR("compliantDevice", "domainJoinedDevice")).demands)).toEqual(exactly("deviceTrust"));
        expect(shown(grantFor({ operator: "OR", builtInControls: ["mfa"], authenticationStrengthPolicyId: STRENGTH_PHISHING_RESISTANT }).demands)).toEqual(exactly("mfa"));
        expect(shown(grantFor(OR("mfa", "approvedApplication")).demands)).toEqual(NOTHING);
        expect(shown(grantFor({ operator: "OR", builtInControls: ["mfa"], termsOfUses: ["tou"] }).demands)).toEqual(NOTHING);
        expect(shown(grantFor(OR("mfa")).demands)).toEqual(exactly("mfa"));
    });

    it("block demands everything", () => {
        const block = grantFor(OR("block"));
        expect(shown(block.demands)).toEqual(EVERYTHING);
        expect(block.block).toBe(true);
        expect(shown(grantFor(AND("Block")).demands)).toEqual(EVERYTHING);
        // An alternative that blocks demands everything, so the OR demands what the other one does.
        expect(shown(grantFor(OR("block", "mfa")).demands)).toEqual(exactly("mfa"));
        expect(grantFor(OR("block", "mfa")).block).toBe(false);
    });

    it("demands nothing of controls that are not authentication", () => {
        for (const control of ["approvedApplication", "compliantApplication", "passwordChange"]) {
            expect(shown(grantFor(AND(control)).demands)).toEqual(NOTHING);
        }
        expect(shown(grantFor({ operator: "AND", customAuthenticationFactors: ["duo"] }).demands)).toEqual(NOTHING);
        expect(shown(grantFor({ operator: "AND", builtInControls: [] }).demands)).toEqual(NOTHING);
        expect(grantFor({ operator: "AND", builtInControls: [] }).block).toBe(false);
    });

    it("leaves unknown controls and operators undecided", () => {
        expect(shown(grantFor(UNKNOWN_OBJECT).demands)).toEqual({ known: [], possible: DEMANDS });
        expect(shown(grantFor({ operator: "AND", builtInControls: UNKNOWN_ARRAY }).demands)).toEqual({ known: [], possible: DEMANDS });
        const unknownOperator = grantFor({ operator: UNKNOWN, builtInControls: ["mfa", "compliantDevice"] });
        expect(unknownOperator.operator).toBe("unknown");
        expect(shown(unknownOperator.demands)).toEqual({ known: [], possible: ["mfa", "deviceTrust"] });
    });
});

describe("orBypass", () => {
    const bypass = (grantControls: unknown) => {
        const found = orBypass(grantFor(grantControls));
        return found && { mfa: found.mfa.map((c) => c.text), weaker: found.weaker.map((c) => c.text) };
    };

    it("finds a non-MFA alternative beside an MFA-strength one", () => {
        expect(bypass(OR("mfa", "compliantDevice"))).toEqual({ mfa: ["mfa"], weaker: ["compliantDevice"] });
        expect(bypass({ operator: "or", builtInControls: ["MFA", "domainJoinedDevice", "approvedApplication"] })).toEqual({
            mfa: ["mfa"],
            weaker: ["domainJoinedDevice", "approvedApplication"],
        });
        expect(bypass({ operator: "OR", builtInControls: ["compliantDevice"], authenticationStrengthPolicyId: `${PREFIX}${STRENGTH_PHISHING_RESISTANT}` })).toEqual({
            mfa: ["authentication strength Phishing-resistant MFA"],
            weaker: ["compliantDevice"],
        });
        expect(bypass({ operator: "OR", builtInControls: ["mfa"], termsOfUses: ["tou"] })).toEqual({ mfa: ["mfa"], weaker: ["terms of use"] });
        expect(bypass({ operator: "OR", builtInControls: ["mfa"], customAuthenticationFactors: ["duo"] })).toEqual({
            mfa: ["mfa"],
            weaker: ["a custom authentication factor"],
        });
    });

    it("finds no bypass in a pure device OR, a lone block, an AND, or a single control", () => {
        expect(bypass(OR("compliantDevice", "domainJoinedDevice"))).toBeUndefined();
        expect(bypass(OR("block"))).toBeUndefined();
        expect(bypass(OR("block", "compliantDevice"))).toBeUndefined();
        expect(bypass(AND("mfa", "compliantDevice"))).toBeUndefined();
        expect(bypass(OR("mfa"))).toBeUndefined();
        expect(bypass({ operator: "OR", authenticationStrengthPolicyId: STRENGTH_MFA })).toBeUndefined();
        expect(bypass({ operator: "OR", builtInControls: ["mfa"], authenticationStrengthPolicyId: STRENGTH_PHISHING_RESISTANT })).toBeUndefined();
    });
});

describe("words and policyState", () => {
    it("reads lists (or a single value) lower-cased, and unknown when any part is unknown", () => {
        expect(words(["All", " MicrosoftAdminPortals ", "", 3])).toEqual({ kind: "words", values: ["all", "microsoftadminportals"] });
        expect(words("Elevated")).toEqual({ kind: "words", values: ["elevated"] });
        expect(words(undefined)).toEqual({ kind: "words", values: [] });
        expect(words(null)).toEqual({ kind: "words", values: [] });
        expect(words(UNKNOWN_ARRAY)).toEqual({ kind: "unknown" });
        expect(words(["All", UNKNOWN])).toEqual({ kind: "unknown" });
    });

    it.each([
        ["enabled", "enabled"],
        ["Enabled", "enabled"],
        ["enabledForReportingButNotEnforced", "reportOnly"],
        ["ENABLEDFORREPORTINGBUTNOTENFORCED", "reportOnly"],
        ["disabled", "disabled"],
        [" Disabled ", "disabled"],
        [UNKNOWN, "unknown"],
        ["on", "invalid"],
        [undefined, "invalid"],
        [true, "invalid"],
    ])("state %j is %s", (value, state) => {
        expect(policyState(value)).toBe(state);
    });
});

describe("targetsOf and coversApp", () => {
    const targets = (conditions: Record<string, unknown>) => targetsOf(factsOf(capProps(AND("mfa"), conditions)).cap);

    it("reads users, roles and apps case-insensitively", () => {
        const t = targets({
            users: { includedUsers: ["All"], includedRoles: [GLOBAL_ADMIN.toUpperCase()], excludedUsers: ["U1"], excludedGroups: ["G1"] },
            applications: { includedApplications: ["ALL"] },
        });
        expect(t.includedUsers).toEqual({ kind: "words", values: ["all"] });
        expect(t.includedRoles).toEqual({ kind: "words", values: [GLOBAL_ADMIN] });
        expect(t.excludedUsers).toEqual({ kind: "words", values: ["u1"] });
        expect(t.excludedGroups).toEqual({ kind: "words", values: ["g1"] });
        expect(t.excludedRoles).toEqual({ kind: "words", values: [] });
        expect(t.excludedGuests).toBe(false);
        expect(coversApp(t, AZURE_MANAGEMENT_APP)).toBe(true);
        expect(coversApp(t, ADMIN_PORTALS_APP)).toBe(true);
    });

    it("covers an admin interface named by id (any case) or All, unless it is excluded", () => {
        const byId = targets({ applications: { includedApplications: [AZURE_MANAGEMENT_APP.toUpperCase()] } });
        expect(coversApp(byId, AZURE_MANAGEMENT_APP)).toBe(true);
        expect(coversApp(byId, ADMIN_PORTALS_APP)).toBe(false);

        const portals = targets({ applications: { includedApplications: ["MicrosoftAdminPortals"] } });
        expect(coversApp(portals, ADMIN_PORTALS_APP)).toBe(true);
        expect(coversApp(portals, AZURE_MANAGEMENT_APP)).toBe(false);

        const allButArm = targets({ applications: { includedApplications: ["All"], excludedApplications: [AZURE_MANAGEMENT_APP] } });
        expect(coversApp(allButArm, AZURE_MANAGEMENT_APP)).toBe(false);
        expect(coversApp(allButArm, ADMIN_PORTALS_APP)).toBe(true);

        const allButPortals = targets({ applications: { includedApplications: ["All"], excludedApplications: ["microsoftAdminPortals"] } });
        expect(coversApp(allButPortals, ADMIN_PORTALS_APP)).toBe(false);
        expect(coversApp(allButPortals, AZURE_MANAGEMENT_APP)).toBe(true);

        const other = targets({ applications: { includedApplications: ["Office365"] } });
        expect(coversApp(other, AZURE_MANAGEMENT_APP)).toBe(false);
        expect(coversApp(other, ADMIN_PORTALS_APP)).toBe(false);

        const unknown = targets({ applications: { includedApplications: UNKNOWN_ARRAY } });
        expect(unknown.includedApplications).toEqual({ kind: "unknown" });
        expect(coversApp(unknown, AZURE_MANAGEMENT_APP)).toBe(false);
    });

    it("notes excluded guests, and unknown ones", () => {
        const guests = { guestOrExternalUserTypes: ["b2bCollaborationGuest"], externalTenants: [{ membershipKind: "all" }] };
        expect(targets({ users: { includedRoles: [GLOBAL_ADMIN], excludedGuestsOrExternalUsers: [guests] } }).excludedGuests).toBe(true);
        expect(targets({ users: { includedRoles: [GLOBAL_ADMIN], excludedGuestsOrExternalUsers: [] } }).excludedGuests).toBe(false);
        expect(targets({ users: { includedRoles: [GLOBAL_ADMIN], excludedGuestsOrExternalUsers: UNKNOWN_ARRAY } }).excludedGuests).toBe("unknown");
        expect(targets({ users: UNKNOWN_OBJECT }).includedRoles).toEqual({ kind: "unknown" });
    });
});

describe("narrowing conditions", () => {
    const narrowing = (conditions: Record<string, unknown>, grantControls: unknown = AND("mfa")) =>
        factsOf(capProps(grantControls, conditions)).facts.narrowing.map((n) => ({ path: n.path, unknown: n.unknown, deviceExclusion: n.deviceExclusion }));
    const one = (path: string, deviceExclusion = false) => [{ path: `conditions.${path}`, unknown: false, deviceExclusion }];

    it("finds none in users, roles, apps, all locations and all client app types", () => {
        expect(narrowing({})).toEqual([]);
        expect(narrowing({ locations: { includedLocations: ["All"] } })).toEqual([]);
        expect(narrowing({ locations: { includedLocations: ["ALL"], excludedLocations: [] } })).toEqual([]);
        expect(narrowing({ clientAppTypes: ["ALL"] })).toEqual([]);
        expect(narrowing({ clientAppTypes: [] })).toEqual([]);
        expect(narrowing({ platforms: { includedPlatforms: ["All"] } })).toEqual([]);
        expect(narrowing({ userRiskLevels: [], signInRiskLevels: [], servicePrincipalRiskLevels: [], authenticationFlowTransferMethods: [] })).toEqual([]);
        expect(narrowing({ devices: null, clientApplications: null, locations: null, platforms: null })).toEqual([]);
        expect(narrowing({ locations: { includedLocations: ["All", "AllTrusted"] }, platforms: { includedPlatforms: [], excludedPlatforms: [] } })).toEqual([]);
        expect(narrowing({ clientApplications: { includedServicePrincipals: [], excludedServicePrincipals: [] } })).toEqual([]);
    });

    it("finds excluded locations and included locations other than All", () => {
        expect(narrowing({ locations: { includedLocations: ["All"], excludedLocations: ["AllTrusted"] } })).toEqual(one("locations.excludedLocations"));
        // A named location of the same stack has an unknown id in a first preview: still an exclusion.
        expect(narrowing({ locations: { includedLocations: ["all"], excludedLocations: [UNKNOWN] } })).toEqual(one("locations.excludedLocations"));
        expect(narrowing({ locations: { includedLocations: ["AllTrusted"] } })).toEqual(one("locations.includedLocations"));
        expect(narrowing({ locations: { includedLocations: ["5a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9"] } })).toEqual(one("locations.includedLocations"));
        expect(narrowing({ locations: { includedLocations: UNKNOWN_ARRAY } })).toEqual([{ path: "conditions.locations", unknown: true, deviceExclusion: false }]);
    });

    it("finds platform conditions", () => {
        expect(narrowing({ platforms: { includedPlatforms: ["android", "iOS"] } })).toEqual(one("platforms"));
        expect(narrowing({ platforms: { includedPlatforms: ["All"], excludedPlatforms: ["linux"] } })).toEqual(one("platforms"));
        expect(narrowing({ platforms: { includedPlatforms: ["all"], excludedPlatforms: UNKNOWN_ARRAY } })).toEqual([
            { path: "conditions.platforms", unknown: true, deviceExclusion: false },
        ]);
    });

    it("finds client app types other than all", () => {
        expect(narrowing({ clientAppTypes: ["browser", "mobileAppsAndDesktopClients"] })).toEqual(one("clientAppTypes"));
        expect(narrowing({ clientAppTypes: ["exchangeActiveSync", "other"] })).toEqual(one("clientAppTypes"));
        expect(narrowing({ clientAppTypes: UNKNOWN_ARRAY })).toEqual([{ path: "conditions.clientAppTypes", unknown: true, deviceExclusion: false }]);
    });

    it("finds a device filter in include and in exclude mode, and marks the exclude mode", () => {
        const rule = 'device.extensionAttribute1 -eq "PAW"';
        expect(narrowing({ devices: { filter: { mode: "include", rule } } })).toEqual(one("devices.filter"));
        expect(narrowing({ devices: { filter: { mode: "exclude", rule } } })).toEqual(one("devices.filter", true));
        expect(narrowing({ devices: { filter: { mode: "Exclude", rule } } })).toEqual(one("devices.filter", true));
        expect(narrowing({ devices: { filter: { mode: UNKNOWN, rule } } })).toEqual([{ path: "conditions.devices.filter", unknown: true, deviceExclusion: false }]);
        expect(narrowing({ devices: { filter: UNKNOWN_OBJECT } })).toEqual([{ path: "conditions.devices.filter", unknown: true, deviceExclusion: false }]);
    });

    it.each([
        ["userRiskLevels", ["high"]],
        ["signInRiskLevels", ["medium", "High"]],
        ["servicePrincipalRiskLevels", ["high"]],
        ["insiderRiskLevels", "elevated"],
        ["authenticationFlowTransferMethods", ["deviceCodeFlow"]],
    ])("finds %s", (key, value) => {
        expect(narrowing({ [key]: value })).toEqual(one(key));
        expect(narrowing({ [key]: UNKNOWN_ARRAY })).toEqual([{ path: `conditions.${key}`, unknown: true, deviceExclusion: false }]);
    });

    it("finds client application filters", () => {
        expect(narrowing({ clientApplications: { includedServicePrincipals: ["ServicePrincipalsInMyTenant"] } })).toEqual(one("clientApplications"));
        expect(narrowing({ clientApplications: { excludedServicePrincipals: ["0d1e2f30-4152-4637-8495-a6b7c8d9e0f1"] } })).toEqual(one("clientApplications"));
        expect(narrowing({ clientApplications: { filter: { mode: "include", rule: 'CustomSecurityAttribute.x -eq "y"' } } })).toEqual(one("clientApplications"));
        expect(narrowing({ clientApplications: UNKNOWN_OBJECT })).toEqual([{ path: "conditions.clientApplications", unknown: true, deviceExclusion: false }]);
    });

    it("lists every narrowing condition of a policy, on grant and block policies alike", () => {
        const conditions = {
            locations: { includedLocations: ["All"], excludedLocations: ["AllTrusted"] },
            platforms: { includedPlatforms: ["windows"] },
            clientAppTypes: ["browser"],
            devices: { filter: { mode: "exclude", rule: "device.isCompliant -eq True" } },
            userRiskLevels: ["high"],
        };
        const expected = [
            ...one("locations.excludedLocations"),
            ...one("platforms"),
            ...one("clientAppTypes"),
            ...one("devices.filter", true),
            ...one("userRiskLevels"),
        ];
        expect(narrowing(conditions)).toEqual(expected);
        expect(narrowing(conditions, OR("block"))).toEqual(expected);
    });
});

describe("contribution", () => {
    const contributionOf = (grantControls: unknown, conditions: Record<string, unknown> = {}) =>
        shown(contribution(factsOf(capProps(grantControls, conditions)).facts));
    const excludeFilter = { devices: { filter: { mode: "exclude", rule: 'device.extensionAttribute1 -eq "PAW"' } } };

    it("counts a grant policy's demands only without narrowing conditions", () => {
        expect(contributionOf(AND("mfa", "compliantDevice"))).toEqual(exactly("mfa", "deviceTrust"));
        expect(contributionOf({ operator: "OR", authenticationStrengthPolicyId: STRENGTH_PHISHING_RESISTANT })).toEqual(exactly("mfa", "phishingResistant"));
        expect(contributionOf(AND("mfa"), { locations: { includedLocations: ["All"], excludedLocations: ["AllTrusted"] } })).toEqual(NOTHING);
        // An excluded device skips the grant: for a grant policy the exclude-mode filter is narrowing too.
        expect(contributionOf(AND("mfa"), excludeFilter)).toEqual(NOTHING);
    });

    it("counts an unconditional block whole", () => {
        expect(contributionOf(OR("block"))).toEqual(EVERYTHING);
        expect(contributionOf(OR("block"), { locations: { includedLocations: ["All"] }, clientAppTypes: ["all"] })).toEqual(EVERYTHING);
    });

    it("counts a block with an exclude-mode device filter as device trust only", () => {
        expect(contributionOf(OR("block"), excludeFilter)).toEqual(exactly("deviceTrust"));
        expect(contributionOf(OR("block"), { devices: { filter: { mode: "include", rule: "device.isCompliant -eq False" } } })).toEqual(NOTHING);
        expect(contributionOf(OR("block"), { devices: { filter: { mode: UNKNOWN, rule: "x" } } })).toEqual(NOTHING);
        expect(contributionOf(OR("block"), { ...excludeFilter, clientAppTypes: ["browser"] })).toEqual(NOTHING);
        expect(contributionOf(OR("block"), { clientAppTypes: ["exchangeActiveSync", "other"] })).toEqual(NOTHING);
    });
});

describe("attestedDemands and requiredDemands", () => {
    it("reads an attested policy's requires", () => {
        expect(shown(attestedDemands(["mfa"]))).toEqual(exactly("mfa"));
        expect(shown(attestedDemands(["phishingResistant"]))).toEqual(exactly("mfa", "phishingResistant"));
        expect(shown(attestedDemands(["compliantDevice"]))).toEqual(exactly("deviceTrust"));
        expect(shown(attestedDemands(["mfa", "compliantDevice"]))).toEqual(exactly("mfa", "deviceTrust"));
        expect(shown(attestedDemands([]))).toEqual(NOTHING);
    });

    it("requires MFA everywhere, device trust from specialized, phishing resistance at privileged", () => {
        expect(requiredDemands("enterprise")).toEqual(["mfa"]);
        expect(requiredDemands("specialized")).toEqual(["mfa", "deviceTrust"]);
        expect(requiredDemands("privileged")).toEqual(["mfa", "phishingResistant", "deviceTrust"]);
    });
});
