// The security level of what an Azure RBAC scope administers. An assignment (or eligibility, or role
// management policy) at a scope governs every resource inside it: Owner of a resource group owns the
// Bastion host in it, Owner of a subscription owns everything. So the level is the scope resource's
// own (its tag, else the stack tag) raised to the highest level a resource inside the scope declares
// with its own `securityLevel` tag. (A resource without a tag says nothing beyond its container: a
// resource group tagged enterprise in a privileged stack stays enterprise for its untagged contents.)
//
// The scope is found through propertyDependencies on `scope` first, else by its ARM id (a literal id,
// or a known id in a deployment whose resources exist). A resource is inside a resource group through
// propertyDependencies on its `resourceGroupName`, else by the group's name in its recorded inputs or
// in its known id; in the first preview of a new stack, a resource placed in a group by a literal
// name whose inputs were not recorded cannot be tied to it yet. A subscription, management group or
// tenant scope, and a scope that cannot be known during preview, hold every resource of the stack —
// which can only raise the level, never lower it. Both providers name the scope `scope` and place
// resources by `resourceGroupName`; a classic resource group (azure:core/resourceGroup) carries its
// name in `name` and its level in `tags`, as an azure-native one does in `resourceGroupName` and `tags`.
import { levelTag, rank, ResolvedLevel, resolveLevel } from "../engine/levels";
import { rememberedInputs } from "../engine/memory";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { isUnknown, Props, rawProps } from "../engine/values";
import { classic, resources } from "./types";

/** Resource groups, of either provider: their `tags` and the names resources place themselves in by. */
const RESOURCE_GROUP_TYPES = [resources.ResourceGroup, classic.ResourceGroup];
const isResourceGroup = (token: string) => RESOURCE_GROUP_TYPES.some((t) => t.matches(token));

/** A resource group's Azure name: `resourceGroupName` (azure-native) or `name` (classic) as written, else its output `name`. */
function groupNameOf(inputs: Props | undefined, outputs: Props): string | undefined {
    return knownString(inputs?.resourceGroupName) ?? knownString(inputs?.name) ?? knownString(outputs.name);
}

export interface ScopeLevel {
    /** The level to judge at. */
    level: ResolvedLevel;
    /** The scope chain's own level: its `problem` is the one to report. */
    own: ResolvedLevel;
    /** The resource inside the scope whose level raised the scope's own, if one did. */
    raisedBy?: { urn: string; name: string };
}

/** An ARM id, lower-cased and without a trailing slash, split into segments. */
function segments(id: string): string[] {
    return id.trim().toLowerCase().split("/").filter((s) => s.length > 0);
}

export type ParsedScope =
    | { kind: "everything" }
    | { kind: "resource-group"; name: string; id: string }
    | { kind: "resource"; id: string }
    | { kind: "unreadable" };

export function parseScope(value: unknown): ParsedScope {
    if (isUnknown(value)) {
        return { kind: "everything" };
    }
    if (typeof value !== "string") {
        return { kind: "unreadable" };
    }
    const parts = segments(value);
    const id = `/${parts.join("/")}`;
    if (parts.length === 0 || (parts[0] === "providers" && parts[1] === "microsoft.management") || (parts[0] === "subscriptions" && parts.length <= 2)) {
        return { kind: "everything" };
    }
    if (parts[0] === "subscriptions" && parts[2] === "resourcegroups" && parts.length === 4) {
        return { kind: "resource-group", name: parts[3], id };
    }
    return parts[0] === "subscriptions" ? { kind: "resource", id } : { kind: "unreadable" };
}

/** The resource group named in a known ARM id (`/subscriptions/…/resourceGroups/<name>/providers/…`). */
export function groupOfId(id: unknown): string | undefined {
    const value = knownString(id);
    if (value === undefined) {
        return undefined;
    }
    const parts = segments(value);
    return parts[0] === "subscriptions" && parts[2] === "resourcegroups" && parts.length > 4 ? parts[3] : undefined;
}

function knownString(value: unknown): string | undefined {
    return typeof value === "string" && !isUnknown(value) ? value : undefined;
}

/** The level a resource declares with its own tag (an unreadable tag counts as privileged), if any. */
function declaredLevel(tags: unknown): ResolvedLevel | undefined {
    const parsed = levelTag(tags);
    if (parsed.kind === "unset") {
        return undefined;
    }
    return resolveLevel({ resource: parsed });
}

interface Member {
    urn: string;
    name: string;
    level: ResolvedLevel;
}

/**
 * Indexes the stack once per AnalyzeStack, in one pass over the raw resources (no conversion): the
 * resources that declare a level, which resource group each sits in, resource groups by name, and
 * resources by id. Resources that declare no level cannot raise a scope and are not kept.
 */
export class ScopeIndex {
    private readonly groupsByName = new Map<string, string[]>();
    private byId?: Map<string, string>;
    private readonly declared = new Map<string, Member>();
    private readonly membersByGroup = new Map<string, Member[]>();
    private readonly membersByGroupName = new Map<string, Member[]>();

    /** The request's index, shared by the policies that judge scopes. */
    static of(view: StackView): ScopeIndex {
        return view.derived(ScopeIndex, () => new ScopeIndex(view));
    }

    private constructor(private readonly view: StackView) {
        for (const r of view.resources) {
            const outputs = rawProps(r.props);
            const inputs = rememberedInputs(r.urn);
            if (isResourceGroup(r.type)) {
                const name = groupNameOf(inputs, outputs);
                if (name !== undefined) {
                    push(this.groupsByName, name.trim().toLowerCase(), r.urn);
                }
            }
            const level = declaredLevel((inputs ?? outputs).tags);
            if (level === undefined) {
                continue;
            }
            const member: Member = { urn: r.urn, name: r.name, level };
            this.declared.set(r.urn, member);
            const groups = (r.propertyDependencies?.resourceGroupName ?? []).filter((d) => isResourceGroup(d.type));
            groups.forEach((g) => push(this.membersByGroup, g.urn, member));
            // Classic outputs keep `resourceGroupName`; azure-native ones only carry it in the id.
            const groupName = knownString(inputs?.resourceGroupName) ?? knownString(outputs.resourceGroupName) ?? groupOfId(outputs.id);
            if (groups.length === 0 && groupName !== undefined) {
                push(this.membersByGroupName, groupName.trim().toLowerCase(), member);
            }
        }
    }

    /** A resource of the stack by its known ARM id; indexed on first use (scopes are rarely single resources). */
    private resourceById(id: string): string | undefined {
        if (!this.byId) {
            this.byId = new Map();
            for (const r of this.view.resources) {
                const known = knownString(rawProps(r.props).id);
                if (known !== undefined) {
                    this.byId.set(`/${segments(known).join("/")}`, r.urn);
                }
            }
        }
        return this.byId.get(id);
    }

    private groupMembers(groupUrn: string): Member[] {
        const group = this.view.get(groupUrn);
        const name = group && groupNameOf(group.inputs, group.outputs);
        return [
            ...(this.declared.has(groupUrn) ? [this.declared.get(groupUrn)!] : []),
            ...(this.membersByGroup.get(groupUrn) ?? []),
            ...(name === undefined ? [] : (this.membersByGroupName.get(name.trim().toLowerCase()) ?? [])),
        ];
    }

    /** The resources of the stack a grant's scope holds (the scope resource included) that declare a level. */
    private inside(r: StackResource, scopePath: string): Member[] {
        const scopes = this.view.dependenciesOf(r, scopePath);
        if (scopes.length > 0) {
            return scopes.flatMap((s) => (isResourceGroup(s.type) ? this.groupMembers(s.urn) : this.declared.has(s.urn) ? [this.declared.get(s.urn)!] : []));
        }
        const parsed = parseScope(propsOf(r)[scopePath]);
        switch (parsed.kind) {
            case "everything":
                return [...this.declared.values()];
            case "resource-group": {
                const groups = this.groupsByName.get(parsed.name) ?? [];
                return groups.length > 0 ? groups.flatMap((g) => this.groupMembers(g)) : (this.membersByGroupName.get(parsed.name) ?? []);
            }
            case "resource": {
                const target = this.resourceById(parsed.id);
                return target !== undefined && this.declared.has(target) ? [this.declared.get(target)!] : [];
            }
            case "unreadable":
                return [];
        }
    }

    /**
     * The level `r` is judged at: its scope chain's (`view.levelOf(r, [scopePath])`, whose problems
     * the caller reports), raised to the highest level a resource inside the scope declares.
     */
    levelOf(r: StackResource, scopePath: string): ScopeLevel {
        const own = this.view.levelOf(r, [scopePath]);
        let raised: ScopeLevel = { level: own, own };
        for (const member of this.inside(r, scopePath)) {
            if (rank(member.level.level) > rank(raised.level.level)) {
                raised = { level: { ...own, level: member.level.level }, own, raisedBy: member };
            }
        }
        return raised;
    }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) {
        list.push(value);
    } else {
        map.set(key, [value]);
    }
}
