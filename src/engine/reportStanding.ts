/**
 * What the quarterly report says of the plan's standing at the end of its
 * period (SPEC §5 "As it stood", "Consistent rows"): each portfolio's
 * governance line, and the findings dated in the period or still open at
 * its end (payment shortfalls and unpaid periods included, whenever they
 * arose), with a breach of fees accrued and of fees paid by the same amount
 * as one finding.
 */
import { type Day } from "./calendar";
import { capExceptions } from "./cap";
import type { PlanEvaluation, PortfolioEvaluation } from "./evaluatePlan";
import { ZERO } from "./decimal";
import { type PlanException, type RuleId, sortExceptions } from "./exceptions";
import { isInEffect } from "./governance";
import { formatMoney } from "./money";
import { type Settlement, settlementFindings } from "./payable";
import { dayInWords, type Period, periodName } from "./periods";
import type { Plan } from "./plan";
import type { GovernanceLine, GovernanceState } from "./quarterlyReport";
import { reviewFindings } from "./reviewLock";

/** Findings about the plan's standing rather than a day: listed while still open at the period's end. */
const STANDING_RULES: readonly RuleId[] = [
  // §5: a quarter never reviewed stays open until its review is recorded.
  "quarterly-review-missing",
  "continuance-due",
  "plan-lapsed",
  "agreement-not-in-writing",
  "agreement-notice",
  "agreement-assigned",
];

/** Payment findings that stay on every report until the payable ledger clears them (SPEC §5). */
const OPEN_PAYMENT_RULES: readonly RuleId[] = ["payment-mismatch", "payment-overdue"];

/** Cap findings of tests ending in the period (`capExceptions` already makes a breach of accrued and of paid by the same amount one finding). */
function capFindings(evaluation: PlanEvaluation, period: Period): PlanException[] {
  const found: PlanException[] = [];
  for (const portfolio of evaluation.portfolios) {
    for (const test of portfolio.capTests) {
      if (test.period.end < period.start || test.period.end > period.end) continue;
      found.push(...capExceptions(portfolio.settings.portfolio, test));
    }
  }
  return found;
}

/**
 * The shortfalls and unpaid billing periods open at the period's end that payments since have
 * cleared (SPEC §5 "the exception list holds every shortfall or unpaid period still open at the
 * quarter's end"): the ledger, settled with payments to the as-of date, no longer reports them,
 * so each billing period is judged again with only the payments dated by the period's end.
 * August's 21,232.88 paid 10,000.00 on 5 September and the rest on 3 October is, in the Q3
 * report, "August 2025: 11,232.88 unpaid at 30 September 2025 (paid 3 October 2025)".
 */
function paymentsOpenAtEnd(
  evaluation: PlanEvaluation,
  period: Period,
  listed: readonly PlanException[]
): PlanException[] {
  const found: PlanException[] = [];
  const end = period.end;
  const key = (portfolio: string | null, date: Day | null) => `${portfolio ?? ""}|${date ?? ""}`;
  const listedKeys = new Set(
    listed.filter((e) => OPEN_PAYMENT_RULES.includes(e.rule)).map((e) => key(e.portfolio, e.date))
  );
  for (const portfolio of evaluation.portfolios) {
    const name = portfolio.settings.portfolio;
    for (const settlement of portfolio.payable?.settlements ?? []) {
      if (settlement.period.end > end) break;
      // Still reported by the ledger: already on the list.
      if (listedKeys.has(key(name, settlement.period.end))) continue;
      const creditsThen = settlement.credits.filter((credit) => credit.payment.date <= end);
      const then: Settlement = {
        ...settlement,
        paid: creditsThen.reduce((total, credit) => total.plus(credit.amount), ZERO),
        payments: [...new Set(creditsThen.map((credit) => credit.payment))],
        credits: creditsThen,
        acceptedBy:
          settlement.acceptedBy !== null && settlement.acceptedBy.date <= end
            ? settlement.acceptedBy
            : null,
      };
      for (const finding of settlementFindings(name, [then], portfolio.settings, end)) {
        if (!OPEN_PAYMENT_RULES.includes(finding.rule)) continue;
        const difference = then.paid.minus(then.due);
        const standing = difference.isNegative()
          ? `${formatMoney(difference.negated())} unpaid`
          : `${formatMoney(difference)} overpaid`;
        const later = settlement.credits.filter((credit) => credit.payment.date > end);
        const since =
          settlement.acceptedBy !== null && then.acceptedBy === null
            ? `the difference accepted on ${dayInWords(settlement.acceptedBy.date)} with the override reason "${settlement.acceptedBy.overrideReason?.trim() ?? ""}"`
            : later.length > 0
              ? `paid ${later.map((credit) => dayInWords(credit.payment.date)).join(", ")}`
              : "settled since";
        found.push({
          ...finding,
          message: `${name}: ${periodName(settlement.period)}: ${standing} at ${dayInWords(end)} (${since}).`,
        });
      }
    }
  }
  return found;
}

/**
 * A portfolio's governance as of `end`: in effect (with its next lapse date and
 * days left), lapsed, terminated (no countdown) or never approved.
 *
 * `governanceLine(evaluation.portfolios[4], day("2026-09-30"))` → `{ state: "Terminated", stateDate: 2026-05-15, … }`
 */
export function governanceLine(evaluation: PortfolioEvaluation, end: Day): GovernanceLine {
  const { settings, governance } = evaluation;
  const inEffect = isInEffect(governance.windows, end);
  const lastWindow = governance.windows.at(-1);
  const termination = governance.terminations.at(-1);
  let state: GovernanceState = "In effect";
  let stateDate: Day | null = null;
  if (!inEffect) {
    if (lastWindow?.endReason === "termination" && lastWindow.end !== null) {
      state = "Terminated";
      stateDate = lastWindow.end + 1;
    } else if (termination !== undefined && (lastWindow?.end ?? -Infinity) < termination.date) {
      // Terminated while lapsed: the termination is what stands.
      state = "Terminated";
      stateDate = termination.date;
    } else if (lastWindow && lastWindow.end !== null) {
      state = "Lapsed";
      stateDate = lastWindow.end + 1;
    } else state = "Not approved";
  }
  return {
    portfolio: settings.portfolio,
    state,
    stateDate,
    lastApprovalOrContinuance: governance.lastApprovalOrContinuance,
    lapseDate: inEffect ? governance.lapseDate : null,
    daysLeft: inEffect && governance.lapseDate !== null ? governance.lapseDate - end : null,
  };
}

/**
 * The report's findings: those dated in the period, undated ones, and standing ones still
 * open at its end — a lapse not cured, an agreement still defective, and every payment
 * shortfall or unpaid billing period the ledger has not cleared, whenever it arose (SPEC §5).
 *
 * `reportFindings(plan, evaluation, q3, governance)` → errors first.
 */
export function reportFindings(
  plan: Plan,
  evaluation: PlanEvaluation,
  period: Period,
  governance: readonly GovernanceLine[]
): PlanException[] {
  const state = new Map(governance.map((line) => [line.portfolio.trim().toLowerCase(), line]));
  const open = (e: PlanException) => {
    // SPEC §5: every shortfall or unpaid period still open at the quarter's end, whenever it
    // arose. The ledger clears a shortfall a later payment settles, so what it still reports
    // (as of the period's end, payments to the as-of date) is open.
    if (OPEN_PAYMENT_RULES.includes(e.rule)) return e.date === null || e.date <= period.end;
    if (!STANDING_RULES.includes(e.rule)) return false;
    if (e.rule !== "plan-lapsed" && e.rule !== "continuance-due") return true;
    // A lapse cured by a new approval, or a portfolio since terminated, is history.
    const line = e.portfolio ? state.get(e.portfolio.trim().toLowerCase()) : undefined;
    return line === undefined || line.state === (e.rule === "plan-lapsed" ? "Lapsed" : "In effect");
  };
  const kept = evaluation.exceptions.filter(
    (e) =>
      e.rule !== "cap-breach" &&
      e.rule !== "cap-breach-paid" &&
      // The lock is checked on the workbook as it is now, below.
      e.rule !== "locked-quarter-edited" &&
      (e.date === null || (e.date >= period.start && e.date <= period.end) || open(e))
  );
  return sortExceptions([
    ...kept,
    ...paymentsOpenAtEnd(evaluation, period, kept),
    ...capFindings(evaluation, period),
    ...reviewFindings(plan, plan.reviews ?? []),
  ]);
}
