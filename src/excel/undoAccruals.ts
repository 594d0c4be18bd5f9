/// <reference types="office-js" />
/**
 * "Undo last run" of Compute accruals (SPEC §4 "Undo", added 2026-12-06): Excel's undo stack
 * is cleared by an add-in's writes, so the pane puts back the accrual cells as they were before
 * the run — as Cancel does — from what the run kept aside (`AccrualUndo`). Refused, with a
 * sentence, when the table has since gained or lost rows: the kept cells would land on the
 * wrong rows.
 */
import type { AccrualUndo } from "./computeAccruals";
import type { ExcelRun } from "./excelRun";
import { tableShapes } from "./readWorkbook";
import { restoreBlock } from "./writeChunks";

export interface UndoResult {
  status: "done" | "refused";
  message: string;
}

/** Puts back the cells of `undo`. `undoAccruals(Excel.run, result.undo)`. */
export async function undoAccruals(run: ExcelRun, undo: AccrualUndo): Promise<UndoResult> {
  return run(async (context) => {
    const shape = (await tableShapes(context, [undo.table]))[0];
    if (!shape || shape.sheet !== undo.sheet || shape.rowCount !== undo.tableRows)
      return {
        status: "refused" as const,
        message: `The ${undo.table} table has changed since the last run (rows added or removed, or moved), so its previous accrual columns cannot be put back row for row. Nothing was changed.`,
      };
    await restoreBlock(context, {
      sheet: undo.sheet,
      row: undo.row,
      column: undo.column,
      rows: undo.previous,
    });
    return {
      status: "done" as const,
      message: `The accrual columns were put back as they were before the last run (${undo.previous.length.toLocaleString("en-US")} rows).`,
    };
  });
}
