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
  type RowAccrual,
  walkFindings,
} from "./accrual";
import { accrueFast } from "./accrualFast";
import { type Day } from "./calendar";
import { Decimal, ZERO } from "./decimal";
import { monthOf } from "./periods";
import type { SeriesColumns } from "./seriesColumns";

const TWO_TO_THE_50 = 2 ** 50;

/**
 * Whole cents as a decimal. Below 2^50 cents the double `cents / 100` is the
 * nearest to the two-decimal value and hundredths are more than two of its
 * spacings apart, so its shortest string (what decimal.js reads) is exactly
 * that value; beyond, decimal.js divides.
 */
function decimalOfCents(cents: number): Decimal {
  if (cents === 0) return ZERO;
  return Math.abs(cents) <= TWO_TO_THE_50
    ? new Decimal(cents / 100)
    : new Decimal(cents).dividedBy(100);
}

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
  const forward = settings.weekendBooking === "Forward";
  const firstDays = new Float64Array(rowCount);
  const lastDays = new Float64Array(rowCount);
  const annualRates = new Array<Decimal | null>(rowCount);
  for (let index = 0; index < rowCount; index += 1) {
    // The days the row covers, as `coveredDays` gives them (SPEC §2 "Days covered").
    const date: Day = dates[index]!;
    const hasNext = index + 1 < rowCount;
    let firstDay: Day;
    let lastDay: Day;
    if (forward) {
      firstDay = date;
      lastDay = hasNext ? dates[index + 1]! - 1 : (periodEnd ?? date);
    } else {
      firstDay = index > 0 ? dates[index - 1]! + 1 : date;
      lastDay = hasNext ? date : Math.max(date, periodEnd ?? date);
    }
    if (periodEnd !== null && periodEnd < lastDay) lastDay = periodEnd;
    firstDays[index] = firstDay;
    lastDays[index] = lastDay;
    const rateIndex = fast.rateIndex[index]!;
    annualRates[index] = rateIndex < 0 ? null : rates[rateIndex]!.annualRate;
  }
  const rowColumns: AccrualRowColumns = {
    date: dates,
    firstDay: firstDays,
    lastDay: lastDays,
    days: fast.days,
    annualRate: annualRates,
    bookedCents: fast.bookedCents,
    monthToDateCents: fast.monthToDateCents,
  };
  const makeRows = (): RowAccrual[] => {
    const rows = new Array<RowAccrual>(rowCount);
    for (let index = 0; index < rowCount; index += 1) {
      rows[index] = {
        rowIndex: index,
        date: dates[index]!,
        firstDay: firstDays[index]!,
        lastDay: lastDays[index]!,
        days: fast.days[index]!,
        annualRate: annualRates[index] ?? null,
        booked: decimalOfCents(fast.bookedCents[index]!),
        monthToDate: decimalOfCents(fast.monthToDateCents[index]!),
      };
    }
    return rows;
  };
  const months = fast.months.map((month) => ({
    period: monthOf(month.start),
    days: month.days,
    booked: decimalOfCents(month.bookedCents),
    trueUp: decimalOfCents(month.trueUpCents),
    reimbursementTrueUp: ZERO,
  }));
  const kept = fast.runs!;
  const runs: AccrualResult["runs"] = new Array<AccrualResult["runs"][number]>(kept.count);
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
  // The rows (two decimals each) are made when first read: check and the report never read them.
  let rows: RowAccrual[] | null = null;
  return {
    get rows() {
      return (rows ??= makeRows());
    },
    rowColumns,
    months,
    runs,
    total: decimalOfCents(fast.totalCents),
    exceptions: walkFindings(input.portfolio ?? "", dates, series, fast.notes),
    notes: fast.notes,
  };
}
