/**
 * Amounts as an accountant reads them in a message or a report: two decimals
 * and thousands separators (STYLE "Words for a board"). One formatter, so every
 * finding writes money the same way.
 */
import type { Decimal } from "./decimal";
import { wholeCents } from "./seriesColumns";

/**
 * Money rounded to cents (half-up) with comma thousands separators; negatives
 * keep a leading minus.
 *
 * @example formatMoney(new Decimal("1234567.891")) // → "1,234,567.89"
 * @example formatMoney(new Decimal("-250")) // → "-250.00"
 */
export function formatMoney(amount: Decimal): string {
  const fixed = toFixedCents(amount);
  const negative = fixed.startsWith("-");
  const point = fixed.indexOf(".");
  const whole = fixed.slice(negative ? 1 : 0, point);
  const cents = fixed.slice(point + 1);
  // -0.00 (a tiny negative rounded away) reads as 0.00.
  const sign = negative && /[1-9]/.test(whole + cents) ? "-" : "";
  return `${sign}${groupThousands(whole)}.${cents}`;
}

/** Digits with a comma before each group of three from the right: "1234567" → "1,234,567". */
function groupThousands(digits: string): string {
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let at = grouped.length; at < digits.length; at += 3)
    grouped += `,${digits.slice(at, at + 3)}`;
  return grouped;
}

/**
 * `amount.toFixed(2)`, written from its whole cents when it has them: no
 * rounding to do, and decimal.js's own string work was a fifth of a report's
 * engine time on 91,300 NAV rows (the review lock's fingerprint). Zero and
 * amounts with more decimals take `toFixed` itself.
 *
 * @example toFixedCents(new Decimal("100000000.05")) // → "100000000.05"
 */
export function toFixedCents(amount: Decimal): string {
  const cents = wholeCents(amount);
  if (cents === null || cents === 0) return amount.toFixed(2);
  return centsText(cents);
}

/**
 * A positive whole number of cents below 2^53 as `toFixed(2)` writes its
 * amount: a NAV row read as cents (`NetAssetsRow.netAssetsCents`) gives its
 * fingerprint line without building its decimal.
 *
 * @example centsText(10000000005) // → "100000000.05"
 */
export function centsText(cents: number): string {
  const fraction = cents % 100;
  // cents − fraction is a multiple of 100 below 2^53: the quotient is exact.
  return `${(cents - fraction) / 100}.${fraction < 10 ? "0" : ""}${fraction}`;
}

/**
 * A NAV row's amount as `netAssets.toFixed(2)` writes it, from its whole
 * cents when the reader kept them (no decimal is built for it).
 */
export function netAssetsText(row: { netAssets: Decimal; netAssetsCents?: number }): string {
  const cents = row.netAssetsCents;
  return cents !== undefined && cents > 0 && Number.isSafeInteger(cents)
    ? centsText(cents)
    : toFixedCents(row.netAssets);
}
