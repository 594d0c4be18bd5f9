/**
 * A portfolio's governance status: when its plan is in effect, when it lapses
 * and what the board must do next, from the `Governance` table (Plan §3, §4,
 * §6; SPEC §2 "In effect", "Continuance warnings"). Vote validity lives in
 * `votes.ts`, window arithmetic in `inEffect.ts`.
 */
import { type Day, isoDate } from "./calendar";
import { exception, type PlanException, type SourceRef } from "./exceptions";
import { type InEffectWindow, lapseDate } from "./inEffect";
import { ALL_PORTFOLIOS, type GovernanceAction, type GovernanceActionKind } from "./plan";
import {
  checkBoardVote,
  checkShareVote,
  isShareholderVote,
  pairedBoardVote,
  shareVoteException,
  voteException,
} from "./votes";

export {
  daysInEffect,
  type InEffectWindow,
  isInEffect,
  lapseDate,
  type WindowEndReason,
} from "./inEffect";

/** Warn this many days before a lapse (DOMAIN "Governance": boards continue at the annual renewal meeting). */
export const CONTINUANCE_WARNING_DAYS = 60;

export interface GovernanceStatus {
  portfolio: string;
  /** Sorted, non-overlapping runs of days in effect. */
  windows: InEffectWindow[];
  /** The approval or continuance that sets the current (or last) window's lapse date. */
  lastApprovalOrContinuance: Day | null;
  /** First day not in effect for the current (or last) window, by anniversary. */
  lapseDate: Day | null;
  /** Terminations that passed, in date order. */
  terminations: { date: Day; source?: SourceRef }[];
  exceptions: PlanException[];
}

// Same-day order: an approval opens a window before a termination of that day closes it, so
// "approved and terminated on t" leaves the plan not in effect on t — the conservative reading.
const SAME_DAY_ORDER: Record<GovernanceActionKind, number> = {
  Approval: 0,
  Continuance: 1,
  Amendment: 2,
  "Fee rate": 3,
  Termination: 4,
};

/**
 * Walks the portfolio's governance actions (its own and those for `All`,
 * names matched ignoring case and surrounding spaces) in date order:
 * - a valid Approval starts a window on the later of its date and `planEffective` (the plan
 *   "takes effect", §3), or extends an open one; the first year runs from taking effect (§4);
 * - a valid Continuance (or Approval) in an open window, dated on or before its anniversary (the
 *   anniversary included), moves its lapse to that date's anniversary: no gap;
 * - a passed Termination on t ends the window on t − 1; a terminated portfolio has no lapse date,
 *   and a Continuance naming `All` after it is simply not for that portfolio;
 * - after a lapse only a new Approval starts a window; a Continuance does not revive it;
 * - after a termination only an Approval naming the portfolio with a passing Class B vote
 *   restarts it, on one row or with the Class B meeting's own Approval row within a year
 *   (`classBMeetingFor`), from the later of the two; one for `All` leaves it terminated
 *   (`restartRefused`), with a note;
 * - a row with share counts only is a Class B meeting (a §8 vote), not a board act.
 * Amendments and Fee rate votes are checked as votes but do not move the anniversary; every
 * row's Class B share counts are tested (§2(a)(42)). Findings are relative to `asOf`.
 *
 * @example
 * governanceStatus("Growth", [approval("2025-08-15")], { planEffective: null, asOf: day("2026-07-01") })
 * // → windows [{ start: 2025-08-15, end: 2026-08-14, endReason: null }], lapseDate 2026-08-15,
 * //   exceptions: continuance-due warning (45 days left)
 */
export function governanceStatus(
  portfolio: string,
  actions: readonly GovernanceAction[],
  options: { planEffective: Day | null; asOf: Day }
): GovernanceStatus {
  const own = actions
    .filter((action) => appliesTo(action.portfolio, portfolio))
    .sort((a, b) => a.date - b.date || SAME_DAY_ORDER[a.action] - SAME_DAY_ORDER[b.action]);

  const windows: InEffectWindow[] = [];
  // bases[i] is the approval or continuance whose anniversary ends windows[i] (for lapse messages).
  const bases: Day[] = [];
  const terminations: GovernanceStatus["terminations"] = [];
  const exceptions: PlanException[] = [];
  // State kept in one object so the helper below can update it without closure narrowing surprises.
  const state: {
    open: OpenWindow | null;
    last: OpenWindow | null;
    everApproved: boolean;
    terminated: boolean;
    /** The Class B meeting's row that completes a board Approval restarting a terminated portfolio. */
    restartsOn: GovernanceAction | null;
  } = { open: null, last: null, everApproved: false, terminated: false, restartsOn: null };
  const open = (date: Day): void => {
    // Plan §3: nothing takes effect before it is approved, nor before the portfolio's plan-effective date.
    const start = options.planEffective === null ? date : Math.max(date, options.planEffective);
    state.open = { start, lapse: lapseDate(start), basis: date, from: start };
    state.everApproved = true;
    state.terminated = false;
    state.restartsOn = null;
  };
  const close = (end: Day, endReason: InEffectWindow["endReason"]): void => {
    const open = state.open;
    if (open === null) return;
    // A window can be empty when a termination falls on its first day or planEffective is after its lapse.
    if (end >= open.start) {
      windows.push({ start: open.start, end, endReason });
      bases.push(open.from);
    }
    state.last = open;
    state.open = null;
  };

  for (const action of own) {
    // §4 "at least annually": a continuance (or re-approval) on the anniversary itself is timely.
    const renews = action.action === "Continuance" || action.action === "Approval";
    if (
      state.open !== null &&
      (state.open.lapse < action.date || (state.open.lapse === action.date && !renews))
    )
      close(state.open.lapse - 1, "lapse");
    const shares = shareVoteException(action);
    if (shares !== null) exceptions.push(shares);
    const invalid = voteException(action);
    if (invalid !== null) {
      exceptions.push(invalid);
      continue;
    }
    // A Class B meeting's row (share counts only) is a §8 vote read by `ceilingFor`, not a board
    // act — except that it completes the board's Approval restarting a terminated portfolio.
    if (isShareholderVote(action)) {
      if (state.restartsOn === action && state.terminated && state.open === null) open(action.date);
      continue;
    }
    const where = { portfolio, date: action.date, source: action.source };
    switch (action.action) {
      case "Approval":
        if (state.terminated && state.open === null) {
          const partner = classBMeetingFor(action, own, terminations);
          // The holders vote later: the plan restarts on their day, with no finding meanwhile.
          if (partner !== undefined && partner.date > action.date) {
            state.restartsOn = partner;
            break;
          }
          const refused =
            partner === undefined ? restartRefused(portfolio, action, terminations) : null;
          if (refused !== null) {
            exceptions.push(refused);
            break;
          }
        }
        if (state.open !== null) {
          state.everApproved = true;
          extend(state.open, action.date);
        } else open(action.date);
        break;
      case "Continuance":
        if (state.open !== null) extend(state.open, action.date);
        // A continuance of every portfolio is not a continuance of one the trust has terminated.
        else if (state.terminated && appliesToAll(action.portfolio)) break;
        else
          exceptions.push(
            exception(
              "error",
              "continuance-after-lapse",
              continuanceWithoutPlan(portfolio, action.date, state.last, terminations),
              where
            )
          );
        break;
      case "Amendment":
      case "Fee rate":
        // §8 amendments and §1 rate votes are votes (checked above) but not a §4 continuance.
        break;
      case "Termination":
        terminations.push(
          action.source ? { date: action.date, source: action.source } : { date: action.date }
        );
        exceptions.push(
          exception(
            "info",
            "termination",
            `The plan for ${portfolio} was terminated on ${isoDate(action.date)}; no fee accrues from that day (Plan §6).`,
            where
          )
        );
        close(action.date - 1, "termination");
        state.terminated = true;
        break;
    }
  }
  // The current window runs to the day before its anniversary; whether it has lapsed depends on asOf.
  if (state.open !== null)
    close(state.open.lapse - 1, state.open.lapse <= options.asOf ? "lapse" : null);

  exceptions.push(...asOfFindings(portfolio, windows, bases, state.everApproved, options.asOf));
  return {
    portfolio,
    windows,
    lastApprovalOrContinuance: state.last?.basis ?? null,
    // A terminated plan has nothing left to lapse (SPEC §2 "In effect").
    lapseDate: state.terminated ? null : (state.last?.lapse ?? null),
    terminations,
    exceptions,
  };
}

interface OpenWindow {
  start: Day;
  /** First day not in effect unless continued. */
  lapse: Day;
  /** The approval or continuance that set the lapse. */
  basis: Day;
  /** The day the year is counted from: taking effect, then each continuance (Plan §4). */
  from: Day;
}

/** A valid continuance (or re-approval) inside an open window: the year restarts from its date. */
function extend(open: OpenWindow, date: Day): void {
  open.lapse = Math.max(open.lapse, lapseDate(date));
  open.basis = date;
  open.from = date;
}

/**
 * The Class B meeting's own row that, with the board's Approval `board`
 * naming a terminated portfolio (`own`: that portfolio's rows), restarts it (SPEC §2 "In effect"; the
 * two-row reading of §8, docs/rules.md "Restarting a terminated portfolio"): a
 * shares-only Approval naming the portfolio, passing §2(a)(42), dated after
 * the latest termination, whose paired board vote (`pairedBoardVote`: the
 * nearest passing board Approval naming the portfolio within a year) is
 * `board`. Undefined when the board's row carries share counts itself (read
 * on that row) or names `All`.
 *
 * @example
 * // terminated 2025-05-01; board Approval for Q 2025-10-01; Q's holders 5,200,000 of 10,000,000 on 2025-10-15
 * classBMeetingFor(boardRow, own, terminations) // → the 2025-10-15 row
 */
function classBMeetingFor(
  board: GovernanceAction,
  own: readonly GovernanceAction[],
  terminations: GovernanceStatus["terminations"]
): GovernanceAction | undefined {
  if (appliesToAll(board.portfolio) || checkShareVote(board) !== null) return undefined;
  const since = terminations[terminations.length - 1]?.date ?? -Infinity;
  const naming = own.filter(
    (action) =>
      action.action === "Approval" && action.date > since && !appliesToAll(action.portfolio)
  );
  const boardVotes = naming.filter(
    (action) => !isShareholderVote(action) && checkBoardVote(action).passes
  );
  return naming.find(
    (action) =>
      isShareholderVote(action) &&
      checkShareVote(action)?.passes === true &&
      pairedBoardVote(action, boardVotes) === board
  );
}

/**
 * Why a passing §3 Approval does not restart a portfolio its plan was
 * terminated for, or null when it does (SPEC §2 "In effect"). After a §6
 * termination the plan is adopted anew for that portfolio's Class B shares,
 * which are already offered, so Rule 12b-1(b)(1) asks their approval too: only
 * an Approval naming the portfolio with a passing §2(a)(42) vote on the same
 * row restarts it. One for `All` is the board's act for the trust and leaves
 * the terminated portfolio as it was, with a note ('termination-stands',
 * info); one naming it without a passing Class B vote is an error.
 *
 * @example restartRefused("Q", approvalForAll("2025-10-01"), [{ date: day("2025-05-01") }])
 * // → { severity: "info", rule: "termination-stands", message: "Approval of 2025-10-01 for All does not restart Q, terminated on 2025-05-01: …" }
 */
function restartRefused(
  portfolio: string,
  action: GovernanceAction,
  terminations: GovernanceStatus["terminations"]
): PlanException | null {
  const terminated = terminations[terminations.length - 1];
  const since = terminated ? `, terminated on ${isoDate(terminated.date)}` : "";
  const where = {
    portfolio,
    date: action.date,
    ...(action.source ? { source: action.source } : {}),
  };
  const needs = `only an Approval naming ${portfolio} that passes Plan §3 with a majority of its outstanding Class B shares (§2(a)(42); Rule 12b-1(b)(1)), on the same row or on the Class B meeting's own Approval row within a year of it, restarts it`;
  if (appliesToAll(action.portfolio))
    return exception(
      "info",
      "termination-stands",
      `Approval of ${isoDate(action.date)} for All does not restart ${portfolio}${since}: ${needs}; no fee accrues for ${portfolio}.`,
      where
    );
  const shares = checkShareVote(action);
  if (shares?.passes === true) return null;
  return exception(
    "error",
    "termination-stands",
    `Approval of ${isoDate(action.date)} for ${portfolio} does not restart it${since}: ${shares === null ? `no passing Class B vote is recorded on the row or on a shares-only Approval for ${portfolio} within a year of it` : `the Class B vote does not pass (${shares.reason})`}; ${needs}; no fee accrues for ${portfolio}.`,
    where
  );
}

/** Why a continuance found no plan to continue, and what the board must do instead. */
function continuanceWithoutPlan(
  portfolio: string,
  date: Day,
  last: OpenWindow | null,
  terminations: GovernanceStatus["terminations"]
): string {
  const remedy = "a new approval under Plan §3 is needed before fees accrue again";
  const latestTermination = terminations[terminations.length - 1];
  if (last === null) {
    return `Continuance of ${isoDate(date)} for ${portfolio}: the plan was never in effect, so there is nothing to continue; ${remedy}.`;
  }
  if (latestTermination !== undefined && latestTermination.date > last.basis) {
    return `Continuance of ${isoDate(date)} for ${portfolio} comes after the termination of ${isoDate(latestTermination.date)} and does not revive the plan; ${remedy}.`;
  }
  return `Continuance of ${isoDate(date)} for ${portfolio} comes after the plan lapsed on ${isoDate(last.lapse)} and does not revive it (Plan §4); ${remedy}.`;
}

/**
 * Governance findings of several portfolios in one list, with the vote
 * findings of `All` rows (repeated in every portfolio's status) kept once.
 *
 * @example mergeGovernanceExceptions([growthStatus, bondStatus]) // one 'approval-invalid' for an invalid "All" approval
 */
export function mergeGovernanceExceptions(statuses: readonly GovernanceStatus[]): PlanException[] {
  const seen = new Set<string>();
  const merged: PlanException[] = [];
  for (const status of statuses) {
    for (const finding of status.exceptions) {
      const key = `${finding.rule}|${finding.portfolio}|${finding.date}|${finding.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push(finding);
    }
  }
  return merged;
}

function appliesToAll(actionPortfolio: string): boolean {
  return actionPortfolio.trim().toLowerCase() === ALL_PORTFOLIOS.toLowerCase();
}

/** True when a Governance row's portfolio is `portfolio` or `All` (ignoring case and surrounding spaces). */
export function appliesTo(actionPortfolio: string, portfolio: string): boolean {
  const name = actionPortfolio.trim().toLowerCase();
  return name === ALL_PORTFOLIOS.toLowerCase() || name === portfolio.trim().toLowerCase();
}

/** Findings that depend on the day of the check: due, lapsed, never approved. */
function asOfFindings(
  portfolio: string,
  windows: readonly InEffectWindow[],
  bases: readonly Day[],
  everApproved: boolean,
  asOf: Day
): PlanException[] {
  const findings: PlanException[] = [];
  if (!everApproved) {
    findings.push(
      exception(
        "error",
        "plan-not-approved",
        `No valid approval of the plan for ${portfolio} is recorded; no fee may accrue until the trustees and the independent trustees approve it in person (Plan §3).`,
        { portfolio }
      )
    );
  }
  for (const [index, window] of windows.entries()) {
    if (window.endReason !== "lapse" || window.end === null) continue;
    const lapse = window.end + 1;
    if (lapse > asOf) continue;
    findings.push(
      exception(
        "error",
        "plan-lapsed",
        `The plan for ${portfolio} lapsed on ${isoDate(lapse)}: it was not continued within a year of ${isoDate(bases[index] ?? window.start)} (Plan §4); no fee accrues from ${isoDate(lapse)} until a new approval.`,
        { portfolio, date: lapse }
      )
    );
  }
  const current = windows[windows.length - 1];
  if (current !== undefined && current.endReason === null && current.end !== null) {
    const lapse = current.end + 1;
    const daysLeft = lapse - asOf;
    if (asOf < lapse && daysLeft <= CONTINUANCE_WARNING_DAYS) {
      findings.push(
        exception(
          "warning",
          "continuance-due",
          `Continuance of the plan for ${portfolio} is due by ${isoDate(current.end)} (${daysLeft} days left); without it the plan lapses on ${isoDate(lapse)} (Plan §4).`,
          { portfolio, date: current.end }
        )
      );
    }
  }
  return findings;
}
