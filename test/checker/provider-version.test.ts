// The checker tells the pack which provider manages each resource, as the engine does: from the
// provider resources of a stack export, and for a program from the version of the SDK it resolves
// (its default provider `default_<version>`). The pack reads classic provider defaults by it — a
// classic public IP with no `sku` is Standard from provider major 6.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { readStackExport } from "../../checker/export/read-export";
import { toPlannedResources } from "../../checker/program/translate";
import { ROOT } from "./cli";

const AZURE_SDK_VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/@pulumi/azure/package.json"), "utf8")).version;
const PREFIX = "urn:pulumi:dev::jump";

describe("provider of each resource", () => {
    it("comes from the provider resources of a stack export", () => {
        const provider = `${PREFIX}::pulumi:providers:azure::default_6_40_0`;
        const doc = {
            version: 3,
            deployment: {
                manifest: { time: "2026-12-02T00:00:00Z", magic: "", version: "v3.200.0" },
                resources: [
                    { urn: provider, type: "pulumi:providers:azure", custom: true, id: "0b1c", inputs: { version: "6.40.0" }, outputs: { version: "6.40.0" } },
                    {
                        urn: `${PREFIX}::azure:network/publicIp:PublicIp::jumpPip`,
                        type: "azure:network/publicIp:PublicIp",
                        custom: true,
                        provider: `${provider}::0b1c`,
                        inputs: { allocationMethod: "Static" },
                        outputs: { allocationMethod: "Static" },
                    },
                    { urn: `${PREFIX}::azure:network/publicIp:PublicIp::orphanPip`, type: "azure:network/publicIp:PublicIp", custom: true, inputs: {}, outputs: {} },
                ],
            },
        };
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pa-guard-provider-")), "export.json");
        fs.writeFileSync(file, JSON.stringify(doc));
        const byName = new Map(readStackExport(file).resources.map((r) => [r.name, r.provider]));
        expect(byName.get("jumpPip")).toEqual({ urn: provider, type: "pulumi:providers:azure", name: "default_6_40_0", properties: { version: "6.40.0" } });
        expect(byName.get("orphanPip")).toBeUndefined();
    });

    it("comes from the SDK a program resolves, for custom resources only", () => {
        const captured = [
            { urn: `${PREFIX}::pulumi:pulumi:Stack::jump-dev`, type: "pulumi:pulumi:Stack", name: "jump-dev", custom: false, dependencies: [], propertyDependencies: {}, inputs: {} },
            { urn: `${PREFIX}::azure:network/publicIp:PublicIp::jumpPip`, type: "azure:network/publicIp:PublicIp", name: "jumpPip", custom: true, dependencies: [], propertyDependencies: {}, inputs: {} },
            { urn: `${PREFIX}::acme:index:Widget::widget`, type: "acme:index:Widget", name: "widget", custom: true, dependencies: [], propertyDependencies: {}, inputs: {} },
        ];
        const planned = toPlannedResources(captured, { previewUnknowns: true, resolveFrom: ROOT });
        const name = `default_${AZURE_SDK_VERSION.replace(/\./g, "_")}`;
        expect(planned.map((r) => r.provider)).toEqual([
            undefined,
            { urn: `${PREFIX}::pulumi:providers:azure::${name}`, type: "pulumi:providers:azure", name, properties: { version: AZURE_SDK_VERSION } },
            // No SDK to read a version from: the pack is told nothing, and reads the provider's defaults conservatively.
            undefined,
        ]);
    });
});
