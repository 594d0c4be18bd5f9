/**
 * The cap's maximum allowable fee of any period (Plan §1, SPEC §2 "Cap": the
 * sum of its months' maxima, each rounded to the cent), on the exact fast path: a table built in one pass over the series answers each
 * period with a binary search and a few multiplications, whatever its length
 * — so a cap test per month, quarter and year, or a month-to-date maximum per
 * NAV row, costs O(log rows) each and never a walk of the series.
 *
 * The table holds, for each NAV, the first day it applies (its date, or the
 * day after under `Prior day`) and the whole cents of net assets summed over
 * the days of that day's calendar year before it. Such sums restart every
 * 1 January, so they stay below 366 × the largest NAV, whole numbers that a
 * double holds exactly; the cent-days of any stretch inside one year are then
 * the exact difference of two of them. A period's maximum is Σ over its year
 * pieces of cent-days × ceiling ÷ days in that year: a handful of float terms
 * with a known error bound. When the result lies within that bound of a half
 * cent, the decimal.js reference (`maximumUnderCeiling`) gives the figure, so
 * the two agree to the cent always (test/engine/maximumTable.test.ts).
 */
import type { DayWindow } from "./accrualWalk";
import { civilFromDay, type Day, dayFromCivil, daysInYear, monthEnd, monthStart } from "./calendar";
import { type Ceiling, maximumUnderCeiling } from "./ceiling";
import { Decimal, decimalFromCents, ZERO } from "./decimal";
import { latestIndexAtOrBefore, type NavPoint } from "./netAssetsSeries";
import { monthPieces } from "./periods";
import { type NavTiming, PLAN_MAX_ANNUAL_RATE } from "./plan";
import type { SeriesColumns } from "./seriesColumns";

/** `"fast"` (the default) or `"reference"` (decimal.js only: what tests hold the fast path to). */
export type ExactPath = "fast" | "reference";

/** Largest whole cents for which 366 days of them stay exact in a double. */
export const MAX_TABLE_CENTS = Math.floor(Number.MAX_SAFE_INTEGER / 366);

export interface MaximumTableInput {
  series: readonly NavPoint[];
  /** `seriesColumns(series)`, converted once by the caller. */
  columns: SeriesColumns;
  /** The cap basis's net assets: the same-day close, or the accrual's timing. */
  timing: NavTiming;
  inEffect: readonly DayWindow[] | null;
  ceiling: Ceiling;
  path?: ExactPath;
}

export interface MaximumTable {
  series: readonly NavPoint[];
  timing: NavTiming;
  inEffect: readonly DayWindow[] | null;
  ceiling: Ceiling;
  /** Null when the series is outside the fast path's range: every maximum is the reference's. */
  fast: {
    /** First day each NAV applies. */
    starts: Float64Array;
    cents: Float64Array;
    /** Σ cents over the days of `starts[i]`'s year before `starts[i]`. */
    yearToDate: Float64Array;
    /** The ceiling's rate and the plan's .50% as doubles, converted once (not per period). */
    raisedRate: number;
    planRate: number;
  } | null;
}

/**
 * Builds the table of one series, in one pass.
 *
 * @example
 * const table = maximumTable({ series, columns: seriesColumns(series), timing: "Same day", inEffect, ceiling });
 * maximumBetween(table, day("2026-03-01"), day("2026-03-31")) // → 15500 on 36,500,000 a day at .50%
 */
export function maximumTable(input: MaximumTableInput): MaximumTable {
  const { series, timing, inEffect, ceiling, columns } = input;
  const base = { series, timing, inEffect, ceiling };
  const cents = columns.netAssetsCents;
  if (input.path === "reference" || cents === null || columns.largestCents > MAX_TABLE_CENTS)
    return { ...base, fast: null };
  const count = cents.length;
  const lag = timing === "Prior day" ? 1 : 0;
  const starts = new Float64Array(count);
  const yearToDate = new Float64Array(count);
  let yearStart = Number.POSITIVE_INFINITY;
  let nextYearStart = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < count; index += 1) {
    const start = columns.dates[index]! + lag;
    starts[index] = start;
    if (start < yearStart || start >= nextYearStart) {
      const year = civilFromDay(start).year;
      yearStart = dayFromCivil(year, 1, 1);
      nextYearStart = dayFromCivil(year + 1, 1, 1);
    }
    if (index === 0) continue;
    const previous = starts[index - 1]!;
    // The NAV before covers the days up to this one: from its own start, or from 1 January if it began in an earlier year.
    yearToDate[index] =
      previous >= yearStart
        ? yearToDate[index - 1]! + cents[index - 1]! * (start - previous)
        : cents[index - 1]! * (start - yearStart);
  }
  return {
    ...base,
    fast: {
      starts,
      cents,
      yearToDate,
      raisedRate: ceiling.maxAnnualRate.toNumber(),
      planRate: PLAN_MAX_ANNUAL_RATE.toNumber(),
    },
  };
}

/** Σ cents over the days from `yearStart` through `d` (0 when d is before it): exact. */
function centsThrough(fast: NonNullable<MaximumTable["fast"]>, d: Day, yearStart: Day): number {
  if (d < yearStart) return 0;
  const { starts, cents, yearToDate } = fast;
  const found = latestIndexAtOrBefore(starts, d);
  if (found < 0) return 0;
  const start = starts[found]!;
  return start >= yearStart
    ? yearToDate[found]! + cents[found]! * (d - start + 1)
    : cents[found]! * (d - yearStart + 1);
}

const TWO_TO_MINUS_52 = 2 ** -52;

/**
 * The maximum allowable fee over [start, end] in whole cents on the fast
 * path, or null when the table has no fast path or the float result lies too
 * near a half cent to round safely (the caller then asks the reference).
 *
 * Error bound: each term is an exact whole number times the rate's double,
 * divided by the year's days (3 roundings); a sum of `terms` of them adds
 * `terms` more, all relative to the (positive) total: 8 + terms units of
 * 2^-52 cover it with room.
 *
 * @example maximumCentsFast(table, day("2024-01-01"), day("2024-03-31")) // → 1248142 on 10,040,000 a day at .50%
 */
export function maximumCentsFast(table: MaximumTable, start: Day, end: Day): number | null {
  const fast = table.fast;
  if (fast === null) return null;
  const { ceiling } = table;
  const raised = fast.raisedRate;
  const plan = fast.planRate;
  let value = 0;
  let terms = 0;
  const add = (from: Day, to: Day, rate: number) => {
    for (let pieceStart = from; pieceStart <= to;) {
      const year = civilFromDay(pieceStart).year;
      const yearStart = dayFromCivil(year, 1, 1);
      const pieceEnd = Math.min(to, dayFromCivil(year, 12, 31));
      const centDays =
        centsThrough(fast, pieceEnd, yearStart) - centsThrough(fast, pieceStart - 1, yearStart);
      if (centDays > 0) {
        value += (centDays * rate) / daysInYear(year);
        terms += 1;
      }
      pieceStart = pieceEnd + 1;
    }
  };
  const windows = table.inEffect ?? [{ start, end }];
  for (const window of windows) {
    const from = Math.max(start, window.start);
    const to = Math.min(end, window.end ?? end);
    if (from > to) continue;
    // Plan §8: a raised ceiling holds from its vote; the days before are at .50%.
    const raisedFrom = ceiling.from;
    if (raisedFrom === null || raisedFrom <= from) add(from, to, raised);
    else if (raisedFrom > to) add(from, to, plan);
    else {
      add(from, raisedFrom - 1, plan);
      add(raisedFrom, to, raised);
    }
  }
  const distance = value - Math.floor(value) - 0.5;
  const bound = (terms + 8) * TWO_TO_MINUS_52 * value + 1e-300;
  if (distance <= bound && distance >= -bound) return null;
  return Math.floor(value + 0.5);
}

/** The maximum over [start, end] rounded to cents once by decimal.js over those days (what the fast path falls back to). */
function referenceMaximum(table: MaximumTable, start: Day, end: Day): Decimal {
  const { series, timing, inEffect, ceiling } = table;
  return maximumUnderCeiling({ series, timing, start, end, inEffect }, ceiling).maximum;
}

/** `spanMaximum` in whole cents. */
function spanMaximumCents(table: MaximumTable, start: Day, end: Day): number {
  const cents = maximumCentsFast(table, start, end);
  if (cents !== null) return cents;
  return referenceMaximum(table, start, end).times(100).toNumber();
}

/**
 * The maximum allowable fee over [start, end] as the cap measures a period
 * (SPEC §2 "Cap"): the sum of its months' (or part months') maxima, each
 * rounded to the cent as fees are booked (see `sumOfMonthPieces`). Each piece
 * comes from the table when it can be exact, else from decimal.js over that
 * piece's own days (never over the whole series).
 *
 * @example maximumBetween(table, day("2024-01-01"), day("2024-03-31")) // → 42,349.73 + 39,617.49 + 42,349.73 = 124,316.95 on 100,000,000 a day at .50% (DOMAIN.md "At the cap exactly")
 */
export function maximumBetween(table: MaximumTable, start: Day, end: Day): Decimal {
  // The pieces' whole cents are summed as a number while each is exact on the fast path and the
  // sum stays below 2^53 (one decimal at the end, not three decimal operations per month); a
  // piece that is not joins a decimal sum. Either way the total is the exact sum of the pieces.
  let cents = 0;
  let rest: Decimal | null = null;
  for (let pieceStart = start; pieceStart <= end;) {
    const pieceEnd = Math.min(end, monthEnd(pieceStart));
    const piece = maximumCentsFast(table, pieceStart, pieceEnd);
    if (piece !== null && cents + piece <= Number.MAX_SAFE_INTEGER) cents += piece;
    else
      rest = (rest ?? ZERO).plus(
        piece !== null ? decimalFromCents(piece) : referenceMaximum(table, pieceStart, pieceEnd)
      );
    pieceStart = pieceEnd + 1;
  }
  const total = decimalFromCents(cents);
  return rest === null ? total : total.plus(rest);
}

/**
 * `maximumBetween` in whole cents, for callers that write numbers (the
 * accrual columns' Cap headroom): no decimal is made on the fast path.
 *
 * @example maximumCentsBetween(table, day("2024-01-01"), day("2024-01-31")) // → 4234973 on 100,000,000 a day at .50% in 2024
 */
export function maximumCentsBetween(table: MaximumTable, start: Day, end: Day): number {
  // One month (the accrual columns' month to date, per row): no pieces to make.
  if (monthStart(end) <= start) return spanMaximumCents(table, start, end);
  let cents = 0;
  for (const piece of monthPieces(start, end))
    cents += spanMaximumCents(table, piece.start, piece.end);
  return cents;
}
