/**
 * The annual Item 19(g) table (SPEC §5 "The annual table") is built from the
 * same figures as the quarterly reports: where a fiscal year is four
 * calendar quarters, it is the sum of their four reports.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadPlan } from "../../src/cli/loadPlan";
import { day, isoDate } from "../../src/engine/calendar";
import { annualTable, fiscalYearFor } from "../../src/engine/annualTable";
import { type Decimal, sum } from "../../src/engine/decimal";
import { parseQuarter } from "../../src/engine/periods";
import type { Plan } from "../../src/engine/plan";
import { quarterlyReport } from "../../src/engine/quarterlyReport";
import { annualLayout, annualSheetName } from "../../src/workbook/annualLayout";

const AS_OF = day("2026-11-28");
const options = { asOf: AS_OF, preparedAt: "2026-11-28 10:00 UTC" };
let plan: Plan;

beforeAll(async () => {
  const loaded = await loadPlan("samples/sample-trust.xlsx");
  if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
  plan = loaded.read.plan;
});

const cents = (d: Decimal) => d.toFixed(2);
const cache = new Map<string, ReturnType<typeof quarterlyReport>>();

function expectSumOfQuarters(
  table: ReturnType<typeof annualTable>,
  quarters: string[],
  index: number
) {
  const reports = quarters.map((q) => {
    const key = `${plan.portfolios[0]!.fiscalYearEndMonth} ${q}`;
    if (!cache.has(key)) cache.set(key, quarterlyReport(plan, parseQuarter(q)!, options));
    return cache.get(key)!;
  });
  const line = table.lines[index]!;
  const columns = reports.map((r) => r.itemNineteen[index]!);
  expect(cents(line.feesPaid), "fees paid").toBe(cents(sum(columns.map((c) => c.feesPaid))));
  line.lines.forEach((l, i) =>
    expect(cents(l.amount), l.line).toBe(cents(sum(columns.map((c) => c.lines[i]!.amount))))
  );
  expect(cents(line.expended)).toBe(cents(sum(columns.map((c) => c.expended))));
  // The carryforward at the year end is the last quarter's closing balance.
  const last = reports.at(-1)!.carryforward.find((c) => c.portfolio === line.portfolio);
  expect(cents(line.carryforward)).toBe(last ? cents(last.closing) : "0.00");
}

describe("the annual Item 19(g) table", () => {
  it("for calendar fiscal years, FY2025 is the sum of 2025 Q1–Q4 for every portfolio", () => {
    const table = annualTable(plan, 2025, options);
    expect(table.preliminary).toBe(false);
    plan.portfolios.forEach((_, index) =>
      expectSumOfQuarters(table, ["2025Q1", "2025Q2", "2025Q3", "2025Q4"], index)
    );
    // Fees paid in 2025 are never zero for a portfolio in effect all year (Growth).
    expect(table.lines[0]!.feesPaid.greaterThan(0)).toBe(true);
  });

  it("a June fiscal year end: FY2026 runs 2025-07-01 to 2026-06-30 and is the sum of 2025 Q3 – 2026 Q2", () => {
    const june = {
      ...plan,
      portfolios: plan.portfolios.map((p) => ({ ...p, fiscalYearEndMonth: 6 })),
    };
    const fiscalYear = fiscalYearFor(2026, 6);
    expect([isoDate(fiscalYear.start), isoDate(fiscalYear.end), fiscalYear.label]).toEqual([
      "2025-07-01",
      "2026-06-30",
      "FY2026",
    ]);
    const table = annualTable(june, 2026, options);
    expect(table.lines.map((l) => isoDate(l.period.end))).toEqual(
      plan.portfolios.map(() => "2026-06-30")
    );
    const saved = plan;
    plan = june;
    try {
      june.portfolios.forEach((_, index) =>
        expectSumOfQuarters(table, ["2025Q3", "2025Q4", "2026Q1", "2026Q2"], index)
      );
    } finally {
      plan = saved;
    }
  });

  it("a fiscal year not ended by the as-of date is preliminary and runs through that day", () => {
    const table = annualTable(plan, 2026, options);
    expect(table.preliminary).toBe(true);
    expect(isoDate(table.lines[0]!.period.end)).toBe("2026-11-28");
    const layout = annualLayout(table);
    expect(layout.sheetName).toBe(annualSheetName(2026));
    expect(layout.sheetName).toBe("12b-1 SAI FY2026");
    expect(layout.print.header).toContain("PRELIMINARY");
  });
});
