// Bastion hosts on both providers through one set of facts: the same verdicts at each level, with
// each provider's paths and defaults — classic `copyPasteEnabled` defaults to true (blocks at
// privileged), `sku` is a plain string (Basic when unset) — in mock inputs and after Check.
import { describe, expect, it } from "vitest";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, resource } from "../harness/stack";

const POLICY = "bastion-hardening";
const NATIVE = "azure-native:network:BastionHost";
const CLASSIC = "azure:compute/bastionHost:BastionHost";

interface Host {
    sku?: string;
    shareableLinks?: boolean;
    sessionRecording?: boolean;
    copyPaste?: boolean;
}

function native(name: string, h: Host): FixtureResource {
    return resource(NATIVE, name, {
        resourceGroupName: "rg-admin",
        ...(h.sku === undefined ? {} : { sku: { name: h.sku } }),
        ...(h.shareableLinks === undefined ? {} : { enableShareableLink: h.shareableLinks }),
        ...(h.sessionRecording === undefined ? {} : { enableSessionRecording: h.sessionRecording }),
        ...(h.copyPaste === undefined ? {} : { disableCopyPaste: !h.copyPaste }),
    });
}

/** Classic inputs as written, or as the provider's Check leaves them: every default filled in and listed. */
function classicHost(name: string, h: Host, afterCheck: boolean): FixtureResource {
    const written: Record<string, unknown> = {
        resourceGroupName: "rg-admin",
        location: "westeurope",
        ipConfiguration: { name: "ipconfig", subnetId: "/subscriptions/0/resourceGroups/rg-admin/providers/Microsoft.Network/virtualNetworks/vnet/subnets/AzureBastionSubnet", publicIpAddressId: "/subscriptions/0/resourceGroups/rg-admin/providers/Microsoft.Network/publicIPAddresses/pip" },
        ...(h.sku === undefined ? {} : { sku: h.sku }),
        ...(h.shareableLinks === undefined ? {} : { shareableLinkEnabled: h.shareableLinks }),
        ...(h.sessionRecording === undefined ? {} : { sessionRecordingEnabled: h.sessionRecording }),
        ...(h.copyPaste === undefined ? {} : { copyPasteEnabled: h.copyPaste }),
    };
    if (!afterCheck) {
        return resource(CLASSIC, name, written);
    }
    const defaults = { sku: "Basic", shareableLinkEnabled: false, sessionRecordingEnabled: false, copyPasteEnabled: true, scaleUnits: 2 };
    const filled = Object.keys(defaults).filter((k) => !(k in written));
    return resource(CLASSIC, name, { ...defaults, ...written, __defaults: filled });
}

const HOSTS: [string, Host][] = [
    ["validHardened", { sku: "Premium", shareableLinks: false, sessionRecording: true, copyPaste: false }],
    ["invalidShareableLinks", { sku: "Premium", shareableLinks: true, sessionRecording: true, copyPaste: false }],
    ["invalidDefaults", {}],
    ["invalidCopyPasteOn", { sku: "Premium", sessionRecording: true, copyPaste: true }],
    ["invalidStandardRecording", { sku: "standard", sessionRecording: true, copyPaste: false }],
];

describe.each<Mode>(["known", "first-preview"])("bastion-hardening on both providers (%s ids)", (mode) => {
    describe.each([
        ["enterprise", ["invalidShareableLinks mandatory"]],
        ["specialized", ["invalidShareableLinks mandatory", "invalidDefaults mandatory"]],
        [
            "privileged",
            [
                "invalidShareableLinks mandatory",
                // Basic (no SKU), no recording, copy and paste allowed.
                "invalidDefaults mandatory",
                "invalidDefaults mandatory",
                "invalidDefaults mandatory",
                "invalidCopyPasteOn mandatory",
                // Standard is hardened but records no session: one finding, to move to Premium.
                "invalidStandardRecording mandatory",
            ],
        ],
    ] as const)("at the %s level", (level, expected) => {
        const stackTags = { securityLevel: level };
        const want = expected.map((v) => `${POLICY} ${v}`).sort();
        it("azure-native", async () => {
            expect(verdicts(await run(HOSTS.map(([n, h]) => native(n, h)), { mode, stackTags }), POLICY)).toEqual(want);
        });
        it.each([false, true])("classic (after Check: %s)", async (afterCheck) => {
            expect(verdicts(await run(HOSTS.map(([n, h]) => classicHost(n, h, afterCheck)), { mode, stackTags }), POLICY)).toEqual(want);
        });
    });

    it("names each provider's own paths", async () => {
        const stackTags = { securityLevel: "privileged" };
        const nativeText = messagesOf(await run([native("invalidDefaults", {})], { mode, stackTags })).join("\n");
        const classicText = messagesOf(await run([classicHost("invalidDefaults", {}, false)], { mode, stackTags })).join("\n");
        expect(nativeText).toContain("Set disableCopyPaste to true.");
        expect(nativeText).toContain("sku.name is not set, so Azure uses Basic");
        expect(classicText).toContain("copyPasteEnabled is not set, and the provider's default is true, on a privileged Bastion host.");
        expect(classicText).toContain("Set copyPasteEnabled to false.");
        expect(classicText).toContain("sku is not set, so Azure uses Basic");
        expect(classicText).toContain("Set sessionRecordingEnabled to true.");
    });

    it("turns a classic host's shareable links off at the remediate level, by its own property", async () => {
        const result = await run([classicHost("invalidShareableLinks", { sku: "Standard", shareableLinks: true }, true)], {
            mode,
            policyConfig: { [POLICY]: "remediate" },
        });
        expect(result.remediations.map((r) => [r.properties.shareableLinkEnabled, r.properties.enableShareableLink])).toEqual([[false, undefined]]);
        expect(verdicts(result, POLICY)).toEqual([]);
    });
});
