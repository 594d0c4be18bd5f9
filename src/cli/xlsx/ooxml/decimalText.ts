/**
 * The numbers Excel writes in a cell's `<v>` for amounts and dates — digits
 * with at most one point between digits ("320043697.16", "44197") — checked
 * and read by hand, because every number cell of a sheet is one: a 91,300-row
 * NAV sheet has 182,600 of them, and `Number(text)` (V8's general
 * string-to-double, a runtime call) cost about a thousand instructions each,
 * a fifth of what reading the cells cost beside the parser.
 *
 * Why `plainDecimalValue` is exactly `Number(text)`: with at most 15 digits
 * the digits read as a whole number `m` < 10^15 < 2^53, exact in a double,
 * and `10^k` for the k ≤ 14 digits after the point is exact too; IEEE
 * division rounds `m / 10^k` correctly, which is the double nearest the
 * decimal — the value `Number` gives (the fast path of Clinger's algorithm,
 * the one every correct strtod takes first). Longer text goes to `Number`.
 */

// 10^0 … 10^15, each exact in a double.
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * Whether `raw` is digits with at most one point between digits: the numbers
 * Excel writes for amounts and dates, all inside xsd:double's grammar.
 *
 * `plainDecimal("320043697.16")` → true; `plainDecimal("1e3")`, `plainDecimal(".5")`, `plainDecimal("5.")` → false
 */
export function plainDecimal(raw: string): boolean {
  return plainDecimalValue(raw) >= 0;
}

/**
 * `Number(raw)` when `raw` is a plain decimal (`plainDecimal`), else -1 (no
 * plain decimal is negative): one pass over the text for the check and the value.
 *
 * `plainDecimalValue("320043697.16")` → 320043697.16; `plainDecimalValue("0.0025")` → 0.0025;
 * `plainDecimalValue("-1")` → -1 (not plain: the caller reads it by the full grammar)
 */
export function plainDecimalValue(raw: string): number {
  const length = raw.length;
  let whole = 0;
  let point = -1;
  for (let i = 0; i < length; i += 1) {
    const code = raw.charCodeAt(i);
    if (code === 46 && point < 0 && i > 0) point = i;
    else if (code < 48 || code > 57) return -1;
    else whole = whole * 10 + (code - 48);
  }
  if (length === 0 || point === length - 1) return -1;
  const digits = point < 0 ? length : length - 1;
  // Past 15 digits `whole` may have been rounded on the way: the general conversion decides.
  if (digits > 15) return Number(raw);
  return point < 0 ? whole : whole / POWERS_OF_TEN[length - 1 - point]!;
}
