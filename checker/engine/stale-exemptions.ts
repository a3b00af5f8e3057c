// Exemptions that decided no finding in a run. The pack sees one policy's findings at a time and
// cannot tell; the checker sees them all, and says so: an exemption that matches nothing has either
// outlived its resource or names it wrongly, and both deserve a look before it hides something else.
import { Exemption } from "../../policy-pack/src/engine/exemptions";
import { PolicyConfigEntry } from "./analyzer-client";
import { Finding } from "./evaluate";

export function staleExemptionWarnings(config: Record<string, PolicyConfigEntry>, findings: readonly Finding[]): string[] {
    const used = new Set(findings.flatMap((f) => (f.exemption ? [`${f.policyName}\u0000${f.exemption.index}`] : [])));
    return Object.entries(config).flatMap(([policy, entry]) => {
        if (entry.enforcementLevel === "disabled") {
            return [];
        }
        const exemptions = (entry.properties.exemptions ?? []) as Exemption[];
        return exemptions.flatMap((e, i) =>
            used.has(`${policy}\u0000${i}`)
                ? []
                : [`exemption ${policy}.exemptions[${i}] (${e.resources.join(", ")}, until ${e.expires}) matched no finding in this run: remove it, or correct its resources.`],
        );
    });
}
