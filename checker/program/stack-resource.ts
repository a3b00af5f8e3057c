import { PlannedResource } from "../engine/evaluate";

/** The engine registers the stack itself first; every top-level resource is its child. */
export function stackResource(project: string, stack: string): PlannedResource {
    return {
        urn: `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`,
        type: "pulumi:pulumi:Stack",
        name: `${project}-${stack}`,
        inputs: {},
        outputs: {},
    };
}
