import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { day } from "../../src/engine/calendar";
import { Decimal, roundCents } from "../../src/engine/decimal";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { quarterOf } from "../../src/engine/periods";
import { GOVERNANCE_ACTIONS, defaultSettings, type Plan } from "../../src/engine/plan";
import { quarterlyReport } from "../../src/engine/quarterlyReport";
import { settingArbitraries } from "../support/trusts";

const START = day("2024-01-01");
const names = ["Growth", "Income", "Bond"];
const someDay = fc.integer({ min: -30, max: 800 }).map((offset) => START + offset);
const money = fc
  .integer({ min: -1000, max: 5_000_000_000 })
  .map((cents) => new Decimal(cents).dividedBy(100));
const count = fc.option(fc.integer({ min: 0, max: 12 }), { nil: null });
const shares = fc.option(
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => new Decimal(n)),
  { nil: null }
);

const planArbitrary: fc.Arbitrary<Plan> = fc.record({
  portfolios: fc.uniqueArray(
    fc
      .record({
        portfolio: fc.constantFrom(...names),
        ...settingArbitraries,
      })
      .map((s) => defaultSettings(s.portfolio, s)),
    { selector: (p) => p.portfolio, maxLength: 3 }
  ),
  rates: fc.array(
    fc.record({
      portfolio: fc.constantFrom(...names, "Unknown"),
      effective: someDay,
      annualRate: fc
        .integer({ min: -5, max: 80 })
        .map((tenths) => new Decimal(tenths).dividedBy(10_000)),
      boardApproval: fc.option(someDay, { nil: null }),
      shareholderApproval: fc.option(someDay, { nil: null }),
    }),
    { maxLength: 6 }
  ),
  governance: fc.array(
    fc.record({
      date: someDay,
      action: fc.constantFrom(...GOVERNANCE_ACTIONS),
      portfolio: fc.constantFrom(...names, "All"),
      trusteesFor: count,
      trusteesTotal: count,
      independentFor: count,
      independentTotal: count,
      inPerson: fc.option(fc.boolean(), { nil: null }),
      sharesFor: shares,
      sharesPresent: shares,
      sharesOutstanding: shares,
    }),
    { maxLength: 6 }
  ),
  agreements: fc.array(
    fc.record({
      agreement: fc.string(),
      counterparty: fc.string(),
      portfolio: fc.constantFrom(...names, "All", "X"),
      approved: fc.option(someDay, { nil: null }),
      inWriting: fc.option(fc.boolean(), { nil: null }),
      noticeDays: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
      assigned: fc.option(someDay, { nil: null }),
      terminated: fc.option(someDay, { nil: null }),
    }),
    { maxLength: 3 }
  ),
  expenditures: fc.array(
    fc.record({
      date: someDay,
      portfolio: fc.constantFrom(...names),
      category: fc.constantFrom("a", "(b)", "i", "z", ""),
      amount: money,
      payee: fc.string(),
      description: fc.string(),
    }),
    { maxLength: 6 }
  ),
  payments: fc.array(
    fc.record({
      date: someDay,
      portfolio: fc.constantFrom(...names),
      amount: money,
      reference: fc.string(),
    }),
    { maxLength: 6 }
  ),
  netAssets: fc.array(
    fc.record({ date: someDay, portfolio: fc.constantFrom(...names), netAssets: money }),
    { maxLength: 60 }
  ),
});

describe("the engine on arbitrary plans", () => {
  it("never throws, reports every finding with a message, and keeps every amount in whole cents", () => {
    fc.assert(
      fc.property(planArbitrary, someDay, (plan, asOf) => {
        const evaluation = evaluatePlan(plan, { asOf });
        for (const finding of evaluation.exceptions) expect(finding.message).toMatch(/\S/);
        for (const portfolio of evaluation.portfolios) {
          for (const row of portfolio.accrual?.rows ?? [])
            expect(row.booked.equals(roundCents(row.booked))).toBe(true);
          for (const test of portfolio.capTests)
            expect(test.maximum.equals(roundCents(test.maximum))).toBe(true);
        }
        const report = quarterlyReport(plan, quarterOf(asOf), { asOf, preparedAt: "test" });
        expect(report.portfolios).toHaveLength(plan.portfolios.length);
      }),
      { numRuns: 300 }
    );
  });
});
