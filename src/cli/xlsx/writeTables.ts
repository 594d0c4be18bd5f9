/**
 * Creates the plan tables of the schema on an ExcelJS workbook — what `init`
 * writes and what the demo fills — with headers, number formats, dropdown
 * lists and input help, placed by `tablePlacements()`.
 */
import type ExcelJS from "exceljs";
import type { CellValue } from "../../workbook/cells";
import {
  columnWidth,
  TABLE_STYLE,
  tablePlacements,
  validationFormula,
} from "../../workbook/initLayout";
import type { TableName } from "../../workbook/schema";
import { address } from "../../workbook/sheetLayout";

/** Extra rows below the data that get the dropdowns and formats, so typing new rows keeps them. */
const PREPARED_ROWS = 500;

function toExcelJs(value: CellValue): ExcelJS.CellValue {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object")
    return { error: value.error } as ExcelJS.CellErrorValue;
  return value;
}

/**
 * Adds every plan table, with `rows` (cells in schema column order) where given.
 *
 * `writePlanTables(new ExcelJS.Workbook(), { Portfolios: [["Growth", 46000, 0.005]] })`
 */
export function writePlanTables(
  workbook: ExcelJS.Workbook,
  rows: Partial<Record<TableName, CellValue[][]>> = {}
): void {
  for (const placement of tablePlacements()) {
    const { spec, headerRow, firstColumn } = placement;
    const sheet =
      workbook.getWorksheet(placement.sheet) ??
      workbook.addWorksheet(placement.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
    const data = rows[spec.name] ?? [];
    // Excel tables always have at least one data row; a blank one is skipped when read.
    const tableRows =
      data.length > 0
        ? data.map((row) => spec.columns.map((_, i) => toExcelJs(row[i] ?? null)))
        : [spec.columns.map(() => null)];
    sheet.addTable({
      name: spec.name,
      ref: address(headerRow, firstColumn),
      headerRow: true,
      style: { theme: TABLE_STYLE as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
      columns: spec.columns.map((column) => ({ name: column.header, filterButton: true })),
      rows: tableRows,
    });
    const lastPrepared = headerRow + tableRows.length + PREPARED_ROWS;
    spec.columns.forEach((column, index) => {
      const col = firstColumn + index;
      sheet.getColumn(col).width = columnWidth(column);
      const header = sheet.getCell(headerRow, col);
      header.font = { bold: true };
      header.alignment = { wrapText: true, vertical: "top" };
      header.note = column.help;
      if (column.numberFormat) {
        for (let row = headerRow + 1; row <= headerRow + tableRows.length; row += 1)
          sheet.getCell(row, col).numFmt = column.numberFormat;
      }
      const range = `${address(headerRow + 1, col)}:${address(lastPrepared, col)}`;
      const help = {
        showInputMessage: true,
        promptTitle: column.header,
        prompt: column.help.slice(0, 255),
      };
      if (column.validationList) {
        (
          sheet as unknown as {
            dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void };
          }
        ).dataValidations.add(range, {
          type: "list",
          allowBlank: !column.required,
          formulae: [validationFormula(column.validationList)],
          // Category accepts "(d)" too: warn, do not stop, so the finding shows up in check instead.
          showErrorMessage: column.kind !== "text",
          errorStyle: "stop",
          error: `Choose one of: ${column.validationList.join(", ")}`,
          ...help,
        });
      } else if (
        column.kind === "date" ||
        column.kind === "money" ||
        column.kind === "rate" ||
        column.kind === "count" ||
        column.kind === "month" ||
        column.kind === "shares"
      ) {
        (
          sheet as unknown as {
            dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void };
          }
        ).dataValidations.add(range, {
          type:
            column.kind === "date"
              ? "date"
              : column.kind === "count" || column.kind === "month"
                ? "whole"
                : "decimal",
          operator: "greaterThanOrEqual",
          allowBlank: !column.required,
          formulae: [column.kind === "date" ? 1 : 0],
          showErrorMessage: true,
          errorStyle: "stop",
          error: `${column.header}: enter ${column.kind === "date" ? "a date" : "a number"}, not text.`,
          ...help,
        });
      }
    });
  }
}
