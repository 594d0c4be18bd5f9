/**
 * A NAV series as plain number columns (dates, whole cents): the one
 * conversion from decimal.js that the exact fast paths (`accrueFast`, the
 * cap's `maximumTable`) start from. It is done once per series and handed on,
 * never redone per period or per row: re-converting the whole series for each
 * cap period made 60,000-row histories quadratic (the reverted c7d3ec0).
 */
import { MAX_EXACT_CENTS } from "./accrualFast";
import type { Decimal } from "./decimal";
import type { NavPoint } from "./netAssetsSeries";

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
 * `value` in whole cents when it is a whole number of cents from 0 to 2^53 − 1,
 * else null. Read from decimal.js's public read-only digits (`d`, base 10^7
 * words aligned on the decimal point: whole words, then fraction words of
 * seven digits) and exponent (`e`, of the first digit): no string is made,
 * which `toNumber` does — a third of a second per million NAV rows.
 *
 * @example wholeCents(new Decimal("100000000.25")) // → 10000000025
 * @example wholeCents(new Decimal("100.005")) // → null
 */
export function wholeCents(value: Decimal): number | null {
  const { d, e, s } = value;
  if (!d) return null; // NaN or ±Infinity
  if (d[0] === 0) return 0;
  if (s < 0 || e < -2) return null;
  const wholeWords = e >= 0 ? Math.floor(e / 7) + 1 : 0;
  // More than one fraction word holds digits beyond the seventh decimal.
  if (d.length > wholeWords + 1) return null;
  let whole = 0;
  for (let index = 0; index < wholeWords; index += 1) {
    // Words past the end are zeros decimal.js trimmed (1e15 is [10] with e 15).
    whole = whole * 1e7 + (d[index] ?? 0);
    if (whole > MAX_WHOLE) return null;
  }
  let fraction = 0;
  if (d.length > wholeWords) {
    const word = d[wholeWords]!;
    if (word % 100_000 !== 0) return null;
    fraction = word / 100_000;
  }
  const cents = whole * 100 + fraction;
  return cents <= MAX_EXACT_CENTS ? cents : null;
}

const MAX_WHOLE = Math.floor(MAX_EXACT_CENTS / 100);

/**
 * `value` in whole cents with its sign, |cents| ≤ 2^53 − 1, else null; null for −0 too, so a
 * caller that computes in cents (where a zero has no sign) never meets one it would lose.
 *
 * @example signedWholeCents(new Decimal("-10.50")) // → -1050
 */
export function signedWholeCents(value: Decimal): number | null {
  if (value.s >= 0) return wholeCents(value);
  const { d, e } = value;
  if (!d || d[0] === 0) return null;
  // The magnitude's digits and exponent are the value's own: read them as a positive decimal.
  const cents = wholeCents({ d, e, s: 1 } as unknown as Decimal);
  return cents === null ? null : -cents;
}

/**
 * A reader of amounts in whole cents (`signedWholeCents`) that also answers null once the
 * magnitudes it has read together pass 2^53 − 1 cents: every sum and difference of what it
 * read is then bounded by that total, so exact in a double (the ledgers' fast paths in
 * `payable.ts` and `carryforward.ts`).
 *
 * @example const read = centsWithinSafeTotal(); read(new Decimal("1.50")) // → 150
 */
export function centsWithinSafeTotal(): (amount: Decimal) => number | null {
  let magnitude = 0;
  return (amount) => {
    const cents = signedWholeCents(amount);
    if (cents === null) return null;
    magnitude += Math.abs(cents);
    return magnitude <= Number.MAX_SAFE_INTEGER ? cents : null;
  };
}

/**
 * A point's net assets in whole cents from 0 to 2^53 − 1, or null (see `wholeCents`): the
 * cents the reader kept when it has them, with no decimal.js number made (issue 24).
 *
 * @example centsOf({ date, netAssets, netAssetsCents: 206849 }) // → 206849
 */
export function centsOf(point: NavPoint): number | null {
  const cents = point.netAssetsCents;
  if (cents === undefined) return wholeCents(point.netAssets);
  return cents >= 0 && cents <= MAX_EXACT_CENTS && Number.isInteger(cents) ? cents + 0 : null;
}

/**
 * The series' dates and whole-cent net assets.
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
    const cents = centsOf(point);
    if (cents === null) {
      netAssetsCents = null;
      continue;
    }
    netAssetsCents[index] = cents;
    if (cents > largestCents) largestCents = cents;
  }
  return { dates, netAssetsCents, largestCents: netAssetsCents === null ? 0 : largestCents };
}
