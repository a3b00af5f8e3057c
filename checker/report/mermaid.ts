// A Mermaid flowchart of how the internet reaches an exposed machine: internet → public IP or load
// balancer rule → NIC → subnet → machine, each NSG that lets the traffic through written on the edge
// it guards. Drawn from the paths the reachability policy reports as data (engine/evidence.ts).
import { PathEvidence } from "../../policy-pack/src/engine/evidence";

/** Text inside a quoted Mermaid label: quotes and the entity sign written as entities, one line. */
function label(text: string): string {
    return text.replace(/\s+/g, " ").replace(/#/g, "#35;").replace(/"/g, "#quot;");
}

function traffic(p: PathEvidence): string {
    return `${p.protocols.map((t) => t.toUpperCase()).join("/")} ${p.port}`;
}

/** A `flowchart LR` of every path to one machine (named `machine`). */
export function exposureFlowchart(machine: string, paths: readonly PathEvidence[]): string {
    const ids = new Map<string, string>();
    const nodes: string[] = [];
    const edges = new Set<string>();
    const node = (key: string, text: string, shape: (l: string) => string) => {
        let id = ids.get(key);
        if (!id) {
            id = `n${ids.size}`;
            ids.set(key, id);
            nodes.push(`    ${id}${shape(label(text))}`);
        }
        return id;
    };
    const internet = node("internet", "Internet", (l) => `(("${l}"))`);
    const target = node("machine", machine, (l) => `[["${l}"]]`);
    for (const p of paths) {
        let from = internet;
        let via: string | undefined = traffic(p);
        for (const hop of p.hops) {
            if (hop.kind === "nsg") {
                via = via ? `${via}; ${hop.text}` : hop.text;
                continue;
            }
            const to = node(`${hop.urn ?? ""}\u0000${hop.text}`, hop.text, (l) => `["${l}"]`);
            edges.add(via ? `    ${from} -->|"${label(via)}"| ${to}` : `    ${from} --> ${to}`);
            from = to;
            via = undefined;
        }
        const last = [via, p.note].filter((x): x is string => x !== undefined).join("; ");
        edges.add(last ? `    ${from} -->|"${label(last)}"| ${target}` : `    ${from} --> ${target}`);
    }
    return ["flowchart LR", ...nodes, ...edges].join("\n");
}
