import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jitPortProblems } from "../../policy-pack/src/azure/jit-network";
import { NO_APPROVALS, parseApprovals } from "../../policy-pack/src/azure/network/addresses";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const vms = (...ports: Record<string, unknown>[]) => [{ id: "/subscriptions/x/vm", ports }];
const port = (extra: Record<string, unknown>) => ({ number: 3389, protocol: "TCP", maxRequestAccessDuration: "PT3H", allowedSourceAddressPrefix: "10.0.0.0/24", ...extra });
const check = (virtualMachines: unknown, approvals = NO_APPROVALS) =>
    jitPortProblems(virtualMachines, approvals).map((p) => `${p.unknown ? "unknown" : "violation"}: ${p.message}`);

describe("jitPortProblems", () => {
    it("accepts short windows from internal sources", () => {
        expect(check(vms(port({}), port({ number: 22, maxRequestAccessDuration: "PT180M" })))).toEqual([]);
        expect(
            check(vms(port({ allowedSourceAddressPrefix: undefined, allowedSourceAddressPrefixes: ["192.168.1.4", "VirtualNetwork", "fd00::/8"] }))),
        ).toEqual([]);
        expect(check([])).toEqual([]);
    });

    it("blocks windows longer than 3 hours in any ISO 8601 form", () => {
        for (const d of ["PT24H", "P1D", "PT181M", "PT3H1S", "P0DT4H"]) {
            expect(check(vms(port({ maxRequestAccessDuration: d }))), d).toHaveLength(1);
        }
        expect(check(vms(port({ maxRequestAccessDuration: "PT24H" })))).toEqual([
            "violation: virtualMachines[0].ports[0].maxRequestAccessDuration (port 3389) is 24 hours, more than 3 hours",
        ]);
    });

    it("blocks internet sources unless approved", () => {
        expect(check(vms(port({ allowedSourceAddressPrefix: "*" })))).toEqual([
            "violation: virtualMachines[0].ports[0].allowedSourceAddressPrefix (port 3389) is *, an internet source",
        ]);
        for (const source of ["Internet", "any", "0.0.0.0/0", "AzureCloud", "8.8.8.8", "203.0.113.0/24"]) {
            expect(check(vms(port({ allowedSourceAddressPrefix: source }))), source).toHaveLength(1);
        }
        expect(check(vms(port({ allowedSourceAddressPrefix: undefined })))).toEqual([
            "violation: virtualMachines[0].ports[0] (port 3389) sets no allowedSourceAddressPrefix(es), so requests may open it to any internet address",
        ]);
        const approved = parseApprovals(["203.0.113.10/32"]);
        expect(check(vms(port({ allowedSourceAddressPrefixes: ["203.0.113.10"] })), approved)).toEqual([]);
        expect(check(vms(port({ allowedSourceAddressPrefixes: ["203.0.113.11"] })), approved)).toHaveLength(1);
    });

    it("reports unknowns and malformed values by property path", () => {
        expect(check(UNKNOWN)).toEqual(["unknown: virtualMachines cannot be known during preview"]);
        expect(check(vms(port({ maxRequestAccessDuration: UNKNOWN }))).map((p) => p.slice(0, 8))).toEqual(["unknown:"]);
        expect(check(vms(port({ allowedSourceAddressPrefixes: UNKNOWN }))).map((p) => p.slice(0, 8))).toEqual(["unknown:"]);
        expect(check(vms(port({ maxRequestAccessDuration: "3 hours" })))).toEqual([
            "violation: virtualMachines[0].ports[0].maxRequestAccessDuration (port 3389) is not an ISO 8601 duration (such as PT3H)",
        ]);
        expect(check(vms(port({ maxRequestAccessDuration: undefined })))).toEqual([
            "violation: virtualMachines[0].ports[0].maxRequestAccessDuration (port 3389) is not set",
        ]);
        expect(check(vms(port({ number: "rdp", allowedSourceAddressPrefix: "300.1.1.1" })))).toEqual([
            "violation: virtualMachines[0].ports[0].allowedSourceAddressPrefix (a port) is not an address, a CIDR or a service tag",
        ]);
        expect(check("vms")).toEqual(["violation: virtualMachines is not a list"]);
        expect(check([{ id: "x" }])).toEqual(["violation: virtualMachines[0].ports is not a list"]);
    });

    it("never throws and never quotes a raw string", () => {
        fc.assert(
            fc.property(fc.anything(), fc.string({ minLength: 12 }), (value, marker) => {
                const secretish = `SECRET${marker}`;
                const problems = [
                    ...jitPortProblems(value, NO_APPROVALS),
                    ...jitPortProblems(vms(port({ allowedSourceAddressPrefix: secretish, maxRequestAccessDuration: secretish })), NO_APPROVALS),
                    ...jitPortProblems([{ ports: [value] }], NO_APPROVALS),
                ];
                expect(problems.some((p) => p.message.includes(secretish))).toBe(false);
            }),
        );
    });
});
