// Runs a Pulumi program directory under mocks in a child process and returns the planned resources.
import { fork } from "node:child_process";
import * as path from "node:path";
import { PlannedResource } from "../engine/evaluate";
import { InputError } from "../errors";
import { PROGRAM_CHILD } from "../paths";
import { describePosition, ProgramWarning } from "./callbacks";
import { ChildReply, ChildRequest, EXIT_MARKER } from "./child-protocol";
import { loadProject, loadStackConfig } from "./project";
import { stackResource } from "./stack-resource";
import { toPlannedResources } from "./translate";

export interface ProgramOptions {
    stack: string;
    config?: string[];
    previewUnknowns?: boolean;
    organization?: string;
}

export interface PlannedProgram {
    project: string;
    resources: PlannedResource[];
    /** Callbacks that failed on mocked data; their values were treated as unknown. */
    warnings: ProgramWarning[];
}

/** The reply the child left on stderr when the process ended before it could send one. */
function exitReply(stderr: string): ChildReply | undefined {
    const at = stderr.lastIndexOf(EXIT_MARKER);
    if (at < 0) {
        return undefined;
    }
    try {
        return JSON.parse(stderr.slice(at + EXIT_MARKER.length).split("\n")[0]) ?? undefined;
    } catch {
        return undefined;
    }
}

/** The last line the program wrote to stderr, without the child's own exit record. */
function lastLine(stderr: string): string | undefined {
    const lines = stderr.split("\n").map((l) => l.trim());
    return lines.filter((l) => l !== "" && !l.includes(EXIT_MARKER)).pop();
}

function failure(dir: string, reply: Extract<ChildReply, { ok: false }>): InputError {
    if (reply.kind === "missing-module") {
        return new InputError(`${dir}: the program needs package "${reply.message}", which is not installed there (run npm install in ${dir})`);
    }
    const where = describePosition(reply.location, dir);
    return new InputError(`${dir}: the program failed: ${reply.message}${where ? ` (${where})` : ""}`);
}

export async function planProgram(dir: string, opts: ProgramOptions): Promise<PlannedProgram> {
    const project = loadProject(path.resolve(dir));
    const config = loadStackConfig(project, opts.stack, opts.config);
    const request: ChildRequest = {
        dir: project.dir,
        main: project.main,
        typescript: project.typescript,
        tsconfig: project.tsconfig,
        project: project.name,
        stack: opts.stack,
        organization: opts.organization,
        config: config.values,
        secretKeys: config.secretKeys,
        previewUnknowns: opts.previewUnknowns ?? false,
    };
    // A clean node, as the language host starts one: the checker's own node flags (a test runner's
    // loaders, say) would change how the program loads — Pulumi's runner, for one, turns off its
    // ES module support for TypeScript when it sees a loader flag.
    const child = fork(PROGRAM_CHILD, [], { stdio: ["ignore", "pipe", "pipe", "ipc"], cwd: project.dir, execArgv: [] });
    const stderr: string[] = [];
    child.stdout!.on("data", () => undefined);
    child.stderr!.on("data", (c: Buffer) => stderr.push(c.toString()));
    const reply = await new Promise<ChildReply>((resolve, reject) => {
        child.once("message", (m: ChildReply) => resolve(m));
        // "close", not "exit": only then has the IPC channel delivered the reply and stderr been read
        // to its end, so a reply or exit record still in flight is not taken for silence.
        child.once("close", (code) => {
            const left = exitReply(stderr.join(""));
            if (left) {
                resolve(left);
            } else {
                const said = lastLine(stderr.join(""));
                const reason = said ? `; it last printed: ${said}` : ", printing nothing";
                reject(new InputError(`${dir}: the program ended the process (exit code ${code}) before it finished${reason}`));
            }
        });
        child.send(request);
    });
    if (!reply.ok) {
        throw failure(dir, reply);
    }
    // The program's runner registers the stack resource; an older one may not.
    const registered = reply.resources.some((r) => r.type === "pulumi:pulumi:Stack");
    const stack = registered ? [] : [stackResource(project.name, opts.stack)];
    const resources = toPlannedResources(reply.resources, {
        previewUnknowns: request.previewUnknowns,
        resolveFrom: project.dir,
        stackUrn: stack[0]?.urn,
    });
    return { project: project.name, resources: [...stack, ...resources], warnings: reply.warnings };
}
