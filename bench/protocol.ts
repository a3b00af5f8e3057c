// What every part of the benchmark shares: the no-op baseline pack, and driving a pack through the
// engine protocol with requests encoded beforehand (so that timings are the pack's and the
// transport's, not this client's encoding, which the engine does in Go).
import * as fs from "node:fs";
import * as path from "node:path";
import { AnalyzerClient, Diagnostic } from "../checker/engine/analyzer-client";
import { reconcilePolicyConfig } from "../checker/engine/policy-config";
import { PACKAGE_ROOT } from "../checker/paths";

export const NOOP_DIR = path.join(PACKAGE_ROOT, "bench", "noop-pack");
const STACK_TAGS = { securityLevel: "specialized" };

export function median(xs: readonly number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function peakRssMiB(pid: number | undefined): number {
    const status = pid ? fs.readFileSync(`/proc/${pid}/status`, "utf8") : "";
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return Math.round(kb / 1024);
}

/**
 * CPU time a process has used so far, user and system, from /proc (in ticks of 1/100 s, Linux's
 * USER_HZ). On a machine shared with other work, a process's CPU time is much steadier than the wall
 * time of its calls, which includes waiting for a core.
 */
export function cpuMillis(pid: number | undefined): number {
    const stat = pid ? fs.readFileSync(`/proc/${pid}/stat`, "utf8") : "";
    // The command name, in parentheses, may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The calls the engine makes before the first Analyze: stack tags, plugin info, policy config. */
export async function prepare(client: AnalyzerClient): Promise<void> {
    await client.configureStack(STACK_TAGS);
    await client.getPluginInfo();
    await client.configure(reconcilePolicyConfig(await client.getAnalyzerInfo()));
}

export interface Timed {
    millis: number;
    diagnostics: Diagnostic[];
}

export async function analyzeAll(client: AnalyzerClient, requests: readonly Uint8Array[]): Promise<Timed> {
    let millis = 0;
    const diagnostics: Diagnostic[] = [];
    for (const request of requests) {
        const t = performance.now();
        const found = await client.sendEncoded("analyze", request);
        millis += performance.now() - t;
        diagnostics.push(...found);
    }
    return { millis, diagnostics };
}

export async function analyzeStack(client: AnalyzerClient, request: Uint8Array): Promise<Timed> {
    const t = performance.now();
    const diagnostics = await client.sendEncoded("analyzeStack", request);
    return { millis: performance.now() - t, diagnostics };
}
