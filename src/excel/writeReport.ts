/// <reference types="office-js" />
/**
 * Quarterly report (SPEC §4.4, §5): inserts or refreshes the sheet
 * `12b-1 Report YYYY-Qn`. The new sheet is built under a temporary name and
 * swapped in at the end, so a re-run replaces the old sheet (never a
 * duplicate) and a Cancel leaves the previous report untouched.
 */
import type { Day } from "../engine/calendar";
import { evaluatePlan } from "../engine/evaluatePlan";
import type { Period } from "../engine/periods";
import { quarterlyReport } from "../engine/quarterlyReport";
import { columnLetters } from "../workbook/cells";
import { readPlan } from "../workbook/readPlan";
import type { ExcelRun } from "./excelRun";
import { Cancelled, type Progress, NO_PROGRESS } from "./progress";
import { readWorkbook } from "./readWorkbook";
import { reportGrid } from "./reportSheet";
import { writeBlock } from "./writeChunks";

export interface ReportResult {
  status: "done" | "cancelled" | "unusable";
  sheetName: string;
  replaced: boolean;
  message: string;
}

const TEMPORARY_PREFIX = "~";

/** Writes the report of `quarter`. `writeQuarterlyReport(Excel.run, { quarter: parseQuarter("2026Q3")!, asOf, preparedAt })`. */
export async function writeQuarterlyReport(run: ExcelRun, options: { quarter: Period; asOf: Day; preparedAt: string; progress?: Progress }): Promise<ReportResult> {
  const progress = options.progress ?? NO_PROGRESS;
  let workbook: Awaited<ReturnType<typeof readWorkbook>>;
  try {
    workbook = await readWorkbook(run, progress);
  } catch (error) {
    if (error instanceof Cancelled) return { status: "cancelled", sheetName: "", replaced: false, message: "Cancelled: no report sheet was changed." };
    throw error;
  }
  const read = readPlan(workbook);
  if (read.unusable) return { status: "unusable", sheetName: "", replaced: false, message: read.exceptions[0]?.message ?? "The plan tables cannot be read." };
  const evaluation = evaluatePlan(read.plan, { asOf: options.asOf, portfoliosWithBadNetAssets: read.portfoliosWithBadNetAssets });
  const report = quarterlyReport(read.plan, evaluation, options.quarter, options.preparedAt);
  const grid = reportGrid({ ...report, exceptions: [...read.exceptions, ...report.exceptions] });
  const temporary = `${TEMPORARY_PREFIX}${grid.sheetName}`;

  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    const leftover = sheets.getItemOrNullObject(temporary);
    const previous = sheets.getItemOrNullObject(grid.sheetName).load("position");
    await context.sync();
    if (!leftover.isNullObject) leftover.delete();
    const sheet = sheets.add(temporary);
    await context.sync();
    try {
      const rows = grid.rows.map((row) => row.map((cell) => cell ?? ""));
      await writeBlock(context, { sheet: temporary, row: 0, column: 0, rows, as: "values", label: "Writing the report" }, progress);
    } catch (error) {
      sheet.delete();
      await context.sync();
      if (error instanceof Cancelled) return { status: "cancelled", sheetName: grid.sheetName, replaced: false, message: "Cancelled: no report sheet was changed." };
      throw error;
    }
    for (const f of grid.formats) sheet.getRangeByIndexes(f.row, f.column, f.rows, 1).numberFormat = Array.from({ length: f.rows }, () => [f.format]);
    const width = grid.rows[0]?.length ?? 1;
    for (const row of grid.boldRows) sheet.getRangeByIndexes(row, 0, 1, width).format.font.bold = true;
    grid.columnWidths.forEach((points, column) => (sheet.getRangeByIndexes(0, column, 1, 1).format.columnWidth = points));
    const source = sheet.getRangeByIndexes(grid.chart.firstRow, 0, grid.chart.rows, 2);
    const chart = sheet.charts.add("BarClustered", source, "Columns");
    chart.title.text = grid.chart.title;
    chart.legend.visible = false;
    chart.setPosition(`${columnLetters(width + 2)}2`, `${columnLetters(width + 9)}22`);
    sheet.pageLayout.orientation = "Landscape";
    sheet.pageLayout.centerHorizontally = true;
    sheet.pageLayout.setPrintArea(`A1:${columnLetters(width)}${grid.rows.length}`);
    sheet.pageLayout.zoom = { horizontalFitToPages: 1 };
    const replaced = !previous.isNullObject;
    if (replaced) previous.delete();
    sheet.name = grid.sheetName;
    if (replaced) sheet.position = previous.position;
    sheet.activate();
    await context.sync();
    return {
      status: "done",
      sheetName: grid.sheetName,
      replaced,
      message: `${replaced ? "Refreshed" : "Inserted"} the sheet "${grid.sheetName}".`,
    };
  });
}
