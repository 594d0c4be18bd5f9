/**
 * One portfolio's money, billing period by billing period: the eligible
 * expenses, the reimbursement true-up, the payable and the carryforward
 * (Plan §1 "accrued daily and paid monthly or at such other intervals as the
 * Board of Trustees shall determine", and the carryforward sentence). The
 * order matters and lives here once: a reimbursement plan's fee is trued up
 * before payments are checked against it; a compensation plan's carryforward
 * needs the payments applied first.
 */
import { type AccrualResult, monthFee, withReimbursementTrueUps } from "./accrual";
import type { Day } from "./calendar";
import { billingCarryforward, type BillingPeriodRow } from "./carryforward";
import { type Decimal, ZERO } from "./decimal";
import { eligibleExpenses, type EligibleExpenses } from "./eligibleExpenses";
import type { PlanException } from "./exceptions";
import type { InEffectWindow } from "./inEffect";
import type { ExactPath } from "./maximumTable";
import { payableLedger, type PayableLedger } from "./payable";
import { firstEndingOnOrAfter, monthOf, type Period, periodsBetween } from "./periods";
import type { Expenditure, Payment, PortfolioSettings } from "./plan";

export interface PlanFeesInput {
  settings: PortfolioSettings;
  /** The daily accrual at the rate; null when the portfolio has no usable NAV series. */
  accrual: AccrualResult | null;
  windows: readonly InEffectWindow[];
  /** The portfolio's own expenditures and payments. */
  expenditures: readonly Expenditure[];
  payments: readonly Payment[];
  /** The maximum allowable fee of a billing period (Plan §1 cap), zero when nothing is known. */
  maximumFor: (period: Period) => Decimal;
  /** Class B net assets on a day, for the Item 19(g) percentage. */
  netAssetsOn: (d: Day) => Decimal | null;
  /** The day the evaluation speaks for: billing periods that end after it are not trued up yet. */
  asOf: Day;
  /** The whole-cent ledger (the default) or decimal.js alone (see `payableLedger`). */
  exact?: ExactPath;
  /**
   * The accrual and its reimbursement true-ups alone (`evaluateAccruals`, what `accrue`
   * writes): no payable ledger and no compensation carryforward, which nothing there reads.
   */
  accrualsOnly?: boolean;
}

export interface PlanFees {
  /** The accrual with any reimbursement true-ups booked; null when there was none. */
  accrual: AccrualResult | null;
  payable: PayableLedger | null;
  /** One row per billing period, in order. */
  carryforward: BillingPeriodRow[];
  expenses: EligibleExpenses;
  exceptions: PlanException[];
}

/**
 * Runs the money rules of one portfolio in their order (SPEC §2 "Eligible
 * expenses", "Reimbursement plan", "Payable", "Fees paid").
 *
 * @example
 * // Reimbursement, June 2026 billed monthly: accrued 41,095.89, eligible 30,000 + opening 5,000
 * planFees({ settings, accrual, windows, expenditures, payments, maximumFor, netAssetsOn, asOf })
 * // → accrual.months[June].reimbursementTrueUp −6,095.89; payable due 35,000.00
 */
export function planFees(input: PlanFeesInput, opening: Decimal = ZERO): PlanFees {
  const { settings } = input;
  const expenses = eligibleExpenses(settings.portfolio, input.expenditures, input.windows);
  const exceptions: PlanException[] = [...expenses.exceptions];
  const months = input.accrual?.months ?? [];
  // A loop, not Math.min(...rows): spreading 125,000 expenditure dates overflows the call stack.
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const m of months) {
    first = Math.min(first, m.period.start);
    last = Math.max(last, m.period.end);
  }
  for (const e of expenses.eligible) {
    first = Math.min(first, e.date);
    last = Math.max(last, e.date);
  }
  const kind = settings.payment === "Quarterly" ? "quarter" : "month";
  const periods = first > last ? [] : periodsBetween(kind, first, last);
  // Each row added to its billing period's total once (the periods are consecutive): not every row for every period.
  const sumIn = <T>(rows: readonly T[], when: (row: T) => Day, amount: (row: T) => Decimal) => {
    const totals = periods.map(() => ZERO);
    for (const row of rows) {
      const index = firstEndingOnOrAfter(periods, (period) => period.end, when(row));
      if (index < periods.length && periods[index]!.start <= when(row))
        totals[index] = totals[index]!.plus(amount(row));
    }
    return totals;
  };
  const accruedIn = sumIn(months, (m) => m.period.start, monthFee);
  const eligibleIn = sumIn(
    expenses.eligible,
    (e) => e.date,
    (e) => e.amount
  );
  const inputs = (feesPaid: (period: Period) => Decimal) =>
    periods.map((period, index) => ({
      period,
      accrued: accruedIn[index]!,
      eligible: eligibleIn[index]!,
      maximum: input.maximumFor(period),
      feesPaid: feesPaid(period),
      netAssetsAtEnd: input.netAssetsOn(period.end),
    }));

  let accrual = input.accrual;
  let carryforward: BillingPeriodRow[] = [];
  if (settings.planType === "Reimbursement") {
    carryforward = billingCarryforward(
      settings.planType,
      inputs(() => ZERO),
      opening,
      input.exact
    );
    const trueUps = new Map<string, Decimal>();
    // Booked on the period's last day: a period still running on `asOf` keeps its estimate for now.
    for (const row of carryforward)
      if (!row.trueUp.isZero() && row.period.end <= input.asOf)
        trueUps.set(monthOf(row.period.end).label, row.trueUp);
    if (accrual && trueUps.size > 0) accrual = withReimbursementTrueUps(accrual, trueUps);
  }
  if (input.accrualsOnly) return { accrual, payable: null, carryforward, expenses, exceptions };
  const payable = accrual
    ? payableLedger(
        settings.portfolio,
        accrual.months,
        input.payments,
        settings,
        input.asOf,
        input.exact
      )
    : null;
  if (payable) exceptions.push(...payable.exceptions);
  if (settings.planType === "Compensation") {
    // SPEC §2 "Compensation plan": the carryforward deducts fees earned, paid or still payable,
    // so it does not swing while the last billing period's payment is on its way.
    const earnedByLabel = new Map(payable?.settlements.map((s) => [s.period.label, s.due]));
    const earnedFor = (period: Period) => earnedByLabel.get(period.label) ?? ZERO;
    carryforward = billingCarryforward(settings.planType, inputs(earnedFor), opening, input.exact);
  }
  return { accrual, payable, carryforward, expenses, exceptions };
}

/**
 * Carryforward paid in the billing periods whose last day falls in [start, end]
 * (where their true-up and payment are booked): what the cap test counts on
 * top of the period's own fee (SPEC §2 "Cap": "carryforward paid counts
 * against the cap").
 *
 * @example carryforwardPaidBetween(rows, day("2026-07-01"), day("2026-09-30")) // → Σ of July–September rows
 */
export function carryforwardPaidBetween(
  rows: readonly BillingPeriodRow[],
  start: Day,
  end: Day
): Decimal {
  let total = ZERO;
  // Rows come in period order: start at the first ending in the span.
  for (
    let index = firstEndingOnOrAfter(rows, (row) => row.period.end, start);
    index < rows.length;
    index += 1
  ) {
    const row = rows[index]!;
    if (row.period.end > end) break;
    // Adding a zero of either sign changes nothing (the total starts at 0): most periods pay none.
    if (!row.carryforwardPaid.isZero()) total = total.plus(row.carryforwardPaid);
  }
  return total;
}
