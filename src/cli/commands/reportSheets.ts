/**
 * Writes report sheets (quarterly reports, the annual SAI table) into the
 * user's package: rendered by ExcelJS in a scratch workbook, grafted in.
 */
import { newExcelJsWorkbook } from "../xlsx/excelJs";
import { letters, type SheetLayout } from "../../workbook/sheetLayout";
import { openOnSheet, setPrintArea, sheetRange } from "../xlsx/ooxml/openOnSheet";
import { injectCharts } from "../xlsx/injectCharts";
import { graftSheet, renderScratch } from "../xlsx/ooxml/graftSheet";
import type { XlsxPackage } from "../xlsx/ooxml/xlsxPackage";
import { layoutCharts } from "../xlsx/reportCharts";
import type { WorkbookTables } from "../xlsx/readTables";
import { writeLayout } from "../xlsx/writeLayout";

/**
 * Writes the report sheets into `pkg`: rendered by ExcelJS in a scratch
 * workbook (values, styles, merges, print setup), grafted into the user's
 * package — replacing a sheet of the same name in its tab position — with
 * their charts. Returns, per layout, whether a sheet was replaced.
 */
export async function writeReportSheets(
  pkg: XlsxPackage,
  layouts: readonly SheetLayout[],
  dateSystem: WorkbookTables["dateSystem"]
): Promise<boolean[]> {
  const scratch = await newExcelJsWorkbook();
  for (const layout of layouts)
    writeLayout(
      scratch.addWorksheet(layout.sheetName, { properties: { tabColor: { argb: "FF1F4E79" } } }),
      layout,
      dateSystem
    );
  const donor = await renderScratch(scratch);
  const replaced = layouts.map((layout) => graftSheet(pkg, donor, layout.sheetName).replaced);
  injectCharts(pkg, layoutCharts(layouts));
  return replaced;
}

/** The layout's cells as a print range: A1 to its last row and column. */
export function printRange(layout: SheetLayout): string {
  let lastRow = 1;
  let lastColumn = layout.columnWidths.length;
  for (const cell of layout.cells) {
    if (cell.row > lastRow) lastRow = cell.row;
    if (cell.column > lastColumn) lastColumn = cell.column;
  }
  return sheetRange(layout.sheetName, lastRow, letters(lastColumn));
}

/**
 * The board's sheets print on their own and the workbook opens on the last
 * of them (SPEC §5, 2026-12-06): each gets its print area, and the last is
 * the active, only selected tab — so Excel's Print (active sheets) prints
 * the report and nothing else. See src/cli/xlsx/ooxml/openOnSheet.ts for
 * what "Print Entire Workbook" does. Returns whether the workbook now opens
 * on the report.
 */
export async function printAndOpenOn(
  pkg: XlsxPackage,
  boardLayouts: readonly SheetLayout[]
): Promise<boolean> {
  for (const layout of boardLayouts) setPrintArea(pkg, layout.sheetName, printRange(layout));
  const last = boardLayouts.at(-1);
  return last ? await openOnSheet(pkg, last.sheetName) : false;
}
