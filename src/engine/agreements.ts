/**
 * The agreement register's checks (Plan §3, §7; SPEC §2 "Agreements"): every
 * agreement implementing the plan is approved by a §3 vote, in writing,
 * terminable on not more than 60 days' written notice without penalty, and
 * ends automatically on assignment.
 */
import { type Day, isoDate } from "./calendar";
import { exception, type PlanException } from "./exceptions";
import { ALL_PORTFOLIOS, type Agreement, type GovernanceAction } from "./plan";
import { checkBoardVote } from "./votes";

/** Plan §7(a): "on not more than 60 days' written notice". */
export const MAX_NOTICE_DAYS = 60;

/**
 * Findings for the `Agreements` table, in row order:
 * - no passing §3 vote (Approval, Continuance or Amendment, in person) for its portfolio or `All`
 *   on its Approved date → 'agreement-not-approved' error (Plan §3: "together with any related agreements");
 * - not in writing (No or blank) → 'agreement-not-in-writing' error;
 * - notice over 60 days → 'agreement-notice' error; blank notice → 'agreement-notice' warning;
 * - assigned and not terminated on or before the assignment → 'agreement-assigned' error;
 * - portfolio neither known nor `All` → 'unknown-portfolio' error.
 *
 * @example
 * checkAgreements([{ agreement: "Selling agreement", counterparty: "ABC Securities", portfolio: "Growth",
 *   approved: day("2025-01-10"), inWriting: true, noticeDays: 90, assigned: null, terminated: null }], ["Growth"])
 * // → [{ severity: "error", rule: "agreement-notice",
 * //      message: 'Agreement "Selling agreement" with ABC Securities (Growth) requires 90 days\' notice to terminate; Plan §7(a) allows at most 60.' }]
 */
export function checkAgreements(
  agreements: readonly Agreement[],
  knownPortfolios: readonly string[],
  governance: readonly GovernanceAction[]
): PlanException[] {
  const known = new Set(knownPortfolios.map(normalizeName));
  const findings: PlanException[] = [];
  for (const agreement of agreements) {
    const name = `Agreement "${agreement.agreement}" with ${agreement.counterparty || "(no counterparty)"} (${agreement.portfolio})`;
    const where = {
      portfolio: agreement.portfolio,
      date: agreement.approved,
      source: agreement.source,
    };

    if (approvingVote(agreement, governance) === null) {
      const when =
        agreement.approved === null
          ? "has no Approved date"
          : `has no passing §3 vote on its Approved date ${isoDate(agreement.approved)}`;
      findings.push(
        exception(
          "error",
          "agreement-not-approved",
          `${name} ${when}: Plan §3 requires related agreements to be approved by a majority of the trustees and of the independent trustees, in person (an Approval, Continuance or Amendment row for ${agreement.portfolio}${normalizeName(agreement.portfolio) === normalizeName(ALL_PORTFOLIOS) ? "" : " or All"}); it is not in force.`,
          agreement.source
            ? { ...where, source: { ...agreement.source, column: "Approved" } }
            : where
        )
      );
    }

    if (agreement.inWriting !== true) {
      const state =
        agreement.inWriting === null ? "is not recorded as in writing" : "is not in writing";
      findings.push(
        exception(
          "error",
          "agreement-not-in-writing",
          `${name} ${state}; Plan §7 requires every agreement implementing the plan to be in writing.`,
          where
        )
      );
    }

    if (agreement.noticeDays === null) {
      // Blank is a gap in the register, not proof of a breach: warn so someone reads the contract.
      findings.push(
        exception(
          "warning",
          "agreement-notice",
          `${name}: the termination notice period is not recorded; Plan §7(a) requires termination on not more than ${MAX_NOTICE_DAYS} days' written notice.`,
          where
        )
      );
    } else if (agreement.noticeDays > MAX_NOTICE_DAYS) {
      findings.push(
        exception(
          "error",
          "agreement-notice",
          `${name} requires ${agreement.noticeDays} days' notice to terminate; Plan §7(a) allows at most ${MAX_NOTICE_DAYS}.`,
          where
        )
      );
    }

    if (
      agreement.assigned !== null &&
      (agreement.terminated === null || agreement.terminated > agreement.assigned)
    ) {
      const still =
        agreement.terminated === null
          ? "is still active"
          : `was treated as active until ${isoDate(agreement.terminated)}`;
      findings.push(
        exception(
          "error",
          "agreement-assigned",
          `${name} was assigned on ${isoDate(agreement.assigned)} but ${still}; under Plan §7(b) it terminates automatically on assignment.`,
          { ...where, date: agreement.assigned }
        )
      );
    }

    const portfolio = normalizeName(agreement.portfolio);
    if (portfolio !== normalizeName(ALL_PORTFOLIOS) && !known.has(portfolio)) {
      findings.push(
        exception(
          "error",
          "unknown-portfolio",
          `${name} names portfolio "${agreement.portfolio}", which is not in the Portfolios table.`,
          where
        )
      );
    }
  }
  return findings;
}

/**
 * The passing §3 vote that approved the agreement: a Governance row dated its
 * Approved date, of action Approval, Continuance or Amendment, for the
 * agreement's portfolio or `All` (an agreement for `All` needs a vote for
 * `All`), passing by majorities in person. Null when there is none.
 *
 * @example approvingVote({ ...row, portfolio: "Growth", approved: day("2023-03-08") }, [approval("2023-03-08", "All")]) // → that row
 */
export function approvingVote(
  agreement: Agreement,
  governance: readonly GovernanceAction[]
): GovernanceAction | null {
  if (agreement.approved === null) return null;
  const portfolio = normalizeName(agreement.portfolio);
  const all = normalizeName(ALL_PORTFOLIOS);
  return (
    governance.find((action) => {
      const named = normalizeName(action.portfolio);
      return (
        action.date === agreement.approved &&
        (action.action === "Approval" ||
          action.action === "Continuance" ||
          action.action === "Amendment") &&
        (named === all || named === portfolio) &&
        checkBoardVote(action).passes
      );
    }) ?? null
  );
}

/**
 * True when the agreement is in force on `d`: approved by a passing §3 vote on
 * or before `d` (see `approvingVote`), not terminated on or before `d`, and
 * not assigned on or before `d` (an assignment ends it automatically, Plan
 * §7(b)). No approval date or no vote → never in force.
 *
 * @example
 * isAgreementActive({ ...row, approved: day("2025-01-10"), assigned: day("2026-03-01"), terminated: null }, day("2026-03-01"), governance) // false
 */
export function isAgreementActive(
  agreement: Agreement,
  d: Day,
  governance: readonly GovernanceAction[]
): boolean {
  if (agreement.approved === null || agreement.approved > d) return false;
  if (approvingVote(agreement, governance) === null) return false;
  if (agreement.terminated !== null && agreement.terminated <= d) return false;
  if (agreement.assigned !== null && agreement.assigned <= d) return false;
  return true;
}

/** Portfolio names match ignoring case and surrounding spaces (SPEC §1 header rule, applied to names too). */
function normalizeName(name: string): string {
  return name.trim().toLowerCase();
}
