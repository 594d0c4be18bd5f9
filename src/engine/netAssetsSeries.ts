/**
 * A portfolio's struck NAVs as a sorted series, and the rule for which net
 * assets apply to a calendar day (SPEC §2 "Which net assets").
 */
import { type Day, isoDate } from "./calendar";
import { type Decimal } from "./decimal";
import { exception, type PlanException, type SourceRef } from "./exceptions";
import type { NavTiming, NetAssetsRow } from "./plan";

/** One struck NAV of a series. */
export interface NavPoint {
  date: Day;
  netAssets: Decimal;
  source?: SourceRef;
}

/** A run of consecutive calendar days on which the same net assets apply. */
export interface NetAssetsRun {
  start: Day;
  /** Inclusive. */
  end: Day;
  netAssets: Decimal;
  /** Index in the series of the NAV that applies. */
  navIndex: number;
}

export interface SeriesResult {
  /** The usable series, or null when an error makes any figure from it unreliable. */
  series: NavPoint[] | null;
  exceptions: PlanException[];
}

/**
 * Checks a portfolio's NAV rows, in table order, and returns them as a series.
 * Dates must strictly increase and net assets must not be negative: a
 * duplicate, an out-of-order date or a negative NAV is an error and the
 * portfolio gets no series (so no accrual is computed from it — never a wrong
 * number). Zero net assets are allowed (a class with no shareholders yet).
 *
 * `toSeries("Growth", rows)` → `{ series: [...], exceptions: [] }` for clean rows.
 */
export function toSeries(portfolio: string, rows: readonly Pick<NetAssetsRow, "date" | "netAssets" | "source">[]): SeriesResult {
  const exceptions: PlanException[] = [];
  const seenAt = new Map<Day, SourceRef | undefined>();
  let previous: Pick<NetAssetsRow, "date" | "source"> | null = null;
  for (const row of rows) {
    const where = { portfolio, date: row.date, ...(row.source ? { source: row.source } : {}) };
    if (row.netAssets.isNegative()) {
      exceptions.push(
        exception("error", "nav-negative", `${portfolio}: net assets on ${isoDate(row.date)} are negative (${row.netAssets.toFixed(2)}).`, where),
      );
    }
    if (seenAt.has(row.date)) {
      const first = seenAt.get(row.date);
      exceptions.push(
        exception(
          "error",
          "nav-duplicate-date",
          `${portfolio}: ${isoDate(row.date)} has two NAV rows${first?.row !== undefined ? ` (first at row ${first.row})` : ""}; keep one.`,
          where,
        ),
      );
    } else if (previous && row.date < previous.date) {
      exceptions.push(
        exception(
          "error",
          "nav-unsorted",
          `${portfolio}: NAV date ${isoDate(row.date)} comes after ${isoDate(previous.date)}; sort the rows by date.`,
          where,
        ),
      );
    }
    seenAt.set(row.date, row.source);
    previous = row;
  }
  if (exceptions.length > 0) return { series: null, exceptions };
  return { series: rows.map((row) => ({ date: row.date, netAssets: row.netAssets, ...(row.source ? { source: row.source } : {}) })), exceptions };
}

/**
 * Index of the NAV that applies to day `d`, or -1 when none does.
 * `Prior day`: the latest NAV dated before d; `Same day`: on or before d.
 * Binary search: the series is sorted.
 */
export function navIndexFor(series: readonly NavPoint[], d: Day, timing: NavTiming): number {
  const limit = timing === "Prior day" ? d - 1 : d;
  let low = 0;
  let high = series.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (series[middle]!.date <= limit) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * The net assets used on each day of [start, end], as runs of equal days.
 * Days before the first applicable NAV are left out (nothing is known of
 * them). Weekends and holidays carry the last struck NAV.
 *
 * With NAVs on Thu 2 Jan (100) and Fri 3 Jan (101), `Prior day`, 3–5 Jan →
 * [{3 Jan, 100}, {4–5 Jan, 101}].
 */
export function netAssetsRuns(series: readonly NavPoint[], timing: NavTiming, start: Day, end: Day): NetAssetsRun[] {
  const runs: NetAssetsRun[] = [];
  if (end < start || series.length === 0) return runs;
  const lag = timing === "Prior day" ? 1 : 0;
  let index = navIndexFor(series, start, timing);
  let cursor = start;
  if (index < 0) {
    // Skip to the first day that has a NAV.
    cursor = series[0]!.date + lag;
    index = 0;
  }
  while (cursor <= end) {
    const next = series[index + 1];
    const runEnd = next ? Math.min(end, next.date + lag - 1) : end;
    if (runEnd >= cursor) runs.push({ start: cursor, end: runEnd, netAssets: series[index]!.netAssets, navIndex: index });
    if (!next) break;
    cursor = Math.max(cursor, next.date + lag);
    index += 1;
  }
  return runs;
}
