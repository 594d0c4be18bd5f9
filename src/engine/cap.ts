/**
 * The plan's cap (Plan §1: "an annual rate … not to exceed .50% of the
 * average daily net assets"): the maximum allowable fee for a period, the
 * headroom left under it, and breaches.
 */
import { civilFromDay, type Day, dayFromCivil, daysInYear } from "./calendar";
import { type AccrualResult, exactAccrualBetween, type DayWindow, monthFee } from "./accrual";
import { roundedAccrualCentsBetween } from "./accrueOnFastPath";
import { Decimal, decimalFromCents, roundCents, ZERO } from "./decimal";
import { exception, type PlanException } from "./exceptions";
import { netAssetsRuns, type NavPoint } from "./netAssetsSeries";
import { formatMoney } from "./money";
import { firstEndingOnOrAfter, monthOf, type Period, periodName } from "./periods";
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
 * Fees accrued in [start, end]. For whole months it is what the months booked
 * (plus any daily-rounding true-ups), so a quarter equals its three months;
 * for other spans (plan years, custom ranges) it is the exact accrual rounded.
 * Either way a reimbursement true-up counts where it is booked, on the last
 * day of its month.
 */
export function feesAccruedBetween(
  accrual: Pick<AccrualResult, "months" | "runs" | "runColumns">,
  start: Day,
  end: Day
): Decimal {
  let total = ZERO;
  const { months } = accrual;
  const first = firstEndingOnOrAfter(months, (month) => month.period.end, start);
  if (monthOf(start).start === start && monthOf(end).end === end) {
    for (let index = first; index < months.length && months[index]!.period.start <= end; index++) {
      const month = months[index]!;
      if (month.period.start >= start && month.period.end <= end)
        total = total.plus(monthFee(month));
    }
    return total;
  }
  for (let index = first; index < months.length && months[index]!.period.start <= end; index++) {
    const month = months[index]!;
    if (month.period.end >= start && month.period.end <= end)
      total = total.plus(month.reimbursementTrueUp);
  }
  // The fast path's run columns round the span in float where that is exact; decimal.js otherwise.
  const cents = accrual.runColumns
    ? roundedAccrualCentsBetween(accrual.runColumns, start, end)
    : null;
  const accrued =
    cents !== null
      ? decimalFromCents(cents)
      : roundCents(exactAccrualBetween(accrual.runs, start, end));
  return accrued.plus(total);
}

export interface CapTest {
  period: Period;
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
  options: { carryforwardPaid?: Decimal; paid?: Decimal | null } = {}
): CapTest {
  const carryforwardPaid = options.carryforwardPaid ?? ZERO;
  const paid = options.paid ?? null;
  const headroom = maximum.minus(accrued).minus(carryforwardPaid);
  const headroomPaid = paid === null ? null : maximum.minus(paid);
  return {
    period,
    maximum,
    accrued,
    carryforwardPaid,
    headroom,
    paid,
    headroomPaid,
    breach: headroom.lessThan(BREACH_THRESHOLD),
    paidBreach: headroomPaid !== null && headroomPaid.lessThan(BREACH_THRESHOLD),
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
  const where = { portfolio, date: test.period.end };
  const name = periodName(test.period);
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
