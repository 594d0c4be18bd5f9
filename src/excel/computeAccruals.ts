/// <reference types="office-js" />
/**
 * Compute accruals (SPEC §4.2): writes Days · Rate · Daily fee · Month to date
 * · Cap headroom as columns of the NetAssets table, right of its NAV columns.
 *
 * - Its own columns are recorded in the workbook settings (`rule12b1.accrualColumns`),
 *   so a re-run rewrites them in place; any other non-empty cell in the way (a
 *   user's column with the same header, or notes right of the table) is not
 *   written over unless the user confirms (`overwrite: true`).
 * - Rows go in chunks under the payload limit, with progress; on Cancel the
 *   rows already written this run are cleared again, so the columns never mix
 *   fresh and stale figures.
 * - The user's choice of values or formulas is remembered in the workbook.
 */
import type { Day } from "../engine/calendar";
import { evaluatePlan } from "../engine/evaluatePlan";
import { columnLetters } from "../workbook/cells";
import { readPlan } from "../workbook/readPlan";
import { NET_ASSETS, TABLES } from "../workbook/schema";
import { ACCRUAL_FORMATS, ACCRUAL_HEADERS, accrualRows } from "./accrualRows";
import type { ExcelRun } from "./excelRun";
import { Cancelled, type Progress, NO_PROGRESS } from "./progress";
import { detectDateSystem, readTableRows, tableData, type TableShape, tableShapes } from "./readWorkbook";
import { queueSetting, readSettingsIn, SETTING_KEYS } from "./settings";
import { writeBlock } from "./writeChunks";

export type AccrualMode = "values" | "formulas";

export interface ComputeAccrualsOptions {
  mode: AccrualMode;
  /** Write over non-empty cells rule12b1 did not write (the user confirmed). */
  overwrite: boolean;
  asOf: Day;
  progress?: Progress;
}

export interface ComputeAccrualsResult {
  status: "done" | "needs-confirmation" | "cancelled" | "unusable";
  rowsWritten: number;
  /** Addresses of the cells in the way, when confirmation is needed. */
  conflicts: string[];
  message: string;
}

interface OwnColumns {
  table: string;
  headers: string[];
}

function isOwnColumns(value: unknown): value is OwnColumns {
  return typeof value === "object" && value !== null && Array.isArray((value as OwnColumns).headers) && typeof (value as OwnColumns).table === "string";
}

/** Where the accrual columns go: the table column of each header, or new columns right of the table. */
function targetColumns(shape: TableShape, own: OwnColumns | null): { start: number; existing: boolean; foreignHeaders: string[] } {
  const lower = shape.headers.map((h) => h.trim().toLowerCase());
  const first = lower.indexOf(ACCRUAL_HEADERS[0].toLowerCase());
  const contiguous = first >= 0 && ACCRUAL_HEADERS.every((header, i) => lower[first + i] === header.toLowerCase());
  if (contiguous) {
    const ours = own !== null && own.table.toLowerCase() === shape.name.toLowerCase() && ACCRUAL_HEADERS.every((h) => own.headers.includes(h));
    return { start: first, existing: true, foreignHeaders: ours ? [] : [...ACCRUAL_HEADERS] };
  }
  const clash = ACCRUAL_HEADERS.filter((header) => lower.includes(header.toLowerCase()));
  return { start: shape.columnCount, existing: false, foreignHeaders: clash };
}

/** Computes and writes the accrual columns. `computeAccruals(Excel.run, { mode: "values", overwrite: false, asOf })`. */
export async function computeAccruals(run: ExcelRun, options: ComputeAccrualsOptions): Promise<ComputeAccrualsResult> {
  const progress = options.progress ?? NO_PROGRESS;
  const readAll = () => run(async (context) => {
    const settings = await readSettingsIn(context, [SETTING_KEYS.accrualColumns]);
    const dateSystem = await detectDateSystem(context);
    const shapes = await tableShapes(
      context,
      TABLES.map((t) => t.name),
    );
    const tables = [];
    for (const shape of shapes) tables.push(tableData(shape, await readTableRows(context, shape, progress)));
    return { own: settings.get(SETTING_KEYS.accrualColumns), dateSystem, shapes, tables };
  });
  let read: Awaited<ReturnType<typeof readAll>>;
  try {
    read = await readAll();
  } catch (error) {
    if (error instanceof Cancelled) return { status: "cancelled", rowsWritten: 0, conflicts: [], message: "Cancelled before anything was written." };
    throw error;
  }
  const shape = read.shapes.find((s) => s.name.toLowerCase() === NET_ASSETS.name.toLowerCase());
  if (!shape) return { status: "unusable", rowsWritten: 0, conflicts: [], message: `There is no ${NET_ASSETS.name} table: press Set up plan first.` };
  const own = isOwnColumns(read.own) ? read.own : null;
  const target = targetColumns(shape, own);
  const { plan, portfoliosWithBadNetAssets, unusable, exceptions } = readPlan({ tables: read.tables, dateSystem: read.dateSystem });
  if (unusable) return { status: "unusable", rowsWritten: 0, conflicts: [], message: exceptions[0]?.message ?? "The plan tables cannot be read." };
  const rows = accrualRows(evaluatePlan(plan, { asOf: options.asOf, portfoliosWithBadNetAssets }), shape.rowCount);
  const width = ACCRUAL_HEADERS.length;
  const left = shape.firstColumn + target.start;
  const columnsText = `${columnLetters(left + 1)}:${columnLetters(left + width)}`;

  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(shape.sheet);
    if (!options.overwrite) {
      const conflicts: string[] = target.foreignHeaders.map((h) => `column "${h}" of ${shape.name}`);
      if (!target.existing) {
        // Anything right of the table, in its rows, that the new columns would cover.
        const inTheWay = sheet.getRangeByIndexes(shape.headerRow, left, shape.rowCount + 1, width).getUsedRangeOrNullObject(true).load("address");
        await context.sync();
        if (!inTheWay.isNullObject) conflicts.push(inTheWay.address);
      }
      if (conflicts.length > 0) {
        return {
          status: "needs-confirmation",
          rowsWritten: 0,
          conflicts,
          message: `Columns ${columnsText} of sheet "${shape.sheet}" already hold data that rule12b1 did not write (${conflicts.join("; ")}). Write the accrual columns over it?`,
        };
      }
    }
    if (!target.existing) {
      sheet.getRangeByIndexes(shape.headerRow, left, 1, width).values = [[...ACCRUAL_HEADERS]];
      const lastColumn = columnLetters(left + width);
      context.workbook.tables.getItem(shape.name).resize(`'${shape.sheet.replace(/'/g, "''")}'!${columnLetters(shape.firstColumn + 1)}${shape.headerRow + 1}:${lastColumn}${shape.headerRow + 1 + Math.max(shape.rowCount, 1)}`);
    }
    queueSetting(context, SETTING_KEYS.accrualColumns, { table: shape.name, headers: [...ACCRUAL_HEADERS] });
    queueSetting(context, SETTING_KEYS.accrualMode, options.mode);
    await context.sync();
    try {
      const written = await writeBlock(context, { sheet: shape.sheet, row: shape.headerRow + 1, column: left, rows, as: "values", numberFormats: ACCRUAL_FORMATS, label: "Writing accruals" }, progress);
      return { status: "done", rowsWritten: written, conflicts: [], message: `Wrote ${written.toLocaleString("en-US")} rows of accruals to columns ${columnsText} of "${shape.sheet}".` };
    } catch (error) {
      if (!(error instanceof Cancelled)) throw error;
      // Consistent after Cancel: the accrual columns are left empty, never half fresh and half stale.
      if (shape.rowCount > 0) sheet.getRangeByIndexes(shape.headerRow + 1, left, shape.rowCount, width).clear("Contents");
      await context.sync();
      return { status: "cancelled", rowsWritten: 0, conflicts: [], message: "Cancelled: the accrual columns were cleared; press Compute accruals again to fill them." };
    }
  });
}
