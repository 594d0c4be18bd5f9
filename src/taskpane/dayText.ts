/**
 * Dates in the pane's sentences written as the As of field shows them (issue 23: the field
 * showed 01/31/2025 beside text saying 2025-01-31). Chromium and Edge draw an `<input
 * type="date">` in the browser's locale with two-digit day and month, so the pane's text
 * uses that locale and those options too. The engine's days are UTC calendar days.
 */
import { civilFromDay, type Day } from "../engine/calendar";

/**
 * `dayText(day("2025-01-31"), "en-US")` → "01/31/2025"; `dayText(day("2025-01-31"), "en-GB")` → "31/01/2025".
 */
export function dayText(value: Day, locale?: string): string {
  const { year, month, day } = civilFromDay(value);
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(year, month - 1, day)));
}
