/**
 * Reads the plan's Excel tables from an ExcelJS workbook into `TableData`
 * (the same shape the task pane hands `readPlan`). Only Excel table objects
 * count (SPEC §1: the workbook is the database, in tables): a plain range
 * that merely looks like one is not guessed at, the message says to run
 * `init`. A merged cell inside a plan table is refused with its location,
 * because a merge hides every value but its top-left one.
 */
import type ExcelJS from "exceljs";
import type { DateSystem } from "../../engine/calendar";
import { type CellValue } from "../../workbook/cells";
import type { TableData } from "../../workbook/readPlan";
import { TABLES } from "../../workbook/schema";
import { address } from "../../workbook/sheetLayout";
import { fromExcelJs } from "./cellValues";

export interface TableLocation {
  sheet: string;
  name: string;
  /** 1-based header row and first/last columns; `lastRow` includes the last data row. */
  headerRow: number;
  firstColumn: number;
  lastColumn: number;
  lastRow: number;
}

export interface WorkbookTables {
  dateSystem: DateSystem;
  tables: TableData[];
  locations: TableLocation[];
  /** Located reasons the workbook cannot be used as it is (merged cells…). */
  problems: string[];
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Parses "B3:F40" into 1-based bounds. */
export function parseRange(ref: string): Box {
  const match = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!match) throw new Error(`not a range: ${ref}`);
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const left = col(match[1]!);
  const top = Number(match[2]);
  return { top, left, bottom: match[4] ? Number(match[4]) : top, right: match[3] ? col(match[3]) : left };
}

/** The workbook's date system: ExcelJS exposes `date1904` from workbook.xml. */
export function dateSystemOf(workbook: ExcelJS.Workbook): DateSystem {
  return workbook.properties?.date1904 ? "1904" : "1900";
}

function mergesOf(sheet: ExcelJS.Worksheet): Box[] {
  // ExcelJS keeps merges in a private map keyed by the master cell; its public model is costly to build.
  const merges = (sheet as unknown as { _merges?: Record<string, { model?: Box }> })._merges ?? {};
  return Object.values(merges)
    .map((merge) => merge.model)
    .filter((box): box is Box => box !== undefined);
}

/** Every table of the schema found in `workbook` (other tables are ignored). */
export function readWorkbookTables(workbook: ExcelJS.Workbook): WorkbookTables {
  const dateSystem = dateSystemOf(workbook);
  const wanted = new Set(TABLES.map((t) => t.name.toLowerCase()));
  const tables: TableData[] = [];
  const locations: TableLocation[] = [];
  const problems: string[] = [];
  workbook.eachSheet((sheet) => {
    const merges = mergesOf(sheet);
    for (const table of sheet.getTables() as unknown as { table: { name: string; tableRef?: string; ref?: string; headerRow?: boolean; totalsRow?: boolean } }[]) {
      const model = table.table;
      if (!wanted.has(model.name.toLowerCase())) continue;
      const box = parseRange(model.tableRef ?? model.ref ?? "A1");
      const lastRow = box.bottom - (model.totalsRow ? 1 : 0);
      for (const merge of merges) {
        if (merge.top <= lastRow && merge.bottom >= box.top && merge.left <= box.right && merge.right >= box.left) {
          problems.push(
            `Sheet "${sheet.name}", table ${model.name}: cells ${address(merge.top, merge.left)}:${address(merge.bottom, merge.right)} are merged. A plan table cannot hold merged cells (only the first cell keeps its value); unmerge them.`,
          );
        }
      }
      const rowValues = (row: number): CellValue[] => {
        const values: CellValue[] = [];
        const r = sheet.getRow(row);
        for (let column = box.left; column <= box.right; column += 1) values.push(fromExcelJs(r.getCell(column).value, dateSystem));
        return values;
      };
      const headers = rowValues(box.top);
      const rows: CellValue[][] = [];
      for (let row = box.top + 1; row <= lastRow; row += 1) rows.push(rowValues(row));
      tables.push({ sheet: sheet.name, name: model.name, headers, rows, firstRow: box.top + 1, firstColumn: box.left });
      locations.push({ sheet: sheet.name, name: model.name, headerRow: box.top, firstColumn: box.left, lastColumn: box.right, lastRow });
    }
  });
  return { dateSystem, tables, locations, problems };
}
