// What the Azure modules hand back to a policy: a finding's message (safe parts only) and whether it
// exists only because a value is unknown during preview. The policy decides how strong it is: an
// unknown is mandatory at the privileged level and advisory below it (DESIGN §3a); anything else
// carries the policy's own level.
import { Safe } from "../engine/messages";

export interface Problem {
    message: Safe;
    /** True when the finding stands for a value that cannot be known during preview. */
    unknown: boolean;
}

export function violation(message: Safe): Problem {
    return { message, unknown: false };
}

export function undecided(message: Safe): Problem {
    return { message, unknown: true };
}
