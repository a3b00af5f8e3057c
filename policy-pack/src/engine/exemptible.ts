// Gives a policy its `exemptions` and `maxExemptionDays` config and applies them to what it reports:
// every finding passes through here on its way to the engine. The date is read once per request.
import { Policy, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { today } from "./days";
import { PathEvidence, recordEvidence } from "./evidence";
import { AppliedExemption, EXEMPTION_SCHEMA_PROPERTIES, exemptedMessage, exemptionFor, ExemptionConfig } from "./exemptions";
import { PolicyMetadata } from "./metadata";
import { FindingKind } from "./report";
import { rawProps } from "./values";

// One date per request: every policy and resource of an Analyze or AnalyzeStack call sees the same
// day, even when the call runs across midnight. The key is the request's shared copy of the props.
const dayOfRequest = new WeakMap<object, string>();

function requestDay(key: object | undefined): string {
    if (key === undefined) {
        return today();
    }
    let day = dayOfRequest.get(key);
    if (day === undefined) {
        day = today();
        dayOfRequest.set(key, day);
    }
    return day;
}

interface Violation {
    message: string;
    urn?: string;
    enforcementLevel?: string;
    kind?: FindingKind;
    paths?: PathEvidence[];
}

/** Exemptions as a config that skipped the schema may hold them: entries that are not exemptions exempt nothing. */
function readConfig(config: Record<string, unknown>): Partial<ExemptionConfig> {
    const exemptions = Array.isArray(config.exemptions) ? config.exemptions : [];
    return {
        exemptions: exemptions.filter(
            (e) =>
                typeof e === "object" &&
                e !== null &&
                Array.isArray(e.resources) &&
                e.resources.every((r: unknown) => typeof r === "string") &&
                typeof e.expires === "string" &&
                typeof e.reason === "string" &&
                (e.category === "waiver" || e.category === "mitigated") &&
                (e.reference === undefined || typeof e.reference === "string"),
        ),
        maxExemptionDays: typeof config.maxExemptionDays === "number" ? config.maxExemptionDays : undefined,
    };
}

function evidenceOf(applied: AppliedExemption | undefined) {
    if (!applied) {
        return undefined;
    }
    const { index, status, exemption } = applied;
    return { index, status, expires: exemption.expires, category: exemption.category, reason: exemption.reason, reference: exemption.reference };
}

/**
 * A `reportViolation` that applies the policy's exemptions before passing a finding on. The config
 * and the date are read when the first finding comes: most calls report nothing.
 */
function applying(
    policy: string,
    config: () => Record<string, unknown>,
    day: () => string,
    defaultUrn: string | undefined,
    reportViolation: ReportViolation,
): ReportViolation {
    let exemptions: Partial<ExemptionConfig> | undefined;
    return ((violation: Violation | string, urn?: string) => {
        const v: Violation = typeof violation === "string" ? { message: violation, urn } : violation;
        const { kind, paths, ...rest } = v;
        const target = rest.urn ?? defaultUrn;
        exemptions ??= readConfig(config());
        const applied = target !== undefined && kind === undefined ? exemptionFor(exemptions, target, day()) : undefined;
        const out: Violation = { ...rest, urn: target };
        if (applied) {
            out.message = exemptedMessage(applied, v.message);
            if (applied.status === "active") {
                out.enforcementLevel = "advisory";
            }
        }
        // Only what the diagnostic cannot carry: most findings have neither.
        if (applied || paths) {
            recordEvidence({ policy, urn: target ?? "", message: out.message, exemption: evidenceOf(applied), paths });
        }
        (reportViolation as (v: unknown) => void)(out);
    }) as ReportViolation;
}

/** `policy` with exemptions: its config schema gains the two keys, its findings pass through them. */
export function exemptible<P extends Policy>(meta: PolicyMetadata, policy: P): P {
    const out: P = {
        ...policy,
        configSchema: {
            ...policy.configSchema,
            properties: { ...policy.configSchema?.properties, ...EXEMPTION_SCHEMA_PROPERTIES },
        },
    };
    const resource = (policy as { validateResource?: unknown }).validateResource;
    if (typeof resource === "function") {
        const validate = resource as (args: ResourceValidationArgs, report: ReportViolation) => unknown;
        const wrapped = (args: ResourceValidationArgs, reportViolation: ReportViolation) =>
            validate(args, applying(meta.name, () => args.getConfig(), () => requestDay(rawProps(args.props)), args.urn, reportViolation));
        // Keep what the function carries (the types it inspects).
        (out as { validateResource?: unknown }).validateResource = Object.assign(wrapped, resource);
    }
    const stack = (policy as { validateStack?: unknown }).validateStack;
    if (typeof stack === "function") {
        const validate = stack as (args: StackValidationArgs, report: ReportViolation) => unknown;
        (out as { validateStack?: unknown }).validateStack = (args: StackValidationArgs, reportViolation: ReportViolation) =>
            validate(
                args,
                applying(meta.name, () => args.getConfig(), () => requestDay(args.resources[0] && rawProps(args.resources[0].props)), undefined, reportViolation),
            );
    }
    return out;
}
