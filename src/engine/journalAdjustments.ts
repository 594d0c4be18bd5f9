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
  journalControl,
  type JournalKind,
  type JournalSource,
  monthJournal,
  type MonthJournal,
  type MonthJournalInput,
  type PortfolioJournal,
  portfolioCodeClashes,
} from "./journal";
import { accountsFindings, type JournalAccounts } from "./journalAccounts";
import { formatMoney } from "./money";
import { monthOf, monthPeriod, type Period, periodName, quarterOf } from "./periods";
import type { Plan, PostedJournalRow, QuarterSignOff } from "./plan";
import {
  type ParsedJournalId,
  isPosted,
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
  /**
   * Only for a month already posted: the changes to posted figures since, as the
   * adjusting entries the next open month (`pendingIn`) will carry. Listed, never
   * posted or exported from this month (SPEC §7: a posted amount never changes).
   */
  pending: Journal[];
  pendingIn: string | null;
}

export interface AdjustedMonthJournal extends Omit<MonthJournal, "portfolios"> {
  portfolios: AdjustedPortfolioJournal[];
}

/** The month of `label` ("2026-12"). */
function periodOf(label: string): Period {
  const [year, month] = label.split("-").map(Number) as [number, number];
  return monthPeriod(year, month);
}

/** The month after `label` ("2026-12" → January 2027). */
function monthAfter(label: string): Period {
  return monthOf(periodOf(label).end + 1);
}

/** "2 December 2026". */
function longDate(value: Day): string {
  return `${Number(isoDate(value).slice(8))} ${periodName(monthOf(value))}`;
}

/**
 * A month already posted, shown as it was posted (SPEC §7 "never a silent change
 * to a posted amount"): each posted row of the month under its own Journal ID and
 * posted amount; every figure that has changed since — in this month or an
 * earlier one — is listed as pending for the first month after the last one
 * posted, where its adjusting entry will be entered.
 */
function asPosted(
  current: PortfolioJournal,
  input: MonthJournalInput,
  rows: readonly PostedJournalRow[]
): AdjustedPortfolioJournal {
  const names = input.portfolios.map((p) => p.settings.portfolio);
  const mine = rows
    .map((row) => ({ row, parsed: parseJournalId(row.journalId, names) }))
    .filter(({ parsed }) => parsed?.portfolio === current.portfolio);
  const lastPosted = mine.reduce(
    (last, { row }) => (row.period.trim() > last ? row.period.trim() : last),
    input.month.label
  );
  const next = monthAfter(lastPosted);
  const byId = new Map(current.journals.map((j) => [j.journalId, j]));
  const shown = mine
    .filter(({ row }) => row.period.trim() === input.month.label)
    .map(({ row, parsed }): Journal => {
      const now = byId.get(row.journalId.trim());
      if (now && now.amount.equals(row.amount)) return now;
      const [debit, credit] = accountsOf(
        parseJournalId(parsed!.original, names)?.kind ?? parsed!.kind,
        current.accounts
      );
      return {
        journalId: row.journalId.trim(),
        portfolio: current.portfolio,
        kind: parsed!.kind,
        period: input.month.label,
        date: now?.date ?? Math.min(input.month.end, input.asOf),
        fundCode: current.accounts.fundCode,
        classCode: current.accounts.classCode,
        description: `As posted${row.postedOn === null ? "" : ` on ${longDate(row.postedOn)}`}: ${formatMoney(row.amount)}; the posted amount is not changed — a change since is entered in ${periodName(next)}`,
        source: `Posted journals row for ${row.journalId.trim()}`,
        amount: row.amount,
        lines: entryLines(row.amount, debit, credit),
        ...(parsed!.kind === "adjustment" ? { cites: parsed!.original } : {}),
      };
    });
  const journals = shown.filter((j) => j.kind !== "adjustment");
  const source = input.portfolios.find((p) => p.settings.portfolio === current.portfolio)!;
  const pending = changedJournals(input, rows, next.label)
    .filter((c) => c.parsed.portfolio === current.portfolio)
    .map((c) =>
      adjustingEntry(
        c,
        current.accounts,
        next,
        Math.min(next.end, Math.max(next.start, input.asOf))
      )
    );
  return {
    ...current,
    journals,
    adjustments: shown.filter((j) => j.kind === "adjustment"),
    control: journalControl(source, input.month, journals),
    pending,
    pendingIn: next.label,
  };
}

/**
 * The month's journal with, for each portfolio, its adjusting entries: one
 * per posted journal of an earlier month whose figure has changed, for the
 * difference, dated on the month's last day (or the as-of day) and citing the
 * original ID. Posting the same figures twice adds none. A portfolio whose
 * month is already posted is shown as posted, its changes pending (`asPosted`).
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
  const portfolios = journal.portfolios.map((p): AdjustedPortfolioJournal =>
    isPosted(rows, p.portfolio, input.month.label)
      ? asPosted(p, input, rows)
      : {
          ...p,
          adjustments: changed
            .filter((c) => c.parsed.portfolio === p.portfolio)
            .map((c) => adjustingEntry(c, p.accounts, input.month, journal.through)),
          pending: [],
          pendingIn: null,
        }
  );
  const notes = [...journal.notes];
  for (const p of portfolios)
    if (p.pendingIn !== null) {
      const next = periodName(periodOf(p.pendingIn));
      notes.push(
        p.pending.length === 0
          ? `${p.portfolio}: ${periodName(input.month)} is already posted; its entries are shown as posted, and no posted figure has changed since.`
          : `${p.portfolio}: ${periodName(input.month)} is already posted; its entries are shown as posted (a posted amount is never changed), and the ${p.pending.length === 1 ? "change" : `${p.pending.length} changes`} since ${p.pending.length === 1 ? "is" : "are"} listed as pending: ${p.pending.length === 1 ? "it is" : "they are"} entered in ${next}'s journal when that month is posted.`
      );
    }
  return { ...journal, portfolios, notes };
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
 * Every journal finding of a plan, for `check` (through `evaluatePlan`, when
 * the plan has either table) and for the journal (which refuses on any): two
 * portfolios whose Journal IDs would clash, the `Accounts` rows, the `Posted
 * journals` rows, and adjustments into board-reviewed quarters.
 */
export function journalFindings(
  plan: Pick<Plan, "accounts" | "postedJournals" | "payments" | "reviews">,
  portfolios: readonly JournalSource[],
  asOf: Day
): PlanException[] {
  const names = portfolios.map((p) => p.settings.portfolio);
  return [
    ...portfolioCodeClashes(portfolios.map((p) => p.settings)),
    ...accountsFindings(plan.accounts ?? [], names),
    ...postedJournalFindings(
      { portfolios, payments: plan.payments, accounts: plan.accounts ?? [], asOf },
      plan.postedJournals ?? [],
      plan.reviews ?? []
    ),
  ];
}
