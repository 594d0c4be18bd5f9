/**
 * The plan evaluation's accrual on the exact fast path: `accrueFast` over the
 * series' whole-cent columns, handed back as the `AccrualResult` that the
 * decimal.js `accrue` gives — the same rows, months, runs, total and findings,
 * figure for figure (test/engine/evaluatePlanFast.test.ts holds the two equal
 * over whole trusts). Decimals are made once per figure at this boundary; the
 * walk and its sums ran in float64 cents with a proven error bound.
 */
import {
  type AccrualInput,
  type AccrualResult,
  type AccrualRowColumns,
  type AccrualRunColumns,
  type RowAccrual,
  walkFindings,
} from "./accrual";
import { accrueFast, type FastMonth } from "./accrualFast";
import { coveredDays } from "./accrualWalk";
import { type Day } from "./calendar";
import { type Decimal, decimalFromCents, ZERO } from "./decimal";
import { monthOf } from "./periods";
import type { SeriesColumns } from "./seriesColumns";

/**
 * `accrue(input)` computed on the fast path, or null when the series is not
 * in whole cents within the fast path's range (the caller then uses `accrue`).
 * Its `rows` are made on first read (the figures are fixed by then), so a
 * caller that needs only months, runs and totals pays for no row decimals.
 *
 * @example
 * // DOMAIN.md: 0.25%, NAVs 2, 3, 6, 7 Jan 2025, Prior day, Forward, penny-true
 * accrueOnFastPath(input, seriesColumns(input.series))!.rows.map((r) => r.booked.toFixed(2))
 * // → ["0.00", "2068.49", "691.78", "681.51"]
 */
export function accrueOnFastPath(
  input: AccrualInput,
  columns: SeriesColumns
): AccrualResult | null {
  const netAssetsCents = columns.netAssetsCents;
  if (netAssetsCents === null) return null;
  const { series, rates, settings } = input;
  const { dates } = columns;
  const periodEnd = input.periodEnd ?? null;
  const fast = accrueFast({
    dates,
    netAssetsCents,
    rates,
    settings,
    inEffect: input.inEffect ?? null,
    periodEnd,
    keepRuns: true,
  });
  const rowCount = dates.length;
  const booking = { dates, periodEnd, weekendBooking: settings.weekendBooking };
  const makeRowColumns = (): AccrualRowColumns => {
    const firstDays = new Float64Array(rowCount);
    const lastDays = new Float64Array(rowCount);
    const annualRates = new Array<Decimal | null>(rowCount);
    for (let index = 0; index < rowCount; index += 1) {
      // The days the row covers (SPEC §2 "Days covered"); made once, when the columns are first read.
      const { firstDay, lastDay } = coveredDays(booking, index);
      firstDays[index] = firstDay;
      lastDays[index] = lastDay;
      const rateIndex = fast.rateIndex[index]!;
      annualRates[index] = rateIndex < 0 ? null : rates[rateIndex]!.annualRate;
    }
    return {
      date: dates,
      firstDay: firstDays,
      lastDay: lastDays,
      days: fast.days,
      annualRate: annualRates,
      bookedCents: fast.bookedCents,
      monthToDateCents: fast.monthToDateCents,
    };
  };
  const makeRows = (): RowAccrual[] => {
    const figures = rowColumns();
    const rows = new Array<RowAccrual>(rowCount);
    for (let index = 0; index < rowCount; index += 1) {
      rows[index] = {
        rowIndex: index,
        date: dates[index]!,
        firstDay: figures.firstDay[index]!,
        lastDay: figures.lastDay[index]!,
        days: fast.days[index]!,
        annualRate: figures.annualRate[index] ?? null,
        booked: decimalFromCents(fast.bookedCents[index]!),
        monthToDate: decimalFromCents(fast.monthToDateCents[index]!),
      };
    }
    return rows;
  };
  const months = fast.months.map((month) => ({
    period: monthOf(month.start),
    days: month.days,
    booked: decimalFromCents(month.bookedCents),
    trueUp: decimalFromCents(month.trueUpCents),
    reimbursementTrueUp: ZERO,
  }));
  const kept = fast.runs!;
  const makeRuns = (): AccrualResult["runs"] => {
    const runs = new Array<AccrualResult["runs"][number]>(kept.count);
    for (let index = 0; index < kept.count; index += 1) {
      const start = kept.start[index]!;
      runs[index] = {
        start,
        end: start + kept.days[index]! - 1,
        rowIndex: kept.row[index]!,
        netAssets: series[kept.nav[index]!]!.netAssets,
        annualRate: rates[kept.rate[index]!]!.annualRate,
        basisDays: kept.basis[index]!,
      };
    }
    return runs;
  };
  // Rows, their columns and runs (an object each, the rows two decimals) are made when first read:
  // check and the report read none (the cap sums use `runColumns`); the accrual columns read rows.
  let rowFigures: AccrualRowColumns | null = null;
  const rowColumns = () => (rowFigures ??= makeRowColumns());
  let rows: RowAccrual[] | null = null;
  let runs: AccrualResult["runs"] | null = null;
  return {
    get rows() {
      return (rows ??= makeRows());
    },
    get runs() {
      return (runs ??= makeRuns());
    },
    get rowColumns() {
      return rowColumns();
    },
    runColumns: {
      ...kept,
      netAssetsCents,
      rateDoubles: Float64Array.from(rates, (rate) => rate.annualRate.toNumber()),
    },
    months,
    total: accrualTotal(fast.months, fast.totalCents, months),
    exceptions: walkFindings(input.portfolio ?? "", dates, series, fast.notes),
    notes: fast.notes,
  };
}

/**
 * The months' booked fees and true-ups summed: `totalCents` (their sum in whole cents, in
 * month order) when no partial sum can pass 2^53 − 1 cents, so every one was exact; else as
 * decimals, as `accrue` does — a series' total can pass 2^53 cents (2^53 − 1 cents at 100% for
 * 2024 on Actual/360 comes to 366/360 of it), where a double's sum of cents is rounded.
 */
function accrualTotal(
  centsByMonth: readonly FastMonth[],
  totalCents: number,
  months: readonly { booked: Decimal; trueUp: Decimal }[]
): Decimal {
  let bound = 0;
  for (const month of centsByMonth)
    bound += Math.abs(month.bookedCents) + Math.abs(month.trueUpCents);
  if (bound <= Number.MAX_SAFE_INTEGER) return decimalFromCents(totalCents);
  return months.reduce((sum, month) => sum.plus(month.booked).plus(month.trueUp), ZERO);
}

const TWO_TO_MINUS_52 = 2 ** -52;

/**
 * The exact accrual over [start, end] rounded to whole cents, from the run
 * columns of the fast path — `roundCents(exactAccrualBetween(runs, start,
 * end))` — or null when the float sum lies too near a half cent to round
 * safely (the caller then sums the decimal runs). Each term is a whole number
 * of cents times a rate's double, divided by the basis and times the days (4
 * roundings); the sum adds one per term: `terms + 8` units of 2^-52 of the
 * total cover both with room, as in `accrueFast`.
 *
 * @example roundedAccrualCentsBetween(accrual.runColumns!, day("2025-01-03"), day("2025-01-07")) // → 344178 (DOMAIN.md)
 */
export function roundedAccrualCentsBetween(
  runs: AccrualRunColumns,
  start: Day,
  end: Day
): number | null {
  let low = 0;
  let high = runs.count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (runs.start[middle]! + runs.days[middle]! - 1 < start) low = middle + 1;
    else high = middle;
  }
  let value = 0;
  let terms = 0;
  for (let index = low; index < runs.count && runs.start[index]! <= end; index += 1) {
    const runStart = runs.start[index]!;
    const from = Math.max(start, runStart);
    const to = Math.min(end, runStart + runs.days[index]! - 1);
    if (from > to) continue;
    value +=
      ((runs.netAssetsCents[runs.nav[index]!]! * runs.rateDoubles[runs.rate[index]!]!) /
        runs.basis[index]!) *
      (to - from + 1);
    terms += 1;
  }
  const distance = value - Math.floor(value) - 0.5;
  const bound = (terms + 8) * TWO_TO_MINUS_52 * value + 1e-300;
  if (distance <= bound && distance >= -bound) return null;
  return Math.floor(value + 0.5);
}
