/**
 * The reference for the report sheets written without ExcelJS's cell grid
 * (`src/cli/xlsx/layoutGrid.ts`, `layoutSheetXml.ts`): how the runner wrote a
 * report sheet until 2026-12-06, every cell through ExcelJS, so the tests can
 * hold the new route to the same bytes. The style models (`layoutStyle.ts`)
 * and the sheet settings (`writeSheetSettings.ts`) are the ones both routes
 * share; what is kept here is the part the direct route replaced: cells,
 * shared style objects, merges and row heights through ExcelJS's grid.
 *
 * Writes a `SheetLayout` onto an ExcelJS worksheet: values, formulas with
 * their cached results, styles, merges, widths, frozen rows and print setup.
 * Text goes in as a string value, which ExcelJS always stores as text — it
 * never becomes a formula, whatever its first character.
 */
import type ExcelJS from "exceljs";
import { type DateSystem, serialFromDay } from "../../../src/engine/calendar";
import type { CellStyle, LayoutCell, SheetLayout } from "../../../src/workbook/sheetLayout";
import { styleKey, styleModel } from "../../../src/cli/xlsx/layoutStyle";
import { writeSheetSettings } from "../../../src/cli/xlsx/writeSheetSettings";
import type { WrittenSheet } from "../../../src/cli/commands/reportSheets";
import { newExcelJsWorkbook } from "../../../src/cli/xlsx/excelJs";
import { injectCharts } from "../../../src/cli/xlsx/injectCharts";
import { graftSheet, renderScratch } from "../../../src/cli/xlsx/ooxml/graftSheet";
import type { XlsxPackage } from "../../../src/cli/xlsx/ooxml/xlsxPackage";
import { layoutCharts } from "../../../src/cli/xlsx/reportCharts";

/** One shared style object per distinct layout style (see `styleModel`), for one sheet. */
class StyleCache {
  private readonly byKey = new Map<string, Partial<ExcelJS.Style>>();
  /** Every object `of` has handed out. */
  readonly shared = new Set<Partial<ExcelJS.Style>>();

  of(style: CellStyle | undefined, isDate: boolean): Partial<ExcelJS.Style> {
    const key = styleKey(style, isDate);
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
  // Widths, page breaks, views, page setup, header and footer: what the direct route still has
  // ExcelJS render (the same calls, shared rather than copied).
  writeSheetSettings(sheet, layout);
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
