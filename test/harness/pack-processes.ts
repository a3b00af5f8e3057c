// Vitest global setup: a pack process never exits by itself, and vitest ends a worker with a signal,
// which runs no exit handler. Each worker notes the pack processes it starts in a folder given here;
// when the run ends, whatever is still running is stopped.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
    export interface ProvidedContext {
        packPidDir: string;
    }
}

export default function setup(project: TestProject): () => void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pa-guard-packs-"));
    project.provide("packPidDir", dir);
    return () => {
        for (const pid of fs.readdirSync(dir)) {
            try {
                process.kill(Number(pid));
            } catch {
                // Already gone.
            }
        }
        fs.rmSync(dir, { recursive: true, force: true });
    };
}
