/**
 * A month's fee as the journal describes and splits it (SPEC §7): the average
 * daily net assets and rates it accrued on, and — for `--by day` — what each
 * day booked, from the evaluation's accrual runs.
 */
import type { AccrualResult, MonthAccrual } from "./accrual";
import type { Day } from "./calendar";
import { type Decimal, roundCents, ZERO } from "./decimal";
import type { PortfolioSettings } from "./plan";

/** The average daily net assets and rates the month's fee accrued on (its runs), for the description. */
export function feeBasis(
  accrual: Pick<AccrualResult, "runs">,
  start: Day,
  end: Day
): { average: Decimal | null; rates: Decimal[] } {
  let days = 0;
  let total = ZERO;
  const rates: Decimal[] = [];
  for (const run of accrual.runs) {
    if (run.end < start || run.start > end) continue;
    const count = Math.min(run.end, end) - Math.max(run.start, start) + 1;
    days += count;
    total = total.plus(run.netAssets.times(count));
    if (!rates.some((rate) => rate.equals(run.annualRate))) rates.push(run.annualRate);
  }
  return { average: days === 0 ? null : roundCents(total.dividedBy(days)), rates };
}

/**
 * The month's booked fee split by day, from its runs: penny-true books
 * round(cumulative) − round(cumulative the day before), `Daily` each day
 * rounded (SPEC §2 "Rounding"); the last day takes any cent the runs and the
 * booked total disagree by, so the days always sum to what the month booked.
 */
export function dailyBookings(
  accrual: Pick<AccrualResult, "runs">,
  month: MonthAccrual,
  rounding: PortfolioSettings["rounding"]
): { date: Day; amount: Decimal; netAssets: Decimal; annualRate: Decimal }[] {
  const days: { date: Day; amount: Decimal; netAssets: Decimal; annualRate: Decimal }[] = [];
  let cumulative = ZERO;
  let bookedSoFar = ZERO;
  for (const run of accrual.runs) {
    if (run.end < month.period.start || run.start > month.period.end) continue;
    const daily = run.netAssets.times(run.annualRate).dividedBy(run.basisDays);
    for (
      let date = Math.max(run.start, month.period.start);
      date <= Math.min(run.end, month.period.end);
      date += 1
    ) {
      cumulative = cumulative.plus(daily);
      const amount =
        rounding === "Daily" ? roundCents(daily) : roundCents(cumulative).minus(bookedSoFar);
      bookedSoFar = bookedSoFar.plus(amount);
      days.push({ date, amount, netAssets: run.netAssets, annualRate: run.annualRate });
    }
  }
  const last = days.at(-1);
  if (last) last.amount = last.amount.plus(month.booked.minus(bookedSoFar));
  return days.filter((d) => !d.amount.isZero());
}
