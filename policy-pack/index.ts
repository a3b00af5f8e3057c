// The pack entry: assembles the policy list and starts the policy server. Nothing else belongs here —
// constructing PolicyPack starts a gRPC server, so tests and tools import the policy modules instead.
import { PolicyPack } from "@pulumi/policy";

new PolicyPack("azure-privileged-access-guard", {
    policies: [],
});
