// PAG-005: Azure Bastion as an intermediary at the strength of its security level (seed:
// intermediaries, "Azure Bastion"). Shareable links bypass Entra sign-in at every level; specialized and
// privileged hosts need a Standard or Premium SKU; privileged hosts record sessions (Premium only) and
// block copy/paste. A resource policy that can also turn shareable links off (the one fix with no
// trade-off to decide) for users who set it to `remediate`.
import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, Secret } from "@pulumi/policy";
import { BASTION_ADAPTERS, bastionAdapterFor, BastionFacts, Switch } from "../adapters/bastions";
import { isHardenedSku, supportsSessionRecording } from "../azure/bastion";
import { malformed, Problem, problemKind, undecided, violation } from "../azure/problems";
import { atLeast, levelFromTags, SecurityLevel } from "../engine/levels";
import { msg, safe } from "../engine/messages";
import { exemptible } from "../engine/exemptible";
import { PolicyMetadata, policyFields, SEED_URLS } from "../engine/metadata";
import { reporter, reportLevelProblem } from "../engine/report";
import { onlyFor } from "../engine/tokens";
import { Props, rawProps } from "../engine/values";

export const metadata: PolicyMetadata = {
    id: "PAG-005",
    name: "bastion-hardening",
    description:
        "Azure Bastion hosts must not offer shareable links, must use the Standard or Premium SKU at the specialized and privileged levels, and must record sessions and block copy and paste at the privileged level.",
    severity: "high",
    url: SEED_URLS.intermediaries,
    remediationSteps:
        "Set enableShareableLink to false (or leave it out) at every level. At specialized and privileged, set sku.name to Standard or Premium. At privileged, set sku.name to Premium, enableSessionRecording to true and disableCopyPaste to true. On the classic provider: shareableLinkEnabled false, sku Standard or Premium, sessionRecordingEnabled true and copyPasteEnabled false.",
    mcsb: ["IM-1", "IM-7", "PA-7"],
    cis: [],
};

const word = (v: boolean) => safe.literal(String(v));

/** A switch a privileged host must have at its secure value; unset means the provider's default. */
function mustBeSecure(sw: Switch, why: string): Problem[] {
    const where = safe.path(sw.path);
    const reason = safe.literal(why);
    const r = sw.reading;
    if (r.kind === "set" && r.value === sw.secure) {
        return [];
    }
    if (r.kind === "unknown") {
        return [undecided(msg`${where} cannot be known during preview. ${reason}`)];
    }
    const state =
        r.kind === "malformed"
            ? safe.literal("not a boolean")
            : r.defaulted
              ? sw.secure === false
                  ? msg`not set, and the provider's default is ${word(!sw.secure)},`
                  : safe.literal("not set")
              : word(r.value);
    return [(r.kind === "malformed" ? malformed : violation)(msg`${where} is ${state} on a privileged Bastion host. ${reason} Set ${where} to ${word(sw.secure)}.`)];
}

function bastionProblems(facts: BastionFacts, level: SecurityLevel): Problem[] {
    const problems: Problem[] = [];
    const links = facts.shareableLinks;
    const linkPath = safe.path(links.path);
    if (links.reading.kind === "unknown") {
        problems.push(undecided(msg`${linkPath} cannot be known during preview; shareable links bypass Microsoft Entra sign-in.`));
    } else if (links.reading.kind === "set" && links.reading.value) {
        problems.push(
            violation(
                msg`${linkPath} is true: anyone holding a shareable link reaches the VM without Microsoft Entra sign-in or Conditional Access. Set ${linkPath} to false.`,
            ),
        );
    } else if (links.reading.kind === "malformed") {
        problems.push(malformed(msg`${linkPath} is not a boolean. Set ${linkPath} to false.`));
    }
    if (!atLeast(level, "specialized")) {
        return problems;
    }
    const levelWord = safe.word(level, ["specialized", "privileged"]);
    const sku = facts.sku;
    const skuPath = safe.path(facts.skuPath);
    if (sku.kind === "unknown") {
        problems.push(undecided(msg`${skuPath} cannot be known during preview, so the Bastion SKU cannot be verified.`));
    } else if (sku.kind === "malformed") {
        problems.push(malformed(msg`${skuPath} is not one of Developer, Basic, Standard or Premium. Set ${skuPath} to Standard or Premium.`));
    } else if (!isHardenedSku(sku.sku)) {
        const shown = sku.defaulted ? safe.literal("not set, so Azure uses Basic") : msg`${safe.word(sku.sku, ["Developer", "Basic"])}`;
        problems.push(
            violation(
                msg`${skuPath} is ${shown}: a ${levelWord} Bastion host needs the Standard or Premium SKU (Developer and Basic lack its access controls). Set ${skuPath} to ${level === "privileged" ? safe.literal("Premium") : safe.literal("Standard or Premium")}.`,
            ),
        );
    }
    if (level !== "privileged") {
        return problems;
    }
    const recording = facts.sessionRecording;
    if (sku.kind === "sku" && !supportsSessionRecording(sku.sku) && recording.reading.kind === "set" && recording.reading.value) {
        problems.push(
            violation(
                msg`${safe.path(recording.path)} is true but only the Premium SKU records sessions, and ${skuPath} is ${safe.word(sku.sku, ["Developer", "Basic", "Standard"])}. Set ${skuPath} to Premium.`,
            ),
        );
    } else {
        problems.push(...mustBeSecure(recording, "Privileged sessions through Bastion must be recorded (Premium SKU)."));
    }
    problems.push(...mustBeSecure(facts.copyPasteBlocked, "Copy and paste moves data and credentials across the privileged boundary."));
    return problems;
}

/**
 * The one safe fix: shareable links off. Everything else involves a cost or a choice for the user.
 * `props` holds the user's secrets still wrapped (see `remediateResource`); a secret flag stays secret.
 */
function remediate(props: Props, path: string): Props | undefined {
    const current = props[path];
    const link = current instanceof Secret ? current.value : current;
    if (link === undefined || link === null || link === false) {
        return undefined;
    }
    return { ...props, [path]: current instanceof Secret ? new Secret(false) : false };
}

const BASTION_TYPES = BASTION_ADAPTERS.map((a) => a.type);

export const bastionHardening: ResourceValidationPolicy = exemptible(metadata, {
    ...policyFields(metadata),
    remediateResource: onlyFor(BASTION_TYPES, (args: ResourceValidationArgs) => {
        // Remediate receives the inputs behind two proxies: unknown checking, then secrets preserving,
        // whose get trap unwraps every secret it hands out. Spreading that proxy would return top-level
        // secrets in plain text, and the engine would store them so. The object behind both proxies
        // still holds each secret wrapped, and the server serialises a wrapped value back as a secret.
        const props = rawProps(rawProps(args.props));
        return remediate(props, bastionAdapterFor(args.type)!.read(props).shareableLinks.path);
    }),
    validateResource: onlyFor(BASTION_TYPES, (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        const props = rawProps(args.props);
        const report = reporter(reportViolation);
        const level = levelFromTags(props.tags, args.stackTags);
        reportLevelProblem(report, args.urn, level);
        for (const problem of bastionProblems(bastionAdapterFor(args.type)!.read(props), level.level)) {
            report({ message: problem.message, advisory: problem.unknown && level.level !== "privileged", kind: problemKind(problem) });
        }
    }),
});
