// Reporting findings. Every finding goes through here so that a finding can be made weaker than the
// policy's own level (advisory below the privileged level) without ever making one stronger: a user
// who set the policy to advisory keeps advisory for everything.
import { ReportViolation } from "@pulumi/policy";
import { PathEvidence } from "./evidence";
import { ResolvedLevel } from "./levels";
import { msg, safe } from "./messages";

/**
 * What a finding is about, where that matters to exemptions (engine/exemptible.ts): a security level
 * that cannot be read, or input that cannot be interpreted, is never exempted.
 */
export type FindingKind = "level" | "malformed";

export interface Finding {
    /** The resource the finding is about; omitted for the stack itself. */
    urn?: string;
    message: string;
    /** Report as advisory whatever the policy's level (it can only be lowered, never raised). */
    advisory?: boolean;
    kind?: FindingKind;
    /** The paths a reachability finding describes, for reports that draw them (engine/evidence.ts). */
    paths?: PathEvidence[];
}

export type Reporter = (finding: Finding) => void;

export function reporter(reportViolation: ReportViolation): Reporter {
    return ({ urn, message, advisory, kind, paths }) => {
        // The object form is accepted by the server at runtime; its typings omit enforcementLevel.
        // `kind` and `paths` are read, and taken off, on the way (engine/exemptible.ts).
        const violation: Record<string, unknown> = { message, urn };
        if (advisory) {
            violation.enforcementLevel = "advisory";
        }
        if (kind) {
            violation.kind = kind;
        }
        if (paths) {
            violation.paths = paths;
        }
        (reportViolation as (v: unknown) => void)(violation);
    };
}

const whereText: Record<ResolvedLevel["source"], string> = {
    resource: "the resource's `securityLevel` tag",
    parent: "its parent's `securityLevel` tag",
    stack: "the stack tag `securityLevel`",
    default: "the default",
};

/**
 * Reports a level that could not be read (a typo, or a value unknown during preview). The resource is
 * then judged at privileged, so the report is always mandatory.
 */
export function reportLevelProblem(report: Reporter, urn: string | undefined, level: ResolvedLevel): void {
    if (!level.problem) {
        return;
    }
    const where = safe.literal(whereText[level.source]);
    const problem =
        level.problem === "invalid"
            ? msg`${where} is not one of enterprise, specialized or privileged`
            : msg`${where} cannot be known during preview`;
    report({
        urn: level.source === "stack" ? undefined : urn,
        message: msg`${problem}; the resource is judged at the privileged level. Set the tag to enterprise, specialized or privileged.`,
        kind: "level",
    });
}
