/**
 * Wide-form NAV data (issue 14): a Date column and one NAV column per
 * portfolio, as many accountants keep their NAV history. The mapping step
 * names the Date column and, for each NAV column, its portfolio; this module
 * checks that mapping, reads the range as the long `NetAssets` rows
 * `readPlan` knows (one row per date and portfolio, so the same rules apply),
 * and lays the accrual figures back out: six columns per portfolio, right of
 * the selection, headed "Growth: Days", "Growth: Rate", ….
 *
 * A blank NAV cell is no NAV row for that portfolio on that date (a portfolio
 * launched later, or closed); a row with a blank date but a NAV is read, and
 * refused by the reader as in the table.
 *
 * No office-js here: `rangeAccruals.ts` reads and writes Excel.
 */
import type { CellValue } from "../workbook/cells";
import { isBlank } from "../workbook/cells";
import type { TableData } from "../workbook/readPlan";
import { ACCRUAL_HEADERS, type AccrualCell } from "../workbook/accrualColumns";
import { NET_ASSETS, normalizeHeader } from "../workbook/schema";
import { address } from "../workbook/sheetLayout";
import type { RangeArea } from "./rangeMapping";

/** The Date column, and for each column of the selection the portfolio whose NAV it holds (null: not a NAV column). */
export interface WideMapping {
  date: number | null;
  portfolios: (string | null)[];
}

/**
 * The mapping the pane pre-fills: Date from a header "Date"; each column whose
 * header is a portfolio's name (ignoring case and spaces) for that portfolio.
 * `suggestWide(["Date", "growth", "Income"], ["Growth", "Income"])` → `{ date: 0, portfolios: [null, "Growth", "Income"] }`.
 */
export function suggestWide(
  headers: readonly string[],
  portfolios: readonly string[]
): WideMapping {
  const exact = headers.findIndex((h) => normalizeHeader(h) === normalizeHeader("Date"));
  // "NAV Date", "Valuation date": a header that says date, when none is exactly "Date".
  const date = exact >= 0 ? exact : headers.findIndex((h) => /\bdate\b/.test(normalizeHeader(h)));
  return {
    date: date >= 0 ? date : null,
    portfolios: headers.map((h, i) =>
      i === date
        ? null
        : (portfolios.find((p) => normalizeHeader(p) === normalizeHeader(h)) ?? null)
    ),
  };
}

/** True when the headers look wide: no Portfolio column, and at least one header names a portfolio. */
export function looksWide(headers: readonly string[], portfolios: readonly string[]): boolean {
  const normalized = headers.map(normalizeHeader);
  return (
    !normalized.includes(normalizeHeader("Portfolio")) &&
    suggestWide(headers, portfolios).portfolios.some((p) => p !== null)
  );
}

/** The NAV columns of a mapping: selection column and portfolio, in column order. */
export function navColumns(mapping: WideMapping): { column: number; portfolio: string }[] {
  return mapping.portfolios.flatMap((portfolio, column) =>
    portfolio !== null && column !== mapping.date ? [{ column, portfolio }] : []
  );
}

/** What is wrong with a wide mapping, in words for the pane; null when it can be used. */
export function wideProblem(
  headers: readonly string[],
  mapping: WideMapping,
  dataRows: number
): string | null {
  if (mapping.date === null || mapping.date < 0 || mapping.date >= headers.length)
    return 'Choose the column that holds the dates ("Date").';
  const navs = navColumns(mapping);
  if (navs.length === 0)
    return "Name the portfolio of at least one NAV column (each NAV column holds one portfolio's Class B net assets).";
  const seen = new Map<string, number>();
  for (const { column, portfolio } of navs) {
    const key = normalizeHeader(portfolio);
    const before = seen.get(key);
    if (before !== undefined)
      return `Portfolio "${portfolio}" is named for two columns ("${headers[before] || `column ${before + 1}`}" and "${headers[column] || `column ${column + 1}`}"): each portfolio's NAV must be in one column.`;
    seen.set(key, column);
  }
  if (dataRows < 1)
    return "The selection has a header row but no data rows: select the NAV data with its header row.";
  return null;
}

/** Where each long row came from: its sheet data row (0-based, below the header) and its NAV block (0-based). */
export interface WidePlacement {
  dataRow: number;
  block: number;
}

/**
 * The wide range as the `NetAssets` table `readPlan` reads (Date, Portfolio,
 * Class B net assets), with every finding's cell pointing into the range.
 */
export function wideTableData(
  area: RangeArea,
  rows: readonly (readonly CellValue[])[],
  mapping: WideMapping
): { table: TableData; placements: WidePlacement[] } {
  const navs = navColumns(mapping);
  const date = mapping.date ?? 0;
  const long: CellValue[][] = [];
  const placements: WidePlacement[] = [];
  rows.forEach((row, dataRow) => {
    navs.forEach(({ column, portfolio }, block) => {
      if (isBlank(row[column])) return;
      long.push([row[date], portfolio, row[column]]);
      placements.push({ dataRow, block });
    });
  });
  const sheetColumn = (index: number, at: WidePlacement) =>
    index === 0 ? date : index === 1 ? null : navs[at.block]!.column;
  return {
    table: {
      sheet: area.sheet,
      name: NET_ASSETS.name,
      headers: NET_ASSETS.columns.map((c) => c.header),
      rows: long,
      cellAddress: (rowIndex, columnIndex) => {
        const at = placements[rowIndex]!;
        const column = sheetColumn(columnIndex, at);
        // The portfolio of a long row is its NAV column's header cell.
        return column === null
          ? address(area.row + 1, area.column + navs[at.block]!.column + 1)
          : address(area.row + 2 + at.dataRow, area.column + column + 1);
      },
    },
    placements,
  };
}

/** The accrual headers of the wide layout: "Growth: Days" … per portfolio, in column order. */
export function wideHeaders(mapping: WideMapping): string[] {
  return navColumns(mapping).flatMap(({ portfolio }) =>
    ACCRUAL_HEADERS.map((h) => `${portfolio}: ${h}`)
  );
}

/** The long rows' accrual cells laid out one sheet row per data row, six cells per portfolio. */
export function wideCells(
  accruals: readonly (readonly AccrualCell[])[],
  placements: readonly WidePlacement[],
  dataRows: number,
  blocks: number
): AccrualCell[][] {
  const width = ACCRUAL_HEADERS.length;
  const out: AccrualCell[][] = Array.from({ length: dataRows }, () =>
    Array.from({ length: blocks * width }, () => null)
  );
  placements.forEach(({ dataRow, block }, i) => {
    accruals[i]!.forEach((cell, k) => (out[dataRow]![block * width + k] = cell));
  });
  return out;
}

/**
 * The selection's input columns when it also took in wide accrual columns of an
 * earlier run ("Growth: Days", "Growth: Rate", …): the columns before them.
 * `wideInputCount(["Date", "Growth", "Growth: Days", "Growth: Rate"])` → 2.
 */
export function wideInputCount(headers: readonly string[]): number {
  const at = headers.findIndex(
    (h, i) =>
      /^.+: Days$/i.test(h) &&
      ACCRUAL_HEADERS.every((a, k) =>
        normalizeHeader(headers[i + k] ?? "").endsWith(normalizeHeader(`: ${a}`))
      )
  );
  return at >= 0 ? at : headers.length;
}
