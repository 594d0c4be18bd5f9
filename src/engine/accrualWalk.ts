/**
 * The calendar walk behind every accrual: which days each NAV row covers,
 * where they split (month ends, rate changes, the NAV in use, in-effect
 * windows), and which days accrue at all. No arithmetic happens here, so the
 * decimal reference (`accrue`) and the exact fast path (`accrueFast`) share
 * one walk and cannot disagree about days.
 *
 * The walk is chunked: it visits runs of days with one NAV, one rate and one
 * basis, not single days, so its cost grows with rows, not calendar days.
 */
import { civilFromDay, type Day, dayFromCivil, daysInMonth, daysInYear } from "./calendar";
import type { DayCount, NavTiming, WeekendBooking } from "./plan";

/** An inclusive range of days; `end: null` is open-ended. Structurally an in-effect window. */
export interface DayWindow {
  start: Day;
  end: Day | null;
}

export interface WalkInput {
  /** NAV dates, strictly increasing. */
  dates: ArrayLike<number>;
  /** Start days of the allowed rates, increasing. */
  rateStarts: ArrayLike<number>;
  dayCount: DayCount;
  navTiming: NavTiming;
  weekendBooking: WeekendBooking;
  inEffect: readonly DayWindow[] | null;
  periodEnd: Day | null;
}

/** Receives the walk in order: rows, month segments within them, and accruing runs within those. */
export interface WalkVisitor {
  /** A new calendar month begins (the first covered day of it). */
  startMonth(monthStart: Day, monthEnd: Day): void;
  /** `days` consecutive days from `start` accrue on NAV `navIndex` at rate `rateIndex` over `basisDays`. */
  run(
    rowIndex: number,
    start: Day,
    days: number,
    navIndex: number,
    rateIndex: number,
    basisDays: number
  ): void;
  /** The part of row `rowIndex` inside the current month is complete. */
  endSegment(rowIndex: number): void;
  /** Row `rowIndex` is complete; it covered [firstDay, lastDay] (none when firstDay > lastDay). */
  endRow(rowIndex: number, firstDay: Day, lastDay: Day): void;
}

export interface WalkNotes {
  /** First in-effect day with no NAV before it (Prior day) or on it (Same day), if any. */
  missingOpening: { day: Day; rowIndex: number } | null;
  /** First in-effect day with a NAV but no allowed rate, if any. */
  noRate: Day | null;
}

/** Days in the fee's year basis: 365/366 under Actual/Actual, else 365 or 360. */
export function basisDaysForYear(dayCount: DayCount, year: number): number {
  if (dayCount === "Actual/360") return 360;
  if (dayCount === "Actual/365") return 365;
  return daysInYear(year);
}

/** [firstDay, lastDay] covered by row `rowIndex` under the booking habit and period end (SPEC §2 "Days covered"). */
export function coveredDays(
  input: Pick<WalkInput, "dates" | "periodEnd" | "weekendBooking">,
  rowIndex: number
): { firstDay: Day; lastDay: Day } {
  const { dates, periodEnd } = input;
  const date = dates[rowIndex]!;
  const hasNext = rowIndex + 1 < dates.length;
  let firstDay: Day;
  let lastDay: Day;
  if (input.weekendBooking === "Forward") {
    firstDay = date;
    lastDay = hasNext ? dates[rowIndex + 1]! - 1 : (periodEnd ?? date);
  } else {
    firstDay = rowIndex > 0 ? dates[rowIndex - 1]! + 1 : date;
    lastDay = hasNext ? date : Math.max(date, periodEnd ?? date);
  }
  if (periodEnd !== null) lastDay = Math.min(lastDay, periodEnd);
  return { firstDay, lastDay };
}

/** Walks every row of the series; see `WalkVisitor`. */
export function walkAccrualDays(input: WalkInput, visitor: WalkVisitor): WalkNotes {
  const { dates, rateStarts, inEffect } = input;
  const lag = input.navTiming === "Prior day" ? 1 : 0;
  const notes: WalkNotes = { missingOpening: null, noRate: null };
  let monthEnd = Number.NEGATIVE_INFINITY;
  let basisDays = 0;
  let navIndex = -1;
  let rateIndex = -1;
  let windowIndex = 0;

  const forward = input.weekendBooking === "Forward";
  const periodEnd = input.periodEnd;
  const rowCount = dates.length;
  for (let rowIndex = 0; rowIndex < rowCount; rowIndex += 1) {
    // coveredDays(), inlined: this loop runs once per NAV row of columns up to 1,048,576 rows.
    const date = dates[rowIndex]!;
    const hasNext = rowIndex + 1 < rowCount;
    let firstDay: Day;
    let lastDay: Day;
    if (forward) {
      firstDay = date;
      lastDay = hasNext ? dates[rowIndex + 1]! - 1 : (periodEnd ?? date);
    } else {
      firstDay = rowIndex > 0 ? dates[rowIndex - 1]! + 1 : date;
      lastDay = hasNext ? date : Math.max(date, periodEnd ?? date);
    }
    if (periodEnd !== null && periodEnd < lastDay) lastDay = periodEnd;
    let segmentOpen = false;
    let d = firstDay;
    while (d <= lastDay) {
      if (d > monthEnd) {
        if (segmentOpen) visitor.endSegment(rowIndex);
        const { year, month } = civilFromDay(d);
        monthEnd = dayFromCivil(year, month, daysInMonth(year, month));
        basisDays = basisDaysForYear(input.dayCount, year);
        visitor.startMonth(dayFromCivil(year, month, 1), monthEnd);
      }
      segmentOpen = true;
      let end = Math.min(lastDay, monthEnd);

      if (inEffect) {
        while (
          windowIndex < inEffect.length &&
          inEffect[windowIndex]!.end !== null &&
          inEffect[windowIndex]!.end! < d
        )
          windowIndex += 1;
        const window = inEffect[windowIndex];
        if (!window || window.start > d) {
          d = (window ? Math.min(end, window.start - 1) : end) + 1;
          continue;
        }
        if (window.end !== null) end = Math.min(end, window.end);
      }

      while (navIndex + 1 < dates.length && dates[navIndex + 1]! + lag <= d) navIndex += 1;
      if (navIndex < 0) {
        notes.missingOpening ??= { day: d, rowIndex };
        d = Math.min(end, dates[0]! + lag - 1) + 1;
        continue;
      }
      if (navIndex + 1 < dates.length) end = Math.min(end, dates[navIndex + 1]! + lag - 1);

      while (rateIndex + 1 < rateStarts.length && rateStarts[rateIndex + 1]! <= d) rateIndex += 1;
      if (rateIndex < 0) {
        notes.noRate ??= d;
        d = Math.min(end, rateStarts.length > 0 ? rateStarts[0]! - 1 : end) + 1;
        continue;
      }
      if (rateIndex + 1 < rateStarts.length) end = Math.min(end, rateStarts[rateIndex + 1]! - 1);

      visitor.run(rowIndex, d, end - d + 1, navIndex, rateIndex, basisDays);
      d = end + 1;
    }
    if (segmentOpen) visitor.endSegment(rowIndex);
    visitor.endRow(rowIndex, firstDay, lastDay);
  }
  return notes;
}
