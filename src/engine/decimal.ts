/**
 * The one configured decimal.js clone of rule12b1 (STYLE §11): 34 significant
 * digits, half-up. Every amount of money and every rate in the engine is one
 * of these; nothing calls `Decimal.set`.
 */
import DecimalJs from "decimal.js";

export const Decimal = DecimalJs.clone({
  precision: 34,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO: Decimal = new Decimal(0);

/** Rounds money to cents, half-up (SPEC §2 "Rounding"). `roundCents(new Decimal("2068.4931"))` → 2068.49. */
export function roundCents(amount: Decimal): Decimal {
  return amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Sum of a list of decimals; `sum([])` is zero. */
export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}

/**
 * The edge rule for numbers that arrive as IEEE doubles (Excel cells): take the
 * double's shortest round-trip decimal string (what `String(n)` gives, and what
 * Excel shows at 15 significant digits for any value typed by a person), so
 * 0.1 becomes exactly 0.1 and not 0.1000000000000000055….
 * `decimalFromDouble(0.0025)` → 0.0025. Throws on NaN/±Infinity (a programmer
 * error: callers check `Number.isFinite` first and report the cell).
 */
export function decimalFromDouble(value: number): Decimal {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return new Decimal(String(value));
}

/** Money from a double: the shortest round-trip decimal, rounded to cents once. */
export function moneyFromDouble(value: number): Decimal {
  return roundCents(decimalFromDouble(value));
}

const TWO_TO_THE_50 = 2 ** 50;

/**
 * Whole cents as a decimal: `decimalFromCents(206849)` → 2068.49. Below 2^50
 * cents the double `cents / 100` is the nearest to the two-decimal value and
 * hundredths lie more than two of its spacings apart, so its shortest string
 * (what decimal.js reads) is exactly that value; beyond, decimal.js divides.
 */
export function decimalFromCents(cents: number): Decimal {
  if (cents === 0) return ZERO;
  return Math.abs(cents) <= TWO_TO_THE_50
    ? new Decimal(cents / 100)
    : new Decimal(cents).dividedBy(100);
}

/** Converts a decimal back to a double for a cell; exact for any value with ≤ 15 significant digits. */
export function toDouble(value: Decimal): number {
  return value.toNumber();
}

/**
 * The larger of two decimals, the one `Decimal.max(a, b)` gives (`b` only when `a < b`), but
 * the value itself rather than a copy: decimals are immutable, and `Decimal.max` copies every
 * argument (a tenth of the plan evaluation's decimal work on the bench trust).
 *
 * @example maxOf(ZERO, new Decimal("-12.50")) // → 0
 */
export function maxOf(a: Decimal, b: Decimal): Decimal {
  // As Decimal.max: a NaN second argument wins, and of equal values a negative first one loses (0 over −0).
  if (!b.s) return b;
  const order = a.comparedTo(b);
  return order === -1 || (order === 0 && a.s === -1) ? b : a;
}

/**
 * The smaller of two decimals, the one `Decimal.min(a, b)` gives (`b` only when `a > b`), without a copy.
 *
 * @example minOf(new Decimal("226860.20"), new Decimal("230011.03")) // → 226860.20
 */
export function minOf(a: Decimal, b: Decimal): Decimal {
  // As Decimal.min: of equal values a positive first one loses (−0 over 0).
  if (!b.s) return b;
  const order = a.comparedTo(b);
  return order === 1 || (order === 0 && a.s === 1) ? b : a;
}
