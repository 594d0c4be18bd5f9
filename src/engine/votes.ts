/**
 * Whether a row of the `Governance` table is a vote that counts: §3 board
 * votes (Approval, Continuance, Amendment), §1 fee-rate votes, §6
 * terminations, and the §2(a)(42) share counts of any row — tested, never
 * trusted (SPEC §2 "In effect", "Rates and votes", "Material increase").
 */
import { addMonths, type Day, isoDate } from "./calendar";
import { exception, type PlanException } from "./exceptions";
import { isBoardMajority, majorityVote } from "./majority";
import { ALL_PORTFOLIOS, type GovernanceAction } from "./plan";

/** A vote's outcome with the sentence that explains it. */
export interface VoteCheck {
  passes: boolean;
  /** Why it passed or did not, in the accountant's words (no leading capital; callers prefix). */
  reason: string;
}

/**
 * Plan §3 (and §4, §8 for continuances and amendments): a majority of all
 * trustees AND a majority of the independent trustees, cast in person. A blank
 * count or a blank "In person" makes the vote unreadable, so it does not count.
 *
 * @example
 * checkBoardVote({ ...row, trusteesFor: 7, trusteesTotal: 10, independentFor: 5, independentTotal: 7, inPerson: true })
 * // → { passes: true, reason: "trustees 7 of 10 and independent trustees 5 of 7, in person" }
 */
export function checkBoardVote(action: GovernanceAction): VoteCheck {
  const missing: string[] = [];
  if (action.trusteesFor === null) missing.push("Trustees for");
  if (action.trusteesTotal === null) missing.push("Trustees total");
  if (action.independentFor === null) missing.push("Independent for");
  if (action.independentTotal === null) missing.push("Independent total");
  if (action.inPerson === null) missing.push("In person");
  if (missing.length > 0)
    return {
      passes: false,
      reason: `${list(missing)} ${missing.length === 1 ? "is" : "are"} blank`,
    };

  const problems: string[] = [];
  const trustees = countProblem("trustees", action.trusteesFor, action.trusteesTotal);
  const independent = countProblem(
    "independent trustees",
    action.independentFor,
    action.independentTotal
  );
  if (trustees) problems.push(trustees);
  if (independent) problems.push(independent);
  // §3 requires the votes to be "cast in person at a meeting called for the purpose": no written consent, no phone.
  if (action.inPerson === false) problems.push("the votes were not cast in person");
  if (problems.length > 0) return { passes: false, reason: problems.join("; ") };
  return {
    passes: true,
    reason: `trustees ${action.trusteesFor} of ${action.trusteesTotal} and independent trustees ${action.independentFor} of ${action.independentTotal}, in person`,
  };
}

/**
 * Plan §6: a termination passes by a majority of the independent trustees OR
 * by a §2(a)(42) majority of the portfolio's Class B shares. Either set of
 * counts may be blank, but not both.
 *
 * @example
 * checkTerminationVote({ ...row, independentFor: 4, independentTotal: 7 })
 * // → { passes: true, reason: "independent trustees 4 of 7" }
 */
export function checkTerminationVote(action: GovernanceAction): VoteCheck {
  const hasTrustees = action.independentFor !== null && action.independentTotal !== null;
  const hasShares =
    action.sharesFor !== null && action.sharesPresent !== null && action.sharesOutstanding !== null;
  if (!hasTrustees && !hasShares) {
    return {
      passes: false,
      reason:
        "neither Independent for and Independent total nor Shares for, Shares present and Shares outstanding are all filled in",
    };
  }
  const failures: string[] = [];
  if (hasTrustees) {
    const problem = countProblem(
      "independent trustees",
      action.independentFor,
      action.independentTotal
    );
    if (problem === null)
      return {
        passes: true,
        reason: `independent trustees ${action.independentFor} of ${action.independentTotal}`,
      };
    failures.push(problem);
  }
  if (hasShares && namesAll(action)) {
    // §6: "a majority of the outstanding voting securities representing the Class B shares of that Portfolio".
    failures.push(SHARES_NAME_ALL);
  } else if (hasShares && action.sharesFor && action.sharesPresent && action.sharesOutstanding) {
    const vote = majorityVote(action.sharesFor, action.sharesPresent, action.sharesOutstanding);
    if (vote.ok && vote.passes) return { passes: true, reason: `Class B shares: ${vote.reason}` };
    failures.push(
      vote.ok
        ? `Class B shares: ${vote.reason}`
        : `Class B share counts cannot be used: ${vote.error}`
    );
  }
  return { passes: false, reason: failures.join("; ") };
}

/**
 * Plan §1: the Distribution Fee "shall be approved from time to time by: (a) a
 * majority of the Board of Trustees … and (b) a majority of the … Independent
 * Trustees". §1 asks no in-person meeting for a rate (§3 does for the plan),
 * so "In person" may be blank or No.
 *
 * @example
 * checkFeeRateVote({ ...row, action: "Fee rate", trusteesFor: 5, trusteesTotal: 9, independentFor: 4, independentTotal: 6, inPerson: null })
 * // → { passes: true, reason: "trustees 5 of 9 and independent trustees 4 of 6" }
 */
export function checkFeeRateVote(action: GovernanceAction): VoteCheck {
  const problems = [
    countProblem("trustees", action.trusteesFor, action.trusteesTotal),
    countProblem("independent trustees", action.independentFor, action.independentTotal),
  ].filter((problem): problem is string => problem !== null);
  if (problems.length > 0) return { passes: false, reason: problems.join("; ") };
  return {
    passes: true,
    reason: `trustees ${action.trusteesFor} of ${action.trusteesTotal} and independent trustees ${action.independentFor} of ${action.independentTotal}`,
  };
}

/**
 * The §2(a)(42) vote of a row's Class B share counts: null when all three are
 * blank (no shareholder vote recorded); otherwise whether it passed, tested
 * from the counts. A share vote is a vote of one portfolio's Class B shares
 * (Plan §6, §8: "the Class B shares of that Portfolio"), so a row naming
 * `All` with share counts does not pass.
 *
 * @example
 * checkShareVote({ ...row, portfolio: "Growth", sharesFor: d(5_200_000), sharesPresent: d(6_000_000), sharesOutstanding: d(10_000_000) })
 * // → { passes: true, reason: "5,200,000 for is at least 67% of the 6,000,000 present (4,020,000), …" }
 */
export function checkShareVote(action: GovernanceAction): VoteCheck | null {
  const { sharesFor, sharesPresent, sharesOutstanding } = action;
  if (sharesFor === null && sharesPresent === null && sharesOutstanding === null) return null;
  if (sharesFor === null || sharesPresent === null || sharesOutstanding === null) {
    const blank = [
      sharesFor === null ? "Shares for" : null,
      sharesPresent === null ? "Shares present" : null,
      sharesOutstanding === null ? "Shares outstanding" : null,
    ].filter((name): name is string => name !== null);
    return {
      passes: false,
      reason: `${list(blank)} ${blank.length === 1 ? "is" : "are"} blank, so the Class B vote cannot be counted`,
    };
  }
  if (namesAll(action)) return { passes: false, reason: SHARES_NAME_ALL };
  const vote = majorityVote(sharesFor, sharesPresent, sharesOutstanding);
  if (!vote.ok)
    return { passes: false, reason: `Class B share counts cannot be used: ${vote.error}` };
  return { passes: vote.passes, reason: vote.reason };
}

/**
 * The finding for share counts that do not make a passing §2(a)(42) vote
 * ('shareholder-vote-failed', error), or null when they pass or are blank.
 * Terminations are left to `voteException` (their share counts are one way to pass).
 *
 * @example
 * shareVoteException({ ...row, action: "Amendment", sharesFor: d(4_000_000), sharesPresent: d(6_000_000), sharesOutstanding: d(10_000_000) })
 * // → { rule: "shareholder-vote-failed", message: "Amendment of 2026-03-02 (Growth): the Class B vote does not pass under §2(a)(42) (Plan §9): 4,000,000 for is less than 67% …" }
 */
export function shareVoteException(action: GovernanceAction): PlanException | null {
  if (action.action === "Termination") return null;
  const check = checkShareVote(action);
  if (check === null || check.passes) return null;
  return exception(
    "error",
    "shareholder-vote-failed",
    `${action.action} of ${isoDate(action.date)} (${action.portfolio}): the Class B vote does not pass as a majority of the outstanding voting securities (Plan §9, 1940 Act §2(a)(42)): ${check.reason}.`,
    { portfolio: action.portfolio, date: action.date, source: action.source }
  );
}

const SHARES_NAME_ALL =
  "a vote of Class B shares counts only for the portfolio whose shares voted, and this row names All; record one row per portfolio";

function namesAll(action: GovernanceAction): boolean {
  return action.portfolio.trim().toLowerCase() === ALL_PORTFOLIOS.toLowerCase();
}

/**
 * The finding for a vote that does not count, or null when it does:
 * 'approval-invalid' for Approval/Continuance/Amendment (Plan §3),
 * 'fee-rate-vote-invalid' for Fee rate (Plan §1), 'termination-invalid' for
 * Termination (Plan §6); severity error, dated and placed at the action's row.
 *
 * @example
 * voteException({ ...row, action: "Approval", date: day("2025-08-15"), portfolio: "Growth", inPerson: false })
 * // → { severity: "error", rule: "approval-invalid", portfolio: "Growth",
 * //     message: "Approval of 2025-08-15 (Growth) does not meet Plan §3: the votes were not cast in person", … }
 */
export function voteException(action: GovernanceAction): PlanException | null {
  // A Class B meeting's row has no board counts: it is tested as a share vote, not failed as a §3 vote.
  if (isShareholderVote(action)) return null;
  const check = boardOrTerminationCheck(action);
  if (check.passes) return null;
  const [section, rule] =
    action.action === "Termination"
      ? (["Plan §6", "termination-invalid"] as const)
      : action.action === "Fee rate"
        ? (["Plan §1", "fee-rate-vote-invalid"] as const)
        : (["Plan §3", "approval-invalid"] as const);
  const message = `${action.action} of ${isoDate(action.date)} (${action.portfolio}) does not meet ${section}: ${check.reason}`;
  return exception("error", rule, message, {
    portfolio: action.portfolio,
    date: action.date,
    source: action.source,
  });
}

/**
 * True when the row records a meeting of Class B shareholders only: share
 * counts filled in and every board cell (Trustees for/total, Independent
 * for/total, In person) blank. The board and the shareholders never meet
 * together, so a §8 amendment is often two rows (SPEC §2 "Material
 * increase"): such a row is a §2(a)(42) vote, never a failed §3 vote, and it
 * is not a board vote either. Terminations and Fee rate votes are read as
 * they are (a share-count termination is already a §6 vote).
 *
 * @example isShareholderVote({ ...row, action: "Amendment", trusteesFor: null, …, sharesFor: d(5_200_000), sharesPresent: d(6_000_000), sharesOutstanding: d(10_000_000) }) // true
 */
export function isShareholderVote(action: GovernanceAction): boolean {
  if (action.action === "Termination" || action.action === "Fee rate") return false;
  const boardBlank =
    action.trusteesFor === null &&
    action.trusteesTotal === null &&
    action.independentFor === null &&
    action.independentTotal === null &&
    action.inPerson === null;
  const anyShares =
    action.sharesFor !== null || action.sharesPresent !== null || action.sharesOutstanding !== null;
  return boardBlank && anyShares;
}

/**
 * True when the action is a vote that counts (see `checkBoardVote`,
 * `checkFeeRateVote`, `checkTerminationVote`). `votePasses(row)` → true.
 */
export function votePasses(action: GovernanceAction): boolean {
  if (isShareholderVote(action)) return false;
  return boardOrTerminationCheck(action).passes;
}

function boardOrTerminationCheck(action: GovernanceAction): VoteCheck {
  if (action.action === "Termination") return checkTerminationVote(action);
  if (action.action === "Fee rate") return checkFeeRateVote(action);
  return checkBoardVote(action);
}

/** Why `votesFor` of `total` is not a majority (or not a usable count), or null when it is one. */
function countProblem(body: string, votesFor: number | null, total: number | null): string | null {
  if (votesFor === null || total === null) return `${body}: counts are blank`;
  if (!Number.isInteger(votesFor) || !Number.isInteger(total) || votesFor < 0 || total < 0) {
    return `${body}: ${votesFor} of ${total} are not whole, non-negative counts`;
  }
  if (total === 0) return `${body}: the total is zero`;
  if (votesFor > total) return `${body}: ${votesFor} for exceeds the total of ${total}`;
  if (!isBoardMajority(votesFor, total))
    return `${body} ${votesFor} of ${total} is not more than half`;
  return null;
}

/** ["a", "b", "c"] → "a, b and c". */
function list(items: string[]): string {
  return items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * The board's vote that goes with a Class B vote on the same act, or
 * undefined: the row itself when it also carries a passing §3 vote, else the
 * passing board vote among `boardVotes` nearest in date to the Class B vote and
 * no more than a year (EDATE ±12) before or after it, the earlier on a tie. The
 * board and the shareholders never meet together, so one act is often two rows
 * (SPEC §2 "Material increase"); a board vote further away is taken to be on
 * another act — *a reading, not the plan's words* (docs/rules.md "The ceiling").
 * `boardVotes` are the caller's candidates (kind and portfolio already chosen),
 * each a passing board vote.
 *
 * @example
 * // Class B 2025-06-20; board Amendments 2019-03-01 and 2025-05-20 → the 2025-05-20 row
 * pairedBoardVote(classB, [board2019, board2025]) // → board2025
 */
export function pairedBoardVote(
  classB: GovernanceAction,
  boardVotes: readonly GovernanceAction[]
): GovernanceAction | undefined {
  if (!isShareholderVote(classB) && checkBoardVote(classB).passes) return classB;
  const earliest: Day = addMonths(classB.date, -12);
  const latest: Day = addMonths(classB.date, 12);
  let nearest: GovernanceAction | undefined;
  for (const board of boardVotes) {
    if (board.date < earliest || board.date > latest) continue;
    const distance = Math.abs(board.date - classB.date);
    const best = nearest === undefined ? Infinity : Math.abs(nearest.date - classB.date);
    if (
      distance < best ||
      (distance === best && nearest !== undefined && board.date < nearest.date)
    )
      nearest = board;
  }
  return nearest;
}
