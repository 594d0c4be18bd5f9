/**
 * The quarterly report of Plan §5 ("a written report of the amounts so
 * expended and the purposes for which such expenditures were made", SPEC §5)
 * as plain data — no layout. The Excel adapter and the runner lay it out.
 */
import { averageDailyNetAssets } from "./averageDailyNetAssets";
import { type Day } from "./calendar";
import { capTest, feesAccruedBetween } from "./cap";
import { maximumUnderCeiling } from "./ceiling";
import type { CarryforwardRow } from "./carryforward";
import { type Decimal, sum, ZERO } from "./decimal";
import type { PlanEvaluation, PortfolioEvaluation } from "./evaluatePlan";
import { type PlanException, type RuleId, sortExceptions } from "./exceptions";
import {
  CATEGORY_LETTERS,
  type CategoryLetter,
  EXPENSE_CATEGORIES,
  type ExpenseCategory,
  N1A_LINES,
  type N1aLine,
  summarizeExpenditures,
} from "./expenditures";
import type { NotUnderPlan } from "./eligibleExpenses";
import { daysInEffect, isInEffect } from "./governance";
import { isAgreementActive } from "./agreements";
import { navIndexFor } from "./netAssetsSeries";
import { feesPaidFor } from "./payable";
import { parseQuarter, type Period } from "./periods";
import { quarterFingerprint } from "./reviewLock";
import type { Agreement, Plan, PlanType, QuarterSignOff } from "./plan";

export interface PortfolioQuarterLine {
  portfolio: string;
  daysInEffect: number;
  averageDailyNetAssets: Decimal | null;
  /** Distinct allowed rates in force on days of the quarter, in order. */
  annualRates: Decimal[];
  feesAccrued: Decimal;
  feesPaid: Decimal;
  /** Payable at the quarter's end. */
  payable: Decimal;
  maximumAllowable: Decimal;
  headroom: Decimal;
  headroomPaid: Decimal;
  breach: boolean;
}

export interface ExpenditureLine {
  portfolio: string;
  amounts: Record<CategoryLetter, Decimal>;
  total: Decimal;
}

export interface CarryforwardLine extends CarryforwardRow {
  portfolio: string;
  planType: PlanType;
}

export interface GovernanceLine {
  portfolio: string;
  inEffectAtQuarterEnd: boolean;
  lastApprovalOrContinuance: Day | null;
  lapseDate: Day | null;
  /** Days from the report date to the lapse date (negative once lapsed). */
  daysLeft: number | null;
  terminations: Day[];
}

export interface AgreementLine {
  agreement: Agreement;
  activeAtQuarterEnd: boolean;
  findings: string[];
}

export interface QuarterlyReport {
  quarter: Period;
  /** When it was prepared: the caller's clock, as text (the engine has none). */
  preparedAt: string;
  /** The day the report speaks for (lapse countdowns, overdue payments). */
  asOf: Day;
  portfolios: PortfolioQuarterLine[];
  trust: Omit<
    PortfolioQuarterLine,
    "portfolio" | "daysInEffect" | "annualRates" | "averageDailyNetAssets"
  > & {
    averageDailyNetAssets: Decimal;
  };
  categories: ExpenseCategory[];
  expenditures: ExpenditureLine[];
  expenditureTotals: ExpenditureLine;
  n1a: { line: N1aLine; amount: Decimal }[];
  carryforward: CarryforwardLine[];
  /** Expenditures of the quarter made when the plan was not in effect for their portfolio: not under the plan. */
  notUnderPlan: NotUnderPlan[];
  governance: GovernanceLine[];
  agreements: AgreementLine[];
  exceptions: PlanException[];
  /** The quarter's row of the `Reviews` table (prepared by, reviewed by, board review), if any. */
  signOff: QuarterSignOff | null;
  /** The quarter's input fingerprint now, to record once the board has reviewed it. */
  fingerprint: string;
}

/** Findings that speak of the plan's standing, not of a day: shown in every quarter's report. */
const STANDING_RULES: readonly RuleId[] = [
  "continuance-due",
  "plan-lapsed",
  "agreement-not-in-writing",
  "agreement-notice",
  "agreement-assigned",
];

function netAssetsAt(evaluation: PortfolioEvaluation, d: Day): Decimal | null {
  if (!evaluation.series) return null;
  const index = navIndexFor(evaluation.series, d, "Same day");
  return index < 0 ? null : evaluation.series[index]!.netAssets;
}

function portfolioLine(evaluation: PortfolioEvaluation, quarter: Period): PortfolioQuarterLine {
  const { settings, accrual, series, governance, payable } = evaluation;
  const days = daysInEffect(governance.windows, quarter.start, quarter.end);
  const feesAccrued = accrual ? feesAccruedBetween(accrual, quarter.start, quarter.end) : ZERO;
  const feesPaid = payable ? feesPaidFor(payable, quarter.start, quarter.end) : ZERO;
  const payableMonth = payable?.months.filter((month) => month.period.end <= quarter.end).at(-1);
  // evaluatePlan already cap-tested every quarter with accruals; compute only for a quarter it did not reach.
  const evaluated = evaluation.capTests.find(
    (t) => t.period.kind === "quarter" && t.period.label === quarter.label
  );
  const capTiming = settings.capBasis === "Same day" ? "Same day" : settings.navTiming;
  const test =
    evaluated ??
    capTest(
      quarter,
      series
        ? maximumUnderCeiling(
            {
              series,
              timing: capTiming,
              start: quarter.start,
              end: quarter.end,
              inEffect: governance.windows,
            },
            evaluation.ceiling
          ).maximum
        : ZERO,
      feesAccrued,
      { paid: feesPaid }
    );
  const maximum = test.maximum;
  const annualRates: Decimal[] = [];
  const segments = evaluation.rates.segments;
  for (const [index, segment] of segments.entries()) {
    const next = segments[index + 1];
    const overlaps =
      segment.start <= quarter.end && (next === undefined || next.start > quarter.start);
    if (overlaps && !annualRates.some((rate) => rate.equals(segment.annualRate)))
      annualRates.push(segment.annualRate);
  }
  return {
    portfolio: settings.portfolio,
    daysInEffect: days,
    averageDailyNetAssets: series
      ? averageDailyNetAssets(series, quarter.start, quarter.end, settings.navTiming).average
      : null,
    annualRates,
    feesAccrued,
    feesPaid,
    payable: payableMonth?.closing ?? ZERO,
    maximumAllowable: maximum,
    headroom: test.headroom,
    headroomPaid: test.headroomPaid ?? maximum,
    breach: test.breach || test.paidBreach,
  };
}

function carryforwardLine(
  evaluation: PortfolioEvaluation,
  quarter: Period
): CarryforwardLine | null {
  const { settings } = evaluation;
  // The billing periods booked in the quarter (a true-up and a payment fall on the period's last day).
  const rows = evaluation.carryforward.filter(
    (row) => row.period.end >= quarter.start && row.period.end <= quarter.end
  );
  const before = evaluation.carryforward.filter((row) => row.period.end < quarter.start).at(-1);
  if (rows.length === 0 && !before) return null;
  const opening = rows[0]?.opening ?? before!.closing;
  const closing = rows.at(-1)?.closing ?? opening;
  const total = (pick: (row: CarryforwardRow) => Decimal) => sum(rows.map(pick));
  const netAssetsAtEnd = netAssetsAt(evaluation, quarter.end);
  return {
    period: quarter,
    opening,
    incurred: total((r) => r.incurred),
    capacity: total((r) => r.capacity),
    paid: total((r) => r.paid),
    carryforwardPaid: total((r) => r.carryforwardPaid),
    closing,
    excessOfFeeOverExpenses: total((r) => r.excessOfFeeOverExpenses),
    closingPercentOfNetAssets:
      netAssetsAtEnd && !netAssetsAtEnd.isZero() ? closing.dividedBy(netAssetsAtEnd) : null,
    portfolio: settings.portfolio,
    planType: settings.planType,
  };
}

/**
 * Builds the report for `quarter` from an evaluation of the whole plan.
 *
 * `quarterlyReport(plan, evaluatePlan(plan, { asOf }), parseQuarter("2026Q3")!, "2026-11-28 14:05 UTC")`
 */
export function quarterlyReport(
  plan: Plan,
  evaluation: PlanEvaluation,
  quarter: Period,
  preparedAt: string
): QuarterlyReport {
  const names = plan.portfolios.map((p) => p.portfolio);
  const portfolios = evaluation.portfolios.map((p) => portfolioLine(p, quarter));
  // "Amounts expended under the plan" (Plan §5): eligible expenses only; the rest are listed apart.
  const summary = summarizeExpenditures(
    evaluation.portfolios.flatMap((p) => p.expenses.eligible),
    quarter,
    names
  );
  const notUnderPlan = evaluation.portfolios.flatMap((p) =>
    p.expenses.notUnderPlan.filter(
      (row) => row.expenditure.date >= quarter.start && row.expenditure.date <= quarter.end
    )
  );
  const expenditures: ExpenditureLine[] = names.map((portfolio) => {
    const amounts = summary.byPortfolio.get(portfolio)!;
    return { portfolio, amounts, total: sum(CATEGORY_LETTERS.map((letter) => amounts[letter])) };
  });
  const trustAdna = sum(portfolios.map((line) => line.averageDailyNetAssets ?? ZERO));
  const total = (pick: (line: PortfolioQuarterLine) => Decimal) => sum(portfolios.map(pick));
  const governance: GovernanceLine[] = evaluation.portfolios.map(
    ({ settings, governance: status }) => ({
      portfolio: settings.portfolio,
      inEffectAtQuarterEnd: isInEffect(status.windows, quarter.end),
      lastApprovalOrContinuance: status.lastApprovalOrContinuance,
      lapseDate: status.lapseDate,
      daysLeft: status.lapseDate === null ? null : status.lapseDate - evaluation.asOf,
      terminations: status.terminations.map((t) => t.date),
    })
  );
  const agreementFindings = evaluation.exceptions.filter((e) => e.source?.table === "Agreements");
  const agreements: AgreementLine[] = plan.agreements.map((agreement) => ({
    agreement,
    activeAtQuarterEnd: isAgreementActive(agreement, quarter.end, plan.governance),
    findings: agreementFindings
      .filter((e) => e.source?.row === agreement.source?.row)
      .map((e) => e.message),
  }));
  const exceptions = sortExceptions(
    evaluation.exceptions.filter(
      (e) =>
        e.date === null ||
        (e.date >= quarter.start && e.date <= quarter.end) ||
        STANDING_RULES.includes(e.rule)
    )
  );
  return {
    quarter,
    preparedAt,
    asOf: evaluation.asOf,
    portfolios,
    trust: {
      averageDailyNetAssets: trustAdna,
      feesAccrued: total((l) => l.feesAccrued),
      feesPaid: total((l) => l.feesPaid),
      payable: total((l) => l.payable),
      maximumAllowable: total((l) => l.maximumAllowable),
      headroom: total((l) => l.headroom),
      headroomPaid: total((l) => l.headroomPaid),
      breach: portfolios.some((l) => l.breach),
    },
    categories: CATEGORY_LETTERS.map((letter) => EXPENSE_CATEGORIES[letter]),
    expenditures,
    expenditureTotals: {
      portfolio: "Trust",
      amounts: summary.totalByCategory,
      total: summary.total,
    },
    n1a: N1A_LINES.map((line) => ({ line, amount: summary.byN1aLine[line] })),
    carryforward: evaluation.portfolios
      .map((p) => carryforwardLine(p, quarter))
      .filter((line): line is CarryforwardLine => line !== null),
    notUnderPlan,
    governance,
    agreements,
    exceptions,
    signOff:
      (plan.reviews ?? []).find(
        (review) => parseQuarter(review.quarter)?.label === quarter.label
      ) ?? null,
    fingerprint: quarterFingerprint(plan, quarter),
  };
}
