/**
 * One cell as an engine value (a decimal or a `Day`), or null when blank, or
 * a located `CellError`. What Excel puts in a cell:
 * - Numbers are IEEE doubles; they become decimals through their shortest
 *   round-trip string (`decimalFromDouble`).
 * - Money (net assets, fees, expenses) is read by the plan tables' own rule
 *   (`parseMoney`, src/workbook/cells.ts), so a cell the pane and the runner
 *   refuse, a function refuses with the same words: a number, never text
 *   ("73,000,000.00" typed or pasted as text is how imports go wrong).
 * - Other text numbers (shares, counts, rates) are accepted in one notation only, the US one that custodian
 *   and transfer-agent reports use: optional `-` or accounting parentheses,
 *   optional `$`, digits with or without comma thousands separators in groups
 *   of three, optional decimal point: "1,234.56", "$1234.56", "(1,234.56)".
 *   Anything else ("1.234,56", "1,23", "12 345") is refused with a message
 *   rather than guessed.
 * - Dates are Excel serial numbers (a time of day is ignored) in the
 *   workbook's date system, or ISO text "2025-01-03". A blank or 0 date means
 *   "no date".
 * - Error cells (#N/A, #REF!, …) are reported with the argument and row;
 *   #N/A, #DIV/0!, #NUM! and #NULL! pass through as Excel's own functions
 *   pass them, any other error becomes #VALUE!.
 */
import { type DateSystem, type Day, day, dayFromSerial, parseIsoDay } from "../engine/calendar";
import { Decimal, decimalFromDouble } from "../engine/decimal";
import { parseMoney } from "../workbook/cells";
import { CellError, excelErrorOf, propagatedError } from "./cellError";
import { MESSAGES } from "./messages";

/**
 * Whether a value is a blank cell or a left-out argument: `null`,
 * `undefined` or text of spaces only. (Desktop Excel passes a blank cell as
 * 0, which is a value: callers decide what 0 means.)
 *
 * @example
 * isBlank(null) // → true
 * isBlank("  ") // → true
 * isBlank(0) // → false
 */
export function isBlank(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === "string" && value.trim() === "")
  );
}

const PLAIN_NUMBER = /^(\d+(\.\d*)?|\.\d+)$/;
const GROUPED_NUMBER = /^\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * A number typed as text in US notation, or null.
 *
 * @example
 * decimalFromText("(1,234.56)") // → -1234.56
 * decimalFromText("1.234,56") // → null
 */
export function decimalFromText(text: string): Decimal | null {
  let body = text.trim();
  let negative = false;
  if (body.startsWith("(") && body.endsWith(")")) {
    negative = true;
    body = body.slice(1, -1).trim();
  }
  if (body.startsWith("-") || body.startsWith("+")) {
    if (negative) return null;
    negative = body.startsWith("-");
    body = body.slice(1).trim();
  }
  if (body.startsWith("$")) body = body.slice(1).trim();
  if (!PLAIN_NUMBER.test(body) && !GROUPED_NUMBER.test(body)) return null;
  const value = new Decimal(body.replace(/,/g, ""));
  return negative ? value.negated() : value;
}

/**
 * A cell as a decimal; null when blank (`null`, `""`).
 *
 * @example
 * decimalCell(1234.5, "netAssets, row 2") // → Decimal 1234.5
 * decimalCell("1.234,56", "netAssets, row 2") // → CellError #VALUE! quoting the text
 */
export function decimalCell(value: unknown, where: string): Decimal | null | CellError {
  if (value === null || value === undefined) return null;
  const literal = excelErrorOf(value);
  if (literal !== null) return propagatedError(literal, MESSAGES.holdsError(where, literal));
  if (typeof value === "number") {
    return Number.isFinite(value)
      ? decimalFromDouble(value)
      : new CellError("#VALUE!", MESSAGES.notAValue(where));
  }
  if (typeof value === "string") {
    if (value.trim() === "") return null;
    return decimalFromText(value) ?? new CellError("#VALUE!", MESSAGES.notANumber(where, value));
  }
  if (typeof value === "boolean")
    return new CellError("#VALUE!", MESSAGES.logicalNotNumber(where, value));
  return new CellError("#VALUE!", MESSAGES.notAValue(where));
}

/**
 * An amount-of-money cell as a decimal (the caller rounds it to cents); null when blank.
 * Read by the plan tables' rule (`parseMoney`): a number, not text.
 *
 * @example
 * moneyCell(73000000, "netAssets, row 3") // → Decimal 73000000
 * moneyCell("73,000,000.00", "netAssets, row 3")
 * // → CellError #VALUE! 'netAssets, row 3 holds text "73,000,000.00", not an amount; enter it as a number.'
 */
export function moneyCell(value: unknown, where: string): Decimal | null | CellError {
  const literal = excelErrorOf(value);
  if (literal !== null) return propagatedError(literal, MESSAGES.holdsError(where, literal));
  if (typeof value === "object" && value !== null)
    return new CellError("#VALUE!", MESSAGES.notAValue(where));
  const parsed = parseMoney(value as string | number | boolean | null | undefined);
  if (!parsed.ok) return new CellError("#VALUE!", MESSAGES.refused(where, parsed.problem));
  // Unrounded, so that a caller's sign check sees -0.001 as negative before rounding to cents.
  return typeof value === "number" ? decimalFromDouble(value) : null;
}

/**
 * A cell as a Day; null when blank or 0 (no date).
 *
 * @example
 * dateCell(45660, "from", "1900") // → the Day of 2025-01-03
 * dateCell(44198, "from", "1904") // → the Day of 2025-01-03 (1,462 days apart)
 * dateCell("2025-01-03", "from", "1900") // → the Day of 2025-01-03
 */
export function dateCell(
  value: unknown,
  where: string,
  dateSystem: DateSystem
): Day | null | CellError {
  if (isBlank(value) || value === 0) return null;
  const literal = excelErrorOf(value);
  if (literal !== null) return propagatedError(literal, MESSAGES.holdsError(where, literal));
  if (typeof value === "boolean")
    return new CellError("#VALUE!", MESSAGES.logicalNotDate(where, value));
  let serial: number;
  if (typeof value === "number") serial = value;
  else if (typeof value === "string") {
    const iso = parseIsoDay(value);
    if (iso !== null) return iso;
    const number = decimalFromText(value);
    if (number === null)
      return new CellError("#VALUE!", MESSAGES.textNotADate(where, value.trim()));
    serial = number.toNumber();
    if (serial === 0) return null;
  } else return new CellError("#VALUE!", MESSAGES.notAValue(where));
  const result = dayFromSerial(serial, dateSystem);
  if (!result.ok) return new CellError("#VALUE!", MESSAGES.notADate(where, result.reason));
  // A number past Excel's last date is an amount in a date's place (often NAVs and dates swapped).
  if (result.day > LAST_EXCEL_DAY)
    return new CellError("#VALUE!", MESSAGES.afterLastDate(where, String(value)));
  return result.day;
}

/** Excel's last date, 9999-12-31: a serial beyond it is not a date in either date system. */
export const LAST_EXCEL_DAY: Day = day("9999-12-31");
