/**
 * A small writer for `SheetLayout`s: put cells row by row, remember merges,
 * heights and charts. Keeps the report's block functions short and free of
 * bookkeeping.
 */
import type {
  CellContent,
  CellStyle,
  ChartSpec,
  LayoutCell,
  PrintSetup,
  SheetLayout,
} from "./sheetLayout";
import { address } from "./sheetLayout";

export type Put = CellContent | string | number | null | undefined;

export class LayoutBuilder {
  readonly cells: LayoutCell[] = [];
  readonly merges: SheetLayout["merges"] = [];
  readonly rowHeights: SheetLayout["rowHeights"] = [];
  readonly charts: ChartSpec[] = [];
  /** The next free row (1-based). */
  row = 1;

  /** Writes `values` from column 1 (or `from`) on the current row; strings are text, never formulas. */
  put(values: readonly Put[], style: CellStyle = {}, from = 1): number {
    values.forEach((value, index) => {
      if (value === undefined) return;
      this.set(this.row, from + index, value, style);
    });
    return this.row++;
  }

  set(row: number, column: number, value: Put, style: CellStyle = {}): void {
    const content: CellContent =
      value === null || value === undefined
        ? { blank: true }
        : typeof value === "string"
          ? { text: value }
          : typeof value === "number"
            ? { number: value }
            : value;
    this.cells.push({ ...content, row, column, ...(Object.keys(style).length ? { style } : {}) });
  }

  /** Restyles cells already put (e.g. a number format over a block). */
  style(top: number, left: number, bottom: number, right: number, style: CellStyle): void {
    for (const cell of this.cells) {
      if (cell.row >= top && cell.row <= bottom && cell.column >= left && cell.column <= right)
        cell.style = { ...cell.style, ...style };
    }
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    this.merges.push({ top, left, bottom, right });
  }

  height(row: number, height: number): void {
    this.rowHeights.push({ row, height });
  }

  skip(rows = 1): void {
    this.row += rows;
  }

  build(
    sheetName: string,
    columnWidths: number[],
    print: PrintSetup,
    frozenRows: number
  ): SheetLayout {
    return {
      sheetName,
      cells: this.cells,
      merges: this.merges,
      columnWidths,
      rowHeights: this.rowHeights,
      charts: this.charts,
      print,
      frozenRows,
    };
  }
}

/** `SUM` over rows `first`–`last` of `column`, with the engine's figure as the cached result. */
export function sumDown(column: number, first: number, last: number, result: number): CellContent {
  return last < first
    ? { number: 0 }
    : { formula: `SUM(${address(first, column)}:${address(last, column)})`, result };
}

/** `SUM` across columns `left`–`right` of `row`. */
export function sumAcross(row: number, left: number, right: number, result: number): CellContent {
  return { formula: `SUM(${address(row, left)}:${address(row, right)})`, result };
}

/** Row height for `text` wrapped in a box `widthChars` wide (10-point font, ~13pt a line). */
export function wrappedHeight(text: string, widthChars: number): number {
  const lines = Math.max(1, Math.ceil(text.length / Math.max(widthChars, 1)));
  return Math.max(15, lines * 12.5 + 3);
}
