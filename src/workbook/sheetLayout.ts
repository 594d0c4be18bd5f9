/**
 * A worksheet described as plain data, so the ExcelJS runner and the
 * office-js task pane write the same sheet from the same description. No
 * adapter types here: each adapter maps a `SheetLayout` onto its own API.
 *
 * Text is kept apart from formulas on purpose (SPEC §5): a `text` cell is
 * always written as text, even when it starts with "=", "+", "-" or "@";
 * only a `formula` cell is ever a formula, and only the layout builds those.
 */

/** How a cell looks; every field optional. */
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  /** Points; default 10. */
  size?: number;
  /** ARGB fill, e.g. "FFDCE6F1". */
  fill?: string;
  /** ARGB font colour. */
  color?: string;
  numberFormat?: string;
  align?: "left" | "center" | "right";
  wrap?: boolean;
  /** A thin rule above (totals) or below (headers) the cell. */
  border?: "top" | "bottom" | "topDouble";
  /** Indent level of the text (1 ≈ 3 characters). */
  indent?: number;
}

export type CellContent =
  | { text: string }
  | { number: number }
  | { date: number /* engine Day; the adapter converts to the workbook's date system */ }
  | { formula: string /* without "=" */; result: number }
  | { blank: true };

export type LayoutCell = CellContent & {
  /** 1-based sheet row and column. */
  row: number;
  column: number;
  style?: CellStyle;
};

/** A bar chart of one series: categories and values are ranges on the same sheet. */
export interface ChartSpec {
  title: string;
  /** 1-based rows and columns of the category labels and of the values (one column each, same rows). */
  firstRow: number;
  lastRow: number;
  categoryColumn: number;
  valueColumn: number;
  /** Top-left cell and size (in columns × rows) of the chart on the sheet. */
  anchor: { row: number; column: number; columns: number; rows: number };
}

export interface PrintSetup {
  orientation: "portrait" | "landscape";
  /** Fit the columns to one page wide; the height runs over as many pages as it needs. */
  fitToWidth: 1;
  /** Rows repeated at the top of each printed page, e.g. [1, 3]. */
  repeatRows: [number, number] | null;
  /** Excel header/footer codes (&L, &C, &R, &P, &N). */
  header: string;
  footer: string;
}

export interface SheetLayout {
  sheetName: string;
  cells: LayoutCell[];
  /** Merged ranges, 1-based inclusive. */
  merges: { top: number; left: number; bottom: number; right: number }[];
  /** Character widths of columns 1, 2, … */
  columnWidths: number[];
  /** Row heights in points, for wrapped text rows. */
  rowHeights: { row: number; height: number }[];
  charts: ChartSpec[];
  /** Rows that start a new printed page (manual page breaks above them). */
  pageBreaks: number[];
  print: PrintSetup;
  /** Rows frozen at the top (the title block), 0 for none. */
  frozenRows: number;
}

/** A worksheet's last row and column (Excel 2007 and later: XFD1048576), for both adapters. */
export const MAX_ROW = 1_048_576;
export const MAX_COLUMN = 16_384;

/** "A", "B", …: column letters of a 1-based column. `letters(28)` → "AB". */
export function letters(column: number): string {
  let text = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
  return text;
}

/** A1 address of a 1-based cell. `address(3, 2)` → "B3". */
export function address(row: number, column: number): string {
  return `${letters(column)}${row}`;
}

/** The cell's value as a plain JS value (for tests and summaries): text, number, the formula's result. */
export function cellValue(cell: CellContent): string | number | null {
  if ("text" in cell) return cell.text;
  if ("number" in cell) return cell.number;
  if ("date" in cell) return cell.date;
  if ("formula" in cell) return cell.result;
  return null;
}
