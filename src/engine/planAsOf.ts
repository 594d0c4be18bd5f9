/**
 * The plan as it stood on a day (SPEC §5 "As it stood"): a report speaks for
 * its quarter, so facts dated after the quarter's last day — a later vote,
 * rate, assignment, termination, expenditure or NAV — must not show in it.
 * Payments are the exception: the fee of September is paid in October, and
 * "Fees paid" for the quarter means the payments recorded for its billing
 * periods, whenever they were made (up to the day the report is prepared).
 */
import { type Day, isoDate } from "./calendar";
import type { Plan } from "./plan";

/** Days of NAV rows kept past the end (the longest market closure plus a weekend). */
const NAV_MARGIN_DAYS = 10;

/**
 * `plan` without the facts dated after `end`; payments stay up to `paymentsUntil`
 * (the day the report is prepared for).
 * An agreement approved later is left out; one assigned or terminated later
 * is shown as it stood — in force, no assignment, no termination.
 *
 * @example
 * planAsOf(plan, day("2025-09-30")).governance // only the votes of 2025-09-30 or earlier
 */
export function planAsOf(plan: Plan, end: Day, paymentsUntil: Day = end): Plan {
  const until = (d: Day | null) => (d !== null && d > end ? null : d);
  return {
    ...plan,
    rates: plan.rates.filter(
      (rate) => rate.effective <= end && (rate.boardApproval === null || rate.boardApproval <= end)
    ),
    governance: plan.governance.filter((action) => action.date <= end),
    agreements: plan.agreements
      .filter((agreement) => agreement.approved === null || agreement.approved <= end)
      .map((agreement) => ({
        ...agreement,
        assigned: until(agreement.assigned),
        terminated: until(agreement.terminated),
      })),
    payments: plan.payments.filter((payment) => payment.date <= Math.max(end, paymentsUntil)),
    expenditures: plan.expenditures.filter((row) => row.date <= end),
    // NAVs a little past the end stay: a catch-up Monday books the weekend that closes the quarter.
    netAssets: plan.netAssets.filter((row) => row.date <= end + NAV_MARGIN_DAYS),
    // Journals of later months are not its business: their figures need the later NAVs (SPEC §7).
    ...(plan.postedJournals
      ? {
          postedJournals: plan.postedJournals.filter(
            (row) => row.period.trim() <= isoDate(end).slice(0, 7)
          ),
        }
      : {}),
  };
}
