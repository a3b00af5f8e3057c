// entra-privileged-roles (PAG-011) through the engine protocol, in both modes: admin directory roles
// only to privileged principals (listed, break-glass, or a role-assignable group of the stack), no
// standing assignment of them at the privileged level (break-glass, declared workload identities and
// groups enrolled in PIM for Groups excepted), time-bound PIM for Groups memberships and strict
// activation policies for groups that hold an admin role; specialized-level roles raise the level to
// specialized, where the just-in-time findings are advisory (DESIGN §3b).
import { describe, expect, it } from "vitest";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, secret, unknown } from "../harness/stack";

const POLICY = "entra-privileged-roles";
const DRA = "azuread:index/directoryRoleAssignment:DirectoryRoleAssignment";
const DRM = "azuread:index/directoryRoleMember:DirectoryRoleMember";
const DIRECTORY_ROLE = "azuread:index/directoryRole:DirectoryRole";
const DRESR = "azuread:index/directoryRoleEligibilityScheduleRequest:DirectoryRoleEligibilityScheduleRequest";
const PAG_ASSIGNMENT = "azuread:index/privilegedAccessGroupAssignmentSchedule:PrivilegedAccessGroupAssignmentSchedule";
const PAG_ELIGIBILITY = "azuread:index/privilegedAccessGroupEligibilitySchedule:PrivilegedAccessGroupEligibilitySchedule";
const GRMP = "azuread:index/groupRoleManagementPolicy:GroupRoleManagementPolicy";
const GROUP = "azuread:index/group:Group";
const USER = "azuread:index/user:User";

const ROLE = {
    globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
    privilegedRoleAdministrator: "e8611ab8-c189-46e8-94e1-60213ab1f814",
    helpdeskAdministrator: "729827e3-9c14-49f7-bb1b-9608f156bbb8",
    directoryReaders: "88d8e3e3-8f55-4a1e-953a-9b9898b8876b",
};
/** The object id of an activated role in some tenant: no DirectoryRole of the stack explains it. */
const UNEXPLAINED_ROLE_OBJECT_ID = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
const ADMINISTRATIVE_UNIT = "9e8d7c6b-5a49-4382-a716-151413121110";

const PRIVILEGED = "6f1d2c3b-4a59-4e8f-9d7c-0b1a2c3d4e5f";
const SPECIALIZED = "7a2e3d4c-5b6a-4f9e-8d1c-1c2b3d4e5f60";
const NOBODY = "8b3f4e5d-6c7b-4a0f-9e2d-2d3c4e5f6071";
const BREAK_GLASS = "4c5d6e7f-8091-4a2b-9c3d-4e5f60718293";
/** A workload identity allowed standing access and listed as privileged. */
const AUTOMATION = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
/** A workload identity allowed standing access but listed nowhere as privileged. */
const UNLISTED_AUTOMATION = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";
/** A role-assignable group of another stack, enrolled in PIM for Groups there, and listed as privileged. */
const ENROLLED_GROUP = "3c4d5e6f-7a8b-4c9d-8e0f-2b3c4d5e6f70";
const MARKER = "SECRET-MARKER-entra-roles-7d31";

const config = {
    [POLICY]: {
        // Listed partly in upper case; fixtures use the other case, and must still match.
        privilegedPrincipalIds: [PRIVILEGED.toUpperCase(), AUTOMATION, ENROLLED_GROUP],
        specializedPrincipalIds: [SPECIALIZED],
        breakGlassPrincipalIds: [BREAK_GLASS.toUpperCase()],
        standingAccessPrincipalIds: [AUTOMATION, UNLISTED_AUTOMATION],
        pimEnrolledGroupIds: [ENROLLED_GROUP],
    },
};
const privileged = { securityLevel: "privileged" };
const specialized = { securityLevel: "specialized" };
const enterprise = { securityLevel: "enterprise" };

function assignment(name: string, roleId: unknown, principalObjectId: unknown, directoryScopeId: unknown = "/"): FixtureResource {
    return resource(DRA, name, { roleId, principalObjectId, directoryScopeId });
}

function member(name: string, roleObjectId: unknown, memberObjectId: unknown): FixtureResource {
    return resource(DRM, name, { roleObjectId, memberObjectId });
}

function eligibility(name: string, roleDefinitionId: unknown, principalId: unknown, directoryScopeId: unknown = "/"): FixtureResource {
    return resource(DRESR, name, { roleDefinitionId, principalId, directoryScopeId, justification: secret(MARKER) });
}

function membership(type: string, name: string, group: string, principalId: unknown, schedule: Record<string, unknown>): FixtureResource {
    return resource(type, name, {
        groupId: ref(group, "objectId"),
        principalId,
        assignmentType: "member",
        justification: secret(MARKER),
        ticketSystem: "ServiceNow",
        ticketNumber: "CHG0042",
        ...schedule,
    });
}

function activationPolicy(name: string, group: string, activationRules?: unknown, roleId: unknown = "member"): FixtureResource {
    return resource(GRMP, name, {
        groupId: ref(group, "objectId"),
        roleId,
        ...(activationRules === undefined ? {} : { activationRules }),
        eligibleAssignmentRules: { expirationRequired: true, expireAfter: "P180D" },
    });
}

const roleAssignableGroup = (name: string, displayName: string) =>
    resource(GROUP, name, { displayName, securityEnabled: true, assignableToRole: true, description: secret(MARKER) });

const principals: FixtureResource[] = [
    resource(USER, "opsAdmin", {
        userPrincipalName: "ops.admin@contoso.onmicrosoft.com",
        displayName: "Operations Administrator",
        mailNickname: "ops.admin",
        password: secret(MARKER),
        forcePasswordChange: true,
    }),
    roleAssignableGroup("tier0Admins", "PIM - Tier 0 - Global Administrators"),
    resource(GROUP, "appTeam", { displayName: "App team", securityEnabled: true }),
    resource(GROUP, "unverifiableGroup", { displayName: "Admins from config", securityEnabled: true, assignableToRole: unknown() }),
];

/** Global Administrator activated in the tenant: a DirectoryRoleMember names its object id. */
const globalAdminRole = resource(DIRECTORY_ROLE, "globalAdminRole", { templateId: ROLE.globalAdministrator });

const expected = (lines: string[]) => lines.map((l) => `${POLICY} ${l}`).sort();

describe.each<Mode>(["known", "first-preview"])("entra-privileged-roles (%s ids)", (mode) => {
    const check = (resources: FixtureResource[], stackTags?: Record<string, string>, policyConfig: Record<string, unknown> = config) =>
        run(resources, { mode, stackTags, policyConfig });

    it("blocks a standing Global Administrator assignment to a privileged principal; an eligibility to it passes", async () => {
        const result = await check([
            assignment("invalidStandingGlobalAdminToPrivileged", ROLE.globalAdministrator, PRIVILEGED),
            eligibility("validEligibleGlobalAdminToPrivileged", ROLE.globalAdministrator, PRIVILEGED),
        ]);
        expect(verdicts(result, POLICY)).toEqual(expected(["invalidStandingGlobalAdminToPrivileged mandatory"]));
        expect(messagesOf(result)[0]).toContain("as standing access; at the privileged level admin roles are held just in time");
    });

    it("blocks an admin role to a principal that is not privileged, in every grant form", async () => {
        const result = await check([
            assignment("invalidStandingGlobalAdminToNobody", ROLE.globalAdministrator.toUpperCase(), NOBODY.toUpperCase()),
            eligibility("invalidEligibleGlobalAdminToNobody", ROLE.globalAdministrator, NOBODY),
            eligibility("invalidEligiblePrivilegedRoleAdminToSpecialized", ROLE.privilegedRoleAdministrator, SPECIALIZED),
            eligibility("invalidEligibleGlobalAdminNotAGuid", ROLE.globalAdministrator, "ops.admin@contoso.onmicrosoft.com"),
            eligibility("validEligibleGlobalAdminToBreakGlass", ROLE.globalAdministrator, BREAK_GLASS),
        ]);
        expect(verdicts(result, POLICY)).toEqual(
            expected([
                // The principal rule and standing access: two findings.
                "invalidStandingGlobalAdminToNobody mandatory",
                "invalidStandingGlobalAdminToNobody mandatory",
                "invalidEligibleGlobalAdminToNobody mandatory",
                "invalidEligiblePrivilegedRoleAdminToSpecialized mandatory",
                "invalidEligibleGlobalAdminNotAGuid mandatory",
            ]),
        );
        const text = messagesOf(result).join("\n");
        expect(text).toContain(`principal ${NOBODY}, which is listed in neither privilegedPrincipalIds nor specializedPrincipalIds`);
        expect(text).toContain(`principal ${SPECIALIZED} (listed in specializedPrincipalIds); at the privileged level only privileged principals`);
        expect(text).not.toContain("ops.admin@");
    });

    it("traces a principal created in the stack: a user blocks, a role-assignable group passes the principal rule", async () => {
        const result = await check([
            ...principals,
            eligibility("invalidEligibleGlobalAdminToUser", ROLE.globalAdministrator, ref("opsAdmin", "objectId")),
            assignment("invalidStandingGlobalAdminToUser", ROLE.globalAdministrator, ref("opsAdmin", "objectId")),
            eligibility("validEligibleGlobalAdminToRoleAssignableGroup", ROLE.globalAdministrator, ref("tier0Admins", "objectId")),
            // Passes the principal rule, but a role-assignable group not enrolled in PIM for Groups
            // holds the role standing.
            assignment("invalidStandingGlobalAdminToRoleAssignableGroup", ROLE.globalAdministrator, ref("tier0Admins", "objectId")),
            eligibility("invalidEligibleHelpdeskToPlainGroup", ROLE.helpdeskAdministrator, ref("appTeam", "objectId")),
            eligibility("invalidEligibleGlobalAdminToUnverifiableGroup", ROLE.globalAdministrator, ref("unverifiableGroup", "objectId")),
        ]);
        expect(verdicts(result, POLICY)).toEqual(
            expected([
                "invalidEligibleGlobalAdminToUser mandatory",
                "invalidStandingGlobalAdminToUser mandatory",
                "invalidStandingGlobalAdminToUser mandatory",
                "invalidStandingGlobalAdminToRoleAssignableGroup mandatory",
                "invalidEligibleHelpdeskToPlainGroup mandatory",
                "invalidEligibleGlobalAdminToUnverifiableGroup mandatory",
            ]),
        );
        const text = messagesOf(result).join("\n");
        expect(text).toContain("the principal of opsAdmin (User), which is not an Entra group");
        expect(text).toContain("the principal of appTeam (Group), which is an Entra group without assignableToRole: true");
    });

    it("blocks an untraceable unknown principal at privileged and reports it as advisory below", async () => {
        const fixtures = [
            eligibility("invalidEligibleGlobalAdminToUntraceable", ROLE.globalAdministrator, unknown()),
            eligibility("invalidEligibleHelpdeskToUntraceable", ROLE.helpdeskAdministrator, unknown()),
        ];
        const levels: [Record<string, string> | undefined, string][] = [
            [undefined, "advisory"],
            [enterprise, "advisory"],
            [specialized, "advisory"],
            [privileged, "mandatory"],
        ];
        for (const [stackTags, helpdesk] of levels) {
            const result = await check(fixtures, stackTags);
            expect(verdicts(result, POLICY), JSON.stringify(stackTags)).toEqual(
                // Global Administrator is judged at privileged whatever the stack tag.
                expected(["invalidEligibleGlobalAdminToUntraceable mandatory", `invalidEligibleHelpdeskToUntraceable ${helpdesk}`]),
            );
        }
        const result = await check(fixtures);
        expect(messagesOf(result).join("\n")).toContain("principalId cannot be known during preview and does not come from a resource in the stack");
    });

    it("resolves a DirectoryRoleMember's role through a DirectoryRole of the stack, else treats it as an unknown role", async () => {
        const fixtures = [
            globalAdminRole,
            resource(DIRECTORY_ROLE, "helpdeskRole", { displayName: "Helpdesk Administrator" }),
            resource(DIRECTORY_ROLE, "directoryReadersRole", { templateId: ROLE.directoryReaders }),
            // azuread activates built-in roles by exact display name: one outside the catalogue is no admin role.
            resource(DIRECTORY_ROLE, "readersByName", { displayName: "Directory Readers" }),
            resource(DIRECTORY_ROLE, "legacyGlobalAdminName", { displayName: "Company Administrator" }),
            member("validMemberReadersByNameToNobody", ref("readersByName", "objectId"), NOBODY),
            member("invalidMemberLegacyGlobalAdminNameToPrivileged", ref("legacyGlobalAdminName", "objectId"), PRIVILEGED),
            member("invalidMemberGlobalAdminToPrivileged", ref("globalAdminRole", "objectId"), PRIVILEGED),
            member("invalidMemberGlobalAdminToNobody", ref("globalAdminRole", "objectId"), NOBODY),
            member("validMemberGlobalAdminToBreakGlass", ref("globalAdminRole", "objectId"), BREAK_GLASS),
            member("invalidMemberHelpdeskByNameToNobody", ref("helpdeskRole", "objectId"), NOBODY),
            member("validMemberDirectoryReadersToNobody", ref("directoryReadersRole", "objectId"), NOBODY),
            member("invalidMemberUnexplainedRoleToNobody", UNEXPLAINED_ROLE_OBJECT_ID, NOBODY),
            member("validMemberUnexplainedRoleToBreakGlass", UNEXPLAINED_ROLE_OBJECT_ID, BREAK_GLASS),
            // A DirectoryRoleAssignment whose roleId is an output of the DirectoryRole (its templateId).
            assignment("invalidStandingRoleFromDirectoryRole", ref("globalAdminRole", "computed"), PRIVILEGED),
        ];
        const atEnterprise = await check(fixtures);
        expect(verdicts(atEnterprise, POLICY)).toEqual(
            expected([
                "invalidMemberGlobalAdminToPrivileged mandatory",
                "invalidMemberLegacyGlobalAdminNameToPrivileged mandatory",
                "invalidMemberGlobalAdminToNobody mandatory",
                "invalidMemberGlobalAdminToNobody mandatory",
                // Helpdesk Administrator raises the level to specialized: the principal rule blocks,
                // standing access is advisory.
                "invalidMemberHelpdeskByNameToNobody mandatory",
                "invalidMemberHelpdeskByNameToNobody advisory",
                // An unknown role is judged as an admin role: unknown rule, advisory below privileged.
                "invalidMemberUnexplainedRoleToNobody advisory",
                "invalidMemberUnexplainedRoleToNobody advisory",
                "invalidStandingRoleFromDirectoryRole mandatory",
            ]),
        );
        expect(messagesOf(atEnterprise).join("\n")).toContain(
            "a directory role that could not be told (roleObjectId is the object id of an activated role that no directory role of the stack explains), judged as an admin role",
        );
        const atPrivileged = await check(fixtures, privileged);
        expect(verdicts(atPrivileged, POLICY)).toEqual(
            expected([
                "invalidMemberGlobalAdminToPrivileged mandatory",
                "invalidMemberLegacyGlobalAdminNameToPrivileged mandatory",
                "invalidMemberGlobalAdminToNobody mandatory",
                "invalidMemberGlobalAdminToNobody mandatory",
                "invalidMemberHelpdeskByNameToNobody mandatory",
                "invalidMemberHelpdeskByNameToNobody mandatory",
                "invalidMemberUnexplainedRoleToNobody mandatory",
                "invalidMemberUnexplainedRoleToNobody mandatory",
                "invalidStandingRoleFromDirectoryRole mandatory",
            ]),
        );
    });

    it("exempts break-glass accounts, declared workload identities and PIM-enrolled groups from standing access", async () => {
        const result = await check([
            roleAssignableGroup("enrolledByEligibility", "PIM - Global Administrators (eligible members)"),
            roleAssignableGroup("enrolledByAssignment", "PIM - Global Administrators (active members)"),
            roleAssignableGroup("enrolledByPolicy", "PIM - Global Administrators (policy only)"),
            roleAssignableGroup("notEnrolled", "Global Administrators"),
            assignment("validStandingGlobalAdminToBreakGlass", ROLE.globalAdministrator, BREAK_GLASS),
            assignment("validStandingGlobalAdminToAutomation", ROLE.globalAdministrator, AUTOMATION.toUpperCase()),
            // standingAccessPrincipalIds exempts from standing access only: the principal rule still applies.
            assignment("invalidStandingGlobalAdminToUnlistedAutomation", ROLE.globalAdministrator, UNLISTED_AUTOMATION),
            assignment("validStandingGlobalAdminToListedEnrolledGroup", ROLE.globalAdministrator, ENROLLED_GROUP),
            assignment("validStandingGlobalAdminToGroupWithEligibility", ROLE.globalAdministrator, ref("enrolledByEligibility", "objectId")),
            assignment("validStandingGlobalAdminToGroupWithAssignment", ROLE.globalAdministrator, ref("enrolledByAssignment", "objectId")),
            globalAdminRole,
            member("validMemberGlobalAdminToGroupWithPolicy", ref("globalAdminRole", "objectId"), ref("enrolledByPolicy", "objectId")),
            assignment("invalidStandingGlobalAdminToNotEnrolledGroup", ROLE.globalAdministrator, ref("notEnrolled", "objectId")),
            membership(PAG_ELIGIBILITY, "validEligibleMembership", "enrolledByEligibility", PRIVILEGED, { duration: "P180D" }),
            membership(PAG_ASSIGNMENT, "validActiveMembership", "enrolledByAssignment", PRIVILEGED, { duration: "PT4H" }),
            activationPolicy("validActivationPolicy", "enrolledByPolicy", {
                requireApproval: true,
                approvalStage: { primaryApprovers: [{ objectId: PRIVILEGED, type: "singleUser" }] },
                requireMultifactorAuthentication: true,
                requireJustification: true,
                maximumDuration: "PT4H",
            }),
        ]);
        expect(verdicts(result, POLICY)).toEqual(
            expected(["invalidStandingGlobalAdminToUnlistedAutomation mandatory", "invalidStandingGlobalAdminToNotEnrolledGroup mandatory"]),
        );
        const text = messagesOf(result).join("\n");
        expect(text).toContain(`principal ${UNLISTED_AUTOMATION}, which is listed in neither privilegedPrincipalIds nor specializedPrincipalIds`);
        expect(text).toContain("role-assignable group notEnrolled as standing access");
    });

    it("judges a specialized-level admin role at least at specialized: standing advisory, principal rule mandatory", async () => {
        const fixtures = [
            assignment("invalidStandingHelpdeskToSpecialized", ROLE.helpdeskAdministrator, SPECIALIZED),
            eligibility("validEligibleHelpdeskToSpecialized", ROLE.helpdeskAdministrator, SPECIALIZED.toUpperCase()),
            assignment("invalidStandingHelpdeskToNobody", ROLE.helpdeskAdministrator, NOBODY),
            eligibility("invalidEligibleHelpdeskToNobody", ROLE.helpdeskAdministrator, NOBODY),
            eligibility("validEligibleHelpdeskToPrivileged", ROLE.helpdeskAdministrator, PRIVILEGED),
        ];
        for (const stackTags of [undefined, enterprise, specialized]) {
            const result = await check(fixtures, stackTags);
            expect(verdicts(result, POLICY), JSON.stringify(stackTags)).toEqual(
                expected([
                    "invalidStandingHelpdeskToSpecialized advisory",
                    "invalidStandingHelpdeskToNobody mandatory",
                    "invalidStandingHelpdeskToNobody advisory",
                    "invalidEligibleHelpdeskToNobody mandatory",
                ]),
            );
        }
        // In a privileged stack a specialized principal may no longer hold it, and standing blocks.
        const atPrivileged = await check(
            [
                assignment("invalidStandingHelpdeskToSpecialized", ROLE.helpdeskAdministrator, SPECIALIZED),
                eligibility("invalidEligibleHelpdeskToSpecialized", ROLE.helpdeskAdministrator, SPECIALIZED),
                assignment("invalidStandingHelpdeskToNobody", ROLE.helpdeskAdministrator, NOBODY),
                eligibility("validEligibleHelpdeskToPrivileged", ROLE.helpdeskAdministrator, PRIVILEGED),
            ],
            privileged,
        );
        expect(verdicts(atPrivileged, POLICY)).toEqual(
            expected([
                "invalidStandingHelpdeskToSpecialized mandatory",
                "invalidStandingHelpdeskToSpecialized mandatory",
                "invalidEligibleHelpdeskToSpecialized mandatory",
                "invalidStandingHelpdeskToNobody mandatory",
                "invalidStandingHelpdeskToNobody mandatory",
            ]),
        );
    });

    it("follows the unknown rule for a role unknown in preview, and blocks a role id that is not a GUID at every level", async () => {
        const fixtures = [
            assignment("invalidStandingUnknownRoleToNobody", unknown(), NOBODY),
            eligibility("invalidEligibleUnknownRoleToSpecialized", unknown(), SPECIALIZED),
            eligibility("validEligibleUnknownRoleToPrivileged", unknown(), PRIVILEGED),
            // A role id that cannot be interpreted is undecidable input: judged as a privileged role.
            assignment("invalidStandingRoleNameToPrivileged", "Global Administrator", PRIVILEGED),
            eligibility("invalidEligibleRoleNumberToSpecialized", 42, SPECIALIZED),
            eligibility("invalidEligibleHelpdeskToPrincipalName", ROLE.helpdeskAdministrator, "helpdesk@contoso.onmicrosoft.com"),
        ];
        const atEnterprise = await check(fixtures);
        expect(verdicts(atEnterprise, POLICY)).toEqual(
            expected([
                "invalidStandingUnknownRoleToNobody advisory",
                "invalidStandingUnknownRoleToNobody advisory",
                // A specialized principal may hold an admin role here, but not if the unknown role is privileged.
                "invalidEligibleUnknownRoleToSpecialized advisory",
                "invalidStandingRoleNameToPrivileged mandatory",
                "invalidEligibleRoleNumberToSpecialized mandatory",
                "invalidEligibleHelpdeskToPrincipalName mandatory",
            ]),
        );
        const text = messagesOf(atEnterprise).join("\n");
        expect(text).toContain("a directory role that could not be told (roleId is not a GUID), judged as a privileged role");
        expect(text).toContain("roleId cannot be known during preview and does not come from a directory role of the stack");
        expect(text).not.toContain("helpdesk@");
        expect(text).toContain(
            `to principal ${SPECIALIZED} (listed in specializedPrincipalIds); if it is a privileged role, only privileged principals`,
        );
        const atPrivileged = await check(fixtures, privileged);
        expect(verdicts(atPrivileged, POLICY)).toEqual(
            expected([
                "invalidStandingUnknownRoleToNobody mandatory",
                "invalidStandingUnknownRoleToNobody mandatory",
                "invalidEligibleUnknownRoleToSpecialized mandatory",
                "invalidStandingRoleNameToPrivileged mandatory",
                "invalidEligibleRoleNumberToSpecialized mandatory",
                "invalidEligibleHelpdeskToPrincipalName mandatory",
            ]),
        );
    });

    it("still treats an administrative-unit scoped assignment as an admin role", async () => {
        const scope = `/administrativeUnits/${ADMINISTRATIVE_UNIT}`;
        const result = await check([
            assignment("invalidHelpdeskOnAdministrativeUnitToNobody", ROLE.helpdeskAdministrator, NOBODY, scope),
            eligibility("invalidEligibleGlobalAdminOnAdministrativeUnitToNobody", ROLE.globalAdministrator, NOBODY, scope),
            assignment("invalidStandingGlobalAdminOnAdministrativeUnitToPrivileged", ROLE.globalAdministrator, PRIVILEGED, scope),
            eligibility("validEligibleHelpdeskOnAdministrativeUnitToSpecialized", ROLE.helpdeskAdministrator, SPECIALIZED, scope),
        ]);
        expect(verdicts(result, POLICY)).toEqual(
            expected([
                "invalidHelpdeskOnAdministrativeUnitToNobody mandatory",
                "invalidHelpdeskOnAdministrativeUnitToNobody advisory",
                "invalidEligibleGlobalAdminOnAdministrativeUnitToNobody mandatory",
                "invalidStandingGlobalAdminOnAdministrativeUnitToPrivileged mandatory",
            ]),
        );
    });

    it("passes roles that are not admin roles, whoever holds them", async () => {
        const result = await check(
            [
                ...principals,
                resource(DIRECTORY_ROLE, "directoryReadersRole", { templateId: ROLE.directoryReaders }),
                assignment("validDirectoryReadersToNobody", ROLE.directoryReaders, NOBODY),
                assignment("validDirectoryReadersToUser", ROLE.directoryReaders, ref("opsAdmin", "objectId")),
                member("validMemberDirectoryReadersToNobody", ref("directoryReadersRole", "objectId"), NOBODY),
                eligibility("validEligibleDirectoryReadersToUntraceable", ROLE.directoryReaders, unknown()),
                // appTeam holds only a non-admin role: its PIM for Groups settings are not judged.
                assignment("validDirectoryReadersToPlainGroup", ROLE.directoryReaders, ref("appTeam", "objectId")),
                membership(PAG_ASSIGNMENT, "validPermanentMembershipOfReadersGroup", "appTeam", NOBODY, { permanentAssignment: true }),
                activationPolicy("validEmptyPolicyOfReadersGroup", "appTeam"),
            ],
            privileged,
        );
        expect(verdicts(result, POLICY)).toEqual([]);
    });

    it("blocks a permanent, endless or over-long PIM for Groups membership of a group that holds Global Administrator", async () => {
        const inOneMonth = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
        const inTwoHours = new Date(Date.now() + 2 * 3600 * 1000).toISOString();
        const result = await check([
            ...principals,
            // tier0Admins holds Global Administrator and is enrolled in PIM for Groups by these schedules.
            assignment("validGlobalAdminToTier0Group", ROLE.globalAdministrator, ref("tier0Admins", "objectId")),
            membership(PAG_ASSIGNMENT, "invalidPermanentMembership", "tier0Admins", PRIVILEGED, { permanentAssignment: true }),
            membership(PAG_ASSIGNMENT, "invalidMembershipWithoutEnd", "tier0Admins", PRIVILEGED, {}),
            membership(PAG_ASSIGNMENT, "invalidMembershipTenHours", "tier0Admins", PRIVILEGED, { duration: "PT10H" }),
            membership(PAG_ASSIGNMENT, "invalidMembershipUntilNextMonth", "tier0Admins", PRIVILEGED, { expirationDate: inOneMonth }),
            membership(PAG_ASSIGNMENT, "validMembershipEightHours", "tier0Admins", PRIVILEGED, { permanentAssignment: false, duration: "PT8H" }),
            membership(PAG_ASSIGNMENT, "validMembershipUntilInTwoHours", "tier0Admins", PRIVILEGED, { expirationDate: inTwoHours }),
            membership(PAG_ASSIGNMENT, "validMembershipFourHourWindow", "tier0Admins", PRIVILEGED, {
                startDate: "2030-01-07T08:00:00Z",
                expirationDate: "2030-01-07T12:00:00Z",
            }),
            // Every form of grant follows the principal rule.
            membership(PAG_ASSIGNMENT, "invalidMembershipOfUser", "tier0Admins", ref("opsAdmin", "objectId"), { duration: "PT2H" }),
            membership(PAG_ASSIGNMENT, "invalidMembershipOfUntraceable", "tier0Admins", unknown(), { duration: "PT2H" }),
        ]);
        expect(verdicts(result, POLICY)).toEqual(
            expected([
                "invalidPermanentMembership mandatory",
                "invalidMembershipWithoutEnd mandatory",
                "invalidMembershipTenHours mandatory",
                "invalidMembershipUntilNextMonth mandatory",
                "invalidMembershipOfUser mandatory",
                "invalidMembershipOfUntraceable mandatory",
            ]),
        );
        const text = messagesOf(result).join("\n");
        expect(text).toContain("permanentAssignment is true, so the membership never ends");
        expect(text).toContain("neither duration nor expirationDate is set, so the membership never ends");
        expect(text).toContain("Give the assignment a duration of PT8H or less");
    });

    it("judges PIM for Groups for a group outside the stack that holds Global Administrator, by object id", async () => {
        const result = await check([
            // ENROLLED_GROUP is listed in privilegedPrincipalIds and pimEnrolledGroupIds.
            assignment("validGlobalAdminToEnrolledGroup", ROLE.globalAdministrator, ENROLLED_GROUP),
            resource(PAG_ASSIGNMENT, "invalidPermanentMembershipByObjectId", {
                groupId: ENROLLED_GROUP.toUpperCase(),
                principalId: PRIVILEGED,
                assignmentType: "member",
                permanentAssignment: true,
            }),
            resource(PAG_ASSIGNMENT, "validTwoHourMembershipByObjectId", {
                groupId: ENROLLED_GROUP,
                principalId: PRIVILEGED,
                assignmentType: "member",
                duration: "PT2H",
            }),
            resource(GRMP, "invalidActivationWithoutApprovalByObjectId", {
                groupId: ENROLLED_GROUP,
                roleId: "Member",
                activationRules: { requireApproval: false, requireMultifactorAuthentication: true, maximumDuration: "PT1H" },
            }),
        ]);
        expect(verdicts(result, POLICY)).toEqual(
            expected(["invalidPermanentMembershipByObjectId mandatory", "invalidActivationWithoutApprovalByObjectId mandatory"]),
        );
    });

    it("blocks a permanent or over-long PIM for Groups eligibility; maxEligibilityDays sets the limit", async () => {
        const fixtures = [
            ...principals,
            globalAdminRole,
            member("validMemberGlobalAdminToTier0Group", ref("globalAdminRole", "objectId"), ref("tier0Admins", "objectId")),
            membership(PAG_ELIGIBILITY, "validEligibleNinetyDays", "tier0Admins", PRIVILEGED, { duration: "P90D" }),
            membership(PAG_ELIGIBILITY, "validEligibleOneYear", "tier0Admins", PRIVILEGED, { duration: "P365D" }),
            membership(PAG_ELIGIBILITY, "invalidEligiblePermanent", "tier0Admins", PRIVILEGED, { permanentAssignment: true }),
            membership(PAG_ELIGIBILITY, "invalidEligibleFourHundredDays", "tier0Admins", PRIVILEGED, { duration: "P400D" }),
            membership(PAG_ELIGIBILITY, "invalidEligibleEighteenMonthWindow", "tier0Admins", PRIVILEGED, {
                startDate: "2030-01-01T00:00:00Z",
                expirationDate: "2031-07-01T00:00:00Z",
            }),
            membership(PAG_ELIGIBILITY, "invalidEligibleUser", "tier0Admins", ref("opsAdmin", "objectId"), { duration: "P30D" }),
            membership(PAG_ELIGIBILITY, "invalidEligibleDurationUnknown", "tier0Admins", PRIVILEGED, { duration: unknown() }),
        ];
        const result = await check(fixtures);
        expect(verdicts(result, POLICY)).toEqual(
            expected([
                "invalidEligiblePermanent mandatory",
                "invalidEligibleFourHundredDays mandatory",
                "invalidEligibleEighteenMonthWindow mandatory",
                "invalidEligibleUser mandatory",
                "invalidEligibleDurationUnknown mandatory",
            ]),
        );
        expect(messagesOf(result).join("\n")).toContain("over the 365-day limit (maxEligibilityDays)");
        const shorter = await check(
            [
                ...principals,
                globalAdminRole,
                member("validMemberGlobalAdminToTier0Group", ref("globalAdminRole", "objectId"), ref("tier0Admins", "objectId")),
                membership(PAG_ELIGIBILITY, "validEligibleSixtyDays", "tier0Admins", PRIVILEGED, { duration: "P60D" }),
                membership(PAG_ELIGIBILITY, "invalidEligibleNinetyDaysOverConfiguredLimit", "tier0Admins", PRIVILEGED, { duration: "P90D" }),
            ],
            undefined,
            { [POLICY]: { ...config[POLICY], maxEligibilityDays: 60 } },
        );
        expect(verdicts(shorter, POLICY)).toEqual(expected(["invalidEligibleNinetyDaysOverConfiguredLimit mandatory"]));
        expect(messagesOf(shorter).join("\n")).toContain("over the 60-day limit (maxEligibilityDays)");
    });

    it("blocks a member activation policy of a Global Administrator group without approval, MFA or an 8-hour cap", async () => {
        const strict = { requireApproval: true, requireMultifactorAuthentication: true, maximumDuration: "PT8H" };
        const result = await check([
            ...principals,
            assignment("validGlobalAdminToTier0Group", ROLE.globalAdministrator, ref("tier0Admins", "objectId")),
            activationPolicy("validStrictActivation", "tier0Admins", {
                ...strict,
                approvalStage: { primaryApprovers: [{ objectId: PRIVILEGED, type: "singleUser" }] },
                requireJustification: true,
            }),
            activationPolicy("invalidNoApproval", "tier0Admins", { ...strict, requireApproval: false }),
            activationPolicy("invalidAuthenticationContextInsteadOfMfa", "tier0Admins", {
                ...strict,
                requireMultifactorAuthentication: false,
                requiredConditionalAccessAuthenticationContext: "c1",
            }),
            activationPolicy("invalidTenHours", "tier0Admins", { ...strict, maximumDuration: "PT10H" }),
            // A field left unset keeps the tenant's value, which the stack cannot show: unknown rule.
            activationPolicy("invalidMaximumDurationUnset", "tier0Admins", { requireApproval: true, requireMultifactorAuthentication: true }),
            activationPolicy("invalidNoActivationRules", "tier0Admins"),
            activationPolicy("invalidActivationRulesUnknown", "tier0Admins", unknown()),
            // The owner role's policy is not the member activation policy.
            activationPolicy("validOwnerPolicy", "tier0Admins", undefined, "owner"),
        ]);
        expect(verdicts(result, POLICY)).toEqual(
            expected([
                "invalidNoApproval mandatory",
                "invalidAuthenticationContextInsteadOfMfa mandatory",
                "invalidTenHours mandatory",
                "invalidMaximumDurationUnset mandatory",
                "invalidNoActivationRules mandatory",
                "invalidNoActivationRules mandatory",
                "invalidNoActivationRules mandatory",
                "invalidActivationRulesUnknown mandatory",
            ]),
        );
        const text = messagesOf(result).join("\n");
        expect(text).toContain("activationRules.requireMultifactorAuthentication is not true");
        expect(text).toContain("activationRules.maximumDuration is not set, so activation keeps the tenant's limit");
    });

    it("reports PIM for Groups findings for a group holding a specialized-level role as advisory", async () => {
        const result = await check([
            roleAssignableGroup("helpdeskAdmins", "PIM - Helpdesk Administrators"),
            assignment("validHelpdeskToGroup", ROLE.helpdeskAdministrator, ref("helpdeskAdmins", "objectId")),
            membership(PAG_ASSIGNMENT, "invalidPermanentHelpdeskMembership", "helpdeskAdmins", SPECIALIZED, { permanentAssignment: true }),
            membership(PAG_ELIGIBILITY, "invalidEligibleHelpdeskFourHundredDays", "helpdeskAdmins", SPECIALIZED, { duration: "P400D" }),
            membership(PAG_ELIGIBILITY, "invalidEligibleHelpdeskToNobody", "helpdeskAdmins", NOBODY, { duration: "P30D" }),
            activationPolicy("invalidHelpdeskActivationUnset", "helpdeskAdmins", { requireApproval: true, requireMultifactorAuthentication: true }),
            activationPolicy("invalidHelpdeskActivationTenHours", "helpdeskAdmins", {
                requireApproval: true,
                requireMultifactorAuthentication: true,
                maximumDuration: "PT10H",
            }),
        ]);
        expect(verdicts(result, POLICY)).toEqual(
            expected([
                "invalidPermanentHelpdeskMembership advisory",
                "invalidEligibleHelpdeskFourHundredDays advisory",
                // The principal rule stays mandatory at specialized.
                "invalidEligibleHelpdeskToNobody mandatory",
                "invalidHelpdeskActivationUnset advisory",
                "invalidHelpdeskActivationTenHours advisory",
            ]),
        );
    });

    it("never echoes a secret and names what is wrong and how to fix it", async () => {
        const result = await check([
            ...principals,
            assignment("invalidStandingGlobalAdminToUser", ROLE.globalAdministrator, ref("opsAdmin", "objectId")),
            eligibility("invalidEligibleGlobalAdminToNobody", ROLE.globalAdministrator, NOBODY),
            assignment("validGlobalAdminToTier0Group", ROLE.globalAdministrator, ref("tier0Admins", "objectId")),
            membership(PAG_ASSIGNMENT, "invalidPermanentMembership", "tier0Admins", PRIVILEGED, { permanentAssignment: true }),
            membership(PAG_ELIGIBILITY, "invalidEligiblePermanent", "tier0Admins", PRIVILEGED, { permanentAssignment: true }),
            activationPolicy("invalidNoApproval", "tier0Admins", { requireApproval: false, requireMultifactorAuthentication: true, maximumDuration: "PT8H" }),
        ]);
        expect(verdicts(result, POLICY)).toEqual(
            expected([
                "invalidStandingGlobalAdminToUser mandatory",
                "invalidStandingGlobalAdminToUser mandatory",
                "invalidEligibleGlobalAdminToNobody mandatory",
                "invalidPermanentMembership mandatory",
                "invalidEligiblePermanent mandatory",
                "invalidNoApproval mandatory",
            ]),
        );
        expect(JSON.stringify(result.findings)).not.toContain(MARKER);
        const findings = result.findings.filter((f) => f.policyName === POLICY);
        const messages = (name: string) => findings.filter((f) => f.urn.endsWith(`::${name}`)).map((f) => f.message);
        expect(messages("invalidEligibleGlobalAdminToNobody")).toEqual([
            `Directory role eligibility invalidEligibleGlobalAdminToNobody gives the admin role Global Administrator to principal ${NOBODY}, which is listed in neither privilegedPrincipalIds nor specializedPrincipalIds; at the privileged level only privileged principals (a role-assignable Entra group, or an id in privilegedPrincipalIds or breakGlassPrincipalIds) may hold it. Give the role to a role-assignable group of privileged administrators instead.`,
        ]);
        expect(messages("invalidStandingGlobalAdminToUser").join("\n")).toContain(
            "Replace it with an azuread.DirectoryRoleEligibilityScheduleRequest (PIM), or list the principal in breakGlassPrincipalIds",
        );
        expect(messages("invalidPermanentMembership").join("\n")).toContain("Give the assignment a duration of PT8H or less");
        expect(messages("invalidEligiblePermanent").join("\n")).toContain("Give the eligibility a duration or expirationDate within maxEligibilityDays");
        expect(messages("invalidNoApproval").join("\n")).toContain(
            "Set activationRules.requireApproval and requireMultifactorAuthentication to true and maximumDuration to PT8H or less",
        );
    });
});

describe("entra-privileged-roles stack level", () => {
    it("reports an invalid stack tag and judges the stack at privileged", async () => {
        const result = await run(
            [
                eligibility("invalidEligibleHelpdeskToSpecialized", ROLE.helpdeskAdministrator, SPECIALIZED),
                eligibility("validEligibleHelpdeskToPrivileged", ROLE.helpdeskAdministrator, PRIVILEGED),
            ],
            { policyConfig: config, stackTags: { securityLevel: "privilegd" } },
        );
        expect(verdicts(result, POLICY)).toEqual(expected(["(stack) mandatory", "invalidEligibleHelpdeskToSpecialized mandatory"]));
        expect(messagesOf(result).join("\n")).toContain("the stack tag `securityLevel` is not one of enterprise, specialized or privileged");
    });

    it("accepts the level tag in any letter case", async () => {
        const result = await run([assignment("invalidStandingHelpdeskToSpecialized", ROLE.helpdeskAdministrator, SPECIALIZED)], {
            policyConfig: config,
            stackTags: { securityLevel: "Privileged" },
        });
        expect(verdicts(result, POLICY)).toEqual(
            expected(["invalidStandingHelpdeskToSpecialized mandatory", "invalidStandingHelpdeskToSpecialized mandatory"]),
        );
    });
});
