// Port specifications as NSG, load balancer and firewall rules write them.
import { describe, expect, it } from "vitest";
import { inRanges, parsePort, parsePortSpec, portLabel } from "../../policy-pack/src/azure/network/ports";
import { UNKNOWN_STRING } from "../../policy-pack/src/engine/values";

describe("parsePortSpec", () => {
    it.each([
        ["3389", [[3389, 3389]]],
        [" 3389 ", [[3389, 3389]]],
        ["3389-3389", [[3389, 3389]]],
        ["3000-4000", [[3000, 4000]]],
        [" 3000 - 4000 ", [[3000, 4000]]],
        ["*", [[0, 65535]]],
        [" * ", [[0, 65535]]],
        ["0-65535", [[0, 65535]]],
        [3389, [[3389, 3389]]],
        ["03389", [[3389, 3389]]],
    ])("%j", (v, ranges) => {
        expect(parsePortSpec(v)).toEqual({ kind: "ranges", ranges });
    });

    it.each(["abc", "70000", "65536", "4000-3000", "-1", "3389-", "-3389", "22,3389", "22 3389", "", "1e3", "3389.0", "0x0d3d", 3389.5, -1, 70000, null, true, ["3389"], {}])(
        "%j is invalid",
        (v) => {
            expect(parsePortSpec(v)).toEqual({ kind: "invalid" });
        },
    );

    it("reports the unknown sentinel", () => {
        expect(parsePortSpec(UNKNOWN_STRING)).toEqual({ kind: "unknown" });
    });

    it("inRanges is inclusive", () => {
        expect(inRanges(3389, [[3000, 3389]])).toBe(true);
        expect(inRanges(3390, [[3000, 3389]])).toBe(false);
        expect(inRanges(3389, [[22, 22], [3389, 3389]])).toBe(true);
    });
});

describe("parsePort", () => {
    it("reads single ports only", () => {
        expect(parsePort(3389)).toEqual({ kind: "port", port: 3389 });
        expect(parsePort(" 3389 ")).toEqual({ kind: "port", port: 3389 });
        expect(parsePort("3000-4000")).toEqual({ kind: "invalid" });
        expect(parsePort("*")).toEqual({ kind: "invalid" });
        expect(parsePort(70000)).toEqual({ kind: "invalid" });
        expect(parsePort(UNKNOWN_STRING)).toEqual({ kind: "unknown" });
        expect(parsePort(undefined)).toEqual({ kind: "invalid" });
    });

    it("names well-known ports", () => {
        expect(portLabel(3389)).toBe("3389 (RDP)");
        expect(portLabel(22)).toBe("22 (SSH)");
        expect(portLabel(5986)).toBe("5986 (WinRM over HTTPS)");
        expect(portLabel(8080)).toBe("8080");
    });
});
