import * as path from "node:path";
import { it } from "vitest";
import { check } from "../../checker/check";
import { pack } from "../harness/pack";
it("scratch", async () => {
  for (const s of ["rbac-arbitrary-user", "rbac-privileged-group"]) {
    for (const previewUnknowns of [false, true]) {
      const report = await check(path.resolve(__dirname, "../../stacks", s), { client: await pack(), stack: "dev", previewUnknowns, policyConfig: s === "rbac-privileged-group" ? { "admin-rbac-privileged-principals": { privilegedPrincipalIds: ["9a7c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4"] } } : undefined } as any);
      console.log(s, previewUnknowns, JSON.stringify(report.findings.map((f: any) => [f.policyName, f.urn.split("::").pop(), f.enforcementLevel, f.message])));
    }
  }
}, 300000);
