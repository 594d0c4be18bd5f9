/**
 * The quarterly report's look, in one place: column count, widths, the
 * styles of titles, section bands, header and total rows, and number formats.
 */
import { FORMATS } from "./schema";
import type { CellStyle } from "./sheetLayout";

/** Columns A–L: a label column and eleven figure columns fit a landscape page. */
export const REPORT_COLUMNS = 12;
export const REPORT_COLUMN_WIDTHS = [32, 15, 17, 15, 12, 14, 14, 15, 15, 14, 14, 12];

/** Column of "Fees paid" in the fee table (block 1), which the Item 19(g) block refers to. */
export const FEES_PAID_COLUMN = 7;

/**
 * Points of rows one printed page holds below the repeated title rows: US
 * Letter landscape less margins (525 pt) at the fit-to-width scale (the
 * columns are ~1,010 pt wide on a 734 pt line in Excel: ×0.72; LibreOffice scales to ×0.55) is ~730 pt; less the
 * title rows (37 pt) and a margin for renderers that round the scale down.
 */
export const REPORT_PAGE_HEIGHT = 700;

/** A date cell on the board's pages: "30 Sep 2026" (SPEC §5: dates for people, not ISO) fits a figure column. */
export const BOARD_DATE_FORMAT = "d mmm yyyy";

export const STYLE = {
  title: { bold: true, size: 15, color: "FF1F3864" },
  subtitle: { italic: true, color: "FF404040" },
  section: { bold: true, size: 11, color: "FFFFFFFF", fill: "FF1F4E79" },
  note: { italic: true, size: 9, color: "FF595959", wrap: true },
  header: { bold: true, fill: "FFDCE6F1", wrap: true, border: "bottom", align: "center" },
  headerLeft: { bold: true, fill: "FFDCE6F1", wrap: true, border: "bottom", align: "left" },
  total: { bold: true, border: "top" },
  money: { numberFormat: FORMATS.money },
  moneyTotal: { numberFormat: FORMATS.money, bold: true, border: "top" },
  rate: { numberFormat: "0.000%" },
  percent: { numberFormat: "0.000%" },
  date: { numberFormat: BOARD_DATE_FORMAT, align: "center" },
  count: { numberFormat: "#,##0", align: "center" },
  center: { align: "center" },
  wrap: { wrap: true },
  error: { bold: true, color: "FFC00000" },
  warning: { bold: true, color: "FF9C5700" },
  info: { color: "FF404040" },
  signature: { border: "bottom" },
} satisfies Record<string, CellStyle>;
