/**
 * What the pane and the runner both do to close a month (SPEC §7), so the two
 * agree: read the month asked for, refuse one not finished (unless
 * preliminary) or a workbook whose Accounts or Posted journals rows are
 * wrong, evaluate the plan, build the journal with its adjustments, and
 * choose the rows `--post` appends.
 */
import { type DateSystem, type Day, isoDate, serialFromDay } from "../engine/calendar";
import { evaluatePlan } from "../engine/evaluatePlan";
import { describeSource, type PlanException } from "../engine/exceptions";
import {
  type AdjustedMonthJournal,
  isPosted,
  journalFindings,
  journalWithAdjustments,
  postedRow,
} from "../engine/journalAdjustments";
import { monthOf, monthPeriod, type Period, periodName } from "../engine/periods";
import type { Plan, PostedJournalRow } from "../engine/plan";
import { normalizeHeader } from "./schema";

/** "2026-11" (or "2026-1") as the month, or null. `parseMonth("2026-11")?.label` → "2026-11". */
export function parseMonth(text: string): Period | null {
  const match = /^\s*(\d{4})-(\d{1,2})\s*$/.exec(text);
  if (!match) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? monthPeriod(Number(match[1]), month) : null;
}

/** The last month that ended before `asOf`: on 2026-12-02 that is November 2026. */
export function lastFinishedMonth(asOf: Day): Period {
  return monthOf(monthOf(asOf).start - 1);
}

/**
 * Why `month` cannot be journaled as of `asOf` — not begun, or not ended and
 * not asked for as preliminary — or null (as the report refuses an unfinished quarter).
 */
export function unfinishedMonth(month: Period, asOf: Day, preliminary: boolean): string | null {
  const name = periodName(month);
  if (month.start > asOf)
    return `${name} has not begun on ${isoDate(asOf)}: there is nothing to journal yet.`;
  if (month.end > asOf && !preliminary)
    return `${name} has not ended on ${isoDate(asOf)} (it ends ${isoDate(month.end)}): ask for a preliminary journal to see it so far, marked PRELIMINARY.`;
  return null;
}

export interface JournalRequest {
  month: Period;
  asOf: Day;
  byDay?: boolean;
  portfoliosWithBadNetAssets?: ReadonlySet<string>;
}

/** The journal, or the located sentences why the Accounts or Posted journals rows stop it. */
export type BuiltJournal =
  { ok: true; journal: AdjustedMonthJournal } | { ok: false; problems: string[] };

function sentence(finding: PlanException): string {
  const where = finding.source ? describeSource(finding.source) : "";
  return where
    ? `${where.charAt(0).toUpperCase()}${where.slice(1)}: ${finding.message}`
    : finding.message;
}

/**
 * Evaluates the plan and builds `request.month`'s journal with its adjustments.
 *
 * `buildJournal(read.plan, { month: parseMonth("2026-11")!, asOf })` → `{ ok: true, journal }`
 */
export function buildJournal(plan: Plan, request: JournalRequest): BuiltJournal {
  const evaluation = evaluatePlan(plan, {
    asOf: request.asOf,
    ...(request.portfoliosWithBadNetAssets
      ? { portfoliosWithBadNetAssets: request.portfoliosWithBadNetAssets }
      : {}),
  });
  const blocking = journalFindings(plan, evaluation.portfolios, request.asOf).filter(
    (f) => f.rule === "journal-input"
  );
  if (blocking.length > 0) return { ok: false, problems: blocking.map(sentence) };
  const posted = plan.postedJournals ?? [];
  const journal = journalWithAdjustments(
    {
      portfolios: evaluation.portfolios,
      payments: plan.payments,
      accounts: plan.accounts ?? [],
      month: request.month,
      asOf: request.asOf,
      byDay: Boolean(request.byDay),
    },
    posted
  );
  // A month already posted is shown as posted, its changes pending (journalWithAdjustments, SPEC §7).
  return { ok: true, journal };
}

/**
 * The `Posted journals` rows `--post` appends: each portfolio's entries and
 * adjustments not posted yet; nothing for a portfolio whose month is already
 * posted (posting twice adds nothing), and nothing for a preliminary month.
 */
export function rowsToPost(
  journal: AdjustedMonthJournal,
  posted: readonly PostedJournalRow[],
  postedOn: Day
): PostedJournalRow[] {
  if (journal.preliminary) return [];
  const ids = new Set(posted.map((r) => r.journalId.trim()));
  return journal.portfolios.flatMap((p) =>
    isPosted(posted, p.portfolio, journal.month.label)
      ? []
      : [...p.journals, ...p.adjustments]
          .filter((j) => !ids.has(j.journalId))
          .map((j) => postedRow(j, postedOn))
  );
}

/**
 * The posted rows as cells of the `PostedJournals` table, in the order of its
 * `headers` (matched as the schema matches them); `blank` fills a column the
 * add-in does not write and an empty Posted on — `null` for the runner's
 * package, `""` for office-js. Both adapters post through this one mapping.
 *
 * `postedJournalCells([row], ["Journal ID", "Amount"], "1900", null)` → `[[row.journalId, 28767.12]]`
 */
export function postedJournalCells<Blank extends null | "">(
  rows: readonly PostedJournalRow[],
  headers: readonly string[],
  dateSystem: DateSystem,
  blank: Blank
): (string | number | Blank)[][] {
  const columns = headers.map(normalizeHeader);
  return rows.map((row) =>
    columns.map((column) => {
      switch (column) {
        case "journal id":
          return row.journalId;
        case "period":
          return row.period;
        case "account":
          return row.account;
        case "amount":
          return row.amount.toNumber();
        case "posted on":
          return row.postedOn === null ? blank : serialFromDay(row.postedOn, dateSystem);
        case "check":
          return row.check;
        default:
          return blank;
      }
    })
  );
}
