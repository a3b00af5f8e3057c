// Child process that runs one Pulumi program under mocks and sends back its registrations, so that
// each program gets a fresh runtime and its console output never mixes with the checker's report.
// The program is started by its own @pulumi/pulumi's `cmd/run` — the code `pulumi preview` runs —
// so the entry point, TypeScript (the program's own compiler and ts-node, else the ones vendored in
// @pulumi/pulumi), its tsconfig.json, ES modules and exported async functions behave as there.
import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import { firstLine, programFrame } from "./callbacks";
import { captureUnderMocks } from "./capture";
import { ChildReply, ChildRequest, EXIT_MARKER } from "./child-protocol";

function missingModule(err: unknown): string | undefined {
    const code = (err as any)?.code;
    const text = err instanceof Error ? err.message : "";
    const m =
        code === "MODULE_NOT_FOUND"
            ? /Cannot find module '([^']+)'/.exec(text)
            : code === "ERR_MODULE_NOT_FOUND"
              ? /Cannot find (?:package|module) '([^']+)'/.exec(text)
              : null;
    // A relative or absolute path is the program's own file, not a package to install.
    return m && !/^[./]/.test(m[1]) ? m[1] : undefined;
}

function failureReply(err: unknown, dir: string): ChildReply {
    const missing = missingModule(err);
    if (missing) {
        return { ok: false, kind: "missing-module", message: missing };
    }
    return { ok: false, kind: "program-error", message: firstLine(err), location: programFrame((err as Error)?.stack, dir) };
}

function runner(pulumiDir: string, req: ChildRequest): () => Promise<unknown> {
    process.env.PULUMI_NODEJS_TYPESCRIPT = String(req.typescript);
    // The checker evaluates what the program registers; type errors are tsc's business, and
    // type-checking a program against a provider SDK costs tens of seconds.
    process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
    // Pulumi's ES module hooks create their ts-node service when the hooks thread loads, before
    // they receive run.js's options, so ts-node falls back to its environment there.
    process.env.TS_NODE_TRANSPILE_ONLY = "true";
    if (req.tsconfig) {
        process.env.PULUMI_NODEJS_TSCONFIG_PATH = req.tsconfig;
    }
    const runDir = path.join(pulumiDir, "cmd", "run");
    const runModule = path.join(runDir, "run.js");
    if (fs.existsSync(runModule)) {
        // run.js imports its package's index only for an exit code; that index is the CLI entry,
        // which would parse our argv and start a run of its own. Give run.js the constant instead.
        const index = path.join(runDir, "index.js");
        const stub = new Module(index);
        stub.filename = index;
        stub.loaded = true;
        stub.exports = { nodeJSProcessExitedAfterLoggingUserActionableMessage: 32 };
        require.cache[index] = stub;
    }
    const { run } = fs.existsSync(runModule) ? require(runModule) : ({} as { run?: unknown });
    if (typeof run !== "function") {
        throw new Error(`this @pulumi/pulumi (${pulumiDir}) has no cmd/run; upgrade it to a 3.x release`);
    }
    const reported = new Set<unknown>();
    return () =>
        run(
            { _: [req.main] },
            () => undefined,
            (err: unknown) => reported.add(err),
            (err: unknown) => reported.has(err),
        );
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
        const pulumi = require(pulumiDir);
        const capture = await captureUnderMocks(pulumi, pulumiDir, runner(pulumiDir, req), req);
        return { ok: true, ...capture };
    } catch (err) {
        return failureReply(err, req.dir);
    }
}

/** Takes over this process: answers one request from the parent, then exits. */
function serve(): void {
    let replied = false;
    let lastError: unknown;
    process.on("uncaughtException", (err) => (lastError ??= err));
    process.on("unhandledRejection", (err) => (lastError ??= err));

    process.once("message", (req: ChildRequest) => {
        // Program output goes to stderr; stdout is not ours to use here.
        console.log = console.error;
        process.on("exit", () => {
            if (!replied) {
                // The program ended the process itself (process.exit, or nothing left to wait for):
                // leave the parent the reason the program gave, if any.
                const reply = lastError === undefined ? undefined : failureReply(lastError, req.dir);
                fs.writeSync(2, `\n${EXIT_MARKER}${JSON.stringify(reply ?? null)}\n`);
            }
        });
        main(req).then((reply) => {
            replied = true;
            process.send!(reply, () => process.exit(0));
        });
    });
}

// Only as the forked entry point: anywhere else the handlers would take over someone else's process.
if (require.main === module) {
    serve();
}
