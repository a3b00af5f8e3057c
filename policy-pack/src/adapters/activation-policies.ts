// PIM role management policies, read from each provider into `ActivationFacts` (azure/pim.ts): what
// activating an eligible role demands — approval, MFA, and how long it lasts — at the paths its users
// wrote.
//
//   azure-native  authorization:RoleManagementPolicy `rules[]`: the activation rules are those whose
//                 `target` is caller EndUser at level Assignment (or, without a target, whose `id` ends
//                 in `_EndUser_Assignment`); approval `setting.isApprovalRequired`, MFA
//                 `enabledRules` holding MultiFactorAuthentication, `maximumDuration`. A rule left out
//                 is reported as missing: the deployment does not show what the scope has.
//   classic       azure:pim/roleManagementPolicy `activationRules.{requireApproval,
//                 requireMultifactorAuthentication | requiredConditionalAccessAuthenticationContext,
//                 maximumDuration}`. azurerm only updates the tenant's policy (it rewrites a rule only
//                 when a field that feeds it is set), so a field left unset keeps the tenant's value —
//                 unknown to the stack. Setting `approvalStage` rewrites the approval rule, and
//                 `requireJustification` or `requireTicketInfo` the MFA rule, from `requireApproval` /
//                 `requireMultifactorAuthentication`: unset there is then off. `""` is unset.
import { safe, Safe } from "../engine/messages";
import { propsOf, StackResource, StackView } from "../engine/stack";
import { AzureType } from "../engine/tokens";
import { formatPath, isRecord, isUnknown } from "../engine/values";
import { ActivationFacts, FlagSetting, Requirement, Unreadable } from "../azure/pim";
import { authorization, classic } from "../azure/types";
import { sameWord } from "../azure/network/fields";

export interface ActivationPolicy {
    resource: StackResource;
    /** The property holding the scope (an ARM id) the policy governs. */
    scopePath: string;
    facts: ActivationFacts;
    /** The fix, in the provider's own properties. */
    fix: Safe;
}

export interface ActivationPolicyAdapter {
    types: readonly AzureType[];
    read(r: StackResource): ActivationPolicy;
}

const RULE_TYPES = {
    approval: "RoleManagementPolicyApprovalRule",
    enablement: "RoleManagementPolicyEnablementRule",
    expiration: "RoleManagementPolicyExpirationRule",
} as const;

/**
 * Whether a rule governs activation (an eligible user assigning the role to themselves): its target is
 * caller `EndUser` at level `Assignment`, or, without a target, its id is `<Kind>_EndUser_Assignment`
 * as in Azure's default policy. Azure has a single approval rule, and it governs activation.
 */
function isActivationRule(rule: Record<string, unknown>, ruleType: string): boolean {
    if (ruleType === RULE_TYPES.approval) {
        return true;
    }
    const target = rule.target;
    if (isRecord(target) && typeof target.caller === "string" && typeof target.level === "string") {
        return sameWord(target.caller, "EndUser") && sameWord(target.level, "Assignment");
    }
    return typeof rule.id === "string" && /_enduser_assignment$/i.test(rule.id.trim());
}

function flagState(value: unknown): FlagSetting["state"] {
    return isUnknown(value) ? "unknown" : value === true ? "on" : "off";
}

/** A flag at `path`: off as well when the value is there but is not a boolean, then marked malformed. */
function flagSetting(path: string, value: unknown): FlagSetting {
    const wrongType = value !== undefined && value !== null && !isUnknown(value) && typeof value !== "boolean";
    return { path, state: flagState(value), ...(wrongType ? { malformed: true } : {}) };
}

function settingsOr<S>(settings: S[], what: string): Requirement<S> {
    return settings.length > 0 ? { kind: "set", settings } : { kind: "missing", what };
}

/** azure-native `rules`: the activation rules of each type, wherever they sit in the list. */
export function readActivationRules(rules: unknown): ActivationFacts {
    if (isUnknown(rules)) {
        return { kind: "unreadable", path: "rules", unknown: true };
    }
    if (rules !== undefined && rules !== null && !Array.isArray(rules)) {
        return { kind: "unreadable", path: "rules", unknown: false, expected: "a list" };
    }
    const unreadable: Unreadable[] = [];
    const byType = new Map<string, { index: number; rule: Record<string, unknown> }[]>();
    const at = (...path: (string | number)[]) => formatPath(["rules", ...path]);
    (rules ?? []).forEach((rule, index) => {
        if (isUnknown(rule)) {
            unreadable.push({ path: at(index), unknown: true });
        } else if (!isRecord(rule)) {
            unreadable.push({ path: at(index), unknown: false, expected: "an object" });
        } else if (isUnknown(rule.ruleType)) {
            unreadable.push({ path: at(index, "ruleType"), unknown: true });
        } else {
            const ruleType = Object.values(RULE_TYPES).find((t) => sameWord(rule.ruleType, t));
            if (ruleType && isActivationRule(rule, ruleType)) {
                byType.set(ruleType, [...(byType.get(ruleType) ?? []), { index, rule }]);
            }
        }
    });
    const of = (type: string) => byType.get(type) ?? [];
    return {
        kind: "read",
        unreadable,
        approval: settingsOr(
            of(RULE_TYPES.approval).map(({ index, rule }) =>
                flagSetting(at(index, "setting", "isApprovalRequired"), isRecord(rule.setting) ? rule.setting.isApprovalRequired : rule.setting),
            ),
            "no approval rule (Approval_EndUser_Assignment)",
        ),
        mfa: settingsOr(
            of(RULE_TYPES.enablement).map(({ index, rule }) => {
                const enabled = rule.enabledRules;
                const state: FlagSetting["state"] =
                    isUnknown(enabled) || (Array.isArray(enabled) && enabled.some(isUnknown))
                        ? "unknown"
                        : Array.isArray(enabled) && enabled.some((e) => sameWord(e, "MultiFactorAuthentication"))
                          ? "on"
                          : "off";
                // A value that is not a list of rules cannot be read as one.
                const wrongType = enabled !== undefined && enabled !== null && !isUnknown(enabled) && !Array.isArray(enabled);
                return { path: at(index, "enabledRules"), state, entry: "MultiFactorAuthentication", ...(wrongType ? { malformed: true } : {}) };
            }),
            "no enablement rule (Enablement_EndUser_Assignment)",
        ),
        maximumDuration: settingsOr(
            of(RULE_TYPES.expiration).map(({ index, rule }) => ({ path: at(index, "maximumDuration"), value: rule.maximumDuration })),
            "no expiration rule (Expiration_EndUser_Assignment)",
        ),
    };
}

const isSet = (value: unknown) => value !== undefined && value !== null && value !== "";

/** Classic `activationRules`: each requirement is one field, and an unset field keeps the tenant's value. */
export function readClassicActivationRules(rules: unknown): ActivationFacts {
    const path = (field: string) => `activationRules.${field}`;
    const tenant = (field: string): Requirement<never> => ({ kind: "tenant-value", path: path(field) });
    if (isUnknown(rules) || (isSet(rules) && !isRecord(rules))) {
        return { kind: "unreadable", path: "activationRules", unknown: isUnknown(rules), expected: "an object" };
    }
    const r = isRecord(rules) ? rules : {};
    /** A flag: set, or unset while a sibling that makes azurerm rewrite its rule is set (then off). */
    const flag = (field: string, rewrittenBy: readonly string[]): Requirement<FlagSetting> => {
        const value = r[field];
        if (isSet(value)) {
            return { kind: "set", settings: [flagSetting(path(field), value)] };
        }
        const rewritten = rewrittenBy.some((s) => isSet(r[s]) && r[s] !== false);
        return rewritten ? { kind: "set", settings: [{ path: path(field), state: "off" }] } : tenant(field);
    };
    const context = r.requiredConditionalAccessAuthenticationContext;
    const mfa = flag("requireMultifactorAuthentication", ["requireJustification", "requireTicketInfo"]);
    return {
        kind: "read",
        unreadable: [],
        approval: flag("requireApproval", ["approvalStage"]),
        mfa:
            mfa.kind === "tenant-value" && isSet(context)
                ? { kind: "instead", path: path("requiredConditionalAccessAuthenticationContext"), of: path("requireMultifactorAuthentication") }
                : mfa,
        maximumDuration: isSet(r.maximumDuration)
            ? { kind: "set", settings: [{ path: path("maximumDuration"), value: r.maximumDuration }] }
            : tenant("maximumDuration"),
    };
}

export const azureNativeActivationPolicies: ActivationPolicyAdapter = {
    types: [authorization.RoleManagementPolicy],
    read: (r) => ({
        resource: r,
        scopePath: "scope",
        facts: readActivationRules(propsOf(r).rules),
        fix: safe.literal(
            "Require approval (Approval_EndUser_Assignment, setting.isApprovalRequired: true), MFA (Enablement_EndUser_Assignment, enabledRules containing MultiFactorAuthentication) and a maximumDuration of PT8H or less (Expiration_EndUser_Assignment).",
        ),
    }),
};

export const classicActivationPolicies: ActivationPolicyAdapter = {
    types: [classic.RoleManagementPolicy],
    read: (r) => ({
        resource: r,
        scopePath: "scope",
        facts: readClassicActivationRules(propsOf(r).activationRules),
        fix: safe.literal(
            "Set activationRules.requireApproval to true (with an approvalStage naming the approvers), activationRules.requireMultifactorAuthentication to true (not requiredConditionalAccessAuthenticationContext) and activationRules.maximumDuration to PT8H or less.",
        ),
    }),
};

export const ACTIVATION_POLICY_ADAPTERS: readonly ActivationPolicyAdapter[] = [azureNativeActivationPolicies, classicActivationPolicies];

/** The types whose Analyze inputs the stack phase reads. */
export const ACTIVATION_POLICY_TYPES: readonly AzureType[] = ACTIVATION_POLICY_ADAPTERS.flatMap((a) => a.types);

/** Every role management policy of the stack, in stack order per provider. */
export function activationPoliciesOf(view: StackView): ActivationPolicy[] {
    return view.derived(activationPoliciesOf, () => ACTIVATION_POLICY_ADAPTERS.flatMap((a) => view.ofType(...a.types).map(a.read)));
}
