// bastion-hardening through the engine protocol: shareable links at every level, the SKU from
// specialized, session recording and copy/paste at privileged, unknowns by level, tag precedence, an
// invalid level value, and the shareable-link remediation — in both modes.
import { describe, expect, it } from "vitest";
import { SIG_KEY } from "../../checker/engine/wire";
import { messagesOf, run, verdicts } from "../harness/pack";
import { FixtureResource, Mode, ref, resource, secret, unknown } from "../harness/stack";

const POLICY = "bastion-hardening";
const BASTION = "azure-native:network:BastionHost";
const PIP = "azure-native:network:PublicIPAddress";
const VNET = "azure-native:network:VirtualNetwork";
const MARKER = "SECRET-MARKER-bastion-0b7a";

const network: FixtureResource[] = [
    resource(VNET, "hubVnet", {
        resourceGroupName: "rg-admin",
        virtualNetworkName: "vnet-admin",
        location: "westeurope",
        addressSpace: { addressPrefixes: ["10.10.0.0/16"] },
        subnets: [{ name: "AzureBastionSubnet", addressPrefix: "10.10.1.0/26" }],
    }),
    resource(PIP, "bastionPip", {
        resourceGroupName: "rg-admin",
        publicIpAddressName: "pip-bastion",
        location: "westeurope",
        sku: { name: "Standard" },
        publicIPAllocationMethod: "Static",
    }),
];

const hardened = {
    resourceGroupName: "rg-admin",
    location: "westeurope",
    sku: { name: "Premium" },
    enableShareableLink: false,
    enableSessionRecording: true,
    disableCopyPaste: true,
    enableTunneling: true,
    ipConfigurations: [{ name: "default", publicIPAddress: { id: ref("bastionPip") }, subnet: { id: ref("hubVnet") } }],
};

function bastion(name: string, overrides: Record<string, unknown>): FixtureResource {
    const inputs: Record<string, unknown> = { ...hardened, bastionHostName: `bas-${name.toLowerCase()}`, ...overrides };
    for (const [k, v] of Object.entries(inputs)) {
        if (v === undefined) {
            delete inputs[k];
        }
    }
    return resource(BASTION, name, inputs);
}

const stack: FixtureResource[] = [
    ...network,
    bastion("validPremiumBastion", {}),
    bastion("invalidShareableLinkBastion", { enableShareableLink: true }),
    bastion("invalidBasicDefaultBastion", { sku: undefined, enableSessionRecording: undefined }),
    bastion("invalidDeveloperBastion", { sku: { name: "Developer" }, enableSessionRecording: undefined }),
    bastion("invalidStandardBastion", { sku: { name: "standard" }, enableSessionRecording: undefined }),
    bastion("invalidRecordingOffBastion", { enableSessionRecording: false }),
    bastion("invalidCopyPasteBastion", { disableCopyPaste: undefined }),
];

const atLevel: Record<string, string[]> = {
    enterprise: [`${POLICY} invalidShareableLinkBastion mandatory`],
    specialized: [
        `${POLICY} invalidBasicDefaultBastion mandatory`,
        `${POLICY} invalidDeveloperBastion mandatory`,
        `${POLICY} invalidShareableLinkBastion mandatory`,
    ],
    privileged: [
        // Basic and Developer: the SKU, then session recording (Premium only).
        `${POLICY} invalidBasicDefaultBastion mandatory`,
        `${POLICY} invalidBasicDefaultBastion mandatory`,
        `${POLICY} invalidCopyPasteBastion mandatory`,
        `${POLICY} invalidDeveloperBastion mandatory`,
        `${POLICY} invalidDeveloperBastion mandatory`,
        `${POLICY} invalidRecordingOffBastion mandatory`,
        `${POLICY} invalidShareableLinkBastion mandatory`,
        // Standard is enough below privileged; at privileged only recording (Premium) is missing.
        `${POLICY} invalidStandardBastion mandatory`,
    ],
};

const unknowns: FixtureResource[] = [
    ...network,
    bastion("invalidUnknownLinkBastion", { enableShareableLink: unknown() }),
    bastion("invalidUnknownRecordingBastion", { enableSessionRecording: unknown() }),
    bastion("invalidUnknownSkuBastion", { sku: { name: unknown() } }),
];

describe.each<Mode>(["known", "first-preview"])("bastion-hardening (%s ids)", (mode) => {
    it.each(Object.entries(atLevel))("judges each host at the %s level (stack tag)", async (level, expected) => {
        expect(verdicts(await run(stack, { mode, stackTags: { securityLevel: level } }), POLICY)).toEqual(expected);
    });

    it("uses enterprise when nothing is tagged", async () => {
        expect(verdicts(await run(stack, { mode }), POLICY)).toEqual(atLevel.enterprise);
    });

    it("explains each finding with the property and the fix", async () => {
        const result = await run(stack, { mode, stackTags: { securityLevel: "privileged" } });
        const of = (name: string) => result.findings.filter((f) => f.policyName === POLICY && f.urn.endsWith(`::${name}`)).map((f) => f.message);
        expect(of("invalidShareableLinkBastion")).toEqual([
            "enableShareableLink is true: anyone holding a shareable link reaches the VM without Microsoft Entra sign-in or Conditional Access. Set enableShareableLink to false.",
        ]);
        expect(of("invalidBasicDefaultBastion")).toEqual([
            "sku.name is not set, so Azure uses Basic: a privileged Bastion host needs the Standard or Premium SKU (Developer and Basic lack its access controls). Set sku.name to Premium.",
            "enableSessionRecording is not set on a privileged Bastion host. Privileged sessions through Bastion must be recorded (Premium SKU). Set enableSessionRecording to true.",
        ]);
        expect(of("invalidCopyPasteBastion")).toEqual([
            "disableCopyPaste is not set on a privileged Bastion host. Copy and paste moves data and credentials across the privileged boundary. Set disableCopyPaste to true.",
        ]);
    });

    it("counts session recording only on Premium", async () => {
        const result = await run([...network, bastion("invalidStandardRecordingBastion", { sku: { name: "Standard" } })], {
            mode,
            stackTags: { securityLevel: "privileged" },
        });
        expect(verdicts(result, POLICY)).toEqual([`${POLICY} invalidStandardRecordingBastion mandatory`]);
        expect(messagesOf(result)).toContain(
            "enableSessionRecording is true but only the Premium SKU records sessions, and sku.name is Standard. Set sku.name to Premium.",
        );
    });

    it("makes unknowns advisory below privileged and mandatory at privileged", async () => {
        expect(verdicts(await run(unknowns, { mode }), POLICY)).toEqual([`${POLICY} invalidUnknownLinkBastion advisory`]);
        expect(verdicts(await run(unknowns, { mode, stackTags: { securityLevel: "specialized" } }), POLICY)).toEqual([
            `${POLICY} invalidUnknownLinkBastion advisory`,
            `${POLICY} invalidUnknownSkuBastion advisory`,
        ]);
        expect(verdicts(await run(unknowns, { mode, stackTags: { securityLevel: "privileged" } }), POLICY)).toEqual([
            `${POLICY} invalidUnknownLinkBastion mandatory`,
            `${POLICY} invalidUnknownRecordingBastion mandatory`,
            `${POLICY} invalidUnknownSkuBastion mandatory`,
        ]);
    });

    it("lets a resource tag lower or raise the stack tag", async () => {
        const tagged = [
            ...network,
            bastion("validEnterpriseTaggedBastion", { sku: undefined, enableSessionRecording: undefined, disableCopyPaste: undefined, tags: { securityLevel: "enterprise" } }),
            bastion("invalidPrivilegedTaggedBastion", { disableCopyPaste: false, tags: { securitylevel: "Privileged" } }),
        ];
        expect(verdicts(await run(tagged, { mode, stackTags: { securityLevel: "privileged" } }), POLICY)).toEqual([
            `${POLICY} invalidPrivilegedTaggedBastion mandatory`,
        ]);
        expect(verdicts(await run(tagged, { mode, stackTags: { securityLevel: "enterprise" } }), POLICY)).toEqual([
            `${POLICY} invalidPrivilegedTaggedBastion mandatory`,
        ]);
    });

    it("reports an invalid level value and judges the host at privileged", async () => {
        const typo = [...network, bastion("invalidTypoBastion", { sku: { name: "Standard" }, enableSessionRecording: undefined, tags: { securityLevel: "secret" } })];
        const result = await run(typo, { mode });
        // The level problem, then session recording (judged at privileged; Standard is fine below).
        expect(verdicts(result, POLICY)).toEqual([`${POLICY} invalidTypoBastion mandatory`, `${POLICY} invalidTypoBastion mandatory`]);
        expect(messagesOf(result)[0]).toContain("is not one of enterprise, specialized or privileged");
    });

    it("turns shareable links off at the remediate level, and Analyze then passes the host", async () => {
        const fixable = [
            ...network,
            bastion("invalidShareableLinkBastion", { enableShareableLink: true, tags: { owner: secret(MARKER) } }),
            bastion("validPremiumBastion", {}),
        ];
        const result = await run(fixable, { mode, policyConfig: { [POLICY]: "remediate" } });
        expect(result.remediations.map((r) => [r.policyName, r.urn.slice(r.urn.lastIndexOf("::") + 2), r.properties.enableShareableLink])).toEqual([
            [POLICY, "invalidShareableLinkBastion", false],
        ]);
        const fixed = result.remediations[0].properties;
        expect(fixed.sku).toEqual({ name: "Premium" });
        expect(fixed.enableSessionRecording).toBe(true);
        // The secret stays a secret on the wire.
        expect((fixed.tags as Record<string, Record<string, unknown>>).owner[SIG_KEY]).toBeDefined();
        expect(verdicts(result, POLICY)).toEqual([]);
        expect(JSON.stringify(messagesOf(result))).not.toContain(MARKER);
    });

    it("does not remediate below the remediate level, and reports what it cannot fix", async () => {
        const result = await run([...network, bastion("invalidShareableLinkBastion", { enableShareableLink: true, sku: { name: "Basic" } })], {
            mode,
            stackTags: { securityLevel: "specialized" },
            policyConfig: { [POLICY]: "remediate" },
        });
        expect(result.remediations.map((r) => r.properties.enableShareableLink)).toEqual([false]);
        expect(verdicts(result, POLICY)).toEqual([`${POLICY} invalidShareableLinkBastion mandatory`]);
        expect(messagesOf(result).join()).toContain("sku.name is Basic");
        const plain = await run([...network, bastion("invalidShareableLinkBastion", { enableShareableLink: true })], { mode });
        expect(plain.remediations).toEqual([]);
        expect(verdicts(plain, POLICY)).toEqual([`${POLICY} invalidShareableLinkBastion mandatory`]);
    });
});
