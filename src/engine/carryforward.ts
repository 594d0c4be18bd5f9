/**
 * The carryforward ledger (Plan §1: the fee "may be paid in respect of
 * services rendered and/or expenses borne in the past … as to which no
 * Distribution Fee was paid on account of such limitation").
 */
import { type Decimal, decimalFromCents, maxOf, minOf, ZERO } from "./decimal";
import type { ExactPath } from "./maximumTable";
import type { Period } from "./periods";
import type { PlanType } from "./plan";
import { centsWithinSafeTotal } from "./seriesColumns";

export interface CarryforwardPeriodInput {
  period: Period;
  /** Distribution expenses incurred in the period, categories (a)–(i). */
  incurred: Decimal;
  /**
   * Reimbursement: the most the plan may pay for the period, min(accrual, maximum allowable).
   * Compensation: the fees earned for the period, paid or payable (SPEC §2 "Compensation plan").
   */
  capacity: Decimal;
  /** Class B net assets on the period's last day, for the N-1A Item 19(g) percentage. */
  netAssetsAtEnd: Decimal | null;
}

export interface CarryforwardRow {
  period: Period;
  opening: Decimal;
  incurred: Decimal;
  capacity: Decimal;
  /** Paid to the distributor for the period. */
  paid: Decimal;
  /** The part of `paid` that covers earlier periods' expenses. */
  carryforwardPaid: Decimal;
  /** Unreimbursed expenses carried to the next period; never below zero. */
  closing: Decimal;
  /** Compensation plans only: fee paid beyond all unreimbursed expenses (the distributor's margin). */
  excessOfFeeOverExpenses: Decimal;
  /** closing ÷ net assets at the period's end, as a fraction (null when net assets are unknown or zero). */
  closingPercentOfNetAssets: Decimal | null;
}

/**
 * Runs the ledger period by period (SPEC §2 "Carryforward").
 * - Reimbursement plan: pays min(capacity, incurred + opening); closing =
 *   opening + incurred − paid. Conservation holds exactly.
 * - Compensation plan: pays the capacity (the accrued fee) whatever was spent
 *   and reports the unreimbursed balance, max(0, opening + incurred − paid),
 *   for disclosure; a fee above all expenses is reported as the excess.
 *
 * DOMAIN.md (reimbursement): Q1 incurred 120,000, capacity 90,000 → paid
 * 90,000, closing 30,000; Q2 incurred 70,000, capacity 95,000 → paid 95,000
 * (25,000 of it carryforward), closing 5,000.
 */
export function carryforwardLedger(
  planType: PlanType,
  periods: readonly CarryforwardPeriodInput[],
  opening: Decimal = ZERO
): CarryforwardRow[] {
  const rows: CarryforwardRow[] = [];
  let balance = opening;
  for (const input of periods) {
    const owed = balance.plus(input.incurred);
    const paid =
      planType === "Reimbursement" ? maxOf(ZERO, minOf(input.capacity, owed)) : input.capacity;
    const unreimbursed = owed.minus(paid);
    const closing = maxOf(ZERO, unreimbursed);
    const carryforwardPaid = minOf(
      maxOf(ZERO, balance),
      maxOf(ZERO, paid.minus(maxOf(ZERO, input.incurred)))
    );
    rows.push({
      period: input.period,
      opening: balance,
      incurred: input.incurred,
      capacity: input.capacity,
      paid,
      carryforwardPaid,
      closing,
      excessOfFeeOverExpenses: maxOf(ZERO, unreimbursed.negated()),
      closingPercentOfNetAssets:
        input.netAssetsAtEnd && !input.netAssetsAtEnd.isZero()
          ? closing.dividedBy(input.netAssetsAtEnd)
          : null,
    });
    balance = closing;
  }
  return rows;
}

export interface BillingPeriodInput {
  /** A billing period: a month, or a quarter when the plan pays quarterly. */
  period: Period;
  /** The fee accrued for the period at the rate (for a reimbursement plan, the daily estimate). */
  accrued: Decimal;
  /** Eligible expenses of the period (see `eligibleExpenses`). */
  eligible: Decimal;
  /** The period's maximum allowable fee (Plan §1 cap). */
  maximum: Decimal;
  /** Compensation plans: fees earned for the period, paid or still payable (SPEC §2). Ignored for reimbursement. */
  feesPaid: Decimal;
  netAssetsAtEnd: Decimal | null;
}

export interface BillingPeriodRow extends CarryforwardRow {
  accrued: Decimal;
  maximum: Decimal;
  /** Reimbursement plans: reimbursed − accrued, booked on the period's last day (≤ 0). Zero otherwise. */
  trueUp: Decimal;
}

/**
 * The carryforward by billing period, with the reimbursement true-up (SPEC §2
 * "Reimbursement plan", "Compensation plan"; Plan §1 "accrued daily and paid
 * monthly", and the carryforward sentence):
 * - Reimbursement: reimbursed = min(accrued, opening + eligible, maximum),
 *   never below zero; true-up = reimbursed − accrued; closing = opening +
 *   eligible − reimbursed. The plan never pays more than the cap or than
 *   what is owed.
 * - Compensation: the fee is the accrual whatever was spent; the disclosed
 *   carryforward = max(0, opening + eligible − fees paid); no true-up.
 * Carryforward paid is the part of what was paid that covers earlier periods'
 * expenses; it counts against the cap (SPEC §2 "Cap").
 *
 * DOMAIN.md (June, 30 days, 100,000,000 at .50%): accrued 41,095.89, eligible
 * 30,000.00, opening 5,000.00 → reimbursed 35,000.00, true-up −6,095.89,
 * closing 0; with 50,000.00 eligible → reimbursed 41,095.89, closing 13,904.11.
 */
export function billingCarryforward(
  planType: PlanType,
  periods: readonly BillingPeriodInput[],
  opening: Decimal = ZERO,
  path: ExactPath = "fast"
): BillingPeriodRow[] {
  const inCents = path === "fast" ? billingCarryforwardInCents(planType, periods, opening) : null;
  if (inCents) return inCents;
  const rows = carryforwardLedger(
    planType,
    periods.map((input) => ({
      period: input.period,
      incurred: input.eligible,
      capacity: planType === "Reimbursement" ? minOf(input.accrued, input.maximum) : input.feesPaid,
      netAssetsAtEnd: input.netAssetsAtEnd,
    })),
    opening
  );
  return rows.map((row, index) => {
    const input = periods[index]!;
    // The fields written out, not `...row`: a spread per billing period was 4% of a cold evaluation.
    return {
      period: row.period,
      opening: row.opening,
      incurred: row.incurred,
      capacity: row.capacity,
      paid: row.paid,
      carryforwardPaid: row.carryforwardPaid,
      closing: row.closing,
      excessOfFeeOverExpenses: row.excessOfFeeOverExpenses,
      closingPercentOfNetAssets: row.closingPercentOfNetAssets,
      accrued: input.accrued,
      maximum: input.maximum,
      trueUp: planType === "Reimbursement" ? row.paid.minus(input.accrued) : ZERO,
    };
  });
}

/**
 * `billingCarryforward` in whole cents, or null when an amount it reads (the opening, each
 * period's eligible expenses, and its accrual and maximum — reimbursement — or fees paid —
 * compensation) is not whole cents, is −0, or when their magnitudes together pass 2^53 − 1
 * cents. Every balance, payment and difference is then bounded by that total, so exact in a
 * double, and is the decimal.js one; with no −0 among the amounts the decimal.js zeros are all
 * +0 (half-up sums, and `maxOf(ZERO, −0)` is ZERO), as `decimalFromCents(0)` is. The Item 19(g)
 * percentage is still the decimal division of the closing balance.
 */
function billingCarryforwardInCents(
  planType: PlanType,
  periods: readonly BillingPeriodInput[],
  opening: Decimal
): BillingPeriodRow[] | null {
  const reimbursement = planType === "Reimbursement";
  const read = centsWithinSafeTotal();
  const openingCents = read(opening);
  if (openingCents === null) return null;
  const eligible: number[] = [];
  const accrued: number[] = [];
  const capacity: number[] = [];
  for (const input of periods) {
    const incurred = read(input.eligible);
    if (incurred === null) return null;
    eligible.push(incurred);
    if (reimbursement) {
      const fee = read(input.accrued);
      const maximum = fee === null ? null : read(input.maximum);
      if (fee === null || maximum === null) return null;
      accrued.push(fee);
      capacity.push(Math.min(fee, maximum));
    } else {
      const fees = read(input.feesPaid);
      if (fees === null) return null;
      capacity.push(fees);
    }
  }
  const rows: BillingPeriodRow[] = [];
  let balance = openingCents;
  let balanceDecimal = opening;
  periods.forEach((input, index) => {
    const incurred = eligible[index]!;
    const owed = balance + incurred;
    const capacityCents = capacity[index]!;
    const paid = reimbursement ? Math.max(0, Math.min(capacityCents, owed)) : capacityCents;
    const unreimbursed = owed - paid;
    const closing = Math.max(0, unreimbursed);
    const closingDecimal = decimalFromCents(closing);
    rows.push({
      period: input.period,
      opening: balanceDecimal,
      incurred: input.eligible,
      capacity: reimbursement ? decimalFromCents(capacityCents) : input.feesPaid,
      paid: decimalFromCents(paid),
      carryforwardPaid: decimalFromCents(
        Math.min(Math.max(0, balance), Math.max(0, paid - Math.max(0, incurred)))
      ),
      closing: closingDecimal,
      excessOfFeeOverExpenses: decimalFromCents(Math.max(0, -unreimbursed)),
      closingPercentOfNetAssets:
        input.netAssetsAtEnd && !input.netAssetsAtEnd.isZero()
          ? // Nothing carried over positive net assets is +0, the quotient's sign; no division.
            closing === 0 && input.netAssetsAtEnd.s === 1
            ? ZERO
            : closingDecimal.dividedBy(input.netAssetsAtEnd)
          : null,
      accrued: input.accrued,
      maximum: input.maximum,
      trueUp: reimbursement ? decimalFromCents(paid - accrued[index]!) : ZERO,
    });
    balance = closing;
    balanceDecimal = closingDecimal;
  });
  return rows;
}
