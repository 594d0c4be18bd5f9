/**
 * A table's cells as the sheet scan found them (`BoxCells`), read a row at a
 * time: no array is made a row. A grid of them was 6 MB on the bench's
 * 91,300-row NetAssets table (13 MB once accrued, nine columns wide), made
 * after the scan and kept until the plan was read, long enough for the
 * collector to copy it twice (issue 24).
 */
import type { CellValue } from "../../workbook/cells";
import type { RowReader } from "../../workbook/workbookData";
import type { Box, BoxCells } from "./ooxml/sheetScan";

/**
 * The rows `box.top` (index 0: the header) to the last one holding a cell
 * (or `minBottom`, if lower), each as wide as `minWidth` or the rightmost
 * cell, null where the sheet has no cell. `row(index)` fills and returns the
 * same array each time: use it before asking for the next.
 *
 * `new ScannedRows(scan.cells[0], { top: 1, left: 1, bottom: 9, right: 3 }, 3).row(1)` → `[46022, "Growth", 2068.49]`
 */
export class ScannedRows implements RowReader {
  /** Rows from the header on. */
  readonly count: number;
  readonly width: number;
  private readonly scratch: CellValue[];
  // Where the cells of the row after the last one read begin: rows are mostly read in order.
  private nextIndex = -1;
  private nextCell = 0;

  constructor(
    private readonly cells: BoxCells,
    private readonly box: Box,
    minWidth: number,
    minBottom = box.top
  ) {
    const { rows, columns } = cells;
    // Cells come in sheet order: the last one is in the last row holding a cell.
    const lastRow = Math.max(Math.min(box.bottom, minBottom), rows[rows.length - 1] ?? 0);
    let lastColumn = Math.min(box.right, box.left + minWidth - 1);
    for (let i = 0; i < columns.length; i += 1)
      if (columns[i]! > lastColumn) lastColumn = columns[i]!;
    this.width = lastColumn - box.left + 1;
    this.count = lastRow - box.top + 1;
    this.scratch = new Array<CellValue>(this.width).fill(null);
  }

  /** Row `index` (0: the header), until the next call. */
  row(index: number): readonly CellValue[] {
    const { rows, columns, values } = this.cells;
    const sheetRow = this.box.top + index;
    let i = index === this.nextIndex ? this.nextCell : firstCellAtOrBelow(rows, sheetRow);
    this.scratch.fill(null);
    // The scan refuses rows out of order and a column twice in a row: one cell a place.
    for (; i < rows.length && rows[i] === sheetRow; i += 1)
      this.scratch[columns[i]! - this.box.left] = values[i]!;
    this.nextIndex = index + 1;
    this.nextCell = i;
    return this.scratch;
  }

  /** Every row as an array of its own: `[header, ...data rows]`. */
  grid(): CellValue[][] {
    return Array.from({ length: this.count }, (_, index) => [...this.row(index)]);
  }
}

/** The index of the first cell in sheet row `row` or below (`rows` ascends). */
function firstCellAtOrBelow(rows: Int32Array, row: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (rows[middle]! < row) low = middle + 1;
    else high = middle;
  }
  return low;
}
