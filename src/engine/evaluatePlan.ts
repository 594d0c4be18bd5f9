/**
 * Runs every rule of the plan over a whole trust: one call that the task
 * pane, the runner and the report share, so they show the same numbers and
 * the same findings.
 */
import { checkAgreements } from "./agreements";
import type { Day } from "./calendar";
import { exception, type PlanException, type SourceRef, sortExceptions } from "./exceptions";
import { summarizeExpenditures } from "./expenditures";
import { mergeGovernanceExceptions } from "./governance";
import { journalFindings } from "./journalAdjustments";
import { nothingToCheck, type NothingToCheck } from "./nothingToCheck";
import { payeeFindings } from "./payees";
import { ALL_PORTFOLIOS, type Plan } from "./plan";
import { quarterlyReviewFindings } from "./quarterlyReview";
import { reviewFindings } from "./reviewLock";
import {
  type EvaluateOptions,
  evaluatePortfolios,
  type PortfolioEvaluation,
} from "./evaluatePortfolio";

export {
  type EvaluateOptions,
  planYears,
  type PortfolioEvaluation,
  rowsByPortfolio,
} from "./evaluatePortfolio";

const key = (name: string) => name.trim().toLowerCase();

export interface PlanEvaluation {
  asOf: Day;
  /**
   * Set when no portfolio has a NAV on or before `asOf` (or there is no portfolio): the
   * findings are then not a finding of compliance (SPEC §2 "Nothing to check is not compliance").
   */
  nothingToCheck: NothingToCheck | null;
  portfolios: PortfolioEvaluation[];
  /** Every finding, errors first. */
  exceptions: PlanException[];
}

/**
 * Evaluates the whole plan as of `asOf`: accruals, payables, cap tests,
 * governance, agreements and expenditure findings for every portfolio.
 *
 * `evaluatePlan(plan, { asOf: day("2026-11-28") }).exceptions` → the list the
 * compliance check shows.
 *
 * Accruals and cap maximums run on the exact fast paths (`accrueOnFastPath`,
 * `maximumTable`) for series in whole cents; `{ exact: "reference" }` keeps
 * decimal.js alone, and test/engine/evaluatePlanFast.test.ts holds the two
 * equal, figure for figure, over random whole trusts.
 */
export function evaluatePlan(plan: Plan, options: EvaluateOptions): PlanEvaluation {
  const exceptions: PlanException[] = [];
  const known = new Set(plan.portfolios.map((p) => key(p.portfolio)));
  const unknown = (
    table: string,
    rows: readonly { portfolio: string; source?: SourceRef }[],
    allowAll: boolean
  ) => {
    const reported = new Set<string>();
    let lastName: string | null = null;
    for (const row of rows) {
      // The same name as the row before has been judged (and reported once) already.
      if (row.portfolio === lastName) continue;
      lastName = row.portfolio;
      const k = key(row.portfolio);
      if (known.has(k) || (allowAll && k === key(ALL_PORTFOLIOS)) || reported.has(k)) continue;
      reported.add(k);
      exceptions.push(
        exception(
          "error",
          "unknown-portfolio",
          `${table} names portfolio "${row.portfolio}", which is not in the Portfolios table; its rows are ignored.`,
          {
            portfolio: row.portfolio,
            ...(row.source ? { source: row.source } : {}),
          }
        )
      );
    }
  };
  unknown("NetAssets", plan.netAssets, false);
  unknown("Rates", plan.rates, false);
  unknown("Payments", plan.payments, false);
  unknown("Governance", plan.governance, true);

  const evaluated = evaluatePortfolios(plan, options, { accrualsOnly: false });
  const portfolios = evaluated.portfolios;
  // A loop, not push(...): every portfolio's findings at once can pass the arguments' limit.
  for (const found of evaluated.exceptions) exceptions.push(found);
  exceptions.push(...mergeGovernanceExceptions(portfolios.map((p) => p.governance)));
  const names = plan.portfolios.map((p) => p.portfolio);
  exceptions.push(...checkAgreements(plan.agreements, names, plan.governance));
  exceptions.push(...payeeFindings(plan.expenditures, plan.agreements, plan.governance));
  // Expenditure findings over all time; the report repeats those of its quarter.
  exceptions.push(
    ...summarizeExpenditures(plan.expenditures, { start: -Infinity, end: Infinity }, names)
      .exceptions
  );
  exceptions.push(...reviewFindings(plan, plan.reviews ?? []));
  // Plan §5: every finished quarter with the plan in effect needs its board review.
  exceptions.push(
    ...quarterlyReviewFindings(
      portfolios.map((p) => p.governance.windows),
      plan.reviews ?? [],
      options.asOf
    )
  );
  // SPEC §7: Accounts and Posted journals rows, and adjustments into board-reviewed quarters.
  if (plan.accounts?.length || plan.postedJournals?.length)
    exceptions.push(...journalFindings(plan, portfolios, options.asOf));
  return {
    asOf: options.asOf,
    nothingToCheck: nothingToCheck(plan, { start: -Infinity, end: options.asOf }),
    portfolios,
    exceptions: sortExceptions(exceptions),
  };
}
