/// <reference types="office-js" />
/**
 * Check compliance (SPEC §4.3): every finding of `evaluatePlan`, errors first,
 * each with the cell it points at — or, for a workbook the runner's `check`
 * would refuse (exit 2), those refusals and no findings; the located cells of
 * error findings and refusals are
 * highlighted with one conditional format per cell (a formula rule `=TRUE`
 * with a red fill), which the next check clears and redraws.
 */
import type { NothingToCheck } from "../engine/nothingToCheck";
import type { Day } from "../engine/calendar";
import { evaluatePlan } from "../engine/evaluatePlan";
import { type PlanException, type SourceRef, sortExceptions } from "../engine/exceptions";
import { type PlanStanding, planStanding } from "../engine/planStanding";
import type { Problem } from "./paneProblems";
import type { ExcelRun } from "./excelRun";
import { type Progress, NO_PROGRESS } from "./progress";
import { locate, placeFindings, rowArea } from "./findingPlaces";
import { readWorkbook, type TableShape, tableShapes, usablePlan } from "./readWorkbook";

export { locate, rowArea };

export const BREACH_FILL = "#F4CCCC";
export const BREACH_FONT = "#9C0006";

export interface ComplianceResult {
  exceptions: PlanException[];
  /** Cells highlighted, as "sheet!A1". */
  highlighted: string[];
  /** Non-empty when the workbook cannot be checked at all (the runner's exit 2): nothing was evaluated. */
  refused: Problem[];
  /** Set when there was nothing to check (SPEC §2): the pane says so instead of "No errors". */
  nothingToCheck?: NothingToCheck | null;
  /** Where each portfolio stands as of the day checked (SPEC §4); null when nothing was evaluated. */
  standing?: PlanStanding | null;
}

/** Runs every check and highlights the cells of errors. `checkCompliance(Excel.run, { asOf })`. */
export async function checkCompliance(
  run: ExcelRun,
  options: { asOf: Day; progress?: Progress }
): Promise<ComplianceResult> {
  const workbook = await readWorkbook(run, options.progress ?? NO_PROGRESS);
  // The runner's gate (src/workbook/usablePlan.ts): a workbook `check` refuses is refused here too.
  const usable = usablePlan(workbook);
  const refused = usable.ok ? [] : usable.refusals;
  const evaluation = usable.ok
    ? evaluatePlan(usable.read.plan, {
        asOf: options.asOf,
        portfoliosWithBadNetAssets: usable.read.portfoliosWithBadNetAssets,
      })
    : null;
  const exceptions = usable.ok
    ? sortExceptions([...usable.read.exceptions, ...(evaluation?.exceptions ?? [])])
    : [];
  const sources = [
    ...exceptions.filter((e) => e.severity === "error").map((e) => e.source),
    ...refused.map((r) => r.source),
  ];
  const cells = [
    ...new Set(
      sources
        .map((source) => (source ? locate(source, workbook.shapes) : null))
        .filter((c): c is string => c !== null)
    ),
  ];
  await run(async (context) => {
    clearHighlights(context, workbook.shapes);
    for (const cell of cells) {
      const bang = cell.lastIndexOf("!");
      const format = context.workbook.worksheets
        .getItem(cell.slice(0, bang))
        .getRange(cell.slice(bang + 1))
        .conditionalFormats.add("Custom");
      format.custom.rule.formula = "=TRUE";
      format.custom.format.fill.color = BREACH_FILL;
      format.custom.format.font.color = BREACH_FONT;
    }
    await context.sync();
  });
  return {
    // Every finding with a place names it as Excel shows it, cap breaches their period's NAV rows.
    exceptions: placeFindings(exceptions, evaluation, workbook.shapes),
    highlighted: cells,
    refused,
    nothingToCheck: evaluation?.nothingToCheck ?? null,
    standing: evaluation ? planStanding(evaluation, exceptions) : null,
  };
}

/** Removes the conditional formats of the plan tables' data bodies (where the highlights go). */
function clearHighlights(context: Excel.RequestContext, shapes: readonly TableShape[]): void {
  for (const shape of shapes) {
    if (shape.rowCount === 0) continue;
    context.workbook.worksheets
      .getItem(shape.sheet)
      .getRangeByIndexes(shape.headerRow + 1, shape.firstColumn, shape.rowCount, shape.columnCount)
      .conditionalFormats.clearAll();
  }
}

/**
 * Selects the cell a finding points at — the link in the pane: its address;
 * else the cell of its table row and column; else the table row; else the
 * table. Does nothing when the table is gone.
 */
export async function selectSource(run: ExcelRun, source: SourceRef): Promise<void> {
  await run(async (context) => {
    if (source.sheet && source.address) {
      context.workbook.worksheets.getItem(source.sheet).getRange(source.address).select();
    } else {
      const shape = (await tableShapes(context, [source.table]))[0];
      if (!shape) return;
      const area = rowArea(source, shape);
      const sheet = context.workbook.worksheets.getItem(shape.sheet);
      if (area) sheet.getRange(area).select();
      else context.workbook.tables.getItem(shape.name).getRange().select();
    }
    await context.sync();
  });
}
