/**
 * The distribution fee payable, month by month, and the reconciliation of
 * payments against accruals (Plan §1 "accrued daily and paid monthly or at
 * such other intervals as the Board of Trustees shall determine").
 */
import { type Day, isoDate, monthEnd, weekday } from "./calendar";
import { monthFee, type MonthAccrual } from "./accrual";
import { compareDecimals, Decimal, decimalFromCents, ZERO } from "./decimal";
import { exception, type PlanException } from "./exceptions";
import { formatMoney } from "./money";
import { firstEndingOnOrAfter, type Period, periodName, periodsBetween } from "./periods";
import type { ExactPath } from "./maximumTable";
import type { Payment, PortfolioSettings } from "./plan";
import { centsWithinSafeTotal } from "./seriesColumns";

/** opening + accrued + true-ups (rounding and reimbursement) − paid = closing, for one month. */
export interface PayableMonth {
  period: Period;
  opening: Decimal;
  accrued: Decimal;
  trueUp: Decimal;
  paid: Decimal;
  closing: Decimal;
}

/** One billing period (a month, or a quarter when paid quarterly) and what settled it. */
export interface Settlement {
  period: Period;
  /** Accrued for the period, true-ups included. */
  due: Decimal;
  paid: Decimal;
  payments: Payment[];
  /** How much of each payment went to this period (a payment can be split across periods). */
  credits: { payment: Payment; amount: Decimal }[];
  /**
   * The payment whose `Override reason` accepted the period's difference from its fee, or null.
   * An accepted difference closes the period: later payments are not applied to it (SPEC §2
   * "Payable": a difference with an override reason is a note, not something still owed).
   */
  acceptedBy: Payment | null;
  /** The first day a payment settles it: its last business day (see `payableFrom`). */
  payableFrom: Day;
  /** The last day the payment was due: the end of the month after the period. */
  dueBy: Day;
}

/**
 * The first day a billing period's fee may be paid: its last business day
 * (Monday to Friday) on or before its last day (SPEC §2 "Payable": "a billing
 * period is payable from its last business day"). A fee paid the day it
 * finishes accruing — the month's last business day, with the weekend after
 * it booked forward — settles that month, not the one before. Market holidays
 * are not known to the engine; a payment on the business day before a holiday
 * month end lands one day early and is settled the same way as before.
 *
 * @example payableFrom({ start: day("2025-08-01"), end: day("2025-08-31") }) // → 2025-08-29 (31 August 2025 is a Sunday)
 * @example payableFrom({ start: day("2025-09-01"), end: day("2025-09-30") }) // → 2025-09-30 (a Tuesday)
 */
export function payableFrom(period: Pick<Period, "start" | "end">): Day {
  let last = period.end;
  // 0 = Sunday, 6 = Saturday.
  while (last > period.start && (weekday(last) === 0 || weekday(last) === 6)) last -= 1;
  return last;
}

export interface PayableLedger {
  months: PayableMonth[];
  settlements: Settlement[];
  exceptions: PlanException[];
}

/**
 * Applies payments to billing periods, oldest unpaid first (SPEC §2 "Fees
 * paid", "Payable"): in date order, each payment settles what is still due on
 * the billing periods that have ended by its date, the oldest first; what is
 * left over goes to the latest of them (an overpayment, reported as such). A
 * payment made before any billing period ended goes to the first one. So a
 * late payment that makes up August's shortfall clears August and leaves
 * September's payment to September. A payment with an `Override reason` that
 * leaves a period short (or over) closes it: the difference is accepted, and
 * the next payment goes to the next period — July's fee of 21,232.88 paid
 * 21,000.00 "by agreement" stays short by 232.88, and August's 21,232.88 pays
 * August, not July's remainder.
 */
function applyPayments(settlements: Settlement[], payments: readonly Payment[]): void {
  // Payments come in date order, so the ended periods only grow; and every period before
  // `firstOwed` owes nothing, so the search for the oldest unpaid starts there (one pass, not
  // one per payment: a history of 48,000 months was quadratic).
  let ended = 0;
  let firstOwed = 0;
  // due − paid > 0, without the difference and greaterThan's copy (a nonzero difference
  // never rounds to zero, so it is the same test).
  const owes = (settlement: Settlement) =>
    settlement.acceptedBy === null && compareDecimals(settlement.due, settlement.paid) > 0;
  for (const payment of payments) {
    while (ended < settlements.length && settlements[ended]!.payableFrom <= payment.date)
      ended += 1;
    const openCount = Math.max(ended, 1);
    let left = payment.amount;
    const touched: Settlement[] = [];
    const credit = (index: number, amount: Decimal) => {
      const settlement = settlements[index]!;
      settlement.paid = settlement.paid.plus(amount);
      if (!settlement.payments.includes(payment)) settlement.payments.push(payment);
      settlement.credits.push({ payment, amount });
      touched.push(settlement);
      left = left.minus(amount);
      // A refund can make a settled period owe again.
      if (amount.isNegative() && index < firstOwed && owes(settlement)) firstOwed = index;
    };
    for (let index = firstOwed; index < openCount; index += 1) {
      if (!left.greaterThan(ZERO)) break;
      const settlement = settlements[index]!;
      if (!owes(settlement)) continue;
      credit(index, Decimal.min(settlement.due.minus(settlement.paid), left));
    }
    // An overpayment, a refund (negative) or a payment with nothing owed stays with the latest period.
    if (!left.isZero() || payment.amount.isZero()) credit(openCount - 1, left);
    // A stated reason accepts the difference this payment leaves: the period is closed.
    if ((payment.overrideReason?.trim() ?? "") !== "") {
      for (const settlement of touched)
        if (!settlement.paid.equals(settlement.due)) settlement.acceptedBy = payment;
    }
    while (firstOwed < settlements.length && !owes(settlements[firstOwed]!)) firstOwed += 1;
  }
}

/**
 * Builds the payable ledger and reconciles payments (SPEC §2 "Payable"):
 * a billing period whose payments differ from its accruals by more than the
 * tolerance is a `payment-mismatch` — or, when one of its payments has an
 * `Override reason`, a `payment-override` note quoting it; one still unpaid after the end of the
 * following month (as of `asOf`) is `payment-overdue`.
 *
 * January accrues 3,441.78, a payment of 3,441.78 on 5 Feb → closing payable 0 at February's end.
 */
export function payableLedger(
  portfolio: string,
  accrualMonths: readonly MonthAccrual[],
  payments: readonly Payment[],
  settings: Pick<PortfolioSettings, "payment" | "paymentTolerance">,
  asOf: Day,
  path: ExactPath = "fast"
): PayableLedger {
  const exceptions: PlanException[] = [];
  if (accrualMonths.length === 0 && payments.length === 0)
    return { months: [], settlements: [], exceptions };
  const sortedPayments = [...payments].sort((a, b) => a.date - b.date);
  const firstDay = Math.min(
    accrualMonths[0]?.period.start ?? Infinity,
    sortedPayments[0]?.date ?? Infinity
  );
  const lastDay = Math.max(
    accrualMonths[accrualMonths.length - 1]?.period.end ?? -Infinity,
    sortedPayments[sortedPayments.length - 1]?.date ?? -Infinity
  );
  const accrualByMonth = new Map(accrualMonths.map((month) => [month.period.label, month]));
  const inCents = path === "fast" ? ledgerCents(accrualMonths, sortedPayments) : null;
  const centsByMonth = inCents
    ? new Map(accrualMonths.map((month, index) => [month.period.label, index]))
    : null;

  // Billing periods.
  const billingKind = settings.payment === "Quarterly" ? "quarter" : "month";
  const billing = periodsBetween(billingKind, firstDay, lastDay);
  const dueCents: number[] = [];
  const settlements: Settlement[] = billing.map((period) => {
    let due = ZERO;
    let cents = 0;
    // A billing month is its own one month: no list of it made again.
    for (const month of billingKind === "month"
      ? [period]
      : periodsBetween("month", period.start, period.end)) {
      if (inCents) {
        const index = centsByMonth!.get(month.label);
        if (index !== undefined) cents += inCents.fee[index]!;
        continue;
      }
      const accrued = accrualByMonth.get(month.label);
      if (accrued) due = due.plus(monthFee(accrued));
    }
    if (inCents) {
      dueCents.push(cents);
      due = decimalFromCents(cents);
    }
    return {
      period,
      due,
      paid: ZERO,
      payments: [],
      credits: [],
      acceptedBy: null,
      payableFrom: payableFrom(period),
      // The end of the month after the period (its day, without the month's label).
      dueBy: monthEnd(period.end + 1),
    };
  });
  if (inCents) applyPaymentsInCents(settlements, dueCents, sortedPayments, inCents.payment);
  else applyPayments(settlements, sortedPayments);
  exceptions.push(...settlementFindings(portfolio, settlements, settings, asOf));

  // The month-by-month payable, with payments on their own dates.
  const months: PayableMonth[] = [];
  let opening = ZERO;
  let openingCents = 0;
  // Payments are sorted and months come in order: one pointer walks both (not every payment for every month).
  let next = 0;
  // Billed monthly, the months are the billing periods (the same list, made once).
  const monthPeriods =
    billingKind === "month" ? billing : periodsBetween("month", firstDay, lastDay);
  for (const period of monthPeriods) {
    const accrued = accrualByMonth.get(period.label);
    const booked = accrued?.booked ?? ZERO;
    while (next < sortedPayments.length && sortedPayments[next]!.date < period.start) next += 1;
    if (inCents) {
      let paid = 0;
      for (; next < sortedPayments.length && sortedPayments[next]!.date <= period.end; next += 1)
        paid += inCents.payment[next]!;
      const index = centsByMonth!.get(period.label);
      const trueUp = index === undefined ? 0 : inCents.trueUp[index]!;
      const closing =
        openingCents + (index === undefined ? 0 : inCents.booked[index]!) + trueUp - paid;
      const closingDecimal = decimalFromCents(closing);
      months.push({
        period,
        opening,
        accrued: booked,
        trueUp: decimalFromCents(trueUp),
        paid: decimalFromCents(paid),
        closing: closingDecimal,
      });
      opening = closingDecimal;
      openingCents = closing;
      continue;
    }
    let paid = ZERO;
    for (; next < sortedPayments.length && sortedPayments[next]!.date <= period.end; next += 1)
      paid = paid.plus(sortedPayments[next]!.amount);
    const trueUp = accrued ? accrued.trueUp.plus(accrued.reimbursementTrueUp) : ZERO;
    const closing = opening.plus(booked).plus(trueUp).minus(paid);
    months.push({ period, opening, accrued: booked, trueUp, paid, closing });
    opening = closing;
  }
  return { months, settlements, exceptions };
}

/** The ledger's amounts in whole cents (see `ledgerCents`). */
interface LedgerCents {
  /** By accrual month: booked, the two true-ups together, and `monthFee`. */
  booked: number[];
  trueUp: number[];
  fee: number[];
  /** By payment, in date order. */
  payment: number[];
}

/**
 * The accrual months' and payments' amounts in whole cents, or null when one is not whole
 * cents, is −0 (a zero whose sign a sum in cents would lose), or when the magnitudes together
 * pass 2^53 − 1 cents: then every sum and difference the ledger makes — each bounded by that
 * total — is exact in a double, and is the decimal.js one (whose zeros from sums of signed
 * zeros-free amounts are +0 under half-up, as `decimalFromCents(0)`).
 */
function ledgerCents(
  accrualMonths: readonly MonthAccrual[],
  sortedPayments: readonly Payment[]
): LedgerCents | null {
  const booked: number[] = [];
  const trueUp: number[] = [];
  const fee: number[] = [];
  const payment: number[] = [];
  const read = centsWithinSafeTotal();
  for (const month of accrualMonths) {
    const b = read(month.booked);
    const t = b === null ? null : read(month.trueUp);
    const r = t === null ? null : read(month.reimbursementTrueUp);
    if (b === null || t === null || r === null) return null;
    booked.push(b);
    trueUp.push(t + r);
    fee.push(b + t + r);
  }
  for (const { amount } of sortedPayments) {
    const cents = read(amount);
    if (cents === null) return null;
    payment.push(cents);
  }
  return { booked, trueUp, fee, payment };
}

/**
 * `applyPayments` in whole cents (see `ledgerCents`): the same walk, the same credits in the
 * same order, each amount made a decimal once at the end.
 */
function applyPaymentsInCents(
  settlements: Settlement[],
  due: readonly number[],
  payments: readonly Payment[],
  amounts: readonly number[]
): void {
  const paid = settlements.map(() => 0);
  const credits: number[][] = settlements.map(() => []);
  let ended = 0;
  let firstOwed = 0;
  const owes = (index: number) =>
    settlements[index]!.acceptedBy === null && due[index]! > paid[index]!;
  payments.forEach((payment, paymentIndex) => {
    while (ended < settlements.length && settlements[ended]!.payableFrom <= payment.date)
      ended += 1;
    const openCount = Math.max(ended, 1);
    const amount = amounts[paymentIndex]!;
    let left = amount;
    const touched: number[] = [];
    const credit = (index: number, cents: number) => {
      const settlement = settlements[index]!;
      paid[index] = paid[index]! + cents;
      if (!settlement.payments.includes(payment)) settlement.payments.push(payment);
      settlement.credits.push({ payment, amount: ZERO });
      credits[index]!.push(cents);
      touched.push(index);
      left -= cents;
      if (cents < 0 && index < firstOwed && owes(index)) firstOwed = index;
    };
    for (let index = firstOwed; index < openCount; index += 1) {
      if (!(left > 0)) break;
      if (!owes(index)) continue;
      credit(index, Math.min(due[index]! - paid[index]!, left));
    }
    if (left !== 0 || amount === 0) credit(openCount - 1, left);
    if ((payment.overrideReason?.trim() ?? "") !== "") {
      for (const index of touched)
        if (paid[index] !== due[index]) settlements[index]!.acceptedBy = payment;
    }
    while (firstOwed < settlements.length && !owes(firstOwed)) firstOwed += 1;
  });
  settlements.forEach((settlement, index) => {
    settlement.paid = decimalFromCents(paid[index]!);
    credits[index]!.forEach((cents, at) => {
      settlement.credits[at]!.amount = decimalFromCents(cents);
    });
  });
}

/**
 * The payment findings on billing periods as the ledger has settled them, judged on `asOf`
 * (SPEC §2 "Payable"): `payment-overdue` for a period with nothing paid after the end of the
 * following month, `payment-mismatch` for one paid short or over beyond the tolerance, or a
 * `payment-override` note quoting the reason given for the difference. The quarterly report
 * also calls it on the periods as they stood at its quarter's end (`reportStanding.ts`).
 */
export function settlementFindings(
  portfolio: string,
  settlements: readonly Settlement[],
  settings: Pick<PortfolioSettings, "paymentTolerance">,
  asOf: Day
): PlanException[] {
  const exceptions: PlanException[] = [];
  for (const settlement of settlements) {
    const label = () => `${portfolio}: ${periodName(settlement.period)}`;
    const lastPayment = settlement.payments[settlement.payments.length - 1];
    const where = {
      portfolio,
      date: settlement.period.end,
      ...(lastPayment?.source ? { source: lastPayment.source } : {}),
    };
    if (settlement.payments.length === 0) {
      if (
        compareDecimals(settlement.due, settings.paymentTolerance) > 0 &&
        asOf > settlement.dueBy
      ) {
        exceptions.push(
          exception(
            "error",
            "payment-overdue",
            `${label()} accrued ${formatMoney(settlement.due)} but nothing was paid by ${isoDate(settlement.dueBy)} (Plan §1: accrued daily and paid monthly, or as the board sets).`,
            where
          )
        );
      }
      continue;
    }
    const difference = settlement.paid.minus(settlement.due);
    if (compareDecimals(difference.abs(), settings.paymentTolerance) > 0) {
      const reasons = settlement.payments
        .map((payment) => payment.overrideReason?.trim() ?? "")
        .filter((reason) => reason !== "");
      if (reasons.length > 0) {
        // SPEC §2 "Payable": a difference someone has explained is a note quoting the explanation.
        exceptions.push(
          exception(
            "info",
            "payment-override",
            `${label()}: its fee is ${formatMoney(settlement.due)} and ${formatMoney(settlement.paid)} was paid for it (${difference.isNegative() ? "short" : "over"} by ${formatMoney(difference.abs())}, beyond the tolerance of ${formatMoney(settings.paymentTolerance)}); accepted with the override reason "${reasons.join('"; "')}".`,
            where
          )
        );
        continue;
      }
      exceptions.push(
        exception(
          "error",
          "payment-mismatch",
          difference.isNegative()
            ? `${label()} is short by ${formatMoney(difference.negated())}: its fee is ${formatMoney(settlement.due)} and ${formatMoney(settlement.paid)} of the payments was left for it after earlier periods were settled (payments settle the oldest unpaid period first; tolerance ${formatMoney(settings.paymentTolerance)}).`
            : `${label()} is overpaid by ${formatMoney(difference)}: its fee is ${formatMoney(settlement.due)} but ${formatMoney(settlement.paid)} was paid for it, with every earlier period settled (tolerance ${formatMoney(settings.paymentTolerance)}).`,
          where
        )
      );
    }
  }
  return exceptions;
}

/** Fees paid for the billing periods inside [start, end] (payments attributed by `payableLedger`). */
export function feesPaidFor(
  ledger: Pick<PayableLedger, "settlements">,
  start: Day,
  end: Day
): Decimal {
  let total = ZERO;
  const { settlements } = ledger;
  const first = firstEndingOnOrAfter(settlements, (settlement) => settlement.period.end, start);
  for (let index = first; index < settlements.length; index += 1) {
    const settlement = settlements[index]!;
    if (settlement.period.start > end) break;
    // Adding a zero of either sign changes nothing (the total starts at 0): unpaid periods are skipped.
    if (
      settlement.period.start >= start &&
      settlement.period.end <= end &&
      !settlement.paid.isZero()
    )
      total = total.plus(settlement.paid);
  }
  return total;
}
