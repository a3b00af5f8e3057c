// PAG-005: Azure Bastion as an intermediary at the strength of its security level (seed:
// intermediaries, "Azure Bastion"). Shareable links bypass Entra sign-in at every level; specialized and
// privileged hosts need a Standard or Premium SKU; privileged hosts record sessions (Premium only) and
// block copy/paste. A resource policy that can also turn shareable links off (the one fix with no
// trade-off to decide) for users who set it to `remediate`.
import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, Secret } from "@pulumi/policy";
import { isHardenedSku, readBastionSku, supportsSessionRecording } from "../azure/bastion";
import { Problem, undecided, violation } from "../azure/problems";
import { network } from "../azure/types";
import { atLeast, levelFromTags, SecurityLevel } from "../engine/levels";
import { msg, safe } from "../engine/messages";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { reporter, reportLevelProblem } from "../engine/report";
import { onlyFor } from "../engine/tokens";
import { isUnknown, Props, rawProps } from "../engine/values";

export const metadata: PolicyMetadata = {
    id: "PAG-005",
    name: "bastion-hardening",
    description:
        "Azure Bastion hosts must not offer shareable links, must use the Standard or Premium SKU at the specialized and privileged levels, and must record sessions and block copy and paste at the privileged level.",
    severity: "high",
    url: SEED_URLS.intermediaries,
    remediationSteps:
        "Set enableShareableLink to false (or leave it out) at every level. At specialized and privileged, set sku.name to Standard or Premium. At privileged, set sku.name to Premium, enableSessionRecording to true and disableCopyPaste to true.",
    mcsb: ["IM-1", "IM-7", "PA-7"],
    cis: [],
};

function mustBeTrue(props: Props, key: string, why: string): Problem[] {
    const value = props[key];
    const where = safe.path(key);
    const reason = safe.literal(why);
    if (value === true) {
        return [];
    }
    if (isUnknown(value)) {
        return [undecided(msg`${where} cannot be known during preview. ${reason}`)];
    }
    const state = value === undefined || value === null ? safe.literal("not set") : value === false ? safe.literal("false") : safe.literal("not a boolean");
    return [violation(msg`${where} is ${state} on a privileged Bastion host. ${reason} Set ${where} to true.`)];
}

function bastionProblems(props: Props, level: SecurityLevel): Problem[] {
    const problems: Problem[] = [];
    const link = props.enableShareableLink;
    if (isUnknown(link)) {
        problems.push(undecided(msg`enableShareableLink cannot be known during preview; shareable links bypass Microsoft Entra sign-in.`));
    } else if (link === true) {
        problems.push(
            violation(
                msg`enableShareableLink is true: anyone holding a shareable link reaches the VM without Microsoft Entra sign-in or Conditional Access. Set enableShareableLink to false.`,
            ),
        );
    } else if (link !== undefined && link !== null && link !== false) {
        problems.push(violation(msg`enableShareableLink is not a boolean. Set enableShareableLink to false.`));
    }
    if (!atLeast(level, "specialized")) {
        return problems;
    }
    const levelWord = safe.word(level, ["specialized", "privileged"]);
    const sku = readBastionSku(props.sku);
    if (sku.kind === "unknown") {
        problems.push(undecided(msg`sku.name cannot be known during preview, so the Bastion SKU cannot be verified.`));
    } else if (sku.kind === "malformed") {
        problems.push(violation(msg`sku.name is not one of Developer, Basic, Standard or Premium. Set sku.name to Standard or Premium.`));
    } else if (!isHardenedSku(sku.sku)) {
        const shown = sku.defaulted ? safe.literal("not set, so Azure uses Basic") : msg`${safe.word(sku.sku, ["Developer", "Basic"])}`;
        problems.push(
            violation(
                msg`sku.name is ${shown}: a ${levelWord} Bastion host needs the Standard or Premium SKU (Developer and Basic lack its access controls). Set sku.name to ${level === "privileged" ? safe.literal("Premium") : safe.literal("Standard or Premium")}.`,
            ),
        );
    }
    if (level !== "privileged") {
        return problems;
    }
    if (sku.kind === "sku" && !supportsSessionRecording(sku.sku) && props.enableSessionRecording === true) {
        problems.push(
            violation(
                msg`enableSessionRecording is true but only the Premium SKU records sessions, and sku.name is ${safe.word(sku.sku, ["Developer", "Basic", "Standard"])}. Set sku.name to Premium.`,
            ),
        );
    } else {
        problems.push(...mustBeTrue(props, "enableSessionRecording", "Privileged sessions through Bastion must be recorded (Premium SKU)."));
    }
    problems.push(...mustBeTrue(props, "disableCopyPaste", "Copy and paste moves data and credentials across the privileged boundary."));
    return problems;
}

/**
 * The one safe fix: shareable links off. Everything else involves a cost or a choice for the user.
 * `props` holds the user's secrets still wrapped (see `remediateResource`); a secret flag stays secret.
 */
function remediate(props: Props): Props | undefined {
    const current = props.enableShareableLink;
    const link = current instanceof Secret ? current.value : current;
    if (link === undefined || link === null || link === false) {
        return undefined;
    }
    return { ...props, enableShareableLink: current instanceof Secret ? new Secret(false) : false };
}

export const bastionHardening: ResourceValidationPolicy = {
    ...policyFields(metadata),
    remediateResource: onlyFor([network.BastionHost], (args: ResourceValidationArgs) => {
        // Remediate receives the inputs behind two proxies: unknown checking, then secrets preserving,
        // whose get trap unwraps every secret it hands out. Spreading that proxy would return top-level
        // secrets in plain text, and the engine would store them so. The object behind both proxies
        // still holds each secret wrapped, and the server serialises a wrapped value back as a secret.
        return remediate(rawProps(rawProps(args.props)));
    }),
    validateResource: onlyFor([network.BastionHost], (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        const props = rawProps(args.props);
        const report = reporter(reportViolation);
        const level = levelFromTags(props.tags, args.stackTags);
        reportLevelProblem(report, args.urn, level);
        for (const problem of bastionProblems(props, level.level)) {
            report({ message: problem.message, advisory: problem.unknown && level.level !== "privileged" });
        }
    }),
};
