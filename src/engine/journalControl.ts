/**
 * The month's control totals (SPEC §7 "ties to the report"): accrual and
 * true-up entries against the fees accrued, payment entries against the
 * payments of the month, and the payable's roll-forward — opening + accrued −
 * excess over the cap − paid = closing — from the evaluation's payable ledger;
 * and the excess over the month's maximum that the journal reverses.
 */
import { monthFee } from "./accrual";
import type { CapTest } from "./cap";
import { type Decimal, sum, ZERO } from "./decimal";
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
  /** Excess over the cap entered in the month (the journal's entry, from the month's cap test). */
  excess: Decimal;
  /** Distribution fees payable: opening + accrued − excess charged to it − paid = closing. */
  opening: Decimal;
  /** The payable ledger's fees not borne this month: the same figure, off the payable. */
  excessToPayable: Decimal;
  closing: Decimal;
}

/**
 * The excess over the month's maximum (its cap test), reversed from the payable
 * in full: the payable ledger already leaves it out of what is due (SPEC §7), so
 * a payment of the whole fee shows as overpaid by it there — owed back by the
 * distributor — and the journal's payable ties to the report's.
 */
export function monthExcess(
  source: Pick<JournalSource, "capTests" | "payable">,
  month: Period
): { total: Decimal; test: CapTest | null } {
  const test =
    source.capTests.find(
      (t) => t.period.kind === "month" && t.period.start === month.start && t.breach
    ) ?? null;
  return test ? { total: test.headroom.negated(), test } : { total: ZERO, test: null };
}

/** The month's control totals and the payable's roll-forward: the evaluation's payable ledger, month by month. */
export function journalControl(
  source: JournalSource,
  month: Period,
  journals: readonly Journal[]
): JournalControl {
  const of = (kinds: readonly JournalKind[]) =>
    sum(journals.filter((j) => kinds.includes(j.kind)).map((j) => j.amount));
  const months = source.payable?.months ?? [];
  const current = months.find((m) => m.period.start === month.start);
  // A month before the ledger's first holds nothing; one after its last opens on its closing.
  const opening =
    current?.opening ?? months.filter((m) => m.period.end < month.start).at(-1)?.closing ?? ZERO;
  const accruedMonth = source.accrual?.months.find((m) => m.period.label === month.label);
  const excess = monthExcess(source, month);
  const accrued = current ? current.accrued.plus(current.trueUp) : ZERO;
  const paid = current?.paid ?? ZERO;
  return {
    feesAccrued: accruedMonth ? monthFee(accruedMonth) : ZERO,
    accrualEntries: of(["accrual", "true-up", "reimbursement true-up"]),
    paymentsInMonth: paid,
    paymentEntries: of(["payment"]),
    excess: excess.total,
    opening,
    excessToPayable: current?.excess ?? ZERO,
    closing: current?.closing ?? opening.plus(accrued).minus(paid),
  };
}
