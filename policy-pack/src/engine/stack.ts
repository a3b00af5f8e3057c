// A read-only view of the resources AnalyzeStack received, indexed once, for the joins stack
// policies make: by URN, by type, by property dependency, and the security level of each resource.
import { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { levelTag, resolveLevel, ResolvedLevel, stackLevelTag, ParsedLevel } from "./levels";
import { rememberedInputs } from "./memory";
import { AzureType } from "./tokens";
import { Props, rawProps } from "./values";

export interface StackResource {
    urn: string;
    type: string;
    name: string;
    /** Provider outputs as AnalyzeStack sent them (unknown sentinels kept). */
    outputs: Props;
    /** The inputs Analyze saw for this URN, when the policy recorded them. */
    inputs?: Props;
    parentUrn?: string;
    dependencies: string[];
    /** Input property name → URNs of the resources its value came from. */
    propertyDependencies: Record<string, string[]>;
}

/** The properties a policy should read: the inputs as written when known, else the outputs. */
export function propsOf(r: StackResource): Props {
    return r.inputs ?? r.outputs;
}

function toStackResource(r: PolicyResource): StackResource {
    const propertyDependencies: Record<string, string[]> = {};
    for (const [key, deps] of Object.entries(r.propertyDependencies ?? {})) {
        propertyDependencies[key] = deps.map((d) => d.urn);
    }
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        outputs: rawProps(r.props),
        inputs: rememberedInputs(r.urn),
        parentUrn: r.parent?.urn,
        dependencies: r.dependencies.map((d) => d.urn),
        propertyDependencies,
    };
}

export class StackView {
    private readonly all: readonly PolicyResource[];
    private readonly byUrn = new Map<string, PolicyResource>();
    // Converted on first use: a policy touches only the resource types it joins.
    private readonly converted = new Map<string, StackResource>();
    private readonly stackLevel: ParsedLevel;

    constructor(args: Pick<StackValidationArgs, "resources" | "stackTags">) {
        this.all = args.resources;
        for (const r of this.all) {
            this.byUrn.set(r.urn, r);
        }
        this.stackLevel = stackLevelTag(args.stackTags);
    }

    private convert(r: PolicyResource): StackResource {
        let converted = this.converted.get(r.urn);
        if (!converted) {
            converted = toStackResource(r);
            this.converted.set(r.urn, converted);
        }
        return converted;
    }

    get(urn: string): StackResource | undefined {
        const r = this.byUrn.get(urn);
        return r && this.convert(r);
    }

    ofType(...types: AzureType[]): StackResource[] {
        return this.all.filter((r) => types.some((t) => t.matches(r.type))).map((r) => this.convert(r));
    }

    /** Resources whose outputs flowed into the given input property of `r`. */
    dependenciesOf(r: StackResource, property: string): StackResource[] {
        return (r.propertyDependencies[property] ?? [])
            .map((urn) => this.get(urn))
            .filter((d): d is StackResource => d !== undefined);
    }

    /**
     * The level of `r`: its own tag, else the tag of the resources its `parentProperties` depend on
     * (the NSG of a rule, the VM of an extension, the scope of a role assignment), walking up, else
     * the stack tag.
     */
    levelOf(r: StackResource, parentProperties: readonly string[] = []): ResolvedLevel {
        const parents: ParsedLevel[] = [];
        const seen = new Set<string>([r.urn]);
        let current: StackResource | undefined = r;
        while (current) {
            const next: StackResource | undefined = parentProperties
                .flatMap((p) => this.dependenciesOf(current!, p))
                .find((d) => !seen.has(d.urn));
            if (!next) {
                break;
            }
            seen.add(next.urn);
            parents.push(levelTag(propsOf(next).tags));
            current = next;
        }
        return resolveLevel({ resource: levelTag(propsOf(r).tags), parents, stack: this.stackLevel });
    }
}
