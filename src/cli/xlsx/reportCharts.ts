/**
 * The charts to add on save: those of the report sheets written in this run
 * (from their layouts) and those of report sheets already in the workbook,
 * which ExcelJS dropped when it loaded the file — found again from the
 * sheet's own cells (the category block's header "Category (Plan §2)", its
 * "Trust" column, and the wording box the chart sits beside).
 */
import type ExcelJS from "exceljs";
import { isReportSheet } from "../../workbook/reportLayout";
import type { ChartSpec, SheetLayout } from "../../workbook/sheetLayout";
import { cellValue } from "../../workbook/sheetLayout";
import type { SheetCharts } from "./injectCharts";

const CATEGORY_HEADER = "Category (Plan §2)";
const WORDING_HEADER = "What each category covers (Plan §2 wording)";

function fromLayout(layout: SheetLayout): SheetCharts {
  const at = (row: number, column: number) => layout.cells.find((c) => c.row === row && c.column === column);
  return {
    sheetName: layout.sheetName,
    charts: layout.charts.map((spec) => {
      const rows = Array.from({ length: spec.lastRow - spec.firstRow + 1 }, (_, i) => spec.firstRow + i);
      return {
        spec,
        labels: rows.map((row) => String(cellValue(at(row, spec.categoryColumn) ?? { blank: true }) ?? "")),
        values: rows.map((row) => Number(cellValue(at(row, spec.valueColumn) ?? { blank: true }) ?? 0)),
      };
    }),
  };
}

function plain(value: ExcelJS.CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "object" && "result" in value) return (value.result as number | undefined) ?? null;
  return String(value);
}

function fromSheet(sheet: ExcelJS.Worksheet): SheetCharts | null {
  let headerRow = 0;
  let chartTop = 0;
  sheet.eachRow((row, number) => {
    if (!headerRow && plain(row.getCell(1).value) === CATEGORY_HEADER) headerRow = number;
    if (!chartTop && plain(row.getCell(7).value) === WORDING_HEADER) chartTop = number;
  });
  if (!headerRow || !chartTop) return null;
  let trustColumn = 0;
  sheet.getRow(headerRow).eachCell((cell, column) => {
    if (plain(cell.value) === "Trust") trustColumn = column;
  });
  if (!trustColumn) return null;
  const quarter = /(\d{4})-Q([1-4])$/.exec(sheet.name);
  const spec: ChartSpec = {
    title: `Expenditures by category, ${quarter ? `${quarter[1]}Q${quarter[2]}` : sheet.name} (trust total)`,
    firstRow: headerRow + 1,
    lastRow: headerRow + 9,
    categoryColumn: 1,
    valueColumn: trustColumn,
    anchor: { row: chartTop, column: 1, columns: 6, rows: 16 },
  };
  const rows = Array.from({ length: 9 }, (_, i) => headerRow + 1 + i);
  return {
    sheetName: sheet.name,
    charts: [{ spec, labels: rows.map((r) => String(plain(sheet.getCell(r, 1).value) ?? "")), values: rows.map((r) => Number(plain(sheet.getCell(r, trustColumn).value) ?? 0)) }],
  };
}

/** `reportSheetCharts(workbook, [layout])` → the charts of every report sheet in `workbook`. */
export function reportSheetCharts(workbook: ExcelJS.Workbook, written: readonly SheetLayout[]): SheetCharts[] {
  const fresh = new Map(written.map((layout) => [layout.sheetName, fromLayout(layout)]));
  const charts: SheetCharts[] = [];
  workbook.eachSheet((sheet) => {
    if (!isReportSheet(sheet.name)) return;
    const found = fresh.get(sheet.name) ?? fromSheet(sheet);
    if (found) charts.push(found);
  });
  return charts;
}
