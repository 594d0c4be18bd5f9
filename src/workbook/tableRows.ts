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
  parseMonth,
  parseRate,
  parseShares,
  parseText,
  parseYesNo,
} from "./cells";
import { type ColumnSpec, normalizeHeader, TABLES, type TableName, type TableSpec } from "./schema";
import type { TableData, WorkbookData } from "./workbookData";

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
}

function findTable(workbook: WorkbookData, name: string): TableData | undefined {
  return workbook.tables.find((table) => table.name.trim().toLowerCase() === name.toLowerCase());
}

function sourceFor(reader: TableReader, rowIndex: number, column?: ColumnSpec): SourceRef {
  const source: SourceRef = {
    sheet: reader.data.sheet,
    table: reader.spec.name,
    row: rowIndex + 1,
  };
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

/** Parses one raw cell by its column's kind; a blank takes the column's default text. */
export function parseCell(
  column: ColumnSpec,
  raw: CellValue,
  dateSystem: DateSystem
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
      return parseMoney(value);
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
 * Reads the rows of table `name`, pushing a located finding into `exceptions` for each problem.
 * `onBadRow` sees what could be read of a row that is left out (the NAV table uses it to mark
 * the portfolio, so no figure is computed from a series with a hole in it).
 *
 * `readTableRows(workbook, "Payments", exceptions)` →
 * `{ rows: [{ values: Map { "Date" → 46022, "Amount" → 146737.89, … }, source }], unusable: false }`.
 */
export function readTableRows(
  workbook: WorkbookData,
  name: TableName,
  exceptions: PlanException[],
  onBadRow?: (values: RowValues) => void
): TableRowsResult {
  const spec = TABLES.find((table) => table.name === name)!;
  const data = findTable(workbook, name);
  if (!data) {
    if (!spec.required) return { rows: [], unusable: false };
    exceptions.push(
      exception(
        "error",
        "input",
        `The workbook has no table "${name}" (expected on sheet "${spec.sheet}"); run Set up plan in the task pane (or npx rule12b1 init) to create it.`,
        { source: { sheet: spec.sheet, table: name } }
      )
    );
    return { rows: [], unusable: true };
  }
  const columnIndex = matchColumns(spec, data, exceptions);
  // Without a required column no row of the table can be read: none is, so the plan never
  // holds a record with a required value missing (callers may still evaluate what is left).
  if (!columnIndex) return { rows: [], unusable: true };
  const reader: TableReader = { spec, data, columnIndex };
  const rows: TableRow[] = [];
  data.rows.forEach((row, rowIndex) => {
    if (row.every(isBlank)) return;
    const values: RowValues = new Map();
    let bad = false;
    for (const column of spec.columns) {
      const index = columnIndex.get(column.header);
      const raw = index === undefined ? null : row[index];
      const parsed = parseCell(column, raw ?? null, workbook.dateSystem);
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
        values.set(column.header, parsed.value);
      }
    }
    if (bad) onBadRow?.(values);
    else rows.push({ values, source: sourceFor(reader, rowIndex) });
  });
  return { rows, unusable: false };
}
