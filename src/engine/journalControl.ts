/**
 * The month's control totals (SPEC §7 "ties to the report"): accrual and
 * true-up entries against the fees accrued, payment entries against the
 * payments of the month, and the payable's roll-forward — opening + accrued −
 * excess over the cap − paid = closing — from the evaluation's payable ledger;
 * and the excess over the month's maximum that the journal reverses.
 */
import { monthFee } from "./accrual";
import type { CapTest } from "./cap";
import { Decimal, sum, ZERO } from "./decimal";
import type { Journal, JournalKind, JournalSource } from "./journalEntry";
import type { Period } from "./periods";

/** The month's control totals for one portfolio (SPEC §7: the journal ties to the report). */
export interface JournalControl {
  /** Fees accrued in the month, the evaluation's figure (booked + true-ups). */
  feesAccrued: Decimal;
  /** Σ of the month's accrual and true-up entries. */
  accrualEntries: Decimal;
  /** Payments dated in the month, the evaluation's payable figure. */
  paymentsInMonth: Decimal;
  /** Σ of the month's payment entries. */
  paymentEntries: Decimal;
  /** Excess over the cap entered in the month (payable and due-from parts). */
  excess: Decimal;
  /** Distribution fees payable: opening + accrued − excess charged to it − paid = closing. */
  opening: Decimal;
  excessToPayable: Decimal;
  closing: Decimal;
}

/** The excess over the month's maximum, split between the payable and (the part already paid) due from the distributor. */
export function monthExcess(
  source: Pick<JournalSource, "capTests" | "payable">,
  month: Period
): { total: Decimal; toPayable: Decimal; toDueFrom: Decimal; test: CapTest | null } {
  const test =
    source.capTests.find(
      (t) => t.period.kind === "month" && t.period.start === month.start && t.breach
    ) ?? null;
  if (!test) return { total: ZERO, toPayable: ZERO, toDueFrom: ZERO, test: null };
  const total = test.headroom.negated();
  // Paid beyond what the billing period may bear (its fee less the excess): that part is owed back.
  const settlement = source.payable?.settlements.find(
    (s) => s.period.start <= month.start && s.period.end >= month.end
  );
  const paidBeyond = settlement ? settlement.paid.minus(settlement.due.minus(total)) : ZERO;
  const toDueFrom = Decimal.min(total, Decimal.max(ZERO, paidBeyond));
  return { total, toPayable: total.minus(toDueFrom), toDueFrom, test };
}

/** The month's control totals and the payable's roll-forward, from the evaluation's payable ledger. */
export function journalControl(
  source: JournalSource,
  month: Period,
  journals: readonly Journal[]
): JournalControl {
  const of = (kinds: readonly JournalKind[]) =>
    sum(journals.filter((j) => kinds.includes(j.kind)).map((j) => j.amount));
  let opening = ZERO;
  let current = null as null | { accrued: Decimal; paid: Decimal };
  // The engine's payable less the excess charged to it in earlier months (fees the fund does not bear).
  for (const payableMonth of source.payable?.months ?? []) {
    if (payableMonth.period.start >= month.start) {
      if (payableMonth.period.start === month.start)
        current = {
          accrued: payableMonth.accrued.plus(payableMonth.trueUp),
          paid: payableMonth.paid,
        };
      break;
    }
    const earlier = monthExcess(source, payableMonth.period);
    opening = opening
      .plus(payableMonth.accrued)
      .plus(payableMonth.trueUp)
      .minus(earlier.toPayable)
      .minus(payableMonth.paid);
  }
  const accruedMonth = source.accrual?.months.find((m) => m.period.label === month.label);
  const excess = monthExcess(source, month);
  const accrued = current?.accrued ?? ZERO;
  const paid = current?.paid ?? ZERO;
  return {
    feesAccrued: accruedMonth ? monthFee(accruedMonth) : ZERO,
    accrualEntries: of(["accrual", "true-up", "reimbursement true-up"]),
    paymentsInMonth: paid,
    paymentEntries: of(["payment"]),
    excess: excess.total,
    opening,
    excessToPayable: excess.toPayable,
    closing: opening.plus(accrued).minus(excess.toPayable).minus(paid),
  };
}
