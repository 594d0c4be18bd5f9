/**
 * What an adapter hands the shared reader: each plan table's header row and raw cell values,
 * and the workbook's date system. Both adapters (office-js and the runner's package reader)
 * produce this shape, so both read the plan by the same rules.
 */
import type { DateSystem } from "../engine/calendar";
import type { CellValue } from "./cells";

/**
 * Data rows handed over one at a time rather than as an array each (the runner's
 * scan of a long table): `row(index)` may return the same array every time, so a
 * reader uses it before asking for the next.
 */
export interface RowReader {
  readonly count: number;
  row(index: number): readonly CellValue[];
}

/** A table as an adapter read it: header row and data rows of raw values. */
export interface TableData {
  sheet: string;
  name: string;
  headers: readonly unknown[];
  /** The data rows, unless `rowReader` hands them over instead (then this is empty). */
  rows: readonly (readonly CellValue[])[];
  rowReader?: RowReader;
  /** Sheet row number of the first data row (for cell addresses), if known. */
  firstRow?: number;
  /** Sheet column number (1 = A) of the table's first column, if known. */
  firstColumn?: number;
  /**
   * The A1 address of a cell, when rows and columns do not sit where `firstRow` and
   * `firstColumn` say (the pane's wide-form NAV range, read as long rows). 0-based indexes.
   */
  cellAddress?: (rowIndex: number, columnIndex: number) => string;
}

export interface WorkbookData {
  /** Tables by name; lookup ignores case. */
  tables: readonly TableData[];
  dateSystem: DateSystem;
}
