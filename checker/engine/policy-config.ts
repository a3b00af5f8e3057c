// The `--policy-pack-config` file, reconciled the way the Pulumi CLI does before Configure: every
// policy gets its schema defaults, then `all`, then its own entry; the result is validated against
// the policy's config schema, and the first problem is reported with the key it concerns.
import Ajv from "ajv";
import { AnalyzerInfo, EnforcementLevel, PolicyConfigEntry } from "./analyzer-client";

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export class PolicyConfigError extends Error {}

function isLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (LEVELS as string[]).includes(value);
}

function describeLevelError(key: string): PolicyConfigError {
    return new PolicyConfigError(`policy config "${key}": enforcement level must be one of ${LEVELS.join(", ")}`);
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
    const ajv = new Ajv({ allErrors: false, useDefaults: true, strict: false });
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
        const validate = ajv.compile({
            type: "object",
            properties: schemaProps,
            required: policy.configSchema?.required ?? [],
        });
        if (!validate(properties)) {
            const err = validate.errors![0];
            const where = err.instancePath ? err.instancePath.slice(1).replace(/\//g, ".") : "";
            throw new PolicyConfigError(
                `policy config "${policy.name}${where ? `.${where}` : ""}": ${err.message ?? "is invalid"}`,
            );
        }
        result[policy.name] = { enforcementLevel: level, properties };
    }
    return result;
}
