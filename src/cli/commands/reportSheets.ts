/**
 * Writes report sheets (quarterly reports, the annual SAI table) into the
 * user's package: rendered by ExcelJS in a scratch workbook, grafted in.
 */
import { newExcelJsWorkbook } from "../xlsx/excelJs";
import type { SheetLayout } from "../../workbook/sheetLayout";
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
