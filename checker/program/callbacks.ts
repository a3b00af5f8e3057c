// A program's `apply` callbacks run on mocked data that real data would satisfy (an invoke result
// the checker could only guess, a computed property). A callback that throws there is the mock's
// fault, not the program's: its value becomes unknown, as in a preview that cannot know it, and the
// run goes on with a warning naming the program line that made the callback.
import * as path from "node:path";
import { SourcePosition } from "../engine/evaluate";

export interface ProgramWarning {
    message: string;
    /** The program line the warning is about, when a stack frame inside the program names it. */
    location?: SourcePosition;
}

/** The first stack frame inside the program's own files (not its node_modules). */
export function programFrame(stack: string | undefined, programDir: string): SourcePosition | undefined {
    const root = path.resolve(programDir) + path.sep;
    for (const line of (stack ?? "").split("\n").slice(1)) {
        const m = /\(?((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
        if (!m) {
            continue;
        }
        const file = m[1].startsWith("file://") ? new URL(m[1]).pathname : m[1];
        if (file.startsWith(root) && !file.slice(root.length).split(path.sep).includes("node_modules")) {
            return { uri: `file://${file}`, line: Number(m[2]), column: Number(m[3]) };
        }
    }
    return undefined;
}

/** `index.ts:12` for a position in the program, else undefined. */
export function describePosition(pos: SourcePosition | undefined, programDir: string): string | undefined {
    return pos ? `${path.relative(programDir, new URL(pos.uri).pathname)}:${pos.line}` : undefined;
}

/** The first line of an error's message; a heading line (`Unable to compile TypeScript:`) takes the next with it. */
export function firstLine(err: unknown): string {
    const text = err instanceof Error ? err.message : String(err);
    const lines = text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
    const [head = "unknown error", next] = lines;
    return head.endsWith(":") && next ? `${head} ${next}` : head;
}

/**
 * Guards the program's values that real data or the real cloud would settle and the mocks cannot:
 * an `apply` callback that throws on mocked data, and a promise handed to a resource as an input that
 * rejects (a lookup of its own over the network, say, which an offline check cannot make). Each value
 * becomes unknown, as in a preview that cannot know it, with one warning per program line and message.
 */
export function guardCallbacks(pulumiDir: string, programDir: string, warn: (w: ProgramWarning) => void): void {
    const outputModule = require(path.join(pulumiDir, "output"));
    const seen = new Set<string>();
    const fail = (err: unknown, site: Error) => {
        const location = programFrame(site.stack, programDir) ?? programFrame((err as Error)?.stack, programDir);
        const message = `value treated as unknown: ${firstLine(err)}`;
        const key = `${location?.uri}:${location?.line}\0${message}`;
        if (!seen.has(key)) {
            seen.add(key);
            warn({ message, location });
        }
        return outputModule.unknown;
    };
    guardApply(outputModule, fail);
    guardInputPromises(require(path.join(pulumiDir, "runtime", "resource")), fail);
}

type Fail = (err: unknown, site: Error) => unknown;

/** `Output.prototype.apply`: a throwing callback resolves to unknown. */
function guardApply(outputModule: any, fail: Fail): void {
    const proto = outputModule.Output?.prototype;
    if (typeof proto?.apply !== "function") {
        return;
    }
    const original = proto.apply as (this: unknown, func: (v: unknown) => unknown, runWithUnknowns?: boolean) => unknown;
    proto.apply = function (this: unknown, func: (v: unknown) => unknown, runWithUnknowns?: boolean) {
        // Captured now, formatted only on failure: the stack of the line that called `apply`.
        const site = new Error();
        const guarded = (value: unknown) => {
            try {
                const result = func(value);
                if (result !== null && typeof (result as Promise<unknown>)?.then === "function") {
                    return (result as Promise<unknown>).then(undefined, (err) => fail(err, site));
                }
                return result;
            } catch (err) {
                return fail(err, site);
            }
        };
        return original.call(this, guarded, runWithUnknowns);
    };
}

/** Promises among a resource's inputs (plain objects and arrays walked; Outputs left alone) resolve to unknown when they reject. */
function guardInputPromises(runtimeResource: any, fail: Fail): void {
    const original = runtimeResource?.registerResource;
    if (typeof original !== "function") {
        return;
    }
    const guard = (value: unknown, site: Error, depth: number): unknown => {
        if (value instanceof Promise) {
            return value.then(undefined, (err) => fail(err, site));
        }
        if (depth > 32 || value === null || typeof value !== "object") {
            return value;
        }
        if (Array.isArray(value)) {
            return value.map((v) => guard(v, site, depth + 1));
        }
        if (Object.getPrototypeOf(value) !== Object.prototype) {
            return value;
        }
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, guard(v, site, depth + 1)]));
    };
    runtimeResource.registerResource = function (...args: unknown[]) {
        // registerResource(res, parent, t, name, custom, remote, newDependency, props, opts, …)
        const site = new Error();
        args[7] = guard(args[7], site, 0);
        return original.apply(this, args);
    };
}
