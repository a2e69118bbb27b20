/**
 * Property tests of the penalty ladder (R4) against a reference that applies it literally: each
 * person's occurrences of a rule (the default rules: of seed 000's one item) in time order, step = min(n, 3), nothing after the dismissal, no
 * supervisor liability for a violation of someone already dismissed before it;
 * and laws of the result (order independence, the fund equals the fines).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateDiscipline, type ViolationInput } from "../../src/index.js";
import { parseFen } from "../../src/money/fen.js";

const AGENTS = ["A1", "A2", "A3"];
const RULES = ["nonWorkActivity", "unauthorizedSoftware"];
const pad = (n: number): string => String(n).padStart(2, "0");

const violations = fc
  .array(
    fc.record({
      agent: fc.constantFrom(...AGENTS),
      sup: fc.option(fc.constantFrom(...AGENTS), { nil: null }),
      rule: fc.constantFrom(...RULES),
      day: fc.integer({ min: 1, max: 29 }),
      minute: fc.integer({ min: 0, max: 3 }), // few distinct instants: ties are common
    }),
    { maxLength: 25 },
  )
  .map((rows) =>
    rows.map(
      (r, i): ViolationInput => ({
        violationId: `V${pad(i)}`,
        agentId: r.agent,
        at: `2020-02-${pad(r.day)} 10:0${r.minute}`,
        rule: r.rule,
        condonedBy: r.sup !== null && r.sup !== r.agent ? r.sup : "",
      }),
    ),
  );

function reference(vs: readonly ViolationInput[]): string[] {
  const events = vs.flatMap((v) => [
    { id: v.violationId, who: v.agentId, rule: v.rule, at: v.at, sup: 0 },
    ...(v.condonedBy ? [{ id: v.violationId, who: v.condonedBy, rule: v.rule, at: v.at, sup: 1 }] : []),
  ]);
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : a.sup - b.sup));
  const n = new Map<string, number>();
  // Who is gone, and by which violation.
  const gone = new Map<string, string>();
  return events.flatMap((e) => {
    // A supervisor is not liable for a violation of someone already gone before it.
    const violator = vs.find((v) => v.violationId === e.id)!.agentId;
    if (e.sup === 1 && gone.has(violator) && gone.get(violator) !== e.id) return [];
    // Seed 000's one item: the default unauthorizedSoftware counts with nonWorkActivity.
    const k = `${e.who}/${e.rule === "unauthorizedSoftware" ? "nonWorkActivity" : e.rule}`;
    n.set(k, (n.get(k) ?? 0) + 1);
    if (gone.has(e.who)) return [`${e.id} ${e.who} after`];
    const step = Math.min(n.get(k)!, 3);
    if (step === 3) gone.set(e.who, e.id);
    return [`${e.id} ${e.who} ${step} ${["10.00", "30.00", "0.00"][step - 1]}`];
  });
}

describe("penalty ladder properties", () => {
  it("agrees with the literal reference", () => {
    fc.assert(
      fc.property(violations, (vs) => {
        const r = evaluateDiscipline({ violations: vs });
        expect(r.lines.map((l) => (l.step === null ? `${l.violationId} ${l.agentId} after` : `${l.violationId} ${l.agentId} ${l.step} ${l.fine}`))).toEqual(reference(vs));
      }),
    );
  });

  it("does not depend on the input order, and the fund holds exactly the fines", () => {
    fc.assert(
      fc.property(violations.chain((vs) => fc.tuple(fc.constant(vs), fc.shuffledSubarray(vs, { minLength: vs.length, maxLength: vs.length }))), ([vs, shuffled]) => {
        const a = evaluateDiscipline({ violations: vs });
        expect(evaluateDiscipline({ violations: shuffled })).toEqual(a);
        const fines = a.lines.reduce((s, l) => s + parseFen(l.fine), 0);
        expect(parseFen(a.fund.closing)).toBe(fines);
        expect(a.fund.entries.at(-1)?.balance ?? "0.00").toBe(a.fund.closing);
      }),
    );
  });
});
