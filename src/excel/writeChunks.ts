/// <reference types="office-js" />
/**
 * Writes a block of rows to a sheet in chunks that keep every request well
 * under the 5 MB payload limit: one `sync` per chunk, calculation suspended
 * until that sync (so Excel recalculates once per chunk, not per cell), and a
 * chance to cancel between chunks.
 */
import { chunkRows, CHUNK_BUDGET_BYTES, READ_BUDGET_CELLS } from "./payload";
import { type Progress, NO_PROGRESS, stopIfCancelled } from "./progress";

export type CellInput = string | number | boolean;

export interface BlockWrite {
  sheet: string;
  /** 0-based sheet row and column of the block's top-left cell. */
  row: number;
  column: number;
  rows: readonly (readonly CellInput[])[];
  /** "values" writes constants (text stays text); "formulas" lets "=…" cells compute. */
  as: "values" | "formulas";
  /** One number format per column of the block, applied with the same chunk. */
  numberFormats?: readonly string[];
  label: string;
}

/**
 * Writes `block`; returns the number of rows written. Throws `Cancelled`
 * between chunks if the user cancels — the rows before are written whole.
 */
export async function writeBlock(
  context: Excel.RequestContext,
  block: BlockWrite,
  progress: Progress = NO_PROGRESS,
  budgetBytes = CHUNK_BUDGET_BYTES
): Promise<number> {
  const sheet = context.workbook.worksheets.getItem(block.sheet);
  const width = block.rows[0]?.length ?? 0;
  if (width === 0) return 0;
  const formats = block.numberFormats ? [block.numberFormats as string[]] : null;
  const chunks = chunkRows(
    block.rows,
    budgetBytes,
    formats ? JSON.stringify(formats[0]).length + 1 : 0
  );
  let written = 0;
  for (const [start, end] of chunks) {
    stopIfCancelled(progress);
    context.workbook.application.suspendApiCalculationUntilNextSync();
    const range = sheet.getRangeByIndexes(block.row + start, block.column, end - start, width);
    const rows = block.rows.slice(start, end) as CellInput[][];
    // Number formats first, so a "values" write of text lands in cells already formatted.
    if (formats) range.numberFormat = rows.map(() => formats[0]!);
    if (block.as === "values") range.values = rows;
    else range.formulas = rows;
    // One sync per chunk, by design: Excel on the web refuses a request over 5 MB.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    written = end;
    progress.report(written, block.rows.length, block.label);
  }
  return written;
}

/**
 * The cells a write is about to cover, as `formulas` (a formula's text, else
 * its value), read in slices under the read budget: kept aside so that a
 * Cancel can put them back (`restoreBlock`).
 * `await keepAside(context, "Net Assets", 1, 3, 4, 6)` → 4 rows of 6 cells.
 */
export async function keepAside(
  context: Excel.RequestContext,
  sheetName: string,
  row: number,
  column: number,
  rowCount: number,
  columnCount: number
): Promise<CellInput[][]> {
  const kept: CellInput[][] = [];
  if (rowCount === 0 || columnCount === 0) return kept;
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const rowsPerSlice = Math.max(1, Math.floor(READ_BUDGET_CELLS / columnCount));
  for (let start = 0; start < rowCount; start += rowsPerSlice) {
    const count = Math.min(rowsPerSlice, rowCount - start);
    const range = sheet.getRangeByIndexes(row + start, column, count, columnCount).load("formulas");
    // One sync per slice, by design: a read must stay under Excel's 5 MB response cap.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    for (const cells of range.formulas) kept.push(cells as CellInput[]);
  }
  return kept;
}

/**
 * Puts back what `keepAside` read, after a Cancel: in chunks, and never
 * cancelled itself, so the cells end exactly as they were before the run.
 */
export async function restoreBlock(
  context: Excel.RequestContext,
  block: Omit<BlockWrite, "as" | "label">
): Promise<void> {
  await writeBlock(context, { ...block, as: "formulas", label: "Putting back the previous cells" });
}
