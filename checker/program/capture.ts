// Runs a Pulumi program in-process under `pulumi.runtime.setMocks` — on the program's own copy of
// @pulumi/pulumi — and captures every registration the way the engine would see it: inputs in wire
// form, parent, dependencies and property dependencies.
import * as path from "node:path";
import { SourcePosition } from "../engine/evaluate";
import { armId, azureName } from "./arm-ids";

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
    project: string;
    stack: string;
    organization?: string;
    config: Record<string, string>;
    secretKeys: string[];
    /** Every computed output unknown, as in the first preview of a new stack. */
    previewUnknowns: boolean;
}

/** A sensible answer for the invokes programs commonly make; others echo their inputs. */
function invokeResult(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
    if (/:getClientConfig$/.test(token)) {
        return {
            clientId: "00000000-0000-0000-0000-00000000c11e",
            objectId: "00000000-0000-0000-0000-0000000000b1",
            subscriptionId: "00000000-0000-0000-0000-000000000000",
            tenantId: "00000000-0000-0000-0000-0000000000a1",
        };
    }
    return { ...inputs };
}

/**
 * `pulumi` is the program's @pulumi/pulumi module; `pulumiDir` its package directory. `load` runs the
 * program (requires its entry, or calls a factory). Errors thrown by the program, or raised while its
 * resources register, reject the returned promise.
 */
export async function captureUnderMocks(
    pulumi: any,
    pulumiDir: string,
    load: () => unknown,
    opts: MockRunOptions,
): Promise<CapturedResource[]> {
    const settings = require(path.join(pulumiDir, "runtime", "settings"));
    const state = require(path.join(pulumiDir, "runtime", "state"));
    const captured: CapturedResource[] = [];
    let failure: unknown;
    const onError = (err: unknown) => {
        failure ??= err;
    };
    process.on("unhandledRejection", onError);
    process.on("uncaughtException", onError);
    try {
        pulumi.runtime.setMocks(
            {
                newResource(args: { type: string; name: string; inputs: Record<string, unknown> }) {
                    const name = azureName(args.type, args.name, args.inputs);
                    const state = { ...args.inputs, name: args.inputs.name ?? name };
                    return { id: opts.previewUnknowns ? undefined : armId(args.type, name, args.inputs), state };
                },
                call(args: { token: string; inputs: Record<string, unknown> }) {
                    return invokeResult(args.token, args.inputs);
                },
            },
            opts.project,
            opts.stack,
            opts.previewUnknowns,
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
        const result = await load();
        if (typeof result === "function") {
            await result();
        }
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
    return captured;
}
