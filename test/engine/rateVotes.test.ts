import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Day, day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import {
  defaultSettings,
  emptyPlan,
  type GovernanceAction,
  type Plan,
  type RateChange,
} from "../../src/engine/plan";
import { money, rateRow, vote } from "../support/build";

// 36,500,000 every calendar day of 2025 (365 days): a day's fee is 36,500,000 × rate / 365
// = 100,000,000 × rate — 250.00 at .25%, 350.00 at .35%.
const NET_ASSETS = 36_500_000;

function plan(rates: RateChange[], governance: GovernanceAction[]): Plan {
  const netAssets = [];
  for (let d = day("2024-12-31"); d <= day("2025-06-30"); d += 1)
    netAssets.push({ date: d, portfolio: "Growth", netAssets: new Decimal(NET_ASSETS) });
  return {
    ...emptyPlan(),
    portfolios: [defaultSettings("Growth")],
    rates,
    governance: [vote("2025-01-01", "Approval", "All"), ...governance],
    netAssets,
  };
}

function month(evaluation: ReturnType<typeof evaluatePlan>, label: string): string {
  const found = evaluation.portfolios[0]!.accrual!.months.find((m) => m.period.label === label);
  return money(found!.booked);
}

const asOf = { asOf: day("2025-06-30") };
// Errors other than the unpaid months (these plans record no payments).
const rules = (evaluation: ReturnType<typeof evaluatePlan>) =>
  evaluation.exceptions
    .filter((e) => e.severity === "error" && e.rule !== "payment-overdue")
    .map((e) => e.rule);

describe("rates and votes (Plan §1)", () => {
  const base = rateRow("Growth", "2025-01-01", "0.0025");

  it("a rate with no Governance row on its Board approval date is an error and the previous rate stays", () => {
    const rise = rateRow("Growth", "2025-03-01", "0.0035", { boardApproval: day("2025-02-20") });
    const evaluation = evaluatePlan(plan([base, rise], []), asOf);
    expect(rules(evaluation)).toEqual(["rate-not-board-approved"]);
    const finding = evaluation.exceptions.find((e) => e.rule === "rate-not-board-approved")!;
    expect(finding.message).toContain(
      "no passing board vote on its board approval date 2025-02-20"
    );
    expect(finding.message).toContain("0.25% stays in force");
    // March stays at .25%: 31 days × 250.00 = 7,750.00.
    expect(month(evaluation, "2025-03")).toBe((31 * 250).toFixed(2));
  });

  it("a rate whose vote failed (independent trustees 3 of 7) is not accrued", () => {
    const rise = rateRow("Growth", "2025-03-01", "0.0035", { boardApproval: day("2025-02-20") });
    const failed = vote("2025-02-20", "Fee rate", "Growth", { independentFor: 3 });
    const evaluation = evaluatePlan(plan([base, rise], [failed]), asOf);
    expect(rules(evaluation).sort()).toEqual(["fee-rate-vote-invalid", "rate-not-board-approved"]);
    expect(month(evaluation, "2025-03")).toBe((31 * 250).toFixed(2));
  });

  it("the board raises the rate within .50% by a Fee rate vote, no shareholder vote needed (.25% → .35%)", () => {
    const rise = rateRow("Growth", "2025-03-01", "0.0035", { boardApproval: day("2025-02-20") });
    // §1 asks no in-person meeting for a rate: In person blank still counts.
    const feeRate = vote("2025-02-20", "Fee rate", "Growth", { inPerson: null });
    const evaluation = evaluatePlan(plan([base, rise], [feeRate]), asOf);
    expect(rules(evaluation)).toEqual([]);
    // February at .25%: 28 × 250.00 = 7,000.00; March at .35%: 31 × 350.00 = 10,850.00.
    expect(month(evaluation, "2025-02")).toBe((28 * 250).toFixed(2));
    expect(month(evaluation, "2025-03")).toBe((31 * 350).toFixed(2));
  });

  it("a rate is in force from the later of Effective and Board approval", () => {
    // Effective 1 March, approved 11 March: 1–10 March at .25%, 11–31 March at .35%.
    const rise = rateRow("Growth", "2025-03-01", "0.0035", { boardApproval: day("2025-03-11") });
    const evaluation = evaluatePlan(
      plan([base, rise], [vote("2025-03-11", "Fee rate", "All")]),
      asOf
    );
    expect(month(evaluation, "2025-03")).toBe((10 * 250 + 21 * 350).toFixed(2));
  });

  it("a vote for another portfolio does not back the rate; Approval, Continuance and Amendment do", () => {
    const rise = rateRow("Growth", "2025-03-01", "0.0035", { boardApproval: day("2025-02-20") });
    const other = evaluatePlan(plan([base, rise], [vote("2025-02-20", "Fee rate", "Bond")]), asOf);
    expect(month(other, "2025-03")).toBe((31 * 250).toFixed(2));
    for (const action of ["Continuance", "Amendment"] as const) {
      const backed = evaluatePlan(plan([base, rise], [vote("2025-02-20", action, "Growth")]), asOf);
      expect(month(backed, "2025-03")).toBe((31 * 350).toFixed(2));
    }
    // An Amendment not cast in person is no §3 vote, so it backs nothing.
    const notInPerson = vote("2025-02-20", "Amendment", "Growth", { inPerson: false });
    expect(month(evaluatePlan(plan([base, rise], [notInPerson]), asOf), "2025-03")).toBe(
      (31 * 250).toFixed(2)
    );
  });

  it("a rate above .50% is an error even with a vote, and the previous rate stays", () => {
    const rise = rateRow("Growth", "2025-03-01", "0.006", { boardApproval: day("2025-02-20") });
    const evaluation = evaluatePlan(
      plan([base, rise], [vote("2025-02-20", "Fee rate", "Growth")]),
      asOf
    );
    expect(rules(evaluation)).toEqual(["rate-above-cap"]);
    expect(month(evaluation, "2025-03")).toBe((31 * 250).toFixed(2));
  });

  it("property: no fee accrues on a day without a passing vote behind its rate", () => {
    const rateArb = fc.record({
      effective: fc.integer({ min: 0, max: 150 }),
      approvalLag: fc.integer({ min: 1, max: 40 }),
      rateBp: fc.integer({ min: 5, max: 50 }),
      // null: no Governance row on the approval date
      votes: fc.option(
        fc.record({
          trusteesFor: fc.integer({ min: 0, max: 10 }),
          independentFor: fc.integer({ min: 0, max: 7 }),
        }),
        { nil: null }
      ),
    });
    fc.assert(
      fc.property(fc.array(rateArb, { minLength: 1, maxLength: 4 }), (rows) => {
        const jan1 = day("2025-01-01");
        const rates = rows.map((r) =>
          rateRow("Growth", "2025-01-01", String(r.rateBp / 10000), {
            effective: jan1 + r.effective,
            boardApproval: jan1 + r.effective + r.approvalLag,
          })
        );
        const governance = rows.flatMap((r, index) =>
          r.votes === null
            ? []
            : [
                {
                  ...vote("2025-01-01", "Fee rate", "Growth", r.votes),
                  date: rates[index]!.boardApproval!,
                },
              ]
        );
        const evaluation = evaluatePlan(plan(rates, governance), asOf);
        // By hand: a vote passes when more than half of 10 trustees and of 7 independent trustees are for.
        const backed = (approval: Day) =>
          governance.some(
            (g) => g.date === approval && g.trusteesFor! * 2 > 10 && g.independentFor! * 2 > 7
          );
        const runs = evaluation.portfolios[0]!.accrual!.runs;
        for (const run of runs) {
          if (run.annualRate.isZero()) continue;
          const behind = rates.filter(
            (r) =>
              r.annualRate.equals(run.annualRate) &&
              Math.max(r.effective, r.boardApproval!) <= run.start &&
              backed(r.boardApproval!)
          );
          expect(behind.length).toBeGreaterThan(0);
        }
        // Before the first backed rate is in force nothing accrues at all.
        const firstBacked = Math.min(
          ...rates.filter((r) => backed(r.boardApproval!)).map((r) => r.boardApproval!)
        );
        expect(runs.filter((run) => run.start < firstBacked && !run.annualRate.isZero())).toEqual(
          []
        );
      }),
      { numRuns: 60 }
    );
  });
});
