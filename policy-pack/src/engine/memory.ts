// The engine sends every resource's inputs to Analyze before it sends outputs to AnalyzeStack, in the
// same pack process (preview, up and policy analyze alike). Outputs lack some inputs (`<x>Name`,
// a VM extension's `type`), so stack policies remember the inputs they saw, per URN.
import { ResourceValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { AzureType, onlyFor, TypeFiltered } from "./tokens";
import { Props, rawProps } from "./values";

const inputsByUrn = new Map<string, Props>();

export function rememberedInputs(urn: string): Props | undefined {
    return inputsByUrn.get(urn);
}

/** A `validateResource` that records the inputs of the given types and reports nothing. */
export function recordInputsOf(types: readonly AzureType[]): TypeFiltered<(args: ResourceValidationArgs) => void> {
    return onlyFor(types, (args: ResourceValidationArgs) => {
        inputsByUrn.set(args.urn, rawProps(args.props));
    });
}

/**
 * A stack policy that also records, in Analyze, the inputs of the types it joins. @pulumi/policy
 * runs a policy's `validateResource` in Analyze and its `validateStack` in AnalyzeStack, and skips
 * both when the user disables the policy.
 */
export type InputRecordingStackPolicy = StackValidationPolicy & {
    validateResource: (args: ResourceValidationArgs) => void;
};
