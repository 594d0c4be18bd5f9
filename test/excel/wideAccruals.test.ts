/**
 * Compute accruals on a wide selection (issue 14): a Date column and one NAV
 * column per portfolio. The figures must be those of the same NAVs in long
 * form (the NetAssets table), one block of six columns per portfolio.
 */
import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { computeAccruals } from "../../src/excel/computeAccruals";
import type { ExcelRun } from "../../src/excel/excelRun";
import { computeAccrualsOnRange, readSelection } from "../../src/excel/rangeAccruals";
import { suggestWide, wideProblem, wideTableData } from "../../src/excel/wideMapping";
import { RATES } from "../../src/workbook/schema";
import type { ExcelStandIn } from "../support/excelStandIn";
import { planStandIn, serial } from "../support/excelStandInPlan";

const runOf = (standIn: ExcelStandIn) => standIn.run as unknown as ExcelRun;
const asOf = day("2025-01-31");
const DATES = ["2025-01-02", "2025-01-03", "2025-01-06", "2025-01-07"];
const GROWTH = [100_000_000, 101_000_000, 99_500_000, 100_200_000];
/** 36,500,000 at 0.25% a year is 250.00 a day (365-day 2025): each row books Days × 250.00. */
const INCOME = [36_500_000, 36_500_000, 36_500_000, 36_500_000];

/** The plan workbook with a second portfolio, Income, at the same rate. */
function twoPortfolios(): ExcelStandIn {
  const standIn = planStandIn();
  const wb = standIn.workbook;
  const portfolios = wb.sheet("Plan")!.tables.find((t) => t.name === "Portfolios")!;
  wb.sheet("Plan")!.setCell(2, 0, { value: "Income" });
  wb.sheet("Plan")!.setCell(2, 1, { value: serial("2024-12-02") });
  portfolios.rowCount += 1;
  const rates = wb.sheet("Plan")!.tables.find((t) => t.name === "Rates")!;
  const rateRow = RATES.columns.map((c) =>
    wb.sheet("Plan")!.value(1, rates.left + RATES.columns.indexOf(c))
  );
  rateRow[0] = "Income";
  rateRow.forEach((v, i) => wb.sheet("Plan")!.setCell(2, rates.left + i, { value: v }));
  rates.rowCount += 1;
  return standIn;
}

/** The same NAVs wide, on sheet "NAV" at A1: Date | Growth | Income, selected. */
function wideStandIn(): ExcelStandIn {
  const standIn = twoPortfolios();
  standIn.workbook.sheet("Net Assets")!.tables.splice(0);
  const nav = standIn.workbook.addSheet("NAV");
  ["Date", "growth", "Income"].forEach((h, c) => nav.setCell(0, c, { value: h }));
  DATES.forEach((d, r) => {
    nav.setCell(r + 1, 0, { value: serial(d) });
    nav.setCell(r + 1, 1, { value: GROWTH[r]! });
    nav.setCell(r + 1, 2, { value: INCOME[r]! });
  });
  standIn.workbook.selection = { sheet: "NAV", address: "A1:C5" };
  return standIn;
}

describe("Compute accruals on a wide selection", () => {
  it("names each NAV column's portfolio, and writes per portfolio the figures of the long form", async () => {
    // Long form: the NetAssets table holding both portfolios' rows.
    const long = twoPortfolios();
    const table = long.workbook.sheet("Net Assets")!;
    DATES.forEach((d, r) => {
      table.setCell(5 + r, 0, { value: serial(d) });
      table.setCell(5 + r, 1, { value: "Income" });
      table.setCell(5 + r, 2, { value: INCOME[r]! });
    });
    long.workbook.sheet("Net Assets")!.tables[0]!.rowCount += 4;
    const done = await computeAccruals(runOf(long), { mode: "values", overwrite: false, asOf });
    expect(done.status, done.message).toBe("done");
    const longRows = long.workbook.tableRows("NetAssets").map((r) => r.slice(3));
    expect(longRows).toHaveLength(8);

    const standIn = wideStandIn();
    const selection = await readSelection(runOf(standIn));
    expect(selection.looksWide).toBe(true);
    expect(selection.suggestedWide).toEqual({ date: 0, portfolios: [null, "Growth", "Income"] });
    const result = await computeAccrualsOnRange(
      runOf(standIn),
      selection.address,
      selection.suggestedWide,
      { mode: "values", overwrite: false, asOf }
    );
    expect(result.status, result.message).toBe("done");
    const nav = standIn.workbook.sheet("NAV")!;
    const headers = Array.from({ length: 12 }, (_, c) => nav.value(0, 3 + c));
    expect(headers.slice(0, 3)).toEqual(["Growth: Days", "Growth: Rate", "Growth: Daily fee"]);
    expect(headers[6]).toBe("Income: Days");
    const block = (b: number) =>
      DATES.map((_, r) => Array.from({ length: 6 }, (_, c) => nav.value(r + 1, 3 + 6 * b + c)));
    expect(block(0)).toEqual(longRows.slice(0, 4));
    expect(block(1)).toEqual(longRows.slice(4));
    // Income by hand: Days × 250.00.
    expect(block(1).map((row) => row[2])).toEqual(block(1).map((row) => (row[0] as number) * 250));
    // Prior-day NAV, Forward booking: 2 Jan books nothing, Fri 3 Jan books Fri–Sun (3), 6 Jan one day,
    // and the last NAV (7 Jan) carries through the as-of date, 7–31 Jan (25 days).
    expect(block(1).map((row) => row[0])).toEqual([0, 3, 1, 25]);
    expect(standIn.workbook.names.get("rule12b1_AccrualColumns")).toBe("='NAV'!$D$1:$I$1");

    // A re-run selecting the written columns too rewrites them in place.
    standIn.workbook.selection = { sheet: "NAV", address: "A1:O5" };
    const again = await readSelection(runOf(standIn));
    expect(again.suggestedWide).toEqual({ date: 0, portfolios: [null, "Growth", "Income"] });
    const before = JSON.stringify([...nav.cells]);
    expect(
      (
        await computeAccrualsOnRange(runOf(standIn), again.address, again.suggestedWide, {
          mode: "values",
          overwrite: false,
          asOf,
        })
      ).status
    ).toBe("done");
    expect(JSON.stringify([...nav.cells])).toBe(before);
  });

  it("a NAV typed as text in a wide column is refused with the cell it is in, and nothing is written", async () => {
    const standIn = wideStandIn();
    standIn.workbook.sheet("NAV")!.setCell(3, 2, { value: "36,500,000" });
    const result = await computeAccrualsOnRange(
      runOf(standIn),
      "NAV!A1:C5",
      { date: 0, portfolios: [null, "Growth", "Income"] },
      { mode: "values", overwrite: false, asOf }
    );
    expect(result.status).toBe("unusable");
    expect(result.problems?.map((p) => p.source?.address)).toEqual(["C4"]);
    expect(result.problems?.[0]!.text).toBe(
      'Sheet "NAV", cell C4 of the selected range: Class B net assets holds text "36,500,000", not an amount; enter it as a number.'
    );
    expect(standIn.workbook.sheet("NAV")!.value(0, 3)).toBe("");
  });

  it("the mapping is checked: a Date column, at least one NAV column, each portfolio once", () => {
    const headers = ["Date", "Growth", "Growth B"];
    expect(wideProblem(headers, { date: null, portfolios: [null, "Growth", null] }, 3)).toMatch(
      /dates/
    );
    expect(wideProblem(headers, { date: 0, portfolios: [null, null, null] }, 3)).toMatch(
      /at least one NAV column/
    );
    expect(wideProblem(headers, { date: 0, portfolios: [null, "Growth", "growth"] }, 3)).toMatch(
      /"growth" is named for two columns \("Growth" and "Growth B"\)/
    );
    expect(wideProblem(headers, { date: 0, portfolios: [null, "Growth", null] }, 3)).toBeNull();
    // A header that says date is the date column when none is exactly "Date" (issue 23).
    expect(suggestWide(["NAV date", "GROWTH"], ["Growth"])).toEqual({
      date: 0,
      portfolios: [null, "Growth"],
    });
  });

  it("a blank NAV cell is no row for that portfolio; the long rows point at the wide cells", () => {
    const { table, placements } = wideTableData(
      { sheet: "NAV", row: 0, column: 0, rows: 3, columns: 3 },
      [
        [45659, 100, ""],
        [45660, 101, 50],
      ],
      { date: 0, portfolios: [null, "Growth", "Income"] }
    );
    expect(table.rows).toEqual([
      [45659, "Growth", 100],
      [45660, "Growth", 101],
      [45660, "Income", 50],
    ]);
    expect(placements).toEqual([
      { dataRow: 0, block: 0 },
      { dataRow: 1, block: 0 },
      { dataRow: 1, block: 1 },
    ]);
    expect([0, 1, 2].map((c) => table.cellAddress!(2, c))).toEqual(["A3", "C1", "C3"]);
  });
});
