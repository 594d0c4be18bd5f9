/**
 * A report block on printed pages (SPEC §5 "Printed pages"): a coloured band
 * with the block's title, a header row, then rows. The block starts on a new
 * page when it would not fit what is left of the current one; a block taller
 * than a page breaks between rows and repeats its band and column headers.
 */
import { type LayoutBuilder } from "./layoutBuilder";
import { REPORT_COLUMNS, STYLE } from "./reportStyles";
import type { CellStyle } from "./sheetLayout";

export const SECTION_HEIGHT = 18;
export const HEADER_HEIGHT = 28;

export interface BlockSpec {
  title: string;
  /** Column headers; undefined for the cells a merge covers. */
  header: readonly (string | undefined)[];
  headerStyle?: CellStyle;
  /** Header cells merged across columns, e.g. the "Findings" header over J–K. */
  headerMerges?: readonly [number, number][];
  /** Columns the band spans: the page (the default) or just the table (the annual table's). */
  width?: number;
}

/** A coloured band with the block's title across the page (or `width` columns). */
export function section(b: LayoutBuilder, title: string, width = REPORT_COLUMNS): void {
  const row = b.put([title, ...Array<string>(width - 1).fill("")], STYLE.section);
  b.height(row, SECTION_HEIGHT);
}

/** A header row: wrapped, shaded, tall enough for two lines. Returns its row. */
export function putHeader(
  b: LayoutBuilder,
  values: readonly (string | undefined)[],
  style: CellStyle = STYLE.header,
  merges: readonly [number, number][] = []
): number {
  const row = b.put(values, style);
  b.style(row, 1, row, 1, { align: "left" });
  b.height(row, HEADER_HEIGHT);
  for (const [left, right] of merges) b.merge(row, left, row, right);
  return row;
}

function heading(b: LayoutBuilder, spec: BlockSpec, continued: boolean): void {
  section(b, continued ? `${spec.title} (continued)` : spec.title, spec.width);
  putHeader(b, spec.header, spec.headerStyle, spec.headerMerges);
}

/**
 * Starts a block whose rows take `bodyHeight` points (the first of them
 * `firstRowHeight`): on this page if it all fits, else on the next.
 */
export function startBlock(
  b: LayoutBuilder,
  spec: BlockSpec,
  bodyHeight: number,
  firstRowHeight = 15
): void {
  const whole = SECTION_HEIGHT + HEADER_HEIGHT + bodyHeight;
  // Too tall for any page: start where at least the headers and the first row fit.
  b.keep(whole <= b.pageHeight ? whole : SECTION_HEIGHT + HEADER_HEIGHT + firstRowHeight);
  heading(b, spec, false);
}

/** Before a row of `height` points: a new page with the band and headers repeated when it does not fit. */
export function blockRow(b: LayoutBuilder, spec: BlockSpec, height: number): void {
  if (b.keep(height)) heading(b, spec, true);
}
