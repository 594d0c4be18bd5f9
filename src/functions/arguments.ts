/**
 * Argument coercion for the RULE12B1 custom functions, driven by a metadata
 * table (STYLE §13, after HyperFormula's `runFunction(args, metadata, core)`):
 * each function declares its arguments once — name, kind, optional — and this
 * module turns what Excel passes into engine values or a located `CellError`.
 *
 * What Excel passes, and what we make of it:
 * - Ranges arrive as 2-D arrays. A column argument takes one column or one
 *   row; a single value is a one-row column. Blank cells arrive as `0` (Excel
 *   desktop) or `null`/`""` (Excel on the web).
 * - Numbers are IEEE doubles; they become decimals through their shortest
 *   round-trip string (`decimalFromDouble`), money is then rounded to cents
 *   once (`moneyFromDouble`).
 * - Text numbers are accepted in one notation only, the US one that custodian
 *   and transfer-agent reports use: optional `-` or accounting parentheses,
 *   optional `$`, digits with or without comma thousands separators in groups
 *   of three, optional decimal point: "1,234.56", "$1234.56", "(1,234.56)".
 *   Anything else ("1.234,56", "1,23", "12 345") is refused with a message
 *   rather than guessed. Rates may also be text percentages ("0.50%").
 * - Dates are Excel serial numbers (1900 date system; a time of day is
 *   ignored) or ISO text "2025-01-03". A blank or 0 date means "no date": in a
 *   date column such a row is not a NAV row and is skipped together with the
 *   values beside it (`alignedWith`).
 * - Error cells (#N/A, #REF!, …) are reported with the argument and row;
 *   #N/A, #DIV/0!, #NUM! and #NULL! pass through as Excel's own functions
 *   pass them, any other error becomes #VALUE!.
 * - Rates are fractions: 0.005 is 0.50%. A rate above 1 (100%) is refused
 *   with a suggestion ("did you mean 0.50%?").
 * - Optional arguments that are left out arrive as `null`.
 */
import {
  type DateSystem,
  type Day,
  dayFromSerial,
  FICTITIOUS_1900_LEAP_DAY,
  parseIsoDay,
} from "../engine/calendar";
import { Decimal, decimalFromDouble, roundCents } from "../engine/decimal";
import { centsFromDouble } from "../engine/worksheetHelpers";
import { CellError, excelErrorOf, propagatedError } from "./cellError";
import { MESSAGES } from "./messages";

interface ArgumentBase {
  /** The parameter's name as in the function's signature and in `functions.json`. */
  readonly name: string;
  /** Optional parameters arrive as `null` when left out. */
  readonly optional?: boolean;
}

/** A plain quantity, e.g. a number of shares: a `Decimal`. */
export interface DecimalArgument extends ArgumentBase {
  readonly kind: "decimal";
  readonly nonNegative?: boolean;
}
/** An amount of money: a `Decimal` rounded to cents. */
export interface MoneyArgument extends ArgumentBase {
  readonly kind: "money";
  readonly nonNegative?: boolean;
}
/** An annual rate as a fraction, 0 to 1: a `Decimal`. */
export interface RateArgument extends ArgumentBase {
  readonly kind: "rate";
}
/** A date: a `Day`. */
export interface DateArgument extends ArgumentBase {
  readonly kind: "date";
}
/** A count of days or periods: a whole `number`. */
export interface WholeNumberArgument extends ArgumentBase {
  readonly kind: "wholeNumber";
  readonly minimum?: number;
}
/** One of a list of words (a setting such as "Actual/365"), matched ignoring case and spaces. */
export interface ChoiceArgument<T extends string = string> extends ArgumentBase {
  readonly kind: "choice";
  readonly choices: readonly T[];
  /** Used when the argument is left out or blank. */
  readonly default?: T;
}
/**
 * A column of dates: `(Day | null)[]`, one entry per cell, null for a blank
 * or 0 cell (not a NAV row).
 */
export interface DateColumnArgument extends ArgumentBase {
  readonly kind: "dateColumn";
}
/**
 * A column of money: `(Decimal | null)[]`, one entry per cell. With
 * `alignedWith: "dates"` it must be as tall as that date column; rows whose
 * date is blank are null (skipped, whatever the cell holds) and a blank cell
 * beside a date is an error. Without it, blank cells are null.
 */
export interface MoneyColumnArgument extends ArgumentBase {
  readonly kind: "moneyColumn";
  readonly alignedWith?: string;
  /** Another (unaligned) column argument this one must be as tall as, row for row. */
  readonly sameHeightAs?: string;
  readonly nonNegative?: boolean;
}
/**
 * A column of money as whole cents: a `Float64Array`, NaN for a skipped row
 * (blank date beside it) or, without `alignedWith`, a blank cell. The same
 * values as `moneyColumn` × 100, by the same edge rule (`centsFromDouble`),
 * but with no decimal per cell: for long NAV columns (a whole sheet column is
 * 1,048,576 rows).
 */
export interface CentsColumnArgument extends ArgumentBase {
  readonly kind: "centsColumn";
  readonly alignedWith?: string;
  readonly nonNegative?: boolean;
}

export type ArgumentSpec =
  | DecimalArgument
  | MoneyArgument
  | RateArgument
  | DateArgument
  | WholeNumberArgument
  | ChoiceArgument
  | DateColumnArgument
  | MoneyColumnArgument
  | CentsColumnArgument;

/** One row of the metadata table: a function's id (as in `functions.json`) and its arguments in order. */
export interface FunctionSpec<A extends readonly ArgumentSpec[] = readonly ArgumentSpec[]> {
  readonly id: string;
  readonly args: A;
}

/** Declares a table entry, keeping argument names and kinds as literal types. */
export function defineFunction<const A extends readonly ArgumentSpec[]>(
  id: string,
  args: A
): FunctionSpec<A> {
  return { id, args };
}

type KindValue<A> = A extends { kind: "decimal" | "money" | "rate" }
  ? Decimal
  : A extends { kind: "date" }
    ? Day
    : A extends { kind: "wholeNumber" }
      ? number
      : A extends { kind: "choice"; choices: readonly (infer T)[] }
        ? T
        : A extends { kind: "dateColumn" }
          ? (Day | null)[]
          : A extends { kind: "moneyColumn" }
            ? (Decimal | null)[]
            : A extends { kind: "centsColumn" }
              ? Float64Array
              : never;

type ArgumentValue<A> = A extends { optional: true }
  ? A extends { default: string }
    ? KindValue<A>
    : KindValue<A> | null
  : KindValue<A>;

/** The coerced arguments of a function, by name: `{ sharesFor: Decimal, … }`. */
export type Arguments<A extends readonly ArgumentSpec[]> = {
  [S in A[number] as S["name"]]: ArgumentValue<S>;
};

export interface CoercionOptions {
  /** The workbook's date system; custom functions assume 1900 (Excel's default). */
  dateSystem?: DateSystem;
}

/**
 * Converts the raw arguments of one call, in the order of `spec.args`, into
 * engine values, or returns the first problem as a `CellError` that names
 * the argument (and row).
 *
 * @example
 * coerceArguments(defineFunction("LAPSEDATE", [{ name: "lastApprovalOrContinuance", kind: "date" }]), [45884])
 * // → { lastApprovalOrContinuance: 20315 }  (2025-08-15 as a Day)
 */
export function coerceArguments<A extends readonly ArgumentSpec[]>(
  spec: FunctionSpec<A>,
  raw: readonly unknown[],
  options: CoercionOptions = {}
): Arguments<A> | CellError {
  const dateSystem = options.dateSystem ?? "1900";
  const values: Record<string, unknown> = {};
  // Date (key) columns first, so the columns aligned with them know which rows to skip.
  const ordered = spec.args.map((arg, index) => ({ arg, index }));
  ordered.sort((a, b) => Number(isAligned(a.arg)) - Number(isAligned(b.arg)));
  for (const { arg, index } of ordered) {
    const value = coerceArgument(arg, raw[index], values, spec, dateSystem);
    if (value instanceof CellError) return value;
    values[arg.name] = value;
  }
  return values as Arguments<A>;
}

function isAligned(arg: ArgumentSpec): boolean {
  if (arg.kind === "moneyColumn")
    return arg.alignedWith !== undefined || arg.sameHeightAs !== undefined;
  return arg.kind === "centsColumn" && arg.alignedWith !== undefined;
}

function isAbsent(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === "string" && value.trim() === "")
  );
}

function coerceArgument(
  arg: ArgumentSpec,
  raw: unknown,
  done: Record<string, unknown>,
  spec: FunctionSpec,
  dateSystem: DateSystem
): unknown {
  const where = arg.name;
  switch (arg.kind) {
    case "decimal":
    case "money":
    case "rate":
    case "date":
    case "wholeNumber":
    case "choice": {
      const single = singleValue(raw);
      // A left-out optional argument is null; desktop Excel passes a blank cell as 0, which is a value.
      if (isAbsent(single) || (arg.kind === "date" && single === 0)) {
        if (arg.kind === "choice" && arg.default !== undefined) return arg.default;
        return arg.optional ? null : new CellError("#VALUE!", MESSAGES.blank(where));
      }
      return coerceScalar(arg, single, where, dateSystem);
    }
    case "dateColumn": {
      if (raw === null || raw === undefined)
        return arg.optional ? null : new CellError("#VALUE!", MESSAGES.blank(where));
      const column = columnCells(raw, arg.name);
      if (column instanceof CellError) return column;
      const days: (Day | null)[] = new Array<Day | null>(column.length);
      // The common case, a serial past Excel's fictitious 29 Feb 1900, is plain arithmetic:
      // dayFromSerial is `whole + offset` there, so take the offset from it once.
      const linearFrom = dateSystem === "1900" ? FICTITIOUS_1900_LEAP_DAY + 1 : 0;
      const offset = (dayFromSerial(linearFrom, dateSystem) as { day: Day }).day - linearFrom;
      for (let i = 0; i < days.length; i++) {
        const cell = column.at(i);
        if (typeof cell === "number" && cell > 0 && cell >= linearFrom && cell < MAX_SERIAL) {
          days[i] = Math.floor(cell) + offset;
          continue;
        }
        const value = dateCell(cell, cellName(arg.name, i, column.horizontal), dateSystem);
        if (value instanceof CellError) return value;
        days[i] = value;
      }
      return days;
    }
    case "moneyColumn": {
      if (raw === null || raw === undefined)
        return arg.optional ? null : new CellError("#VALUE!", MESSAGES.blank(where));
      const column = columnCells(raw, arg.name);
      if (column instanceof CellError) return column;
      const key = alignedDates(arg, column.length, done, spec);
      if (key instanceof CellError) return key;
      if (arg.sameHeightAs !== undefined) {
        const other = done[arg.sameHeightAs] as unknown[] | null | undefined;
        if (other === undefined)
          throw new TypeError(
            `${spec.id}: ${arg.name} must match unknown argument ${arg.sameHeightAs}`
          );
        if (other !== null && other.length !== column.length) {
          return new CellError(
            "#VALUE!",
            MESSAGES.lengthMismatch(arg.name, column.length, arg.sameHeightAs, other.length)
          );
        }
      }
      const amounts: (Decimal | null)[] = [];
      for (let i = 0; i < column.length; i++) {
        if (key && key[i] === null) {
          amounts.push(null); // not a NAV row: skipped with its date
          continue;
        }
        const name = cellName(arg.name, i, column.horizontal);
        const value = decimalCell(column.at(i), name);
        if (value instanceof CellError) return value;
        if (value === null) {
          if (key)
            return new CellError(
              "#VALUE!",
              MESSAGES.blankBesideDate(name, singular(arg.alignedWith ?? ""))
            );
          amounts.push(null);
          continue;
        }
        if (arg.nonNegative && value.isNegative() && !value.isZero()) {
          return new CellError("#VALUE!", MESSAGES.negative(name, value.toFixed()));
        }
        amounts.push(roundCents(value));
      }
      return amounts;
    }
    case "centsColumn":
      return centsColumn(arg, raw, done, spec);
  }
}

/**
 * The date column a money column is aligned with (its blank-date rows are not
 * NAV rows), or null when it is aligned with none; a height mismatch is a
 * located #VALUE!.
 */
function alignedDates(
  arg: { name: string; alignedWith?: string },
  height: number,
  done: Record<string, unknown>,
  spec: FunctionSpec
): (Day | null)[] | null | CellError {
  if (arg.alignedWith === undefined) return null;
  const key = done[arg.alignedWith] as (Day | null)[] | null | undefined;
  if (key === undefined)
    throw new TypeError(
      `${spec.id}: ${arg.name} is aligned with unknown argument ${arg.alignedWith}`
    );
  if (key && key.length !== height)
    return new CellError(
      "#VALUE!",
      MESSAGES.lengthMismatch(arg.name, height, arg.alignedWith, key.length)
    );
  return key;
}

function centsColumn(
  arg: CentsColumnArgument,
  raw: unknown,
  done: Record<string, unknown>,
  spec: FunctionSpec
): Float64Array | null | CellError {
  if (raw === null || raw === undefined)
    return arg.optional ? null : new CellError("#VALUE!", MESSAGES.blank(arg.name));
  const column = columnCells(raw, arg.name);
  if (column instanceof CellError) return column;
  const key = alignedDates(arg, column.length, done, spec);
  if (key instanceof CellError) return key;
  const cents = new Float64Array(column.length);
  for (let i = 0; i < cents.length; i++) {
    if (key && key[i] === null) {
      cents[i] = Number.NaN; // not a NAV row: skipped with its date
      continue;
    }
    const cell = column.at(i);
    // The common case, a non-negative number, needs no decimal (centsFromDouble's fast path).
    if (typeof cell === "number" && (cell >= 0 || !arg.nonNegative)) {
      const value = centsFromDouble(cell);
      if (value !== null) {
        cents[i] = value;
        continue;
      }
    }
    const name = cellName(arg.name, i, column.horizontal);
    const value = decimalCell(cell, name);
    if (value instanceof CellError) return value;
    if (value === null) {
      if (key)
        return new CellError(
          "#VALUE!",
          MESSAGES.blankBesideDate(name, singular(arg.alignedWith ?? ""))
        );
      cents[i] = Number.NaN;
      continue;
    }
    if (arg.nonNegative && value.isNegative() && !value.isZero())
      return new CellError("#VALUE!", MESSAGES.negative(name, value.toFixed()));
    const exact = roundCents(value).times(100);
    const whole = exact.toNumber();
    if (!exact.equals(whole))
      return new CellError("#VALUE!", MESSAGES.tooLarge(name, value.toFixed()));
    cents[i] = whole + 0;
  }
  return cents;
}

function coerceScalar(
  arg:
    | DecimalArgument
    | MoneyArgument
    | RateArgument
    | DateArgument
    | WholeNumberArgument
    | ChoiceArgument,
  value: unknown,
  where: string,
  dateSystem: DateSystem
): unknown {
  switch (arg.kind) {
    case "date":
      return dateCell(value, where, dateSystem) ?? new CellError("#VALUE!", MESSAGES.blank(where));
    case "choice":
      return choiceValue(arg, value, where);
    case "rate":
      return rateValue(value, where);
    case "decimal":
    case "money":
    case "wholeNumber": {
      const amount = decimalCell(value, where);
      if (amount === null) return new CellError("#VALUE!", MESSAGES.blank(where));
      if (amount instanceof CellError) return amount;
      if (arg.kind === "wholeNumber") {
        if (!amount.isInteger())
          return new CellError("#VALUE!", MESSAGES.notWhole(where, amount.toFixed()));
        const minimum = arg.minimum ?? 0;
        if (amount.lessThan(minimum))
          return new CellError("#VALUE!", MESSAGES.belowMinimum(where, amount.toFixed(), minimum));
        return amount.toNumber();
      }
      if (arg.nonNegative && amount.isNegative() && !amount.isZero()) {
        return new CellError("#VALUE!", MESSAGES.negative(where, amount.toFixed()));
      }
      return arg.kind === "money" ? roundCents(amount) : amount;
    }
  }
}

/** A scalar parameter given a one-cell range (`[[5]]`) gets its one value. */
function singleValue(raw: unknown): unknown {
  let value = raw;
  while (Array.isArray(value) && value.length === 1) value = value[0];
  return value;
}

/** "netAssets, row 4" (a column range) or "netAssets, column 4" (a row range). */
function cellName(name: string, index: number, horizontal: boolean): string {
  return `${name}, ${horizontal ? "column" : "row"} ${index + 1}`;
}

/** "dates" → "date" for "its date is filled in". */
function singular(name: string): string {
  return name.endsWith("s") ? name.slice(0, -1) : name;
}

/** One column (or row) of a range, read in place: a whole-column range is a million cells, so no copy. */
interface Column {
  readonly length: number;
  readonly horizontal: boolean;
  at(index: number): unknown;
}

function columnCells(raw: unknown, name: string): Column | CellError {
  if (!Array.isArray(raw)) return { length: 1, horizontal: false, at: () => raw };
  if (!raw.every(Array.isArray))
    return { length: raw.length, horizontal: false, at: (index) => raw[index] };
  const rows = raw as unknown[][];
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  if (rows.length > 1 && width > 1)
    return new CellError("#VALUE!", MESSAGES.notOneColumn(name, rows.length, width));
  if (rows.length === 1 && width > 1) {
    const only = rows[0] ?? [];
    return { length: only.length, horizontal: true, at: (index) => only[index] };
  }
  return { length: rows.length, horizontal: false, at: (index) => rows[index]![0] };
}

/** Excel's last date, 9999-12-31; larger numbers go through `dateCell` (and `dayFromSerial`). */
const MAX_SERIAL = 2_958_466;

const PLAIN_NUMBER = /^(\d+(\.\d*)?|\.\d+)$/;
const GROUPED_NUMBER = /^\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * A number typed as text in US notation, or null: `decimalFromText("(1,234.56)")` → -1234.56;
 * `decimalFromText("1.234,56")` → null.
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

/** A cell as a decimal; null when blank (`null`, `""`). */
function decimalCell(value: unknown, where: string): Decimal | null | CellError {
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

/** A cell as a Day; null when blank or 0 (no date). */
function dateCell(value: unknown, where: string, dateSystem: DateSystem): Day | null | CellError {
  if (isAbsent(value) || value === 0) return null;
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
  return result.ok ? result.day : new CellError("#VALUE!", MESSAGES.notADate(where, result.reason));
}

/** A rate as a fraction between 0 and 1; text may be a percentage ("0.50%"). */
function rateValue(value: unknown, where: string): Decimal | CellError {
  let rate: Decimal | null | CellError;
  const percent = typeof value === "string" ? /^(.*)%\s*$/.exec(value.trim()) : null;
  if (percent) {
    const number = decimalFromText(percent[1] ?? "");
    rate =
      number === null
        ? new CellError("#VALUE!", MESSAGES.notANumber(where, String(value)))
        : number.dividedBy(100);
  } else rate = decimalCell(value, where);
  if (rate === null) return new CellError("#VALUE!", MESSAGES.blank(where));
  if (rate instanceof CellError) return rate;
  if (rate.isNegative() && !rate.isZero())
    return new CellError("#VALUE!", MESSAGES.negative(where, rate.toFixed()));
  if (rate.greaterThan(1))
    return new CellError(
      "#VALUE!",
      MESSAGES.rateAbove100(where, rate.toFixed(), rateSuggestion(rate))
    );
  return rate;
}

/**
 * What a rate above 100% was probably meant to be: basis points typed as a
 * number of hundredths of a percent (50 → "0.50%"), or a percentage typed
 * without its % sign (1.5 → "1.5%").
 */
function rateSuggestion(rate: Decimal): string {
  if (rate.greaterThanOrEqualTo(10)) return `${rate.dividedBy(100).toFixed(2)}%`;
  return `${rate.toFixed()}%`;
}

function choiceValue<T extends string>(
  arg: ChoiceArgument<T>,
  value: unknown,
  where: string
): T | CellError {
  const literal = excelErrorOf(value);
  if (literal !== null) return propagatedError(literal, MESSAGES.holdsError(where, literal));
  const text = String(value);
  const wanted = normalizeChoice(text);
  const match = arg.choices.find((choice) => normalizeChoice(choice) === wanted);
  return match ?? new CellError("#VALUE!", MESSAGES.notAChoice(where, text, arg.choices));
}

function normalizeChoice(text: string): string {
  return text.replace(/\s+/g, "").toLowerCase();
}
