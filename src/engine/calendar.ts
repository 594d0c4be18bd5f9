/**
 * Calendar days as plain integers, independent of any time zone (STYLE §15).
 *
 * A `Day` counts days since 1970-01-01 (day 0). Conversions use Howard
 * Hinnant's civil-calendar algorithms, so no `Date` object and no machine zone
 * is ever involved.
 */

/** Days since 1970-01-01 in the proleptic Gregorian calendar. */
export type Day = number;

export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/** `dayFromCivil(1970, 1, 1)` → 0; `dayFromCivil(2024, 2, 29)` → 19782. */
export function dayFromCivil(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthIndex = (month + 9) % 12; // March = 0
  const dayOfYear = Math.floor((153 * monthIndex + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** `civilFromDay(0)` → { year: 1970, month: 1, day: 1 }. */
export function civilFromDay(value: Day): CivilDate {
  const z = value + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** 366 in a leap year, else 365. */
export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`; returns null for anything else, including 2025-02-29. */
export function parseIsoDay(text: string): Day | null {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayFromCivil(year, month, day);
}

/** `day("2025-01-03")`: an ISO date as a Day; throws on a malformed literal (for code and tests). */
export function day(iso: string): Day {
  const parsed = parseIsoDay(iso);
  if (parsed === null) throw new RangeError(`not an ISO date: ${iso}`);
  return parsed;
}

/** `isoDate(0)` → "1970-01-01". */
export function isoDate(value: Day): string {
  const { year, month, day: d } = civilFromDay(value);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(value: Day): number {
  return (((value + 4) % 7) + 7) % 7;
}

export function yearOf(value: Day): number {
  return civilFromDay(value).year;
}

/** Last day of the month containing `value`. */
export function monthEnd(value: Day): Day {
  const { year, month } = civilFromDay(value);
  return dayFromCivil(year, month, daysInMonth(year, month));
}

export function monthStart(value: Day): Day {
  const { year, month } = civilFromDay(value);
  return dayFromCivil(year, month, 1);
}

/**
 * The same day `months` months later, clamped to the month's end, as Excel's
 * EDATE does: `addMonths(day("2024-02-29"), 12)` → 2025-02-28.
 */
export function addMonths(value: Day, months: number): Day {
  const { year, month, day: d } = civilFromDay(value);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  return dayFromCivil(newYear, newMonth, Math.min(d, daysInMonth(newYear, newMonth)));
}

/** Excel's two date systems (workbook setting "Use 1904 date system"). */
export type DateSystem = "1900" | "1904";

/** Serial of 1970-01-01 in the 1900 system (for serials ≥ 61, after the fictitious 1900-02-29). */
const SERIAL_1900_OF_EPOCH = 25569;
/** The 1904 system counts from 1904-01-01 = serial 0, which is 1900-system serial 1462. */
const SERIAL_1904_OFFSET = 1462;
/** Serial 60 in the 1900 system is 29 Feb 1900, a day that never existed (kept by Excel for Lotus 1-2-3). */
export const FICTITIOUS_1900_LEAP_DAY = 60;

export type SerialResult = { ok: true; day: Day } | { ok: false; reason: string };

/**
 * An Excel date serial (whole days; a time of day is ignored) as a Day.
 * 1900 system: serial 1 = 1900-01-01, 59 = 1900-02-28, 60 = the fictitious
 * 1900-02-29 (rejected), 61 = 1900-03-01. 1904 system: 0 = 1904-01-01.
 * `dayFromSerial(45658)` → 2025-01-01.
 */
export function dayFromSerial(serial: number, system: DateSystem = "1900"): SerialResult {
  if (!Number.isFinite(serial)) return { ok: false, reason: "is not a number" };
  const whole = Math.floor(serial);
  if (system === "1904") {
    if (whole < 0) return { ok: false, reason: `serial ${serial} is before 1904-01-01` };
    return { ok: true, day: whole + SERIAL_1904_OFFSET - SERIAL_1900_OF_EPOCH };
  }
  if (whole < 1)
    return {
      ok: false,
      reason: `serial ${serial} is not a date (Excel dates start at 1 = 1900-01-01)`,
    };
  if (whole === FICTITIOUS_1900_LEAP_DAY)
    return {
      ok: false,
      reason: "serial 60 is 29 Feb 1900, a day that does not exist (Excel's 1900 leap-year bug)",
    };
  if (whole < FICTITIOUS_1900_LEAP_DAY) return { ok: true, day: whole - SERIAL_1900_OF_EPOCH + 1 };
  return { ok: true, day: whole - SERIAL_1900_OF_EPOCH };
}

/** The Excel serial of a Day: `serialFromDay(day("2025-01-01"))` → 45658. */
export function serialFromDay(value: Day, system: DateSystem = "1900"): number {
  if (system === "1904") return value + SERIAL_1900_OF_EPOCH - SERIAL_1904_OFFSET;
  const serial = value + SERIAL_1900_OF_EPOCH;
  return serial >= FICTITIOUS_1900_LEAP_DAY + 1 ? serial : serial - 1;
}
