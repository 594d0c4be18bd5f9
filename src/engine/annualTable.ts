/**
 * The annual Form N-1A Item 19(g) table for the SAI (SPEC §5 "The annual
 * table"): per portfolio, for its fiscal year, the fees paid under the plan,
 * the amounts by the seven Item 19(g) lines, the plan type and the
 * unreimbursed carryforward at the year end — from the same figures as the
 * quarterly reports, so a fiscal year of four calendar quarters is the sum of
 * their four reports.
 */
import { type Day, dayFromCivil } from "./calendar";
import type { Decimal } from "./decimal";
import { fiscalYearOf, type Period } from "./periods";
import type { Plan, PlanType } from "./plan";
import {
  carryforwardLine,
  type ItemNineteenColumn,
  itemNineteenColumn,
  reportEvaluation,
  reportPeriod,
  type ReportOptions,
} from "./quarterlyReport";
import { feesPaidFor } from "./payable";
import { periodExpenditures } from "./reportFigures";
import { rowsByPortfolio } from "./evaluatePlan";
import { ZERO } from "./decimal";

export interface AnnualLine extends ItemNineteenColumn {
  fiscalYear: Period;
  /** The days reported: the fiscal year, or its start to the as-of date when preliminary. */
  period: Period;
  planType: PlanType;
  /** Unreimbursed distribution expenses carried forward at the year end, after fees earned, paid or payable (SPEC §2). */
  carryforward: Decimal;
  /** Fees earned in the year's last quarter and still payable as of the as-of date: deducted in `carryforward`, not yet paid. */
  carryforwardPayable: Decimal;
  /** As a fraction of Class B net assets on the year's last day (null when unknown). */
  carryforwardPercentOfNetAssets: Decimal | null;
}

export interface AnnualTable {
  /** The calendar year the fiscal years end in. */
  year: number;
  /** "FY2026". */
  label: string;
  lines: AnnualLine[];
  /** Some portfolio's fiscal year had not ended by the as-of date. */
  preliminary: boolean;
  preparedAt: string;
  asOf: Day;
}

/** A portfolio's fiscal year ending in `year`: `fiscalYearFor(2026, 6)` → 2025-07-01 to 2026-06-30, "FY2026". */
export function fiscalYearFor(year: number, fiscalYearEndMonth: number): Period {
  return fiscalYearOf(dayFromCivil(year, fiscalYearEndMonth, 1), fiscalYearEndMonth);
}

/**
 * Builds the table of the fiscal years ending in `year`, each portfolio's
 * evaluated as the plan stood at its year end (payments through `asOf`).
 *
 * `annualTable(plan, 2026, { asOf: day("2027-02-15"), preparedAt: "…" }).lines[0].feesPaid`
 */
export function annualTable(plan: Plan, year: number, options: ReportOptions): AnnualTable {
  const evaluations = new Map<number, ReturnType<typeof reportEvaluation>>();
  // Each portfolio's expenditures, grouped once (a scan of the table per portfolio was quadratic).
  const expendituresOf = rowsByPortfolio(plan.expenditures);
  const lines = plan.portfolios.map((settings, index): AnnualLine => {
    const fiscalYear = fiscalYearFor(year, settings.fiscalYearEndMonth);
    const period = reportPeriod(fiscalYear, options.asOf);
    let evaluation = evaluations.get(period.end);
    if (!evaluation) {
      evaluation = reportEvaluation(plan, period.end, options);
      evaluations.set(period.end, evaluation);
    }
    const portfolio = evaluation.portfolios[index]!;
    const own = expendituresOf.get(settings.portfolio.trim().toLowerCase()) ?? [];
    const spent = periodExpenditures(own, portfolio, period.start, period.end);
    const feesPaid = portfolio.payable
      ? feesPaidFor(portfolio.payable, period.start, period.end)
      : ZERO;
    const carried = carryforwardLine(plan, portfolio, period, own);
    return {
      ...itemNineteenColumn(settings.portfolio, spent.byCategory, feesPaid),
      fiscalYear,
      period,
      planType: settings.planType,
      carryforward: carried?.closing ?? ZERO,
      carryforwardPayable: carried?.payable ?? ZERO,
      carryforwardPercentOfNetAssets: carried?.closingPercentOfNetAssets ?? null,
    };
  });
  return {
    year,
    label: `FY${year}`,
    lines,
    preliminary: lines.some((line) => line.period.end < line.fiscalYear.end),
    preparedAt: options.preparedAt,
    asOf: options.asOf,
  };
}
