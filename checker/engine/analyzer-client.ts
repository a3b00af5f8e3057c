// Speaks the pulumirpc.Analyzer protocol to a policy pack process started the way the Pulumi CLI
// starts it, using the gRPC stubs that ship inside @pulumi/pulumi.
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as YAML from "yaml";
import { Evidence, EVIDENCE_FILE_VARIABLE } from "../../policy-pack/src/engine/evidence";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical" | "";

const levelToProto: Record<EnforcementLevel, analyzerProto.EnforcementLevel> = {
    advisory: analyzerProto.EnforcementLevel.ADVISORY,
    mandatory: analyzerProto.EnforcementLevel.MANDATORY,
    disabled: analyzerProto.EnforcementLevel.DISABLED,
    remediate: analyzerProto.EnforcementLevel.REMEDIATE,
};
const levelFromProto = Object.fromEntries(
    Object.entries(levelToProto).map(([k, v]) => [v, k as EnforcementLevel]),
) as Record<number, EnforcementLevel>;
const severityFromProto: Record<number, Severity> = { 0: "", 1: "low", 2: "medium", 3: "high", 4: "critical" };

/** One resource as the engine describes it to an analyzer. */
export interface WireResource {
    urn: string;
    type: string;
    name: string;
    /** Already in wire form: unknowns as sentinel strings, secrets as signature objects. */
    properties: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    protect?: boolean;
    /** The provider resource that manages it, as the engine sends it (its version decides provider defaults). */
    provider?: ProviderResource;
}

export interface ProviderResource {
    urn: string;
    type: string;
    name: string;
    properties: Record<string, unknown>;
}

function makeProvider(p: ProviderResource): analyzerProto.AnalyzerProviderResource {
    const provider = new analyzerProto.AnalyzerProviderResource();
    provider.setUrn(p.urn);
    provider.setType(p.type);
    provider.setName(p.name);
    provider.setProperties(toStruct(p.properties));
    return provider;
}

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    urn: string;
    severity: Severity;
}

export interface Remediation {
    policyName: string;
    properties?: Record<string, unknown>;
    diagnostic: string;
}

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    policyType: "resource" | "stack" | "unknown";
    configSchema?: { properties: Record<string, any>; required: string[] };
    severity: Severity;
    framework?: { name: string; version: string; reference: string; specification: string };
    tags: string[];
    remediationSteps: string;
    url: string;
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    description: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
}

export interface PolicyConfigEntry {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

export interface StartOptions {
    /** The policy pack directory; the process runs with it as working directory. */
    packDir: string;
    stack?: string;
    project?: string;
    organization?: string;
    dryRun?: boolean;
    /** Stack configuration as the CLI passes it in PULUMI_CONFIG ({"project:key": "value"}). */
    config?: Record<string, string>;
    /**
     * Ask the pack for evidence beside its diagnostics (policy-pack/src/engine/evidence.ts); on
     * unless turned off, as the benchmark does to time the pack as the engine runs it.
     */
    evidence?: boolean;
}

/**
 * `runtime.options.nodeargs` of PulumiPolicy.yaml. The Node.js language host puts them after the
 * run-policy-pack script (`node <run-policy-pack> <nodeargs> <engine> <pack-dir>`), so node never
 * applies them; run-policy-pack parses them as flags of its own and ignores them.
 */
export function packNodeArgs(packDir: string): string[] {
    const file = ["PulumiPolicy.yaml", "PulumiPolicy.yml"].map((f) => path.join(packDir, f)).find((f) => fs.existsSync(f));
    if (!file) {
        return [];
    }
    const doc = YAML.parse(fs.readFileSync(file, "utf8")) as { runtime?: { options?: { nodeargs?: unknown } } } | null;
    const nodeargs = typeof doc?.runtime === "object" ? doc.runtime?.options?.nodeargs : undefined;
    return typeof nodeargs === "string" ? nodeargs.split(/\s+/).filter((a) => a !== "") : [];
}

/** Resolves run-policy-pack from the pack directory, as the Node.js language host does. */
export function resolveRunPolicyPack(packDir: string): string {
    return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [path.resolve(packDir)] });
}

function stripUndefined(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map((v) => (v === undefined ? null : stripUndefined(v)));
    }
    if (value !== null && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            if (v !== undefined) {
                out[k] = stripUndefined(v);
            }
        }
        return out;
    }
    return value;
}

export function toStruct(value: Record<string, unknown>): Struct {
    return Struct.fromJavaScript(stripUndefined(value) as any);
}

function makeResourceOptions(r: WireResource): analyzerProto.AnalyzerResourceOptions {
    const options = new analyzerProto.AnalyzerResourceOptions();
    options.setProtect(r.protect ?? false);
    if (r.parent) {
        options.setParent(r.parent);
    }
    return options;
}

function makeAnalyzeRequest(r: WireResource): analyzerProto.AnalyzeRequest {
    const req = new analyzerProto.AnalyzeRequest();
    req.setUrn(r.urn);
    req.setType(r.type);
    req.setName(r.name);
    req.setProperties(toStruct(r.properties));
    req.setOptions(makeResourceOptions(r));
    if (r.provider) {
        req.setProvider(makeProvider(r.provider));
    }
    return req;
}

function makeAnalyzerResource(r: WireResource): analyzerProto.AnalyzerResource {
    const res = new analyzerProto.AnalyzerResource();
    res.setUrn(r.urn);
    res.setType(r.type);
    res.setName(r.name);
    res.setProperties(toStruct(r.properties));
    res.setOptions(makeResourceOptions(r));
    if (r.provider) {
        res.setProvider(makeProvider(r.provider));
    }
    res.setParent(r.parent ?? "");
    res.setDependenciesList(r.dependencies ?? []);
    const map = res.getPropertydependenciesMap();
    for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
        // The engine drops entries whose URN list is empty.
        if (urns.length > 0) {
            const deps = new analyzerProto.AnalyzerPropertyDependencies();
            deps.setUrnsList(urns);
            map.set(key, deps);
        }
    }
    return res;
}

export function encodeAnalyzeRequest(r: WireResource): Uint8Array {
    return makeAnalyzeRequest(r).serializeBinary();
}

function makeAnalyzeStackRequest(resources: readonly WireResource[]): analyzerProto.AnalyzeStackRequest {
    const req = new analyzerProto.AnalyzeStackRequest();
    req.setResourcesList(resources.map(makeAnalyzerResource));
    return req;
}

export function encodeAnalyzeStackRequest(resources: readonly WireResource[]): Uint8Array {
    return makeAnalyzeStackRequest(resources).serializeBinary();
}

function toDiagnostics(resp: analyzerProto.AnalyzeResponse): Diagnostic[] {
    return resp.getDiagnosticsList().map((d) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        policyPackVersion: d.getPolicypackversion(),
        description: d.getDescription(),
        message: d.getMessage(),
        enforcementLevel: levelFromProto[d.getEnforcementlevel()],
        urn: d.getUrn(),
        severity: severityFromProto[d.getSeverity()] ?? "",
    }));
}

function toPolicyInfo(p: analyzerProto.PolicyInfo): PolicyInfo {
    const schema = p.getConfigschema();
    const framework = p.getFramework();
    const type = p.getPolicyType();
    return {
        name: p.getName(),
        description: p.getDescription(),
        enforcementLevel: levelFromProto[p.getEnforcementlevel()],
        policyType:
            type === analyzerProto.PolicyType.POLICY_TYPE_RESOURCE
                ? "resource"
                : type === analyzerProto.PolicyType.POLICY_TYPE_STACK
                  ? "stack"
                  : "unknown",
        configSchema: schema
            ? {
                  properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, any>,
                  required: schema.getRequiredList(),
              }
            : undefined,
        severity: severityFromProto[p.getSeverity()] ?? "",
        framework: framework
            ? {
                  name: framework.getName(),
                  version: framework.getVersion(),
                  reference: framework.getReference(),
                  specification: framework.getSpecification(),
              }
            : undefined,
        tags: p.getTagsList(),
        remediationSteps: p.getRemediationSteps(),
        url: p.getUrl(),
    };
}

export class PackStartError extends Error {}

function removeEvidence(file: string | undefined): void {
    if (file) {
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
}

/** A running policy pack process and a gRPC client connected to it. */
export class AnalyzerClient {
    private constructor(
        readonly child: ChildProcess,
        private readonly client: grpc.Client,
        readonly output: { stdout: string[]; stderr: string[] },
        /** Milliseconds from spawn to the printed port. */
        readonly startMillis: number,
        private readonly evidenceFile: string | undefined,
    ) {}

    static async start(opts: StartOptions, timeoutMillis = 60_000): Promise<AnalyzerClient> {
        const packDir = path.resolve(opts.packDir);
        const entry = resolveRunPolicyPack(packDir);
        const started = performance.now();
        const evidenceFile = opts.evidence === false ? undefined : path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pa-guard-evidence-")), "evidence.jsonl");
        const child = spawn(process.execPath, [entry, ...packNodeArgs(packDir), "127.0.0.1:0", packDir], {
            cwd: packDir,
            stdio: ["ignore", "pipe", "pipe"],
            env: {
                ...process.env,
                PULUMI_NODEJS_STACK: opts.stack ?? "dev",
                PULUMI_NODEJS_PROJECT: opts.project ?? "project",
                PULUMI_NODEJS_ORGANIZATION: opts.organization ?? "organization",
                PULUMI_NODEJS_DRY_RUN: String(opts.dryRun ?? true),
                PULUMI_CONFIG: JSON.stringify(opts.config ?? {}),
                ...(evidenceFile ? { [EVIDENCE_FILE_VARIABLE]: evidenceFile } : {}),
            },
        });
        const output = { stdout: [] as string[], stderr: [] as string[] };
        const port = await new Promise<number>((resolve, reject) => {
            let buffered = "";
            let settled = false;
            const timer = setTimeout(() => fail(`no port printed within ${timeoutMillis} ms`), timeoutMillis);
            const fail = (why: string) => {
                if (!settled) {
                    settled = true;
                    clearTimeout(timer);
                    child.kill();
                    removeEvidence(evidenceFile);
                    const tail = output.stderr.join("").trim().split("\n").slice(-5).join("\n");
                    reject(new PackStartError(`policy pack in ${packDir} did not start: ${why}${tail ? `\n${tail}` : ""}`));
                }
            };
            // Keep draining both pipes for the life of the process, or the pack blocks on a full pipe.
            child.stdout!.on("data", (chunk: Buffer) => {
                const text = chunk.toString();
                if (settled) {
                    output.stdout.push(text);
                    return;
                }
                buffered += text;
                const newline = buffered.indexOf("\n");
                if (newline >= 0) {
                    const first = buffered.slice(0, newline).trim();
                    output.stdout.push(buffered.slice(newline + 1));
                    const parsed = Number(first);
                    if (Number.isInteger(parsed) && parsed > 0) {
                        settled = true;
                        clearTimeout(timer);
                        resolve(parsed);
                    } else {
                        fail(`first line of stdout is not a port`);
                    }
                }
            });
            child.stderr!.on("data", (chunk: Buffer) => output.stderr.push(chunk.toString()));
            child.on("exit", (code) => fail(`process exited with code ${code}`));
            child.on("error", (err) => fail(err.message));
        });
        const startMillis = performance.now() - started;
        const ClientCtor = grpc.makeGenericClientConstructor(analyzerRpc.AnalyzerService as any, "Analyzer");
        const client = new ClientCtor(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
        return new AnalyzerClient(child, client, output, startMillis, evidenceFile);
    }

    private call<Req, Res>(method: string, req: Req): Promise<Res> {
        return new Promise((resolve, reject) => {
            (this.client as any)[method](req, (err: grpc.ServiceError | null, res: Res) =>
                err ? reject(err) : resolve(res),
            );
        });
    }

    async configureStack(tags: Record<string, string>, opts: { stack?: string; project?: string; organization?: string; dryRun?: boolean } = {}): Promise<void> {
        const req = new analyzerProto.AnalyzerStackConfigureRequest();
        req.setStack(opts.stack ?? "dev");
        req.setProject(opts.project ?? "project");
        req.setOrganization(opts.organization ?? "organization");
        req.setDryRun(opts.dryRun ?? true);
        for (const [k, v] of Object.entries(tags)) {
            req.getTagsMap().set(k, v);
        }
        await this.call("configureStack", req);
    }

    async getPluginInfo(): Promise<string> {
        const info = await this.call<Empty, any>("getPluginInfo", new Empty());
        return info.getVersion();
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const info = await this.call<Empty, analyzerProto.AnalyzerInfo>("getAnalyzerInfo", new Empty());
        return {
            name: info.getName(),
            version: info.getVersion(),
            description: info.getDescription(),
            supportsConfig: info.getSupportsconfig(),
            policies: info.getPoliciesList().map(toPolicyInfo),
        };
    }

    async configure(config: Record<string, PolicyConfigEntry>): Promise<void> {
        const req = new analyzerProto.ConfigureAnalyzerRequest();
        for (const [name, entry] of Object.entries(config)) {
            const pc = new analyzerProto.PolicyConfig();
            pc.setEnforcementlevel(levelToProto[entry.enforcementLevel]);
            // The Node.js server crashes on a PolicyConfig without a properties Struct.
            pc.setProperties(toStruct(entry.properties));
            req.getPolicyconfigMap().set(name, pc);
        }
        await this.call("configure", req);
    }

    async remediate(r: WireResource): Promise<Remediation[]> {
        const resp = await this.call<analyzerProto.AnalyzeRequest, analyzerProto.RemediateResponse>(
            "remediate",
            makeAnalyzeRequest(r),
        );
        return resp.getRemediationsList().map((rem) => ({
            policyName: rem.getPolicyname(),
            properties: rem.getProperties()?.toJavaScript() as Record<string, unknown> | undefined,
            diagnostic: rem.getDiagnostic(),
        }));
    }

    async analyze(r: WireResource): Promise<Diagnostic[]> {
        const resp = await this.call<analyzerProto.AnalyzeRequest, analyzerProto.AnalyzeResponse>(
            "analyze",
            makeAnalyzeRequest(r),
        );
        return toDiagnostics(resp);
    }

    async analyzeStack(resources: WireResource[]): Promise<Diagnostic[]> {
        const resp = await this.call<analyzerProto.AnalyzeStackRequest, analyzerProto.AnalyzeResponse>(
            "analyzeStack",
            makeAnalyzeStackRequest(resources),
        );
        return toDiagnostics(resp);
    }

    /**
     * Sends a request encoded beforehand (`encodeAnalyzeRequest`, `encodeAnalyzeStackRequest`), so
     * that timing the call measures the pack and the transport, not this client's encoding, which the
     * engine does in Go.
     */
    sendEncoded(method: "analyze" | "analyzeStack", encoded: Uint8Array): Promise<Diagnostic[]> {
        const definition = analyzerRpc.AnalyzerService[method];
        return new Promise((resolve, reject) => {
            this.client.makeUnaryRequest(
                definition.path,
                (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
                definition.responseDeserialize,
                encoded,
                (err, resp) => (err ? reject(err) : resolve(toDiagnostics(resp!))),
            );
        });
    }

    /** Where the evidence ends now: what the pack writes after this mark belongs to the next requests. */
    evidenceMark(): number {
        return this.evidenceFile && fs.existsSync(this.evidenceFile) ? fs.statSync(this.evidenceFile).size : 0;
    }

    /** The evidence the pack wrote after `mark` (it writes each record before it answers the request). */
    evidenceSince(mark: number): Evidence[] {
        const end = this.evidenceMark();
        if (end <= mark) {
            return [];
        }
        // Only the new part: one pack process serves many evaluations, and its file only grows.
        const fd = fs.openSync(this.evidenceFile!, "r");
        try {
            const buffer = Buffer.alloc(end - mark);
            fs.readSync(fd, buffer, 0, buffer.length, mark);
            return buffer
                .toString("utf8")
                .split("\n")
                .filter((line) => line !== "")
                .map((line) => JSON.parse(line) as Evidence);
        } finally {
            fs.closeSync(fd);
        }
    }

    /** The process never exits by itself; the engine kills it. */
    close(): void {
        this.client.close();
        this.child.kill();
        removeEvidence(this.evidenceFile);
    }
}
