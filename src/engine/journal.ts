/**
 * The month-end close (SPEC §7): the general-ledger journal entries of one
 * month, written from the plan's evaluation — the same figures `check` and
 * the quarterly report show — never recomputed here:
 * - accrual: Dr 12b-1 distribution expense – Class B / Cr distribution fees
 *   payable, the fees booked in the month (Plan §1 "accrued daily");
 * - true-up: the daily-rounding true-up and the reimbursement true-up (SPEC §2),
 *   the same accounts, reversed when negative;
 * - payment: Dr payable / Cr cash, on the payment's date (Plan §1 "paid monthly");
 * - excess over the cap: fees above the month's maximum allowable (Plan §1
 *   "not to exceed .50%") are not borne by the fund: Dr payable (or due from
 *   the distributor, for the part already paid) / Cr expense.
 *
 * DOMAIN.md: Growth, November 2026, .35% on 100,000,000 every day →
 * accrual 100,000,000 × .0035 × 30 / 365 = 28,767.12.
 */
import type { AccrualResult, MonthAccrual } from "./accrual";
import { monthFee } from "./accrual";
import type { CapTest } from "./cap";
import { civilFromDay, type Day, isoDate } from "./calendar";
import type { BillingPeriodRow } from "./carryforward";
import { Decimal, roundCents, sum, ZERO } from "./decimal";
import { journalAccounts, type JournalAccounts } from "./journalAccounts";
import { formatMoney } from "./money";
import type { PayableLedger } from "./payable";
import { monthOf, type Period, periodName } from "./periods";
import type { AccountsRow, Payment, PortfolioSettings } from "./plan";

export type JournalKind =
  | "accrual"
  | "true-up"
  | "reimbursement true-up"
  | "payment"
  | "excess over the cap"
  | "adjustment";

/** The short code of each kind in a Journal ID. */
export const KIND_CODES: Record<JournalKind, string> = {
  accrual: "ACC",
  "true-up": "TRU",
  "reimbursement true-up": "RTU",
  payment: "PAY",
  "excess over the cap": "EXC",
  adjustment: "ADJ",
};

export interface JournalLine {
  account: string;
  debit: Decimal;
  credit: Decimal;
}

/** One journal entry: balanced lines, an ID that is the same on every run, and where its figure came from. */
export interface Journal {
  /** `<portfolio>-<period or day>-<kind>`, e.g. "Growth-2026-11-ACC" (see `journalId`). */
  journalId: string;
  portfolio: string;
  kind: JournalKind;
  /** The month the entry belongs to, "2026-11". */
  period: string;
  date: Day;
  fundCode: string;
  classCode: string;
  description: string;
  /** The engine figure the amount is, in words an auditor can trace. */
  source: string;
  /** The figure, signed as the engine has it (a true-up is negative); the lines carry it positive. */
  amount: Decimal;
  lines: JournalLine[];
  /** For an adjustment: the Journal ID it corrects. */
  cites?: string;
}

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

export interface PortfolioJournal {
  portfolio: string;
  accounts: JournalAccounts;
  journals: Journal[];
  control: JournalControl;
}

export interface MonthJournal {
  month: Period;
  /** Through this day (a preliminary month runs through the as-of date only). */
  through: Day;
  preliminary: boolean;
  byDay: boolean;
  portfolios: PortfolioJournal[];
  /** Sentences for the sheet (default accounts used, …). */
  notes: string[];
}

/**
 * What the journal reads of one portfolio's evaluation: a `PortfolioEvaluation`
 * fits (named structurally, so this module does not import `evaluatePlan`).
 */
export interface JournalSource {
  settings: PortfolioSettings;
  accrual: Pick<AccrualResult, "months" | "runs"> | null;
  payable: PayableLedger | null;
  capTests: readonly CapTest[];
  carryforward: readonly BillingPeriodRow[];
  through: Day | null;
}

export interface MonthJournalInput {
  portfolios: readonly JournalSource[];
  payments: readonly Payment[];
  accounts?: readonly AccountsRow[];
  month: Period;
  asOf: Day;
  /** One accrual entry per day instead of per month (`--by day`). */
  byDay?: boolean;
}

const key = (name: string) => name.trim().toLowerCase();

/** The portfolio as a Journal ID segment: letters and digits, runs of anything else one "-". `portfolioCode("Mid Cap")` → "Mid-Cap". */
export function portfolioCode(portfolio: string): string {
  return (
    portfolio
      .trim()
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "P"
  );
}

/**
 * A deterministic Journal ID: portfolio, period (a month "2026-11" or a day
 * "2026-12-05") and kind; `n` > 1 tells apart two payments on one day.
 *
 * @example journalId("Growth", "2026-11", "accrual") // → "Growth-2026-11-ACC"
 */
export function journalId(portfolio: string, period: string, kind: JournalKind, n = 1): string {
  return `${portfolioCode(portfolio)}-${period}-${KIND_CODES[kind]}${n > 1 ? `-${n}` : ""}`;
}

/** ".35%": a rate as the plan writes it (Plan §1 ".50%"). */
export function rateText(annualRate: Decimal): string {
  return `${annualRate
    .times(100)
    .toDecimalPlaces(4)
    .toString()
    .replace(/^0(?=\.)/, "")}%`;
}

/** "Growth Portfolio Class B" (a name that already ends in "Portfolio" is not doubled). */
function classOf(portfolio: string): string {
  return `${portfolio}${/portfolio$/i.test(portfolio.trim()) ? "" : " Portfolio"} Class B`;
}

/** "5 December 2026". */
function dayText(d: Day): string {
  const { day } = civilFromDay(d);
  return `${day} ${periodName(monthOf(d))}`;
}

/**
 * The two lines of a signed figure: a positive one debits `debit` and credits
 * `credit`, a negative one the other way round, so every entry balances.
 */
export function entryLines(amount: Decimal, debit: string, credit: string): JournalLine[] {
  const value = amount.abs();
  return amount.isNegative()
    ? [
        { account: credit, debit: value, credit: ZERO },
        { account: debit, debit: ZERO, credit: value },
      ]
    : [
        { account: debit, debit: value, credit: ZERO },
        { account: credit, debit: ZERO, credit: value },
      ];
}

/** The average daily net assets and rates the month's fee accrued on (its runs), for the description. */
function feeBasis(
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
function dailyBookings(
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

function portfolioJournal(
  source: JournalSource,
  input: MonthJournalInput,
  through: Day
): PortfolioJournal {
  const { settings } = source;
  const name = settings.portfolio;
  const { month } = input;
  const accounts = journalAccounts(name, input.accounts);
  const journals: Journal[] = [];
  const base = {
    portfolio: name,
    period: month.label,
    fundCode: accounts.fundCode,
    classCode: accounts.classCode,
  };
  const who = classOf(name);
  const when = periodName(month);
  const accrued = source.accrual?.months.find((m) => m.period.label === month.label);

  if (accrued && source.accrual) {
    if (input.byDay) {
      for (const d of dailyBookings(source.accrual, accrued, settings.rounding))
        journals.push({
          ...base,
          journalId: journalId(name, isoDate(d.date), "accrual"),
          kind: "accrual",
          date: d.date,
          description: `12b-1 fee accrued, ${who}, ${dayText(d.date)}, ${rateText(d.annualRate)} on net assets of ${formatMoney(d.netAssets)}`,
          source: `Fee booked for ${isoDate(d.date)}`,
          amount: d.amount,
          lines: entryLines(d.amount, accounts.expense, accounts.payable),
        });
    } else if (!accrued.booked.isZero()) {
      const basis = feeBasis(source.accrual, month.start, month.end);
      journals.push({
        ...base,
        journalId: journalId(name, month.label, "accrual"),
        kind: "accrual",
        date: Math.min(month.end, through),
        description: `12b-1 fee accrued, ${who}, ${when}, ${basis.rates.map(rateText).join(" and ")} on average daily net assets of ${basis.average ? formatMoney(basis.average) : "—"}`,
        source: `Fees booked in ${when}: ${formatMoney(accrued.booked)} (${accrued.days} days)`,
        amount: accrued.booked,
        lines: entryLines(accrued.booked, accounts.expense, accounts.payable),
      });
    }
    if (!accrued.trueUp.isZero())
      journals.push({
        ...base,
        journalId: journalId(name, month.label, "true-up"),
        kind: "true-up",
        date: month.end,
        description: `Month-end true-up of daily-rounded 12b-1 fees to the exact total, ${who}, ${when}`,
        source: `Rounded exact total less days booked: ${formatMoney(accrued.trueUp)}`,
        amount: accrued.trueUp,
        lines: entryLines(accrued.trueUp, accounts.expense, accounts.payable),
      });
    if (!accrued.reimbursementTrueUp.isZero()) {
      const row = source.carryforward.find((r) => r.period.end === month.end);
      journals.push({
        ...base,
        journalId: journalId(name, month.label, "reimbursement true-up"),
        kind: "reimbursement true-up",
        date: month.end,
        description: `Reimbursement true-up, ${who}, ${row ? periodName(row.period) : when}: reimbursable ${row ? formatMoney(row.paid) : "—"} (expenses and carryforward, within the maximum) against ${row ? formatMoney(row.accrued) : "—"} accrued`,
        source: `Reimbursed less accrued for the billing period: ${formatMoney(accrued.reimbursementTrueUp)}`,
        amount: accrued.reimbursementTrueUp,
        lines: entryLines(accrued.reimbursementTrueUp, accounts.expense, accounts.payable),
      });
    }
  }

  const excess = monthExcess(source, month);
  if (!excess.total.isZero() && excess.test) {
    const lines: JournalLine[] = [];
    if (!excess.toPayable.isZero())
      lines.push({ account: accounts.payable, debit: excess.toPayable, credit: ZERO });
    if (!excess.toDueFrom.isZero())
      lines.push({ account: accounts.dueFromDistributor, debit: excess.toDueFrom, credit: ZERO });
    lines.push({ account: accounts.expense, debit: ZERO, credit: excess.total });
    journals.push({
      ...base,
      journalId: journalId(name, month.label, "excess over the cap"),
      kind: "excess over the cap",
      date: Math.min(month.end, through),
      description: `Fees above the Plan §1 maximum allowable, not borne by the fund, ${who}, ${when}: fees ${formatMoney(excess.test.accrued.plus(excess.test.carryforwardPaid))} against a maximum of ${formatMoney(excess.test.maximum)}${excess.toDueFrom.isZero() ? "" : ` (${formatMoney(excess.toDueFrom)} already paid, due from the distributor)`}`,
      source: `Maximum allowable less fees for ${when}: ${formatMoney(excess.test.headroom)}`,
      amount: excess.total,
      lines,
    });
  }

  // No usable NAV series, no ledger: its payments are not journaled either (the runner refuses such a workbook).
  const payments = input.payments
    .filter(
      (p) =>
        source.payable !== null &&
        key(p.portfolio) === key(name) &&
        p.date >= month.start &&
        p.date <= through
    )
    .sort((a, b) => a.date - b.date);
  const perDay = new Map<Day, number>();
  for (const payment of payments) {
    const n = (perDay.get(payment.date) ?? 0) + 1;
    perDay.set(payment.date, n);
    journals.push({
      ...base,
      journalId: journalId(name, isoDate(payment.date), "payment", n),
      kind: "payment",
      date: payment.date,
      description: `12b-1 fee paid to the distributor, ${who}, ${dayText(payment.date)}${payment.reference.trim() ? `, reference ${payment.reference.trim()}` : ""}`,
      source:
        payment.source?.row !== undefined ? `Payments row ${payment.source.row}` : "Payments table",
      amount: payment.amount,
      lines: entryLines(payment.amount, accounts.payable, accounts.cash),
    });
  }

  return { portfolio: name, accounts, journals, control: control(source, month, journals) };
}

/** The month's control totals and the payable's roll-forward, from the evaluation's payable ledger. */
function control(
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

/**
 * The journal entries of `month` for every portfolio, from the evaluation's
 * figures (SPEC §7). A month not finished by `asOf` runs through `asOf` only
 * (the caller refuses it unless asked for as preliminary).
 *
 * @example
 * const evaluation = evaluatePlan(plan, { asOf: day("2026-12-31") });
 * monthJournal({ portfolios: evaluation.portfolios, payments: plan.payments, month: monthPeriod(2026, 11), asOf })
 * // → Growth: "Growth-2026-11-ACC" Dr 12b-1 distribution expense – Class B 28,767.12 / Cr Distribution fees payable 28,767.12
 */
export function monthJournal(input: MonthJournalInput): MonthJournal {
  const through = Math.min(input.month.end, input.asOf);
  const portfolios = input.portfolios.map((p) => portfolioJournal(p, input, through));
  const notes: string[] = [];
  const blocked = input.portfolios
    .filter((p) => p.accrual === null)
    .map((p) => p.settings.portfolio);
  if (blocked.length > 0)
    notes.push(
      `No entries for ${blocked.join(", ")}: no fee could be computed (no usable NAV history; see check).`
    );
  const defaults = portfolios.filter((p) => p.accounts.from === "default").map((p) => p.portfolio);
  if (defaults.length > 0)
    notes.push(
      `No Accounts row for ${defaults.join(", ")} (nor one for All): the entries use descriptive default account names; add an Accounts table on the Plan sheet with the fund's own account numbers before importing them.`
    );
  return {
    month: input.month,
    through,
    preliminary: input.month.end > input.asOf,
    byDay: Boolean(input.byDay),
    portfolios,
    notes,
  };
}

/** Debits and credits of a journal (equal for every journal this module writes). */
export function journalTotals(journal: Pick<Journal, "lines">): {
  debit: Decimal;
  credit: Decimal;
} {
  return {
    debit: sum(journal.lines.map((l) => l.debit)),
    credit: sum(journal.lines.map((l) => l.credit)),
  };
}
