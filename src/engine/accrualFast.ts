/**
 * The exact fast path of the accrual: the calendar walk of `accrue`
 * (accrualWalk.ts, fused into one loop here for speed), with the arithmetic in
 * float64 cents and a proven error bound.
 *
 * Why it is exact: net assets are whole cents (exact in a double up to 2^53),
 * and every fee term is a product and quotient of a few doubles, so the
 * float cumulative differs from the true one by at most (terms + 4)·u·|sum|
 * (u = 2^-53, standard summation bounds). Rounding to the cent can only go
 * wrong when the cumulative lies within that distance of a half cent; there
 * — and only there — the month's prefix is recomputed in decimal.js exactly
 * as the reference does. Everywhere else the float rounds as the rational
 * value does, and so as the reference does. Tests prove agreement to the cent
 * on random and adversarial inputs; `exactFallbacks` counts the recomputes.
 */
import { basisDaysForYear, type DayWindow, type WalkNotes } from "./accrualWalk";
import { accrue, type AccrualSettings } from "./accrual";
import { civilFromDay, type Day, dayFromCivil, daysInMonth } from "./calendar";
import { Decimal, roundCents, ZERO } from "./decimal";

/** Largest whole number of cents a double holds exactly. */
export const MAX_EXACT_CENTS = Number.MAX_SAFE_INTEGER;

export interface FastAccrualInput {
  /** NAV dates, strictly increasing (validated by the caller, as for `accrue`). */
  dates: ArrayLike<number>;
  /** Class B net assets in whole cents, 0 ≤ x ≤ MAX_EXACT_CENTS. */
  netAssetsCents: ArrayLike<number>;
  /** Allowed rates: the decimal (what the reference uses) and its start. */
  rates: readonly { start: Day; annualRate: Decimal }[];
  settings: AccrualSettings;
  inEffect?: readonly DayWindow[] | null;
  periodEnd?: Day | null;
  /** Also return every run of days (`AccrualColumns.runs`), as the plan evaluation needs. */
  keepRuns?: boolean;
}

/** Every run of days with one NAV, rate and basis, in day order: `count` entries of each column. */
export interface FastRuns {
  count: number;
  start: Float64Array;
  days: Int32Array;
  nav: Int32Array;
  rate: Int32Array;
  basis: Int32Array;
  row: Int32Array;
}

export interface FastMonth {
  start: Day;
  end: Day;
  days: number;
  bookedCents: number;
  trueUpCents: number;
}

/** Row results as columns (one entry per NAV row), all amounts in whole cents. */
export interface AccrualColumns {
  days: Int32Array;
  bookedCents: Float64Array;
  monthToDateCents: Float64Array;
  /** Index into `rates` of the rate shown for the row, −1 when none. */
  rateIndex: Int32Array;
  months: FastMonth[];
  /** Σ of the months: exact while it stays within 2^53 − 1 cents (`accrueOnFastPath` sums the months' decimals). */
  totalCents: number;
  /** How many roundings fell near a half cent and were recomputed in decimal.js. */
  exactFallbacks: number;
  notes: WalkNotes;
  /** With `keepRuns`: the runs of the walk, as `accrue` lists them. */
  runs?: FastRuns;
}

const TWO_TO_MINUS_52 = 2 ** -52;

/** Whether every input is inside the range where the float bound holds. */
export function fastPathApplies(netAssetsCents: ArrayLike<number>): boolean {
  for (let index = 0; index < netAssetsCents.length; index += 1) {
    const cents = netAssetsCents[index]!;
    if (!(cents >= 0 && cents <= MAX_EXACT_CENTS && Number.isInteger(cents))) return false;
  }
  return true;
}

/**
 * Accrues like `accrue` (same walk, same rounding rules) and returns whole
 * cents per row. Callers check `fastPathApplies` first (or use
 * `accrueColumns`, which falls back to the reference by itself).
 *
 * DOMAIN.md example → bookedCents [0, 206849, 69178, 68151].
 */
/** The reference's decimal cumulative of a month's first `count` runs, in cents, rounded half-up. */
function exactRoundedCumulative(
  netAssetsCents: ArrayLike<number>,
  rates: FastAccrualInput["rates"],
  runs: RunLog,
  count: number
): number {
  // Summed as the reference sums: each row's runs into its segment, then the segments into the
  // month. Quotients like x / 360 are rounded at 34 digits, so another order can put an exact
  // half cent (15.685) a unit of the 34th digit below it, and round it down.
  let total = ZERO;
  let segment = ZERO;
  for (let index = 0; index < count; index += 1) {
    if (index > 0 && runs.row[index] !== runs.row[index - 1]) {
      total = total.plus(segment);
      segment = ZERO;
    }
    const netAssets = new Decimal(netAssetsCents[runs.nav[index]!]!).dividedBy(100);
    segment = segment.plus(
      netAssets
        .times(rates[runs.rate[index]!]!.annualRate)
        .dividedBy(runs.basis[index]!)
        .times(runs.days[index]!)
    );
  }
  return roundCents(total.plus(segment)).times(100).toNumber();
}

/** One day's fee rounded half-up to the cent, in decimal as the reference does (Daily rounding near a half cent). */
function exactDailyFeeCents(
  netAssetsCents: ArrayLike<number>,
  rates: FastAccrualInput["rates"],
  navIndex: number,
  rateIndex: number,
  basis: number
): number {
  const netAssets = new Decimal(netAssetsCents[navIndex]!).dividedBy(100);
  return roundCents(netAssets.times(rates[rateIndex]!.annualRate).dividedBy(basis))
    .times(100)
    .toNumber();
}

/** Whether a float value of `terms` error-bounded terms is too near a half cent to round in float. */
function nearHalfCent(cents: number, terms: number): boolean {
  const distance = cents - Math.floor(cents) - 0.5;
  const bound = (terms + 8) * TWO_TO_MINUS_52 * cents + 1e-300;
  return distance <= bound && distance >= -bound;
}

/** A month's runs so far; `row` is the NAV row whose segment a run belongs to. */
type RunLog = {
  nav: Int32Array;
  rate: Int32Array;
  basis: Int32Array;
  days: Int32Array;
  row: Int32Array;
};

/** Round half-up to the cent of a float cumulative of `terms` runs: in float when the bound allows, else replayed in decimal. */
function roundCumulativeCents(
  value: number,
  terms: number,
  netAssetsCents: ArrayLike<number>,
  rates: FastAccrualInput["rates"],
  runs: RunLog,
  stats: { exactFallbacks: number }
): number {
  if (!nearHalfCent(value, terms)) return Math.floor(value + 0.5);
  stats.exactFallbacks += 1;
  return exactRoundedCumulative(netAssetsCents, rates, runs, terms);
}

function emptyRuns(size: number): FastRuns {
  return {
    count: 0,
    start: new Float64Array(size),
    days: new Int32Array(size),
    nav: new Int32Array(size),
    rate: new Int32Array(size),
    basis: new Int32Array(size),
    row: new Int32Array(size),
  };
}

/** Appends a run to the whole walk's list, doubling its columns when full. */
function keepRun(
  kept: FastRuns,
  start: number,
  days: number,
  nav: number,
  rate: number,
  basis: number,
  row: number
): void {
  if (kept.count === kept.days.length) {
    const bigger = emptyRuns(kept.count * 2);
    bigger.start.set(kept.start);
    bigger.days.set(kept.days);
    bigger.nav.set(kept.nav);
    bigger.rate.set(kept.rate);
    bigger.basis.set(kept.basis);
    bigger.row.set(kept.row);
    kept.start = bigger.start;
    kept.days = bigger.days;
    kept.nav = bigger.nav;
    kept.rate = bigger.rate;
    kept.basis = bigger.basis;
    kept.row = bigger.row;
  }
  const at = kept.count;
  kept.start[at] = start;
  kept.days[at] = days;
  kept.nav[at] = nav;
  kept.rate[at] = rate;
  kept.basis[at] = basis;
  kept.row[at] = row;
  kept.count += 1;
}

/** Appends a run to the month's replay log, growing it when full. */
function logRun(
  runs: RunLog,
  count: number,
  nav: number,
  rate: number,
  basis: number,
  days: number,
  row: number
): void {
  if (count === runs.nav.length) {
    const grow = (old: Int32Array) => {
      const next = new Int32Array(old.length * 2);
      next.set(old);
      return next;
    };
    runs.nav = grow(runs.nav);
    runs.rate = grow(runs.rate);
    runs.basis = grow(runs.basis);
    runs.days = grow(runs.days);
    runs.row = grow(runs.row);
  }
  runs.nav[count] = nav;
  runs.rate[count] = rate;
  runs.basis[count] = basis;
  runs.days[count] = days;
  runs.row[count] = row;
}

export function accrueFast(input: FastAccrualInput): AccrualColumns {
  const { dates, netAssetsCents, rates, settings } = input;
  const rowCount = dates.length;
  const days = new Int32Array(rowCount);
  const bookedCents = new Float64Array(rowCount);
  const monthToDateCents = new Float64Array(rowCount);
  const rateIndexOfRow = new Int32Array(rowCount).fill(-1);
  const rateCount = rates.length;
  const rateStarts = new Float64Array(rateCount);
  const rateDoubles = new Float64Array(rateCount);
  for (let index = 0; index < rateCount; index += 1) {
    rateStarts[index] = rates[index]!.start;
    rateDoubles[index] = rates[index]!.annualRate.toNumber();
  }
  const months: FastMonth[] = [];
  const pennyTrue = settings.rounding === "Penny-true";
  const forward = settings.weekendBooking === "Forward";
  const lag = settings.navTiming === "Prior day" ? 1 : 0;
  const periodEnd = input.periodEnd ?? null;
  const inEffect = input.inEffect ?? null;
  const notes: WalkNotes = { missingOpening: null, noRate: null };

  // The current month: float cumulative in cents and its runs, kept for an exact replay.
  let monthStart = 0;
  let monthEnd = Number.NEGATIVE_INFINITY;
  let monthOpen = false;
  let monthDays = 0;
  let monthBooked = 0;
  let monthExact = 0;
  /** round(monthExact), kept from the last segment so each rounding is done once. */
  let monthRounded = 0;
  let basisDays = 0;
  // The month's runs, for an exact replay near a half cent; reused from month to month.
  const runs = {
    nav: new Int32Array(64),
    rate: new Int32Array(64),
    basis: new Int32Array(64),
    days: new Int32Array(64),
    row: new Int32Array(64),
  };
  let runCount = 0;
  const stats = { exactFallbacks: 0 };
  // Grown by doubling: a history mostly outside the plan's in-effect windows has far fewer runs than rows.
  const kept = input.keepRuns ? emptyRuns(1024) : null;

  // The calendar walk of accrualWalk.ts, fused with the arithmetic: this loop runs once per row of
  // columns up to 1,048,576 rows, and a visitor call per run cost more than the arithmetic. The
  // property tests hold it to the reference (which uses walkAccrualDays) to the cent.
  let navIndex = -1;
  let rateIndex = -1;
  let windowIndex = 0;
  for (let rowIndex = 0; rowIndex < rowCount; rowIndex += 1) {
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
    let segmentExact = 0;
    let rowDays = 0;
    let rowBooked = 0;
    let d = firstDay;
    while (d <= lastDay) {
      if (d > monthEnd) {
        if (segmentOpen && segmentExact !== 0) {
          const after = monthExact + segmentExact;
          if (pennyTrue) {
            const rounded = roundCumulativeCents(
              after,
              runCount,
              netAssetsCents,
              rates,
              runs,
              stats
            );
            rowBooked += rounded - monthRounded;
            monthBooked += rounded - monthRounded;
            monthRounded = rounded;
          }
          monthExact = after;
          segmentExact = 0;
        }
        if (monthOpen && monthDays > 0) {
          // Daily rounding books the month-end true-up to the rounded exact total.
          const trueUpCents = pennyTrue
            ? 0
            : roundCumulativeCents(monthExact, runCount, netAssetsCents, rates, runs, stats) -
              monthBooked;
          months.push({
            start: monthStart,
            end: monthEnd,
            days: monthDays,
            bookedCents: monthBooked,
            trueUpCents,
          });
        }
        const { year, month } = civilFromDay(d);
        monthStart = dayFromCivil(year, month, 1);
        monthEnd = monthStart + daysInMonth(year, month) - 1;
        basisDays = basisDaysForYear(settings.dayCount, year);
        monthOpen = true;
        monthDays = 0;
        monthBooked = 0;
        monthExact = 0;
        monthRounded = 0;
        runCount = 0;
      }
      segmentOpen = true;
      let end = lastDay < monthEnd ? lastDay : monthEnd;

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
        if (window.end !== null && window.end < end) end = window.end;
      }

      while (navIndex + 1 < rowCount && dates[navIndex + 1]! + lag <= d) navIndex += 1;
      if (navIndex < 0) {
        notes.missingOpening ??= { day: d, rowIndex };
        d = Math.min(end, dates[0]! + lag - 1) + 1;
        continue;
      }
      if (navIndex + 1 < rowCount && dates[navIndex + 1]! + lag - 1 < end)
        end = dates[navIndex + 1]! + lag - 1;

      while (rateIndex + 1 < rateCount && rateStarts[rateIndex + 1]! <= d) rateIndex += 1;
      if (rateIndex < 0) {
        notes.noRate ??= d;
        d = Math.min(end, rateCount > 0 ? rateStarts[0]! - 1 : end) + 1;
        continue;
      }
      if (rateIndex + 1 < rateCount && rateStarts[rateIndex + 1]! - 1 < end)
        end = rateStarts[rateIndex + 1]! - 1;

      const count = end - d + 1;
      const dailyCents = (netAssetsCents[navIndex]! * rateDoubles[rateIndex]!) / basisDays;
      segmentExact += dailyCents * count;
      logRun(runs, runCount, navIndex, rateIndex, basisDays, count, rowIndex);
      runCount += 1;
      if (kept) keepRun(kept, d, count, navIndex, rateIndex, basisDays, rowIndex);
      if (!pennyTrue) {
        let dailyRounded = Math.floor(dailyCents + 0.5);
        if (nearHalfCent(dailyCents, 0)) {
          stats.exactFallbacks += 1;
          dailyRounded = exactDailyFeeCents(netAssetsCents, rates, navIndex, rateIndex, basisDays);
        }
        const booked = dailyRounded * count;
        rowBooked += booked;
        monthBooked += booked;
      }
      rowDays += count;
      monthDays += count;
      if (rateIndexOfRow[rowIndex] === -1) rateIndexOfRow[rowIndex] = rateIndex;
      d = end + 1;
    }
    // The row's last segment closes as segments do at a month change above: written out twice on
    // purpose, since a helper would need these locals in a closure (see the note on the loop).
    if (segmentOpen && segmentExact !== 0) {
      const after = monthExact + segmentExact;
      if (pennyTrue) {
        const rounded = roundCumulativeCents(after, runCount, netAssetsCents, rates, runs, stats);
        rowBooked += rounded - monthRounded;
        monthBooked += rounded - monthRounded;
        monthRounded = rounded;
      }
      monthExact = after;
    }
    days[rowIndex] = rowDays;
    bookedCents[rowIndex] = rowBooked;
    if (rateIndexOfRow[rowIndex] === -1) {
      for (let index = 0; index < rateCount && rateStarts[index]! <= date; index += 1)
        rateIndexOfRow[rowIndex] = index;
    }
    const inOpenMonth =
      monthOpen && (firstDay <= lastDay || (monthStart <= date && date <= monthEnd));
    monthToDateCents[rowIndex] = inOpenMonth ? monthBooked : 0;
  }
  if (monthOpen && monthDays > 0) {
    // Daily rounding books the month-end true-up to the rounded exact total.
    const trueUpCents = pennyTrue
      ? 0
      : roundCumulativeCents(monthExact, runCount, netAssetsCents, rates, runs, stats) -
        monthBooked;
    months.push({
      start: monthStart,
      end: monthEnd,
      days: monthDays,
      bookedCents: monthBooked,
      trueUpCents,
    });
  }
  let totalCents = 0;
  for (const m of months) totalCents += m.bookedCents + m.trueUpCents;
  return {
    days,
    bookedCents,
    monthToDateCents,
    rateIndex: rateIndexOfRow,
    months,
    totalCents,
    exactFallbacks: stats.exactFallbacks,
    notes,
    ...(kept ? { runs: kept } : {}),
  };
}

/**
 * Accrual columns in whole cents for any input: the fast path when it
 * applies, otherwise the decimal.js reference converted to the same shape.
 * What the ACCRUAL worksheet function and the output columns use.
 */
export function accrueColumns(input: FastAccrualInput): AccrualColumns {
  if (fastPathApplies(input.netAssetsCents)) return accrueFast(input);
  const series = Array.from(input.dates, (date, index) => ({
    date,
    netAssets: new Decimal(input.netAssetsCents[index]!).dividedBy(100),
  }));
  const reference = accrue({
    series,
    rates: input.rates,
    settings: input.settings,
    inEffect: input.inEffect ?? null,
    periodEnd: input.periodEnd ?? null,
  });
  const toCents = (value: Decimal) => value.times(100).toNumber();
  return {
    days: Int32Array.from(reference.rows, (row) => row.days),
    bookedCents: Float64Array.from(reference.rows, (row) => toCents(row.booked)),
    monthToDateCents: Float64Array.from(reference.rows, (row) => toCents(row.monthToDate)),
    // The reference hands out the schedule's own Decimal objects, so identity finds the index.
    rateIndex: Int32Array.from(reference.rows, (row) =>
      input.rates.findIndex((rate) => rate.annualRate === row.annualRate)
    ),
    months: reference.months.map((m) => ({
      start: m.period.start,
      end: m.period.end,
      days: m.days,
      bookedCents: toCents(m.booked),
      trueUpCents: toCents(m.trueUp),
    })),
    totalCents: toCents(reference.total),
    exactFallbacks: input.dates.length,
    notes: reference.notes,
  };
}
