// INSECURE: Global Administrators get plain MFA only — no device trust, no phishing-resistant
// strength — and not even that from the office network: the head-office IP range is a trusted named
// location that the policy excludes, so an admin (or a stolen session) signing in from there skips
// MFA entirely. A trusted location is not trust.
import * as azuread from "@pulumi/azuread";

const headOffice = new azuread.NamedLocation("headOfficeNetwork", {
    displayName: "Head office egress",
    ip: {
        ipRanges: ["203.0.113.0/24", "2001:db8:1200::/48"],
        trusted: true,
    },
});

new azuread.ConditionalAccessPolicy("globalAdminsMfa", {
    displayName: "CA010 - Global Administrators: MFA outside the office",
    state: "enabled",
    conditions: {
        clientAppTypes: ["all"],
        applications: {
            includedApplications: ["All"],
        },
        users: {
            includedRoles: ["62e90394-69f5-4237-9190-012177145e10"], // Global Administrator
        },
        locations: {
            includedLocations: ["All"],
            excludedLocations: [headOffice.id],
        },
    },
    grantControls: {
        operator: "OR",
        builtInControls: ["mfa"],
    },
});
