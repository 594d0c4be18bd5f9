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
import { civilFromDay, type Day, isoDate } from "./calendar";
import { formatMoney } from "./money";
import { journalAccounts, type JournalAccounts } from "./journalAccounts";
import { journalControl, type JournalControl, monthExcess } from "./journalControl";
import { dailyBookings, feeBasis } from "./journalDays";
import {
  entryLines,
  type Journal,
  journalId,
  type JournalLine,
  type JournalSource,
  rateText,
} from "./journalEntry";
import { monthOf, type Period, periodName } from "./periods";
import type { AccountsRow, Payment } from "./plan";
import { ZERO } from "./decimal";

export * from "./journalEntry";
export { journalControl, type JournalControl, monthExcess } from "./journalControl";

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
/** "Growth Portfolio Class B" (a name that already ends in "Portfolio" is not doubled). */
function classOf(portfolio: string): string {
  return `${portfolio}${/portfolio$/i.test(portfolio.trim()) ? "" : " Portfolio"} Class B`;
}

/** "5 December 2026". */
function dayText(d: Day): string {
  const { day } = civilFromDay(d);
  return `${day} ${periodName(monthOf(d))}`;
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

  return { portfolio: name, accounts, journals, control: journalControl(source, month, journals) };
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
