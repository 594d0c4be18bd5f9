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

/** Height of a row that sets none: Excel's default for a 10-point font is close to 15. */
export const DEFAULT_ROW_HEIGHT = 15;

export class LayoutBuilder {
  readonly cells: LayoutCell[] = [];
  readonly merges: SheetLayout["merges"] = [];
  readonly rowHeights: SheetLayout["rowHeights"] = [];
  readonly charts: ChartSpec[] = [];
  /** Rows that start a new printed page. */
  readonly pageBreaks: number[] = [];
  /** The next free row (1-based). */
  row = 1;
  private readonly heights = new Map<number, number>();
  /** The cells of each row, so restyling a range visits only its rows (issue 22 item 6). */
  private readonly byRow = new Map<number, LayoutCell[]>();
  private pageTop = 1;
  /**
   * Cells `style()` has looked at, for the test that the layout work grows
   * linearly with the report (a rescan of every cell per exception row made a
   * 10,000-portfolio report quadratic).
   */
  cellVisits = 0;

  /**
   * `pageHeight`: points of rows a printed page holds (after the repeated
   * title rows, at the fit-to-width scale); 0 = no pagination.
   */
  constructor(readonly pageHeight = 0) {}

  /** Writes `values` from column 1 (or `from`) on the current row; strings are text, never formulas. */
  put(values: readonly Put[], style: CellStyle = {}, from = 1): number {
    values.forEach((value, index) => {
      if (value === undefined) return;
      this.set(this.row, from + index, value, style);
    });
    return this.row++;
  }

  set(row: number, column: number, value: Put, style: CellStyle = {}): void {
    // The cell written out for each kind of value, with its keys in the order a spread of the
    // content gave them: spreads (and Object.keys for the style) were a quarter of a report's
    // layout time, which puts a cell on each of ten columns of every exception row.
    const styled = hasKeys(style);
    let cell: LayoutCell;
    if (value === null || value === undefined)
      cell = styled ? { blank: true, row, column, style } : { blank: true, row, column };
    else if (typeof value === "string")
      cell = styled ? { text: value, row, column, style } : { text: value, row, column };
    else if (typeof value === "number")
      cell = styled ? { number: value, row, column, style } : { number: value, row, column };
    else cell = { ...value, row, column, ...(styled ? { style } : {}) };
    this.cells.push(cell);
    const inRow = this.byRow.get(row);
    if (inRow) inRow.push(cell);
    else this.byRow.set(row, [cell]);
  }

  /**
   * Restyles cells already put (e.g. a number format over a block). Visits
   * only the rows `top`–`bottom`, never the whole sheet: the exception list
   * restyles each of its rows, and a rescan per row was quadratic.
   */
  style(top: number, left: number, bottom: number, right: number, style: CellStyle): void {
    for (let row = top; row <= bottom; row += 1) {
      for (const cell of this.byRow.get(row) ?? []) {
        this.cellVisits += 1;
        if (cell.column >= left && cell.column <= right) cell.style = { ...cell.style, ...style };
      }
    }
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    this.merges.push({ top, left, bottom, right });
  }

  height(row: number, height: number): void {
    this.rowHeights.push({ row, height });
    this.heights.set(row, height);
  }

  /** Points left on the current page, for rows from the next free row on. */
  remaining(): number {
    let used = 0;
    for (let r = this.pageTop; r < this.row; r += 1)
      used += this.heights.get(r) ?? DEFAULT_ROW_HEIGHT;
    return this.pageHeight - used;
  }

  /** Starts a new page at the next free row (when anything is on the current one). */
  breakPage(): void {
    if (this.row === this.pageTop) return;
    this.pageBreaks.push(this.row);
    this.pageTop = this.row;
  }

  /**
   * Keeps the next `height` points on one page: breaks first when they do
   * not fit what is left. Returns true when it broke the page.
   */
  keep(height: number): boolean {
    if (this.pageHeight <= 0 || height <= this.remaining()) return false;
    this.breakPage();
    return true;
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
    // Every row gets its height written, so Excel and LibreOffice break pages where we counted.
    const last = this.cells.reduce((max, cell) => Math.max(max, cell.row), 0);
    const rowHeights = [...this.rowHeights];
    for (let r = 1; r <= last; r += 1)
      if (!this.heights.has(r)) rowHeights.push({ row: r, height: DEFAULT_ROW_HEIGHT });
    rowHeights.sort((a, b) => a.row - b.row);
    return {
      sheetName,
      cells: this.cells,
      merges: this.merges,
      columnWidths,
      rowHeights,
      pageBreaks: [...this.pageBreaks],
      charts: this.charts,
      print,
      frozenRows,
    };
  }
}

/** Whether a style sets anything (`Object.keys(style).length > 0` without the array). */
function hasKeys(style: CellStyle): boolean {
  for (const key in style) if (Object.hasOwn(style, key)) return true;
  return false;
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

/**
 * Row height for `text` wrapped in a box `widthChars` wide (10-point font,
 * 12.5 points a line): one line is the default 15, so a table's one-line
 * rows stay even with its unwrapped ones.
 */
export function wrappedHeight(text: string, widthChars: number): number {
  const lines = Math.max(1, Math.ceil(text.length / Math.max(widthChars, 1)));
  return Math.max(DEFAULT_ROW_HEIGHT, lines * 12.5 + 2.5);
}
