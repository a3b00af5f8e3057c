// Every policy carries complete metadata on the wire, and a README row and doc page for users.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { pack } from "../harness/pack";

const ROOT = path.resolve(__dirname, "../..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const DESIGN_POLICIES = [
    "no-direct-rdp",
    "no-direct-management-ports",
    "vm-not-directly-reachable",
    "vpn-gateway-entra-auth",
    "bastion-hardening",
    "vm-entra-login",
    "app-publishing-entra-auth",
    "admin-rbac-privileged-principals",
    "privileged-jit-access",
    "conditional-access-admin-policies",
    "entra-privileged-roles",
    "app-proxy-entra-publishing",
];
const DOC_SECTIONS = ["## What it checks", "## Why", "## Configuration", "## How to fix", "## A passing example"];

describe("policy metadata", async () => {
    const info = await (await pack()).getAnalyzerInfo();

    it("serves only policies the design names, each once", () => {
        const names = info.policies.map((p) => p.name);
        expect(new Set(names).size).toBe(names.length);
        expect(names.filter((n) => !DESIGN_POLICIES.includes(n))).toEqual([]);
    });

    it("gives each policy a unique stable id", () => {
        const ids = info.policies.map((p) => p.tags.find((t) => /^PAG-\d{3}$/.test(t)));
        expect(ids.every((id) => id !== undefined)).toBe(true);
        expect(new Set(ids).size).toBe(ids.length);
    });

    it.each(info.policies.map((p) => [p.name, p] as const))("%s has complete metadata", (_name, p) => {
        expect(p.description).toMatch(/^[A-Z].*\.$/);
        expect(p.enforcementLevel).toBe("mandatory");
        expect(["low", "medium", "high", "critical"]).toContain(p.severity);
        expect(p.url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
        expect(p.remediationSteps.length).toBeGreaterThan(20);
        expect(p.framework?.name).toBe("Microsoft cloud security benchmark");
        expect(p.framework?.specification).toMatch(/^[A-Z]{2}-\d+/);
        expect(p.tags.some((t) => t.startsWith("mcsb:"))).toBe(true);
        for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
            expect(schema, `${p.name}.${key}`).toHaveProperty("default");
            expect(schema, `${p.name}.${key}`).toHaveProperty("description");
        }
    });

    it.each(info.policies.map((p) => [p.name] as const))("%s has a README row and a doc page", (name) => {
        expect(README).toContain(`[\`${name}\`](docs/policies/${name}.md)`);
        const doc = fs.readFileSync(path.join(ROOT, "docs/policies", `${name}.md`), "utf8");
        for (const section of DOC_SECTIONS) {
            expect(doc, `${name}: ${section}`).toContain(section);
        }
    });
});
