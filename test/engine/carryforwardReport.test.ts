/**
 * One carryforward (review item 9): the quarterly report's block and the annual
 * table show the engine ledger's figures, by billing period, not a second
 * figure netted by quarter.
 */
import { describe, expect, it } from "vitest";
import { annualTable } from "../../src/engine/annualTable";
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { parseQuarter } from "../../src/engine/periods";
import { defaultSettings, emptyPlan, type Plan } from "../../src/engine/plan";
import { quarterlyReport } from "../../src/engine/quarterlyReport";
import { rateRow, vote } from "../support/build";

/** A compensation plan at .25% on 100,000,000 from 2025-01-01, 60,000.00 of (d) on 15 June and 15 December. */
function plan(): Plan {
  const result = emptyPlan();
  result.portfolios.push(defaultSettings("A"));
  for (let d = day("2024-12-31"); d <= day("2025-12-31"); d++) {
    const w = new Date(d * 864e5).getUTCDay();
    if (w !== 0 && w !== 6)
      result.netAssets.push({ date: d, portfolio: "A", netAssets: new Decimal("100000000") });
  }
  result.governance.push(vote("2025-01-01", "Approval", "All"));
  result.rates.push(rateRow("A", "2025-01-01", "0.0025"));
  for (const iso of ["2025-06-15", "2025-12-15"])
    result.expenditures.push({
      date: day(iso),
      portfolio: "A",
      category: "d",
      amount: new Decimal("60000"),
      payee: "Printer",
      description: "Prospectuses for prospective investors",
    });
  return result;
}

// Daily fee 100,000,000 × .25% ÷ 365 = 684.931506…: a 30-day month 20,547.95, a 31-day one 21,232.88.
// June: 0 + 60,000.00 − 20,547.95 = 39,452.05 carried; July 39,452.05 − 21,232.88 = 18,219.17;
// August's 21,232.88 clears it. December: 60,000.00 − 21,232.88 = 38,767.12.
describe("the report's carryforward is the ledger's (review item 9)", () => {
  const options = { asOf: day("2026-01-31"), preparedAt: "2026-01-31 10:00 UTC" };

  it("the ledger closes June at 39,452.05 and December at 38,767.12", () => {
    const rows = evaluatePlan(plan(), { asOf: day("2026-01-31") }).portfolios[0]!.carryforward;
    const closing = (label: string) =>
      rows.find((r) => r.period.label === label)!.closing.toFixed(2);
    expect([
      closing("2025-06"),
      closing("2025-07"),
      closing("2025-08"),
      closing("2025-12"),
    ]).toEqual(["39452.05", "18219.17", "0.00", "38767.12"]);
  });

  it("Q2, Q3 and Q4 reports show those closings, and Q3 opens where Q2 closed", () => {
    const line = (q: string) => quarterlyReport(plan(), parseQuarter(q)!, options).carryforward[0]!;
    const q2 = line("2025Q2");
    // April 20,547.95 + May 21,232.88 + June 20,547.95 = 62,328.78 earned.
    expect([q2.opening, q2.incurred, q2.feesEarned, q2.closing].map((d) => d.toFixed(2))).toEqual([
      "0.00",
      "60000.00",
      "62328.78",
      "39452.05",
    ]);
    const q3 = line("2025Q3");
    expect([q3.opening, q3.closing].map((d) => d.toFixed(2))).toEqual(["39452.05", "0.00"]);
    expect(line("2025Q4").closing.toFixed(2)).toBe("38767.12");
  });

  it("the FY2025 annual table carries 38,767.12, the ledger's December closing", () => {
    const table = annualTable(plan(), 2025, options);
    expect(table.lines[0]!.carryforward.toFixed(2)).toBe("38767.12");
  });
});
