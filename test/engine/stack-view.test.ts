import { PolicyResource } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { StackView } from "../../policy-pack/src/engine/stack";
import { network } from "../../policy-pack/src/azure/types";

const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;

/** What @pulumi/policy hands one stack policy: its own resource objects around the request's props. */
function policyArgs(resources: { type: string; name: string; props: Record<string, unknown> }[]) {
    const policyResources = resources.map(
        (r) => ({ type: r.type, name: r.name, urn: urn(r.type, r.name), props: r.props, dependencies: [], propertyDependencies: {} }) as unknown as PolicyResource,
    );
    return { resources: policyResources, stackTags: new Map<string, string>() };
}

const NSG = "azure-native:network:NetworkSecurityGroup";
const RULE_VERSIONED = "azure-native:network/v20240301:SecurityRule";
const VNET = "azure-native:network:VirtualNetwork";

function request() {
    return [
        { type: NSG, name: "nsgA", props: {} },
        { type: VNET, name: "vnet", props: {} },
        { type: RULE_VERSIONED, name: "rule", props: {} },
        { type: NSG, name: "nsgB", props: {} },
    ];
}

describe("StackView", () => {
    it("is shared by the stack policies of one request and rebuilt for the next", () => {
        const first = request();
        const policyOne = StackView.of(policyArgs(first));
        const policyTwo = StackView.of(policyArgs(first));
        const nextRequest = StackView.of(policyArgs(request()));
        expect(policyTwo).toBe(policyOne);
        expect(nextRequest).not.toBe(policyOne);
    });

    it("builds a derived index once per view", () => {
        const view = new StackView(policyArgs(request()));
        let builds = 0;
        const build = () => ({ built: ++builds });
        expect(view.derived(build, build)).toBe(view.derived(build, build));
        expect(builds).toBe(1);
    });

    it("lists resources of several types in stack order, whatever the API version in the token", () => {
        const view = new StackView(policyArgs(request()));
        expect(view.ofType(network.SecurityRule, network.NetworkSecurityGroup).map((r) => r.name)).toEqual(["nsgA", "rule", "nsgB"]);
        expect(view.ofType(network.SecurityRule).map((r) => r.name)).toEqual(["rule"]);
        expect(view.ofType(network.LoadBalancer)).toEqual([]);
    });

    it("resolves a level once and answers the same for the same question", () => {
        const view = new StackView(policyArgs([{ type: NSG, name: "nsg", props: { tags: { securityLevel: "privileged" } } }]));
        const nsg = view.get(urn(NSG, "nsg"))!;
        expect(view.levelOf(nsg)).toBe(view.levelOf(nsg));
        expect(view.levelOf(nsg)).toMatchObject({ level: "privileged", source: "resource" });
    });
});
