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
  KIND_CODES,
  monthJournal,
  type MonthJournal,
  type MonthJournalInput,
  portfolioCode,
  type PortfolioJournal,
} from "./journal";
import { accountsFindings, type JournalAccounts } from "./journalAccounts";
import { formatMoney } from "./money";
import { monthPeriod, type Period, periodName, quarterOf } from "./periods";
import type { Plan, PostedJournalRow, QuarterSignOff } from "./plan";
import { fnv1a64 } from "./reviewLock";

/** A Journal ID read back: whose, which month, which kind, and for an adjustment the ID it cites. */
export interface ParsedJournalId {
  portfolio: string;
  /** "2026-11" */
  period: string;
  kind: JournalKind;
  /** The original entry's ID (itself, unless this is an adjustment). */
  original: string;
  /** For an original: whether it is one day's accrual (`--by day`). */
  byDay: boolean;
}

const ADJUSTMENT = /^(.+)-ADJ-(\d{4}-\d{2})$/;
const ORIGINAL = /^(.+)-(\d{4}-\d{2})(-\d{2})?-([A-Z]{3})(-\d+)?$/;
const KIND_BY_CODE = new Map(
  (Object.entries(KIND_CODES) as [JournalKind, string][]).map(([kind, code]) => [code, kind])
);

/**
 * Reads a Journal ID this module's `journalId` wrote, for one of `portfolios`; null otherwise.
 *
 * @example parseJournalId("Growth-2026-11-ACC-ADJ-2026-12", ["Growth"]) // → { portfolio: "Growth", period: "2026-12", kind: "adjustment", original: "Growth-2026-11-ACC", byDay: false }
 */
export function parseJournalId(id: string, portfolios: readonly string[]): ParsedJournalId | null {
  const text = id.trim();
  const adjustment = ADJUSTMENT.exec(text);
  if (adjustment) {
    const original = parseJournalId(adjustment[1]!, portfolios);
    return original && original.kind !== "adjustment"
      ? { ...original, period: adjustment[2]!, kind: "adjustment", original: original.original }
      : null;
  }
  const match = ORIGINAL.exec(text);
  if (!match) return null;
  const kind = KIND_BY_CODE.get(match[4]!);
  const portfolio = portfolios.find((p) => portfolioCode(p) === match[1]);
  if (!kind || kind === "adjustment" || portfolio === undefined) return null;
  const byDay = match[3] !== undefined;
  // A payment is always by day; an accrual may be; the others are by month.
  if (byDay !== (kind === "payment") && !(byDay && kind === "accrual")) return null;
  return { portfolio, period: match[2]!, kind, original: text, byDay };
}

/**
 * The seal rule12b1 writes beside each posted row: a hash of what was posted,
 * so an amount edited by hand is found (issue 21 "Bad input").
 *
 * @example postingSeal({ journalId: "Growth-2026-11-ACC", period: "2026-11", account: "Expense", amount: new Decimal("28767.12"), postedOn: day("2026-12-02") }) // → 16 hex digits
 */
export function postingSeal(
  row: Pick<PostedJournalRow, "journalId" | "period" | "account" | "amount" | "postedOn">
): string {
  return fnv1a64(
    [
      row.journalId.trim(),
      row.period.trim(),
      row.account.trim(),
      row.amount.toFixed(2),
      row.postedOn === null ? "" : isoDate(row.postedOn),
    ].join("|")
  );
}

/** The `Posted journals` row that records `journal`, posted on `postedOn`, sealed. */
export function postedRow(journal: Journal, postedOn: Day): PostedJournalRow {
  const row = {
    journalId: journal.journalId,
    period: journal.period,
    account: journal.lines.find((l) => !l.debit.isZero())?.account ?? "",
    amount: journal.amount,
    postedOn,
  };
  return { ...row, check: postingSeal(row) };
}

/**
 * Findings on the `Posted journals` rows: a row whose seal no longer matches
 * (edited by hand) or whose Journal ID rule12b1 never writes (unknown) — each
 * a located error, and nothing is posted while one stands.
 */
export function postedRowFindings(
  rows: readonly PostedJournalRow[],
  portfolios: readonly string[]
): PlanException[] {
  const found: PlanException[] = [];
  for (const row of rows) {
    const at = (column: string) => (row.source ? { source: { ...row.source, column } } : {});
    if (parseJournalId(row.journalId, portfolios) === null)
      found.push(
        exception(
          "error",
          "journal-input",
          `Posted journals holds Journal ID "${row.journalId}", which rule12b1 did not write (no such portfolio or kind); a posted row is never typed by hand.`,
          at("Journal ID")
        )
      );
    else if (row.check.trim() !== postingSeal(row))
      found.push(
        exception(
          "error",
          "journal-input",
          `Posted journals row for "${row.journalId}" was changed after posting (its amount ${formatMoney(row.amount)} or another cell is not what was posted). A posted amount is never edited: restore it; rule12b1 adjusts changed figures in the next open month.`,
          at("Amount")
        )
      );
  }
  return found;
}

/** Σ posted per original Journal ID (the original and its posted adjustments). */
function postedTotals(
  rows: readonly PostedJournalRow[],
  portfolios: readonly string[]
): Map<string, { parsed: ParsedJournalId; amount: Decimal; periods: Set<string> }> {
  const totals = new Map<
    string,
    { parsed: ParsedJournalId; amount: Decimal; periods: Set<string> }
  >();
  for (const row of rows) {
    const parsed = parseJournalId(row.journalId, portfolios);
    if (!parsed) continue;
    const original = parseJournalId(parsed.original, portfolios)!;
    const entry = totals.get(parsed.original) ?? {
      parsed: original,
      amount: ZERO,
      periods: new Set(),
    };
    entry.amount = entry.amount.plus(row.amount);
    entry.periods.add(parsed.period);
    totals.set(parsed.original, entry);
  }
  return totals;
}

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

/** Whether any journal of `period` ("2026-11") for `portfolio` is posted. */
export function isPosted(
  rows: readonly PostedJournalRow[],
  portfolio: string,
  period: string
): boolean {
  const prefix = `${portfolioCode(portfolio)}-${period}`;
  return rows.some((row) => row.period.trim() === period && row.journalId.startsWith(prefix));
}

/** Journals of `journal` not yet in `rows` (by ID): what `--post` appends; none when all are posted. */
export function toPost(journals: readonly Journal[], rows: readonly PostedJournalRow[]): Journal[] {
  const posted = new Set(rows.map((r) => r.journalId.trim()));
  return journals.filter((j) => !posted.has(j.journalId));
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
