/**
 * Amounts as an accountant reads them in a message or a report: two decimals
 * and thousands separators (STYLE "Words for a board"). One formatter, so every
 * finding writes money the same way.
 */
import type { Decimal } from "./decimal";

/**
 * Money rounded to cents (half-up) with comma thousands separators; negatives
 * keep a leading minus.
 *
 * @example formatMoney(new Decimal("1234567.891")) // → "1,234,567.89"
 * @example formatMoney(new Decimal("-250")) // → "-250.00"
 */
export function formatMoney(amount: Decimal): string {
  const fixed = amount.toFixed(2);
  const negative = fixed.startsWith("-");
  const [whole, cents] = (negative ? fixed.slice(1) : fixed).split(".") as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  // -0.00 (a tiny negative rounded away) reads as 0.00.
  const sign = negative && /[1-9]/.test(whole + cents) ? "-" : "";
  return `${sign}${grouped}.${cents}`;
}
