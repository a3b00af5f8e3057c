import { describe, expect, it } from "vitest";
import { levelFromTags, levelTag, parseLevel, resolveLevel, stackLevelTag } from "../../policy-pack/src/engine/levels";
import { StackView } from "../../policy-pack/src/engine/stack";
import { UNKNOWN_STRING } from "../../policy-pack/src/engine/values";

const stack = (tags: Record<string, string>) => new Map(Object.entries(tags));

describe("parseLevel", () => {
    it.each([
        ["enterprise", "enterprise"],
        ["Specialized", "specialized"],
        ["PRIVILEGED", "privileged"],
        [" privileged ", "privileged"],
    ])("reads %j as %s in any case", (value, level) => {
        expect(parseLevel(value)).toEqual({ kind: "level", level });
    });

    it.each(["privilegd", "high", "", 3, true, ["privileged"]])("rejects %j as invalid", (value) => {
        expect(parseLevel(value)).toEqual({ kind: "invalid" });
    });

    it("treats the unknown sentinel as unknown and a missing value as unset", () => {
        expect(parseLevel(UNKNOWN_STRING)).toEqual({ kind: "unknown" });
        expect(parseLevel(undefined)).toEqual({ kind: "unset" });
    });
});

describe("levelTag", () => {
    it("finds the tag key in any case", () => {
        expect(levelTag({ SecurityLevel: "privileged" })).toEqual({ kind: "level", level: "privileged" });
        expect(levelTag({ owner: "x" })).toEqual({ kind: "unset" });
        expect(levelTag(UNKNOWN_STRING)).toEqual({ kind: "unknown" });
        expect(levelTag("not a map")).toEqual({ kind: "unset" });
    });
});

describe("resolveLevel", () => {
    it("prefers the resource tag, even when it is lower than the stack tag", () => {
        expect(levelFromTags({ securityLevel: "enterprise" }, stack({ securityLevel: "privileged" }))).toEqual({
            level: "enterprise",
            source: "resource",
        });
    });

    it("falls back to the stack tag, then to enterprise", () => {
        expect(levelFromTags({}, stack({ securityLevel: "Specialized" }))).toEqual({ level: "specialized", source: "stack" });
        expect(levelFromTags(undefined, undefined)).toEqual({ level: "enterprise", source: "default" });
    });

    it("judges an invalid value at privileged and says where it was", () => {
        expect(levelFromTags({ securityLevel: "privilegd" }, stack({ securityLevel: "enterprise" }))).toEqual({
            level: "privileged",
            source: "resource",
            problem: "invalid",
        });
        expect(levelFromTags({}, stack({ securityLevel: "top" }))).toEqual({
            level: "privileged",
            source: "stack",
            problem: "invalid",
        });
    });

    it("takes the nearest parent's level before the stack tag", () => {
        expect(
            resolveLevel({
                resource: { kind: "unset" },
                parents: [{ kind: "unset" }, { kind: "level", level: "specialized" }],
                stack: stackLevelTag(stack({ securityLevel: "privileged" })),
            }),
        ).toEqual({ level: "specialized", source: "parent" });
    });
});

describe("StackView.levelOf", () => {
    const resources = [
        { urn: "urn:nsg", type: "azure-native:network:NetworkSecurityGroup", name: "nsg", props: { tags: { securityLevel: "privileged" } } },
        { urn: "urn:rule", type: "azure-native:network:SecurityRule", name: "rule", props: {}, deps: { networkSecurityGroupName: ["urn:nsg"] } },
        { urn: "urn:orphan", type: "azure-native:network:SecurityRule", name: "orphan", props: {} },
    ];
    const byUrn = new Map<string, any>();
    const policyResources = resources.map((r) => {
        const pr: any = { urn: r.urn, type: r.type, name: r.name, props: r.props, dependencies: [], propertyDependencies: {} };
        byUrn.set(r.urn, pr);
        return pr;
    });
    resources.forEach((r, i) => {
        for (const [k, urns] of Object.entries(r.deps ?? {})) {
            policyResources[i].propertyDependencies[k] = urns.map((u) => byUrn.get(u));
        }
    });
    const view = new StackView({ resources: policyResources, stackTags: stack({ securityLevel: "enterprise" }) });

    it("inherits the parent's tag through propertyDependencies", () => {
        expect(view.levelOf(view.get("urn:rule")!, ["networkSecurityGroupName"])).toEqual({ level: "privileged", source: "parent" });
    });

    it("uses the stack tag for a child whose parent is not in the stack", () => {
        expect(view.levelOf(view.get("urn:orphan")!, ["networkSecurityGroupName"])).toEqual({ level: "enterprise", source: "stack" });
    });
});
