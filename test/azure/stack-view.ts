// A StackView over small fixtures, as AnalyzeStack would hand them to a stack policy: for unit tests
// of the Azure modules that join resources through propertyDependencies.
import { PolicyResource } from "@pulumi/policy";
import { StackView } from "../../policy-pack/src/engine/stack";

export interface Fixture {
    type: string;
    name: string;
    props: Record<string, unknown>;
    /** Property name → names of the fixtures whose outputs flowed into it. */
    deps?: Record<string, string[]>;
}

export const urnOf = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;

/** A stack view over the fixtures, as AnalyzeStack would hand them to a policy. */
export function stackOf(fixtures: Fixture[]): StackView {
    const byName = new Map<string, PolicyResource>();
    const resources = fixtures.map((f) => {
        const r = { urn: urnOf(f.type, f.name), type: f.type, name: f.name, props: f.props, dependencies: [], propertyDependencies: {}, opts: {} };
        byName.set(f.name, r as unknown as PolicyResource);
        return r as unknown as PolicyResource;
    });
    fixtures.forEach((f, i) => {
        const dependencies: Record<string, PolicyResource[]> = {};
        for (const [property, names] of Object.entries(f.deps ?? {})) {
            dependencies[property] = names.map((n) => byName.get(n)!);
        }
        (resources[i] as { propertyDependencies: Record<string, PolicyResource[]> }).propertyDependencies = dependencies;
    });
    return new StackView({ resources, stackTags: new Map() });
}

