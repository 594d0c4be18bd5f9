/// <reference types="office-js" />
/**
 * Writes a `SheetLayout` (src/workbook/sheetLayout.ts: the adapter-neutral
 * description the runner writes through ExcelJS) onto a worksheet through
 * office-js: values, `SUM` formulas, number formats, fonts, fills, borders,
 * alignment, merges, widths, heights, frozen rows, print setup and charts.
 *
 * - Cells go in row chunks of at most `CHUNK_BUDGET_BYTES` of request
 *   (values + number formats + the chunk's format calls), one `sync` per
 *   chunk with calculation suspended, and a chance to cancel between chunks.
 * - A `text` cell is written as text, never as a formula or a number: it gets
 *   the Text number format "@" (unless the layout gives another), so Excel
 *   reads no number or date into it, and, when it starts with "=", "+", "-",
 *   "@" or "'", the apostrophe prefix Excel shows as nothing (`asText`). Only `formula` cells
 *   — built by the layout, never from user text — are formulas.
 * - Dates are engine days, converted to the workbook's own date system.
 */
import { type DateSystem, serialFromDay } from "../engine/calendar";
import { FORMATS } from "../workbook/schema";
import {
  address,
  type CellStyle,
  type ChartSpec,
  type LayoutCell,
  letters,
  type PrintSetup,
  type SheetLayout,
} from "../workbook/sheetLayout";
import { asText, CHUNK_BUDGET_BYTES } from "./payload";
import { type Progress, NO_PROGRESS, stopIfCancelled } from "./progress";

export type LayoutInput = string | number;

/** The value and number format office-js gets for a layout cell. `cellInput({ text: "=1+1", row: 1, column: 1 }, "1900")` → `{ value: "'=1+1", numberFormat: "@" }`. */
export function cellInput(
  cell: LayoutCell,
  dateSystem: DateSystem
): { value: LayoutInput; numberFormat: string } {
  const explicit = cell.style?.numberFormat;
  if ("text" in cell) return { value: asText(cell.text), numberFormat: explicit ?? FORMATS.text };
  if ("number" in cell) return { value: cell.number, numberFormat: explicit ?? "General" };
  if ("date" in cell)
    return { value: serialFromDay(cell.date, dateSystem), numberFormat: explicit ?? FORMATS.date };
  if ("formula" in cell) return { value: `=${cell.formula}`, numberFormat: explicit ?? "General" };
  return { value: "", numberFormat: explicit ?? "General" };
}

/** Excel column width in points for a width in characters (Calibri: 7 px a character plus 5 px padding; 0.75 pt a pixel). */
export function columnPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/** "#1F3864" from the layout's ARGB "FF1F3864". */
export function cssColor(argb: string): string {
  return `#${argb.slice(-6)}`;
}

/** `&L…&C…&R…` header/footer codes split into their three sections. */
export function headerSections(codes: string): { left: string; center: string; right: string } {
  const sections = { left: "", center: "", right: "" };
  let current: keyof typeof sections = "center";
  // "&&" is a literal ampersand (kept doubled for Excel), never the start of "&L", "&C" or "&R".
  for (const part of codes.split(/(&&|&[LCR])/)) {
    if (part === "&L") current = "left";
    else if (part === "&C") current = "center";
    else if (part === "&R") current = "right";
    else sections[current] += part;
  }
  return sections;
}

interface StyleRun {
  row: number;
  left: number;
  right: number;
  style: CellStyle;
}

/** Consecutive cells of a row with the same style, so one format call covers them. */
function styleRuns(cells: readonly LayoutCell[]): StyleRun[] {
  const runs: StyleRun[] = [];
  const sorted = [...cells]
    .filter((c) => c.style && Object.keys(c.style).some((k) => k !== "numberFormat"))
    .sort((a, b) => a.row - b.row || a.column - b.column);
  for (const cell of sorted) {
    const { numberFormat: _format, ...style } = cell.style!;
    const last = runs.at(-1);
    if (
      last &&
      last.row === cell.row &&
      last.right === cell.column - 1 &&
      JSON.stringify(last.style) === JSON.stringify(style)
    )
      last.right = cell.column;
    else runs.push({ row: cell.row, left: cell.column, right: cell.column, style });
  }
  return runs;
}

const ALIGN = { left: "Left", center: "Center", right: "Right" } as const;

/** Queues the format calls of one run. */
function applyStyle(range: Excel.Range, style: CellStyle): void {
  const format = range.format;
  if (style.bold) format.font.bold = true;
  if (style.italic) format.font.italic = true;
  if (style.size) format.font.size = style.size;
  if (style.color) format.font.color = cssColor(style.color);
  if (style.fill) format.fill.color = cssColor(style.fill);
  if (style.align) format.horizontalAlignment = ALIGN[style.align];
  if (style.wrap) format.wrapText = true;
  if (style.indent) format.indentLevel = style.indent;
  if (style.border === "top" || style.border === "topDouble") {
    const top = format.borders.getItem("EdgeTop");
    top.style = "Continuous";
    top.color = "#7F7F7F";
  }
  if (style.border === "bottom" || style.border === "topDouble") {
    const bottom = format.borders.getItem("EdgeBottom");
    bottom.style = style.border === "topDouble" ? "Double" : "Continuous";
    bottom.color = "#7F7F7F";
  }
}

/** Rough JSON size of one run's format calls, for chunking. */
const runBytes = (run: StyleRun) => 96 + JSON.stringify(run.style).length * 3;

/**
 * Writes `layout` onto the (empty) sheet `sheetName`. Throws `Cancelled`
 * between chunks; the caller deletes the half-built sheet.
 *
 * `await writeSheetLayout(context, "~12b-1 Report 2026-Q3", reportLayout(report), "1900")`
 */
export async function writeSheetLayout(
  context: Excel.RequestContext,
  sheetName: string,
  layout: SheetLayout,
  dateSystem: DateSystem,
  progress: Progress = NO_PROGRESS,
  budgetBytes = CHUNK_BUDGET_BYTES
): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const rowCount = Math.max(0, ...layout.cells.map((c) => c.row));
  const columnCount = Math.max(1, layout.columnWidths.length, ...layout.cells.map((c) => c.column));
  const values: LayoutInput[][] = Array.from({ length: rowCount }, () =>
    Array<LayoutInput>(columnCount).fill("")
  );
  const formats: string[][] = Array.from({ length: rowCount }, () =>
    Array<string>(columnCount).fill("General")
  );
  for (const cell of layout.cells) {
    const input = cellInput(cell, dateSystem);
    values[cell.row - 1]![cell.column - 1] = input.value;
    formats[cell.row - 1]![cell.column - 1] = input.numberFormat;
  }
  const runsByRow = new Map<number, StyleRun[]>();
  for (const run of styleRuns(layout.cells))
    runsByRow.set(run.row, [...(runsByRow.get(run.row) ?? []), run]);

  if (rowCount > 0) {
    // The whole block's base look, as the runner gives every cell: Calibri 10, top-aligned.
    const all = sheet.getRangeByIndexes(0, 0, rowCount, columnCount);
    all.format.font.name = "Calibri";
    all.format.font.size = 10;
    all.format.verticalAlignment = "Top";
  }
  let start = 0;
  while (start < rowCount) {
    stopIfCancelled(progress);
    let end = start;
    let bytes = 0;
    while (end < rowCount) {
      const size =
        JSON.stringify(values[end]).length +
        JSON.stringify(formats[end]).length +
        (runsByRow.get(end + 1) ?? []).reduce((n, r) => n + runBytes(r), 0);
      if (end > start && bytes + size > budgetBytes) break;
      bytes += size;
      end += 1;
    }
    context.workbook.application.suspendApiCalculationUntilNextSync();
    const range = sheet.getRangeByIndexes(start, 0, end - start, columnCount);
    // Formats first: a text cell is already "@" when its value arrives.
    range.numberFormat = formats.slice(start, end);
    range.values = values.slice(start, end);
    for (let row = start + 1; row <= end; row += 1) {
      for (const run of runsByRow.get(row) ?? [])
        applyStyle(
          sheet.getRangeByIndexes(row - 1, run.left - 1, 1, run.right - run.left + 1),
          run.style
        );
    }
    // One sync per chunk, by design: Excel on the web refuses a request over 5 MB.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    progress.report(end, rowCount, "Writing the report");
    start = end;
  }
  stopIfCancelled(progress);
  for (const m of layout.merges)
    sheet
      .getRangeByIndexes(m.top - 1, m.left - 1, m.bottom - m.top + 1, m.right - m.left + 1)
      .merge(false);
  for (const { row, height } of layout.rowHeights)
    sheet.getRangeByIndexes(row - 1, 0, 1, 1).format.rowHeight = height;
  layout.columnWidths.forEach(
    (width, index) =>
      (sheet.getRangeByIndexes(0, index, 1, 1).format.columnWidth = columnPoints(width))
  );
  if (layout.frozenRows > 0) sheet.freezePanes.freezeRows(layout.frozenRows);
  sheet.showGridlines = false;
  applyPrintSetup(sheet, layout.print, rowCount, columnCount);
  // Each block starts on a page where it fits (ExcelApi 1.9): a break above each row that starts a page.
  for (const row of layout.pageBreaks) sheet.horizontalPageBreaks.add(`A${row}`);
  for (const spec of layout.charts) addChart(sheet, spec);
  await context.sync();
}

/** Page setup of SPEC §5's printed report: US Letter, fit to one page wide, titles repeated, header and footer. */
function applyPrintSetup(
  sheet: Excel.Worksheet,
  print: PrintSetup,
  rowCount: number,
  columnCount: number
): void {
  const page = sheet.pageLayout;
  page.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
  page.paperSize = "Letter";
  // verticalFitToPages 0 = as many pages tall as needed (OOXML fitToHeight="0"); only the width is fitted.
  page.zoom = { horizontalFitToPages: print.fitToWidth, verticalFitToPages: 0 };
  page.centerHorizontally = true;
  page.leftMargin = 28.8;
  page.rightMargin = 28.8;
  page.topMargin = 43.2;
  page.bottomMargin = 43.2;
  page.headerMargin = 21.6;
  page.footerMargin = 21.6;
  if (rowCount > 0) page.setPrintArea(`A1:${letters(columnCount)}${rowCount}`);
  if (print.repeatRows) page.setPrintTitleRows(`$${print.repeatRows[0]}:$${print.repeatRows[1]}`);
  const header = headerSections(print.header);
  const footer = headerSections(print.footer);
  const all = page.headersFooters.defaultForAllPages;
  all.leftHeader = header.left;
  all.centerHeader = header.center;
  all.rightHeader = header.right;
  all.leftFooter = footer.left;
  all.centerFooter = footer.center;
  all.rightFooter = footer.right;
}

/** The layout's bar chart through the Excel chart API: values from one column, category labels from another. */
function addChart(sheet: Excel.Worksheet, spec: ChartSpec): void {
  const rows = spec.lastRow - spec.firstRow + 1;
  if (rows < 1) return;
  const valuesRange = sheet.getRangeByIndexes(spec.firstRow - 1, spec.valueColumn - 1, rows, 1);
  const chart = sheet.charts.add("BarClustered", valuesRange, "Columns");
  chart.series
    .getItemAt(0)
    .setXAxisValues(sheet.getRangeByIndexes(spec.firstRow - 1, spec.categoryColumn - 1, rows, 1));
  chart.title.text = spec.title;
  chart.legend.visible = false;
  const { anchor } = spec;
  chart.setPosition(
    address(anchor.row, anchor.column),
    address(anchor.row + anchor.rows - 1, anchor.column + anchor.columns - 1)
  );
}
