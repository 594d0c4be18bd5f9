/**
 * The plan's cap (Plan §1: "an annual rate … not to exceed .50% of the
 * average daily net assets"): the maximum allowable fee for a period, the
 * headroom left under it, and breaches.
 */
import { civilFromDay, type Day, dayFromCivil, daysInYear, monthEnd, monthStart } from "./calendar";
import { type AccrualResult, exactAccrualBetween, type DayWindow, monthFee } from "./accrual";
import { roundedAccrualCentsBetween } from "./accrueOnFastPath";
import { compareDecimals, Decimal, decimalFromCents, roundCents, ZERO } from "./decimal";
import { exception, type PlanException } from "./exceptions";
import { netAssetsRuns, type NavPoint } from "./netAssetsSeries";
import { formatMoney } from "./money";
import { dayInWords, firstEndingOnOrAfter, monthPieces, type Period, periodName } from "./periods";
import type { NavTiming } from "./plan";

/** A breach is headroom below −$0.005 (SPEC §2): with amounts in cents, any shortfall of a cent or more. */
export const BREACH_THRESHOLD = new Decimal("-0.005");

export interface MaximumFeeInput {
  series: readonly NavPoint[];
  /** Which net assets count: the same-day close (cap basis `Same day`) or the accrual's (`As accrued`). */
  timing: NavTiming;
  maxAnnualRate: Decimal;
  start: Day;
  end: Day;
  /** Only days the plan is in effect allow a fee; null = every day. */
  inEffect?: readonly DayWindow[] | null;
}

function inEffectDays(
  windows: readonly DayWindow[] | null | undefined,
  start: Day,
  end: Day
): { start: Day; end: Day }[] {
  if (!windows) return [{ start, end }];
  const ranges: { start: Day; end: Day }[] = [];
  for (const window of windows) {
    const from = Math.max(start, window.start);
    const to = Math.min(end, window.end ?? end);
    if (from <= to) ranges.push({ start: from, end: to });
  }
  return ranges;
}

/**
 * Maximum allowable fee over [start, end]: Σ over its in-effect days of net
 * assets × max annual rate ÷ days in that calendar year (always
 * Actual/Actual — the cap is a true annual rate), rounded to cents.
 *
 * DOMAIN.md: Q1 2024, ADNA 10,040,000, .50% → .005 × 10,040,000 × 91/366 = 12,481.42.
 */
export function maximumAllowableFee(input: MaximumFeeInput): {
  maximum: Decimal;
  exact: Decimal;
  days: number;
} {
  let exact = ZERO;
  let days = 0;
  for (const range of inEffectDays(input.inEffect, input.start, input.end)) {
    for (const run of netAssetsRuns(input.series, input.timing, range.start, range.end)) {
      // Split the run at year ends: the basis is the days of each day's own year.
      let from = run.start;
      while (from <= run.end) {
        const year = civilFromDay(from).year;
        const yearEnd = dayFromCivil(year, 12, 31);
        const to = Math.min(run.end, yearEnd);
        const count = to - from + 1;
        exact = exact.plus(
          run.netAssets.times(input.maxAnnualRate).times(count).dividedBy(daysInYear(year))
        );
        days += count;
        from = to + 1;
      }
    }
  }
  return { maximum: roundCents(exact), exact, days };
}

/**
 * Sums a span's month pieces, each rounded to the cent on its own (SPEC §2
 * "Cap": "each month's (or part month's) maximum is rounded to the cent as its
 * fees are booked"): `rounded(pieceStart, pieceEnd)`, or `wholeMonth(month)`
 * for a whole month when given. A piece from its month's first day is what
 * penny-true booking rounds (the month-to-date total); a piece starting later
 * (a plan year from the 15th) is rounded on its own, fees and maximum alike,
 * so fees at or below the cap rate can never exceed a piece's maximum by a
 * rounding cent.
 *
 * @example sumOfMonthPieces(day("2024-01-01"), day("2024-03-31"), monthMaximum) // → 42,349.73 + 39,617.49 + 42,349.73 at the cap (DOMAIN.md)
 */
export function sumOfMonthPieces(
  start: Day,
  end: Day,
  rounded: (from: Day, to: Day) => Decimal,
  wholeMonth?: (month: Period) => Decimal | null
): Decimal {
  let total = ZERO;
  for (const piece of monthPieces(start, end)) {
    const whole = piece.start === piece.month.start && piece.end === piece.month.end;
    const known = whole && wholeMonth ? wholeMonth(piece.month) : null;
    total = total.plus(known ?? rounded(piece.start, piece.end));
  }
  return total;
}

/**
 * Maximum allowable fee over [start, end] as the cap measures a period (SPEC
 * §2 "Cap"): the sum of its months' (or part months') maxima, each rounded to
 * the cent as fees are booked — so fees at exactly the cap rate are never a
 * breach by a rounding cent. `days` counts the days with net assets.
 *
 * DOMAIN.md "At the cap exactly": 100,000,000 at .50%, 2024 Q1 → 42,349.73 +
 * 39,617.49 + 42,349.73 = 124,316.95 (rounded once it would be 124,316.94).
 */
export function maximumByMonths(input: MaximumFeeInput): {
  maximum: Decimal;
  days: number;
} {
  const maximum = sumOfMonthPieces(
    input.start,
    input.end,
    (from, to) => maximumAllowableFee({ ...input, start: from, end: to }).maximum
  );
  return { maximum, days: input.end < input.start ? 0 : maximumAllowableFee(input).days };
}

/**
 * Fees accrued in [start, end]: what was booked, month by month (SPEC §5 "a
 * preliminary report's fees are the sum of what was booked"). A whole month is
 * its booked fee (plus any daily-rounding and reimbursement true-ups), so a
 * quarter equals its three months; a part month from its first day is its
 * month-to-date total rounded as penny-true booking rounds it (under `Daily`
 * rounding, an unfinished month's exact fees: its month-end true-up brings the
 * booked days to them, SPEC §2 "Cap"); a part month starting later is its
 * exact fees rounded on their own, as its maximum is (see `sumOfMonthPieces`);
 * a reimbursement true-up counts on its month's last day.
 */
export function feesAccruedBetween(
  accrual: Pick<AccrualResult, "months" | "runs" | "runColumns">,
  start: Day,
  end: Day
): Decimal {
  const { months } = accrual;
  const monthAt = (first: Day, last: Day) => {
    const index = firstEndingOnOrAfter(months, (month) => month.period.end, last);
    const month = months[index];
    return month && month.period.start === first ? month : null;
  };
  // The fast path's run columns round a span in float where that is exact; decimal.js otherwise.
  const rounded = (from: Day, to: Day) => {
    const cents = accrual.runColumns
      ? roundedAccrualCentsBetween(accrual.runColumns, from, to)
      : null;
    return cents !== null
      ? decimalFromCents(cents)
      : roundCents(exactAccrualBetween(accrual.runs, from, to));
  };
  // The month pieces of `sumOfMonthPieces`, walked without making a period per piece (this runs
  // for every cap test). Every term is in whole cents, so the sum is exact in any order.
  let total = ZERO;
  for (let pieceStart = start; pieceStart <= end;) {
    const first = monthStart(pieceStart);
    const last = monthEnd(pieceStart);
    const pieceEnd = Math.min(end, last);
    if (pieceStart === first && pieceEnd === last) {
      const month = monthAt(first, last);
      if (month) total = total.plus(monthFee(month));
    } else {
      total = total.plus(rounded(pieceStart, pieceEnd));
      // A reimbursement true-up is booked on its month's last day: a part month ending there has it.
      if (pieceStart !== first && pieceEnd === last) {
        const month = monthAt(first, last);
        if (month) total = total.plus(month.reimbursementTrueUp);
      }
    }
    pieceStart = pieceEnd + 1;
  }
  return total;
}

export interface CapTest {
  /** The days measured: the period, or its first day through the last accrued day when unfinished. */
  period: Period;
  /** The period had not ended by the as-of date (or last NAV): measured through `period.end` only (SPEC §2 "Cap"). */
  unfinished: boolean;
  maximum: Decimal;
  accrued: Decimal;
  /** Carryforward amounts paid in the period count against the cap too (SPEC §2 "Cap"). */
  carryforwardPaid: Decimal;
  /** maximum − (accrued + carryforward paid); negative = over the cap. */
  headroom: Decimal;
  /** Fees paid for the period, when known. */
  paid: Decimal | null;
  /** maximum − paid, when known. */
  headroomPaid: Decimal | null;
  breach: boolean;
  paidBreach: boolean;
}

/**
 * Compares fees with the maximum allowable.
 *
 * DOMAIN.md: maximum 12,481.42, accrued 12,470.15 → headroom 11.27; with 500.00
 * of carryforward also paid → headroom −488.73, a breach.
 */
export function capTest(
  period: Period,
  maximum: Decimal,
  accrued: Decimal,
  options: { carryforwardPaid?: Decimal; paid?: Decimal | null; unfinished?: boolean } = {}
): CapTest {
  const carryforwardPaid = options.carryforwardPaid ?? ZERO;
  const paid = options.paid ?? null;
  const left = maximum.minus(accrued);
  // Taking a zero carryforward from a non-zero amount gives that amount (most tests pay none):
  // no second decimal. A zero `left` still subtracts, so its sign of zero is decimal.js's.
  const headroom =
    carryforwardPaid.isZero() && !left.isZero() ? left : left.minus(carryforwardPaid);
  const headroomPaid = paid === null ? null : maximum.minus(paid);
  return {
    period,
    unfinished: options.unfinished ?? false,
    maximum,
    accrued,
    carryforwardPaid,
    headroom,
    paid,
    headroomPaid,
    // `lessThan` without its copy of the threshold (see compareDecimals).
    breach: compareDecimals(headroom, BREACH_THRESHOLD) < 0,
    paidBreach: headroomPaid !== null && compareDecimals(headroomPaid, BREACH_THRESHOLD) < 0,
  };
}

/**
 * The exceptions a cap test raises, one per breach, in the board's words: amounts
 * with thousands separators, the period named once. Fees accrued and fees paid over
 * the maximum by the same amount are one breach, so one finding (SPEC §5
 * "One measure"): a board should not read 40 errors where there are 20.
 *
 * @example capExceptions("Growth", capTest(quarterPeriod(2024, 1), d("12481.42"), d("12470.15"), { carryforwardPaid: d("500") }))
 * // → cap-breach "Growth: fees of 12,970.15 in 2024 Q1 exceed the maximum allowable 12,481.42 by 488.73 (carryforward paid of 500.00 counts against the Plan §1 limit)."
 */
export function capExceptions(portfolio: string, test: CapTest): PlanException[] {
  const found: PlanException[] = [];
  // Most tests find nothing: their words are not written.
  if (!test.breach && !test.paidBreach) return found;
  const where = { portfolio, date: test.period.end };
  // An unfinished period says how far it was measured: "2024 Q1 through 14 February 2024".
  const name =
    periodName(test.period) + (test.unfinished ? ` through ${dayInWords(test.period.end)}` : "");
  const sameBreach =
    test.breach && test.paidBreach && test.headroomPaid?.equals(test.headroom) === true;
  if (test.breach) {
    const charged = test.accrued.plus(test.carryforwardPaid);
    const what = sameBreach ? "fees accrued and paid" : "fees";
    found.push(
      exception(
        "error",
        "cap-breach",
        `${portfolio}: ${what} of ${formatMoney(charged)} in ${name} exceed the maximum allowable ${formatMoney(test.maximum)} by ${formatMoney(test.headroom.negated())}` +
          (test.carryforwardPaid.isZero()
            ? " (Plan §1 limit)."
            : ` (carryforward paid of ${formatMoney(test.carryforwardPaid)} counts against the Plan §1 limit).`),
        where
      )
    );
  }
  if (test.paidBreach && test.headroomPaid && !sameBreach) {
    found.push(
      exception(
        "error",
        "cap-breach-paid",
        `${portfolio}: fees paid of ${formatMoney(test.paid!)} for ${name} exceed the maximum allowable ${formatMoney(test.maximum)} by ${formatMoney(test.headroomPaid.negated())} (Plan §1 limit).`,
        where
      )
    );
  }
  return found;
}
