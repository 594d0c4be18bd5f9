/**
 * Opens an .xlsx file in the Excel stand-in as Excel would show it to office-js:
 * every table with its header row and values (dates as serials of the file's
 * date system, errors as their text "#N/A", formulas as their value), merged
 * areas kept. Read with ExcelJS, not the runner's package reader, so the pane's
 * path is tested on its own.
 */
import ExcelJS from "exceljs";
import {
  createExcelStandIn,
  type ExcelStandIn,
  type StandInValue,
  StandInWorkbook,
} from "./excelStandIn";
import { parseAddress } from "./excelStandInModel";

/** 1 Jan 1970 as an Excel serial of the 1900 system. */
const UNIX_EPOCH_1900 = 25569;

/**
 * What `Range.values` gives for an ExcelJS cell value. A formula no program
 * has calculated yet is calculated, as Excel does on opening (only the
 * products of numbers the corpus uses are understood).
 */
function excelValue(value: ExcelJS.CellValue, date1904: boolean): StandInValue {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const serial = value.getTime() / 86_400_000 + UNIX_EPOCH_1900;
    return Math.round((date1904 ? serial - 1462 : serial) * 1e6) / 1e6;
  }
  if (typeof value === "object") {
    if ("error" in value) return String(value.error);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result !== undefined) return excelValue(result as ExcelJS.CellValue, date1904);
      const formula = (value as ExcelJS.CellFormulaValue).formula ?? "";
      if (!/^[\d.]+(\*[\d.]+)*$/.test(formula))
        throw new Error(`The stand-in loader cannot calculate =${formula}.`);
      return formula.split("*").reduce((product, n) => product * Number(n), 1);
    }
    if ("text" in value) return String((value as { text: unknown }).text);
    throw new Error(`The stand-in loader does not know the cell value ${JSON.stringify(value)}.`);
  }
  return value as StandInValue;
}

/** `await standInFromFile("trust.xlsx")` → a stand-in holding the file's tables. */
export async function standInFromFile(file: string): Promise<ExcelStandIn> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const date1904 = Boolean(book.properties.date1904);
  const workbook = new StandInWorkbook(date1904 ? "1904" : "1900");
  workbook.name = file.split(/[\\/]/).pop() ?? "Book1.xlsx";
  for (const sheet of book.worksheets) {
    const tables = (
      sheet as unknown as {
        getTables(): {
          table: { name: string; ref?: string; tableRef?: string; totalsRow?: boolean };
        }[];
      }
    ).getTables();
    for (const { table } of tables) {
      const area = parseAddress(table.tableRef ?? table.ref ?? "A1");
      const grid: StandInValue[][] = [];
      for (let r = 0; r < area.rows; r += 1) {
        const row: StandInValue[] = [];
        for (let c = 0; c < area.columns; c += 1)
          row.push(
            excelValue(sheet.getCell(area.row + r + 1, area.column + c + 1).value, date1904)
          );
        grid.push(row);
      }
      const topLeft = (table.tableRef ?? table.ref ?? "A1").split(":")[0]!;
      const added = workbook.addTable(
        sheet.name,
        table.name,
        topLeft,
        grid[0]!.map(String),
        grid.slice(1)
      );
      // Its range's last row is then the totals row (totalsRowCount="1"), as Excel's showTotals says.
      if (table.totalsRow) added.totalsRow = true;
    }
    // The sheet's other cells too (rows just below a table, notes beside it), as Excel shows them.
    const standInSheet = workbook.sheet(sheet.name) ?? workbook.addSheet(sheet.name);
    sheet.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (standInSheet.cell(r - 1, c - 1) === undefined)
          standInSheet.setCell(r - 1, c - 1, { value: excelValue(cell.value, date1904) });
      })
    );
    const merges = (sheet as unknown as { model: { merges?: string[] } }).model.merges ?? [];
    if (merges.length > 0) workbook.sheet(sheet.name)!.merges.push(...merges);
  }
  return createExcelStandIn(workbook);
}
