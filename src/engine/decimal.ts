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

/** Powers of ten that are exact doubles, 10^0 … 10^22. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, power) => 10 ** power);

/** decimal.js stores a value's significant digits in base-10^7 words. */
const DIGITS_PER_WORD = 7;

/**
 * Whole cents as a decimal: `decimalFromCents(206849)` → 2068.49, exactly
 * `new Decimal(cents).dividedBy(100)`. A safe integer's digits are laid out in
 * decimal.js's own form (sign, exponent, base-10^7 words, as its string parser
 * lays them out) and handed to the constructor as a decimal to copy: no
 * double-to-string and string parse per amount, the way `new Decimal(cents /
 * 100)` went (it was 8% of the plan evaluation on the bench trust, made for
 * every cap maximum, accrued month and lazily read NAV amount). A property
 * test holds the parts to decimal.js's own. Beyond 2^53 decimal.js divides.
 *
 * @example decimalFromCents(-1050) // → -10.5
 */
export function decimalFromCents(cents: number): Decimal {
  if (cents === 0) return ZERO;
  if (!Number.isSafeInteger(cents)) return new Decimal(cents).dividedBy(100);
  const sign = cents < 0 ? -1 : 1;
  let digits = Math.abs(cents);
  // The value is digits × 10^scale; trailing zeros are not stored.
  let scale = -2;
  while (digits % 10 === 0) {
    digits /= 10;
    scale += 1;
  }
  let count = 1;
  while (count < 16 && POWERS_OF_TEN[count]! <= digits) count += 1;
  // The exponent of the leading digit; the first word holds the digits down to a multiple of 7.
  const exponent = scale + count - 1;
  let first = (exponent + 1) % DIGITS_PER_WORD;
  if (exponent < 0) first += DIGITS_PER_WORD;
  const words: number[] = [];
  if (first < count) {
    // The first word takes `first` digits (seven when the exponent sits on a word's boundary),
    // each next one seven; `(x − x mod 10^k) / 10^k` is exact below 2^53, where
    // `Math.floor(x / 10^k)` could round up.
    let rest = digits;
    let left = count;
    let size = first === 0 ? DIGITS_PER_WORD : first;
    while (left > size) {
      left -= size;
      const low = rest % POWERS_OF_TEN[left]!;
      words.push((rest - low) / POWERS_OF_TEN[left]!);
      rest = low;
      size = DIGITS_PER_WORD;
    }
    // The last word is padded with zeros to seven digits.
    words.push(rest * POWERS_OF_TEN[DIGITS_PER_WORD - left]!);
  } else {
    words.push(digits * POWERS_OF_TEN[first - count]!);
  }
  return new Decimal(decimalParts(sign, exponent, words));
}

/**
 * A decimal's parts in the form decimal.js copies from another decimal (it recognises one by
 * its `toStringTag`, as `Decimal.isDecimal` does for a decimal of another clone).
 */
function decimalParts(sign: number, exponent: number, words: number[]): Decimal {
  return { toStringTag: "[object Decimal]", s: sign, e: exponent, d: words } as unknown as Decimal;
}

/** Converts a decimal back to a double for a cell; exact for any value with ≤ 15 significant digits. */
export function toDouble(value: Decimal): number {
  return value.toNumber();
}

/**
 * `a.comparedTo(b)` (1, −1, 0, or NaN when either is NaN) without its copy of `b`: decimal.js
 * rebuilds its argument as a decimal first, and those copies, through `maxOf` and `minOf`, were
 * the largest single share of the decimals made in the plan evaluation. The same steps on the
 * same parts: NaN and infinities, zeros, signs, exponents, then the base-10^7 words.
 *
 * @example compareDecimals(new Decimal("2068.49"), new Decimal("2068.5")) // → -1
 */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const aWords = a.d;
  const bWords = b.d;
  const aSign = a.s;
  const bSign = b.s;
  // The parts are decimal.js's own: `d` is null for NaN and ±Infinity (its .d.ts types it as always set).
  if (!(aWords as number[] | null) || !(bWords as number[] | null)) {
    if (!aSign || !bSign) return NaN;
    if (aSign !== bSign) return aSign;
    if (aWords === bWords) return 0;
    return !aWords !== aSign < 0 ? 1 : -1;
  }
  if (!aWords[0] || !bWords[0]) return aWords[0] ? aSign : bWords[0] ? -bSign : 0;
  if (aSign !== bSign) return aSign;
  const negative = aSign < 0;
  if (a.e !== b.e) return a.e > b.e !== negative ? 1 : -1;
  const shorter = Math.min(aWords.length, bWords.length);
  for (let index = 0; index < shorter; index += 1) {
    const aWord = aWords[index]!;
    const bWord = bWords[index]!;
    if (aWord !== bWord) return aWord > bWord !== negative ? 1 : -1;
  }
  if (aWords.length === bWords.length) return 0;
  return aWords.length > bWords.length !== negative ? 1 : -1;
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
  const order = compareDecimals(a, b);
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
  const order = compareDecimals(a, b);
  return order === 1 || (order === 0 && a.s === 1) ? b : a;
}
