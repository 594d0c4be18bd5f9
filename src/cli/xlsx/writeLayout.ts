/**
 * Writes a `SheetLayout` onto an ExcelJS worksheet: values, formulas with
 * their cached results, styles, merges, widths, frozen rows and print setup.
 * Text goes in as a string value, which ExcelJS always stores as text — it
 * never becomes a formula, whatever its first character.
 */
import type ExcelJS from "exceljs";
import { type DateSystem, serialFromDay } from "../../engine/calendar";
import type { CellStyle, LayoutCell, SheetLayout } from "../../workbook/sheetLayout";
import { FORMATS } from "../../workbook/schema";

const THIN = { style: "thin" as const, color: { argb: "FF7F7F7F" } };

function applyStyle(cell: ExcelJS.Cell, style: CellStyle | undefined, isDate: boolean): void {
  const s = style ?? {};
  if (s.bold || s.italic || s.size || s.color) {
    cell.font = {
      name: "Calibri",
      size: s.size ?? 10,
      ...(s.bold ? { bold: true } : {}),
      ...(s.italic ? { italic: true } : {}),
      ...(s.color ? { color: { argb: s.color } } : {}),
    };
  } else cell.font = { name: "Calibri", size: 10 };
  if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: s.fill } };
  const numberFormat = s.numberFormat ?? (isDate ? FORMATS.date : undefined);
  if (numberFormat) cell.numFmt = numberFormat;
  if (s.align || s.wrap || s.indent) {
    cell.alignment = {
      vertical: "top",
      ...(s.align ? { horizontal: s.align } : {}),
      ...(s.wrap ? { wrapText: true } : {}),
      ...(s.indent ? { indent: s.indent } : {}),
    };
  } else cell.alignment = { vertical: "top" };
  if (s.border === "top") cell.border = { top: THIN };
  if (s.border === "topDouble")
    cell.border = { top: THIN, bottom: { style: "double", color: { argb: "FF7F7F7F" } } };
  if (s.border === "bottom") cell.border = { bottom: THIN };
}

function valueOf(cell: LayoutCell, dateSystem: DateSystem): ExcelJS.CellValue {
  if ("text" in cell) return cell.text;
  if ("number" in cell) return cell.number;
  if ("date" in cell) return serialFromDay(cell.date, dateSystem);
  if ("formula" in cell)
    return { formula: cell.formula, result: cell.result } as ExcelJS.CellFormulaValue;
  return null;
}

/**
 * Fills `sheet` (expected empty) from `layout`.
 *
 * `writeLayout(workbook.addWorksheet(layout.sheetName), layout, "1900")`
 */
/**
 * `sheet.mergeCells` without ExcelJS's check of the new merge against every
 * earlier one, which made a report with one merged finding per portfolio
 * quadratic (issue 22 item 6: 20,000 merges took minutes). A layout's merges
 * never overlap (each block merges cells of its own rows), so the check finds
 * nothing; ExcelJS 4.4 keeps its merges in `_merges` by master address, and
 * the merge is made against an empty index, then added to the real one. If
 * that private field is ever gone, the checked merge is used.
 */
export function mergeUnchecked(
  sheet: ExcelJS.Worksheet,
  merge: { top: number; left: number; bottom: number; right: number }
): void {
  const internal = sheet as unknown as { _merges?: Record<string, unknown> };
  const merges = internal._merges;
  if (merges === null || typeof merges !== "object") {
    sheet.mergeCells(merge.top, merge.left, merge.bottom, merge.right);
    return;
  }
  internal._merges = {};
  try {
    sheet.mergeCells(merge.top, merge.left, merge.bottom, merge.right);
    Object.assign(merges, internal._merges);
  } finally {
    internal._merges = merges;
  }
}

export function writeLayout(
  sheet: ExcelJS.Worksheet,
  layout: SheetLayout,
  dateSystem: DateSystem
): void {
  layout.columnWidths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  for (const cell of layout.cells) {
    const target = sheet.getCell(cell.row, cell.column);
    target.value = valueOf(cell, dateSystem);
    applyStyle(target, cell.style, "date" in cell);
  }
  for (const merge of layout.merges) mergeUnchecked(sheet, merge);
  for (const { row, height } of layout.rowHeights) sheet.getRow(row).height = height;
  // A layout break starts a page at its row; OOXML's break sits after the row above.
  for (const row of layout.pageBreaks) if (row > 1) sheet.getRow(row - 1).addPageBreak();
  if (layout.frozenRows > 0)
    sheet.views = [{ state: "frozen", ySplit: layout.frozenRows, showGridLines: false }];
  else sheet.views = [{ showGridLines: false }];
  const { print } = layout;
  sheet.pageSetup = {
    ...sheet.pageSetup,
    orientation: print.orientation,
    paperSize: 1 as never, // US Letter: the board book's paper.
    fitToPage: true,
    fitToWidth: print.fitToWidth,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(print.repeatRows
      ? { printTitlesRow: `${print.repeatRows[0]}:${print.repeatRows[1]}` }
      : {}),
  };
  sheet.headerFooter = { oddHeader: print.header, oddFooter: print.footer };
}
