/**
 * The pane writes what the runner writes: the quarterly report sheet and the
 * accrual columns come from the shared layouts (src/workbook), so every cell
 * of `reportLayout` and of `accrualColumns` must land in the stand-in with its
 * value or formula, number format and look.
 */
import { describe, expect, it } from "vitest";
import { day, serialFromDay } from "../../src/engine/calendar";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { parseQuarter } from "../../src/engine/periods";
import { quarterlyReport } from "../../src/engine/quarterlyReport";
import { computeAccruals } from "../../src/excel/computeAccruals";
import type { ExcelRun } from "../../src/excel/excelRun";
import { readWorkbook } from "../../src/excel/readWorkbook";
import { columnPoints, headerSections } from "../../src/excel/writeSheetLayout";
import { writeAnnualTable, writeQuarterlyReport } from "../../src/excel/writeReport";
import { annualTable } from "../../src/engine/annualTable";
import { annualLayout } from "../../src/workbook/annualLayout";
import {
  ACCRUAL_FORMATS,
  accrualAuditNote,
  accrualColumns,
} from "../../src/workbook/accrualColumns";
import { auditFacts } from "../../src/workbook/auditTrail";
import { readPlan } from "../../src/workbook/readPlan";
import { reportLayout } from "../../src/workbook/reportLayout";
import { FORMATS } from "../../src/workbook/schema";
import { address } from "../../src/workbook/sheetLayout";
import type { ExcelStandIn } from "../support/excelStandIn";
import { formatAddress } from "../support/excelStandInModel";
import { planStandIn } from "../support/excelStandInPlan";

const runOf = (standIn: ExcelStandIn) => standIn.run as unknown as ExcelRun;
const AS_OF = day("2025-04-15");
const PREPARED = "2025-04-15 09:00 UTC";

/** The plan workbook with user text that must stay text, and expenditures for the chart. */
function trust(): ExcelStandIn {
  const standIn = planStandIn();
  standIn.workbook.addTable(
    "Plan",
    "Expenditures",
    "AH1",
    ["Date", "Portfolio", "Category", "Amount", "Payee"],
    [
      [serialFromDay(day("2025-02-10")), "Growth", "c", 1200, '=HYPERLINK("http://x")'],
      [serialFromDay(day("2025-03-10")), "Growth", "a", 800, "-Printer"],
    ]
  );
  standIn.workbook.addTable(
    "Plan",
    "Agreements",
    "AN1",
    ["Agreement", "Counterparty", "Portfolio", "Approved", "In writing", "Notice days"],
    [["@Selling agreement", "+Broker", "All", serialFromDay(day("2024-12-02")), "Yes", 60]]
  );
  return standIn;
}

async function expectedLayout(standIn: ExcelStandIn) {
  const workbook = await readWorkbook(runOf(standIn));
  const read = readPlan(workbook);
  const evaluation = evaluatePlan(read.plan, {
    asOf: AS_OF,
    portfoliosWithBadNetAssets: read.portfoliosWithBadNetAssets,
  });
  const report = quarterlyReport(read.plan, parseQuarter("2025Q1")!, {
    asOf: evaluation.asOf,
    preparedAt: PREPARED,
  });
  // What the pane gathers when nothing is typed in "Prepared by" (src/excel/auditFacts.ts).
  const audit = auditFacts({
    preparedBy: "Excel user",
    // No one's name: the sign-off line stays blank for a signature (SPEC §5, 2026-12-06).
    preparedByIsAccount: true,
    preparedAt: PREPARED,
    inputWorkbook: standIn.workbook.name,
    netAssets: [
      { portfolio: "Growth", firstRow: 1, lastRow: 4, rows: 4, cells: "'Net Assets'!A2:C5" },
    ],
  });
  return {
    layout: reportLayout(
      { ...report, exceptions: [...read.exceptions, ...report.exceptions] },
      audit
    ),
    read,
    evaluation,
    audit,
  };
}

describe("the pane's report is the runner's layout", () => {
  it("every layout cell is written with its content, number format and look", async () => {
    const standIn = trust();
    const { layout } = await expectedLayout(standIn);
    expect(
      (
        await writeQuarterlyReport(runOf(standIn), {
          quarter: parseQuarter("2025Q1")!,
          asOf: AS_OF,
          preparedAt: PREPARED,
        })
      ).status
    ).toBe("done");
    const sheet = standIn.workbook.sheet(layout.sheetName)!;
    expect(layout.cells.length).toBeGreaterThan(100);
    // What Excel shows (formulas computed), read the office-js way.
    const shown = await standIn.run(async (context) => {
      const range = context.workbook.worksheets
        .getItem(layout.sheetName)
        .getUsedRangeOrNullObject()
        .load("values");
      await context.sync();
      return range.values;
    });
    for (const cell of layout.cells) {
      const written = sheet.cell(cell.row - 1, cell.column - 1);
      const where = address(cell.row, cell.column);
      if ("text" in cell) {
        // Text stays text, whatever it starts with.
        expect(written?.value, where).toBe(cell.text);
        expect(written?.formula, where).toBeUndefined();
        expect(written?.numberFormat, where).toBe(cell.style?.numberFormat ?? FORMATS.text);
      } else if ("number" in cell) expect(written?.value, where).toBe(cell.number);
      else if ("date" in cell) expect(written?.value, where).toBe(serialFromDay(cell.date));
      else if ("formula" in cell) {
        expect(written?.formula, where).toBe(`=${cell.formula}`);
        // The stand-in computes SUMs and sums of cells: the live total equals the engine's.
        expect(shown[cell.row - 1]![cell.column - 1], where).toBeCloseTo(cell.result, 2);
      }
      if (cell.style?.numberFormat)
        expect(written?.numberFormat, where).toBe(cell.style.numberFormat);
      const look = sheet.style(cell.row - 1, cell.column - 1);
      const style = cell.style ?? {};
      if (style.bold) expect(look.bold, where).toBe(true);
      if (style.italic) expect(look.italic, where).toBe(true);
      if (style.size) expect(look.size, where).toBe(style.size);
      if (style.color) expect(look.fontColor, where).toBe(`#${style.color.slice(2)}`);
      if (style.fill) expect(look.fill, where).toBe(`#${style.fill.slice(2)}`);
      if (style.align)
        expect(look.horizontalAlignment, where).toBe(
          style.align[0]!.toUpperCase() + style.align.slice(1)
        );
      if (style.wrap) expect(look.wrapText, where).toBe(true);
      if (style.border === "top") expect(look.borderEdgeTop, where).toBe("Continuous");
      if (style.border === "bottom") expect(look.borderEdgeBottom, where).toBe("Continuous");
    }
    // Payees and agreement names typed with "=", "-", "@", "+" are text.
    const texts = [...sheet.cells.values()].filter(
      (c) => typeof c.value === "string" && /^[=+\-@]/.test(c.value as string)
    );
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((c) => c.formula === undefined)).toBe(true);
    expect(sheet.merges.sort()).toEqual(
      layout.merges
        .map((m) =>
          formatAddress({
            row: m.top - 1,
            column: m.left - 1,
            rows: m.bottom - m.top + 1,
            columns: m.right - m.left + 1,
          })
        )
        .sort()
    );
    layout.columnWidths.forEach((width, i) =>
      expect(sheet.columnWidths.get(i)).toBe(columnPoints(width))
    );
    for (const { row, height } of layout.rowHeights)
      expect(sheet.rowHeights.get(row - 1)).toBe(height);
    expect(sheet.frozenRows).toBe(layout.frozenRows);
    // The same manual page breaks as the runner's (each block starts on a page where it fits).
    expect(sheet.pageBreaks).toEqual(layout.pageBreaks.map((row) => `A${row}`));
    expect(sheet.showGridlines).toBe(false);
    expect(sheet.pageLayout).toMatchObject({
      orientation: "Landscape",
      paperSize: "Letter",
      zoom: { horizontalFitToPages: 1 },
      printTitleRows: "$1:$2",
      leftHeader: headerSections(layout.print.header).left,
      centerFooter: "&8Page &P of &N",
    });
    // The chart: values from the layout's value column, labels from its category column.
    const spec = layout.charts[0]!;
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0]).toMatchObject({
      type: "BarClustered",
      title: spec.title,
      source: formatAddress({
        row: spec.firstRow - 1,
        column: spec.valueColumn - 1,
        rows: spec.lastRow - spec.firstRow + 1,
        columns: 1,
      }),
      categories: formatAddress({
        row: spec.firstRow - 1,
        column: spec.categoryColumn - 1,
        rows: spec.lastRow - spec.firstRow + 1,
        columns: 1,
      }),
      legendVisible: false,
    });
    // Nothing on the sheet that the layout does not have.
    const layoutCells = new Set(
      layout.cells.filter((c) => !("blank" in c)).map((c) => `${c.row - 1},${c.column - 1}`)
    );
    const extra = [...sheet.cells.entries()].filter(
      ([key, c]) => (c.value !== "" || c.formula) && !layoutCells.has(key)
    );
    expect(extra).toEqual([]);
  });

  it("every request of the report stays under 1.5 MB, with calculation suspended for each chunk", async () => {
    const standIn = trust();
    standIn.resetStats();
    await writeQuarterlyReport(runOf(standIn), {
      quarter: parseQuarter("2025Q1")!,
      asOf: AS_OF,
      preparedAt: PREPARED,
    });
    expect(standIn.stats.largestRequestBytes).toBeLessThan(1.5 * 1024 * 1024);
    expect(standIn.stats.suspendedSyncs).toBeGreaterThan(0);
  });
});

describe("the pane's accrual columns are the runner's", () => {
  it("values and formats equal accrualColumns cell for cell, Accrual note included", async () => {
    const standIn = trust();
    // An unknown portfolio row gets no figures and a note, as in the runner.
    const sheet = standIn.workbook.sheet("Net Assets")!;
    standIn.workbook.table("NetAssets")!.table.rowCount += 1;
    sheet.setCell(5, 0, { value: serialFromDay(day("2025-01-08")) });
    sheet.setCell(5, 1, { value: "Income" });
    sheet.setCell(5, 2, { value: 5_000_000 });
    const { read, evaluation } = await expectedLayout(standIn);
    const expected = accrualColumns(read.plan, evaluation, 5, read.exceptions);
    expect(expected[4]![5]).toContain("Income");
    const asOf = AS_OF;
    const evaluationAsOf = evaluatePlan(read.plan, {
      asOf,
      portfoliosWithBadNetAssets: read.portfoliosWithBadNetAssets,
    });
    const rows = accrualColumns(read.plan, evaluationAsOf, 5, read.exceptions);
    expect(
      (
        await computeAccruals(runOf(standIn), {
          mode: "values",
          overwrite: false,
          asOf,
          preparedAt: PREPARED,
        })
      ).status
    ).toBe("done");
    // The runner's note on the Days header: the same facts (Income is not a portfolio, so its row is in no range).
    expect(sheet.notes.get("0,3")).toBe(
      accrualAuditNote(
        auditFacts({
          preparedBy: "Excel user",
          preparedAt: PREPARED,
          inputWorkbook: "Book1.xlsx",
          netAssets: [
            { portfolio: "Growth", firstRow: 1, lastRow: 4, rows: 4, cells: "'Net Assets'!A2:C5" },
          ],
        })
      )
    );
    const written = standIn.workbook.tableRows("NetAssets").map((r) => r.slice(3));
    expect(written).toEqual(rows.map((r) => r.map((v) => v ?? "")));
    for (let r = 1; r <= 5; r += 1)
      ACCRUAL_FORMATS.forEach((format, i) =>
        expect(sheet.cell(r, 3 + i)?.numberFormat).toBe(format)
      );
  });
});

describe("the pane's annual SAI table is the runner's layout", () => {
  it("every cell of annualLayout is written with its content and number format, with the same print setup", async () => {
    const standIn = trust();
    const asOf = day("2026-02-15");
    const result = await writeAnnualTable(runOf(standIn), {
      year: 2025,
      asOf,
      preparedAt: PREPARED,
    });
    expect(result.status, result.message).toBe("done");
    const read = readPlan(await readWorkbook(runOf(standIn)));
    const layout = annualLayout(annualTable(read.plan, 2025, { asOf, preparedAt: PREPARED }));
    expect(result.sheetName).toBe("12b-1 SAI FY2025");
    const sheet = standIn.workbook.sheet(layout.sheetName)!;
    expect(layout.cells.length).toBeGreaterThan(20);
    for (const cell of layout.cells) {
      const written = sheet.cell(cell.row - 1, cell.column - 1);
      const where = address(cell.row, cell.column);
      if ("text" in cell) expect(written?.value, where).toBe(cell.text);
      else if ("number" in cell) expect(written?.value, where).toBe(cell.number);
      else if ("formula" in cell) expect(written?.formula, where).toBe(`=${cell.formula}`);
      if (cell.style?.numberFormat)
        expect(written?.numberFormat, where).toBe(cell.style.numberFormat);
    }
    expect(sheet.pageBreaks).toEqual(layout.pageBreaks.map((row) => `A${row}`));
    expect(sheet.pageLayout).toMatchObject({
      orientation: "Landscape",
      rightHeader: headerSections(layout.print.header).right,
    });
  });

  it("an unfinished fiscal year is refused unless Preliminary is ticked", async () => {
    const standIn = trust();
    const refused = await writeAnnualTable(runOf(standIn), { year: 2025, asOf: AS_OF });
    expect(refused.status).toBe("unusable");
    expect(refused.message).toContain('tick "Preliminary"');
    const quarter = await writeQuarterlyReport(runOf(standIn), {
      quarter: parseQuarter("2025Q2")!,
      asOf: AS_OF,
    });
    expect([quarter.status, quarter.message]).toEqual([
      "unusable",
      "2025 Q2 has not ended on 2025-04-15 (it ends 2025-06-30): ask for a preliminary report to see it so far, marked PRELIMINARY on every page.",
    ]);
  });
});
