// What the offline checker needs beside the engine's diagnostics, which carry only text: for a
// finding an exemption decided, that exemption; for a reachability finding, its paths as data. The
// checker starts the pack with PA_GUARD_EVIDENCE_FILE naming a file; the pack appends one JSON line
// per such finding there before the finding goes back over the protocol. Under the Pulumi CLI the
// variable is unset and nothing is written. Evidence never changes a verdict.
import * as fs from "node:fs";

export interface ExemptionEvidence {
    /** The entry of the policy's `exemptions` that decided the finding. */
    index: number;
    status: "active" | "expired" | "invalid";
    expires: string;
    category: string;
    reason: string;
    reference?: string;
}

/** A step of an exposure path, as the message words it, with the resource that declares it. */
export interface HopEvidence {
    kind: "publicIp" | "lbRule" | "pool" | "nic" | "nsg" | "subnet";
    text: string;
    urn?: string;
}

/** One path from the internet to the finding's machine, for a port over some protocols. */
export interface PathEvidence {
    port: number;
    protocols: string[];
    /** From the internet's side to the machine (the machine itself is the finding's resource). */
    hops: HopEvidence[];
    /** Why the path is open without any NSG (a Basic SKU). */
    note?: string;
}

export interface Evidence {
    policy: string;
    /** Empty for a finding about the stack itself. */
    urn: string;
    /** The message as reported, exemption prefix included. */
    message: string;
    exemption?: ExemptionEvidence;
    /** The exposure paths a reachability finding describes. */
    paths?: PathEvidence[];
}

export const EVIDENCE_FILE_VARIABLE = "PA_GUARD_EVIDENCE_FILE";

const file = process.env[EVIDENCE_FILE_VARIABLE];
// Opened once: a request can report thousands of findings.
let fd: number | undefined;

export function recordEvidence(evidence: Evidence): void {
    if (file) {
        fd ??= fs.openSync(file, "a");
        fs.writeSync(fd, JSON.stringify(evidence) + "\n");
    }
}
