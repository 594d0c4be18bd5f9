/**
 * The `Posted journals` table's rows (SPEC §7): Journal IDs read back, the
 * seal rule12b1 writes beside each row so a hand edit is found, the row that
 * records an entry, the findings on rows edited by hand or never written by
 * rule12b1, and what is posted already.
 */
import { type Day, isoDate } from "./calendar";
import { type Decimal, ZERO } from "./decimal";
import { exception, type PlanException } from "./exceptions";
import { type Journal, type JournalKind, KIND_CODES, portfolioCode } from "./journalEntry";
import { formatMoney } from "./money";
import type { PostedJournalRow } from "./plan";
import { fnv1a64 } from "./fnv1a64";

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
export function postedTotals(
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
