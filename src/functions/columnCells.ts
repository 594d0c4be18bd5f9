/**
 * One column (or row) of a range argument, read in place. Ranges arrive as
 * 2-D arrays; a column argument takes one column or one row, and a single
 * value is a one-row column. A whole-column range is a million cells, so
 * the cells are not copied.
 */
import { CellError } from "./cellError";
import { MESSAGES } from "./messages";

/** The cells of one column or one row, by index. */
export interface Column {
  readonly length: number;
  /** True for a one-row range: its cells are named by column. */
  readonly horizontal: boolean;
  at(index: number): unknown;
}

/**
 * The one column (or row) of a range, or #VALUE! for a block of several
 * rows and columns.
 *
 * @example
 * columnCells([[1], [2]], "dates").at(1) // → 2
 * columnCells([[1, 2], [3, 4]], "dates") // → CellError "dates must be one column or one row (…)"
 */
export function columnCells(raw: unknown, name: string): Column | CellError {
  if (!Array.isArray(raw)) return { length: 1, horizontal: false, at: () => raw };
  if (!raw.every(Array.isArray))
    return { length: raw.length, horizontal: false, at: (index) => raw[index] };
  const rows = raw as unknown[][];
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  if (rows.length > 1 && width > 1)
    return new CellError("#VALUE!", MESSAGES.notOneColumn(name, rows.length, width));
  if (rows.length === 1 && width > 1) {
    const only = rows[0] ?? [];
    return { length: only.length, horizontal: true, at: (index) => only[index] };
  }
  return { length: rows.length, horizontal: false, at: (index) => rows[index]![0] };
}

/**
 * How a message names one cell of a range argument.
 *
 * @example
 * cellName("netAssets", 3, false) // → "netAssets, row 4"
 * cellName("netAssets", 3, true) // → "netAssets, column 4"
 */
export function cellName(name: string, index: number, horizontal: boolean): string {
  return `${name}, ${horizontal ? "column" : "row"} ${index + 1}`;
}

/**
 * A column argument's name for one of its cells, as in "its date is filled in".
 *
 * @example
 * singular("dates") // → "date"
 */
export function singular(name: string): string {
  return name.endsWith("s") ? name.slice(0, -1) : name;
}
