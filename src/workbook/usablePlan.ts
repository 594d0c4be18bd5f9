/**
 * When a read plan may be used at all — the one gate both adapters apply
 * (the runner in src/cli/loadPlan.ts, the pane in src/excel/readWorkbook.ts),
 * so the pane refuses exactly what the runner refuses, with the same words:
 *
 * - a missing table or column, or any cell the reader refused (text in an
 *   amount, a blank NAV, an error value, a date typed as text…);
 * - else NAV rows that read fine but cannot form a history (negative net
 *   assets, a date repeated or out of order for its portfolio): the engine
 *   would compute no fee for that portfolio, a hole in every figure after it.
 *
 * Zero net assets are allowed (a class with no shareholders yet).
 */
import { describeSource, type PlanException, type SourceRef } from "../engine/exceptions";
import { toSeries } from "../engine/netAssetsSeries";
import type { NetAssetsColumns, NetAssetsRow } from "../engine/plan";
import type { ReadPlanResult } from "./readPlan";

/** One reason the workbook cannot be used, as a sentence, and the cell it is about when known. */
export interface Refusal {
  text: string;
  source?: SourceRef;
  /** The finding's own words, without where it is (for grouping, `groupedRefusals.ts`). */
  message?: string;
}

/**
 * The findings that stop every figure: `blockingFindings(readPlan(data))` →
 * `[]` for a clean workbook, or the input errors (else the NAV-history errors).
 */
export function blockingFindings(read: ReadPlanResult): PlanException[] {
  const inputErrors = read.exceptions.filter((e) => e.rule === "input" && e.severity === "error");
  if (read.unusable || inputErrors.length > 0) return inputErrors;
  return navHistoryErrors(read.plan.netAssets, read.plan.netAssetsColumns);
}

/**
 * The refusals of a read, as the runner prints them:
 * `refusals(read)` → `[{ text: 'Sheet "Net Assets", table NetAssets row 3, column "Class B net assets" (cell C4): Class B net assets holds text …', source }]`;
 * `[]` when the plan can be used.
 */
export function refusals(
  read: ReadPlanResult,
  /** Where a finding is, in words; the table's row and column by default (the runner's words). */
  describe: (source: SourceRef) => string = describeSource
): Refusal[] {
  const blocking = blockingFindings(read);
  if (blocking.length === 0 && read.unusable) return [{ text: "The plan tables cannot be read." }];
  return blocking.map((e) => ({
    text:
      e.source && e.source.row !== undefined
        ? `${capitalize(describe(e.source))}: ${e.message}`
        : e.message,
    message: e.message,
    ...(e.source ? { source: e.source } : {}),
  }));
}

/**
 * The sentence for merged cells inside a plan table (both adapters refuse them:
 * only the first cell of a merge keeps its value).
 * `mergedCellsProblem("Net Assets", "NetAssets", "A4:A5")`.
 */
export function mergedCellsProblem(sheet: string, table: string, area: string): string {
  return `Sheet "${sheet}", table ${table}: cells ${area} are merged. A plan table cannot hold merged cells (only the first cell keeps its value); unmerge them.`;
}

/**
 * The warning for NAV rows just below the NetAssets table, outside its range
 * (both adapters give it: those rows are not read, so no fee accrues on them).
 * `rowsBelowTableWarning("Net Assets", "NetAssets", [66, 67, 68], "A1:C65")`
 * → `'Sheet "Net Assets", table NetAssets: rows 66–68 just below the table hold values …'`
 */
export function rowsBelowTableWarning(
  sheet: string,
  table: string,
  rows: readonly number[],
  range: string
): string {
  const which = rows.length === 1 ? `row ${rows[0]}` : `rows ${rows[0]}–${rows[rows.length - 1]}`;
  return `Sheet "${sheet}", table ${table}: ${which} just below the table hold values in its columns but are outside its range (${range}), so they are not read. If they are NAV rows, resize the table to include them (Table Design → Resize Table).`;
}

/** Negative, duplicate and out-of-order NAV rows, per portfolio in table order (the engine's own rule, `toSeries`). */
function navHistoryErrors(
  rows: readonly NetAssetsRow[],
  columns: NetAssetsColumns | undefined
): PlanException[] {
  const byPortfolio = new Map<string, NetAssetsRow[]>();
  for (const row of rows) {
    const key = row.portfolio.trim().toLowerCase();
    const list = byPortfolio.get(key);
    if (list) list.push(row);
    else byPortfolio.set(key, [row]);
  }
  return [...byPortfolio.values()].flatMap((portfolioRows) =>
    toSeries(portfolioRows[0]!.portfolio, portfolioRows, columns).exceptions.filter(
      (e) => e.severity === "error"
    )
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
