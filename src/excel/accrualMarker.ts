/// <reference types="office-js" />
/**
 * Which accrual columns are rule12b1's own: the workbook-level defined name
 * `rule12b1_AccrualColumns` over their header cells — the same marker the
 * runner (`rule12b1 accrue`) reads and writes, so a workbook accrued by one
 * is recognised by the other. Co-authors see it in Name Manager, and it
 * travels with the file (workbook settings would not reach the runner).
 */
import { ACCRUAL_COLUMNS_MARKER, ACCRUAL_HEADERS } from "../workbook/accrualColumns";
import { normalizeHeader } from "../workbook/schema";
import { letters } from "../workbook/sheetLayout";

/** Where the marker points: sheet, 0-based header row and first column; null when there is none. */
export interface MarkerPlace {
  sheet: string;
  row: number;
  column: number;
}

/** "'Net Assets'!D1:I1" → "Net Assets". */
export function sheetOfAddress(address: string): string {
  const bang = address.lastIndexOf("!");
  return address
    .slice(0, bang)
    .replace(/^'(.*)'$/, "$1")
    .replace(/''/g, "'");
}

/** Queues loading the marker; read `.place()` after the next sync. */
export function loadMarker(context: Excel.RequestContext): {
  exists(): boolean;
  place(): MarkerPlace | null;
} {
  const item = context.workbook.names.getItemOrNullObject(ACCRUAL_COLUMNS_MARKER);
  const range = item.getRangeOrNullObject().load(["address", "rowIndex", "columnIndex"]);
  return {
    // Read only after the caller's sync (the contract above); the rule cannot see across calls.
    // eslint-disable-next-line office-addins/call-sync-before-read
    exists: () => !item.isNullObject,
    place: () =>
      range.isNullObject
        ? null
        : { sheet: sheetOfAddress(range.address), row: range.rowIndex, column: range.columnIndex },
  };
}

/** The reference the marker gets: `='Net Assets'!$D$1:$I$1` over the header cells. */
export function markerReference(sheet: string, headerRow: number, firstColumn: number): string {
  const row = headerRow + 1;
  return `='${sheet.replace(/'/g, "''")}'!$${letters(firstColumn + 1)}$${row}:$${letters(firstColumn + ACCRUAL_HEADERS.length)}$${row}`;
}

/** Queues replacing the marker (delete when `existed`, then add). Put it last in its sync: Excel refuses a second name of the same spelling. */
export function queueMarker(
  context: Excel.RequestContext,
  existed: boolean,
  sheet: string,
  headerRow: number,
  firstColumn: number
): void {
  const names = context.workbook.names;
  if (existed) names.getItem(ACCRUAL_COLUMNS_MARKER).delete();
  names.add(
    ACCRUAL_COLUMNS_MARKER,
    markerReference(sheet, headerRow, firstColumn),
    "Accrual columns written by rule12b1 (Compute accruals / rule12b1 accrue)"
  );
}

/** Index in `headers` where our six headers stand in order, or -1. */
export function accrualHeadersAt(headers: readonly string[]): number {
  const ours = ACCRUAL_HEADERS.map((h) => normalizeHeader(h));
  const normalized = headers.map((h) => normalizeHeader(h));
  const at = normalized.indexOf(ours[0]!);
  return at >= 0 && ours.every((h, i) => normalized[at + i] === h) ? at : -1;
}
