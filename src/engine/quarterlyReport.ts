/**
 * The quarterly report of Plan §5 ("a written report of the amounts so
 * expended and the purposes for which such expenditures were made", SPEC §5)
 * as plain data — no layout. The Excel adapter and the runner lay it out.
 *
 * It speaks for its quarter: the plan is evaluated as it stood on the
 * quarter's last day (`planAsOf`), so later votes, terminations and
 * assignments do not show, and every block takes its fees paid, ADNA and
 * maximum from the same `periodFigures`.
 */
import { type Day } from "./calendar";
import { monthFee } from "./accrual";
import type { Ceiling } from "./ceiling";
import { Decimal, roundCents, sum, ZERO } from "./decimal";
import {
  evaluatePlan,
  type PlanEvaluation,
  type PortfolioEvaluation,
  rowsByPortfolio,
} from "./evaluatePlan";
import { exception, type PlanException } from "./exceptions";
import {
  CATEGORY_LETTERS,
  type CategoryLetter,
  EXPENSE_CATEGORIES,
  type ExpenseCategory,
  N1A_LINES,
  type N1aLine,
} from "./expenditures";
import { isAgreementActive } from "./agreements";
import { staleNavFindings } from "./navCoverage";
import { nothingToCheck, type NothingToCheck } from "./nothingToCheck";
import { feesPaidFor, type PayableLedger } from "./payable";
import { planAsOf } from "./planAsOf";
import { parseQuarter, type Period, periodName, periodsBetween } from "./periods";
import {
  type CarryforwardFigures,
  carryforwardThrough,
  netAssetsOn,
  periodExpenditures,
  periodFigures,
  type PeriodFigures,
} from "./reportFigures";
import { governanceLine, reportFindings } from "./reportStanding";
import { quarterFingerprint } from "./reviewLock";
import {
  type Agreement,
  type Plan,
  PLAN_MAX_ANNUAL_RATE,
  type PlanType,
  type PortfolioSettings,
  type QuarterSignOff,
} from "./plan";

/** A ceiling on the annual rate that held on some of the period's days (Plan §1 .50%, or a §8 one). */
export interface CeilingInPeriod {
  maxAnnualRate: Decimal;
  /** The day it holds from, when it begins inside the period (a §8 ceiling voted mid-quarter). */
  from: Day | null;
}

/** A billing period whose fee was still payable on the report's last day, and when it was paid. */
export interface PayableBillingPeriod {
  period: Period;
  /** Accrued for it, not yet paid on the report's last day. */
  outstanding: Decimal;
  /** The day the last payment settling it was made, when it has been paid in full since; else null. */
  paidOn: Day | null;
}

export type PortfolioQuarterLine = Omit<PeriodFigures, "capTest" | "ceilings"> & {
  /** The ceiling(s) the maximum allowable used (`PortfolioEvaluation.ceiling`), in order, with the day each holds from. */
  ceilingSpans: CeilingInPeriod[];
  /** The same ceilings as rates alone (what `capMeasureSentence` says). */
  ceilings: Decimal[];
  /** Monthly or Quarterly (Plan §1 "paid monthly or at such other intervals as the Board … shall determine"). */
  payment: PortfolioSettings["payment"];
  /** What makes up "payable at the period's end": the billing periods still unpaid then. */
  payableBillingPeriods: PayableBillingPeriod[];
};

/**
 * The ceilings that held over `period`: the portfolio's ceiling, or .50% and
 * then the §8 ceiling from the day its votes made it hold.
 *
 * A .75% ceiling holding from 2026-08-03, for 2026 Q3 → `[{ .50%, from: null }, { .75%, from: 2026-08-03 }]`
 */
export function ceilingsInPeriod(ceiling: Ceiling, period: Period): CeilingInPeriod[] {
  if (ceiling.from === null || ceiling.from <= period.start)
    return [{ maxAnnualRate: ceiling.maxAnnualRate, from: null }];
  if (ceiling.from > period.end) return [{ maxAnnualRate: PLAN_MAX_ANNUAL_RATE, from: null }];
  return [
    { maxAnnualRate: PLAN_MAX_ANNUAL_RATE, from: null },
    { maxAnnualRate: ceiling.maxAnnualRate, from: ceiling.from },
  ];
}

/**
 * The billing periods begun by `end` whose fee was not yet paid on `end`
 * (the "payable at quarter end" of SPEC §5), with the day each was paid
 * since, if it was. A fee paid by `end` is not payable; September's fee paid
 * on 9 October is `{ period: September, outstanding, paidOn: 9 October }`.
 */
export function payableBillingPeriods(
  ledger: PayableLedger | null,
  end: Day
): PayableBillingPeriod[] {
  const found: PayableBillingPeriod[] = [];
  for (const settlement of ledger?.settlements ?? []) {
    if (settlement.period.start > end) break;
    let paidByEnd: Decimal | null = null;
    for (const payment of settlement.payments)
      if (payment.date <= end) paidByEnd = (paidByEnd ?? ZERO).plus(payment.amount);
    // Nothing paid by the end: all of the fee is outstanding (`due` is a sum decimal.js rounded
    // already, so due − 0 and min(due, due) are `due` itself: no two copies per unpaid month).
    const outstanding =
      paidByEnd === null
        ? settlement.due
        : Decimal.min(settlement.due, settlement.due.minus(paidByEnd));
    if (!outstanding.greaterThan(ZERO)) continue;
    const paidInFull = !settlement.paid.lessThan(settlement.due) && settlement.payments.length > 0;
    found.push({
      period: settlement.period,
      outstanding,
      paidOn: paidInFull ? Math.max(...settlement.payments.map((payment) => payment.date)) : null,
    });
  }
  return found;
}

export interface ExpenditureLine {
  portfolio: string;
  /** Eligible amounts: made while the plan was in effect, categories (a)–(i). */
  amounts: Record<CategoryLetter, Decimal>;
  total: Decimal;
  /** Listed apart: amounts made while the plan was not in effect for the portfolio. */
  notUnderPlan: Decimal;
}

/**
 * The carryforward block of one portfolio (SPEC §2 "Fees paid", "Compensation plan",
 * "Reimbursement plan"): opening + eligible incurred − fees earned (+ fees beyond expenses) =
 * closing. Fees earned are the fees accrued in the period, trued up, paid or still payable, so
 * the closing balance does not swing on whether the last billing period's wire has gone out;
 * `payable` is the part of them not yet paid, shown beside it.
 */
export interface CarryforwardLine extends Omit<CarryforwardFigures, "paid"> {
  portfolio: string;
  planType: PlanType;
  /** Fees earned in the period: accrued, with true-ups (for a reimbursement plan: reimbursed). */
  feesEarned: Decimal;
  /** The part of `feesEarned` not yet paid as of the report's as-of date (never below zero). */
  payable: Decimal;
}

/** Form N-1A Item 19(g) for one portfolio (or the trust): the lines, fees paid and the difference. */
export interface ItemNineteenColumn {
  portfolio: string;
  lines: { line: N1aLine; amount: Decimal }[];
  /** Amounts expended under the plan (the sum of the lines). */
  expended: Decimal;
  feesPaid: Decimal;
  /** expended − fees paid: borne by the distributor / carried forward (negative: fees beyond expenses). */
  difference: Decimal;
}

export type GovernanceState = "In effect" | "Lapsed" | "Terminated" | "Not approved";

export interface GovernanceLine {
  portfolio: string;
  state: GovernanceState;
  /** Lapse or termination date when the state is Lapsed or Terminated. */
  stateDate: Day | null;
  lastApprovalOrContinuance: Day | null;
  /** Next lapse date while in effect; null once lapsed or terminated. */
  lapseDate: Day | null;
  /** Days from the quarter's last day to the lapse date (while in effect). */
  daysLeft: number | null;
}

export interface AgreementLine {
  agreement: Agreement;
  /** In force on the report's last day (approved, not terminated, not assigned). */
  inForce: boolean;
  findings: PlanException[];
}

export interface QuarterlyReport {
  quarter: Period;
  /** The days reported: the whole quarter, or its first day to the as-of date when preliminary. */
  period: Period;
  /** The quarter had not ended by the as-of date: a preliminary report (SPEC §5). */
  preliminary: boolean;
  /** No portfolio, or no NAV in the period: the report says so on its first line (SPEC §2). */
  nothingToCheck: NothingToCheck | null;
  /** When it was prepared: the caller's clock, as text (the engine has none). */
  preparedAt: string;
  /** The day the report was prepared for. */
  asOf: Day;
  portfolios: PortfolioQuarterLine[];
  /** Totals; never a netted headroom — the cap is per portfolio. */
  trust: {
    /** Σ of in-effect portfolio-days. */
    portfolioDays: number;
    /** Σ over in-effect portfolio-days of net assets ÷ days of the period (§1 partial plan), to the cent. */
    averageDailyNetAssets: Decimal;
    feesAccrued: Decimal;
    feesPaid: Decimal;
    payable: Decimal;
    maximumAllowable: Decimal;
    portfoliosInBreach: number;
  };
  categories: ExpenseCategory[];
  expenditures: ExpenditureLine[];
  expenditureTotals: ExpenditureLine;
  /** Per portfolio, then the trust. */
  itemNineteen: ItemNineteenColumn[];
  carryforward: CarryforwardLine[];
  governance: GovernanceLine[];
  agreements: AgreementLine[];
  exceptions: PlanException[];
  /** The quarter's row of the `Reviews` table (prepared by, reviewed by, board review), if any. */
  signOff: QuarterSignOff | null;
  /** The quarter's input fingerprint now, to record once the board has reviewed it. */
  fingerprint: string;
}

export interface ReportOptions {
  /** The day the report is prepared for: payments up to it count; a quarter not ended by it is preliminary. */
  asOf: Day;
  preparedAt: string;
  /** Portfolios whose NAV rows could not be read (see `readPlan`). */
  portfoliosWithBadNetAssets?: ReadonlySet<string>;
}

/** The span a report of `quarter` covers as of `asOf`: the quarter, or its start to `asOf`. */
export function reportPeriod(quarter: Period, asOf: Day): Period {
  if (asOf >= quarter.end) return quarter;
  return { ...quarter, end: Math.max(quarter.start - 1, asOf) };
}

/**
 * The evaluation a report of the period ending `end` rests on: the plan as it
 * stood on `end`, payments up to `asOf`.
 *
 * `reportEvaluation(plan, day("2026-09-30"), { asOf: day("2026-11-28") })`
 */
export function reportEvaluation(
  plan: Plan,
  end: Day,
  options: Pick<ReportOptions, "asOf" | "portfoliosWithBadNetAssets">
): PlanEvaluation {
  return evaluateAsOf(planAsOf(plan, end, options.asOf), end, options);
}

/** `reportEvaluation` of a plan already cut at `end` (`planAsOf`), which the report reads too. */
function evaluateAsOf(
  asOfPlan: Plan,
  end: Day,
  options: Pick<ReportOptions, "asOf" | "portfoliosWithBadNetAssets">
): PlanEvaluation {
  return evaluatePlan(asOfPlan, {
    asOf: end,
    paymentsUntil: options.asOf,
    ...(options.portfoliosWithBadNetAssets
      ? { portfoliosWithBadNetAssets: options.portfoliosWithBadNetAssets }
      : {}),
  });
}

/**
 * The report's carryforward block read off the engine's ledger (review item 9: one rule for
 * the check, the report and the annual table). The ledger runs by billing period (a month, or
 * a quarter when paid quarterly; `planFees`), its closing floored at zero each period (SPEC §2
 * "Compensation plan": the disclosed carryforward = max(0, opening + eligible − fees)); the
 * quarter's line sums the billing periods starting in it: opening of the first, expenses,
 * fees and fees beyond expenses summed, closing of the last. Null when the ledger has no
 * billing period on or before the period's end.
 *
 * .25% on 100,000,000, 60,000.00 of (d) on 2025-06-15: April 20,547.95 + May 21,232.88 + June
 * 20,547.95 = 62,328.78 earned; June closes 60,000.00 − 20,547.95 = 39,452.05, Q2's closing.
 */
function carryforwardFromLedger(
  evaluation: PortfolioEvaluation,
  period: Period
): CarryforwardLine | null {
  const rows = evaluation.carryforward.filter((row) => row.period.start <= period.end);
  const last = rows.at(-1);
  if (!last) return null;
  const inPeriod = rows.filter((row) => row.period.start >= period.start);
  const sumOf = (pick: (row: (typeof rows)[number]) => Decimal) => sum(inPeriod.map(pick));
  const feesEarned = sumOf((row) => row.paid);
  const lastQuarter =
    inPeriod.length > 0 ? { start: inPeriod[0]!.period.start, end: period.end } : null;
  const paid =
    evaluation.payable && lastQuarter
      ? feesPaidFor(evaluation.payable, lastQuarter.start, lastQuarter.end)
      : ZERO;
  return {
    opening: inPeriod[0]?.opening ?? last.closing,
    incurred: sumOf((row) => row.incurred),
    beyondExpenses: sumOf((row) => row.excessOfFeeOverExpenses),
    closing: last.closing,
    closingPercentOfNetAssets: last.closingPercentOfNetAssets,
    feesEarned,
    payable: Decimal.max(ZERO, feesEarned.minus(paid)),
    portfolio: evaluation.settings.portfolio,
    planType: evaluation.settings.planType,
  };
}

/**
 * Carryforward through the report's period: every quarter from the first with
 * fees or expenses (the annual table takes the same figure at the year end).
 *
 * `carryforwardLine(plan, evaluation.portfolios[0], q3)` → `{ opening, incurred, paid, closing, … }`
 */
export function carryforwardLine(
  plan: Plan,
  evaluation: PortfolioEvaluation,
  period: Period,
  /** The portfolio's own Expenditures rows, when the caller has grouped them (`rowsByPortfolio`). */
  expenditures: Plan["expenditures"] = plan.expenditures
): CarryforwardLine | null {
  const fromLedger = carryforwardFromLedger(evaluation, period);
  if (fromLedger) return fromLedger;
  const name = evaluation.settings.portfolio.trim().toLowerCase();
  const starts = expenditures
    .filter((row) => row.portfolio.trim().toLowerCase() === name)
    .map((row) => row.date);
  const firstMonth = evaluation.accrual?.months[0]?.period.start;
  if (firstMonth !== undefined) starts.push(firstMonth);
  const first = starts.reduce((a, b) => Math.min(a, b), Infinity);
  if (first > period.end) return null;
  const quarters = periodsBetween("quarter", first, period.end).map((q) =>
    q.end > period.end ? { ...q, end: period.end } : q
  );
  const rows = carryforwardThrough(
    quarters.map((q) => ({
      incurred: periodExpenditures(expenditures, evaluation, q.start, q.end).total,
      // Fees earned, paid or payable (SPEC §2): the same figure the engine's ledger deducts.
      paid: feesEarnedBetween(evaluation, q.start, q.end),
      netAssetsAtEnd: netAssetsOn(evaluation, q.end),
    }))
  );
  const { paid: feesEarned, ...row } = rows.at(-1)!;
  const last = quarters.at(-1)!;
  const paid = evaluation.payable ? feesPaidFor(evaluation.payable, last.start, last.end) : ZERO;
  return {
    ...row,
    feesEarned,
    payable: Decimal.max(ZERO, feesEarned.minus(paid)),
    portfolio: evaluation.settings.portfolio,
    planType: evaluation.settings.planType,
  };
}

/**
 * Fees earned in the months starting in [start, end]: booked, with rounding and reimbursement
 * true-ups (the fee the payable ledger bills), whether paid yet or not.
 *
 * `feesEarnedBetween(evaluation, day("2025-04-01"), day("2025-06-30"))` → 30,000.00 for a June trued up to its expenses
 */
export function feesEarnedBetween(evaluation: PortfolioEvaluation, start: Day, end: Day): Decimal {
  let total = ZERO;
  for (const month of evaluation.accrual?.months ?? [])
    if (month.period.start >= start && month.period.start <= end)
      total = total.plus(monthFee(month));
  return total;
}

/** The Item 19(g) column of one portfolio (or the trust) from its expenditures and fees paid. */
export function itemNineteenColumn(
  portfolio: string,
  byCategory: Record<CategoryLetter, Decimal>,
  feesPaid: Decimal
): ItemNineteenColumn {
  const lines = N1A_LINES.map((line) => ({
    line,
    amount: sum(
      CATEGORY_LETTERS.filter((l) => EXPENSE_CATEGORIES[l].n1aLine === line).map(
        (l) => byCategory[l]
      )
    ),
  }));
  const expended = sum(lines.map((l) => l.amount));
  return { portfolio, lines, expended, feesPaid, difference: expended.minus(feesPaid) };
}

/**
 * A warning for each portfolio with in-effect days of the report's period that
 * have no net assets to measure — before its first NAV, or after its last
 * accrued day (SPEC §5: days, ADNA and maximum count the same days; "in-effect
 * days without a NAV are a warning, not silently dropped from one figure but
 * not the other").
 *
 * 47 in-effect days in 2023 Q4 with net assets on 31 → "Growth: 16 of its 47 in-effect days in
 * 2023 Q4 have no NAV to measure; days, ADNA and maximum count the other 31."
 */
export function daysWithoutNetAssetsFindings(
  figures: readonly Pick<PeriodFigures, "portfolio" | "daysInEffect" | "daysWithoutNetAssets">[],
  quarter: Period,
  period: Period
): PlanException[] {
  return figures
    .filter((line) => line.daysWithoutNetAssets > 0)
    .map((line) => {
      const inEffect = line.daysInEffect + line.daysWithoutNetAssets;
      return exception(
        "warning",
        "nav-days-missing",
        `${line.portfolio}: ${line.daysWithoutNetAssets} of its ${inEffect} in-effect days in ${periodName(quarter)} have no NAV to measure; days, ADNA and maximum count the other ${line.daysInEffect}.`,
        { portfolio: line.portfolio, date: period.end }
      );
    });
}

/**
 * Builds the report for `quarter` as of `options.asOf`. A quarter that has
 * not ended by then is reported through `asOf` and marked preliminary (the
 * adapters refuse it unless asked for a preliminary report).
 *
 * `quarterlyReport(plan, parseQuarter("2026Q3")!, { asOf: day("2026-11-28"), preparedAt: "2026-11-28 14:05 UTC" })`
 */
export function quarterlyReport(
  plan: Plan,
  quarter: Period,
  options: ReportOptions
): QuarterlyReport {
  const period = reportPeriod(quarter, options.asOf);
  // The plan cut at the period's end once: the evaluation and the agreements both read it.
  const asOfPlan = planAsOf(plan, period.end, options.asOf);
  const evaluation = evaluateAsOf(asOfPlan, period.end, options);
  const figures = evaluation.portfolios.map((p) => periodFigures(p, period));
  // Each portfolio's expenditures, grouped once (a scan of the table per portfolio was quadratic).
  const expendituresOf = rowsByPortfolio(plan.expenditures);
  const own = (p: PortfolioEvaluation) =>
    expendituresOf.get(p.settings.portfolio.trim().toLowerCase()) ?? [];
  const portfolios: PortfolioQuarterLine[] = figures.map(({ capTest: _, ...line }, i) => {
    const portfolio = evaluation.portfolios[i]!;
    return {
      ...line,
      ceilingSpans: ceilingsInPeriod(portfolio.ceiling, period),
      payment: portfolio.settings.payment,
      payableBillingPeriods: payableBillingPeriods(portfolio.payable, period.end),
    };
  });
  const periodDays = Math.max(1, period.end - period.start + 1);
  const total = (pick: (line: PortfolioQuarterLine) => Decimal) => sum(portfolios.map(pick));
  const trustAdna = roundCents(
    sum(portfolios.map((l) => (l.averageDailyNetAssets ?? ZERO).times(l.daysInEffect))).dividedBy(
      periodDays
    )
  );
  const expenditures: ExpenditureLine[] = evaluation.portfolios.map((p) => {
    const spent = periodExpenditures(own(p), p, period.start, period.end);
    return {
      portfolio: p.settings.portfolio,
      amounts: spent.byCategory,
      total: spent.total,
      notUnderPlan: spent.notUnderPlan,
    };
  });
  const totalByCategory = Object.fromEntries(
    CATEGORY_LETTERS.map((l) => [l, sum(expenditures.map((e) => e.amounts[l]))])
  ) as Record<CategoryLetter, Decimal>;
  const expenditureTotals: ExpenditureLine = {
    portfolio: "Trust",
    amounts: totalByCategory,
    total: sum(expenditures.map((e) => e.total)),
    notUnderPlan: sum(expenditures.map((e) => e.notUnderPlan)),
  };
  const governance = evaluation.portfolios.map((p) => governanceLine(p, period.end));
  const agreementFindings = evaluation.exceptions.filter((e) => e.source?.table === "Agreements");
  const agreements: AgreementLine[] = asOfPlan.agreements.map((agreement) => ({
    agreement,
    inForce: isAgreementActive(agreement, period.end, asOfPlan.governance),
    findings: agreementFindings.filter(
      (e) => e.source?.row !== undefined && e.source.row === agreement.source?.row
    ),
  }));
  const feesPaidTotal = total((l) => l.feesPaid);
  return {
    quarter,
    period,
    preliminary: period.end < quarter.end,
    nothingToCheck: nothingToCheck(asOfPlan, period),
    preparedAt: options.preparedAt,
    asOf: options.asOf,
    portfolios,
    trust: {
      portfolioDays: portfolios.reduce((n, l) => n + l.daysInEffect, 0),
      averageDailyNetAssets: trustAdna,
      feesAccrued: total((l) => l.feesAccrued),
      feesPaid: feesPaidTotal,
      payable: total((l) => l.payable),
      maximumAllowable: total((l) => l.maximumAllowable),
      portfoliosInBreach: portfolios.filter((l) => l.breach).length,
    },
    categories: CATEGORY_LETTERS.map((letter) => EXPENSE_CATEGORIES[letter]),
    expenditures,
    expenditureTotals,
    itemNineteen: [
      ...expenditures.map((e, i) =>
        itemNineteenColumn(e.portfolio, e.amounts, portfolios[i]!.feesPaid)
      ),
      itemNineteenColumn("Trust", totalByCategory, feesPaidTotal),
    ],
    carryforward: evaluation.portfolios
      .map((p) => carryforwardLine(plan, p, period, own(p)))
      .filter((line): line is CarryforwardLine => line !== null),
    governance,
    agreements,
    exceptions: [
      // The check's NAV-coverage findings speak to its as-of date; the report counts its own period's days.
      ...reportFindings(plan, evaluation, period, governance).filter(
        (e) => e.rule !== "nav-days-missing"
      ),
      ...daysWithoutNetAssetsFindings(figures, quarter, period),
      ...evaluation.portfolios.flatMap((p) => {
        const lastNav = p.series?.at(-1)?.date;
        return lastNav === undefined || p.through === null
          ? []
          : staleNavFindings(
              p.settings.portfolio,
              p.governance.windows,
              lastNav,
              p.through,
              period.start,
              period.end
            );
      }),
    ],
    signOff:
      (plan.reviews ?? []).find(
        (review) => parseQuarter(review.quarter)?.label === quarter.label
      ) ?? null,
    fingerprint: quarterFingerprint(plan, quarter),
  };
}
