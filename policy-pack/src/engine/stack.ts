// A read-only view of the resources AnalyzeStack received, indexed once per request for the joins
// stack policies make: by URN, by type, by property dependency, and the security level of each
// resource. The policies of one request share it, and the indexes derived from it.
import { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { levelTag, resolveLevel, ResolvedLevel, stackLevelTag, ParsedLevel } from "./levels";
import { rememberedInputs } from "./memory";
import { AzureType, typeKey } from "./tokens";
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
    /**
     * The version of the provider that manages it: the provider's `version` property, else the one
     * in a default provider's name (`default_6_40_0`). Undefined when the engine does not say.
     */
    providerVersion?: string;
}

const DEFAULT_PROVIDER_NAME = /^default_(\d+)_(\d+)_(\d+)/;

function providerVersionOf(r: PolicyResource): string | undefined {
    if (!r.provider) {
        return undefined;
    }
    const version = rawProps(r.provider.props).version;
    if (typeof version === "string" && /^\d+\./.test(version)) {
        return version;
    }
    const m = DEFAULT_PROVIDER_NAME.exec(r.provider.name);
    return m ? `${m[1]}.${m[2]}.${m[3]}` : undefined;
}

/** The properties a policy should read: the inputs as written when known, else the outputs. */
export function propsOf(r: StackResource): Props {
    return r.inputs ?? r.outputs;
}

function toStackResource(r: PolicyResource): StackResource {
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        outputs: rawProps(r.props),
        inputs: rememberedInputs(r.urn),
        parentUrn: r.parent?.urn,
        providerVersion: providerVersionOf(r),
    };
}

// @pulumi/policy hands each stack policy its own resource objects, but their props are one copy per
// request (shared-deserialization.ts), so the first resource's props identify the request.
const viewsByRequest = new WeakMap<object, StackView>();

export class StackView {
    /** The resources as @pulumi/policy handed them to the first policy that asked. */
    readonly resources: readonly PolicyResource[];
    private readonly byUrn = new Map<string, PolicyResource>();
    private readonly byType = new Map<string | null, PolicyResource[]>();
    private readonly position = new Map<PolicyResource, number>();
    // Converted on first use: a policy touches only the resource types it joins.
    private readonly converted = new Map<string, StackResource>();
    private readonly levels = new Map<string, ResolvedLevel>();
    private readonly derivedIndexes = new Map<unknown, unknown>();
    private readonly stackLevel: ParsedLevel;

    /** The view of this request, built by the first stack policy that asks. */
    static of(args: Pick<StackValidationArgs, "resources" | "stackTags">): StackView {
        const first = args.resources[0];
        if (first === undefined) {
            return new StackView(args);
        }
        const key = rawProps(first.props);
        let view = viewsByRequest.get(key);
        if (view === undefined || view.resources.length !== args.resources.length) {
            view = new StackView(args);
            viewsByRequest.set(key, view);
        }
        return view;
    }

    constructor(args: Pick<StackValidationArgs, "resources" | "stackTags">) {
        this.resources = args.resources;
        this.resources.forEach((r, i) => {
            this.byUrn.set(r.urn, r);
            this.position.set(r, i);
            const key = typeKey(r.type);
            const sameType = this.byType.get(key);
            if (sameType) {
                sameType.push(r);
            } else {
                this.byType.set(key, [r]);
            }
        });
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

    /**
     * An index derived from this view, built once per request whichever policy asks first. `key`
     * is the function that builds it (or any value unique to the index).
     */
    derived<T>(key: unknown, build: () => T): T {
        if (!this.derivedIndexes.has(key)) {
            this.derivedIndexes.set(key, build());
        }
        return this.derivedIndexes.get(key) as T;
    }

    get(urn: string): StackResource | undefined {
        const r = this.byUrn.get(urn);
        return r && this.convert(r);
    }

    /** Resources of the given types, in stack order. */
    ofType(...types: AzureType[]): StackResource[] {
        const found = [...new Set(types.map((t) => t.key))].flatMap((key) => this.byType.get(key) ?? []);
        if (types.length > 1) {
            found.sort((a, b) => this.position.get(a)! - this.position.get(b)!);
        }
        return found.map((r) => this.convert(r));
    }

    /** Resources whose outputs flowed into the given input property of `r`. */
    dependenciesOf(r: StackResource, property: string): StackResource[] {
        const dependencies = this.byUrn.get(r.urn)?.propertyDependencies;
        if (!dependencies || !Object.hasOwn(dependencies, property)) {
            return [];
        }
        // @pulumi/policy keeps only the dependencies that are resources of the stack.
        return dependencies[property].map((d) => this.get(d.urn)).filter((d): d is StackResource => d !== undefined);
    }

    /**
     * The level of `r`: its own tag, else the tag of the resources its `parentProperties` depend on
     * (the NSG of a rule, the VM of an extension, the scope of a role assignment), walking up, else
     * the stack tag.
     */
    levelOf(r: StackResource, parentProperties: readonly string[] = []): ResolvedLevel {
        const key = parentProperties.length === 0 ? r.urn : `${r.urn}\u0000${parentProperties.join("\u0000")}`;
        let level = this.levels.get(key);
        if (level === undefined) {
            level = this.resolveLevel(r, parentProperties);
            this.levels.set(key, level);
        }
        return level;
    }

    private resolveLevel(r: StackResource, parentProperties: readonly string[]): ResolvedLevel {
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
