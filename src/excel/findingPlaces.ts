/**
 * Where each finding of Check compliance is on the sheet, so that every finding with a
 * place has its Go to link and names it once, as Excel shows it (SPEC §4 "Findings you can
 * act on", issue 23): a finding about a table row gets its cell's address; a cap breach,
 * which the engine dates but does not place, gets the NetAssets rows of the breached period
 * (23 of the sample's 30 errors had no link). Plain data in and out (no office-js).
 */
import type { PlanEvaluation } from "../engine/evaluatePlan";
import type { PlanException, SourceRef } from "../engine/exceptions";
import { columnLetters } from "../workbook/cells";
import { tableRowOf } from "../workbook/netAssetsRow";
import { NET_ASSETS, normalizeHeader } from "../workbook/schema";
import type { TableShape } from "./readWorkbook";

/**
 * "Net Assets!C4": the cell a finding names — by its address, or by its table
 * row and column (`source.column`, the schema header) — or the whole table
 * row when it names a row only; null when the table is not in the workbook.
 */
export function locate(source: SourceRef, shapes: readonly TableShape[]): string | null {
  const shape = shapes.find((s) => s.name.toLowerCase() === source.table.toLowerCase());
  const sheet = source.sheet ?? shape?.sheet;
  if (!sheet) return null;
  if (source.address) return `${sheet}!${source.address}`;
  const area = rowArea(source, shape);
  return area ? `${sheet}!${area}` : null;
}

/** "C4" for a row and column, "A4:C4" for a row, of a table whose shape is known; null otherwise. */
export function rowArea(source: SourceRef, shape: TableShape | undefined): string | null {
  if (!shape || source.row === undefined || source.row < 1 || source.row > shape.rowCount)
    return null;
  const row = shape.headerRow + 1 + source.row;
  const column =
    source.column === undefined
      ? -1
      : shape.headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(source.column));
  if (column >= 0) return `${columnLetters(shape.firstColumn + column + 1)}${row}`;
  return `${columnLetters(shape.firstColumn + 1)}${row}:${columnLetters(shape.firstColumn + shape.columnCount)}${row}`;
}

const CAP_RULES = new Set(["cap-breach", "cap-breach-paid"]);

/**
 * The NetAssets rows a cap finding is about: the rows of its portfolio dated in the breached
 * period (from the first to the last, as one area of the table), or null when unknown.
 *
 * Growth's 2025-01 breach, its January NAVs in table rows 1–21 → `{ table: "NetAssets", row: 1, address: "A2:C22", … }`.
 */
export function capBreachSource(
  finding: PlanException,
  evaluation: PlanEvaluation,
  shapes: readonly TableShape[]
): SourceRef | null {
  if (!CAP_RULES.has(finding.rule) || finding.portfolio === null || finding.date === null)
    return null;
  const key = finding.portfolio.trim().toLowerCase();
  const portfolio = evaluation.portfolios.find(
    (p) => p.settings.portfolio.trim().toLowerCase() === key
  );
  const test = portfolio?.capTests.find(
    (t) => t.period.end === finding.date && (t.breach || t.paidBreach)
  );
  if (!portfolio?.series || !test) return null;
  const rows = portfolio.series
    .filter((point) => point.date >= test.period.start && point.date <= test.period.end)
    .map((point) => tableRowOf(point))
    .filter((row): row is number => row !== undefined);
  const shape = shapes.find((s) => s.name.toLowerCase() === NET_ASSETS.name.toLowerCase());
  if (rows.length === 0 || !shape) return null;
  const first = Math.min(...rows);
  const last = Math.max(...rows);
  const top = shape.headerRow + 1 + first;
  const bottom = shape.headerRow + 1 + last;
  const left = columnLetters(shape.firstColumn + 1);
  const right = columnLetters(shape.firstColumn + shape.columnCount);
  return {
    sheet: shape.sheet,
    table: shape.name,
    row: first,
    address: `${left}${top}:${right}${bottom}`,
  };
}

/**
 * The findings with their places filled in: a sheet and an address wherever the table is
 * known, the NetAssets rows of a cap breach's period. Findings are copied, never changed.
 */
export function placeFindings(
  findings: readonly PlanException[],
  evaluation: PlanEvaluation | null,
  shapes: readonly TableShape[]
): PlanException[] {
  return findings.map((finding) => {
    const source = finding.source;
    if (!source) {
      const rows = evaluation ? capBreachSource(finding, evaluation, shapes) : null;
      return rows ? { ...finding, source: rows } : finding;
    }
    if (source.address) return finding;
    const shape = shapes.find((s) => s.name.toLowerCase() === source.table.toLowerCase());
    const area = rowArea(source, shape);
    return area && shape
      ? { ...finding, source: { ...source, sheet: shape.sheet, address: area } }
      : finding;
  });
}
