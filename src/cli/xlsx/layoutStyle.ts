/**
 * A layout cell's style as ExcelJS takes it (`styleModel`), and the key that
 * tells styles apart (`styleKey`).
 */
import type ExcelJS from "exceljs";
import type { CellStyle } from "../../workbook/sheetLayout";
import { FORMATS } from "../../workbook/schema";

const THIN = { style: "thin" as const, color: { argb: "FF7F7F7F" } };

/**
 * The ExcelJS style of a layout cell (a date's format defaults to the
 * workbook's date format). ExcelJS keys its `xf` records by their XML, and
 * writes a missing number format as `numFmtId="0"` whatever the cell's type,
 * so one probe cell per style (`writeStyleProbe`) gets the index every cell
 * of that style got when ExcelJS wrote them all.
 *
 * `styleModel({ bold: true }, false)` → `{ font: { name: "Calibri", size: 10, bold: true }, alignment: { vertical: "top" } }`
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
