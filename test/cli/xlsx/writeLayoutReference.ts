/**
 * The reference for the report sheets written without ExcelJS's cell grid
 * (`src/cli/xlsx/layoutGrid.ts`, `layoutSheetXml.ts`): how the runner wrote a
 * report sheet until 2026-12-06, every cell through ExcelJS, kept verbatim so
 * the tests can hold the new route to the same bytes.
 *
 * Writes a `SheetLayout` onto an ExcelJS worksheet: values, formulas with
 * their cached results, styles, merges, widths, frozen rows and print setup.
 * Text goes in as a string value, which ExcelJS always stores as text — it
 * never becomes a formula, whatever its first character.
 */
import type ExcelJS from "exceljs";
import { type DateSystem, serialFromDay } from "../../../src/engine/calendar";
import type { CellStyle, LayoutCell, SheetLayout } from "../../../src/workbook/sheetLayout";
import { FORMATS } from "../../../src/workbook/schema";
import type { WrittenSheet } from "../../../src/cli/commands/reportSheets";
import { newExcelJsWorkbook } from "../../../src/cli/xlsx/excelJs";
import { injectCharts } from "../../../src/cli/xlsx/injectCharts";
import { graftSheet, renderScratch } from "../../../src/cli/xlsx/ooxml/graftSheet";
import type { XlsxPackage } from "../../../src/cli/xlsx/ooxml/xlsxPackage";
import { layoutCharts } from "../../../src/cli/xlsx/reportCharts";

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
function styleModel(style: CellStyle | undefined, isDate: boolean): Partial<ExcelJS.Style> {
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

/** One shared style object per distinct layout style (see `styleModel`), for one sheet. */
class StyleCache {
  private readonly byKey = new Map<string, Partial<ExcelJS.Style>>();
  /** Every object `of` has handed out. */
  readonly shared = new Set<Partial<ExcelJS.Style>>();

  of(style: CellStyle | undefined, isDate: boolean): Partial<ExcelJS.Style> {
    const key = `${isDate ? "d" : "v"}${style ? JSON.stringify(style) : ""}`;
    let model = this.byKey.get(key);
    if (model === undefined) {
      model = styleModel(style, isDate);
      this.byKey.set(key, model);
      this.shared.add(model);
    }
    return model;
  }

  /** `next` over `previous`, a style this cache handed out for the same cell. */
  over(previous: Partial<ExcelJS.Style>, next: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
    const model = { ...previous, ...next };
    this.shared.add(model);
    return model;
  }
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

/**
 * Fills `sheet` (expected empty) from `layout`.
 *
 * `writeLayout(workbook.addWorksheet(layout.sheetName), layout, "1900")`
 */
export function writeLayout(
  sheet: ExcelJS.Worksheet,
  layout: SheetLayout,
  dateSystem: DateSystem
): void {
  layout.columnWidths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  const styles = new StyleCache();
  for (const cell of layout.cells) {
    const target = sheet.getCell(cell.row, cell.column);
    target.value = valueOf(cell, dateSystem);
    const style = styles.of(cell.style, "date" in cell);
    // A cell the layout styles twice keeps the first style's fill, format and border where the
    // second has none (font and alignment are always set), as setting them one by one did.
    target.style = styles.shared.has(target.style) ? styles.over(target.style, style) : style;
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

/**
 * `writeReportSheets` as it was until 2026-12-06: every layout written whole
 * on an ExcelJS scratch sheet (`writeLayout`), rendered, and grafted with its
 * shared strings inlined; `named` as `namesToWrite` placed the layouts.
 */
export async function writeReportSheetsReference(
  pkg: XlsxPackage,
  layouts: readonly SheetLayout[],
  dateSystem: DateSystem,
  named: readonly Omit<WrittenSheet, "replaced">[]
): Promise<WrittenSheet[]> {
  const placed = layouts.map((layout, i) => ({ ...layout, sheetName: named[i]!.sheetName }));
  const scratch = await newExcelJsWorkbook();
  for (const layout of placed)
    writeLayout(
      scratch.addWorksheet(layout.sheetName, { properties: { tabColor: { argb: "FF1F4E79" } } }),
      layout,
      dateSystem
    );
  const donor = await renderScratch(scratch);
  const written = placed.map((layout, i) => ({
    ...named[i]!,
    replaced: graftSheet(pkg, donor, layout.sheetName).replaced,
  }));
  injectCharts(pkg, layoutCharts(placed));
  return written;
}
