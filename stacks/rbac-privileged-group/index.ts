// SECURE: at the privileged level, the admin group gets Owner on the management resource group only
// as a time-bound PIM eligibility, and activation needs approval, MFA and lasts at most 8 hours.
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";

const config = new pulumi.Config();
// An Entra ID role-assignable group of privileged administrators (listed in the policy config).
const adminGroupId = config.get("adminGroupId") ?? "9a7c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4";
const approverGroupId = config.get("approverGroupId") ?? "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d";
const ownerRole = "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

const rg = new resources.ResourceGroup("managementRg", { location: "westeurope", tags: { securityLevel: "privileged" } });

new authorization.PimRoleEligibilitySchedule("adminsEligibleOwner", {
    scope: rg.id,
    principalId: adminGroupId,
    roleDefinitionId: ownerRole,
    justification: "Tier-0 administrators, activated just in time",
    scheduleInfo: {
        startDateTime: "2026-12-01T00:00:00Z",
        expiration: { type: "AfterDuration", duration: "P90D" },
    },
});

new authorization.RoleManagementPolicy("ownerActivationPolicy", {
    scope: rg.id,
    roleManagementPolicyName: "a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b",
    rules: [
        {
            id: "Expiration_EndUser_Assignment",
            ruleType: "RoleManagementPolicyExpirationRule",
            isExpirationRequired: true,
            maximumDuration: "PT8H",
            target: { caller: "EndUser", operations: ["All"], level: "Assignment" },
        },
        {
            id: "Enablement_EndUser_Assignment",
            ruleType: "RoleManagementPolicyEnablementRule",
            enabledRules: ["MultiFactorAuthentication", "Justification"],
            target: { caller: "EndUser", operations: ["All"], level: "Assignment" },
        },
        {
            id: "Approval_EndUser_Assignment",
            ruleType: "RoleManagementPolicyApprovalRule",
            setting: {
                isApprovalRequired: true,
                approvalMode: "SingleStage",
                approvalStages: [
                    {
                        approvalStageTimeOutInDays: 1,
                        isApproverJustificationRequired: true,
                        primaryApprovers: [{ id: approverGroupId, userType: "Group" }],
                    },
                ],
            },
            target: { caller: "EndUser", operations: ["All"], level: "Assignment" },
        },
    ],
});
