/**
 * The distribution fee payable, month by month, and the reconciliation of
 * payments against accruals (Plan §1 "accrued daily and paid monthly or at
 * such other intervals as the Board of Trustees shall determine").
 */
import { type Day, isoDate } from "./calendar";
import type { MonthAccrual } from "./accrual";
import { type Decimal, ZERO } from "./decimal";
import { exception, type PlanException } from "./exceptions";
import { monthOf, type Period, periodsBetween } from "./periods";
import type { Payment, PortfolioSettings } from "./plan";

/** opening + accrued + true-up − paid = closing, for one month. */
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
  /** The last day the payment was due: the end of the month after the period. */
  dueBy: Day;
}

export interface PayableLedger {
  months: PayableMonth[];
  settlements: Settlement[];
  exceptions: PlanException[];
}

/**
 * The billing period a payment settles: the latest one that has ended on or
 * before the payment date (a payment on 10 Feb pays January; one on 31 Jan
 * pays January too). A payment before any billing period ended is attached to
 * the first one.
 */
function settledPeriodIndex(settlements: readonly Settlement[], paymentDate: Day): number {
  let found = -1;
  for (
    let index = 0;
    index < settlements.length && settlements[index]!.period.end <= paymentDate;
    index += 1
  )
    found = index;
  return Math.max(found, 0);
}

/**
 * Builds the payable ledger and reconciles payments (SPEC §2 "Payable"):
 * a billing period whose payments differ from its accruals by more than the
 * tolerance is a `payment-mismatch`; one still unpaid after the end of the
 * following month (as of `asOf`) is `payment-overdue`.
 *
 * January accrues 3,441.78, a payment of 3,441.78 on 5 Feb → closing payable 0 at February's end.
 */
export function payableLedger(
  portfolio: string,
  accrualMonths: readonly MonthAccrual[],
  payments: readonly Payment[],
  settings: Pick<PortfolioSettings, "payment" | "paymentTolerance">,
  asOf: Day
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

  // Billing periods.
  const billingKind = settings.payment === "Quarterly" ? "quarter" : "month";
  const settlements: Settlement[] = periodsBetween(billingKind, firstDay, lastDay).map((period) => {
    const afterEnd = monthOf(period.end + 1);
    let due = ZERO;
    for (const month of periodsBetween("month", period.start, period.end)) {
      const accrued = accrualByMonth.get(month.label);
      if (accrued) due = due.plus(accrued.booked).plus(accrued.trueUp);
    }
    return { period, due, paid: ZERO, payments: [], dueBy: afterEnd.end };
  });
  for (const payment of sortedPayments) {
    const settlement = settlements[settledPeriodIndex(settlements, payment.date)]!;
    settlement.paid = settlement.paid.plus(payment.amount);
    settlement.payments.push(payment);
  }
  for (const settlement of settlements) {
    const label = `${portfolio}: ${billingKind === "quarter" ? "quarter" : "month"} ${settlement.period.label}`;
    const difference = settlement.paid.minus(settlement.due);
    const lastPayment = settlement.payments[settlement.payments.length - 1];
    const where = {
      portfolio,
      date: settlement.period.end,
      ...(lastPayment?.source ? { source: lastPayment.source } : {}),
    };
    if (settlement.payments.length === 0) {
      if (settlement.due.greaterThan(settings.paymentTolerance) && asOf > settlement.dueBy) {
        exceptions.push(
          exception(
            "error",
            "payment-overdue",
            `${label} accrued ${settlement.due.toFixed(2)} but nothing was paid by ${isoDate(settlement.dueBy)}.`,
            where
          )
        );
      }
    } else if (difference.abs().greaterThan(settings.paymentTolerance)) {
      exceptions.push(
        exception(
          "error",
          "payment-mismatch",
          `${label} accrued ${settlement.due.toFixed(2)} but ${settlement.paid.toFixed(2)} was paid (${difference.isNegative() ? "short" : "over"} by ${difference.abs().toFixed(2)}, tolerance ${settings.paymentTolerance.toFixed(2)}).`,
          where
        )
      );
    }
  }

  // The month-by-month payable, with payments on their own dates.
  const months: PayableMonth[] = [];
  let opening = ZERO;
  for (const period of periodsBetween("month", firstDay, lastDay)) {
    const accrued = accrualByMonth.get(period.label);
    let paid = ZERO;
    for (const payment of sortedPayments)
      if (payment.date >= period.start && payment.date <= period.end)
        paid = paid.plus(payment.amount);
    const booked = accrued?.booked ?? ZERO;
    const trueUp = accrued?.trueUp ?? ZERO;
    const closing = opening.plus(booked).plus(trueUp).minus(paid);
    months.push({ period, opening, accrued: booked, trueUp, paid, closing });
    opening = closing;
  }
  return { months, settlements, exceptions };
}

/** Fees paid for the billing periods inside [start, end] (payments attributed by `payableLedger`). */
export function feesPaidFor(
  ledger: Pick<PayableLedger, "settlements">,
  start: Day,
  end: Day
): Decimal {
  let total = ZERO;
  for (const settlement of ledger.settlements) {
    if (settlement.period.start >= start && settlement.period.end <= end)
      total = total.plus(settlement.paid);
  }
  return total;
}
