// Network security groups and their rules, read from each provider's resources into one model
// (`NsgRule`, azure/network/nsg-rules.ts). The evaluators and the policies see only the model; each
// adapter knows its provider's type tokens and property names, and hands the reader the paths its
// users wrote, so that messages name them (`securityRuleName` on azure-native, `name` on classic).
//
//   azure-native  network:NetworkSecurityGroup `securityRules[]`, network:SecurityRule
//                 (`securityRuleName`, joined by `networkSecurityGroupName`), application security
//                 groups as `sourceApplicationSecurityGroups[{ id }]`
//   classic       azure:network/networkSecurityGroup `securityRules[]` (ASGs as
//                 `sourceApplicationSecurityGroupIds[]`), azure:network/networkSecurityRule (`name`,
//                 joined by `networkSecurityGroupName`; ASGs a single `sourceApplicationSecurityGroupIds`)
//
// A third provider adds one adapter here, and one entry in NSG_ADAPTERS.
import { propsOf, StackResource, StackView } from "../engine/stack";
import { isRecord, Props } from "../engine/values";
import { AzureType } from "../engine/tokens";
import { publicAddressSource, SourceClass } from "../azure/network/addresses";
import { NsgRule, readInlineRules, readRule } from "../azure/network/nsg-rules";
import { classic, network } from "../azure/types";

export interface NsgAdapter {
    provider: "azure-native" | "azure";
    nsgType: AzureType;
    ruleType: AzureType;
    /** The input that holds an NSG's own Azure name. */
    nsgNameKey: string;
    /** The input of a standalone rule that names its NSG (propertyDependencies, or name + resource group). */
    ruleParentKey: string;
    /** Public IP types whose outputs, flowing into a source, make that source a public address. */
    publicAddressTypes: readonly AzureType[];
    /** Inline and standalone rules of one NSG overwrite each other on every apply (azurerm). */
    mixedRulesOverwrite: boolean;
    inlineRules(view: StackView, nsg: StackResource): readonly NsgRule[];
    standaloneRule(view: StackView, rule: StackResource): NsgRule;
}

/** An unknown value whose property depends on a public IP address or prefix is a public address. */
function publicSourceResolver(
    view: StackView,
    r: StackResource,
    keys: readonly string[],
    types: readonly AzureType[],
): (() => SourceClass | undefined) | undefined {
    const pip = keys.flatMap((k) => view.dependenciesOf(r, k)).find((d) => types.some((t) => t.matches(d.type)));
    return pip ? () => publicAddressSource(pip.name, pip.urn) : undefined;
}

function rulesOf(value: unknown, rule: (v: unknown) => unknown): unknown {
    return Array.isArray(value) ? value.map(rule) : value;
}

function parsedOnce<T>(view: StackView, reader: object, r: StackResource, parse: () => T): T {
    const parsed = view.derived(reader, () => new Map<string, T>());
    let value = parsed.get(r.urn);
    if (value === undefined) {
        value = parse();
        parsed.set(r.urn, value);
    }
    return value;
}

interface Spelling {
    provider: NsgAdapter["provider"];
    nsgType: AzureType;
    ruleType: AzureType;
    nsgNameKey: string;
    ruleNameKey: string;
    inlineAsgKey: string;
    standaloneAsgKey: string;
    publicAddressTypes: readonly AzureType[];
    /** What the provider means by a rule's fields, before the reader sees them. */
    rule: (value: unknown) => unknown;
    mixedRulesOverwrite: boolean;
}

const asWritten = (value: unknown) => value;

/**
 * azurerm sends every optional field of a rule: an unset string as "" and an unset list as [] (and
 * after its Check, a `__defaults` list of the keys it filled). Unset is what they mean.
 */
function azurermRule(value: unknown): unknown {
    if (!isRecord(value)) {
        return value;
    }
    return Object.fromEntries(Object.entries(value).filter(([k, v]) => k !== "__defaults" && v !== "" && !(Array.isArray(v) && v.length === 0)));
}

function adapter(s: Spelling): NsgAdapter {
    const inlineRules = (view: StackView, nsg: StackResource): readonly NsgRule[] =>
        parsedOnce(view, inlineRules, nsg, () =>
            readInlineRules(rulesOf(propsOf(nsg).securityRules, s.rule), nsg.urn, {
                asgKey: s.inlineAsgKey,
                resolveUnknownSource: publicSourceResolver(view, nsg, ["securityRules"], s.publicAddressTypes),
            }),
        );
    const standaloneRule = (view: StackView, rule: StackResource): NsgRule =>
        parsedOnce(view, standaloneRule, rule, () => {
            const props = s.rule(propsOf(rule)) as Props;
            return readRule(props, rule.urn, "", {
                name: props[s.ruleNameKey] ?? props.name ?? rule.name,
                namePath: s.ruleNameKey,
                asgKey: s.standaloneAsgKey,
                resolveUnknownSource: publicSourceResolver(view, rule, ["sourceAddressPrefix", "sourceAddressPrefixes"], s.publicAddressTypes),
            });
        });
    return {
        provider: s.provider,
        nsgType: s.nsgType,
        ruleType: s.ruleType,
        nsgNameKey: s.nsgNameKey,
        ruleParentKey: "networkSecurityGroupName",
        publicAddressTypes: s.publicAddressTypes,
        mixedRulesOverwrite: s.mixedRulesOverwrite,
        inlineRules,
        standaloneRule,
    };
}

export const azureNativeNsgs = adapter({
    provider: "azure-native",
    nsgType: network.NetworkSecurityGroup,
    ruleType: network.SecurityRule,
    nsgNameKey: "networkSecurityGroupName",
    ruleNameKey: "securityRuleName",
    inlineAsgKey: "sourceApplicationSecurityGroups",
    standaloneAsgKey: "sourceApplicationSecurityGroups",
    publicAddressTypes: [network.PublicIPAddress, network.PublicIPPrefix],
    rule: asWritten,
    mixedRulesOverwrite: false,
});

export const classicNsgs = adapter({
    provider: "azure",
    nsgType: classic.NetworkSecurityGroup,
    ruleType: classic.NetworkSecurityRule,
    nsgNameKey: "name",
    ruleNameKey: "name",
    inlineAsgKey: "sourceApplicationSecurityGroupIds",
    standaloneAsgKey: "sourceApplicationSecurityGroupIds",
    publicAddressTypes: [classic.PublicIp, classic.PublicIpPrefix],
    rule: azurermRule,
    mixedRulesOverwrite: true,
});

export const NSG_ADAPTERS: readonly NsgAdapter[] = [azureNativeNsgs, classicNsgs];
