// SECURE: every sign-in of the privileged directory roles, to every cloud app, needs a
// phishing-resistant authentication strength (Windows Hello for Business, FIDO2 or certificate-based
// MFA) AND a compliant device. No condition narrows the policy; the only exclusion is the
// emergency-access (break-glass) account, which the policy config lists.
import * as pulumi from "@pulumi/pulumi";
import * as azuread from "@pulumi/azuread";

const config = new pulumi.Config();
// The cloud-only emergency-access account, monitored and excluded from every Conditional Access policy.
const breakGlassAccountId = config.get("breakGlassAccountId") ?? "3c9d2e1f-7a4b-4c8d-9e0f-1a2b3c4d5e6f";

// Directory role template ids (the same in every tenant).
const privilegedRoles = [
    "62e90394-69f5-4237-9190-012177145e10", // Global Administrator
    "e8611ab8-c189-46e8-94e1-60213ab1f814", // Privileged Role Administrator
    "7be44c8a-adaf-4e2a-84d6-ab2649e08a13", // Privileged Authentication Administrator
    "194ae4cb-b126-40b2-bd5b-6091b380977d", // Security Administrator
    "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", // Conditional Access Administrator
    "fe930be7-5e62-47db-91af-98c3a49a38b1", // User Administrator
    "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", // Application Administrator
    "158c047a-c907-4556-b7ef-446551a6b5f7", // Cloud Application Administrator
    "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", // Hybrid Identity Administrator
];

const phishingResistant = new azuread.AuthenticationStrengthPolicy("adminPhishingResistant", {
    displayName: "Administrators - phishing-resistant MFA",
    description: "Windows Hello for Business, FIDO2 security keys or certificate-based multifactor authentication only.",
    allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
});

new azuread.ConditionalAccessPolicy("privilegedRolesStrongAuth", {
    displayName: "CA001 - Privileged roles: phishing-resistant MFA on a compliant device",
    state: "enabled",
    conditions: {
        clientAppTypes: ["all"],
        applications: {
            includedApplications: ["All"],
        },
        users: {
            includedRoles: privilegedRoles,
            excludedUsers: [breakGlassAccountId],
        },
    },
    grantControls: {
        operator: "AND",
        builtInControls: ["compliantDevice"],
        authenticationStrengthPolicyId: phishingResistant.id,
    },
});
