/// <reference types="office-js" />
/**
 * Quarterly report (SPEC §4.4, §5): inserts or refreshes the sheet
 * `12b-1 Report YYYY-Qn` from the same `reportLayout` the runner writes, so
 * the pane and the runner produce the same report.
 *
 * The new sheet is built hidden under a temporary name of its own
 * (`~12b-1 Report 2026-Q3 <stamp>`) and swapped in at the end, so a re-run
 * replaces the old sheet (never a duplicate), a Cancel leaves the previous
 * report untouched, co-authors never see a half-written report, and two
 * writers at once do not build on each other's temporary sheet.
 *
 * The audit trail — who (the pane's "Prepared by"), when, the version, this
 * workbook's name, each portfolio's NetAssets rows (`auditFacts.ts`) and the
 * quarter's input fingerprint — is the sheet "12b-1 Audit trail", as the
 * runner writes it, not part of the board's pages. The report sheet is left
 * the active sheet, so printing prints it (its print area is set by
 * writeSheetLayout).
 */
import type { Day } from "../engine/calendar";
import type { Period } from "../engine/periods";
import { quarterlyReport } from "../engine/quarterlyReport";
import { unfinishedQuarter } from "../workbook/reportLayout";
import { reportLayout } from "../workbook/reportLayout";
import { auditTrailLayout } from "../workbook/reportAuditTrail";
import { quarterText } from "../workbook/reportWords";
import { freeSheetName, keptSheetLine, writtenByRule12b1 } from "../workbook/reportSheetOwner";
import type { Refusal } from "../workbook/usablePlan";
import { gatherAuditFacts, preparedAtNow } from "./auditFacts";
import type { ExcelRun } from "./excelRun";
import { Cancelled, type Progress, NO_PROGRESS } from "./progress";
import { readWorkbook, REFUSED, usablePlan } from "./readWorkbook";
import { writeSheetLayout } from "./writeSheetLayout";
import type { SheetLayout } from "../workbook/sheetLayout";
import { annualTable, fiscalYearFor } from "../engine/annualTable";
import { annualLayout } from "../workbook/annualLayout";

export interface ReportResult {
  status: "done" | "cancelled" | "unusable";
  sheetName: string;
  replaced: boolean;
  message: string;
  /** Why the workbook cannot be used (the runner's sentences), when it is refused. */
  problems?: Refusal[];
}

const TEMPORARY_PREFIX = "~";
/** A temporary sheet older than this is a leftover of a run that died (closed pane, lost connection) and is removed. */
const LEFTOVER_MINUTES = 30;
const TAB_COLOR = "#1F4E79";
/** Random letters that end a temporary sheet's name, in base 36. */
const TAG_LENGTH = 3;
const TAG_VALUES = 36 ** TAG_LENGTH;

/**
 * `~12b-1 Report 2026-Q3 lx4k2a7q`: minutes since 1970 in base 36, then three random letters
 * (31 characters at most, Excel's limit). Three, not two: two writers in the same minute picked
 * the same name about once in 1,296 runs, and one of them failed.
 */
export function temporarySheetName(
  sheetName: string,
  now = Date.now(),
  random = Math.random
): string {
  const stamp = Math.floor(now / 60_000).toString(36);
  const tag = Math.floor(random() * TAG_VALUES)
    .toString(36)
    .padStart(TAG_LENGTH, "0");
  return `${TEMPORARY_PREFIX}${sheetName} ${stamp}${tag}`;
}

/** Minutes-since-1970 stamp of one of our temporary sheets of `sheetName`, or null for any other sheet. */
function temporaryStamp(name: string, sheetName: string): number | null {
  const prefix = `${TEMPORARY_PREFIX}${sheetName} `;
  if (!name.startsWith(prefix)) return null;
  const stamp = name.slice(prefix.length, -TAG_LENGTH);
  return /^[0-9a-z]+$/.test(stamp) ? parseInt(stamp, 36) : null;
}

export interface ReportOptions {
  quarter: Period;
  asOf: Day;
  /** Allow a quarter that has not ended by `asOf` (a preliminary report through `asOf`). */
  preliminary?: boolean;
  /** "2026-11-28 14:05 UTC"; now when left out. */
  preparedAt?: string;
  /** The pane's "Prepared by" field (kept in the workbook settings); see auditFacts.ts. */
  preparedBy?: string;
  progress?: Progress;
}

/** Writes the report of `quarter`. `writeQuarterlyReport(Excel.run, { quarter: parseQuarter("2026Q3")!, asOf, preparedBy: "J. Doe" })`. */
export async function writeQuarterlyReport(
  run: ExcelRun,
  options: ReportOptions
): Promise<ReportResult> {
  const progress = options.progress ?? NO_PROGRESS;
  let workbook: Awaited<ReturnType<typeof readWorkbook>>;
  try {
    workbook = await readWorkbook(run, progress);
  } catch (error) {
    if (error instanceof Cancelled)
      return {
        status: "cancelled",
        sheetName: "",
        replaced: false,
        message: "No report sheet was changed.",
      };
    throw error;
  }
  // The runner's reader and gate (src/workbook/usablePlan.ts): what `report` refuses is refused here.
  const usable = usablePlan(workbook);
  if (!usable.ok)
    return {
      status: "unusable",
      sheetName: "",
      replaced: false,
      message: REFUSED,
      problems: usable.refusals,
    };
  const read = usable.read;
  const preparedAt = options.preparedAt ?? preparedAtNow();
  const refused = unfinishedQuarter(options.quarter, options.asOf, Boolean(options.preliminary));
  if (refused) return { status: "unusable", sheetName: "", replaced: false, message: refused };
  const report = quarterlyReport(read.plan, options.quarter, {
    asOf: options.asOf,
    preparedAt,
    portfoliosWithBadNetAssets: read.portfoliosWithBadNetAssets,
  });
  const audit = await run((context) =>
    gatherAuditFacts(context, {
      plan: read.plan,
      shapes: workbook.shapes,
      preparedAt,
      preparedBy: options.preparedBy,
    })
  );
  const layout = reportLayout(
    { ...report, exceptions: [...read.exceptions, ...report.exceptions] },
    audit
  );
  const written = await writeLayoutSheet(run, layout, workbook.dateSystem, progress);
  if (written.status !== "done") return written;
  // The run's details and the fingerprint go to the audit trail sheet, not the board's pages
  // (SPEC §5, 2026-12-06). Then the report is the active sheet again, so printing prints it.
  await writeLayoutSheet(
    run,
    auditTrailLayout(audit, [
      {
        sheet: written.sheetName,
        period: quarterText(options.quarter.label),
        fingerprint: report.fingerprint,
      },
    ]),
    workbook.dateSystem,
    NO_PROGRESS
  );
  await run(async (context) => {
    context.workbook.worksheets.getItem(written.sheetName).activate();
    await context.sync();
  });
  return written;
}

/** Builds `layout` on a hidden temporary sheet and swaps it in for the sheet of its name. */
export async function writeLayoutSheet(
  run: ExcelRun,
  layout: SheetLayout,
  dateSystem: Awaited<ReturnType<typeof readWorkbook>>["dateSystem"],
  progress: Progress
): Promise<ReportResult> {
  const sheetName = layout.sheetName;
  const temporary = temporarySheetName(sheetName);

  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const { name: target, kept } = await nameToWrite(context, sheets.items, sheetName);
    const nowMinutes = Math.floor(Date.now() / 60_000);
    for (const item of sheets.items) {
      const stamp = temporaryStamp(item.name, sheetName);
      if (stamp !== null && nowMinutes - stamp > LEFTOVER_MINUTES) item.delete();
    }
    const sheet = sheets.add(temporary);
    sheet.visibility = "Hidden";
    await context.sync();
    try {
      await writeSheetLayout(context, temporary, layout, dateSystem, progress);
    } catch (error) {
      sheet.delete();
      await context.sync();
      if (error instanceof Cancelled)
        return {
          status: "cancelled",
          sheetName,
          replaced: false,
          message: "No report sheet was changed.",
        };
      throw error;
    }
    const replaced = await swapIn(context, sheet, target);
    return {
      status: "done",
      sheetName: target,
      replaced,
      message: `${kept ? `${keptSheetLine(kept, target)} ` : ""}${replaced ? "Refreshed" : "Inserted"} the sheet "${target}".`,
    };
  });
}

/**
 * The sheet name the report goes under (issue 22; the runner decides alike,
 * src/cli/commands/reportSheets.ts): `sheetName` unless a sheet of that name
 * is a person's (its A1 is no report title) — then the first "name (n)" that
 * is free or holds rule12b1's report. A1 of every candidate in one sync.
 */
async function nameToWrite(
  context: Excel.RequestContext,
  items: readonly Excel.Worksheet[],
  sheetName: string
): Promise<{ name: string; kept?: string }> {
  const prefix = sheetName.toLowerCase();
  const candidates = items
    .filter((item) => item.name.toLowerCase().startsWith(prefix))
    .map((item) => ({ name: item.name, a1: item.getRange("A1").load("values") }));
  if (candidates.length === 0) return { name: sheetName };
  await context.sync();
  const ours = (name: string): boolean | null => {
    const found = candidates.find((c) => c.name.toLowerCase() === name.toLowerCase());
    return found ? writtenByRule12b1(found.a1.values[0]?.[0]) : null;
  };
  if (ours(sheetName) !== false) return { name: sheetName };
  const kept = candidates.find((c) => c.name.toLowerCase() === prefix)!.name;
  const passed = [kept];
  for (;;) {
    const candidate = freeSheetName(sheetName, passed);
    if (ours(candidate) !== false) return { name: candidate, kept };
    passed.push(candidate);
  }
}

/**
 * Puts the finished temporary sheet in the place of `sheetName`: deletes the
 * old one (keeping its position) and renames. Another writer may swap its
 * own in between our look and our rename (Excel refuses the duplicate name),
 * so the look is repeated; the last writer's report stays, never two.
 */
async function swapIn(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  sheetName: string
): Promise<boolean> {
  let replaced = false;
  for (let attempt = 1; ; attempt += 1) {
    const previous = context.workbook.worksheets.getItemOrNullObject(sheetName).load("position");
    // A retry (at most 3 attempts), not a loop over data: each attempt must see the sheets anew.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    if (!previous.isNullObject) {
      replaced = true;
      previous.delete();
    }
    sheet.name = sheetName;
    sheet.visibility = "Visible";
    sheet.tabColor = TAB_COLOR;
    if (!previous.isNullObject) sheet.position = previous.position;
    sheet.activate();
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the same retry
      await context.sync();
      return replaced;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

export interface AnnualOptions {
  /** The calendar year the fiscal years end in. */
  year: number;
  asOf: Day;
  preliminary?: boolean;
  preparedAt?: string;
  progress?: Progress;
}

/** Writes the annual Item 19(g) table, sheet `12b-1 SAI FYyyyy` (SPEC §5 "The annual table"). `writeAnnualTable(Excel.run, { year: 2026, asOf })`. */
export async function writeAnnualTable(
  run: ExcelRun,
  options: AnnualOptions
): Promise<ReportResult> {
  const progress = options.progress ?? NO_PROGRESS;
  const none = (message: string): ReportResult => ({
    status: "unusable",
    sheetName: "",
    replaced: false,
    message,
  });
  let workbook: Awaited<ReturnType<typeof readWorkbook>>;
  try {
    workbook = await readWorkbook(run, progress);
  } catch (error) {
    if (error instanceof Cancelled)
      return { ...none("No sheet was changed."), status: "cancelled" };
    throw error;
  }
  // The runner's reader and gate, as for the quarterly report.
  const usable = usablePlan(workbook);
  if (!usable.ok) return { ...none(REFUSED), problems: usable.refusals };
  const read = usable.read;
  const years = read.plan.portfolios.map((p) => fiscalYearFor(options.year, p.fiscalYearEndMonth));
  if (years.some((y) => y.start > options.asOf))
    return none(`FY${options.year} has not begun: there is nothing to report yet.`);
  if (years.some((y) => y.end > options.asOf) && !options.preliminary)
    return none(
      `FY${options.year} has not ended for every portfolio: tick "Preliminary" for the table so far.`
    );
  const table = annualTable(read.plan, options.year, {
    asOf: options.asOf,
    preparedAt: options.preparedAt ?? preparedAtNow(),
    portfoliosWithBadNetAssets: read.portfoliosWithBadNetAssets,
  });
  return writeLayoutSheet(run, annualLayout(table), workbook.dateSystem, progress);
}
