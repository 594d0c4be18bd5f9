/**
 * Reporting periods: months, quarters, fiscal years and plan years, each an
 * inclusive range of calendar days with a label an accountant recognises.
 */
import { addMonths, civilFromDay, type Day, dayFromCivil, daysInMonth, isoDate } from "./calendar";

export type PeriodKind = "month" | "quarter" | "fiscal year" | "plan year" | "custom";

export interface Period {
  kind: PeriodKind;
  /** e.g. "2026-07", "2026Q3", "FY2026", "plan year from 2025-06-01". */
  label: string;
  /** First day, inclusive. */
  start: Day;
  /** Last day, inclusive. */
  end: Day;
}

/** Number of calendar days in a period (both ends included). */
export function periodDays(period: Pick<Period, "start" | "end">): number {
  return period.end - period.start + 1;
}

export function monthPeriod(year: number, month: number): Period {
  return {
    kind: "month",
    label: `${year}-${String(month).padStart(2, "0")}`,
    start: dayFromCivil(year, month, 1),
    end: dayFromCivil(year, month, daysInMonth(year, month)),
  };
}

export function monthOf(value: Day): Period {
  const { year, month } = civilFromDay(value);
  return monthPeriod(year, month);
}

export function quarterPeriod(year: number, quarter: number): Period {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)
    throw new RangeError(`quarter ${quarter} is not 1–4`);
  const firstMonth = (quarter - 1) * 3 + 1;
  return {
    kind: "quarter",
    label: `${year}Q${quarter}`,
    start: dayFromCivil(year, firstMonth, 1),
    end: dayFromCivil(year, firstMonth + 2, daysInMonth(year, firstMonth + 2)),
  };
}

export function quarterOf(value: Day): Period {
  const { year, month } = civilFromDay(value);
  return quarterPeriod(year, Math.floor((month - 1) / 3) + 1);
}

/**
 * Parses a quarter as accountants write it: `2026Q3`, `2026-Q3`, `Q3 2026`,
 * `2026 Q3` (case-insensitive). Returns null when it is not one.
 */
export function parseQuarter(text: string): Period | null {
  const trimmed = text.trim().toUpperCase();
  const yearFirst = /^(\d{4})\s*-?\s*Q([1-4])$/.exec(trimmed);
  if (yearFirst) return quarterPeriod(Number(yearFirst[1]), Number(yearFirst[2]));
  const quarterFirst = /^Q([1-4])\s*-?\s*(\d{4})$/.exec(trimmed);
  if (quarterFirst) return quarterPeriod(Number(quarterFirst[2]), Number(quarterFirst[1]));
  return null;
}

/** The last quarter that ended before `asOf`: on 2026-11-28 that is 2026Q3. */
export function lastCompleteQuarter(asOf: Day): Period {
  const current = quarterOf(asOf);
  return quarterOf(current.start - 1);
}

/**
 * The fiscal year that contains `value`, for a fiscal year ending on the last
 * day of `fiscalYearEndMonth` (12 = calendar year). Labelled by the calendar
 * year in which it ends: with a June year end, 2026-07-01 falls in FY2027.
 */
export function fiscalYearOf(value: Day, fiscalYearEndMonth = 12): Period {
  const { year, month } = civilFromDay(value);
  const endYear = month > fiscalYearEndMonth ? year + 1 : year;
  const end = dayFromCivil(endYear, fiscalYearEndMonth, daysInMonth(endYear, fiscalYearEndMonth));
  const start = addMonths(dayFromCivil(endYear, fiscalYearEndMonth, 1), -11);
  return { kind: "fiscal year", label: `FY${endYear}`, start, end };
}

/** Every period of `kind` ("month" | "quarter") that overlaps [start, end], in order. */
export function periodsBetween(kind: "month" | "quarter", start: Day, end: Day): Period[] {
  const periods: Period[] = [];
  let cursor = start;
  while (cursor <= end) {
    const period = kind === "month" ? monthOf(cursor) : quarterOf(cursor);
    periods.push(period);
    cursor = period.end + 1;
  }
  return periods;
}

/** Fiscal years overlapping [start, end]. */
export function fiscalYearsBetween(start: Day, end: Day, fiscalYearEndMonth = 12): Period[] {
  const periods: Period[] = [];
  let cursor = start;
  while (cursor <= end) {
    const period = fiscalYearOf(cursor, fiscalYearEndMonth);
    periods.push(period);
    cursor = period.end + 1;
  }
  return periods;
}

/** A custom inclusive period, e.g. for ADNA(from, to). */
export function customPeriod(start: Day, end: Day): Period {
  return { kind: "custom", label: `${isoDate(start)} to ${isoDate(end)}`, start, end };
}

/** Overlap of two periods, or null. */
export function intersect(
  a: Pick<Period, "start" | "end">,
  b: Pick<Period, "start" | "end">
): { start: Day; end: Day } | null {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start <= end ? { start, end } : null;
}

/** The months' names in English, January first: `MONTH_NAMES[0]` → "January". */
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/**
 * A period as a sentence names it: "July 2026", "2026 Q3", "FY2026", "the
 * plan year from 2025-08-15", "2026-07-01 to 2026-07-15" — the kind said once,
 * never "plan year plan year from …".
 *
 * @example periodName(quarterPeriod(2026, 3)) // → "2026 Q3"
 * @example periodName(monthPeriod(2026, 7)) // → "July 2026"
 */
export function periodName(period: Period): string {
  switch (period.kind) {
    case "month": {
      const { year, month } = civilFromDay(period.start);
      return `${MONTH_NAMES[month - 1]} ${year}`;
    }
    case "quarter":
      return period.label.replace(/^(\d{4})Q([1-4])$/, "$1 Q$2");
    case "plan year":
      return period.label.startsWith("plan year") ? `the ${period.label}` : period.label;
    default:
      return period.label;
  }
}

/**
 * A day as a sentence for people writes it: `dayInWords(day("2024-02-14"))` → "14 February 2024"
 * (SPEC §5 "dates in sentences are written for people").
 */
export function dayInWords(value: Day): string {
  const { year, month, day } = civilFromDay(value);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** One calendar month's part of a span: the month, and the span's first and last day in it. */
export interface MonthPiece {
  month: Period;
  start: Day;
  end: Day;
}

/**
 * The span [start, end] cut at month ends, in order: the pieces a cap maximum
 * and the fees are each rounded over, as fees are booked (SPEC §2 "Cap": "each
 * month's (or part month's) maximum is rounded to the cent as its fees are
 * booked, and a longer period's maximum is the sum of its months' rounded
 * maxima").
 *
 * @example monthPieces(day("2024-01-15"), day("2024-03-10")) // → Jan 15–31, Feb 1–29, Mar 1–10
 */
export function monthPieces(start: Day, end: Day): MonthPiece[] {
  const pieces: MonthPiece[] = [];
  for (let cursor = start; cursor <= end;) {
    const month = monthOf(cursor);
    const pieceEnd = Math.min(end, month.end);
    pieces.push({ month, start: cursor, end: pieceEnd });
    cursor = pieceEnd + 1;
  }
  return pieces;
}

/**
 * Index of the first of `items` (in the order of their periods, which do not
 * overlap) whose period ends on or after `d`, or `items.length`. A binary
 * search: a sum over the months of a quarter or year starts there instead of
 * at the first month of the history (which made long histories quadratic).
 *
 * @example firstEndingOnOrAfter(months, (m) => m.period.end, day("2026-07-01")) // → the index of July 2026
 */
export function firstEndingOnOrAfter<T>(
  items: readonly T[],
  endOf: (item: T) => Day,
  d: Day
): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (endOf(items[middle]!) < d) low = middle + 1;
    else high = middle;
  }
  return low;
}
