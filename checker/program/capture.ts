// Runs a Pulumi program in-process under `pulumi.runtime.setMocks` — on the program's own copy of
// @pulumi/pulumi, as a preview (unknowns stay unknown) — and captures every registration the way the
// engine would see it: inputs in wire form, parent, dependencies and property dependencies.
import * as path from "node:path";
import { SourcePosition } from "../engine/evaluate";
import { armId, azureName } from "./arm-ids";
import { guardCallbacks, ProgramWarning } from "./callbacks";
import { answerInvoke, previewState } from "./mock-answers";

/** One registration, with its inputs as the Struct the SDK sent (wire form). */
export interface CapturedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    id?: string;
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    inputs: Record<string, unknown>;
    /** Where the program constructed the resource (mapped to TypeScript through source maps). */
    source?: SourcePosition;
}

export interface MockRunOptions {
    /** The program directory: its SDKs answer what the mocks report. */
    dir: string;
    project: string;
    stack: string;
    organization?: string;
    config: Record<string, string>;
    secretKeys: string[];
    /** Every computed output unknown, ids included, as in the first preview of a new stack. */
    previewUnknowns: boolean;
}

export interface Capture {
    resources: CapturedResource[];
    warnings: ProgramWarning[];
}

const STACK_REFERENCE = "pulumi:pulumi:StackReference";

/**
 * `pulumi` is the program's @pulumi/pulumi module; `pulumiDir` its package directory. `run` runs the
 * program. Errors thrown by the program, or raised while its resources register, reject the
 * returned promise; a callback that throws on mocked data becomes a warning.
 */
export async function captureUnderMocks(pulumi: any, pulumiDir: string, run: () => Promise<unknown>, opts: MockRunOptions): Promise<Capture> {
    const settings = require(path.join(pulumiDir, "runtime", "settings"));
    const state = require(path.join(pulumiDir, "runtime", "state"));
    const captured: CapturedResource[] = [];
    const warnings: ProgramWarning[] = [];
    let failure: unknown;
    const onError = (err: unknown) => {
        failure ??= err;
    };
    process.on("unhandledRejection", onError);
    process.on("uncaughtException", onError);
    try {
        guardCallbacks(pulumiDir, opts.dir, (w) => warnings.push(w));
        // Always a preview (`pulumi preview` is where policies run): a value the mocks leave out is
        // unknown, not undefined. The modes differ in whether ids are known.
        pulumi.runtime.setMocks(
            {
                newResource(args: { type: string; name: string; inputs: Record<string, unknown> }) {
                    if (args.type === STACK_REFERENCE) {
                        // Another stack's outputs cannot be read offline: they stay unknown.
                        return { id: args.inputs.name, state: { name: args.inputs.name } };
                    }
                    const name = azureName(args.type, args.name, args.inputs);
                    return {
                        id: opts.previewUnknowns ? undefined : armId(args.type, name, args.inputs),
                        state: previewState(args.type, name, args.inputs, opts.dir),
                    };
                },
                call(args: { token: string; inputs: Record<string, unknown> }) {
                    return answerInvoke(args.token, args.inputs, opts.dir);
                },
            },
            opts.project,
            opts.stack,
            true,
            opts.organization ?? "organization",
        );
        pulumi.runtime.setAllConfig(opts.config, opts.secretKeys);
        const monitor = state.getStore().settings.monitor;
        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req: any, callback: (err: unknown, resp: any) => void) => {
            register(req, (err: unknown, resp: any) => {
                if (!err && resp) {
                    const propertyDependencies: Record<string, string[]> = {};
                    req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
                        const urns: string[] = deps.getUrnsList();
                        if (urns.length > 0) {
                            propertyDependencies[key] = urns;
                        }
                    });
                    const pos = req.getSourceposition();
                    captured.push({
                        urn: resp.getUrn(),
                        type: req.getType(),
                        name: req.getName(),
                        custom: req.getCustom(),
                        id: resp.getId() || undefined,
                        parent: req.getParent() || undefined,
                        dependencies: req.getDependenciesList(),
                        propertyDependencies,
                        inputs: (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
                        source: pos ? { uri: pos.getUri(), line: pos.getLine(), column: pos.getColumn() } : undefined,
                    });
                }
                callback(err, resp);
            });
        };
        await run();
        await settings.waitForRPCs();
        // A rejection raised while the last registrations settled surfaces on the next turn.
        await new Promise((resolve) => setImmediate(resolve));
    } catch (err) {
        failure ??= err;
    } finally {
        process.off("unhandledRejection", onError);
        process.off("uncaughtException", onError);
    }
    if (failure !== undefined) {
        throw failure;
    }
    // Callbacks settle in any order; report them in program order.
    const at = (w: ProgramWarning) => [w.location?.uri ?? "", w.location?.line ?? 0, w.location?.column ?? 0] as const;
    warnings.sort((a, b) => {
        const [ua, la, ca] = at(a);
        const [ub, lb, cb] = at(b);
        return ua.localeCompare(ub) || la - lb || ca - cb || a.message.localeCompare(b.message);
    });
    return { resources: captured, warnings };
}
