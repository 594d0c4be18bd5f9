/**
 * A NAV series as plain number columns (dates, whole cents): the one
 * conversion from decimal.js that the exact fast paths (`accrueFast`, the
 * cap's `maximumTable`) start from. It is done once per series and handed on,
 * never redone per period or per row: re-converting the whole series for each
 * cap period made 60,000-row histories quadratic (the reverted c7d3ec0).
 */
import { MAX_EXACT_CENTS } from "./accrualFast";
import type { NavPoint } from "./netAssetsSeries";

const TWO_TO_THE_50 = 2 ** 50;

export interface SeriesColumns {
  dates: Float64Array;
  /**
   * Class B net assets in whole cents, or null when some value is not a whole
   * number of cents or lies outside 0 ≤ cents ≤ 2^53 − 1 (then every figure
   * stays on the decimal.js reference).
   */
  netAssetsCents: Float64Array | null;
  /** The largest value of `netAssetsCents` (0 for an empty series or when null). */
  largestCents: number;
}

/**
 * The series' dates and whole-cent net assets.
 *
 * Why `Math.round(toNumber() × 100)` is exact: a value with at most two
 * decimals is within 2^-53 relative of its double and × 100 adds as much
 * again, so below 2^50 cents (11 trillion dollars) the product is within 0.3
 * of the whole number of cents and rounds to it; larger values are converted
 * in decimal.js.
 *
 * @example
 * seriesColumns([{ date: day("2025-01-02"), netAssets: new Decimal("100000000.25") }])
 * // → { dates: [20090], netAssetsCents: [10000000025], largestCents: 10000000025 }
 */
export function seriesColumns(series: readonly NavPoint[]): SeriesColumns {
  const count = series.length;
  const dates = new Float64Array(count);
  let netAssetsCents: Float64Array | null = new Float64Array(count);
  let largestCents = 0;
  for (let index = 0; index < count; index += 1) {
    const point = series[index]!;
    dates[index] = point.date;
    if (netAssetsCents === null) continue;
    const value = point.netAssets;
    let cents = Math.round(value.toNumber() * 100);
    if (cents > TWO_TO_THE_50) cents = value.times(100).toNumber();
    if (value.decimalPlaces() > 2 || !(cents >= 0 && cents <= MAX_EXACT_CENTS)) {
      netAssetsCents = null;
      continue;
    }
    netAssetsCents[index] = cents;
    if (cents > largestCents) largestCents = cents;
  }
  return { dates, netAssetsCents, largestCents: netAssetsCents === null ? 0 : largestCents };
}
