/**
 * US stock market (NYSE) full-day holidays, computed — the demo's NAV dates
 * are the business days between them. Weekend observance: a holiday on a
 * Sunday is observed the Monday after; on a Saturday, the Friday before —
 * except New Year's Day, which the exchange does not move back into the old
 * year (NYSE Rule 7.2).
 */
import { type Day, dayFromCivil, weekday, yearOf } from "../../engine/calendar";

/** The `n`th (1-based) `weekdayWanted` (0 = Sunday) of a month; n = -1 for the last. */
export function nthWeekday(year: number, month: number, weekdayWanted: number, n: number): Day {
  if (n > 0) {
    const first = dayFromCivil(year, month, 1);
    return first + ((weekdayWanted - weekday(first) + 7) % 7) + 7 * (n - 1);
  }
  const last = dayFromCivil(year, month + 1, 1) - 1;
  return last - ((weekday(last) - weekdayWanted + 7) % 7);
}

/** Easter Sunday (Gregorian; the anonymous "Meeus/Jones/Butcher" algorithm). `easterSunday(2024)` → 2024-03-31. */
export function easterSunday(year: number): Day {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return dayFromCivil(year, month, dayOfMonth);
}

function observed(d: Day, moveSaturdayBack = true): Day | null {
  const wd = weekday(d);
  if (wd === 0) return d + 1;
  if (wd === 6) return moveSaturdayBack ? d - 1 : null;
  return d;
}

/**
 * The market holidays of `year`, sorted.
 *
 * `marketHolidays(2022)` includes 2022-06-20 (Juneteenth, a Sunday, observed Monday)
 * and not 2021-12-31 (New Year's Day 2022 fell on a Saturday).
 */
export function marketHolidays(year: number): Day[] {
  const days = [
    observed(dayFromCivil(year, 1, 1), false),
    nthWeekday(year, 1, 1, 3), // Martin Luther King Jr. Day
    nthWeekday(year, 2, 1, 3), // Washington's Birthday
    easterSunday(year) - 2, // Good Friday
    nthWeekday(year, 5, 1, -1), // Memorial Day
    year >= 2022 ? observed(dayFromCivil(year, 6, 19)) : null, // Juneteenth, an exchange holiday from 2022
    observed(dayFromCivil(year, 7, 4)),
    nthWeekday(year, 9, 1, 1), // Labor Day
    nthWeekday(year, 11, 4, 4), // Thanksgiving
    observed(dayFromCivil(year, 12, 25)),
  ];
  return days.filter((d): d is Day => d !== null).sort((a, b) => a - b);
}

/** Business days (weekdays that are not market holidays) from `start` to `end` inclusive. */
export function businessDays(start: Day, end: Day): Day[] {
  const holidays = new Set<Day>();
  for (let year = yearOf(start); year <= yearOf(end); year += 1)
    marketHolidays(year).forEach((d) => holidays.add(d));
  const days: Day[] = [];
  for (let d = start; d <= end; d += 1) {
    const wd = weekday(d);
    if (wd !== 0 && wd !== 6 && !holidays.has(d)) days.push(d);
  }
  return days;
}
