/**
 * What the NAV history bounds (issue 22): `--all-quarters` reports only the
 * quarters that have NAV rows ("with NAV history", as `--help` says), and an
 * `--as-of` date more than a year after the last NAV row is refused rather
 * than computed — `--as-of 9999-12-31` once meant 32,000 empty quarter sheets
 * and hours of work.
 *
 * Refused, not clamped: the as-of date is what every figure speaks for
 * (SPEC §5 "periods run only through the as-of date"), and a report quietly
 * speaking for another day than the one asked would be a wrong figure with
 * exit 0. The default as-of date (today) is never refused: a workbook whose
 * history has ended (a terminated plan's archive) still reports.
 */
import { addMonths, type Day, isoDate } from "../engine/calendar";
import { type Period, quarterOf } from "../engine/periods";

/** The first and last NAV dates, without spreading a whole-sheet table onto the stack; null for none. */
export function navSpan(rows: readonly { date: Day }[]): { first: Day; last: Day } | null {
  let first: Day | null = null;
  let last: Day | null = null;
  for (const row of rows) {
    if (first === null || row.date < first) first = row.date;
    if (last === null || row.date > last) last = row.date;
  }
  return first === null || last === null ? null : { first, last };
}

/**
 * Why a given `--as-of` is refused, or null: more than a year after the last NAV date.
 *
 * `asOfBeyondHistory("9999-12-31", day("9999-12-31"), { first, last: day("2026-09-30") })` →
 * "--as-of 9999-12-31 is more than a year after the last NAV row (2026-09-30): …"
 */
export function asOfBeyondHistory(
  given: string | undefined,
  asOf: Day,
  span: { last: Day } | null
): string | null {
  if (given === undefined || span === null) return null;
  const latest = addMonths(span.last, 12);
  if (asOf <= latest) return null;
  return `--as-of ${given} is more than a year after the last NAV row (${isoDate(span.last)}), so every figure would speak for a time the workbook has no net assets for. Give an as-of date on or before ${isoDate(latest)}, or add the NAV rows up to it.`;
}

/**
 * The quarters that hold at least one NAV row dated on or before `through`, in order — as
 * many as the history has, however far apart its first and last rows are.
 *
 * `quartersWithNav([{ date: day("2026-08-03") }, { date: day("2024-01-02") }], day("2026-09-30"))` → [2024Q1, 2026Q3]
 */
export function quartersWithNav(rows: readonly { date: Day }[], through: Day): Period[] {
  const starts = new Set<Day>();
  for (const row of rows) if (row.date <= through) starts.add(quarterOf(row.date).start);
  return [...starts].sort((a, b) => a - b).map((start) => quarterOf(start));
}
