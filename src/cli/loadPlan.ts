/**
 * Opens a workbook and reads its plan: the one path every command that takes
 * a FILE goes through. Anything that stops the figures being trustworthy —
 * a file that will not open, merged cells in a table, a missing table or
 * column, or any cell the reader refused — is returned as located problems
 * (exit 2, nothing written): rule12b1 never computes from a hole.
 *
 * NetAssets rows that read fine but cannot form a NAV history — a negative
 * net assets figure, a date repeated or out of order for its portfolio — are
 * unusable input too (issue 6): the engine would compute no fee for that
 * portfolio, so the runner refuses the workbook rather than write a report or
 * columns with a hole in them. Zero net assets are allowed (a class with no
 * shareholders yet).
 */
import { describeSource, type PlanException } from "../engine/exceptions";
import { toSeries } from "../engine/netAssetsSeries";
import type { NetAssetsColumns, NetAssetsRow } from "../engine/plan";
import { readPlan, type ReadPlanResult } from "../workbook/readPlan";
import { readWorkbookTables, type WorkbookTables } from "./xlsx/readTables";
import type { XlsxPackage } from "./xlsx/ooxml/xlsxPackage";
import { loadWorkbook } from "./xlsx/workbookFile";

export type LoadedPlan =
  | { ok: true; pkg: XlsxPackage; tables: WorkbookTables; read: ReadPlanResult }
  | { ok: false; problems: string[] };

/** `await loadPlan("trust.xlsx")` → `{ ok: true, pkg, tables, read }` or `{ ok: false, problems }`. */
export async function loadPlan(file: string): Promise<LoadedPlan> {
  const loaded = await loadWorkbook(file);
  if (!loaded.ok) return { ok: false, problems: [loaded.problem] };
  const tables = readWorkbookTables(loaded.pkg);
  if (tables.problems.length > 0) return { ok: false, problems: tables.problems };
  const read = readPlan({ tables: tables.tables, dateSystem: tables.dateSystem });
  const inputErrors = read.exceptions.filter((e) => e.rule === "input" && e.severity === "error");
  const blocking =
    read.unusable || inputErrors.length > 0
      ? inputErrors
      : navHistoryErrors(read.plan.netAssets, read.plan.netAssetsColumns);
  if (read.unusable || blocking.length > 0) {
    return {
      ok: false,
      problems: blocking.map((e) =>
        e.source && e.source.row !== undefined
          ? `${capitalize(describeSource(e.source))}: ${e.message}`
          : e.message
      ),
    };
  }
  return { ok: true, pkg: loaded.pkg, tables, read };
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
