/// <reference types="office-js" />
/**
 * Journal entries (SPEC §7, the pane's "Journal entries"): inserts or
 * refreshes the sheet `12b-1 Journal YYYY-MM` from the same `journalLayout`
 * the runner writes (src/workbook/journalRun.ts builds the journal for both),
 * swapped in as the report is (a Cancel leaves the previous sheet). With
 * "Post", the entries not yet posted are appended to the PostedJournals
 * table, sealed, after the sheet is written.
 */
import type { Day } from "../engine/calendar";
import type { Period } from "../engine/periods";
import { journalLayout } from "../workbook/journalLayout";
import {
  buildJournal,
  postedJournalCells,
  rowsToPost,
  unfinishedMonth,
} from "../workbook/journalRun";
import { FORMATS, normalizeHeader, POSTED_JOURNALS } from "../workbook/schema";
import { letters } from "../workbook/sheetLayout";
import { preparedAtNow } from "./auditFacts";
import type { ExcelRun } from "./excelRun";
import { Cancelled, NO_PROGRESS, type Progress } from "./progress";
import { readWorkbook, REFUSED, type TableShape, usablePlan } from "./readWorkbook";
import { type ReportResult, writeLayoutSheet } from "./writeReport";

export interface JournalOptions {
  month: Period;
  asOf: Day;
  /** A month not ended by `asOf`, through `asOf`, marked PRELIMINARY (never posted). */
  preliminary?: boolean;
  /** One accrual entry per day. */
  byDay?: boolean;
  /** Append the entries to PostedJournals (once). */
  post?: boolean;
  preparedAt?: string;
  progress?: Progress;
}

export interface JournalResult extends ReportResult {
  /** Rows appended to PostedJournals. */
  posted: number;
}

/** Appends `cells` below the table (into its one empty row when it has no posted row yet) and grows it. */
async function appendRows(
  run: ExcelRun,
  shape: TableShape,
  cells: (string | number)[][],
  empty: boolean
): Promise<void> {
  if (cells.length === 0) return;
  const formats = shape.headers.map((header) => {
    const column = POSTED_JOURNALS.columns.find(
      (c) => normalizeHeader(c.header) === normalizeHeader(header)
    );
    return column?.numberFormat ?? FORMATS.text;
  });
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(shape.sheet);
    const first = shape.headerRow + 1 + (empty ? 0 : shape.rowCount);
    const range = sheet.getRangeByIndexes(
      first,
      shape.firstColumn,
      cells.length,
      shape.columnCount
    );
    // Text cells formatted as text first: Excel would read "2026-11" typed into a General cell as a date.
    range.numberFormat = cells.map((row) => row.map((_, i) => formats[i]!));
    range.values = cells;
    const last = first + cells.length;
    context.workbook.tables
      .getItem(shape.name)
      .resize(
        `'${shape.sheet.replace(/'/g, "''")}'!${letters(shape.firstColumn + 1)}${shape.headerRow + 1}:${letters(shape.firstColumn + shape.columnCount)}${Math.max(last, shape.headerRow + 1 + shape.rowCount)}`
      );
    await context.sync();
  });
}

/** `writeJournal(Excel.run, { month: parseMonth("2026-11")!, asOf })` → the sheet "12b-1 Journal 2026-11". */
export async function writeJournal(run: ExcelRun, options: JournalOptions): Promise<JournalResult> {
  const progress = options.progress ?? NO_PROGRESS;
  const none = (message: string, status: ReportResult["status"] = "unusable"): JournalResult => ({
    status,
    sheetName: "",
    replaced: false,
    message,
    posted: 0,
  });
  let workbook: Awaited<ReturnType<typeof readWorkbook>>;
  try {
    workbook = await readWorkbook(run, progress);
  } catch (error) {
    if (error instanceof Cancelled) return none("Cancelled: no sheet was changed.", "cancelled");
    throw error;
  }
  const usable = usablePlan(workbook);
  if (!usable.ok) return { ...none(REFUSED), problems: usable.refusals };
  const read = usable.read;
  const refused = unfinishedMonth(options.month, options.asOf, Boolean(options.preliminary));
  if (refused) return none(refused.replace("ask for a preliminary journal", 'tick "Preliminary"'));
  const built = buildJournal(read.plan, {
    month: options.month,
    asOf: options.asOf,
    byDay: Boolean(options.byDay),
    portfoliosWithBadNetAssets: read.portfoliosWithBadNetAssets,
  });
  if (!built.ok) return { ...none(REFUSED), problems: built.problems.map((text) => ({ text })) };
  const shape = workbook.shapes.find(
    (s) => s.name.toLowerCase() === POSTED_JOURNALS.name.toLowerCase()
  );
  if (options.post && !shape)
    return none(
      `Posting needs the ${POSTED_JOURNALS.name} table on the ${POSTED_JOURNALS.sheet} sheet: run Set up plan to add it.`
    );
  const preparedAt = options.preparedAt ?? preparedAtNow();
  const layout = journalLayout(built.journal, { preparedAt, asOf: options.asOf });
  const written = await writeLayoutSheet(run, layout, workbook.dateSystem, progress);
  if (written.status !== "done" || !options.post || !shape) return { ...written, posted: 0 };
  const posted = read.plan.postedJournals ?? [];
  const rows = rowsToPost(built.journal, posted, options.asOf);
  await appendRows(
    run,
    shape,
    postedJournalCells(rows, shape.headers, workbook.dateSystem, ""),
    posted.length === 0 && shape.rowCount <= 1
  );
  return {
    ...written,
    posted: rows.length,
    message: `${written.message} ${rows.length === 0 ? "Nothing new to post." : `Posted ${rows.length} journal(s) to ${POSTED_JOURNALS.name}.`}`,
  };
}
