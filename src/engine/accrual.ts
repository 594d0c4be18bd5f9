/**
 * Daily accrual of the Distribution Fee (Plan §1 "accrued daily", SPEC §2).
 *
 * Every calendar day the plan is in effect accrues net assets × annual rate ÷
 * basis days. Each NAV row books the days it covers (Forward or Catch-up),
 * split at month ends; amounts are booked penny-true (a month's rows add up to
 * its rounded exact total) or rounded day by day.
 */
import { basisDaysForYear, type DayWindow, walkAccrualDays, type WalkNotes } from "./accrualWalk";
import { civilFromDay, type Day, isoDate } from "./calendar";
import { type Decimal, roundCents, ZERO } from "./decimal";
import { exception, type PlanException, type SourceRef } from "./exceptions";
import { type NavPoint } from "./netAssetsSeries";
import { firstEndingOnOrAfter, monthOf, type Period } from "./periods";
import type { DayCount, PortfolioSettings } from "./plan";

export type { DayWindow } from "./accrualWalk";

export type AccrualSettings = Pick<
  PortfolioSettings,
  "dayCount" | "navTiming" | "weekendBooking" | "rounding"
>;

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
  booked: Decimal;
  /** Booked so far in the month of the row's last covered day, this row included. */
  monthToDate: Decimal;
}

export interface MonthAccrual {
  period: Period;
  days: number;
  booked: Decimal;
  /** round(exact month total) − booked: zero when penny-true, the month-end true-up when rounding daily. */
  trueUp: Decimal;
  /**
   * Reimbursement plans: the billing-period true-up booked on this month's last
   * day (zero or negative; see `withReimbursementTrueUps`). Zero otherwise.
   */
  reimbursementTrueUp: Decimal;
}

/** The figures of `rows` as columns, one entry per NAV row, amounts in whole cents (see `accrualRowColumns`). */
export interface AccrualRowColumns {
  date: ArrayLike<number>;
  firstDay: ArrayLike<number>;
  lastDay: ArrayLike<number>;
  days: ArrayLike<number>;
  annualRate: readonly (Decimal | null)[];
  bookedCents: ArrayLike<number>;
  monthToDateCents: ArrayLike<number>;
}

/** The runs of an accrual as columns (`count` of each), with the NAVs in whole cents and the rates as doubles. */
export interface AccrualRunColumns {
  count: number;
  start: ArrayLike<number>;
  days: ArrayLike<number>;
  nav: ArrayLike<number>;
  rate: ArrayLike<number>;
  basis: ArrayLike<number>;
  netAssetsCents: ArrayLike<number>;
  rateDoubles: ArrayLike<number>;
}

/**
 * An accrual, from `accrue` (decimal.js) or `accrueOnFastPath` (the same figures; there `rows`,
 * `rowColumns` and `runs` are made when first read, since check and the report never read them).
 */
export interface AccrualResult {
  rows: RowAccrual[];
  /** On the fast path: the rows' figures as the fast path computed them, for callers that write numbers. */
  rowColumns?: AccrualRowColumns;
  /** On the fast path: `runs` as number columns, for sums over spans that are not whole months. */
  runColumns?: AccrualRunColumns;
  months: MonthAccrual[];
  runs: AccrualRun[];
  /** Σ booked + Σ true-ups (rounding and reimbursement): what the months' payables come to. */
  total: Decimal;
  exceptions: PlanException[];
  /** What the calendar walk noticed (missing opening NAV, no rate), for callers that word their own messages. */
  notes: WalkNotes;
}

/** Days in the fee's year basis for day `d`: 365/366 under Actual/Actual, else 365 or 360. */
export function basisDaysFor(dayCount: DayCount, d: Day): number {
  return basisDaysForYear(dayCount, civilFromDay(d).year);
}

/** One day's unrounded fee: `dailyFeeExact(100_000_000, 0.0025, 365)` → 684.9315068…. */
export function dailyFeeExact(netAssets: Decimal, annualRate: Decimal, basisDays: number): Decimal {
  return netAssets.times(annualRate).dividedBy(basisDays);
}

/** A gap between NAV dates longer than this many calendar days is worth a warning. */
export const NAV_GAP_WARNING_DAYS = 7;

/** The findings of the calendar walk, shared by the reference and the fast path. */
export function walkFindings(
  portfolio: string,
  dates: ArrayLike<number>,
  sources: readonly ({ source?: SourceRef } | undefined)[],
  notes: WalkNotes
): PlanException[] {
  const label = portfolio ? `${portfolio}: ` : "";
  const found: PlanException[] = [];
  const where = (d: Day, rowIndex: number) => {
    const source = sources[rowIndex]?.source;
    return { portfolio: portfolio || null, date: d, ...(source ? { source } : {}) };
  };
  for (let index = 0; index + 1 < dates.length; index += 1) {
    const gap = dates[index + 1]! - dates[index]!;
    if (gap > NAV_GAP_WARNING_DAYS) {
      found.push(
        exception(
          "warning",
          "nav-gap",
          `${label}no NAV between ${isoDate(dates[index]!)} and ${isoDate(dates[index + 1]!)} (${gap - 1} days); the ${isoDate(dates[index]!)} NAV is carried.`,
          where(dates[index]!, index)
        )
      );
    }
  }
  if (notes.missingOpening) {
    const { day: d, rowIndex } = notes.missingOpening;
    found.push(
      exception(
        "warning",
        "nav-missing-opening",
        `${label}no NAV before ${isoDate(d)}, so nothing accrues for it; start the series one NAV earlier.`,
        where(d, rowIndex)
      )
    );
  }
  if (notes.noRate !== null) {
    found.push(
      exception(
        "warning",
        "no-rate",
        `${label}no approved rate in force on ${isoDate(notes.noRate)}; nothing accrues until one is.`,
        {
          portfolio: portfolio || null,
          date: notes.noRate,
        }
      )
    );
  }
  return found;
}

/**
 * Accrues one portfolio's fee over its NAV series — the decimal.js reference
 * that the fast path (`accrueFast`) is proven against.
 *
 * Worked example (DOMAIN.md): rate 0.25%, 2025, NAVs Thu 2 Jan 100,000,000,
 * Fri 3 Jan 101,000,000, Mon 6 Jan 99,500,000, Tue 7 Jan 100,200,000,
 * Prior day, Forward, penny-true → rows book 0.00 · 2,068.49 · 691.78 · 681.51.
 */
export function accrue(input: AccrualInput): AccrualResult {
  const { series, rates, settings } = input;
  const rows: RowAccrual[] = [];
  const months: MonthAccrual[] = [];
  const runs: AccrualRun[] = [];
  const pennyTrue = settings.rounding === "Penny-true";

  // Mutable walk state, in one object so the visitor's closures see one truth.
  const state: {
    month: MonthAccrual | null;
    monthExact: Decimal;
    row: RowAccrual | null;
    segmentExact: Decimal;
  } = {
    month: null,
    monthExact: ZERO,
    row: null,
    segmentExact: ZERO,
  };
  const closeMonth = () => {
    const month = state.month;
    if (!month) return;
    month.trueUp = roundCents(state.monthExact).minus(month.booked);
    // A month the walk only passed through (plan not in effect, no NAV yet) is no accrual month.
    if (month.days > 0) months.push(month);
    state.month = null;
  };
  const rowFor = (rowIndex: number): RowAccrual =>
    (state.row ??= {
      rowIndex,
      date: series[rowIndex]!.date,
      firstDay: 0,
      lastDay: -1,
      days: 0,
      annualRate: null,
      booked: ZERO,
      monthToDate: ZERO,
    });
  const book = (row: RowAccrual, amount: Decimal) => {
    row.booked = row.booked.plus(amount);
    state.month!.booked = state.month!.booked.plus(amount);
  };

  const dates = series.map((point) => point.date);
  const notes = walkAccrualDays(
    {
      dates,
      rateStarts: rates.map((rate) => rate.start),
      dayCount: settings.dayCount,
      navTiming: settings.navTiming,
      weekendBooking: settings.weekendBooking,
      inEffect: input.inEffect ?? null,
      periodEnd: input.periodEnd ?? null,
    },
    {
      startMonth(monthStart) {
        closeMonth();
        state.month = {
          period: monthOf(monthStart),
          days: 0,
          booked: ZERO,
          trueUp: ZERO,
          reimbursementTrueUp: ZERO,
        };
        state.monthExact = ZERO;
      },
      run(rowIndex, start, days, navIndex, rateIndex, basisDays) {
        const row = rowFor(rowIndex);
        const netAssets = series[navIndex]!.netAssets;
        const annualRate = rates[rateIndex]!.annualRate;
        const dailyExact = dailyFeeExact(netAssets, annualRate, basisDays);
        state.segmentExact = state.segmentExact.plus(dailyExact.times(days));
        if (!pennyTrue) book(row, roundCents(dailyExact).times(days));
        row.days += days;
        state.month!.days += days;
        row.annualRate ??= annualRate;
        runs.push({
          start,
          end: start + days - 1,
          rowIndex,
          netAssets,
          annualRate,
          basisDays,
        });
      },
      endSegment(rowIndex) {
        const row = rowFor(rowIndex);
        const after = state.monthExact.plus(state.segmentExact);
        if (pennyTrue) book(row, roundCents(after).minus(roundCents(state.monthExact)));
        state.monthExact = after;
        state.segmentExact = ZERO;
      },
      endRow(rowIndex, firstDay, lastDay) {
        const row = rowFor(rowIndex);
        row.firstDay = firstDay;
        row.lastDay = lastDay;
        row.annualRate ??= rateOn(rates, row.date);
        const open = state.month;
        // Month to date is the open month's, if the row reached it (or, covering no days, is dated in it).
        const inOpenMonth =
          open !== null &&
          (firstDay <= lastDay || (open.period.start <= row.date && row.date <= open.period.end));
        row.monthToDate = inOpenMonth ? open.booked : ZERO;
        rows.push(row);
        state.row = null;
      },
    }
  );
  closeMonth();
  const exceptions = walkFindings(input.portfolio ?? "", dates, series, notes);
  const total = months.reduce((acc, m) => acc.plus(m.booked).plus(m.trueUp), ZERO);
  return { rows, months, runs, total, exceptions, notes };
}

/**
 * The fee a month charges: booked, plus the daily-rounding true-up, plus any
 * reimbursement true-up on its last day. `monthFee(month)` for June with
 * 41,095.89 booked and a −6,095.89 true-up → 35,000.00.
 */
export function monthFee(
  month: Pick<MonthAccrual, "booked" | "trueUp" | "reimbursementTrueUp">
): Decimal {
  // Most months have no true-up: the booked decimal itself, not two additions of zero (a zero
  // booked still goes through them, so its sign is what it always was).
  if (month.trueUp.isZero() && month.reimbursementTrueUp.isZero() && !month.booked.isZero())
    return month.booked;
  return month.booked.plus(month.trueUp).plus(month.reimbursementTrueUp);
}

/**
 * The accrual with reimbursement true-ups booked (SPEC §2 "Reimbursement
 * plan": "the true-up is a negative accrual on the period's last day"), keyed
 * by the label of the month holding that day; the total follows. The input is
 * not changed.
 *
 * @example withReimbursementTrueUps(june, new Map([["2026-06", new Decimal("-6095.89")]])).total // → 35,000.00 when June booked 41,095.89
 */
export function withReimbursementTrueUps(
  accrual: AccrualResult,
  trueUps: ReadonlyMap<string, Decimal>
): AccrualResult {
  const months = accrual.months.map((month) => {
    const trueUp = trueUps.get(month.period.label);
    return trueUp
      ? { ...month, reimbursementTrueUp: month.reimbursementTrueUp.plus(trueUp) }
      : month;
  });
  const total = months.reduce((acc, m) => acc.plus(monthFee(m)), ZERO);
  // Copied property by property, not spread: a spread would read (and so make) the rows and runs
  // that the fast path makes only when first read (see `accrueOnFastPath`).
  const result = Object.defineProperties(
    {} as AccrualResult,
    Object.getOwnPropertyDescriptors(accrual)
  );
  result.months = months;
  result.total = total;
  return result;
}

/**
 * Unrounded accrual over [start, end] from the runs (for periods that are not
 * whole months): Σ of each run's daily fee × its days in the range. Runs come
 * in day order, so the first one is found by binary search, not a scan.
 *
 * @example exactAccrualBetween(accrue(domainExample).runs, day("2025-01-03"), day("2025-01-07")) // → 3,441.7808…
 */
export function exactAccrualBetween(runs: readonly AccrualRun[], start: Day, end: Day): Decimal {
  let total = ZERO;
  const first = firstEndingOnOrAfter(runs, (run) => run.end, start);
  for (let index = first; index < runs.length && runs[index]!.start <= end; index += 1) {
    const run = runs[index]!;
    const from = Math.max(start, run.start);
    const to = Math.min(end, run.end);
    if (from <= to)
      total = total.plus(
        dailyFeeExact(run.netAssets, run.annualRate, run.basisDays).times(to - from + 1)
      );
  }
  return total;
}

function rateOn(rates: readonly { start: Day; annualRate: Decimal }[], d: Day): Decimal | null {
  let found: Decimal | null = null;
  for (const rate of rates) if (rate.start <= d) found = rate.annualRate;
  return found;
}
