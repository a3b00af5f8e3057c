// Generators for the values an engine can send a policy: well-formed words of every domain the pack
// parses, the same words with case, whitespace and unicode tricks, wrong types, nulls, huge arrays,
// very long strings, every unknown sentinel, secrets and high-entropy secret markers.
//
// Generated trees are plain data with two placeholders, so that a failing case prints readably and
// can be pasted into the regression corpus: `{ $secret: v }` (sent with the secret signature) and
// `{ $ref: i, prop }` (an output of the i-th resource of the batch: a property dependency).
import fc from "fast-check";
import { UNKNOWN_SENTINELS } from "../../../policy-pack/src/engine/values";

export const SENTINELS: readonly string[] = [...UNKNOWN_SENTINELS];

export type Tree = unknown;

export interface SecretNode {
    $secret: Tree;
}

export interface RefNode {
    /** The batch index of the target (a scenario name before the scenario is placed in a batch). */
    $ref: number | string;
    prop: "id" | "name" | "objectId" | "principalId" | "computed";
    /** Appended to the value, as in `<vnet id>/subnets/default`. */
    suffix?: string;
}

export function isRefNode(v: unknown): v is RefNode {
    if (v === null || typeof v !== "object" || Array.isArray(v) || !("$ref" in v) || !("prop" in v)) {
        return false;
    }
    const keys = Object.keys(v);
    return keys.length === 2 || (keys.length === 3 && "suffix" in v);
}

// ---------------------------------------------------------------------------------------------
// Secret markers

/**
 * A secret marker: a high-entropy core between characters no closed-form parser of the pack accepts
 * (`#`, `!`, `+`, `=`), so that quoting any part of it in a message is a leak, never a parsed name,
 * GUID, CIDR or port. The oracle looks for the core, which catches partial quotes too.
 */
const MARKER_CORE = /[0-9a-f]{24}/;
export const MARKER_PATTERN = /S3cr3t#([0-9a-f]{24})[!+=]/g;

export const markerArb: fc.Arbitrary<string> = fc
    .tuple(fc.array(fc.integer({ min: 0, max: 0xffffff }), { minLength: 4, maxLength: 4 }), fc.constantFrom("!", "+=", "!/+"), fc.constantFrom("", "Passw0rd:", "DefaultEndpointsProtocol=https;AccountKey="))
    .map(([parts, tail, prefix]) => `${prefix}S3cr3t#${parts.map((p) => p.toString(16).padStart(6, "0")).join("")}${tail}`);

/** Every marker core found anywhere in a value (keys included). */
export function markerCores(value: unknown, out: Set<string> = new Set()): Set<string> {
    if (typeof value === "string") {
        for (const m of value.matchAll(MARKER_PATTERN)) {
            out.add(m[1]);
        }
    } else if (Array.isArray(value)) {
        value.forEach((v) => markerCores(v, out));
    } else if (value !== null && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
            markerCores(k, out);
            markerCores(v, out);
        }
    }
    return out;
}

export function isMarkerCore(text: string): boolean {
    return MARKER_CORE.test(text);
}

// ---------------------------------------------------------------------------------------------
// Words of every domain the pack parses

export const GUIDS = [
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", // Owner
    "b24988ac-6180-42a0-ab88-20f7382dd24c", // Contributor
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    "acdd72a7-3385-48ef-bd42-f606fba81ae7", // Reader
    "72f988bf-86f1-41af-91ab-2d7cd011db47",
    "c632b3df-fb67-4d84-bdcf-b95ad541b5c8",
    "6f1d2c3b-4a59-4e8f-9d7c-0b1a2c3d4e5f",
    "00000000-0000-0000-0000-000000000000",
];

/** Entra directory role template ids: privileged (Global, Privileged Role, Security Administrator) and not (Helpdesk Administrator). */
export const DIRECTORY_ROLES = [
    "62e90394-69f5-4237-9190-012177145e10",
    "e8611ab8-c189-46e8-94e1-60213ab1f814",
    "194ae4cb-b126-40b2-bd5b-6091b380977d",
    "729827e3-9c14-49f7-bb1b-9608f156bbb8",
];

const DOMAIN_WORDS = [
    // directions, access, protocols
    "Inbound", "Outbound", "Allow", "Deny", "Tcp", "Udp", "Icmp", "Esp", "Ah", "*", "Any", "All",
    // sources
    "Internet", "VirtualNetwork", "AzureLoadBalancer", "GatewayManager", "AzureCloud", "AzureCloud.WestEurope", "Storage",
    "0.0.0.0/0", "0.0.0.0", "::/0", "::", "0.0.0.0/1", "128.0.0.0/1", "::ffff:0:0/96", "::ffff:10.0.0.0/104", "10.0.0.0/8",
    "10.0.0.0/7", "172.16.0.0/12", "192.168.1.0/24", "100.64.0.0/10", "fd00::/8", "fe80::/10", "203.0.113.7", "198.51.100.0/24",
    "10.1", "010.0.0.1", "1.2.3.4-1.2.3.9", "10.0.0.0/33", "2001:db8::/32", "fe80::1%eth0",
    // ports
    "3389", "22", "5985", "5986", "3389-3389", "3000-4000", "4000-3000", "0-65535", "70000", "-1", "abc", "22,3389", "3389 ", "03389",
    // enum words of the other policies
    "AAD", "Certificate", "Radius", "OpenVPN", "IkeV2", "SSTP", "Vpn", "ExpressRoute", "LocalGateway", "RouteBased",
    "Developer", "Basic", "Standard", "Premium", "SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "None",
    "Microsoft.Azure.ActiveDirectory", "Microsoft.Azure.ActiveDirectory.LinuxSSH", "AADLoginForWindows", "AADSSHLoginForLinux",
    "AADLoginForLinux", "Linux", "Windows", "Canonical", "MicrosoftWindowsServer",
    "RedirectToLoginPage", "AllowAnonymous", "Return401", "Return403", "azureactivedirectory", "AzureActiveDirectory", "Google",
    "AfterDuration", "AfterDateTime", "NoExpiration", "P90D", "P365D", "P800D", "PT8H", "PT3H", "PT180M", "P1Y", "PT0S", "P", "PT",
    "2025-01-01T00:00:00Z", "2099-12-31T23:59:59+01:00", "not-a-date",
    "RoleManagementPolicyApprovalRule", "RoleManagementPolicyEnablementRule", "RoleManagementPolicyExpirationRule",
    "Approval_EndUser_Assignment", "Enablement_EndUser_Assignment", "Expiration_EndUser_Assignment", "MultiFactorAuthentication",
    "EndUser", "Assignment", "Admin", "Eligibility", "Justification",
    "FirewallPolicyNatRuleCollection", "FirewallPolicyFilterRuleCollection", "NatRule", "NetworkRule", "DNAT", "Dnat", "Snat",
    "enterprise", "specialized", "privileged", "Privileged", "PRIVILEGED", "privilegd", "app-proxy", "intermediary", "securityLevel",
    // Conditional Access, authentication strengths, PIM for Groups, Application Proxy
    "enabled", "disabled", "enabledForReportingButNotEnforced", "AND", "OR", "and", "block", "mfa", "compliantDevice", "domainJoinedDevice",
    "approvedApplication", "compliantApplication", "passwordChange", "MicrosoftAdminPortals", "797f4846-ba00-4fd7-ba43-dac1f8f63013", "AllTrusted",
    "browser", "mobileAppsAndDesktopClients", "exchangeActiveSync", "other", "high", "medium", "low", "none", "include", "exclude",
    "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "x509CertificateSingleFactor", "password", "sms", "password,sms",
    "password,microsoftAuthenticatorPush", "temporaryAccessPassOneTime", "b2bCollaborationGuest",
    "00000000-0000-0000-0000-000000000002", "/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000004",
    "member", "owner", "groupMembers", "singleUser", "/", "/administrativeUnits/6f1d2c3b-4a59-4e8f-9d7c-0b1a2c3d4e5f",
    "WindowsAzureActiveDirectoryOnPremApp", "WindowsAzureActiveDirectoryIntegratedApp", "https://portal-contoso.msappproxy.net/",
    "https://portal-contoso.msappproxy.net.", "https://msappproxy.net.evil.example/",
    "*", "*/read", "*/write", "Microsoft.Authorization/*", "Microsoft.Authorization/roleAssignments/write", "microsoft.authorization/*/write",
    // URLs and ids
    // Names of Object.prototype members: a lookup table indexed by a raw word must not find them.
    "constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "prototype", "length",
    "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47",
    "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0",
    "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
    "https://login.microsoftonline.com/common", "https://login.microsoftonline.com/organizations/v2.0",
    "https://login.microsoftonline.com.evil.example/72f988bf-86f1-41af-91ab-2d7cd011db47",
    "http://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47",
    "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47?x=1",
    "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    "/providers/Microsoft.Authorization/roleDefinitions/8E3AF657-A8FF-443C-A75C-2FE8C4BCB635/",
    "{8e3af657-a8ff-443c-a75c-2fe8c4bcb635}",
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb/frontendIPConfigurations/fe",
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/ipGroups/ipg",
    ...GUIDS,
    ...DIRECTORY_ROLES,
];

/** Case, whitespace and unicode variants of a word: what an author might type, by accident or on purpose. */
export const VARIANTS: readonly ((word: string) => string)[] = [
    (w) => w,
    (w) => w.toUpperCase(),
    (w) => w.toLowerCase(),
    (w) => ` ${w} `,
    (w) => `\t${w}\n`,
    (w) => `${w}\u200b`, // zero-width space
    (w) => `\u00a0${w}`, // no-break space
    (w) => `${w}\u0000`,
    (w) => w.normalize("NFD"),
    (w) => w.replace(/i/g, "\u0131"), // dotless i
    (w) => w.replace(/I/g, "\u0130"), // dotted capital I
    (w) => w.replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)), // fullwidth
    (w) => w.replace(/a/g, "\u0430").replace(/o/g, "\u043e"), // Cyrillic look-alikes
    (w) => `${w},${w}`,
    (w) => `${w};`,
];

function variants(word: string): fc.Arbitrary<string> {
    return fc.constantFrom(...VARIANTS).map((v) => v(word));
}

export const domainWord: fc.Arbitrary<string> = fc.constantFrom(...DOMAIN_WORDS);
export const trickyWord: fc.Arbitrary<string> = domainWord.chain(variants);

// Characters for free-form strings: ASCII, separators, controls, look-alikes, combining marks, emoji
// halves, right-to-left overrides. (Built by hand: fast-check's unicode string units are slow to bias.)
const CHARS = [..."abcXYZ019 -_./:*,;=+#!@%{}[]\"'\\", "\t", "\n", "\r", "\u0000", "\u00a0", "\u200b", "\u202e", "\ufeff", "\u0301", "\u0131", "\u0130", "\u0430", "\uff21", "\ud83d", "\ude80", "\ud83d\ude80", "\u{10ffff}"];

function charsArb(maxLength: number): fc.Arbitrary<string> {
    return fc.array(fc.constantFrom(...CHARS), { maxLength }).map((cs) => cs.join(""));
}

const oddString: fc.Arbitrary<string> = fc.oneof(
    fc.constantFrom("", " ", "\t\n", "\u0000", "\ud83d\ude80", "\u202e", "null", "undefined", "true", "NaN", "[]", "{}", "__proto__", "constructor"),
    charsArb(16),
);

/** Very long strings: rare in generated trees, they cost real time to send and parse. */
export const longStringArb: fc.Arbitrary<string> = fc.oneof(
    fc.integer({ min: 1_000, max: 10_000 }).map((n) => "9".repeat(n)),
    fc.integer({ min: 500, max: 5_000 }).map((n) => `${"a-".repeat(n)}3389`),
    fc.integer({ min: 100, max: 2_000 }).map((n) => `${" ".repeat(n)}Allow${"\u200b".repeat(n)}`),
);

const oddNumber: fc.Arbitrary<number> = fc.oneof(
    fc.constantFrom(0, -0, -1, 1, 22, 100, 3389, 4096, 4097, 65535, 65536, 1.5, 3389.0000001, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, -Infinity),
    fc.integer(),
    fc.double(),
);

export const sentinelArb: fc.Arbitrary<string> = fc.constantFrom(...SENTINELS);

export const leafArb: fc.Arbitrary<Tree> = fc.oneof(
    { weight: 6, arbitrary: domainWord },
    { weight: 4, arbitrary: trickyWord },
    { weight: 3, arbitrary: sentinelArb },
    { weight: 2, arbitrary: oddString },
    { weight: 2, arbitrary: oddNumber },
    { weight: 2, arbitrary: fc.boolean() },
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: markerArb },
    { weight: 1, arbitrary: markerArb.map((m): SecretNode => ({ $secret: m })) },
);

/** Keys a policy reads somewhere, and keys that trip naive object handling. */
export const NESTED_KEYS = [
    "name", "id", "type", "properties", "tags", "securityLevel", "intermediary",
    "securityRules", "direction", "access", "protocol", "priority", "sourceAddressPrefix", "sourceAddressPrefixes",
    "sourceApplicationSecurityGroups", "destinationPortRange", "destinationPortRanges", "destinationAddressPrefix",
    "frontendIPConfigurations", "frontendIPConfiguration", "publicIPAddress", "subnet", "inboundNatRules", "inboundNatPools",
    "loadBalancingRules", "backendPort", "frontendPort", "backendAddressPool", "enableFloatingIP",
    "natRuleCollections", "ruleCollections", "ruleCollectionType", "action", "rules", "ruleType", "protocols", "ipProtocols",
    "sourceAddresses", "sourceIpGroups", "translatedPort", "translatedAddress", "destinationPorts", "ipAddresses",
    "vpnClientConfiguration", "vpnAuthenticationTypes", "vpnAuthTypes", "rootCertificates", "sourceApplicationSecurityGroupIds",
    "vpnClientProtocols", "vpnProtocols", "aadTenant", "aadAudience",
    "aadIssuer", "aadAuthenticationParameters", "vpnClientRootCertificates", "radiusServerAddress", "radiusServers",
    "radiusServerSecret", "gatewayType", "sku", "enableShareableLink", "enableSessionRecording", "disableCopyPaste",
    "identity", "osProfile", "linuxConfiguration", "windowsConfiguration", "disablePasswordAuthentication", "adminPassword",
    "storageProfile", "osDisk", "osType", "imageReference", "publisher", "virtualMachineProfile", "extensionProfile",
    "extensions", "platform", "enabled", "globalValidation", "requireAuthentication", "unauthenticatedClientAction",
    "redirectToProvider", "identityProviders", "azureActiveDirectory", "registration", "clientId", "openIdIssuer",
    "customOpenIdConnectProviders", "google", "facebook", "defaultProvider", "issuer", "googleClientId",
    "principalId", "roleDefinitionId", "scope", "permissions", "actions", "notActions", "dataActions", "assignableToRole",
    "scheduleInfo", "expiration", "duration", "endDateTime", "startDateTime", "setting", "isApprovalRequired",
    "enabledRules", "maximumDuration", "target", "caller", "level", "virtualMachines", "ports", "number",
    "allowedSourceAddressPrefix", "allowedSourceAddressPrefixes", "maxRequestAccessDuration",
    "ipConfigurations", "networkSecurityGroup", "networkInterfaces", "subnets", "addressPrefix",
    "state", "conditions", "users", "applications", "includedUsers", "includedRoles", "excludedRoles", "excludedUsers", "excludedGroups",
    "excludedGuestsOrExternalUsers", "includedApplications", "excludedApplications", "clientAppTypes", "locations", "includedLocations",
    "excludedLocations", "platforms", "includedPlatforms", "excludedPlatforms", "devices", "filter", "mode", "rule", "userRiskLevels",
    "signInRiskLevels", "clientApplications", "grantControls", "operator", "builtInControls", "authenticationStrengthPolicyId",
    "termsOfUses", "customAuthenticationFactors", "allowedCombinations", "templateId", "roleId", "roleObjectId", "memberObjectId",
    "principalObjectId", "roleDefinitionId", "groupId", "permanentAssignment", "expirationDate", "startDate", "activationRules",
    "requireApproval", "requireMultifactorAuthentication", "appRoleAssignmentRequired", "loginUrl", "resourceObjectId",
    "__proto__", "constructor", "toString", "hasOwnProperty", "__getSpecialProxyTarget", "__isSpecialProxy", "",
];

const nestedKey: fc.Arbitrary<string> = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...NESTED_KEYS) },
    { weight: 1, arbitrary: charsArb(6) },
    { weight: 1, arbitrary: markerArb },
);

/** Builds an object from entries without letting `__proto__` reach the prototype. */
export function objectOf(entries: readonly (readonly [string, Tree])[]): Record<string, Tree> {
    const out: Record<string, Tree> = {};
    for (const [k, v] of entries) {
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
}

export function refArb(batchSize: number): fc.Arbitrary<RefNode> {
    return fc.record({
        $ref: fc.nat({ max: Math.max(0, batchSize - 1) }),
        prop: fc.constantFrom("id" as const, "name" as const, "objectId" as const, "principalId" as const, "computed" as const),
    });
}

/** A random tree: objects keyed from the pool above, arrays (sometimes huge), leaves, refs and secrets. */
export function treeArb(batchSize: number, maxDepth = 4): fc.Arbitrary<Tree> {
    const { tree } = fc.letrec<{ tree: Tree; node: Tree }>((tie) => ({
        tree: fc.oneof(
            { depthSize: "small", withCrossShrink: true },
            { weight: 5, arbitrary: leafArb },
            { weight: 1, arbitrary: refArb(batchSize) },
            { weight: 2, arbitrary: tie("node") },
        ),
        node: fc.oneof(
            { maxDepth },
            { weight: 3, arbitrary: fc.array(fc.tuple(nestedKey, tie("tree")), { maxLength: 4 }).map(objectOf) },
            { weight: 2, arbitrary: fc.array(tie("tree"), { maxLength: 4 }) },
            { weight: 1, arbitrary: tie("tree").map((t): SecretNode => ({ $secret: t })) },
        ),
    }));
    return tree;
}

/** A huge array of one repeated (or slightly varied) element: thousands of rules, ports, prefixes. */
export function hugeArrayArb(element: fc.Arbitrary<Tree>): fc.Arbitrary<Tree[]> {
    return fc.tuple(element, fc.integer({ min: 100, max: 400 })).map(([e, n]) => Array.from({ length: n }, () => e));
}

/** Nesting deeper than any real resource: a chain of single-key objects and arrays. */
export const deepArb: fc.Arbitrary<Tree> = fc
    .tuple(fc.integer({ min: 20, max: 60 }), leafArb)
    .map(([depth, leaf]) => {
        let v: Tree = leaf;
        for (let i = 0; i < depth; i++) {
            v = i % 2 === 0 ? [v] : { rules: v };
        }
        return v;
    });
