/**
 * The evaluation the accrual columns are written from (`accrue`): every
 * portfolio's figures as `evaluatePlan` gives them, without its cap tests and
 * plan-wide findings.
 */
import type { Day } from "./calendar";
import {
  type EvaluateOptions,
  evaluatePortfolios,
  type PortfolioEvaluation,
} from "./evaluatePortfolio";
import { nothingToCheck, type NothingToCheck } from "./nothingToCheck";
import type { Plan } from "./plan";

/**
 * One portfolio's accruals as `evaluateAccruals` gives them: its evaluation without cap tests,
 * payable or carryforward (what `accrue` writes reads none of them).
 */
export type PortfolioAccruals = Omit<PortfolioEvaluation, "capTests" | "payable" | "carryforward">;

/**
 * What the accrual columns are written from (`evaluateAccruals`): each
 * portfolio's accrual and maximums, and whether there is anything to
 * accrue — no findings. Not a compliance result: there is no `exceptions`
 * list to be read as "none".
 */
export interface AccrualEvaluation {
  asOf: Day;
  nothingToCheck: NothingToCheck | null;
  portfolios: PortfolioAccruals[];
}

/**
 * `evaluatePlan` without the findings: every portfolio's accrual (its
 * reimbursement true-ups booked, as `planFees` books them), NAV series,
 * cap-maximum table and eligible expenses exactly as `evaluatePlan` gives
 * them, but no period cap-tested, no payable ledger or carryforward made and
 * no plan-wide rule run: the parts of the evaluation `accrue` would throw
 * away whole (a portfolio's own findings are still found on the way, and
 * dropped). test/engine/evaluateAccruals.test.ts
 * holds the two equal over random whole trusts.
 *
 * `evaluateAccruals(plan, { asOf: day("2026-11-28") }).portfolios[0].accrual.total`
 */
export function evaluateAccruals(plan: Plan, options: EvaluateOptions): AccrualEvaluation {
  const { portfolios } = evaluatePortfolios(plan, options, { accrualsOnly: true });
  return {
    asOf: options.asOf,
    nothingToCheck: nothingToCheck(plan, { start: -Infinity, end: options.asOf }),
    portfolios: portfolios.map(
      ({ capTests: _untested, payable: _notMade, carryforward: _notMadeEither, ...accruals }) =>
        accruals
    ),
  };
}
