// Child process that runs one Pulumi program under mocks and sends back its registrations, so that
// each program gets a fresh runtime and its console output never mixes with the checker's report.
import * as path from "node:path";
import { captureUnderMocks, MockRunOptions } from "./capture";
import { registerTypeScript } from "./typescript-hook";

export interface ChildRequest extends MockRunOptions {
    dir: string;
    entry: string;
}

export type ChildReply =
    | { ok: true; resources: import("./capture").CapturedResource[] }
    | { ok: false; kind: "missing-module" | "program-error"; message: string };

function firstLine(err: unknown): string {
    const text = err instanceof Error ? err.message : String(err);
    return text.split("\n").find((l) => l.trim() !== "")?.trim() ?? "unknown error";
}

function missingModule(err: unknown): string | undefined {
    const m = err instanceof Error && (err as any).code === "MODULE_NOT_FOUND" ? /Cannot find module '([^']+)'/.exec(err.message) : null;
    return m ? m[1] : undefined;
}

async function main(req: ChildRequest): Promise<ChildReply> {
    let pulumiDir: string;
    try {
        pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [req.dir] }));
    } catch {
        return { ok: false, kind: "missing-module", message: "@pulumi/pulumi" };
    }
    try {
        // Registration positions come from stack traces; map them back to the TypeScript source.
        process.setSourceMapsEnabled(true);
        if (req.entry.endsWith(".ts")) {
            registerTypeScript(req.dir);
        }
        const pulumi = require(pulumiDir);
        const resources = await captureUnderMocks(pulumi, pulumiDir, () => {
            const exported = require(req.entry);
            return typeof exported?.default === "function" ? exported.default : exported;
        }, req);
        return { ok: true, resources };
    } catch (err) {
        const missing = missingModule(err);
        return missing
            ? { ok: false, kind: "missing-module", message: missing }
            : { ok: false, kind: "program-error", message: firstLine(err) };
    }
}

process.once("message", (req: ChildRequest) => {
    // Program output goes to stderr; stdout is not ours to use here.
    console.log = console.error;
    main(req).then((reply) => process.send!(reply, () => process.exit(0)));
});
