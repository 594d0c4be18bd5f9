/**
 * The audit trail of what rule12b1 writes (issue 6): who ran it, when, which
 * version, on which workbook, and for each portfolio the NetAssets rows the
 * figures came from — so a reviewer can trace a figure back to its NAV rows.
 * Adapter-neutral: the runner and the task pane fill `AuditFacts` and write
 * the lines the layouts make of them (a block on the report sheet, a note on
 * the accrual columns' header).
 */
import type { NetAssetsRow } from "../engine/plan";
import { tableRowOf } from "./netAssetsRow";
import { address } from "./sheetLayout";
import { RULE12B1_VERSION } from "./version";

/** Where the NetAssets table sits: 1-based header row and first/last columns. */
export interface NetAssetsPlacement {
  sheet: string;
  headerRow: number;
  firstColumn: number;
  lastColumn: number;
}

/** The NetAssets rows one portfolio's figures use. `firstRow`/`lastRow` are table data rows (1 = first data row). */
export interface NetAssetsRange {
  portfolio: string;
  firstRow: number;
  lastRow: number;
  /** How many rows of the range are this portfolio's (long form interleaves portfolios). */
  rows: number;
  /** "'Net Assets'!A13:C872": the sheet cells of the range. */
  cells: string;
}

export interface AuditFacts {
  /** The operator: `--prepared-by` or else the OS user (runner); the pane's "Prepared by" or else "Excel user". */
  preparedBy: string;
  /**
   * True when nobody gave a name and `preparedBy` is only the account the run
   * happened under (the OS user, the pane's "Excel user"): the audit trail
   * records it, the board's sign-off line never shows it (SPEC §5, 2026-12-06).
   */
  preparedByIsAccount?: boolean;
  /** "2026-11-28 14:05 UTC". */
  preparedAt: string;
  /** rule12b1's version (`RULE12B1_VERSION`). */
  version: string;
  /** The input workbook's file name. */
  inputWorkbook: string;
  netAssets: NetAssetsRange[];
}

const quoteSheet = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
const key = (name: string) => name.trim().toLowerCase();

/**
 * The NetAssets row range of each portfolio in `portfolios` (in that order;
 * a portfolio without rows is left out).
 *
 * Rows 12–871 of a table whose header is on row 1, columns A–C →
 * `{ portfolio, firstRow: 12, lastRow: 871, rows: 860, cells: "'Net Assets'!A13:C872" }`.
 */
export function netAssetsRanges(
  rows: readonly Pick<NetAssetsRow, "portfolio" | "source">[],
  portfolios: readonly string[],
  placement: NetAssetsPlacement
): NetAssetsRange[] {
  const found = new Map<string, { first: number; last: number; count: number }>();
  for (const row of rows) {
    const at = tableRowOf(row);
    if (at === undefined) continue;
    const k = key(row.portfolio);
    const seen = found.get(k);
    if (!seen) found.set(k, { first: at, last: at, count: 1 });
    else {
      seen.first = Math.min(seen.first, at);
      seen.last = Math.max(seen.last, at);
      seen.count += 1;
    }
  }
  return portfolios.flatMap((portfolio) => {
    const range = found.get(key(portfolio));
    if (!range) return [];
    const top = address(placement.headerRow + range.first, placement.firstColumn);
    const bottom = address(placement.headerRow + range.last, placement.lastColumn);
    return [
      {
        portfolio,
        firstRow: range.first,
        lastRow: range.last,
        rows: range.count,
        cells: `${quoteSheet(placement.sheet)}!${top}:${bottom}`,
      },
    ];
  });
}

/** `auditFacts({ preparedBy: "jdoe", preparedAt: "…", inputWorkbook: "trust.xlsx", netAssets: [] })` with the current version filled in. */
export function auditFacts(facts: Omit<AuditFacts, "version"> & { version?: string }): AuditFacts {
  return { ...facts, version: facts.version ?? RULE12B1_VERSION };
}

/**
 * The name the board's sign-off line may show: the pane's "Prepared by" or
 * the runner's `--prepared-by`; "" when only an account is known.
 *
 * `namedPreparer({ preparedBy: "root", preparedByIsAccount: true, … })` → ""
 */
export function namedPreparer(
  facts: Pick<AuditFacts, "preparedBy" | "preparedByIsAccount">
): string {
  return facts.preparedByIsAccount ? "" : facts.preparedBy.trim();
}

/** "NetAssets rows 12–871 (sheet 'Net Assets'!A13:C872)". */
export function rangeText(range: NetAssetsRange): string {
  return `NetAssets rows ${range.firstRow}–${range.lastRow} (sheet ${range.cells}${range.rows !== range.lastRow - range.firstRow + 1 ? `; ${range.rows} of them ${range.portfolio}'s` : ""})`;
}

/**
 * The facts as label/value lines, in the order both layouts show them.
 *
 * → `[["Prepared by", "jdoe"], ["Prepared at", "2026-11-28 14:05 UTC"], ["rule12b1 version", "0.1.0"], ["Input workbook", "trust.xlsx"], ["NAV rows used: Growth", "NetAssets rows 1–66 (…)"]]`
 */
export function auditLines(facts: AuditFacts): [string, string][] {
  return [
    ["Prepared by", facts.preparedBy],
    ["Prepared at", facts.preparedAt],
    ["rule12b1 version", facts.version],
    ["Input workbook", facts.inputWorkbook],
    ...facts.netAssets.map((range): [string, string] => [
      `NAV rows used: ${range.portfolio}`,
      rangeText(range),
    ]),
  ];
}

/** The facts as one note (a cell comment): lines "label: value". */
export function auditNote(facts: AuditFacts, title: string): string {
  return [title, ...auditLines(facts).map(([label, value]) => `${label}: ${value}`)].join("\n");
}
