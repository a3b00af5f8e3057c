// NSG rules as the stack declares them: an NSG's inline rules and a standalone SecurityRule, parsed
// once per AnalyzeStack request — the door policies and the exposure graph read the same rules.
import { propsOf, StackResource, StackView } from "../../engine/stack";
import { network } from "../types";
import { publicAddressSource, SourceClass } from "./addresses";
import { NsgRule, readInlineRules, readRule } from "./nsg-rules";

/** An unknown value whose property depends on a public IP address or prefix is a public address. */
function publicSourceResolver(view: StackView, r: StackResource, keys: readonly string[]): (() => SourceClass | undefined) | undefined {
    const pip = keys
        .flatMap((k) => view.dependenciesOf(r, k))
        .find((d) => network.PublicIPAddress.matches(d.type) || network.PublicIPPrefix.matches(d.type));
    return pip ? () => publicAddressSource(pip.name, pip.urn) : undefined;
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

/** The rules written inside an NSG's `securityRules`. */
export function inlineRulesOf(view: StackView, nsg: StackResource): readonly NsgRule[] {
    return parsedOnce(view, inlineRulesOf, nsg, () =>
        readInlineRules(propsOf(nsg).securityRules, nsg.urn, { resolveUnknownSource: publicSourceResolver(view, nsg, ["securityRules"]) }),
    );
}

/** A standalone `network.SecurityRule`, read as one rule of its NSG. */
export function standaloneRuleOf(view: StackView, rule: StackResource): NsgRule {
    return parsedOnce(view, standaloneRuleOf, rule, () => {
        const props = propsOf(rule);
        return readRule(props, rule.urn, "", {
            name: props.securityRuleName ?? props.name ?? rule.name,
            namePath: "securityRuleName",
            resolveUnknownSource: publicSourceResolver(view, rule, ["sourceAddressPrefix", "sourceAddressPrefixes"]),
        });
    });
}
