/// <reference types="office-js" />
/**
 * Compute accruals (SPEC §4.2): writes Days · Rate · Daily fee · Month to date
 * · Cap headroom · Accrual note as columns of the NetAssets table, right of
 * its NAV columns — the same columns, figures and formats as the runner's
 * `accrue` (`src/workbook/accrualColumns.ts`).
 *
 * - Its own columns are marked by the defined name `rule12b1_AccrualColumns`
 *   over their headers (`accrualMarker.ts`, shared with the runner), so a
 *   re-run rewrites them in place; any other non-empty cell in the way (a
 *   user's columns with our headers, or notes right of the table) is not
 *   written over unless the user confirms (`overwrite: true`).
 * - The table is looked at again just before writing: if another writer
 *   (a co-author, a second pane) put the columns there meanwhile, they are
 *   recognised as ours; if the table's rows changed, nothing is written.
 * - Rows go in chunks under the payload limit, with progress. The cells about
 *   to be written are kept aside first (`keepAside`), and on Cancel they are
 *   put back: a cancelled re-run leaves the previous accruals as they were,
 *   never a mix of fresh and stale figures, never empty columns.
 * - "values" or "formulas" (`liveAccruals.ts`: Month to date live, its
 *   openings as labelled defined names, the rest values); the choice is remembered in the workbook settings.
 * - The audit trail rides on the first header, "Days", as the runner's does:
 *   `accrualAuditNote` of the facts `auditFacts.ts` gathers (the pane's
 *   "Prepared by", now, the version, this workbook's name, each portfolio's
 *   NetAssets rows), as a note (ExcelApi 1.18; a threaded comment on older
 *   hosts), replaced on every run that writes the columns.
 */
import type { Day } from "../engine/calendar";
import { evaluatePlan } from "../engine/evaluatePlan";
import {
  ACCRUAL_COLUMNS_MARKER,
  ACCRUAL_FORMATS,
  ACCRUAL_HEADERS,
  type AccrualCell,
  accrualAuditNote,
  accrualColumns,
} from "../workbook/accrualColumns";
import { NET_ASSETS, normalizeHeader } from "../workbook/schema";
import type { Refusal } from "../workbook/usablePlan";
import { address, letters } from "../workbook/sheetLayout";
import { accrualHeadersAt, loadMarker, type MarkerPlace, queueMarker } from "./accrualMarker";
import { type AuditNoteKind, gatherAuditFacts, preparedAtNow, writeAuditNote } from "./auditFacts";
import type { ExcelRun } from "./excelRun";
import { LIVE_FORMULA_MAX_ROWS, liveAccrualRows, type OpeningValue } from "./liveAccruals";
import { Cancelled, type Progress, NO_PROGRESS } from "./progress";
import { readWorkbook, REFUSED, type TableShape, tableShapes, usablePlan } from "./readWorkbook";
import { queueSetting, SETTING_KEYS } from "./settings";
import { type CellInput, keepAside, restoreBlock, writeBlock } from "./writeChunks";

export type AccrualMode = "values" | "formulas";

export interface ComputeAccrualsOptions {
  mode: AccrualMode;
  /** Write over non-empty cells rule12b1 did not write (the user confirmed). */
  overwrite: boolean;
  asOf: Day;
  /** "2026-11-28 14:05 UTC" for the audit note; now when left out. */
  preparedAt?: string;
  /** The pane's "Prepared by" field (kept in the workbook settings); see auditFacts.ts. */
  preparedBy?: string;
  progress?: Progress;
}

export interface ComputeAccrualsResult {
  status: "done" | "needs-confirmation" | "cancelled" | "unusable";
  rowsWritten: number;
  /** Rows whose Month to date is a live formula ("formulas" mode). */
  liveRows: number;
  /** Addresses of the cells in the way, when confirmation is needed. */
  conflicts: string[];
  /** Why the workbook cannot be used (the runner's sentences), when status is "unusable" for that reason. */
  problems?: Refusal[];
  /** What carries the audit note on the "Days" header, when the columns were written. */
  auditNote?: AuditNoteKind;
  /** What "Undo last run" puts back (the cells as they were before this run), when the columns were written. */
  undo?: AccrualUndo;
  message: string;
}

/**
 * The accrual cells as they were before a run (SPEC §4 "Undo", added 2026-12-06): the add-in's
 * writes clear Excel's own undo stack, so the pane keeps what it wrote over and can put it back.
 */
export interface AccrualUndo {
  sheet: string;
  table: string;
  /** 0-based sheet row and column of the first accrual cell. */
  row: number;
  column: number;
  /** The table's data rows when written: an undo after rows were added or removed is refused. */
  tableRows: number;
  previous: CellInput[][];
}

/** Column widths (points) of the six accrual columns, Days … Accrual note. */
export const HEADER_WIDTHS_POINTS = [40, 52, 72, 80, 80, 240];

/** A result with nothing written unless `extra` says otherwise. */
export const outcome = (
  status: ComputeAccrualsResult["status"],
  message: string,
  extra: Partial<ComputeAccrualsResult> = {}
): ComputeAccrualsResult => ({
  status,
  rowsWritten: 0,
  liveRows: 0,
  conflicts: [],
  message,
  ...extra,
});

function headerOf(shape: TableShape, header: string): string {
  return shape.headers.find((h) => normalizeHeader(h) === normalizeHeader(header)) ?? header;
}

function columnOf(shape: TableShape, header: string): number {
  return shape.headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(header));
}

/** The input columns of a table: its headers without our six (wherever they are). */
function inputHeaders(shape: TableShape): string[] {
  const at = accrualHeadersAt(shape.headers);
  return (
    at < 0
      ? shape.headers
      : [...shape.headers.slice(0, at), ...shape.headers.slice(at + ACCRUAL_HEADERS.length)]
  ).map(normalizeHeader);
}

/** Computes and writes the accrual columns. `computeAccruals(Excel.run, { mode: "values", overwrite: false, asOf })`. */
export async function computeAccruals(
  run: ExcelRun,
  options: ComputeAccrualsOptions
): Promise<ComputeAccrualsResult> {
  const progress = options.progress ?? NO_PROGRESS;
  let read: Awaited<ReturnType<typeof readWorkbook>>;
  try {
    read = await readWorkbook(run, progress);
  } catch (error) {
    if (error instanceof Cancelled)
      return outcome("cancelled", "Stopped before anything was written.");
    throw error;
  }
  const shape = read.shapes.find((s) => s.name.toLowerCase() === NET_ASSETS.name.toLowerCase());
  if (!shape)
    return outcome("unusable", `There is no ${NET_ASSETS.name} table: press Set up plan first.`);
  const preparedAt = options.preparedAt ?? preparedAtNow();
  // The runner's reader and gate: a cell it would refuse stops the pane too (issue 14).
  const usable = usablePlan(read);
  if (!usable.ok) return outcome("unusable", REFUSED, { problems: usable.refusals });
  const { plan, portfoliosWithBadNetAssets, exceptions } = usable.read;
  const evaluation = evaluatePlan(plan, { asOf: options.asOf, portfoliosWithBadNetAssets });
  // SPEC §2: an empty plan is "nothing to accrue yet", as the runner says, never "Wrote 1 rows".
  if (evaluation.nothingToCheck)
    return outcome(
      "unusable",
      `Nothing to accrue yet: ${evaluation.nothingToCheck.reason}. Nothing was written; fill in Portfolios, Rates, Governance and NetAssets first.`
    );
  const figures = accrualColumns(plan, evaluation, shape.rowCount, exceptions);
  const wantLive = options.mode === "formulas";
  const tooLong = wantLive && shape.rowCount > LIVE_FORMULA_MAX_ROWS;
  let rows: AccrualCell[][] = figures;
  let liveRows = 0;
  let openings: OpeningValue[] = [];
  if (wantLive && !tooLong) {
    const body = read.tables.find((t) => t.name === shape.name)!.rows;
    const dateColumn = columnOf(shape, "Date");
    const portfolioColumn = columnOf(shape, "Portfolio");
    const live = liveAccrualRows(evaluation, figures, {
      table: shape.name,
      dateHeader: headerOf(shape, "Date"),
      portfolioHeader: headerOf(shape, "Portfolio"),
      dailyFeeHeader: ACCRUAL_HEADERS[2],
      monthToDateHeader: ACCRUAL_HEADERS[3],
      dates: body.map((r) => r[dateColumn]),
      portfolios: body.map((r) => r[portfolioColumn]),
      dateSystem: read.dateSystem,
    });
    rows = live.rows;
    liveRows = live.liveRows;
    openings = live.openings;
  }
  const cells: CellInput[][] = rows.map((row) => row.map((cell) => cell ?? ""));
  const width = ACCRUAL_HEADERS.length;

  return run(async (context) => {
    // A fresh look just before writing: the marker, the table, and what is in the way.
    const marker = loadMarker(context);
    const fresh = (await tableShapes(context, [NET_ASSETS.name]))[0];
    if (
      !fresh ||
      fresh.sheet !== shape.sheet ||
      fresh.headerRow !== shape.headerRow ||
      fresh.firstColumn !== shape.firstColumn ||
      fresh.rowCount !== shape.rowCount ||
      inputHeaders(fresh).join("|") !== inputHeaders(shape).join("|")
    ) {
      return outcome(
        "unusable",
        `The ${NET_ASSETS.name} table changed while the accruals were being computed (rows or columns added or removed). Nothing was written; press Compute accruals again.`
      );
    }
    const place = marker.place();
    const at = accrualHeadersAt(fresh.headers);
    const ours = at >= 0 && isMarkedAt(place, fresh, at);
    const sheet = context.workbook.worksheets.getItem(fresh.sheet);
    const existing = at >= 0;
    const left = fresh.firstColumn + (existing ? at : fresh.columnCount);
    const columnsText = `${letters(left + 1)}:${letters(left + width)}`;
    if (!existing) {
      const clash = ACCRUAL_HEADERS.filter((h) =>
        fresh.headers.some((x) => normalizeHeader(x) === normalizeHeader(h))
      );
      if (clash.length > 0) {
        return outcome(
          "unusable",
          `Table ${fresh.name} already has a column "${clash[0]}" that rule12b1 did not write (no ${ACCRUAL_COLUMNS_MARKER} name over it). Rename or move it, then press Compute accruals again.`
        );
      }
    }
    if (!ours && !options.overwrite) {
      const conflicts: string[] = [];
      if (existing)
        conflicts.push(
          `columns ${ACCRUAL_HEADERS.map((h) => `"${h}"`).join(", ")} of ${fresh.name}, not marked as written by rule12b1`
        );
      else {
        // Anything right of the table, in its rows, that the new columns would cover.
        const inTheWay = sheet
          .getRangeByIndexes(fresh.headerRow, left, fresh.rowCount + 1, width)
          .getUsedRangeOrNullObject(true)
          .load("address");
        await context.sync();
        if (!inTheWay.isNullObject) conflicts.push(inTheWay.address);
      }
      if (conflicts.length > 0) {
        return outcome(
          "needs-confirmation",
          `Columns ${columnsText} of sheet "${fresh.sheet}" already hold data that rule12b1 did not write (${conflicts.join("; ")}). Write the accrual columns over it?`,
          { conflicts }
        );
      }
    }
    if (!existing) {
      const headers = sheet.getRangeByIndexes(fresh.headerRow, left, 1, width);
      headers.values = [[...ACCRUAL_HEADERS]];
      headers.format.font.bold = true;
      HEADER_WIDTHS_POINTS.forEach(
        (points, i) =>
          (sheet.getRangeByIndexes(fresh.headerRow, left + i, 1, 1).format.columnWidth = points)
      );
      context.workbook.tables
        .getItem(fresh.name)
        .resize(
          `'${fresh.sheet.replace(/'/g, "''")}'!${letters(fresh.firstColumn + 1)}${fresh.headerRow + 1}:${letters(left + width)}${fresh.headerRow + 1 + Math.max(fresh.rowCount, 1)}`
        );
    }
    queueSetting(context, SETTING_KEYS.accrualMode, options.mode);
    if (!ours) await mark(context, marker.exists(), fresh, left);
    else await context.sync();
    if (liveRows > 0) await defineOpenings(context, openings);
    // Kept aside, so that Cancel leaves the previous accruals (or the confirmed cells) as they were.
    const previous = await keepAside(
      context,
      fresh.sheet,
      fresh.headerRow + 1,
      left,
      fresh.rowCount,
      width
    );
    try {
      const written = await writeBlock(
        context,
        {
          sheet: fresh.sheet,
          row: fresh.headerRow + 1,
          column: left,
          rows: cells,
          as: liveRows > 0 ? "formulas" : "values",
          numberFormats: ACCRUAL_FORMATS,
          label: "Writing accruals",
        },
        progress
      );
      const where = `columns ${columnsText} of "${fresh.sheet}"`;
      const how =
        liveRows > 0
          ? ` Month to date is a live formula on ${liveRows.toLocaleString("en-US")} rows (a month's opening amount, where a row's days run into it, is a named value: Formulas ▸ Name Manager); Days, Rate, Daily fee, Cap headroom and Accrual note are values.`
          : tooLong
            ? ` Written as values: live formulas are written for tables of up to ${LIVE_FORMULA_MAX_ROWS.toLocaleString("en-US")} rows (each SUMIFS scans the whole table).`
            : "";
      const audit = await gatherAuditFacts(context, {
        plan,
        shapes: read.shapes,
        preparedAt,
        preparedBy: options.preparedBy,
      });
      const auditNote = await writeAuditNote(
        context,
        fresh.sheet,
        fresh.headerRow,
        left,
        accrualAuditNote(audit)
      );
      const headerCell = `'${fresh.sheet.replace(/'/g, "''")}'!${address(fresh.headerRow + 1, left + 1)}`;
      const trail =
        auditNote === "none"
          ? " This Excel has neither notes nor comments for add-ins, so the audit trail (who, when, NAV rows) was not put on the Days header."
          : ` The audit trail (who, when, NAV rows used) is in the ${auditNote} on ${headerCell}.`;
      return outcome(
        "done",
        `Wrote ${written.toLocaleString("en-US")} rows of accruals to ${where}.${how}${trail}`,
        {
          rowsWritten: written,
          liveRows,
          auditNote,
          undo: {
            sheet: fresh.sheet,
            table: fresh.name,
            row: fresh.headerRow + 1,
            column: left,
            tableRows: fresh.rowCount,
            previous,
          },
        }
      );
    } catch (error) {
      if (!(error instanceof Cancelled)) throw error;
      // Consistent after Cancel: the cells go back to what they were, never half fresh and half stale.
      await restoreBlock(context, {
        sheet: fresh.sheet,
        row: fresh.headerRow + 1,
        column: left,
        rows: previous,
      });
      return outcome(
        "cancelled",
        existing
          ? "The accrual columns were put back as they were before this run."
          : "No accruals were written; the cells under the new headers are as they were."
      );
    }
  });
}

/**
 * The named opening amounts the live Month to date formulas add (`liveAccruals.ts`), each with
 * its comment; a name left by an earlier run is replaced. Two syncs, whatever their number.
 */
async function defineOpenings(
  context: Excel.RequestContext,
  openings: readonly OpeningValue[]
): Promise<void> {
  if (openings.length === 0) return;
  const names = context.workbook.names;
  const existing = openings.map((o) => names.getItemOrNullObject(o.name));
  await context.sync();
  existing.forEach((item) => !item.isNullObject && item.delete());
  for (const opening of openings)
    names.add(opening.name, `=${opening.value.toFixed(2)}`, opening.comment);
  await context.sync();
}

function isMarkedAt(place: MarkerPlace | null, shape: TableShape, at: number): boolean {
  return (
    place !== null &&
    place.sheet === shape.sheet &&
    place.row === shape.headerRow &&
    place.column === shape.firstColumn + at
  );
}

/**
 * Sends the queued header writes with the marker name last. If another
 * writer added the name between our look and now, Excel refuses ours: that
 * is fine when theirs marks the same columns.
 */
async function mark(
  context: Excel.RequestContext,
  existed: boolean,
  shape: TableShape,
  left: number
): Promise<void> {
  queueMarker(context, existed, shape.sheet, shape.headerRow, left);
  try {
    await context.sync();
  } catch (error) {
    const again = loadMarker(context);
    await context.sync();
    const place = again.place();
    if (!(
      place &&
      place.sheet === shape.sheet &&
      place.row === shape.headerRow &&
      place.column === left
    ))
      throw error;
  }
}
