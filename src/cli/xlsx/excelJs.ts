/**
 * ExcelJS, loaded when a command first renders with it rather than when the
 * runner starts: `check` never renders, and its start-up does not pay for
 * ExcelJS's (about 60 ms of the runner's 0.2 s, its module graph of zip,
 * stream and XML libraries initialised on load).
 */
import type ExcelJS from "exceljs";

/**
 * A new, empty ExcelJS workbook (a scratch workbook to render into, or the
 * whole workbook `init` and `demo` write).
 *
 * `const workbook = await newExcelJsWorkbook(); workbook.addWorksheet("styles")`
 */
export async function newExcelJsWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excelJs } = await import("exceljs");
  return new excelJs.Workbook();
}
