// PAG-004: point-to-site VPNs authenticate users with Microsoft Entra ID only (seed: intermediaries,
// "Integrate Azure AD authentication" for VPNs). A resource policy: one gateway or VPN server
// configuration holds everything the verdict needs.
import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { P2S_ADAPTERS, p2sAdapterFor } from "../adapters/p2s";
import { problemKind } from "../azure/problems";
import { p2sProblems } from "../azure/vpn";
import { levelFromTags } from "../engine/levels";
import { exemptible } from "../engine/exemptible";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { reporter, reportLevelProblem } from "../engine/report";
import { onlyFor } from "../engine/tokens";
import { rawProps } from "../engine/values";

const GUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

export const metadata: PolicyMetadata = {
    id: "PAG-004",
    name: "vpn-gateway-entra-auth",
    description:
        "Point-to-site VPN gateways and Virtual WAN VPN server configurations must authenticate users with Microsoft Entra ID only, for one tenant, over OpenVPN.",
    severity: "high",
    url: SEED_URLS.intermediaries,
    remediationSteps:
        'Set vpnAuthenticationTypes to ["AAD"] and remove certificate and RADIUS authentication; set aadTenant to https://login.microsoftonline.com/<tenant-id>, aadIssuer to https://sts.windows.net/<tenant-id>/ (same tenant) and aadAudience to the Azure VPN Client application ID; set the protocol list (vpnClientProtocols, or vpnProtocols on Virtual WAN) to ["OpenVPN"]. On the classic provider: vpnAuthTypes on a gateway, and on a Virtual WAN server configuration the tenant, issuer and audience of azureActiveDirectoryAuthentications[0].',
    mcsb: ["IM-1", "IM-6", "IM-7"],
    cis: ["7.9"],
};

interface Config {
    allowedTenantIds: string[];
}

function allowedTenants(config: unknown): string[] {
    const ids = (config as Partial<Config> | undefined)?.allowedTenantIds;
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string").map((id) => id.trim().toLowerCase()) : [];
}

const P2S_TYPES = P2S_ADAPTERS.map((a) => a.type);

export const vpnGatewayEntraAuth: ResourceValidationPolicy = exemptible(metadata, {
    ...policyFields(metadata),
    configSchema: {
        properties: {
            allowedTenantIds: {
                type: "array",
                items: { type: "string", pattern: GUID_PATTERN },
                uniqueItems: true,
                default: [],
                description:
                    "Entra tenant IDs that point-to-site VPNs may sign users in through. Empty: any single tenant (never common or organizations).",
            },
        },
    },
    validateResource: onlyFor(P2S_TYPES, (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        const props = rawProps(args.props);
        const p2s = p2sAdapterFor(args.type)!.read(props);
        if (p2s.kind === "none") {
            return;
        }
        const report = reporter(reportViolation);
        const level = levelFromTags(props.tags, args.stackTags);
        reportLevelProblem(report, args.urn, level);
        const problems = p2s.kind === "problem" ? [p2s.problem] : p2sProblems(p2s.settings, allowedTenants(args.getConfig()));
        for (const problem of problems) {
            report({ message: problem.message, advisory: problem.unknown && level.level !== "privileged", kind: problemKind(problem) });
        }
    }),
});
