/**
 * Posted, then adjusted, never rewritten (SPEC §7): `Posted journals` records
 * what was posted; when a posted period's figure later changes (a restated
 * NAV, a late vote), the next month's journal carries an adjusting entry for
 * the difference, dated in that open month and citing the original Journal
 * ID. A posted amount is never changed; posting the same figures again adds
 * nothing.
 *
 * DOMAIN.md: November 2026 posted at 28,767.12; a NAV restated afterwards
 * raises November's fee by 12.34 → December's journal holds
 * "Growth-2026-11-ACC-ADJ-2026-12", 12.34, Dr expense / Cr payable.
 */
import { type Day, isoDate } from "./calendar";
import { type Decimal, ZERO } from "./decimal";
import { exception, type PlanException } from "./exceptions";
import {
  entryLines,
  type Journal,
  type JournalKind,
  type JournalSource,
  monthJournal,
  type MonthJournal,
  type MonthJournalInput,
  type PortfolioJournal,
} from "./journal";
import { accountsFindings, type JournalAccounts } from "./journalAccounts";
import { formatMoney } from "./money";
import { monthPeriod, type Period, periodName, quarterOf } from "./periods";
import type { Plan, PostedJournalRow, QuarterSignOff } from "./plan";
import {
  type ParsedJournalId,
  parseJournalId,
  postedRowFindings,
  postedTotals,
} from "./postedJournals";

export * from "./postedJournals";

/** The accounts of an entry of `kind`, debit then credit for a positive figure. */
function accountsOf(kind: JournalKind, accounts: JournalAccounts): [string, string] {
  switch (kind) {
    case "payment":
      return [accounts.payable, accounts.cash];
    case "excess over the cap":
      return [accounts.payable, accounts.expense];
    default:
      return [accounts.expense, accounts.payable];
  }
}

/** A month's figures by Journal ID, computed once per month and kind of split. */
function currentFigures(input: Omit<MonthJournalInput, "month" | "byDay">) {
  const cache = new Map<string, Map<string, Journal>>();
  return (period: string, byDay: boolean): Map<string, Journal> => {
    const cacheKey = `${period}|${byDay}`;
    let figures = cache.get(cacheKey);
    if (!figures) {
      const [year, month] = period.split("-").map(Number) as [number, number];
      const journal = monthJournal({ ...input, month: monthPeriod(year, month), byDay });
      figures = new Map(journal.portfolios.flatMap((p) => p.journals.map((j) => [j.journalId, j])));
      cache.set(cacheKey, figures);
    }
    return figures;
  };
}

/** A posted journal whose figure has changed since: what was posted, what it is now. */
export interface ChangedJournal {
  original: string;
  parsed: ParsedJournalId;
  posted: Decimal;
  now: Decimal;
  current: Journal | undefined;
}

/** Every posted journal of a month before `before` ("2026-12") whose figure is no longer what was posted. */
export function changedJournals(
  input: Omit<MonthJournalInput, "month" | "byDay">,
  rows: readonly PostedJournalRow[],
  before: string
): ChangedJournal[] {
  const names = input.portfolios.map((p) => p.settings.portfolio);
  const figures = currentFigures(input);
  const changed: ChangedJournal[] = [];
  const totals = postedTotals(rows, names);
  // Each posted portfolio-month, and whether its accruals were posted day by day.
  const postedMonths = new Map<string, { portfolio: string; period: string; byDay: boolean }>();
  for (const [original, { parsed, amount }] of totals) {
    if (parsed.period >= before) continue;
    const byDay = parsed.byDay && parsed.kind === "accrual";
    const monthKey = `${parsed.portfolio}|${parsed.period}`;
    const seen = postedMonths.get(monthKey);
    postedMonths.set(monthKey, {
      portfolio: parsed.portfolio,
      period: parsed.period,
      byDay: byDay || Boolean(seen?.byDay),
    });
    const current = figures(parsed.period, byDay).get(original);
    const now = current?.amount ?? ZERO;
    if (!now.equals(amount)) changed.push({ original, parsed, posted: amount, now, current });
  }
  // An entry a posted month has now and did not have then (an excess that appeared, a payment
  // recorded late): its whole amount is the change.
  for (const { portfolio, period, byDay } of postedMonths.values())
    for (const [id, journal] of figures(period, byDay)) {
      if (journal.portfolio !== portfolio || journal.period !== period || totals.has(id)) continue;
      const parsed = parseJournalId(id, names);
      if (parsed)
        changed.push({ original: id, parsed, posted: ZERO, now: journal.amount, current: journal });
    }
  return changed.sort((a, b) => a.original.localeCompare(b.original));
}

/** A portfolio's month with its adjusting entries. */
export interface AdjustedPortfolioJournal extends PortfolioJournal {
  /** Adjustments of earlier posted months, entered in this one. */
  adjustments: Journal[];
}

export interface AdjustedMonthJournal extends Omit<MonthJournal, "portfolios"> {
  portfolios: AdjustedPortfolioJournal[];
}

/**
 * The month's journal with, for each portfolio, its adjusting entries: one
 * per posted journal of an earlier month whose figure has changed, for the
 * difference, dated on the month's last day (or the as-of day) and citing the
 * original ID. Posting the same figures twice adds none.
 *
 * @example journalWithAdjustments({ …input, month: monthPeriod(2026, 12) }, posted).portfolios[0].adjustments
 * // → [{ journalId: "Growth-2026-11-ACC-ADJ-2026-12", amount: 12.34, cites: "Growth-2026-11-ACC", … }]
 */
export function journalWithAdjustments(
  input: MonthJournalInput,
  rows: readonly PostedJournalRow[]
): AdjustedMonthJournal {
  const journal = monthJournal(input);
  const changed = changedJournals(input, rows, input.month.label);
  return {
    ...journal,
    portfolios: journal.portfolios.map((p) => ({
      ...p,
      adjustments: changed
        .filter((c) => c.parsed.portfolio === p.portfolio)
        .map((c) => adjustingEntry(c, p.accounts, input.month, journal.through)),
    })),
  };
}

function adjustingEntry(
  change: ChangedJournal,
  accounts: JournalAccounts,
  month: Period,
  date: Day
): Journal {
  const difference = change.now.minus(change.posted);
  const [debit, credit] = accountsOf(change.parsed.kind, accounts);
  const [year, m] = change.parsed.period.split("-").map(Number) as [number, number];
  return {
    journalId: `${change.original}-ADJ-${month.label}`,
    portfolio: change.parsed.portfolio,
    kind: "adjustment",
    period: month.label,
    date,
    fundCode: accounts.fundCode,
    classCode: accounts.classCode,
    description: `Adjustment to ${change.original} (${change.parsed.kind}, ${periodName(monthPeriod(year, m))}): posted ${formatMoney(change.posted)}, now ${formatMoney(change.now)}; the difference is entered in ${periodName(month)}, the posted amount is not changed`,
    source: change.current?.source ?? `No ${change.parsed.kind} for that period any more`,
    amount: difference,
    lines: entryLines(difference, debit, credit),
    cites: change.original,
  };
}

/**
 * `check`'s findings on posted journals (SPEC §7): hand-edited or unknown
 * rows, and a posted journal of a board-reviewed (locked) quarter whose
 * figure has changed — its adjustment is an exception (SPEC §5 "Review lock").
 */
export function postedJournalFindings(
  input: Omit<MonthJournalInput, "month" | "byDay">,
  rows: readonly PostedJournalRow[],
  reviews: readonly QuarterSignOff[]
): PlanException[] {
  const names = input.portfolios.map((p) => p.settings.portfolio);
  const found = postedRowFindings(rows, names);
  if (rows.length === 0) return found;
  const locked = new Map(
    reviews
      .filter((r) => r.boardReview !== null)
      .map((r) => [r.quarter.trim().toUpperCase().replace(/[\s-]/g, ""), r.boardReview!])
  );
  for (const change of changedJournals(input, rows, "9999-99")) {
    const [year, m] = change.parsed.period.split("-").map(Number) as [number, number];
    const quarter = quarterOf(monthPeriod(year, m).start);
    const reviewed = locked.get(quarter.label);
    if (reviewed === undefined) continue;
    found.push(
      exception(
        "error",
        "journal-adjustment-locked",
        `${change.parsed.portfolio}: ${change.original} was posted as ${formatMoney(change.posted)} for ${periodName(monthPeriod(year, m))}, in ${periodName(quarter)} which the board reviewed on ${isoDate(reviewed)}; its figure is now ${formatMoney(change.now)}, so the next journal adjusts it by ${formatMoney(change.now.minus(change.posted))}.`,
        { portfolio: change.parsed.portfolio, date: monthPeriod(year, m).end }
      )
    );
  }
  return found;
}

/**
 * Every journal finding of a plan, for `check` (through `evaluatePlan`): the
 * `Accounts` rows, the `Posted journals` rows, and adjustments into
 * board-reviewed quarters. Empty when the plan has neither table.
 */
export function journalFindings(
  plan: Pick<Plan, "accounts" | "postedJournals" | "payments" | "reviews">,
  portfolios: readonly JournalSource[],
  asOf: Day
): PlanException[] {
  const names = portfolios.map((p) => p.settings.portfolio);
  return [
    ...accountsFindings(plan.accounts ?? [], names),
    ...postedJournalFindings(
      { portfolios, payments: plan.payments, accounts: plan.accounts ?? [], asOf },
      plan.postedJournals ?? [],
      plan.reviews ?? []
    ),
  ];
}
