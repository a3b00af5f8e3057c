// The `--policy-pack-config` file, reconciled the way the Pulumi CLI does before Configure: every
// policy gets its schema defaults, then `all`, then its own entry; the result is validated against
// the policy's config schema, and the first problem is reported with the key it concerns.
import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { today } from "../../policy-pack/src/engine/days";
import { exemptionConfigProblems, ExemptionConfig } from "../../policy-pack/src/engine/exemptions";
import { AnalyzerInfo, EnforcementLevel, PolicyConfigEntry } from "./analyzer-client";

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export class PolicyConfigError extends Error {}

function isLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (LEVELS as string[]).includes(value);
}

function describeLevelError(key: string): PolicyConfigError {
    return new PolicyConfigError(`policy config "${key}": enforcement level must be one of ${LEVELS.join(", ")}`);
}

/**
 * What the checker refuses beyond the schema the Pulumi CLI validates: an exemption whose date is no
 * calendar day, or is more than maxExemptionDays after today. (The pack itself lets such an
 * exemption apply to nothing and says so on the finding; the checker stops before it runs.)
 */
export function checkExemptionDates(config: Record<string, PolicyConfigEntry>, day: string = today()): void {
    for (const [policy, entry] of Object.entries(config)) {
        const [problem] = exemptionConfigProblems(entry.properties as Partial<ExemptionConfig>, day);
        if (problem) {
            throw new PolicyConfigError(`policy config "${policy}.${problem.key}": ${problem.problem}`);
        }
    }
}

/** `/exemptions/0/expires` → `exemptions[0].expires`, as the README writes keys. */
function keyPath(instancePath: string): string {
    return instancePath
        .split("/")
        .slice(1)
        .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
        .join("")
        .replace(/^\./, "");
}

/** Ajv's message, said in the user's terms where a pattern would only repeat a regular expression. */
function describe(err: ErrorObject): string {
    if (err.keyword === "pattern") {
        if (err.instancePath.endsWith("/expires")) {
            return "must be a date written YYYY-MM-DD";
        }
        if (err.params.pattern === "\\S") {
            return "must not be blank";
        }
        if (err.instancePath.includes("/resources/")) {
            return "must be a resource name or a URN pattern, without spaces";
        }
    }
    return err.message ?? "is invalid";
}

const ajv = new Ajv({ allErrors: false, useDefaults: true, strict: false });
// Compiled once per schema: a run reconciles once, but the tests and the fuzz suite reconcile the
// same pack's schemas thousands of times, each time from a fresh GetAnalyzerInfo answer.
const validators = new Map<string, ValidateFunction>();

function validatorOf(policy: AnalyzerInfo["policies"][number]): ValidateFunction {
    const schema = { type: "object", properties: policy.configSchema?.properties ?? {}, required: policy.configSchema?.required ?? [] };
    const key = JSON.stringify(schema);
    let validate = validators.get(key);
    if (!validate) {
        validate = ajv.compile(schema);
        validators.set(key, validate);
    }
    return validate;
}

export function reconcilePolicyConfig(
    info: AnalyzerInfo,
    file: unknown = {},
): Record<string, PolicyConfigEntry> {
    if (file === null || typeof file !== "object" || Array.isArray(file)) {
        throw new PolicyConfigError("policy config must be a JSON object keyed by policy name");
    }
    const entries = { ...(file as Record<string, unknown>) };
    // Recent CLIs take ESC environments from the same file; they are not policy settings.
    delete entries.environments;
    const known = new Set(info.policies.map((p) => p.name));
    for (const key of Object.keys(entries)) {
        if (key !== "all" && !known.has(key)) {
            throw new PolicyConfigError(`policy config "${key}": no such policy in pack ${info.name}`);
        }
    }
    if (entries.all !== undefined && !isLevel(entries.all)) {
        throw describeLevelError("all");
    }
    const result: Record<string, PolicyConfigEntry> = {};
    for (const policy of info.policies) {
        let level: EnforcementLevel = (entries.all as EnforcementLevel | undefined) ?? policy.enforcementLevel;
        let properties: Record<string, unknown> = {};
        const own = entries[policy.name];
        if (typeof own === "string") {
            if (!isLevel(own)) {
                throw describeLevelError(policy.name);
            }
            level = own;
        } else if (own !== undefined) {
            if (own === null || typeof own !== "object" || Array.isArray(own)) {
                throw new PolicyConfigError(`policy config "${policy.name}": must be an enforcement level or an object`);
            }
            const { enforcementLevel, ...rest } = own as Record<string, unknown>;
            if (enforcementLevel !== undefined) {
                if (!isLevel(enforcementLevel)) {
                    throw describeLevelError(`${policy.name}.enforcementLevel`);
                }
                level = enforcementLevel;
            }
            properties = structuredClone(rest);
        }
        const schemaProps = policy.configSchema?.properties ?? {};
        for (const key of Object.keys(properties)) {
            if (!(key in schemaProps)) {
                throw new PolicyConfigError(`policy config "${policy.name}.${key}": the policy has no such setting`);
            }
        }
        const validate = validatorOf(policy);
        if (!validate(properties)) {
            const err = validate.errors![0];
            const where = keyPath(err.instancePath);
            throw new PolicyConfigError(`policy config "${policy.name}${where ? `.${where}` : ""}": ${describe(err)}`);
        }
        result[policy.name] = { enforcementLevel: level, properties };
    }
    return result;
}
