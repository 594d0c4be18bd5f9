/**
 * "Live formulas" mode of Compute accruals: Month to date as a SUMIFS over the
 * portfolio's own rows of the month, Cap headroom as the month-to-date maximum
 * minus Month to date; Days, Rate, Daily fee and Accrual note as values. The
 * formulas are evaluated here the way Excel would and must give the engine's
 * figures (the values-mode cells) to the cent.
 */
import { describe, expect, it } from "vitest";
import { day, serialFromDay } from "../../src/engine/calendar";
import { computeAccruals } from "../../src/excel/computeAccruals";
import type { ExcelRun } from "../../src/excel/excelRun";
import { columnSpecifier, LIVE_FORMULA_MAX_ROWS } from "../../src/excel/liveAccruals";
import {
  GOVERNANCE,
  NET_ASSETS,
  PORTFOLIOS,
  RATES,
  type TableSpec,
} from "../../src/workbook/schema";
import {
  createExcelStandIn,
  type ExcelStandIn,
  type StandInValue,
  StandInWorkbook,
} from "../support/excelStandIn";

const runOf = (standIn: ExcelStandIn) => standIn.run as unknown as ExcelRun;
const s = (iso: string) => serialFromDay(day(iso));
const row = (spec: TableSpec, values: Record<string, StandInValue>) =>
  spec.columns.map((c) => values[c.header] ?? "");
const AS_OF = day("2025-02-28");

/** Two portfolios interleaved in one NetAssets table, business days 27 Jan – 7 Feb 2025 (Fri 31 Jan covers 1–2 Feb). */
function twoPortfolios(): ExcelStandIn {
  const workbook = new StandInWorkbook();
  const header = (spec: TableSpec) => spec.columns.map((c) => c.header);
  workbook.addTable("Plan", PORTFOLIOS.name, "A1", header(PORTFOLIOS), [
    row(PORTFOLIOS, { Portfolio: "Growth", "Plan effective": s("2024-12-02") }),
    row(PORTFOLIOS, { Portfolio: "Income", "Plan effective": s("2024-12-02") }),
  ]);
  workbook.addTable("Plan", RATES.name, "O1", header(RATES), [
    row(RATES, {
      Portfolio: "Growth",
      Effective: s("2024-12-02"),
      "Annual rate": 0.0025,
      "Board approval": s("2024-12-02"),
    }),
    row(RATES, {
      Portfolio: "Income",
      Effective: s("2024-12-02"),
      "Annual rate": 0.005,
      "Board approval": s("2024-12-02"),
    }),
  ]);
  workbook.addTable("Plan", GOVERNANCE.name, "U1", header(GOVERNANCE), [
    row(GOVERNANCE, {
      Date: s("2024-12-02"),
      Action: "Approval",
      Portfolio: "All",
      "Trustees for": 7,
      "Trustees total": 9,
      "Independent for": 5,
      "Independent total": 6,
      "In person": "Yes",
    }),
  ]);
  const dates = [
    "2025-01-27",
    "2025-01-28",
    "2025-01-29",
    "2025-01-30",
    "2025-01-31",
    "2025-02-03",
    "2025-02-04",
    "2025-02-05",
    "2025-02-06",
    "2025-02-07",
  ];
  const nav: StandInValue[][] = [];
  dates.forEach((date, i) => {
    nav.push(
      row(NET_ASSETS, {
        Date: s(date),
        Portfolio: "Growth",
        "Class B net assets": 100_000_000 + i * 250_000.37,
      })
    );
    nav.push(
      row(NET_ASSETS, {
        Date: s(date),
        Portfolio: "Income",
        "Class B net assets": 40_000_000 - i * 110_000.11,
      })
    );
  });
  workbook.addTable("Net Assets", NET_ASSETS.name, "A1", header(NET_ASSETS), nav);
  return createExcelStandIn(workbook);
}

/** Excel's result of the formulas we write, over the table's cells. */
function evaluate(standIn: ExcelStandIn): (number | string)[][] {
  const headers = standIn.workbook.tableHeaders("NetAssets").map(String);
  const { sheet, table } = standIn.workbook.table("NetAssets")!;
  const col = (name: string) => headers.indexOf(name);
  const cell = (r: number, name: string) => sheet.cell(table.top + 1 + r, table.left + col(name));
  const n = table.rowCount - 1;
  const monthToDate = (r: number): number | string => {
    const c = cell(r, "Month to date");
    if (!c?.formula) return c?.value as number | string;
    const spec = `NetAssets${columnSpecifier("Daily fee")},NetAssets${columnSpecifier("Portfolio")},[@${columnSpecifier("Portfolio")}],NetAssets${columnSpecifier("Date")},">="&DATE(`;
    expect(c.formula.startsWith(`=SUMIFS(${spec}`)).toBe(true);
    const match =
      /DATE\((\d+),(\d+),1\),NetAssets\[Date\],"<="&\[@\[Date\]\]\)(\+(rule12b1_OpeningMTD_\w+))?$/.exec(
        c.formula
      )!;
    expect(match, c.formula).not.toBeNull();
    const from = s(`${match[1]}-${match[2]!.padStart(2, "0")}-01`);
    const to = cell(r, "Date")!.value as number;
    const who = String(cell(r, "Portfolio")!.value).toLowerCase();
    let total = 0;
    for (let j = 0; j < n; j += 1) {
      const date = cell(j, "Date")!.value as number;
      const fee = cell(j, "Daily fee")?.value;
      if (
        String(cell(j, "Portfolio")!.value).toLowerCase() === who &&
        date >= from &&
        date <= to &&
        typeof fee === "number"
      )
        total += fee;
    }
    // The opening amount is a defined name holding a number ("=1383.56"), never a bare constant.
    const opening = match[4] ? standIn.workbook.names.get(match[4]) : undefined;
    if (match[4]) expect(opening, match[4]).toMatch(/^=-?\d+\.\d\d$/);
    return Math.round((total + Number(opening?.slice(1) ?? 0)) * 100) / 100;
  };
  return Array.from({ length: n }, (_, r) => {
    const mtd = monthToDate(r);
    const h = cell(r, "Cap headroom");
    // Cap headroom is the engine's value: a formula would hold the maximum as an unexplained constant.
    expect(h?.formula).toBeUndefined();
    return [mtd, (h?.value as number | string) ?? ""];
  });
}

describe("Compute accruals with live formulas", () => {
  it("Month to date is a formula that gives the engine's figures, portfolio by portfolio, with no unexplained constant; Cap headroom is the engine's value", async () => {
    const byValues = twoPortfolios();
    await computeAccruals(runOf(byValues), { mode: "values", overwrite: false, asOf: AS_OF });
    const engine = byValues.workbook.tableRows("NetAssets");

    const live = twoPortfolios();
    const result = await computeAccruals(runOf(live), {
      mode: "formulas",
      overwrite: false,
      asOf: AS_OF,
    });
    expect(result.status).toBe("done");
    expect(result.liveRows).toBe(20);
    expect(result.message).toContain("Month to date is a live formula on 20 rows");
    expect(live.workbook.settings.get("rule12b1.accrualMode")).toBe("formulas");
    const rows = live.workbook.tableRows("NetAssets");
    // Days, Rate, Daily fee and Accrual note are the same values as in values mode.
    rows.forEach((r, i) => {
      expect([r[3], r[4], r[5], r[8]]).toEqual([
        engine[i]![3],
        engine[i]![4],
        engine[i]![5],
        engine[i]![8],
      ]);
    });
    // Every Month to date and Cap headroom cell is a formula, and it computes the engine's figure.
    const { sheet, table } = live.workbook.table("NetAssets")!;
    for (let r = 1; r < table.rowCount; r += 1) {
      expect(sheet.cell(r, 6)?.formula, `G${r + 1}`).toMatch(/^=SUMIFS\(/);
      expect(sheet.cell(r, 7)?.formula, `H${r + 1}`).toBeUndefined();
    }
    expect(evaluate(live)).toEqual(engine.map((r) => [r[6], r[7]]));
    // Fri 31 Jan covers 1–2 Feb: the February rows add its February part from a named, commented value.
    const income3Feb = sheet.cell(12, 6)!.formula!;
    expect(income3Feb).toMatch(/DATE\(2025,2,1\).*\+rule12b1_OpeningMTD_Income_2025_02$/);
    expect(live.workbook.names.get("rule12b1_OpeningMTD_Income_2025_02")).toMatch(/^=\d+\.\d\d$/);
    // No formula holds a number typed into it after the SUMIFS.
    for (let r = 1; r < table.rowCount; r += 1)
      expect(sheet.cell(r, 6)!.formula!).not.toMatch(/\)[+-]\d/);
  });

  it("a second run writes the same formulas; values mode then replaces them with values", async () => {
    const standIn = twoPortfolios();
    await computeAccruals(runOf(standIn), { mode: "formulas", overwrite: false, asOf: AS_OF });
    const first = JSON.stringify([...standIn.workbook.sheet("Net Assets")!.cells]);
    const again = await computeAccruals(runOf(standIn), {
      mode: "formulas",
      overwrite: false,
      asOf: AS_OF,
    });
    expect(again.status).toBe("done");
    expect(JSON.stringify([...standIn.workbook.sheet("Net Assets")!.cells])).toBe(first);
    expect(standIn.workbook.tableHeaders("NetAssets")).toHaveLength(9);
    await computeAccruals(runOf(standIn), { mode: "values", overwrite: false, asOf: AS_OF });
    const cells = [...standIn.workbook.sheet("Net Assets")!.cells.values()];
    expect(cells.some((c) => c.formula)).toBe(false);
  });

  it("no value is written over the formulas: the written formulas are what the stand-in holds", async () => {
    const standIn = twoPortfolios();
    standIn.resetStats();
    await computeAccruals(runOf(standIn), { mode: "formulas", overwrite: false, asOf: AS_OF });
    const { sheet } = standIn.workbook.table("NetAssets")!;
    for (let r = 1; r <= 20; r += 1) {
      expect(sheet.cell(r, 6)!.value).toBe("");
      expect(sheet.cell(r, 6)!.formula).toBeDefined();
    }
  });

  it("a portfolio name SUMIFS would read as a wildcard or comparison keeps values", async () => {
    const standIn = twoPortfolios();
    const wb = standIn.workbook;
    const rename = (table: string, column: string, from: string, to: string) => {
      const { sheet, table: t } = wb.table(table)!;
      const c = wb.tableHeaders(table).indexOf(column);
      for (let r = 1; r < t.rowCount; r += 1)
        if (sheet.value(t.top + r, t.left + c) === from)
          sheet.setCell(t.top + r, t.left + c, { value: to });
    };
    for (const table of ["Portfolios", "Rates", "NetAssets"])
      rename(table, "Portfolio", "Income", "Income*");
    const result = await computeAccruals(runOf(standIn), {
      mode: "formulas",
      overwrite: false,
      asOf: AS_OF,
    });
    expect(result.liveRows).toBe(10);
    const rows = wb.tableRows("NetAssets");
    expect(rows.filter((r) => r[1] === "Income*").every((r) => typeof r[6] === "number")).toBe(
      true
    );
  });

  it(`a table over ${LIVE_FORMULA_MAX_ROWS.toLocaleString("en-US")} rows gets values, and the message says why`, async () => {
    const { planStandIn } = await import("../support/excelStandInPlan");
    const standIn = planStandIn({ navCount: LIVE_FORMULA_MAX_ROWS + 1 });
    const result = await computeAccruals(runOf(standIn), {
      mode: "formulas",
      overwrite: false,
      asOf: day("2100-01-01"),
    });
    expect(result).toMatchObject({ status: "done", liveRows: 0 });
    expect(result.message).toContain("Written as values");
    expect([...standIn.workbook.sheet("Net Assets")!.cells.values()].some((c) => c.formula)).toBe(
      false
    );
  }, 60_000);
});
