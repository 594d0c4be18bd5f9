/**
 * What ExcelJS still renders of a `SheetLayout`: its cell styles (`styleModel`,
 * numbered by ExcelJS in the styles part) and its sheet-level settings
 * (`writeSheetSettings`). The grid itself is written as SpreadsheetML by
 * `layoutSheetXml.ts`.
 */
import type ExcelJS from "exceljs";
import type { CellStyle, SheetLayout } from "../../workbook/sheetLayout";
import { FORMATS } from "../../workbook/schema";

const THIN = { style: "thin" as const, color: { argb: "FF7F7F7F" } };

/**
 * The ExcelJS style of a layout cell. ExcelJS numbers a cell's style by
 * serialising it to XML when the workbook is written, once per style object it
 * has not seen (a WeakMap in its StylesXform): so cells of one style share one
 * object, and 43,000 cells cost a few dozen serialisations, not 43,000. The
 * style index is the same either way — ExcelJS keys its `xf` records by their
 * XML, and a missing number format is written as `numFmtId="0"` whatever the
 * cell's type (a date always carries its format here).
 */
export function styleModel(style: CellStyle | undefined, isDate: boolean): Partial<ExcelJS.Style> {
  const s = style ?? {};
  const model: Partial<ExcelJS.Style> = {};
  if (s.bold || s.italic || s.size || s.color) {
    model.font = {
      name: "Calibri",
      size: s.size ?? 10,
      ...(s.bold ? { bold: true } : {}),
      ...(s.italic ? { italic: true } : {}),
      ...(s.color ? { color: { argb: s.color } } : {}),
    };
  } else model.font = { name: "Calibri", size: 10 };
  if (s.fill) model.fill = { type: "pattern", pattern: "solid", fgColor: { argb: s.fill } };
  const numberFormat = s.numberFormat ?? (isDate ? FORMATS.date : undefined);
  if (numberFormat) model.numFmt = numberFormat;
  if (s.align || s.wrap || s.indent) {
    model.alignment = {
      vertical: "top",
      ...(s.align ? { horizontal: s.align } : {}),
      ...(s.wrap ? { wrapText: true } : {}),
      ...(s.indent ? { indent: s.indent } : {}),
    };
  } else model.alignment = { vertical: "top" };
  if (s.border === "top") model.border = { top: THIN };
  if (s.border === "topDouble")
    model.border = { top: THIN, bottom: { style: "double", color: { argb: "FF7F7F7F" } } };
  if (s.border === "bottom") model.border = { bottom: THIN };
  return model;
}

/**
 * The key of a layout cell's style: one per distinct `styleModel`.
 *
 * `styleKey({ bold: true }, false)` → `'v{"bold":true}'`
 */
export function styleKey(style: CellStyle | undefined, isDate: boolean): string {
  return `${isDate ? "d" : "v"}${style ? JSON.stringify(style) : ""}`;
}

/**
 * Puts the sheet-level settings of `layout` on `sheet` (expected empty):
 * column widths, page breaks, views (frozen rows, no grid lines), page setup
 * with print titles, header and footer — everything but the cells, their
 * merges and row heights, which `layoutSheetXml.ts` writes as SpreadsheetML.
 *
 * `writeSheetSettings(workbook.addWorksheet(layout.sheetName), layout)`
 */
export function writeSheetSettings(sheet: ExcelJS.Worksheet, layout: SheetLayout): void {
  layout.columnWidths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
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
