/**
 * The cores of FEES and EFFECTIVERATE: the Distribution Fee over a period and
 * the annual rate it comes to, each a short arrangement of the engine's own
 * rules (`accrue`, `feesAccruedBetween`, `maximumAllowableFee`) over NAV rows
 * taken from a sheet.
 */
import { accrue, type AccrualSettings } from "../engine/accrual";
import { feesAccruedBetween, maximumAllowableFee } from "../engine/cap";
import { type Day, isoDate } from "../engine/calendar";
import { Decimal } from "../engine/decimal";
import type { NavTiming } from "../engine/plan";
import { type NavColumns, seriesFromNavColumns } from "../engine/worksheetHelpers";
import { CellError } from "./cellError";
import { MESSAGES } from "./messages";
import { ratesFrom, type ScheduledRate } from "./rateScheduleArgument";

/**
 * The fee for [start, end] as the plan's books and cap test count it
 * (`feesAccruedBetween`): whole months are what their months booked (with any
 * daily-rounding true-up), a part month its exact accrual rounded to the cent.
 * The last NAV carries through `end`.
 *
 * @example
 * // DOMAIN.md: 2, 3, 6, 7 Jan 2025 at 0.25%, Prior day, 2–7 Jan → 3,441.78
 * periodFees(rows, [{ start: null, annualRate: 0.0025 }], { start: jan2, end: jan7 }, { dayCount: "Actual/Actual", navTiming: "Prior day" })
 */
export function periodFees(
  rows: NavColumns,
  rates: readonly ScheduledRate[],
  period: { start: Day; end: Day },
  settings: Pick<AccrualSettings, "dayCount" | "navTiming">
): Decimal {
  const accrual = accrue({
    series: seriesFromNavColumns(rows),
    rates: ratesFrom(rates, rows.dates[0]),
    // Booking and rounding move fees between rows and days, not out of a whole month or a period's exact total.
    settings: { ...settings, weekendBooking: "Forward", rounding: "Penny-true" },
    periodEnd: period.end,
  });
  return feesAccruedBetween(accrual, period.start, period.end);
}

/**
 * The annual rate that `fees` over [start, end] come to: fees ÷ (ADNA × days
 * ÷ days in the year), i.e. fees ÷ Σ over the days of net assets ÷ days in
 * that day's year — the cap's own Actual/Actual arithmetic
 * (`maximumAllowableFee` at a rate of 100%), so the result compares directly
 * with the plan's .50%. #N/A when no day has net assets; #DIV/0! when they
 * are all zero.
 *
 * @example
 * // DOMAIN.md leap-year trap: 3,424.65 on 50,000,000 a day, 28 Feb – 3 Mar 2024 (5 days, ÷366)
 * effectiveAnnualRate(rows, 3424.65, { start: feb28, end: mar3 }, "Same day") // → 0.0050136876 (above .50%)
 */
export function effectiveAnnualRate(
  rows: NavColumns,
  fees: Decimal,
  period: { start: Day; end: Day },
  timing: NavTiming
): Decimal | CellError {
  const { exact, days } = maximumAllowableFee({
    series: seriesFromNavColumns(rows),
    timing,
    maxAnnualRate: new Decimal(1),
    start: period.start,
    end: period.end,
  });
  const from = isoDate(period.start);
  const to = isoDate(period.end);
  if (days === 0) return new CellError("#N/A", MESSAGES.noNetAssets(from, to));
  if (exact.isZero()) return new CellError("#DIV/0!", MESSAGES.noFeeBasis(from, to));
  return fees.dividedBy(exact);
}
