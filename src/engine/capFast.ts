/**
 * Exact fast path for ADNA and the maximum allowable fee over long NAV
 * columns, on the same argument as `accrualFast.ts`: sums of whole-cent
 * products in float64 carry a known error bound, and a result whose cent
 * rounding falls inside that bound is recomputed by the decimal.js reference.
 *
 * The sums here run over up to millions of terms, so they are compensated
 * (Neumaier): the error is then about 2u·|sum| whatever the number of terms,
 * instead of growing with it — which keeps the guard band far below a cent.
 */
import type { DayWindow } from "./accrualWalk";
import { averageDailyNetAssets } from "./averageDailyNetAssets";
import { maximumAllowableFee } from "./cap";
import { civilFromDay, type Day, dayFromCivil, daysInYear } from "./calendar";
import { Decimal, roundCents } from "./decimal";
import { forEachNetAssetsRun } from "./netAssetsSeries";
import type { NavTiming } from "./plan";

export interface FastCapInput {
  dates: ArrayLike<number>;
  /** Whole cents, 0 ≤ x ≤ 2^53 − 1 (see `fastPathApplies`). */
  netAssetsCents: ArrayLike<number>;
  timing: NavTiming;
  maxAnnualRate: Decimal;
  start: Day;
  end: Day;
  inEffect?: readonly DayWindow[] | null;
}

export interface FastCapResult {
  /** Days of [start, end] with net assets (the ADNA divisor). */
  days: number;
  /** ADNA rounded half-up to the cent, or null when no day has net assets. */
  averageDailyNetAssetsCents: number | null;
  /** In-effect days counted for the maximum. */
  daysInEffect: number;
  maximumCents: number;
  /** Roundings recomputed in decimal.js because they fell within the float error bound. */
  exactFallbacks: number;
}

const TWO_TO_MINUS_52 = 2 ** -52;

/**
 * Whether `value` (a compensated sum of positive terms, each within 3u of
 * exact, then at most one division) might round differently from the exact
 * value: 8 · 2^-52 · value covers 2u (compensated sum) + 3u (terms) + u (division) with room.
 */
function nearHalfCent(value: number): boolean {
  const fraction = value - Math.floor(value);
  return Math.abs(fraction - 0.5) <= 8 * TWO_TO_MINUS_52 * value + 1e-300;
}

/** A Neumaier compensated sum. */
class CompensatedSum {
  private sum = 0;
  private compensation = 0;
  add(term: number): void {
    const total = this.sum + term;
    this.compensation +=
      Math.abs(this.sum) >= Math.abs(term) ? this.sum - total + term : term - total + this.sum;
    this.sum = total;
  }
  get value(): number {
    return this.sum + this.compensation;
  }
}

function reference(input: FastCapInput) {
  const series = Array.from(input.dates, (date, index) => ({
    date,
    netAssets: new Decimal(input.netAssetsCents[index]!).dividedBy(100),
  }));
  return { series };
}

/**
 * ADNA and maximum allowable fee over [start, end], in whole cents — the
 * same figures as `averageDailyNetAssets` (rounded) and `maximumAllowableFee`:
 * one span rounded once. A cap period's maximum is the sum of its months'
 * rounded maxima (SPEC §2 "Cap"): ask it of each month, or use `maximumBetween`.
 *
 * DOMAIN.md Q1 2024 at 10,040,000 → maximumCents 1248142.
 */
export function averageAndMaximumFast(input: FastCapInput): FastCapResult {
  const { dates, netAssetsCents, timing, start, end } = input;
  const rate = input.maxAnnualRate.toNumber();
  let exactFallbacks = 0;

  const totalCentDays = new CompensatedSum();
  let days = 0;
  forEachNetAssetsRun(dates, timing, start, end, (navIndex, runStart, runEnd) => {
    const count = runEnd - runStart + 1;
    totalCentDays.add(netAssetsCents[navIndex]! * count);
    days += count;
  });
  let averageDailyNetAssetsCents: number | null = null;
  if (days > 0) {
    const average = totalCentDays.value / days;
    if (nearHalfCent(average)) {
      exactFallbacks += 1;
      const exact = averageDailyNetAssets(reference(input).series, start, end, timing).average!;
      averageDailyNetAssetsCents = roundCents(exact).times(100).toNumber();
    } else {
      averageDailyNetAssetsCents = Math.floor(average + 0.5);
    }
  }

  const maximum = new CompensatedSum();
  let daysInEffect = 0;
  let yearStart = Number.POSITIVE_INFINITY;
  let yearEnd = Number.NEGATIVE_INFINITY;
  let yearDays = 365;
  const ranges = input.inEffect
    ? input.inEffect
        .map((w) => ({ start: Math.max(start, w.start), end: Math.min(end, w.end ?? end) }))
        .filter((r) => r.start <= r.end)
    : [{ start, end }];
  for (const range of ranges) {
    forEachNetAssetsRun(dates, timing, range.start, range.end, (navIndex, runStart, runEnd) => {
      const cents = netAssetsCents[navIndex]!;
      // Split at year ends: each day's basis is its own year's length (the year is cached: runs arrive in order).
      for (let from = runStart; from <= runEnd;) {
        if (from < yearStart || from > yearEnd) {
          const year = civilFromDay(from).year;
          yearStart = dayFromCivil(year, 1, 1);
          yearEnd = dayFromCivil(year, 12, 31);
          yearDays = daysInYear(year);
        }
        const to = Math.min(runEnd, yearEnd);
        const count = to - from + 1;
        maximum.add(((cents * rate) / yearDays) * count);
        daysInEffect += count;
        from = to + 1;
      }
    });
  }
  let maximumCents: number;
  if (nearHalfCent(maximum.value)) {
    exactFallbacks += 1;
    maximumCents = maximumAllowableFee({ ...input, series: reference(input).series })
      .maximum.times(100)
      .toNumber();
  } else {
    maximumCents = Math.floor(maximum.value + 0.5);
  }
  return { days, averageDailyNetAssetsCents, daysInEffect, maximumCents, exactFallbacks };
}
