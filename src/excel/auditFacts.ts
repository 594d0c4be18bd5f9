/// <reference types="office-js" />
/**
 * The audit trail of what the pane writes (issue 6): the same `AuditFacts`
 * the runner fills (src/cli/runAudit.ts), gathered through office-js, and the
 * note that carries them on the accrual columns.
 *
 * - Prepared by: office-js gives an Excel add-in no user name (`Office.context`
 *   has a user profile only in Outlook; SSO would need an identity set-up the
 *   add-in does not have). So the pane has a "Prepared by" field: the name
 *   typed there is used, and kept in the workbook settings
 *   (`rule12b1.preparedBy`) so the field starts filled in next time; with
 *   nothing typed and nothing kept, "Excel user". Workbook settings are shared
 *   by co-authors, so the field shows the last preparer's name, which another
 *   co-author types over with their own.
 * - Prepared at: now in UTC, "2026-11-28 14:05 UTC", as the runner writes it.
 * - Version: `RULE12B1_VERSION`.
 * - Input workbook: `workbook.name` (ExcelApi 1.7), else "this workbook".
 * - NAV rows used: each portfolio's NetAssets rows and their cells, from the
 *   table's place on its sheet (`netAssetsRanges`).
 */
import type { Plan } from "../engine/plan";
import {
  type AuditFacts,
  auditFacts,
  type NetAssetsPlacement,
  netAssetsRanges,
} from "../workbook/auditTrail";
import { NET_ASSETS } from "../workbook/schema";
import { address } from "../workbook/sheetLayout";
import type { TableShape } from "./readWorkbook";
import { queueSetting, SETTING_KEYS } from "./settings";

/** The preparer when none was typed in the pane nor kept in the workbook. */
export const DEFAULT_PREPARER = "Excel user";
/** The input workbook when the host cannot tell its name (ExcelApi before 1.7). */
export const UNNAMED_WORKBOOK = "this workbook";

/**
 * Whether the host supports ExcelApi `version`. Outside Office (tests against
 * the stand-in, which has no `Office.context.requirements`) everything the
 * stand-in implements counts as supported.
 */
export function excelApiSupported(version: string): boolean {
  const requirements = typeof Office === "undefined" ? undefined : Office.context?.requirements;
  return typeof requirements?.isSetSupported === "function"
    ? requirements.isSetSupported("ExcelApi", version)
    : true;
}

/** "2026-11-28 14:05 UTC": the stamp the runner writes too. */
export function preparedAtNow(now = new Date()): string {
  return `${now.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Where a table sits, as `netAssetsRanges` wants it (1-based header row and columns). */
export function placementOf(shape: TableShape): NetAssetsPlacement {
  return {
    sheet: shape.sheet,
    headerRow: shape.headerRow + 1,
    firstColumn: shape.firstColumn + 1,
    lastColumn: shape.firstColumn + shape.columnCount,
  };
}

async function workbookName(context: Excel.RequestContext): Promise<string> {
  if (!excelApiSupported("1.7")) return UNNAMED_WORKBOOK;
  try {
    context.workbook.load("name");
    await context.sync();
    return context.workbook.name?.trim() || UNNAMED_WORKBOOK;
  } catch {
    return UNNAMED_WORKBOOK;
  }
}

/**
 * The audit facts of one pane action. `preparedBy` is what the pane's field
 * holds: kept in the workbook settings when given (queued, sent with this
 * call's sync), else the kept name, else "Excel user".
 *
 * `await gatherAuditFacts(context, { plan, shapes, preparedAt: "2026-11-28 14:05 UTC", preparedBy: "J. Doe" })`
 * → `{ preparedBy: "J. Doe", …, inputWorkbook: "Trust.xlsx", netAssets: [{ portfolio: "Growth", cells: "'Net Assets'!A2:C5", … }] }`
 */
export async function gatherAuditFacts(
  context: Excel.RequestContext,
  input: {
    plan: Pick<Plan, "netAssets" | "portfolios">;
    shapes: readonly TableShape[];
    preparedAt: string;
    preparedBy?: string;
  }
): Promise<AuditFacts> {
  const typed = input.preparedBy?.trim() ?? "";
  if (typed) queueSetting(context, SETTING_KEYS.preparedBy, typed);
  const kept = typed
    ? null
    : context.workbook.settings.getItemOrNullObject(SETTING_KEYS.preparedBy).load("value");
  await context.sync();
  const keptName =
    kept && !kept.isNullObject && typeof kept.value === "string" ? kept.value.trim() : "";
  const shape = input.shapes.find((s) => s.name.toLowerCase() === NET_ASSETS.name.toLowerCase());
  const ranges = shape
    ? netAssetsRanges(
        input.plan.netAssets,
        input.plan.portfolios.map((p) => p.portfolio),
        placementOf(shape)
      )
    : [];
  return auditFacts({
    preparedBy: typed || keptName || DEFAULT_PREPARER,
    // "Excel user" is no one's name: the board's sign-off line stays blank for a signature.
    ...(typed || keptName ? {} : { preparedByIsAccount: true }),
    preparedAt: input.preparedAt,
    inputWorkbook: await workbookName(context),
    netAssets: ranges,
  });
}

/** What carries the audit note: an Excel note, a threaded comment, or nothing (the host has neither API). */
export type AuditNoteKind = "note" | "comment" | "none";

/**
 * Puts `text` on one cell (0-based `row`, `column` of `sheetName`), replacing
 * what a previous run put there:
 *
 * 1. as the cell's note (ExcelApi 1.18) — the kind of note the runner writes
 *    through ExcelJS (`cell.note`);
 * 2. on hosts before 1.18, as a threaded comment (ExcelApi 1.10);
 * 3. else nowhere ("none"), and the caller says so.
 *
 * Never throws: a missing audit note is not worth failing the columns already
 * written; a step that fails moves on to the next.
 */
export async function writeAuditNote(
  context: Excel.RequestContext,
  sheetName: string,
  row: number,
  column: number,
  text: string
): Promise<AuditNoteKind> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const cell = address(row + 1, column + 1);
  if (excelApiSupported("1.18")) {
    try {
      const existing = sheet.notes.getItemOrNullObject(cell);
      await context.sync();
      if (existing.isNullObject) sheet.notes.add(sheet.getRange(cell), text);
      else existing.content = text;
      await context.sync();
      return "note";
    } catch {
      // Fall back to a comment.
    }
  }
  if (excelApiSupported("1.10")) {
    try {
      const target = sheet.getRange(cell);
      try {
        // getItemByCell fails when the cell has no comment yet: its own sync.
        context.workbook.comments.getItemByCell(target).delete();
        await context.sync();
      } catch {
        // No comment from a previous run.
      }
      context.workbook.comments.add(target, text);
      await context.sync();
      return "comment";
    } catch {
      // Neither: the caller reports it.
    }
  }
  return "none";
}
