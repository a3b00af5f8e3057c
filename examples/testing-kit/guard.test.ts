// How a platform team unit-tests its own program against the privileged-access guard.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { checkProgram, closePolicyPacks, expectViolations, violationKeys } from "pulumi-azure-privileged-access-guard/kit";

const program = () => import("./index");

beforeEach(() => vi.resetModules()); // each check runs the program afresh
afterAll(closePolicyPacks);

describe("linux jump host", () => {
    it("passes when SSH is open only to the private admin network", async () => {
        const result = await checkProgram(program, { project: "linux-jump-host", programConfig: { adminSourcePrefix: "10.0.0.0/8" } });
        expectViolations(result, []);
    });

    it("fails when SSH is open to an address on the internet", async () => {
        const result = await checkProgram(program, { project: "linux-jump-host", programConfig: { adminSourcePrefix: "203.0.113.10/32" } });
        expectViolations(result, [
            "no-direct-management-ports jumpNsg mandatory",
            "vm-not-directly-reachable jumpVm mandatory",
        ]);
    });

    it("passes when that address is approved in the policy config", async () => {
        const result = await checkProgram(program, {
            project: "linux-jump-host",
            programConfig: { adminSourcePrefix: "203.0.113.10/32" },
            policyConfig: {
                "no-direct-management-ports": { allowedSourcePrefixes: ["203.0.113.10/32"] },
                "vm-not-directly-reachable": { allowedSourcePrefixes: ["203.0.113.10/32"] },
            },
        });
        expect(violationKeys(result)).toEqual([]);
    });

    describe("with an exemption in the policy config (never in the program)", () => {
        const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
        const exempting = (expires: string) => ({
            project: "linux-jump-host",
            programConfig: { adminSourcePrefix: "203.0.113.10/32" },
            policyConfig: {
                "no-direct-management-ports": {
                    exemptions: [{ resources: ["jumpNsg"], expires, category: "waiver", reason: "vendor support session", reference: "CHG-1234" }],
                },
            },
        });

        it("reports the exempted finding as advisory, saying why and until when", async () => {
            const result = await checkProgram(program, exempting(inDays(14)));
            expectViolations(result, ["no-direct-management-ports jumpNsg advisory", "vm-not-directly-reachable jumpVm mandatory"]);
            expect(result.violations.find((v) => v.resource === "jumpNsg")?.message).toMatch(/^exempted until \d{4}-\d{2}-\d{2} \(waiver: vendor support session, CHG-1234\): /);
        });

        it("blocks again once the exemption has expired", async () => {
            const result = await checkProgram(program, exempting(inDays(-1)));
            expectViolations(result, ["no-direct-management-ports jumpNsg mandatory", "vm-not-directly-reachable jumpVm mandatory"]);
        });
    });

    it("says clearly when the program needs config the test did not give", async () => {
        await expect(checkProgram(program, { project: "linux-jump-host" })).rejects.toThrow(
            "checkProgram: the program failed: Missing required configuration variable 'linux-jump-host:adminSourcePrefix'",
        );
    });
});
