// The pack entry: assembles the policy list and starts the policy server. Nothing else belongs here —
// constructing PolicyPack starts a gRPC server, so tests and tools import the policy modules instead.
import { PolicyPack } from "@pulumi/policy";
import "./src/engine/shared-deserialization"; // one copy of each resource's props for all policies
import { noDirectRdp } from "./src/policies/no-direct-rdp";
import { noDirectManagementPorts } from "./src/policies/no-direct-management-ports";
import { vmNotDirectlyReachable } from "./src/policies/vm-not-directly-reachable";
import { vpnGatewayEntraAuth } from "./src/policies/vpn-gateway-entra-auth";
import { bastionHardening } from "./src/policies/bastion-hardening";
import { vmEntraLogin } from "./src/policies/vm-entra-login";
import { appPublishingEntraAuth } from "./src/policies/app-publishing-entra-auth";
import { adminRbacPrivilegedPrincipals } from "./src/policies/admin-rbac-privileged-principals";
import { privilegedJitAccess } from "./src/policies/privileged-jit-access";
import { conditionalAccessAdminPolicies } from "./src/policies/conditional-access-admin-policies";
import { entraPrivilegedRoles } from "./src/policies/entra-privileged-roles";
import { appProxyEntraPublishing } from "./src/policies/app-proxy-entra-publishing";

new PolicyPack("azure-privileged-access-guard", {
    policies: [
        noDirectRdp,
        noDirectManagementPorts,
        vmNotDirectlyReachable,
        vpnGatewayEntraAuth,
        bastionHardening,
        vmEntraLogin,
        appPublishingEntraAuth,
        adminRbacPrivilegedPrincipals,
        privilegedJitAccess,
        conditionalAccessAdminPolicies,
        entraPrivilegedRoles,
        appProxyEntraPublishing,
    ],
});
