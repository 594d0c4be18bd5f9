/// <reference types="office-js" />
/**
 * Check compliance (SPEC §4.3): every finding of `evaluatePlan`, errors first,
 * each with the cell it points at; the cells of error findings are
 * highlighted with one conditional format per cell (a formula rule `=TRUE`
 * with a red fill), which the next check clears and redraws.
 */
import type { Day } from "../engine/calendar";
import { evaluatePlan } from "../engine/evaluatePlan";
import { type PlanException, type SourceRef, sortExceptions } from "../engine/exceptions";
import { columnLetters } from "../workbook/cells";
import { readPlan } from "../workbook/readPlan";
import type { ExcelRun } from "./excelRun";
import { type Progress, NO_PROGRESS } from "./progress";
import { readWorkbook, type TableShape } from "./readWorkbook";

export const BREACH_FILL = "#F4CCCC";
export const BREACH_FONT = "#9C0006";

export interface ComplianceResult {
  exceptions: PlanException[];
  /** Cells highlighted, as "sheet!A1". */
  highlighted: string[];
}

/** Runs every check and highlights the cells of errors. `checkCompliance(Excel.run, { asOf })`. */
export async function checkCompliance(run: ExcelRun, options: { asOf: Day; progress?: Progress }): Promise<ComplianceResult> {
  const workbook = await readWorkbook(run, options.progress ?? NO_PROGRESS);
  const read = readPlan(workbook);
  const evaluation = read.unusable ? null : evaluatePlan(read.plan, { asOf: options.asOf, portfoliosWithBadNetAssets: read.portfoliosWithBadNetAssets });
  const exceptions = sortExceptions([...read.exceptions, ...(evaluation?.exceptions ?? [])]);
  const cells = [...new Set(exceptions.filter((e) => e.severity === "error").map((e) => (e.source ? locate(e.source, workbook.shapes) : null)).filter((c): c is string => c !== null))];
  await run(async (context) => {
    clearHighlights(context, workbook.shapes);
    for (const cell of cells) {
      const bang = cell.lastIndexOf("!");
      const format = context.workbook.worksheets.getItem(cell.slice(0, bang)).getRange(cell.slice(bang + 1)).conditionalFormats.add("Custom");
      format.custom.rule.formula = "=TRUE";
      format.custom.format.fill.color = BREACH_FILL;
      format.custom.format.font.color = BREACH_FONT;
    }
    await context.sync();
  });
  return { exceptions, highlighted: cells };
}

/**
 * "Net Assets!C4": the cell a finding names, or the whole table row when it
 * names a row only; null when the table is not in the workbook.
 */
export function locate(source: SourceRef, shapes: readonly TableShape[]): string | null {
  const shape = shapes.find((s) => s.name.toLowerCase() === source.table.toLowerCase());
  const sheet = source.sheet ?? shape?.sheet;
  if (!sheet) return null;
  if (source.address) return `${sheet}!${source.address}`;
  if (!shape || source.row === undefined || source.row < 1 || source.row > shape.rowCount) return null;
  const row = shape.headerRow + 1 + source.row;
  return `${sheet}!${columnLetters(shape.firstColumn + 1)}${row}:${columnLetters(shape.firstColumn + shape.columnCount)}${row}`;
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

/** Selects the cell (or table row, or table) a finding points at: the link in the pane. */
export async function selectSource(run: ExcelRun, source: SourceRef): Promise<void> {
  await run(async (context) => {
    if (source.sheet && source.address) {
      context.workbook.worksheets.getItem(source.sheet).getRange(source.address).select();
    } else {
      const table = context.workbook.tables.getItemOrNullObject(source.table);
      await context.sync();
      if (table.isNullObject) return;
      const body = table.getDataBodyRange();
      (source.row !== undefined && source.row >= 1 ? body.getRow(source.row - 1) : table.getRange()).select();
    }
    await context.sync();
  });
}
