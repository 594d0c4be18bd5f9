import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { parseQuarter } from "../../src/engine/periods";
import { quarterlyReport } from "../../src/engine/quarterlyReport";
import { ACCRUAL_HEADERS, accrualColumns } from "../../src/workbook/accrualColumns";
import { isReportSheet, reportLayout } from "../../src/workbook/reportLayout";
import { readPlan } from "../../src/workbook/readPlan";
import { cellValue } from "../../src/workbook/sheetLayout";
import { easterSunday, marketHolidays } from "../../src/cli/demo/marketHolidays";
import { isoDate } from "../../src/engine/calendar";
import { serial, table, weekdayNavs } from "../support/tables";

const workbook = {
  dateSystem: "1900" as const,
  tables: [
    table("Portfolios", [{ Portfolio: "Growth" }]),
    table("Rates", [
      {
        Portfolio: "Growth",
        Effective: serial("2025-08-15"),
        "Annual rate": 0.0025,
        "Board approval": serial("2025-08-15"),
      },
    ]),
    table("Governance", [
      {
        Date: serial("2025-08-15"),
        Action: "Approval",
        Portfolio: "All",
        "Trustees for": 7,
        "Trustees total": 9,
        "Independent for": 5,
        "Independent total": 6,
        "In person": "Yes",
      },
    ]),
    table("Agreements", [
      { Agreement: "=cmd|' /C calc'!A0", Portfolio: "All", "In writing": "Yes", "Notice days": 60 },
    ]),
    table("Expenditures", [
      {
        Date: serial("2026-07-15"),
        Portfolio: "Growth",
        Category: "c",
        Amount: 1200,
        Payee: "Broker",
      },
    ]),
    table("NetAssets", weekdayNavs("Growth", "2026-06-29", "2026-09-30", 73_000_000)),
  ],
};
const read = readPlan(workbook);
const evaluation = evaluatePlan(read.plan, { asOf: day("2026-11-28") });
const layout = reportLayout(
  quarterlyReport(read.plan, parseQuarter("2026Q3")!, {
    asOf: day("2026-11-28"),
    preparedAt: "2026-11-28 10:00 UTC",
  })
);
const texts = layout.cells.filter((c) => "text" in c).map((c) => (c as { text: string }).text);

describe("the quarterly report layout (SPEC §5)", () => {
  it("is named for its quarter and recognised as ours", () => {
    expect(layout.sheetName).toBe("12b-1 Report 2026-Q3");
    expect(isReportSheet(layout.sheetName)).toBe(true);
    expect(isReportSheet("12b-1 Report 2026-Q3 (2)")).toBe(false);
  });

  it("has every block the plan's report needs", () => {
    for (const heading of [
      /^1\. Distribution fees/,
      /^2\. Amounts expended/,
      /^3\. Form N-1A Item 19\(g\)/,
      /^4\. Carryforward/,
      /^5\. Governance/,
      /^6\. Agreements/,
      /^7\. Exceptions/,
      /^8\. Sign-off/,
    ]) {
      expect(
        texts.some((t) => heading.test(t)),
        String(heading)
      ).toBe(true);
    }
    // Dates for people (SPEC §5, 2026-12-06): the stamp in words, not ISO.
    expect(texts.some((t) => t.includes("prepared 28 November 2026, 10:00 UTC"))).toBe(true);
    expect(texts).toContain("Reviewed by the Board on");
    expect(layout.charts).toHaveLength(1);
  });

  it("an exception row wraps its cells, its severity bold in its colour and centred, its plan section and portfolio centred", () => {
    const title = layout.cells.find((c) => "text" in c && c.text.startsWith("7. Exceptions"))!;
    const severityRows = layout.cells.filter(
      (c) =>
        c.row > title.row + 1 &&
        c.column === 2 &&
        "text" in c &&
        ["ERROR", "WARNING", "INFO"].includes(c.text)
    );
    expect(severityRows.length).toBeGreaterThan(0);
    const colours = { ERROR: "FFC00000", WARNING: "FF9C5700", INFO: "FF404040" };
    for (const severity of severityRows) {
      const cell = (column: number) =>
        layout.cells.find((c) => c.row === severity.row && c.column === column)!;
      const text = (severity as { text: keyof typeof colours }).text;
      // Key order too: a layout style is keyed by its JSON when the sheet is written.
      const styleOf = (column: number) => JSON.stringify(cell(column).style);
      expect(styleOf(1)).toBe(JSON.stringify({ wrap: true }));
      expect(styleOf(2)).toBe(
        JSON.stringify(
          text === "INFO"
            ? { wrap: true, color: colours[text], align: "center" }
            : { wrap: true, bold: true, color: colours[text], align: "center" }
        )
      );
      expect(styleOf(3)).toBe(JSON.stringify({ wrap: true, align: "center" }));
      expect(styleOf(4)).toBe(JSON.stringify({ wrap: true, align: "center" }));
      expect(layout.cells.filter((c) => c.row === severity.row).map((c) => c.column)).toEqual([
        1, 2, 3, 4, 5, 6, 10,
      ]);
    }
  });

  it("totals are SUM formulas whose cached result is the engine's total", () => {
    // Growth in effect 1 Jul – 14 Aug (lapse) = 45 days × 500.00 = 22,500.00.
    // Fees accrued is column F, after the ceiling column (E).
    const accrued = layout.cells.find((c) => "formula" in c && c.formula.startsWith("SUM(F"))!;
    expect(cellValue(accrued)).toBe(22500);
    const expenditureTotal = layout.cells
      .filter((c) => "formula" in c && /^SUM\(B\d+:B\d+\)$/.test(c.formula))
      .map(cellValue);
    expect(expenditureTotal).toContain(1200);
  });

  it("user text is text, never a formula", () => {
    expect(texts).toContain("=cmd|' /C calc'!A0");
    expect(
      layout.cells
        .filter((c) => "formula" in c)
        .every((c) =>
          /^(SUM\(|MAX\(0,[A-Z]+\d+-[A-Z]+\d+\)$|[A-Z]+\d+([+-][A-Z]+\d+)*$)/.test(
            (c as { formula: string }).formula
          )
        )
    ).toBe(true);
  });
});

describe("accrual columns", () => {
  const rows = accrualColumns(read.plan, evaluation, read.plan.netAssets.length + 1);
  it("gives each NAV row its days, rate, booked fee, month to date and cap headroom", () => {
    expect(ACCRUAL_HEADERS).toEqual([
      "Days",
      "Rate",
      "Daily fee",
      "Month to date",
      "Cap headroom",
      "Accrual note",
    ]);
    // Fri 3 Jul 2026 covers Fri–Sun: 3 × 500.00; month to date 1–5 Jul... rows: Mon 29 Jun, Tue 30, Wed 1 Jul, Thu 2, Fri 3.
    const friday = rows[4]!;
    expect(friday.slice(0, 4)).toEqual([3, 0.0025, 1500, 2500]);
    // Cap at .50% on the same-day 73,000,000: 1,000.00 a day; 1–5 Jul = 5,000.00 − 2,500.00 accrued.
    expect(friday[4]).toBe(2500);
  });
  it("rows past the lapse accrue nothing and say why; rows beyond the table's data stay blank", () => {
    const late = rows[read.plan.netAssets.length - 1]!;
    expect(late[0]).toBe(0);
    expect(String(late[5])).toMatch(/No days accrued/);
    expect(rows.at(-1)).toEqual([null, null, null, null, null, null]);
  });
});

describe("US market holidays for the demo", () => {
  it("computes Good Friday, observance and Juneteenth", () => {
    expect(isoDate(easterSunday(2024))).toBe("2024-03-31");
    const h2022 = marketHolidays(2022).map(isoDate);
    expect(h2022).toContain("2022-04-15"); // Good Friday
    expect(h2022).toContain("2022-06-20"); // Juneteenth on a Sunday → Monday
    expect(h2022).toContain("2022-12-26"); // Christmas on a Sunday → Monday
    expect(h2022).not.toContain("2021-12-31"); // New Year 2022 (Saturday) is not moved back
    expect(marketHolidays(2021).map(isoDate)).not.toContain("2021-06-18"); // no Juneteenth before 2022
    expect(marketHolidays(2026).map(isoDate)).toContain("2026-07-03"); // 4 July on a Saturday → Friday
  });
});
