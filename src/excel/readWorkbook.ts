/// <reference types="office-js" />
/**
 * Reads the plan tables (SPEC §1) out of the open workbook into the
 * adapter-neutral `TableData` that `readPlan` parses, and detects the
 * workbook's date system.
 *
 * Loads only what it uses (table names; each table's address, size and
 * values), with one sync for the table list, one for every table's shape and
 * headers, then the bodies in slices of at most `READ_BUDGET_CELLS` cells per
 * sync, so a 100k-row NetAssets stays far below the 5 MB response limit.
 *
 * `readUsablePlan` is the pane's one way to the plan: the same reader and the
 * same gate as the runner (`refusals`, src/workbook/usablePlan.ts), so a NAV
 * typed as text, a blank NAV, merged cells… stop every button with the
 * runner's own sentence instead of a silently wrong figure.
 */
import type { SourceRef } from "../engine/exceptions";
import type { CellValue } from "../workbook/cells";
import {
  readPlan,
  type ReadPlanResult,
  type TableData,
  type WorkbookData,
} from "../workbook/readPlan";
import { TABLES } from "../workbook/schema";
import { address, MAX_ROW } from "../workbook/sheetLayout";
import { exception } from "../engine/exceptions";
import {
  blockingFindings,
  mergedCellsProblem,
  refusals,
  rowsBelowTableWarning,
} from "../workbook/usablePlan";
import { paneProblems, type Problem } from "./paneProblems";
import type { ExcelRun } from "./excelRun";
import { READ_BUDGET_CELLS } from "./payload";
import { computing, type Progress, NO_PROGRESS, stopIfCancelled } from "./progress";
import { detectDateSystem } from "./dateSystem";

/** Where a table sits on its sheet, and its header row. */
export interface TableShape {
  sheet: string;
  name: string;
  headers: string[];
  /** 0-based sheet row of the header row. */
  headerRow: number;
  /** 0-based sheet column of the first column. */
  firstColumn: number;
  /** Data rows (without the header, and without the totals row). */
  rowCount: number;
  columnCount: number;
  /**
   * 1 when the table's Total Row is on (Table Design → Total Row): the last
   * row of its range, after the data rows. Not a data row and not a row below
   * the table — as the runner reads a table's `totalsRowCount`
   * (src/cli/xlsx/readTables.ts). Absent: 0.
   */
  totalsRows?: number;
}

// The date system detection is shared with the worksheet functions: see dateSystem.ts.
export { detectDateSystem };

/** Shapes of the named tables that exist (case-insensitive names), in one sync after the table list. */
export async function tableShapes(
  context: Excel.RequestContext,
  names: readonly string[]
): Promise<TableShape[]> {
  const tables = context.workbook.tables;
  tables.load("items/name");
  await context.sync();
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const found = tables.items.filter((table) => wanted.has(table.name.toLowerCase()));
  const loaded = found.map((table) => {
    const header = table
      .getHeaderRowRange()
      .load(["values", "rowIndex", "columnIndex", "columnCount"]);
    const all = table.getRange().load("rowCount");
    const sheet = table.worksheet.load("name");
    // The range counts the totals row too, when it is on.
    table.load("showTotals");
    return { table, header, all, sheet };
  });
  await context.sync();
  return loaded.map(({ table, header, all, sheet }) => {
    const totalsRows = table.showTotals ? 1 : 0;
    return {
      sheet: sheet.name,
      name: table.name,
      headers: (header.values[0] ?? []).map((h) => String(h ?? "")),
      headerRow: header.rowIndex,
      firstColumn: header.columnIndex,
      rowCount: all.rowCount - 1 - totalsRows,
      columnCount: header.columnCount,
      totalsRows,
    };
  });
}

/**
 * Data rows of a table, read in slices of `READ_BUDGET_CELLS` cells, several
 * slices per sync while the batch stays under the same budget.
 */
export async function readTableRows(
  context: Excel.RequestContext,
  shape: TableShape,
  progress: Progress = NO_PROGRESS
): Promise<CellValue[][]> {
  const rows: CellValue[][] = [];
  if (shape.rowCount === 0 || shape.columnCount === 0) return rows;
  const sheet = context.workbook.worksheets.getItem(shape.sheet);
  const rowsPerSlice = Math.max(1, Math.floor(READ_BUDGET_CELLS / shape.columnCount));
  for (let start = 0; start < shape.rowCount; start += rowsPerSlice) {
    stopIfCancelled(progress);
    const count = Math.min(rowsPerSlice, shape.rowCount - start);
    const range = sheet
      .getRangeByIndexes(shape.headerRow + 1 + start, shape.firstColumn, count, shape.columnCount)
      .load("values");
    // One sync per slice, by design: one read of a large table must stay under Excel's 5 MB
    // response cap, and the user can cancel between slices.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    for (const row of range.values) rows.push(row as CellValue[]);
    progress.report(start + count, shape.rowCount, `Reading ${shape.name}`);
  }
  return rows;
}

/** A shape and its rows as `readPlan` wants them (sheet row and column numbers are 1-based there). */
export function tableData(shape: TableShape, rows: readonly (readonly CellValue[])[]): TableData {
  return {
    sheet: shape.sheet,
    name: shape.name,
    headers: shape.headers,
    rows,
    firstRow: shape.headerRow + 2,
    firstColumn: shape.firstColumn + 1,
  };
}

/**
 * Merged cells inside the tables, in the runner's words (a merge keeps only its
 * first cell's value, so the rows under it would read as blanks). Uses
 * `getMergedAreasOrNullObject` (ExcelApi 1.13); on an older host, where the
 * call fails, there is nothing more to learn and no problem is reported.
 */
export async function mergeProblems(
  context: Excel.RequestContext,
  shapes: readonly TableShape[]
): Promise<string[]> {
  try {
    const areas = shapes.map((shape) => ({
      shape,
      merged: context.workbook.worksheets
        .getItem(shape.sheet)
        .getRangeByIndexes(
          shape.headerRow,
          shape.firstColumn,
          shape.rowCount + 1,
          shape.columnCount
        )
        .getMergedAreasOrNullObject()
        .load("address"),
    }));
    await context.sync();
    return areas.flatMap(({ shape, merged }) =>
      merged.isNullObject
        ? []
        : merged.address
            .split(",")
            .map((a) =>
              a
                .slice(a.lastIndexOf("!") + 1)
                .replace(/\$/g, "")
                .trim()
            )
            .filter(Boolean)
            .map((area) => mergedCellsProblem(shape.sheet, shape.name, area))
    );
  } catch {
    return [];
  }
}

/**
 * The runner's warning for NAV rows just below the NetAssets table, outside its
 * range (src/cli/xlsx/readTables.ts): the rows under the table that hold
 * anything in its columns — a value or a formula, as `formulas` shows both —
 * up to the first empty one, read a slice at a time. None: `[]`.
 */
export async function rowsBelowWarnings(
  context: Excel.RequestContext,
  shapes: readonly TableShape[]
): Promise<string[]> {
  const warnings: string[] = [];
  for (const shape of shapes) {
    if (shape.name.toLowerCase() !== "netassets" || shape.columnCount === 0) continue;
    const sheet = context.workbook.worksheets.getItem(shape.sheet);
    // 0-based sheet row; the totals row is the table's own last row, not a row below it.
    const firstBelow = shape.headerRow + shape.rowCount + 1 + (shape.totalsRows ?? 0);
    const rowsPerSlice = Math.max(1, Math.floor(READ_BUDGET_CELLS / shape.columnCount));
    const below: number[] = [];
    for (let start = firstBelow; start < MAX_ROW; start += rowsPerSlice) {
      const count = Math.min(rowsPerSlice, MAX_ROW - start);
      const range = sheet
        .getRangeByIndexes(start, shape.firstColumn, count, shape.columnCount)
        .load("formulas");
      // Mostly one sync: the row under a table is usually empty.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      const firstEmpty = range.formulas.findIndex((row) =>
        row.every((cell) => cell === "" || cell === null)
      );
      const held = firstEmpty < 0 ? count : firstEmpty;
      for (let r = 0; r < held; r += 1) below.push(start + r + 1);
      if (firstEmpty >= 0) break;
    }
    if (below.length > 0) {
      const range = `${address(shape.headerRow + 1, shape.firstColumn + 1)}:${address(firstBelow, shape.firstColumn + shape.columnCount)}`;
      warnings.push(rowsBelowTableWarning(shape.sheet, shape.name, below, range));
    }
  }
  return warnings;
}

/** Every plan table of the schema that the workbook has, with the date system: what `readPlan` needs. */
export async function readWorkbook(
  run: ExcelRun,
  progress: Progress = NO_PROGRESS
): Promise<WorkbookData & { shapes: TableShape[]; problems: string[]; warnings: string[] }> {
  const read = await run(async (context) => {
    const dateSystem = await detectDateSystem(context);
    const shapes = await tableShapes(
      context,
      TABLES.map((t) => t.name)
    );
    const problems = await mergeProblems(context, shapes);
    const warnings = await rowsBelowWarnings(context, shapes);
    const tables: TableData[] = [];
    for (const shape of shapes)
      tables.push(tableData(shape, await readTableRows(context, shape, progress)));
    return { tables, dateSystem, shapes, problems, warnings };
  });
  // Every caller computes next: the bar says so rather than standing at "Reading … n of n".
  await computing(progress);
  return read;
}

/** A plan the pane may compute from, or the runner's reasons for refusing the workbook. */
export type UsablePlan<W> =
  { ok: true; workbook: W; read: ReadPlanResult } | { ok: false; refusals: Problem[] };

/**
 * Reads the plan as the runner does and applies its gate: first the adapter's
 * problems (merged cells), then `refusals` of `readPlan`.
 * `usablePlan({ tables, dateSystem, problems: [] })` → `{ ok: true, workbook, read }`.
 */
export function usablePlan<
  W extends WorkbookData & { problems: readonly string[]; warnings?: readonly string[] },
>(workbook: W, describe?: (source: SourceRef) => string): UsablePlan<W> {
  if (workbook.problems.length > 0)
    return { ok: false, refusals: workbook.problems.map((text) => ({ text })) };
  const read = readPlan(workbook);
  // What the reader found around the tables joins the plan's findings as warnings, as in the runner (src/cli/loadPlan.ts).
  read.exceptions.push(...(workbook.warnings ?? []).map((w) => exception("warning", "input", w)));
  // The runner's gate (`refusals`), in the pane's words: a cell named once, repeated mistakes grouped.
  const blocking = blockingFindings(read);
  const refused: Problem[] =
    blocking.length > 0 ? paneProblems(blocking, describe) : refusals(read, describe);
  return refused.length > 0 ? { ok: false, refusals: refused } : { ok: true, workbook, read };
}

/** `readWorkbook` then `usablePlan`: what every button that computes reads first. */
export async function readUsablePlan(
  run: ExcelRun,
  progress: Progress = NO_PROGRESS
): Promise<UsablePlan<Awaited<ReturnType<typeof readWorkbook>>>> {
  return usablePlan(await readWorkbook(run, progress));
}

/** The sentence a button shows above the refusals: nothing was done, and why. */
export const REFUSED = "This workbook cannot be used as it is, so nothing was written:";
