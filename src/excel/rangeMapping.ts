/**
 * Compute accruals on a selected range instead of the `NetAssets` table
 * (SPEC §4.2, issue 3): the pure part. The pane shows, for each NetAssets
 * column (Date, Portfolio, Class B net assets), a dropdown of the
 * selection's header cells; this module suggests the mapping, checks it, and
 * turns the mapped selection into the `TableData` that `readPlan` reads as
 * if it were the `NetAssets` table.
 *
 * Long form (one row per date and portfolio, as the NetAssets table); the
 * wide form (a Date column and one NAV column per portfolio) is in
 * `wideMapping.ts`.
 *
 * No office-js here: `rangeAccruals.ts` reads and writes Excel.
 */
import type { CellValue } from "../workbook/cells";
import type { TableData } from "../workbook/readPlan";
import { NET_ASSETS, normalizeHeader } from "../workbook/schema";
import { ACCRUAL_HEADERS } from "../workbook/accrualColumns";

/** The NetAssets columns the mapping step asks for, in schema order. */
export const MAPPED_COLUMNS: readonly string[] = NET_ASSETS.columns.map((c) => c.header);

/** For each NetAssets column, the 0-based column of the selection it is read from; null = not chosen. */
export type RangeMapping = Record<string, number | null>;

/** Where a selection sits: sheet, 0-based top row and left column, size. */
export interface RangeArea {
  sheet: string;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** "A" → 0, "AB" → 27. */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * An office-js range address as an area.
 * `parseRangeAddress("'Net Assets'!B2:D10")` → `{ sheet: "Net Assets", row: 1, column: 1, rows: 9, columns: 3 }`.
 * Null for what is not one rectangular cell range (several areas, whole columns).
 */
export function parseRangeAddress(address: string): RangeArea | null {
  const bang = address.lastIndexOf("!");
  if (bang < 0 || address.includes(",")) return null;
  const sheet = address
    .slice(0, bang)
    .replace(/^'(.*)'$/, "$1")
    .replace(/''/g, "'");
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(
    address.slice(bang + 1)
  );
  if (!match) return null;
  const [, c1, r1, c2 = c1!, r2 = r1!] = match;
  const top = Number(r1) - 1;
  const left = columnIndex(c1!);
  return {
    sheet,
    row: top,
    column: left,
    rows: Number(r2) - top,
    columns: columnIndex(c2!) - left + 1,
  };
}

/** The selection's header cells as text (first row). */
export function headerTexts(headerRow: readonly unknown[]): string[] {
  return headerRow.map((h) => String(h ?? "").trim());
}

/**
 * Headers an accountant's own sheet uses for each NetAssets column (issue 23: "NAV Date" and
 * "Net Assets Class B" were not recognised), tried after the exact name: the first pattern
 * that matches a header not already taken wins.
 */
const HEADER_PATTERNS: Record<string, RegExp[]> = {
  Date: [/\bdate\b/, /\bas of\b/, /\bday\b/],
  Portfolio: [/\bportfolio\b/, /\bfund\b/, /\bseries\b/],
  "Class B net assets": [
    /\bclass b\b.*\b(net assets|nav|tna)\b|\b(net assets|nav|tna)\b.*\bclass b\b/,
    /\bnet assets\b/,
    /^(nav|tna)$/,
  ],
};

/**
 * The mapping the pane pre-fills: each NetAssets column from the header of the same name,
 * ignoring case and spaces, else from a header that says the same in other words
 * (`HEADER_PATTERNS`); else null. No column is offered for two roles.
 * `suggestMapping(["NAV Date", "Fund", "Net Assets Class B"])` → `{ Date: 0, Portfolio: 1, "Class B net assets": 2 }`.
 */
export function suggestMapping(headers: readonly unknown[]): RangeMapping {
  const normalized = headers.map(normalizeHeader);
  const mapping: RangeMapping = {};
  const taken = new Set<number>();
  for (const column of MAPPED_COLUMNS) {
    const at = normalized.indexOf(normalizeHeader(column));
    mapping[column] = at >= 0 ? at : null;
    if (at >= 0) taken.add(at);
  }
  for (const column of MAPPED_COLUMNS) {
    if (mapping[column] !== null) continue;
    for (const pattern of HEADER_PATTERNS[column] ?? []) {
      const at = normalized.findIndex((h, i) => !taken.has(i) && pattern.test(h));
      if (at >= 0) {
        mapping[column] = at;
        taken.add(at);
        break;
      }
    }
  }
  return mapping;
}

/** The selection's input columns: its headers without our six accrual headers and what is right of them (a selection that took in columns we wrote). */
export function inputColumnCount(headers: readonly unknown[]): number {
  const ours = normalizeHeader(ACCRUAL_HEADERS[0]);
  const at = headers.findIndex(
    (h, i) =>
      normalizeHeader(h) === ours &&
      ACCRUAL_HEADERS.every((a, k) => normalizeHeader(headers[i + k]) === normalizeHeader(a))
  );
  return at >= 0 ? at : headers.length;
}

/** What is wrong with a mapping, in words for the pane; null when it can be used. */
export function mappingProblem(
  headers: readonly unknown[],
  mapping: RangeMapping,
  dataRows: number
): string | null {
  const width = inputColumnCount(headers);
  if (width === 0)
    return "The selection has no columns to read: select the NAV data with its header row.";
  for (const column of MAPPED_COLUMNS) {
    const at = mapping[column];
    if (at === null || at === undefined) {
      const wide =
        column === "Portfolio"
          ? ' If the selection has one NAV column per portfolio (wide form), choose "One NAV column per portfolio" above.'
          : "";
      return `Choose the column that holds "${column}".${wide}`;
    }
    if (!Number.isInteger(at) || at < 0 || at >= width)
      return `The column chosen for "${column}" is not one of the selection's columns.`;
  }
  for (let i = 0; i < MAPPED_COLUMNS.length; i += 1)
    for (let k = i + 1; k < MAPPED_COLUMNS.length; k += 1)
      if (mapping[MAPPED_COLUMNS[i]!] === mapping[MAPPED_COLUMNS[k]!]) {
        const header =
          String(headers[mapping[MAPPED_COLUMNS[i]!]!] ?? "").trim() || "(blank header)";
        return `The column "${header}" is chosen for both "${MAPPED_COLUMNS[i]}" and "${MAPPED_COLUMNS[k]}": choose a different column for each.`;
      }
  if (dataRows < 1)
    return "The selection has a header row but no data rows: select the NAV data with its header row.";
  return null;
}

/**
 * The selection's header cells as `readPlan` should see them: the mapped
 * columns get the schema's names; any other column whose header happens to
 * be a schema name gets " (not used)", so it cannot be taken for one.
 */
export function mappedHeaders(headers: readonly unknown[], mapping: RangeMapping): string[] {
  const width = inputColumnCount(headers);
  const schema = new Set(MAPPED_COLUMNS.map(normalizeHeader));
  return headerTexts(headers.slice(0, width)).map((header, index) => {
    const mapped = MAPPED_COLUMNS.find((c) => mapping[c] === index);
    if (mapped) return mapped;
    return schema.has(normalizeHeader(header)) ? `${header} (not used)` : header;
  });
}

/**
 * The mapped selection as the `NetAssets` table `readPlan` reads: sheet,
 * schema headers, the data rows (input columns only), and the sheet row and
 * column of its first data cell, so findings name the real cells.
 */
export function rangeTableData(
  area: RangeArea,
  headers: readonly unknown[],
  rows: readonly (readonly CellValue[])[],
  mapping: RangeMapping
): TableData {
  const width = inputColumnCount(headers);
  return {
    sheet: area.sheet,
    name: NET_ASSETS.name,
    headers: mappedHeaders(headers, mapping),
    rows: rows.map((row) => row.slice(0, width)),
    firstRow: area.row + 2,
    firstColumn: area.column + 1,
  };
}
