/**
 * Plain-text tables for the terminal summary: columns padded to their widths,
 * numbers right-aligned; and a finding as one line.
 */
import { describeSource, type PlanException } from "../engine/exceptions";

/** `summaryTable(["Portfolio", "Fees"], [["Growth", "1,234.00"]])` → three aligned lines. */
export function summaryTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[]
): string[] {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? "").length))
  );
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((row) => /^[-\d,.%()]*$/.test(row[i] ?? ""))
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}

/** US-style money text: `moneyText(1234.5)` → "1,234.50". */
export function moneyText(value: number): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/**
 * A finding as the terminal shows it, severity first, then where it is:
 * `findingLine(e)` → `'ERROR   Rate above the ceiling … [sheet "Plan", table Rates row 2, column "Annual rate"]'`
 */
export function findingLine(e: PlanException): string {
  return `${e.severity.toUpperCase().padEnd(7)} ${e.message}${e.source ? ` [${describeSource(e.source)}]` : ""}`;
}
