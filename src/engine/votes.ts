/**
 * Whether a row of the `Governance` table is a vote that counts: §3 board
 * votes (Approval, Continuance, Amendment) and §6 terminations (SPEC §2
 * "In effect").
 */
import { isoDate } from "./calendar";
import { exception, type PlanException } from "./exceptions";
import { isBoardMajority, majorityVote } from "./majority";
import type { GovernanceAction } from "./plan";

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
  if (hasShares && action.sharesFor && action.sharesPresent && action.sharesOutstanding) {
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
 * The finding for a vote that does not count, or null when it does:
 * 'approval-invalid' for Approval/Continuance/Amendment, 'termination-invalid'
 * for Termination; severity error, dated and placed at the action's row.
 *
 * @example
 * voteException({ ...row, action: "Approval", date: day("2025-08-15"), portfolio: "Growth", inPerson: false })
 * // → { severity: "error", rule: "approval-invalid", portfolio: "Growth",
 * //     message: "Approval of 2025-08-15 (Growth) does not meet Plan §3: the votes were not cast in person", … }
 */
export function voteException(action: GovernanceAction): PlanException | null {
  const termination = action.action === "Termination";
  const check = termination ? checkTerminationVote(action) : checkBoardVote(action);
  if (check.passes) return null;
  const section = termination ? "Plan §6" : "Plan §3";
  const message = `${action.action} of ${isoDate(action.date)} (${action.portfolio}) does not meet ${section}: ${check.reason}`;
  return exception("error", termination ? "termination-invalid" : "approval-invalid", message, {
    portfolio: action.portfolio,
    date: action.date,
    source: action.source,
  });
}

/** True when the action is a vote that counts (see `checkBoardVote`, `checkTerminationVote`). `votePasses(row)` → true. */
export function votePasses(action: GovernanceAction): boolean {
  return (action.action === "Termination" ? checkTerminationVote(action) : checkBoardVote(action))
    .passes;
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
