/**
 * Properties of the month-end journal over whole generated trusts (test/support/trusts.ts):
 * every journal balances; each month's accrual and true-up entries are the fees accrued, its
 * payment entries the payments of the month, and the payable rolls forward month to month;
 * posting, restating one NAV and running the next month yields one adjusting entry per changed
 * journal, equal to the change; posting twice yields none.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { journalTotals, monthJournal, type MonthJournalInput } from "../../src/engine/journal";
import { journalWithAdjustments, postedRow } from "../../src/engine/journalAdjustments";
import { monthOf, type Period, periodsBetween } from "../../src/engine/periods";
import { quarterlyReport } from "../../src/engine/quarterlyReport";
import type { Plan } from "../../src/engine/plan";
import { trustArbitrary } from "../support/trusts";

// Inside the generated history (NAVs from late 2023 to mid 2025): earlier months are finished.
const ASOF = day("2025-03-31");
const money = (value: Decimal) => value.toFixed(2);

function inputFor(plan: Plan, month: Period, asOf: number): MonthJournalInput {
  const evaluation = evaluatePlan(plan, { asOf });
  return { portfolios: evaluation.portfolios, payments: plan.payments, month, asOf };
}

/** The months with any NAV row, capped at `asOf`. */
function monthsOf(plan: Plan, asOf: number): Period[] {
  const labels = new Map<string, Period>();
  for (const row of plan.netAssets)
    if (row.date <= asOf) labels.set(monthOf(row.date).label, monthOf(row.date));
  const sorted = [...labels.values()].sort((a, b) => a.start - b.start);
  // Every calendar month from the first NAV's to the last: the roll-forward ties month to next month,
  // so a month without NAV rows (a payment can still fall in it) is not skipped.
  if (sorted.length === 0) return [];
  const months: Period[] = [];
  for (let start = sorted[0]!.start; start <= sorted.at(-1)!.start; start = monthOf(start).end + 1)
    months.push(monthOf(start));
  return months;
}

describe("journal properties over generated trusts", () => {
  it("every journal balances, ties to the month's fees and payments, and the payable rolls forward", () => {
    fc.assert(
      fc.property(trustArbitrary, fc.integer({ min: 0, max: 30 }), (plan, pick) => {
        const months = monthsOf(plan, ASOF);
        fc.pre(months.length >= 2);
        const index = pick % (months.length - 1);
        const evaluation = evaluatePlan(plan, { asOf: ASOF });
        const base = { portfolios: evaluation.portfolios, payments: plan.payments, asOf: ASOF };
        const first = monthJournal({ ...base, month: months[index]! });
        const next = monthJournal({ ...base, month: months[index + 1]! });
        first.portfolios.forEach((p, i) => {
          for (const j of p.journals) {
            const totals = journalTotals(j);
            expect(money(totals.debit)).toBe(money(totals.credit));
            expect(money(totals.debit)).toBe(money(j.amount.abs()));
          }
          const c = p.control;
          expect(money(c.accrualEntries)).toBe(money(c.feesAccrued));
          expect(money(c.paymentEntries)).toBe(money(c.paymentsInMonth));
          expect(money(c.closing)).toBe(
            money(c.opening.plus(c.feesAccrued).minus(c.excessToPayable).minus(c.paymentsInMonth))
          );
          expect(money(next.portfolios[i]!.control.opening)).toBe(money(c.closing));
        });
      }),
      { numRuns: 25 }
    );
  });

  it("post, restate one NAV, run the next month: one adjustment per changed journal, equal to the change; none without a change", () => {
    fc.assert(
      fc.property(
        trustArbitrary,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 1000 }),
        (plan, pick, navPick) => {
          const months = monthsOf(plan, ASOF);
          fc.pre(months.length >= 2);
          const index = pick % (months.length - 1);
          const month = months[index]!;
          const following = months[index + 1]!;
          const original = monthJournal(inputFor(plan, month, ASOF));
          const posted = original.portfolios.flatMap((p) =>
            p.journals.map((j) => postedRow(j, ASOF))
          );
          const unchanged = journalWithAdjustments(inputFor(plan, following, ASOF), posted);
          expect(unchanged.portfolios.flatMap((p) => p.adjustments)).toEqual([]);

          // Restate one NAV row of the posted month by +1%.
          const rows = plan.netAssets
            .map((row, i) => ({ row, i }))
            .filter(({ row }) => row.date >= month.start && row.date <= month.end);
          fc.pre(rows.length > 0);
          const target = rows[navPick % rows.length]!.i;
          const restated: Plan = {
            ...plan,
            netAssets: plan.netAssets.map((row, i) =>
              i === target
                ? { ...row, netAssets: row.netAssets.times("1.01").toDecimalPlaces(2) }
                : row
            ),
          };
          const now = monthJournal(inputFor(restated, month, ASOF));
          const before = new Map(
            original.portfolios.flatMap((p) => p.journals.map((j) => [j.journalId, j.amount]))
          );
          const after = new Map(
            now.portfolios.flatMap((p) => p.journals.map((j) => [j.journalId, j.amount]))
          );
          // Entries the month has now and had not (an excess that appeared) change from zero.
          const ids = new Set([...before.keys(), ...after.keys()]);
          const expected = [...ids]
            .map(
              (id) =>
                [
                  id,
                  (after.get(id) ?? new Decimal(0)).minus(before.get(id) ?? new Decimal(0)),
                ] as const
            )
            .filter(([, change]) => !change.isZero())
            .map(([id, change]) => [id, money(change)]);
          const adjusted = journalWithAdjustments(inputFor(restated, following, ASOF), posted)
            .portfolios.flatMap((p) => p.adjustments)
            .map((j) => [j.cites, money(j.amount)]);
          expect(adjusted.sort()).toEqual(expected.sort());
        }
      ),
      { numRuns: 20 }
    );
  });

  it("a quarter's accrual and true-up entries are the report's fees accrued, portfolio by portfolio", () => {
    fc.assert(
      fc.property(trustArbitrary, fc.integer({ min: 0, max: 4 }), (plan, pick) => {
        const quarters = periodsBetween("quarter", day("2024-01-01"), ASOF);
        const quarter = quarters[pick % quarters.length]!;
        const evaluation = evaluatePlan(plan, { asOf: ASOF });
        // A portfolio whose NAV rows turn unusable later (a duplicate date) has no figures today,
        // though the report, speaking as its quarter stood, has; the runner refuses such a workbook.
        fc.pre(evaluation.portfolios.every((p) => p.series !== null));
        const base = { portfolios: evaluation.portfolios, payments: plan.payments, asOf: ASOF };
        const months = periodsBetween("month", quarter.start, quarter.end).map((month) =>
          monthJournal({ ...base, month })
        );
        const report = quarterlyReport(plan, quarter, { asOf: ASOF, preparedAt: "fixed" });
        for (const line of report.portfolios) {
          const entries = months
            .map((m) => m.portfolios.find((p) => p.portfolio === line.portfolio)!)
            .reduce((total, p) => total.plus(p.control.accrualEntries), new Decimal(0));
          expect(money(entries)).toBe(money(line.feesAccrued));
        }
      }),
      { numRuns: 15 }
    );
  });
});
