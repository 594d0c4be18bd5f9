/**
 * A `SheetLayout`'s cells as the worksheet holds them once written: one cell
 * per address, the last value written there, the styles it was given folded
 * into one, merged ranges applied (a merged-over cell keeps no value and takes
 * the top-left cell's style). This is the grid ExcelJS built from the layout
 * when it rendered whole report sheets (`test/cli/xlsx/writeLayoutReference.ts`),
 * made without ExcelJS so that `layoutSheetXml.ts` can write it as
 * SpreadsheetML; ExcelJS only numbers the styles (`writeStyleProbe`).
 */
import type ExcelJS from "exceljs";
import { type DateSystem, serialFromDay } from "../../engine/calendar";
import {
  address,
  type CellStyle,
  type LayoutCell,
  type SheetLayout,
} from "../../workbook/sheetLayout";
import { styleKey, styleModel } from "./layoutStyle";

/** What a grid cell holds: text, a number (dates as serials), a formula with its result, nothing, or a merged-over place. */
export type GridValue =
  | { text: string }
  | { number: number }
  | { formula: string; result: number }
  | { blank: true }
  | { merged: true };

export interface GridCell {
  column: number;
  value: GridValue;
  /**
   * The cell's style, as the keys (`styleKey`) of the layout styles it was
   * given joined by U+0001 (a later style over an earlier one), or null for
   * a cell the layout never styled (a merge's top-left corner it left out):
   * ExcelJS's default format, index 0.
   */
  style: string | null;
}

export interface LayoutGrid {
  /** Row number → its cells by column (a sparse array, as ExcelJS keeps a row). */
  rows: Map<number, GridCell[]>;
  /** Row number → height in points (the last one the layout gives). */
  heights: Map<number, number>;
  /** Merged ranges as `A1:C2`, in the order ExcelJS lists them (by their first merged-over cell). */
  mergeRefs: string[];
  /** Style key → the ExcelJS style it stands for. */
  styles: Map<string, Partial<ExcelJS.Style>>;
}

function gridValue(cell: LayoutCell, dateSystem: DateSystem): GridValue {
  if ("text" in cell) return { text: cell.text };
  if ("number" in cell) return { number: cell.number };
  if ("date" in cell) return { number: serialFromDay(cell.date, dateSystem) };
  if ("formula" in cell) return { formula: cell.formula, result: cell.result };
  return { blank: true };
}

/** The cell at (row, column), made unstyled and blank when absent. */
function cellAt(rows: Map<number, GridCell[]>, row: number, column: number): GridCell {
  let cells = rows.get(row);
  if (cells === undefined) rows.set(row, (cells = []));
  let cell = cells[column];
  if (cell === undefined) cells[column] = cell = { column, value: { blank: true }, style: null };
  return cell;
}

/**
 * The grid of `layout`: cells in the order given, a cell written twice keeping
 * its last value and its styles folded (fill, format and border of the first
 * where the second has none — font and alignment are always set), then the
 * merges, then the row heights.
 *
 * `layoutGrid({ …, cells: [{ row: 1, column: 1, text: "a" }], merges: [{ top: 1, left: 1, bottom: 1, right: 2 }] }, "1900")`
 * → row 1: A1 "a", B1 merged over with A1's style; `mergeRefs` `["A1:B1"]`
 */
export function layoutGrid(layout: SheetLayout, dateSystem: DateSystem): LayoutGrid {
  const rows = new Map<number, GridCell[]>();
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  // Layouts share style objects between cells: each is serialised to its key once.
  const keys = { date: new Map<CellStyle, string>(), other: new Map<CellStyle, string>() };
  for (const cell of layout.cells) {
    const target = cellAt(rows, cell.row, cell.column);
    target.value = gridValue(cell, dateSystem);
    const isDate = "date" in cell;
    let key: string;
    if (cell.style === undefined) key = styleKey(undefined, isDate);
    else {
      const known = isDate ? keys.date : keys.other;
      key = known.get(cell.style) ?? styleKey(cell.style, isDate);
      known.set(cell.style, key);
    }
    if (!styles.has(key)) styles.set(key, styleModel(cell.style, isDate));
    if (target.style === null) target.style = key;
    else {
      const folded = `${target.style}\u0001${key}`;
      if (!styles.has(folded))
        styles.set(folded, { ...styles.get(target.style)!, ...styles.get(key)! });
      target.style = folded;
    }
  }
  const firstMergedOver: { row: number; column: number; ref: string }[] = [];
  for (const { top, left, bottom, right } of layout.merges) {
    const master = cellAt(rows, top, left);
    for (let row = top; row <= bottom; row++)
      for (let column = left; column <= right; column++) {
        if (row === top && column === left) continue;
        const cell = cellAt(rows, row, column);
        cell.value = { merged: true };
        cell.style = master.style;
      }
    if (bottom > top || right > left)
      firstMergedOver.push({
        row: right > left ? top : top + 1,
        column: right > left ? left + 1 : left,
        ref: `${address(top, left)}:${address(bottom, right)}`,
      });
  }
  firstMergedOver.sort((a, b) => a.row - b.row || a.column - b.column);
  const heights = new Map<number, number>();
  for (const { row, height } of layout.rowHeights) heights.set(row, height);
  return { rows, heights, mergeRefs: firstMergedOver.map((m) => m.ref), styles };
}

/** The style keys `grids` use, in the order ExcelJS first meets them writing the sheets: by sheet, row, column. */
export function stylesInOrder(grids: readonly LayoutGrid[]): string[] {
  const seen = new Set<string>();
  for (const grid of grids)
    for (const row of [...grid.rows.keys()].sort((a, b) => a - b))
      for (const cell of grid.rows.get(row)!) if (cell?.style) seen.add(cell.style);
  return [...seen];
}

/**
 * Fills `sheet` with one blank cell per style `grids` use, in the order the
 * whole sheets met them (A1 the first, A2 the second, …), so that ExcelJS
 * writes the same styles part, style for style and index for index, as when
 * it wrote the sheets' cells itself. `probedStyles` reads the indexes back.
 *
 * `writeStyleProbe(scratch.addWorksheet("styles"), grids)` → the keys, in the probe's row order
 */
export function writeStyleProbe(sheet: ExcelJS.Worksheet, grids: readonly LayoutGrid[]): string[] {
  const keys = stylesInOrder(grids);
  keys.forEach((key, i) => {
    const model = grids.find((grid) => grid.styles.has(key))!.styles.get(key)!;
    sheet.getCell(i + 1, 1).style = model;
  });
  return keys;
}

/**
 * The style index ExcelJS gave each key in the probe sheet's XML (`keys` as
 * `writeStyleProbe` returned them); a key whose cell ExcelJS left out has the
 * default format, 0.
 *
 * `probedStyles('…<c r="A1" s="1"/>…', ["v"])` → `Map { "v" => 1 }`
 */
export function probedStyles(probeSheetXml: string, keys: readonly string[]): Map<string, number> {
  const byRow = new Map<number, number>();
  for (const [, row, index] of probeSheetXml.matchAll(/<c r="A(\d+)" s="(\d+)"/g))
    byRow.set(Number(row), Number(index));
  return new Map(keys.map((key, i) => [key, byRow.get(i + 1) ?? 0]));
}
