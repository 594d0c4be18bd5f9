/**
 * Daily accrual of the Distribution Fee (Plan §1 "accrued daily", SPEC §2).
 *
 * Every calendar day the plan is in effect accrues net assets × annual rate ÷
 * basis days. Each NAV row books the days it covers (Forward or Catch-up),
 * split at month ends; amounts are booked penny-true (a month's rows add up to
 * its rounded exact total) or rounded day by day.
 */
import { civilFromDay, type Day, daysInYear, isoDate } from "./calendar";
import { Decimal, roundCents, ZERO } from "./decimal";
import { exception, type PlanException } from "./exceptions";
import { navIndexFor, type NavPoint } from "./netAssetsSeries";
import { monthOf, type Period } from "./periods";
import type { DayCount, PortfolioSettings } from "./plan";

export type AccrualSettings = Pick<PortfolioSettings, "dayCount" | "navTiming" | "weekendBooking" | "rounding">;

/** An inclusive range of days; `end: null` is open-ended. Structurally an in-effect window. */
export interface DayWindow {
  start: Day;
  end: Day | null;
}

export interface AccrualInput {
  portfolio?: string;
  series: readonly NavPoint[];
  /** Allowed rates, sorted by start (see `rateSchedule`). */
  rates: readonly { start: Day; annualRate: Decimal }[];
  settings: AccrualSettings;
  /** Days the plan is in effect; null or omitted = every day. */
  inEffect?: readonly DayWindow[] | null;
  /**
   * Last day to accrue through. The last NAV row covers the days after it up
   * to here (under either booking); rows dated after it book nothing. Without
   * it the last row covers only its own date.
   */
  periodEnd?: Day | null;
}

/** Consecutive days of one row and month with the same daily fee. */
export interface AccrualRun {
  start: Day;
  end: Day;
  rowIndex: number;
  netAssets: Decimal;
  annualRate: Decimal;
  basisDays: number;
  /** Unrounded fee of one day of the run. */
  dailyExact: Decimal;
}

/** What one NAV row books (the Days · Rate · Daily fee · Month to date columns). */
export interface RowAccrual {
  rowIndex: number;
  date: Day;
  /** Calendar days the row covers (before in-effect filtering); firstDay > lastDay when it covers none. */
  firstDay: Day;
  lastDay: Day;
  /** Days of the row that accrued (plan in effect, a rate and net assets known). */
  days: number;
  /** Rate in force on the row's first accruing day (or its date), null if none. */
  annualRate: Decimal | null;
  exact: Decimal;
  booked: Decimal;
  /** Booked so far in the month of the row's last covered day, this row included. */
  monthToDate: Decimal;
}

export interface MonthAccrual {
  period: Period;
  days: number;
  exact: Decimal;
  booked: Decimal;
  /** round(exact) − booked: zero when penny-true, the month-end true-up when rounding daily. */
  trueUp: Decimal;
}

export interface AccrualResult {
  rows: RowAccrual[];
  months: MonthAccrual[];
  runs: AccrualRun[];
  /** Σ booked + Σ true-ups: what the months' payables come to. */
  total: Decimal;
  exceptions: PlanException[];
}

/** Days in the fee's year basis for day `d`: 365/366 under Actual/Actual, else 365 or 360. */
export function basisDaysFor(dayCount: DayCount, d: Day): number {
  if (dayCount === "Actual/360") return 360;
  if (dayCount === "Actual/365") return 365;
  return daysInYear(civilFromDay(d).year);
}

/** One day's unrounded fee: `dailyFeeExact(100_000_000, 0.0025, 365)` → 684.9315068…. */
export function dailyFeeExact(netAssets: Decimal, annualRate: Decimal, basisDays: number): Decimal {
  return netAssets.times(annualRate).dividedBy(basisDays);
}

/** A gap between NAV dates longer than this many calendar days is worth a warning. */
const NAV_GAP_WARNING_DAYS = 7;

function coveredDays(input: AccrualInput, rowIndex: number): { firstDay: Day; lastDay: Day } {
  const { series, settings } = input;
  const row = series[rowIndex]!;
  const next = series[rowIndex + 1];
  const periodEnd = input.periodEnd ?? null;
  let firstDay: Day;
  let lastDay: Day;
  if (settings.weekendBooking === "Forward") {
    firstDay = row.date;
    lastDay = next ? next.date - 1 : (periodEnd ?? row.date);
  } else {
    firstDay = rowIndex > 0 ? series[rowIndex - 1]!.date + 1 : row.date;
    lastDay = next ? row.date : Math.max(row.date, periodEnd ?? row.date);
  }
  if (periodEnd !== null) lastDay = Math.min(lastDay, periodEnd);
  return { firstDay, lastDay };
}

/**
 * Accrues one portfolio's fee over its NAV series.
 *
 * Worked example (DOMAIN.md): rate 0.25%, 2025, NAVs Thu 2 Jan 100,000,000,
 * Fri 3 Jan 101,000,000, Mon 6 Jan 99,500,000, Tue 7 Jan 100,200,000,
 * Prior day, Forward, penny-true → rows book 0.00 · 2,068.49 · 691.78 · 681.51.
 */
export function accrue(input: AccrualInput): AccrualResult {
  const { series, rates, settings } = input;
  const portfolio = input.portfolio ?? "";
  const windows = input.inEffect ?? null;
  const rows: RowAccrual[] = [];
  const months: MonthAccrual[] = [];
  const runs: AccrualRun[] = [];
  const exceptions: PlanException[] = [];
  const label = portfolio ? `${portfolio}: ` : "";
  const where = (d: Day) => ({ portfolio: portfolio || null, date: d });

  let month: MonthAccrual | null = null;
  let monthCumulativeExact = ZERO;
  let missingOpeningReported = false;
  let noRateReported = false;
  let rateIndex = -1;
  let windowIndex = 0;

  const closeMonth = () => {
    if (!month) return;
    month.exact = monthCumulativeExact;
    month.trueUp = roundCents(monthCumulativeExact).minus(month.booked);
    // A month the row walk only passed through (plan not in effect, no NAV yet) is no accrual month.
    if (month.days > 0) months.push(month);
    month = null;
  };
  const openMonth = (d: Day) => {
    closeMonth();
    month = { period: monthOf(d), days: 0, exact: ZERO, booked: ZERO, trueUp: ZERO };
    monthCumulativeExact = ZERO;
  };
  const inEffectOn = (d: Day): boolean => {
    if (!windows) return true;
    while (windowIndex < windows.length && windows[windowIndex]!.end !== null && windows[windowIndex]!.end! < d) windowIndex += 1;
    const window = windows[windowIndex];
    return window !== undefined && window.start <= d;
  };

  for (let rowIndex = 0; rowIndex < series.length; rowIndex += 1) {
    const row = series[rowIndex]!;
    const next = series[rowIndex + 1];
    if (next && next.date - row.date > NAV_GAP_WARNING_DAYS) {
      exceptions.push(
        exception(
          "warning",
          "nav-gap",
          `${label}no NAV between ${isoDate(row.date)} and ${isoDate(next.date)} (${next.date - row.date - 1} days); the ${isoDate(row.date)} NAV is carried.`,
          { ...where(row.date), ...(row.source ? { source: row.source } : {}) },
        ),
      );
    }
    const { firstDay, lastDay } = coveredDays(input, rowIndex);
    const result: RowAccrual = {
      rowIndex,
      date: row.date,
      firstDay,
      lastDay,
      days: 0,
      annualRate: null,
      exact: ZERO,
      booked: ZERO,
      monthToDate: ZERO,
    };
    let navIndex = firstDay <= lastDay ? navIndexFor(series, firstDay, settings.navTiming) : -1;
    let segmentExact = ZERO;
    let run: AccrualRun | null = null;

    const flushRun = () => {
      if (!run) return;
      const days = run.end - run.start + 1;
      const runExact = run.dailyExact.times(days);
      segmentExact = segmentExact.plus(runExact);
      if (settings.rounding === "Daily") {
        const booked = roundCents(run.dailyExact).times(days);
        result.booked = result.booked.plus(booked);
        month!.booked = month!.booked.plus(booked);
      }
      runs.push(run);
      run = null;
    };
    const flushSegment = () => {
      flushRun();
      if (!month) return;
      if (settings.rounding === "Penny-true") {
        const before = roundCents(monthCumulativeExact);
        const after = roundCents(monthCumulativeExact.plus(segmentExact));
        result.booked = result.booked.plus(after.minus(before));
        month.booked = month.booked.plus(after.minus(before));
      }
      monthCumulativeExact = monthCumulativeExact.plus(segmentExact);
      result.exact = result.exact.plus(segmentExact);
      segmentExact = ZERO;
    };

    for (let d = firstDay; d <= lastDay; d += 1) {
      if (!month || (month as MonthAccrual).period.end < d) {
        flushSegment();
        openMonth(d);
      }
      const lag = settings.navTiming === "Prior day" ? 1 : 0;
      while (navIndex + 1 < series.length && series[navIndex + 1]!.date + lag <= d) navIndex += 1;
      while (rateIndex + 1 < rates.length && rates[rateIndex + 1]!.start <= d) rateIndex += 1;
      if (!inEffectOn(d)) {
        flushRun();
        continue;
      }
      if (navIndex < 0) {
        if (!missingOpeningReported) {
          missingOpeningReported = true;
          exceptions.push(
            exception(
              "warning",
              "nav-missing-opening",
              `${label}no NAV before ${isoDate(d)}, so nothing accrues for it; start the series one NAV earlier.`,
              { ...where(d), ...(row.source ? { source: row.source } : {}) },
            ),
          );
        }
        flushRun();
        continue;
      }
      if (rateIndex < 0) {
        if (!noRateReported) {
          noRateReported = true;
          exceptions.push(exception("warning", "no-rate", `${label}no approved rate in force on ${isoDate(d)}; nothing accrues until one is.`, where(d)));
        }
        flushRun();
        continue;
      }
      const netAssets = series[navIndex]!.netAssets;
      const annualRate = rates[rateIndex]!.annualRate;
      const basisDays = basisDaysFor(settings.dayCount, d);
      result.days += 1;
      month!.days += 1;
      if (result.annualRate === null) result.annualRate = annualRate;
      const current = run as AccrualRun | null;
      if (current && current.end === d - 1 && current.netAssets === netAssets && current.annualRate === annualRate && current.basisDays === basisDays) {
        current.end = d;
      } else {
        flushRun();
        run = { start: d, end: d, rowIndex, netAssets, annualRate, basisDays, dailyExact: dailyFeeExact(netAssets, annualRate, basisDays) };
      }
    }
    flushSegment();
    if (result.annualRate === null) result.annualRate = rateOn(rates, row.date);
    const open = month as MonthAccrual | null;
    const covered = firstDay <= lastDay;
    result.monthToDate = open && (covered || (open.period.start <= row.date && row.date <= open.period.end)) ? open.booked : ZERO;
    rows.push(result);
  }
  closeMonth();
  const total = months.reduce((acc, m) => acc.plus(m.booked).plus(m.trueUp), ZERO);
  return { rows, months, runs, total, exceptions };
}

/** Unrounded accrual over [start, end] from the runs (for periods that are not whole months). */
export function exactAccrualBetween(runs: readonly AccrualRun[], start: Day, end: Day): Decimal {
  let total = ZERO;
  for (const run of runs) {
    const from = Math.max(start, run.start);
    const to = Math.min(end, run.end);
    if (from <= to) total = total.plus(run.dailyExact.times(to - from + 1));
  }
  return total;
}

function rateOn(rates: readonly { start: Day; annualRate: Decimal }[], d: Day): Decimal | null {
  let found: Decimal | null = null;
  for (const rate of rates) if (rate.start <= d) found = rate.annualRate;
  return found;
}
