// The same NSG doors written on each provider — azure-native and classic @pulumi/azure — give the same
// verdicts through the one model, and messages name the provider's own property paths. Classic inputs
// come in both shapes the pack sees: as a program writes them (mocks) and after the provider's Check
// (every optional field sent, unset ones empty, and a `__defaults` list).
import { describe, expect, it } from "vitest";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource } from "../harness/stack";

const NATIVE = { nsg: "azure-native:network:NetworkSecurityGroup", rule: "azure-native:network:SecurityRule" };
const CLASSIC = { nsg: "azure:network/networkSecurityGroup:NetworkSecurityGroup", rule: "azure:network/networkSecurityRule:NetworkSecurityRule" };
type Provider = "azure-native" | "classic" | "classic after Check";

interface Rule {
    name: string;
    priority: number;
    access: string;
    protocol?: string;
    port: string;
    source?: string;
    sources?: string[];
    asg?: boolean;
}

/** A rule as each provider spells it; after Check, azurerm sends every optional field, empty when unset. */
function ruleInputs(provider: Provider, r: Rule, standalone: boolean): Record<string, unknown> {
    const common: Record<string, unknown> = {
        priority: r.priority,
        direction: "Inbound",
        access: r.access,
        ...(r.protocol === undefined ? {} : { protocol: r.protocol }),
        sourcePortRange: "*",
        destinationAddressPrefix: "*",
        destinationPortRange: r.port,
        ...(r.source === undefined ? {} : { sourceAddressPrefix: r.source }),
        ...(r.sources === undefined ? {} : { sourceAddressPrefixes: r.sources }),
    };
    if (provider === "azure-native") {
        return {
            ...(standalone ? { securityRuleName: r.name } : { name: r.name }),
            ...common,
            ...(r.asg ? { sourceApplicationSecurityGroups: [{ id: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/applicationSecurityGroups/admins" }] } : {}),
        };
    }
    const asgId = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/applicationSecurityGroups/admins";
    const asg = r.asg ? { sourceApplicationSecurityGroupIds: standalone ? asgId : [asgId] } : {};
    const filled =
        provider === "classic after Check"
            ? {
                  description: "",
                  sourceAddressPrefix: "",
                  sourceAddressPrefixes: [],
                  sourcePortRanges: [],
                  destinationAddressPrefixes: [],
                  destinationPortRanges: [],
                  destinationApplicationSecurityGroupIds: [],
                  ...(standalone ? {} : { sourceApplicationSecurityGroupIds: [] }),
                  __defaults: ["description"],
              }
            : {};
    return { name: r.name, ...filled, ...common, ...asg };
}

function stack(provider: Provider, inline: Rule[], standalone: Rule[], tags: Record<string, string> = {}): FixtureResource[] {
    const t = provider === "azure-native" ? NATIVE : CLASSIC;
    const nsgName = provider === "azure-native" ? { networkSecurityGroupName: "nsg-jump" } : { name: "nsg-jump" };
    return [
        resource(t.nsg, "jumpNsg", { resourceGroupName: "rg-jump", location: "westeurope", ...nsgName, tags, securityRules: inline.map((r) => ruleInputs(provider, r, false)) }),
        ...standalone.map((r) =>
            resource(t.rule, r.name, { resourceGroupName: "rg-jump", networkSecurityGroupName: ref("jumpNsg", "name"), ...ruleInputs(provider, r, true) }),
        ),
    ];
}

const PROVIDERS: Provider[] = ["azure-native", "classic", "classic after Check"];
const RDP = "no-direct-rdp";
const MGMT = "no-direct-management-ports";

describe.each<Mode>(["known", "first-preview"])("NSG doors on both providers (%s ids)", (mode) => {
    // The classic provider's inline and standalone rules overwrite each other: one advisory per door
    // policy says so wherever an NSG has both, apart from the verdicts the providers share.
    const OVERWRITE = /has rules both inline \(securityRules\) and as standalone NetworkSecurityRule resources/;
    const verdictsOn = async (provider: Provider, inline: Rule[], standalone: Rule[], tags?: Record<string, string>) => {
        const result = await run(stack(provider, inline, standalone, tags), { mode });
        const overwrites = result.findings.filter((f) => OVERWRITE.test(f.message));
        const mixed = provider !== "azure-native" && inline.length > 0 && standalone.length > 0;
        expect(overwrites.map((f) => `${f.policyName} ${f.enforcementLevel}`).sort()).toEqual(mixed ? [`${MGMT} advisory`, `${RDP} advisory`] : []);
        const shared = { ...result, findings: result.findings.filter((f) => !OVERWRITE.test(f.message)) };
        return { found: [...verdicts(shared, RDP), ...verdicts(shared, MGMT)], messages: messagesOf(shared) };
    };

    it.each(PROVIDERS)("%s: an inline RDP Allow from * and a standalone SSH Allow from Internet block", async (provider) => {
        const { found } = await verdictsOn(
            provider,
            [{ name: "rdp", priority: 100, access: "Allow", protocol: "Tcp", port: "3389", source: "*" }],
            [{ name: "sshFromInternet", priority: 110, access: "Allow", protocol: "tcp", port: "22", source: "Internet" }],
        );
        expect(found).toEqual([`${RDP} jumpNsg mandatory`, `${MGMT} sshFromInternet mandatory`]);
    });

    it.each(PROVIDERS)("%s: a higher-priority standalone Deny covers an inline Allow; sources from application security groups or private ranges pass", async (provider) => {
        const { found } = await verdictsOn(
            provider,
            [
                { name: "rdp", priority: 200, access: "Allow", protocol: "*", port: "3389", sources: ["0.0.0.0/0", "::/0"] },
                { name: "sshFromAdmins", priority: 210, access: "Allow", protocol: "Tcp", port: "22", asg: true },
            ],
            [
                { name: "denyRdp", priority: 100, access: "Deny", protocol: "*", port: "3389", source: "*" },
                { name: "winrmFromOffice", priority: 220, access: "Allow", protocol: "Tcp", port: "5985-5986", source: "10.20.0.0/16" },
                { name: "winrmFromAsg", priority: 230, access: "Allow", protocol: "Tcp", port: "5986", asg: true },
            ],
        );
        expect(found).toEqual([]);
    });

    it.each(PROVIDERS)("%s: a rule without a protocol cannot be decided, and the message names the provider's path", async (provider) => {
        const { found, messages } = await verdictsOn(provider, [{ name: "rdp", priority: 100, access: "Allow", port: "3389", source: "Internet" }], []);
        expect(found).toEqual([`${RDP} jumpNsg mandatory`]);
        expect(messages.join("\n")).toContain("securityRules[0].protocol");
    });
});
