// Runs a Pulumi program directory under mocks in a child process and returns the planned resources.
import { fork } from "node:child_process";
import * as path from "node:path";
import { PlannedResource } from "../engine/evaluate";
import { InputError } from "../errors";
import { PROGRAM_CHILD } from "../paths";
import { ChildReply, ChildRequest } from "./child";
import { loadProject, loadStackConfig } from "./project";
import { toPlannedResources } from "./translate";
import { stackResource } from "./stack-resource";

export interface ProgramOptions {
    stack: string;
    config?: string[];
    previewUnknowns?: boolean;
    organization?: string;
}

export async function planProgram(dir: string, opts: ProgramOptions): Promise<{ project: string; resources: PlannedResource[] }> {
    const project = loadProject(path.resolve(dir));
    const config = loadStackConfig(project, opts.stack, opts.config);
    const request: ChildRequest = {
        dir: project.dir,
        entry: project.entry,
        project: project.name,
        stack: opts.stack,
        organization: opts.organization,
        config: config.values,
        secretKeys: config.secretKeys,
        previewUnknowns: opts.previewUnknowns ?? false,
    };
    const child = fork(PROGRAM_CHILD, [], { stdio: ["ignore", "pipe", "pipe", "ipc"], cwd: project.dir });
    const stderr: string[] = [];
    child.stdout!.on("data", () => undefined);
    child.stderr!.on("data", (c: Buffer) => stderr.push(c.toString()));
    const reply = await new Promise<ChildReply>((resolve, reject) => {
        child.once("message", (m: ChildReply) => resolve(m));
        child.once("exit", (code) =>
            reject(new InputError(`${dir}: the program's process exited (code ${code}) before finishing`)),
        );
        child.send(request);
    });
    if (!reply.ok) {
        throw new InputError(
            reply.kind === "missing-module"
                ? `${dir}: the program needs package "${reply.message}", which is not installed there (run npm install in ${dir})`
                : `${dir}: the program failed: ${reply.message}`,
        );
    }
    const stack = stackResource(project.name, opts.stack);
    const resources = toPlannedResources(reply.resources, {
        previewUnknowns: request.previewUnknowns,
        resolveFrom: project.dir,
        stackUrn: stack.urn,
    });
    return { project: project.name, resources: [stack, ...resources] };
}
