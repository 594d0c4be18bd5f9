/**
 * Cell values as both adapters hand them over, and their conversion to engine
 * types — the one documented edge where Excel's doubles become decimals:
 *
 * - Blank: null, undefined, "" or spaces.
 * - Error values (#N/A, #VALUE!, …, as a string or `{ error }`): rejected, naming the error.
 * - Numbers are never read from text in plan tables: text in a number column is
 *   rejected (a text "1,234.56" is how imports go wrong), so is a boolean.
 * - Money: the double's shortest round-trip decimal, rounded to cents once.
 * - Rates, shares: the double's shortest round-trip decimal, unrounded. A rate
 *   above 1 is refused: rates are fractions (0.50% is 0.005), so 50 means
 *   someone typed the percentage as a number.
 * - Dates: Excel serials in the workbook's date system (see calendar.ts), or
 *   ISO text `YYYY-MM-DD`; any other text is refused rather than guessed
 *   (03/04/2025 is March in New York and April in London). A serial past
 *   9999-12-31, Excel's last date (2,958,465 in the 1900 system), is not a
 *   date: refused, with a hint when it reads as yyyymmdd (20221230 typed as a
 *   number would otherwise be a day in the year 57,000, issue 22).
 */
import {
  type DateSystem,
  type Day,
  dayFromSerial,
  isoDate,
  parseIsoDay,
  serialFromDay,
} from "../engine/calendar";
import {
  type Decimal,
  decimalFromCents,
  decimalFromDouble,
  moneyFromDouble,
} from "../engine/decimal";

export type CellValue = number | string | boolean | null | undefined | { error: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Every error literal Excel can put in a cell, as it is spelt in the grid (the worksheet functions read by it too). */
export const EXCEL_ERROR_LITERALS: ReadonlySet<string> = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#BUSY!",
  "#CONNECT!",
  "#UNKNOWN!",
  "#PYTHON!",
]);

/** The Excel error shown in a cell, or null. */
export function cellError(value: CellValue): string | null {
  if (typeof value === "string") {
    // Every error literal starts with "#": other text (a portfolio name on each NAV row) is
    // not upper-cased to find that out.
    const text = value.trim();
    if (text.charCodeAt(0) !== HASH) return null;
    const upper = text.toUpperCase();
    return EXCEL_ERROR_LITERALS.has(upper) ? upper : null;
  }
  if (value && typeof value === "object" && "error" in value) return String(value.error);
  return null;
}

const HASH = "#".charCodeAt(0);

export function isBlank(value: CellValue): boolean {
  return (
    value === null || value === undefined || (typeof value === "string" && value.trim() === "")
  );
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const problem = <T>(text: string): Parsed<T> => ({ ok: false, problem: text });

function describe(value: CellValue): string {
  if (typeof value === "string")
    return `text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

function numberOrProblem(value: CellValue, what: string): Parsed<number> {
  const error = cellError(value);
  if (error) return problem(`shows ${error} instead of ${what}`);
  if (typeof value !== "number")
    return problem(`holds ${describe(value)}, not ${what}; enter it as a number`);
  if (!Number.isFinite(value)) return problem(`holds ${value}, not ${what}`);
  return ok(value);
}

/** A date cell: serial or ISO text. Blank → null. */
export function parseDate(value: CellValue, system: DateSystem): Parsed<Day | null> {
  if (isBlank(value)) return ok(null);
  if (typeof value === "string" && !cellError(value)) {
    const iso = parseIsoDay(value);
    return iso === null
      ? problem(`holds ${describe(value)}, not a date; enter a date (or text as YYYY-MM-DD)`)
      : ok(iso);
  }
  const number = numberOrProblem(value, "a date");
  if (!number.ok) return number;
  const last = serialFromDay(LAST_EXCEL_DAY, system);
  if (number.value >= last + 1) return problem(pastLastDate(number.value, last));
  const converted = dayFromSerial(number.value, system);
  return converted.ok ? ok(converted.day) : problem(`is not a date: ${converted.reason}`);
}

/** 9999-12-31: the last day an Excel date cell can hold. */
const LAST_EXCEL_DAY = parseIsoDay("9999-12-31")!;

/**
 * Why a number past Excel's last date serial is not a date, with the yyyymmdd
 * reading when it has one: `pastLastDate(20221230, 2958465)` →
 * "holds 20221230, past 2,958,465 (9999-12-31, Excel's last date), so it is not a date; it looks like 2022-12-30 typed as the number yyyymmdd: enter it as a date (or text as YYYY-MM-DD)".
 */
export function pastLastDate(serial: number, last: number): string {
  const digits = String(serial);
  const typed = /^\d{8}$/.test(digits)
    ? parseIsoDay(`${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`)
    : null;
  const hint =
    typed === null
      ? "enter a date (or text as YYYY-MM-DD)"
      : `it looks like ${isoDate(typed)} typed as the number yyyymmdd: enter it as a date (or text as YYYY-MM-DD)`;
  return `holds ${serial}, past ${last.toLocaleString("en-US")} (9999-12-31, Excel's last date), so it is not a date; ${hint}`;
}

/** A money cell, rounded to cents. Blank → null. */
export function parseMoney(value: CellValue): Parsed<Decimal | null> {
  if (isBlank(value)) return ok(null);
  const number = numberOrProblem(value, "an amount");
  return number.ok ? ok(moneyFromCell(number.value)) : number;
}

/**
 * A money cell as `parseMoney` reads it, but as whole cents (a number) when
 * the cell is the double nearest a whole number of cents (`centsFromCell`), so
 * a NAV row needs no decimal.js number until something reads its amount
 * (issue 24); any other amount is `parseMoney`'s decimal. Blank → null; the
 * same problems, in the same words, as `parseMoney`.
 *
 * `parseMoneyCents(2068.49)` → `{ ok: true, value: 206849 }`;
 * `parseMoneyCents(0.125)` → `{ ok: true, value: Decimal 0.13 }`
 */
export function parseMoneyCents(value: CellValue): Parsed<number | Decimal | null> {
  if (typeof value === "number") {
    const cents = centsFromCell(value);
    if (cents !== null) return ok(cents);
  }
  return parseMoney(value);
}

const TWO_TO_THE_50 = 2 ** 50;

/**
 * The whole number of cents `value` is the nearest double to, or null: then
 * the double's shortest decimal is that number of cents (below 2^50 cents,
 * hundredths lie more than two of the double's spacings apart; see
 * `decimalFromCents`), so `moneyFromDouble(value)` is exactly
 * `decimalFromCents(cents)`. A negative zero is 0.
 *
 * `centsFromCell(2068.49)` → 206849; `centsFromCell(0.125)` → null; `centsFromCell(Infinity)` → null
 */
export function centsFromCell(value: number): number | null {
  // `+ 0` turns −0 into 0, as decimal.js reads both.
  const cents = Math.round(value * 100) + 0;
  return Math.abs(cents) <= TWO_TO_THE_50 && cents / 100 === value ? cents : null;
}

/**
 * `moneyFromDouble(value)` without its string and its rounding when `value`
 * is the double nearest a whole number of cents (`centsFromCell`) — every NAV
 * and amount a person types (issue 24: a NetAssets table is read a decimal per
 * row); any other value takes `moneyFromDouble`.
 *
 * `moneyFromCell(2068.49)` → 2068.49 (from 206849 cents); `moneyFromCell(0.125)` → 0.13 (decimal.js rounds)
 */
export function moneyFromCell(value: number): Decimal {
  const cents = centsFromCell(value);
  return cents !== null ? decimalFromCents(cents) : moneyFromDouble(value);
}

/** A rate cell as a fraction (0.0025 = 0.25%). Blank → null. */
export function parseRate(value: CellValue): Parsed<Decimal | null> {
  if (isBlank(value)) return ok(null);
  const number = numberOrProblem(value, "a rate");
  if (!number.ok) return number;
  if (number.value < 0) return problem(`holds ${number.value}: a rate cannot be negative`);
  if (number.value > 1) {
    return problem(
      `holds ${number.value}, which would be ${number.value * 100}% a year; rates are fractions — for 0.50% enter 0.50% or 0.005`
    );
  }
  return ok(decimalFromDouble(number.value));
}

/** A non-negative whole number (trustee counts, notice days). Blank → null. */
export function parseCount(value: CellValue): Parsed<number | null> {
  if (isBlank(value)) return ok(null);
  const number = numberOrProblem(value, "a whole number");
  if (!number.ok) return number;
  if (!Number.isInteger(number.value) || number.value < 0)
    return problem(`holds ${number.value}, not a whole number of 0 or more`);
  return ok(number.value);
}

/** A share count (may have decimals). Blank → null. */
export function parseShares(value: CellValue): Parsed<Decimal | null> {
  if (isBlank(value)) return ok(null);
  const number = numberOrProblem(value, "a number of shares");
  if (!number.ok) return number;
  if (number.value < 0) return problem(`holds ${number.value}: shares cannot be negative`);
  return ok(decimalFromDouble(number.value));
}

/** Yes/No (also TRUE/FALSE, Y/N). Blank → null. */
export function parseYesNo(value: CellValue): Parsed<boolean | null> {
  if (isBlank(value)) return ok(null);
  if (typeof value === "boolean") return ok(value);
  const error = cellError(value);
  if (error) return problem(`shows ${error} instead of Yes or No`);
  const text = String(value).trim().toLowerCase();
  if (text === "yes" || text === "y" || text === "true") return ok(true);
  if (text === "no" || text === "n" || text === "false") return ok(false);
  return problem(`holds ${describe(value)}; enter Yes or No`);
}

/** One of `choices`, matched ignoring case and spaces; returns the canonical spelling. Blank → null. */
export function parseChoice<T extends string>(
  value: CellValue,
  choices: readonly T[]
): Parsed<T | null> {
  if (isBlank(value)) return ok(null);
  const error = cellError(value);
  if (error) return problem(`shows ${error}`);
  const wanted = String(value).trim().replace(/\s+/g, " ").toLowerCase();
  const match = choices.find((choiceText) => choiceText.toLowerCase() === wanted);
  return match ? ok(match) : problem(`holds ${describe(value)}; allowed: ${choices.join(", ")}`);
}

/** Text, trimmed; numbers are shown as typed. Blank → null. */
export function parseText(value: CellValue): Parsed<string | null> {
  if (isBlank(value)) return ok(null);
  const error = cellError(value);
  if (error) return problem(`shows ${error}`);
  return ok(typeof value === "string" ? value.trim() : String(value));
}

/** A month number 1–12. Blank → null. */
export function parseMonth(value: CellValue): Parsed<number | null> {
  const count = parseCount(value);
  if (!count.ok || count.value === null) return count;
  return count.value >= 1 && count.value <= 12
    ? count
    : problem(`holds ${count.value}, not a month number 1–12`);
}

/** "A", "B", …, "AA": the letters of a 1-based column number. */
export function columnLetters(columnNumber: number): string {
  let letters = "";
  for (let n = columnNumber; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
