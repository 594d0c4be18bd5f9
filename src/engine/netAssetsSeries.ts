/**
 * A portfolio's struck NAVs as a sorted series, and the rule for which net
 * assets apply to a calendar day (SPEC §2 "Which net assets").
 */
import { type Day, isoDate } from "./calendar";
import { type Decimal } from "./decimal";
import { exception, type PlanException, type SourceRef } from "./exceptions";
import type { NavTiming, NetAssetsColumns, NetAssetsRow } from "./plan";

/** One struck NAV of a series. */
export interface NavPoint {
  date: Day;
  netAssets: Decimal;
  /** `netAssets` in whole cents when the reader had them (see `NetAssetsRow`); absent: read `netAssets`. */
  readonly netAssetsCents?: number;
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
export function toSeries(
  portfolio: string,
  rows: readonly Pick<NetAssetsRow, "date" | "netAssets" | "netAssetsCents" | "source">[],
  columns?: NetAssetsColumns
): SeriesResult {
  const exceptions: PlanException[] = [];
  // Findings point at the offending cell when the workbook layer says which columns hold what.
  const at = (source: SourceRef | undefined, column: string | undefined) =>
    source && column ? { ...source, column } : source;
  // Where each date was last seen, built only at the first date not after the one before it:
  // while dates increase none can repeat, so a sorted history keeps no map (issue 24).
  let seenAt: Map<Day, SourceRef | undefined> | null = null;
  let previous: Pick<NetAssetsRow, "date" | "source"> | null = null;
  // Built only for a finding: a clean 90,000-row history allocates nothing per row here.
  const where = (row: Pick<NetAssetsRow, "date" | "source">) => {
    const dateCell = at(row.source, columns?.date);
    return { portfolio, date: row.date, ...(dateCell ? { source: dateCell } : {}) };
  };
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index]!;
    // The cents when the reader had them: a clean history builds no decimal here.
    if (row.netAssetsCents !== undefined ? row.netAssetsCents < 0 : row.netAssets.isNegative()) {
      const netAssetsCell = at(row.source, columns?.netAssets);
      exceptions.push(
        exception(
          "error",
          "nav-negative",
          `${portfolio}: net assets on ${isoDate(row.date)} are negative (${row.netAssets.toFixed(2)}).`,
          {
            portfolio,
            date: row.date,
            ...(netAssetsCell ? { source: netAssetsCell } : {}),
          }
        )
      );
    }
    if (seenAt === null) {
      if (previous === null || row.date > previous.date) {
        previous = row;
        continue;
      }
      seenAt = new Map();
      for (let before = 0; before < index; before += 1)
        seenAt.set(rows[before]!.date, rows[before]!.source);
    }
    if (seenAt.has(row.date)) {
      const first = seenAt.get(row.date);
      exceptions.push(
        exception(
          "error",
          "nav-duplicate-date",
          `${portfolio}: ${isoDate(row.date)} has two NAV rows${first?.row !== undefined ? ` (first at row ${first.row})` : ""}; keep one.`,
          where(row)
        )
      );
    } else if (previous && row.date < previous.date) {
      exceptions.push(
        exception(
          "error",
          "nav-unsorted",
          `${portfolio}: NAV date ${isoDate(row.date)} comes after ${isoDate(previous.date)}; sort the rows by date.`,
          where(row)
        )
      );
    }
    seenAt.set(row.date, row.source);
    previous = row;
  }
  if (exceptions.length > 0) return { series: null, exceptions };
  // The rows themselves are the points (a row is a point with its portfolio): copying them
  // would read every `netAssets` a reader keeps in cents until asked (issue 24).
  return { series: rows.slice(), exceptions };
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

/** Index of the latest date ≤ `limit` in sorted `dates`, or −1. `latestIndexAtOrBefore([3, 5, 9], 6)` → 1 */
export function latestIndexAtOrBefore(dates: ArrayLike<number>, limit: Day): number {
  let low = 0;
  let high = dates.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (dates[middle]! <= limit) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * Visits the runs of days in [start, end] that use one NAV each (see
 * `netAssetsRuns`), over plain sorted dates, so the decimal and the fast
 * computations share one walk.
 */
export function forEachNetAssetsRun(
  dates: ArrayLike<number>,
  timing: NavTiming,
  start: Day,
  end: Day,
  visit: (navIndex: number, runStart: Day, runEnd: Day) => void
): void {
  if (end < start || dates.length === 0) return;
  const lag = timing === "Prior day" ? 1 : 0;
  let index = latestIndexAtOrBefore(dates, start - lag);
  let cursor = start;
  if (index < 0) {
    // Skip to the first day that has a NAV.
    cursor = dates[0]! + lag;
    index = 0;
  }
  while (cursor <= end) {
    const hasNext = index + 1 < dates.length;
    const runEnd = hasNext ? Math.min(end, dates[index + 1]! + lag - 1) : end;
    if (runEnd >= cursor) visit(index, cursor, runEnd);
    if (!hasNext) break;
    cursor = Math.max(cursor, dates[index + 1]! + lag);
    index += 1;
  }
}

// A series is never changed once built, so its dates are extracted once: the cap test asks for the runs of
// every month, quarter and year, and re-extracting per period made long histories quadratic.
const seriesDates = new WeakMap<readonly NavPoint[], Float64Array>();

function datesOf(series: readonly NavPoint[]): Float64Array {
  let dates = seriesDates.get(series);
  if (!dates) seriesDates.set(series, (dates = Float64Array.from(series, (point) => point.date)));
  return dates;
}

/**
 * The net assets used on each day of [start, end], as runs of equal days.
 * Days before the first applicable NAV are left out (nothing is known of
 * them). Weekends and holidays carry the last struck NAV.
 *
 * With NAVs on Thu 2 Jan (100) and Fri 3 Jan (101), `Prior day`, 3–5 Jan →
 * [{3 Jan, 100}, {4–5 Jan, 101}].
 */
export function netAssetsRuns(
  series: readonly NavPoint[],
  timing: NavTiming,
  start: Day,
  end: Day
): NetAssetsRun[] {
  const runs: NetAssetsRun[] = [];
  forEachNetAssetsRun(datesOf(series), timing, start, end, (navIndex, runStart, runEnd) =>
    runs.push({ start: runStart, end: runEnd, netAssets: series[navIndex]!.netAssets, navIndex })
  );
  return runs;
}
