// Fail-closed at the privileged level (property d): for every field that decides a verdict in a
// compliant scenario, a value that cannot be known during preview never passes silently. The field —
// and each object or list holding it — is replaced by every kind of unknown sentinel the engine sends
// (first preview) or by the sentinel of its own type (a deployment whose other ids are known); each
// copy must get a mandatory finding from the policy the field decides, on the resource that policy
// reports. In `npm test` (the fixed slice) a first-preview field gets its own type's sentinel and one
// other kind in rotation; `npm run test:deep` tries every kind on every field. Each case also proves its field decides: a concrete insecure value must block too, and the
// unchanged copy must pass. Copies are batched into one AnalyzeStack per scenario and mode.
import { describe, expect, it } from "vitest";
import { evaluate, Evaluation } from "../../checker/engine/evaluate";
import { pack } from "../harness/pack";
import { FixtureResource, Mode, plan, urnOf } from "../harness/stack";
import { Deciding, Path, Scenario, scenarios } from "./support/catalogue";
import { testDepth } from "../harness/depth";
import { instantiate } from "./support/scenario";
import { SENTINELS } from "./support/values";

const [BOOL, NUMBER, STRING, ARRAY, , , OBJECT] = SENTINELS;

/** The sentinel the engine sends for an unknown of the same type as `value`. */
function naturalSentinel(value: unknown): string {
    if (typeof value === "boolean") {
        return BOOL;
    }
    if (typeof value === "number") {
        return NUMBER;
    }
    if (Array.isArray(value)) {
        return ARRAY;
    }
    return value !== null && typeof value === "object" && Object.getOwnPropertySymbols(value).length === 0 ? OBJECT : STRING;
}

function isFixtureNode(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === "object" && Object.getOwnPropertySymbols(v).length > 0;
}

function refsOf(value: unknown, out: Set<string> = new Set()): Set<string> {
    if (isFixtureNode(value)) {
        if (typeof value.target === "string") {
            out.add(value.target);
        }
        if ("value" in value) {
            refsOf(value.value, out);
        }
    } else if (Array.isArray(value)) {
        value.forEach((v) => refsOf(v, out));
    } else if (value !== null && typeof value === "object") {
        Object.values(value).forEach((v) => refsOf(v, out));
    }
    return out;
}

function valueAt(root: unknown, path: Path): unknown {
    return path.reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string | number, unknown>)[key] : undefined), root);
}

/**
 * The resources a case needs: the field's resource, the reported resource, whatever refers to or
 * depends on either (an extension to its VM, settings to their app, a PIM for Groups schedule to the
 * role grant of its group), those the case names as its needs, and everything those refer to, depend
 * on or are children of.
 */
function closure(scenario: Scenario, c: Deciding): Scenario {
    const reportOn = c.reportOn ?? c.target;
    const keep = new Set([c.target, reportOn, ...(c.needs ?? [])]);
    for (const r of scenario.resources) {
        if ([...refsOf(r.inputs), ...(r.dependsOn ?? [])].some((t) => t === c.target || t === reportOn)) {
            keep.add(r.name);
        }
    }
    refsOf(c.insecure).forEach((t) => keep.add(t));
    for (let grew = true; grew; ) {
        grew = false;
        for (const r of scenario.resources.filter((x) => keep.has(x.name))) {
            for (const t of [...refsOf(r.inputs), ...(r.parent ? [r.parent] : []), ...(r.dependsOn ?? [])]) {
                if (!keep.has(t)) {
                    keep.add(t);
                    grew = true;
                }
            }
        }
    }
    return { ...scenario, resources: scenario.resources.filter((r) => keep.has(r.name)) };
}

interface Expectation {
    label: string;
    policy: string;
    /** Resource names (prefixed) that must carry a mandatory finding, or must carry none. */
    on: string[];
    blocks: boolean;
}

const PRIVILEGED = { securityLevel: "privileged" };

function cases(scenario: Scenario, mode: Mode): { fixtures: FixtureResource[]; expectations: Expectation[] } {
    const fixtures: FixtureResource[] = [];
    const expectations: Expectation[] = [];
    let n = 0;
    const add = (sub: Scenario, c: Deciding, label: string, blocks: boolean, edit?: { path: Path; value: unknown }) => {
        const prefix = `c${n++}x`;
        fixtures.push(...instantiate(sub, prefix, edit ? { target: c.target, ...edit } : undefined));
        expectations.push({ label, policy: c.policy, on: [`${prefix}${c.reportOn ?? c.target}`], blocks });
    };
    // The whole scenario passes every policy it is compliant for.
    const whole = instantiate(scenario, "basex");
    fixtures.push(...whole);
    for (const policy of scenario.compliantFor) {
        expectations.push({ label: `${scenario.name} as written`, policy, on: whole.map((r) => r.name), blocks: false });
    }
    const everySentinel = testDepth() === "deep";
    for (const [index, c] of scenario.deciding.entries()) {
        const sub = closure(scenario, c);
        const where = `${scenario.name}: ${c.target}.${c.path.join(".")}`;
        const original = valueAt(sub.resources.find((r) => r.name === c.target)?.inputs, c.path);
        if (mode === "first-preview") {
            add(sub, c, `${where} unchanged`, false);
            if (c.insecure !== undefined) {
                add(sub, c, `${where} := an insecure value`, true, { path: c.path, value: c.insecure });
            }
        }
        const natural = naturalSentinel(original);
        const leafSentinels =
            mode === "known" ? [natural] : everySentinel ? SENTINELS : [...new Set([natural, SENTINELS[index % SENTINELS.length]])];
        for (const s of leafSentinels) {
            add(sub, c, `${where} := unknown ${s}`, true, { path: c.path, value: s });
        }
        for (let i = 1; i < c.path.length; i++) {
            const prefixPath = c.path.slice(0, i);
            const s = naturalSentinel(valueAt(sub.resources.find((r) => r.name === c.target)?.inputs, prefixPath));
            add(sub, c, `${scenario.name}: ${c.target}.${prefixPath.join(".")} := unknown ${s}`, true, { path: prefixPath, value: s });
        }
    }
    return { fixtures, expectations };
}

function check(evaluation: Evaluation, expectations: Expectation[], urn: (name: string) => string): string[] {
    const problems: string[] = [];
    for (const e of expectations) {
        const findings = evaluation.findings.filter((f) => f.policyName === e.policy);
        const urns = new Set(e.on.map(urn));
        const mine = findings.filter((f) => urns.has(f.urn));
        if (e.blocks && !mine.some((f) => f.enforcementLevel === "mandatory")) {
            problems.push(`${e.policy} — ${e.label}: expected a mandatory finding, got ${mine.length === 0 ? "none" : mine.map((f) => `${f.enforcementLevel} "${f.message}"`).join("; ")}`);
        }
        if (!e.blocks && mine.length > 0) {
            problems.push(`${e.policy} — ${e.label}: expected no finding, got ${mine.map((f) => `"${f.message}"`).join("; ")}`);
        }
    }
    return problems;
}

describe.each<Mode>(["first-preview", "known"])("fail-closed at the privileged level (%s ids)", (mode) => {
    for (const scenario of scenarios().filter((s) => s.deciding.length > 0)) {
        it(`${scenario.name}: an unknown deciding value never passes`, async () => {
            const client = await pack();
            const { fixtures, expectations } = cases(scenario, mode);
            const stack = `failclosed-${scenario.name}-${mode}`;
            const planned = plan(fixtures, { mode, stack });
            const urnByName = new Map(fixtures.map((f) => [f.name, planned.find((p) => p.name === f.name)!.urn]));
            const evaluation = await evaluate(client, planned, { stackTags: PRIVILEGED, stack });
            expect(check(evaluation, expectations, (name) => urnByName.get(name) ?? urnOf(name, "unknown", { stack }))).toEqual([]);
        });
    }
});
