// What the checker and its program child (child.ts) say to each other. Kept apart from child.ts,
// whose top level takes over the process it runs in: importing it anywhere else would make that
// process answer its own IPC messages as program requests.
import { SourcePosition } from "../engine/evaluate";
import { Capture, MockRunOptions } from "./capture";

export interface ChildRequest extends MockRunOptions {
    /** Pulumi.yaml `main`, else "." (package.json decides), as the language host passes it. */
    main: string;
    typescript: boolean;
    tsconfig?: string;
}

export type ChildReply =
    | ({ ok: true } & Capture)
    | { ok: false; kind: "missing-module" | "program-error"; message: string; location?: SourcePosition };

/** Written to stderr when the process ends before it could reply. */
export const EXIT_MARKER = "\u0000pa-guard-child-exit:";

