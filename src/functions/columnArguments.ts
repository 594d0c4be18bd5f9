/**
 * Column arguments (a date column, a money column, a column of whole cents)
 * as engine values, one entry per cell. A blank or 0 date means the row is
 * not a NAV row: it is skipped together with the values beside it
 * (`alignedWith`), and a blank beside a filled date is an error.
 */
import {
  type DateSystem,
  type Day,
  dayFromSerial,
  FICTITIOUS_1900_LEAP_DAY,
  serialFromDay,
} from "../engine/calendar";
import { type Decimal, roundCents } from "../engine/decimal";
import { centsFromDouble } from "../engine/worksheetHelpers";
import type {
  CentsColumnArgument,
  DateColumnArgument,
  FunctionSpec,
  MoneyColumnArgument,
} from "./argumentSpec";
import { dateCell, LAST_EXCEL_DAY, moneyCell } from "./cellValues";
import { CellError } from "./cellError";
import { cellName, columnCells, singular } from "./columnCells";
import { MESSAGES } from "./messages";

/** The arguments coerced so far, by name (date columns come first). */
export type CoercedSoFar = Readonly<Record<string, unknown>>;

/**
 * A column of dates, null for a blank or 0 cell.
 *
 * @example
 * dateColumn({ name: "dates", kind: "dateColumn" }, [[45659], [null], [45660]], "1900")
 * // → [Day 2025-01-02, null, Day 2025-01-03]
 */
export function dateColumn(
  arg: DateColumnArgument,
  raw: unknown,
  dateSystem: DateSystem
): (Day | null)[] | null | CellError {
  if (raw === null || raw === undefined)
    return arg.optional ? null : new CellError("#VALUE!", MESSAGES.blank(arg.name));
  const column = columnCells(raw, arg.name);
  if (column instanceof CellError) return column;
  const days: (Day | null)[] = new Array<Day | null>(column.length);
  // The common case, a serial past Excel's fictitious 29 Feb 1900, is plain arithmetic:
  // dayFromSerial is `whole + offset` there, so take the offset from it once.
  const linearFrom = dateSystem === "1900" ? FICTITIOUS_1900_LEAP_DAY + 1 : 0;
  const offset = (dayFromSerial(linearFrom, dateSystem) as { day: Day }).day - linearFrom;
  // Larger numbers go through `dateCell`, which refuses a serial past Excel's last date.
  const lastSerial = serialFromDay(LAST_EXCEL_DAY, dateSystem);
  for (let i = 0; i < days.length; i++) {
    const cell = column.at(i);
    if (typeof cell === "number" && cell > 0 && cell >= linearFrom && cell < lastSerial + 1) {
      days[i] = Math.floor(cell) + offset;
      continue;
    }
    const value = dateCell(cell, cellName(arg.name, i, column.horizontal), dateSystem);
    if (value instanceof CellError) return value;
    days[i] = value;
  }
  return days;
}

/**
 * A column of money rounded to cents, null where skipped or blank.
 *
 * @example
 * moneyColumn({ name: "fees", kind: "moneyColumn" }, [[12470.15], [""], [500]], {}, spec)
 * // → [12470.15, null, 500.00]
 */
export function moneyColumn(
  arg: MoneyColumnArgument,
  raw: unknown,
  done: CoercedSoFar,
  spec: FunctionSpec
): (Decimal | null)[] | null | CellError {
  if (raw === null || raw === undefined)
    return arg.optional ? null : new CellError("#VALUE!", MESSAGES.blank(arg.name));
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
    const value = moneyCell(column.at(i), name);
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

/**
 * A column of money as whole cents, NaN where skipped or blank: no decimal
 * per cell unless one sits near a half cent (`centsFromDouble`).
 *
 * @example
 * centsColumn({ name: "netAssets", kind: "centsColumn", alignedWith: "dates" }, [[1e8], [null]], { dates: [20090, null] }, spec)
 * // → Float64Array [10000000000, NaN]
 */
export function centsColumn(
  arg: CentsColumnArgument,
  raw: unknown,
  done: CoercedSoFar,
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
    // The common case, a positive number, needs no decimal (centsFromDouble's fast path).
    if (typeof cell === "number" && (cell > 0 || (cell < 0 && !arg.nonNegative))) {
      const value = centsFromDouble(cell);
      if (value !== null) {
        cents[i] = value;
        continue;
      }
    }
    const name = cellName(arg.name, i, column.horizontal);
    const value = moneyCell(cell, name);
    if (value instanceof CellError) return value;
    if (arg.zeroIsBlank && value?.isZero())
      return new CellError("#VALUE!", MESSAGES.zeroNetAssets(name, key !== null));
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

/**
 * The date column a money column is aligned with (its blank-date rows are not
 * NAV rows), or null when it is aligned with none; a height mismatch is a
 * located #VALUE!.
 */
function alignedDates(
  arg: { name: string; alignedWith?: string },
  height: number,
  done: CoercedSoFar,
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
