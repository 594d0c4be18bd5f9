/**
 * The exact fast path of the accrual: the same calendar walk as `accrue`,
 * with the arithmetic in float64 cents and a proven error bound.
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
import { type DayWindow, walkAccrualDays, type WalkNotes } from "./accrualWalk";
import { accrue, type AccrualSettings } from "./accrual";
import type { Day } from "./calendar";
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
  totalCents: number;
  /** How many roundings fell near a half cent and were recomputed in decimal.js. */
  exactFallbacks: number;
  notes: WalkNotes;
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
export function accrueFast(input: FastAccrualInput): AccrualColumns {
  const { dates, netAssetsCents, rates, settings } = input;
  const rowCount = dates.length;
  const days = new Int32Array(rowCount);
  const bookedCents = new Float64Array(rowCount);
  const monthToDateCents = new Float64Array(rowCount);
  const rateIndexOfRow = new Int32Array(rowCount).fill(-1);
  const rateDoubles = rates.map((rate) => rate.annualRate.toNumber());
  const months: FastMonth[] = [];
  const pennyTrue = settings.rounding === "Penny-true";

  // The current month: float cumulative in cents, and its runs for an exact replay.
  let month: FastMonth | null = null;
  let monthExact = 0;
  /** round(monthExact), kept from the last segment so each rounding is done once. */
  let monthRounded = 0;
  let segmentExact = 0;
  // The month's runs, kept for an exact replay; reused from month to month (no allocation per month).
  let runCapacity = 64;
  let runNav = new Int32Array(runCapacity);
  let runRate = new Int32Array(runCapacity);
  let runBasis = new Int32Array(runCapacity);
  let runDays = new Int32Array(runCapacity);
  let runCount = 0;
  let exactFallbacks = 0;
  const growRuns = () => {
    runCapacity *= 2;
    const grow = (old: Int32Array) => {
      const next = new Int32Array(runCapacity);
      next.set(old);
      return next;
    };
    runNav = grow(runNav);
    runRate = grow(runRate);
    runBasis = grow(runBasis);
    runDays = grow(runDays);
  };

  /** The reference's decimal cumulative of the month's first `count` runs, in cents, rounded. */
  const exactRoundedPrefix = (count: number): number => {
    exactFallbacks += 1;
    let total = ZERO;
    for (let index = 0; index < count; index += 1) {
      const netAssets = new Decimal(netAssetsCents[runNav[index]!]!).dividedBy(100);
      total = total.plus(netAssets.times(rates[runRate[index]!]!.annualRate).dividedBy(runBasis[index]!).times(runDays[index]!));
    }
    return roundCents(total).times(100).toNumber();
  };
  /** round-half-up to the cent of a float cumulative of `terms` runs, exact by the bound or by replay. */
  const roundCumulative = (cents: number, terms: number): number => {
    const fraction = cents - Math.floor(cents);
    const bound = (terms + 8) * TWO_TO_MINUS_52 * cents + 1e-300;
    if (Math.abs(fraction - 0.5) <= bound) return exactRoundedPrefix(terms);
    return Math.floor(cents + 0.5);
  };
  /** One day's fee rounded to the cent (Daily rounding), exact by the bound or by decimal. */
  const roundDailyFee = (navIndex: number, rateIndex: number, basis: number, dailyCents: number): number => {
    const fraction = dailyCents - Math.floor(dailyCents);
    if (Math.abs(fraction - 0.5) <= 8 * TWO_TO_MINUS_52 * dailyCents + 1e-300) {
      exactFallbacks += 1;
      const netAssets = new Decimal(netAssetsCents[navIndex]!).dividedBy(100);
      return roundCents(netAssets.times(rates[rateIndex]!.annualRate).dividedBy(basis)).times(100).toNumber();
    }
    return Math.floor(dailyCents + 0.5);
  };
  const closeMonth = () => {
    if (!month) return;
    const current: FastMonth = month;
    current.trueUpCents = pennyTrue ? 0 : roundCumulative(monthExact, runCount) - current.bookedCents;
    if (current.days > 0) months.push(current);
    month = null;
  };

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
      startMonth(monthStart, monthEnd) {
        closeMonth();
        month = { start: monthStart, end: monthEnd, days: 0, bookedCents: 0, trueUpCents: 0 };
        monthExact = 0;
        monthRounded = 0;
        runCount = 0;
      },
      run(rowIndex, _start, count, navIndex, rateIndex, basisDays) {
        const dailyCents = (netAssetsCents[navIndex]! * rateDoubles[rateIndex]!) / basisDays;
        segmentExact += dailyCents * count;
        if (runCount === runCapacity) growRuns();
        runNav[runCount] = navIndex;
        runRate[runCount] = rateIndex;
        runBasis[runCount] = basisDays;
        runDays[runCount] = count;
        runCount += 1;
        if (!pennyTrue) {
          const booked = roundDailyFee(navIndex, rateIndex, basisDays, dailyCents) * count;
          bookedCents[rowIndex] = bookedCents[rowIndex]! + booked;
          month!.bookedCents += booked;
        }
        days[rowIndex] = days[rowIndex]! + count;
        month!.days += count;
        if (rateIndexOfRow[rowIndex] === -1) rateIndexOfRow[rowIndex] = rateIndex;
      },
      endSegment(rowIndex) {
        const after = monthExact + segmentExact;
        if (pennyTrue && segmentExact !== 0) {
          const rounded = roundCumulative(after, runCount);
          bookedCents[rowIndex] = bookedCents[rowIndex]! + rounded - monthRounded;
          month!.bookedCents += rounded - monthRounded;
          monthRounded = rounded;
        }
        monthExact = after;
        segmentExact = 0;
      },
      endRow(rowIndex, firstDay, lastDay) {
        if (rateIndexOfRow[rowIndex] === -1) {
          for (let index = 0; index < rates.length && rates[index]!.start <= dates[rowIndex]!; index += 1) rateIndexOfRow[rowIndex] = index;
        }
        const open = month as FastMonth | null;
        const inOpenMonth = open !== null && (firstDay <= lastDay || (open.start <= dates[rowIndex]! && dates[rowIndex]! <= open.end));
        monthToDateCents[rowIndex] = inOpenMonth ? open.bookedCents : 0;
      },
    },
  );
  closeMonth();
  let totalCents = 0;
  for (const m of months) totalCents += m.bookedCents + m.trueUpCents;
  return { days, bookedCents, monthToDateCents, rateIndex: rateIndexOfRow, months, totalCents, exactFallbacks, notes };
}

/**
 * Accrual columns in whole cents for any input: the fast path when it
 * applies, otherwise the decimal.js reference converted to the same shape.
 * What the ACCRUAL worksheet function and the output columns use.
 */
export function accrueColumns(input: FastAccrualInput): AccrualColumns {
  if (fastPathApplies(input.netAssetsCents)) return accrueFast(input);
  const series = Array.from(input.dates, (date, index) => ({ date, netAssets: new Decimal(input.netAssetsCents[index]!).dividedBy(100) }));
  const reference = accrue({ series, rates: input.rates, settings: input.settings, inEffect: input.inEffect ?? null, periodEnd: input.periodEnd ?? null });
  const toCents = (value: Decimal) => value.times(100).toNumber();
  return {
    days: Int32Array.from(reference.rows, (row) => row.days),
    bookedCents: Float64Array.from(reference.rows, (row) => toCents(row.booked)),
    monthToDateCents: Float64Array.from(reference.rows, (row) => toCents(row.monthToDate)),
    // The reference hands out the schedule's own Decimal objects, so identity finds the index.
    rateIndex: Int32Array.from(reference.rows, (row) => input.rates.findIndex((rate) => rate.annualRate === row.annualRate)),
    months: reference.months.map((m) => ({ start: m.period.start, end: m.period.end, days: m.days, bookedCents: toCents(m.booked), trueUpCents: toCents(m.trueUp) })),
    totalCents: toCents(reference.total),
    exactFallbacks: input.dates.length,
    notes: reference.notes,
  };
}
