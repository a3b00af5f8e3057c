// What the Azure modules hand back to a policy: a finding's message (safe parts only) and whether it
// exists only because a value is unknown during preview. The policy decides how strong it is: an
// unknown is mandatory at the privileged level and advisory below it (DESIGN §3a); anything else
// carries the policy's own level. A finding about a value that cannot be interpreted is marked
// malformed: exemptions never apply to it (engine/exemptible.ts).
import { Safe } from "../engine/messages";
import { FindingKind } from "../engine/report";

export interface Problem {
    message: Safe;
    /** True when the finding stands for a value that cannot be known during preview. */
    unknown: boolean;
    /** True when the finding stands for a value that cannot be interpreted (never exempted). */
    malformed?: boolean;
}

export function violation(message: Safe): Problem {
    return { message, unknown: false };
}

export function undecided(message: Safe): Problem {
    return { message, unknown: true };
}

/** A value that is there but cannot be interpreted: wrong type, unparsable, missing where required. */
export function malformed(message: Safe): Problem {
    return { message, unknown: false, malformed: true };
}

/** The finding kind a problem is reported with. */
export function problemKind(problem: { malformed?: boolean }): FindingKind | undefined {
    return problem.malformed ? "malformed" : undefined;
}
