/**
 * Reads one plan table's rows into parsed values by its column specs (SPEC §1): finds the
 * table (case-insensitive), matches headers (case and surrounding spaces ignored), parses each
 * cell by its column's kind, and records a located `input` finding for every missing table or
 * column and every cell that cannot be read. A row with a bad cell is not returned.
 */
import type { DateSystem } from "../engine/calendar";
import { exception, type PlanException, type SourceRef } from "../engine/exceptions";
import {
  type CellValue,
  columnLetters,
  isBlank,
  type Parsed,
  parseChoice,
  parseCount,
  parseDate,
  parseMoney,
  parseMoneyCents,
  parseMonth,
  parseRate,
  parseShares,
  parseText,
  parseYesNo,
} from "./cells";
import { type ColumnSpec, normalizeHeader, TABLES, type TableName, type TableSpec } from "./schema";
import type { RowReader, TableData, WorkbookData } from "./workbookData";

/** One row's parsed values, by the column's header as the schema spells it. */
export type RowValues = Map<string, unknown>;

/** A readable row and where it is. */
export interface TableRow {
  values: RowValues;
  source: SourceRef;
}

/** The outcome of reading one table: its good rows, and whether the plan is still usable. */
export interface TableRowsResult {
  rows: TableRow[];
  /** True when a required table or a required column is missing. */
  unusable: boolean;
}

interface TableReader {
  spec: TableSpec;
  data: TableData;
  columnIndex: Map<string, number>;
  /** Where the table's rows are, shared by every record and finding that names one. */
  place: TablePlace;
}

/** A table's data rows one at a time, whether the adapter handed a reader or arrays. */
function rowsOf(data: TableData): RowReader {
  if (data.rowReader) return data.rowReader;
  const rows = data.rows;
  return { count: rows.length, row: (index) => rows[index]! };
}

function findTable(workbook: WorkbookData, name: string): TableData | undefined {
  return workbook.tables.find((table) => table.name.trim().toLowerCase() === name.toLowerCase());
}

/** Where a table's rows are: with a row's index, all it takes to name the row (`rowSource`). */
export interface TablePlace {
  readonly sheet: string;
  readonly table: string;
}

/**
 * Data row `rowIndex` (0-based) of the table at `place`, as a finding about the whole row names it.
 *
 * `rowSource({ sheet: "Net Assets", table: "NetAssets" }, 0)` → `{ sheet: "Net Assets", table: "NetAssets", row: 1 }`
 */
export function rowSource(place: TablePlace, rowIndex: number): SourceRef {
  return { sheet: place.sheet, table: place.table, row: rowIndex + 1 };
}

function sourceFor(reader: TableReader, rowIndex: number, column?: ColumnSpec): SourceRef {
  const source = rowSource(reader.place, rowIndex);
  if (column) {
    source.column = column.header;
    const index = reader.columnIndex.get(column.header);
    if (reader.data.cellAddress && index !== undefined) {
      source.address = reader.data.cellAddress(rowIndex, index);
    } else if (reader.data.firstRow !== undefined && index !== undefined) {
      source.address = `${columnLetters((reader.data.firstColumn ?? 1) + index)}${reader.data.firstRow + rowIndex}`;
    }
  }
  return source;
}

/** How `readTableRows` reads a table beyond its column specs. */
export interface ReadTableOptions {
  /**
   * Sees what could be read of a row that is left out (the NAV table uses it to mark the
   * portfolio, so no figure is computed from a series with a hole in it).
   */
  onBadRow?: (values: RowValues) => void;
  /**
   * Money cells as `parseMoneyCents` reads them (whole cents as a number where exact, else a
   * decimal), for a table read a row per NAV (issue 24); same findings as `parseMoney`.
   */
  moneyInCents?: boolean;
}

/**
 * Parses one raw cell by its column's kind; a blank takes the column's default text.
 * With `moneyInCents`, a money cell is `parseMoneyCents`'s whole cents where exact.
 */
export function parseCell(
  column: ColumnSpec,
  raw: CellValue,
  dateSystem: DateSystem,
  moneyInCents = false
): Parsed<unknown> {
  const value =
    isBlank(raw) &&
    column.defaultText !== undefined &&
    column.kind !== "rate" &&
    column.kind !== "money" &&
    column.kind !== "month"
      ? column.defaultText
      : raw;
  switch (column.kind) {
    case "date":
      return parseDate(value, dateSystem);
    case "money":
      return moneyInCents ? parseMoneyCents(value) : parseMoney(value);
    case "rate":
      return parseRate(value);
    case "count":
      return parseCount(value);
    case "month":
      return parseMonth(value);
    case "shares":
      return parseShares(value);
    case "yesno":
      return parseYesNo(value);
    case "choice":
      return parseChoice(value, column.choices ?? []);
    case "text":
      return parseText(value);
  }
}

/**
 * Maps header positions to the schema's columns; a missing required column is a finding.
 * Returns undefined when a required column is missing: then no row of the table can be read.
 */
function matchColumns(
  spec: TableSpec,
  data: TableData,
  exceptions: PlanException[]
): Map<string, number> | undefined {
  const columnIndex = new Map<string, number>();
  const headers = data.headers.map(normalizeHeader);
  let complete = true;
  for (const column of spec.columns) {
    const index = headers.indexOf(normalizeHeader(column.header));
    if (index >= 0) columnIndex.set(column.header, index);
    else if (column.required) {
      complete = false;
      exceptions.push(
        exception(
          "error",
          "input",
          `Table ${spec.name} on sheet "${data.sheet}" has no column "${column.header}" (was it renamed?). Found: ${data.headers.map(String).join(", ")}.`,
          { source: { sheet: data.sheet, table: spec.name, column: column.header } }
        )
      );
    }
  }
  return complete ? columnIndex : undefined;
}

/**
 * Reads the rows of table `name`, pushing a located finding into `exceptions` for each problem
 * (see `ReadTableOptions` for a left-out row and money in cents).
 *
 * `readTableRows(workbook, "Payments", exceptions)` →
 * `{ rows: [{ values: Map { "Date" → 46022, "Amount" → 146737.89, … }, source }], unusable: false }`.
 */
export function readTableRows(
  workbook: WorkbookData,
  name: TableName,
  exceptions: PlanException[],
  options: ReadTableOptions = {}
): TableRowsResult {
  const spec = TABLES.find((table) => table.name === name)!;
  const { records, unusable } = readTableRecords(
    workbook,
    name,
    exceptions,
    (values, rowIndex, place) => ({
      values: rowValues(spec, values),
      source: rowSource(place, rowIndex),
    }),
    options
  );
  return { rows: records, unusable };
}

/** The outcome of reading one table into records: its good rows, and whether the plan is still usable. */
export interface TableRecordsResult<Record> {
  records: Record[];
  /** True when a required table or a required column is missing. */
  unusable: boolean;
}

/**
 * A cell that could not be read, in the values `readTableRecords` hands a left-out row's
 * `onBadRow` (which sees only the cells that could be read).
 */
const UNREAD: unique symbol = Symbol("unread");

/** A row's parsed values (by the schema's column order) keyed by header, unread cells left out. */
function rowValues(spec: TableSpec, values: readonly unknown[]): RowValues {
  const map: RowValues = new Map();
  for (let columnNumber = 0; columnNumber < spec.columns.length; columnNumber += 1) {
    const value = values[columnNumber];
    if (value !== UNREAD) map.set(spec.columns[columnNumber]!.header, value);
  }
  return map;
}

/**
 * `readTableRows` building each good row's record straight from its parsed values, in the
 * schema's column order, with no `Map` a row: for the NetAssets table, read one row per day and
 * portfolio (issue 24). `build` may not keep `values` (the array is reused for the next row); it
 * gets the row's index and the table's place, from which `rowSource` names the row — a record
 * may keep those rather than an object a row. Same rows, same findings, in the same order, as
 * `readTableRows`.
 *
 * `readTableRecords(workbook, "NetAssets", exceptions, ([date, portfolio, amount], rowIndex, place) => …)`
 */
export function readTableRecords<Record>(
  workbook: WorkbookData,
  name: TableName,
  exceptions: PlanException[],
  build: (values: readonly unknown[], rowIndex: number, place: TablePlace) => Record,
  options: ReadTableOptions = {}
): TableRecordsResult<Record> {
  const { onBadRow, moneyInCents = false } = options;
  const spec = TABLES.find((table) => table.name === name)!;
  const data = findTable(workbook, name);
  if (!data) {
    if (!spec.required) return { records: [], unusable: false };
    exceptions.push(
      exception(
        "error",
        "input",
        `The workbook has no table "${name}" (expected on sheet "${spec.sheet}"); run Set up plan in the task pane (or npx rule12b1 init) to create it.`,
        { source: { sheet: spec.sheet, table: name } }
      )
    );
    return { records: [], unusable: true };
  }
  const columnIndex = matchColumns(spec, data, exceptions);
  // Without a required column no row of the table can be read: none is, so the plan never
  // holds a record with a required value missing (callers may still evaluate what is left).
  if (!columnIndex) return { records: [], unusable: true };
  // One place for every row: a record names its row from it when asked (`rowSource`).
  const reader: TableReader = {
    spec,
    data,
    columnIndex,
    place: { sheet: data.sheet, table: spec.name },
  };
  const records: Record[] = [];
  // The column positions, looked up once, not per row (a NAV table has one row per day and portfolio).
  const columns = spec.columns;
  const indexes = columns.map((column) => columnIndex.get(column.header));
  const values: unknown[] = columns.map(() => UNREAD);
  const rows = rowsOf(data);
  for (let rowIndex = 0; rowIndex < rows.count; rowIndex += 1) {
    // Used up before the next row is asked for: a reader may fill the same array again.
    const row = rows.row(rowIndex);
    if (row.every(isBlank)) continue;
    let bad = false;
    for (let columnNumber = 0; columnNumber < columns.length; columnNumber += 1) {
      const column = columns[columnNumber]!;
      const index = indexes[columnNumber];
      const raw = index === undefined ? null : row[index];
      const parsed = parseCell(column, raw ?? null, workbook.dateSystem, moneyInCents);
      values[columnNumber] = UNREAD;
      if (!parsed.ok) {
        bad = true;
        exceptions.push(
          exception("error", "input", `${column.header} ${parsed.problem}.`, {
            source: sourceFor(reader, rowIndex, column),
          })
        );
      } else if (parsed.value === null && column.required && index !== undefined) {
        bad = true;
        exceptions.push(
          exception("error", "input", `${column.header} is blank; it is required.`, {
            source: sourceFor(reader, rowIndex, column),
          })
        );
      } else {
        values[columnNumber] = parsed.value;
      }
    }
    if (bad) onBadRow?.(rowValues(spec, values));
    else records.push(build(values, rowIndex, reader.place));
  }
  return { records, unusable: false };
}
