/**
 * One portfolio's figures over a reporting period — a quarter, the part of a
 * quarter run so far (preliminary), or a fiscal year — taken from the plan's
 * evaluation, so the quarterly report and the annual Item 19(g) table show
 * the same numbers (SPEC §5 "One measure", "The annual table").
 */
import { type Day } from "./calendar";
import { capTest, type CapTest, feesAccruedBetween } from "./cap";
import { Decimal, decimalFromCents, roundCents, sum, ZERO } from "./decimal";
import type { PortfolioEvaluation } from "./evaluatePlan";
import {
  CATEGORY_LETTERS,
  type CategoryLetter,
  normalizeCategory,
  statesDistributionPurpose,
} from "./expenditures";
import { daysInEffect, isInEffect } from "./governance";
import { forEachNetAssetsRun, netAssetsRuns, navIndexFor } from "./netAssetsSeries";
import { percent } from "./ceiling";
import { maximumBetween } from "./maximumTable";
import { feesPaidFor } from "./payable";
import type { Period } from "./periods";
import {
  type CapBasis,
  type Expenditure,
  type NavTiming,
  PLAN_MAX_ANNUAL_RATE,
  type PortfolioSettings,
} from "./plan";

export interface PeriodFigures {
  portfolio: string;
  /**
   * In-effect days measured: those with net assets on the cap's measure, through the last
   * accrued day — the same days as ADNA and the maximum (SPEC §5 "days, ADNA and maximum count
   * the same days").
   */
  daysInEffect: number;
  /** In-effect days of the period with no net assets to measure (before the first NAV, after the last accrued day): a warning. */
  daysWithoutNetAssets: number;
  /** The net assets the maximum was measured on (SPEC §2 "Cap"; `As accrued` by default). */
  capBasis: CapBasis;
  /** The ceilings the maximum used, in order: .50%, or an approved §8 ceiling (.50% before its vote). */
  ceilings: Decimal[];
  /**
   * ADNA on the cap's own measure (Cap basis), over the in-effect days only,
   * rounded to the cent; null when the plan was in effect on none of them.
   */
  averageDailyNetAssets: Decimal | null;
  /** Distinct rates in force on in-effect days of the period, in order. */
  annualRates: Decimal[];
  feesAccrued: Decimal;
  /** Payments recorded for the period's billing periods (SPEC §2 "Fees paid"). */
  feesPaid: Decimal;
  /** Payable at the period's end. */
  payable: Decimal;
  maximumAllowable: Decimal;
  headroom: Decimal;
  headroomPaid: Decimal;
  breach: boolean;
  /** The cap test behind maximum and headroom (the evaluation's, when it tested this period). */
  capTest: CapTest;
}

/** The net assets the cap counts: the same-day close, or the accrual's NAVs with Cap basis "As accrued". */
export function capTiming(settings: Pick<PortfolioSettings, "capBasis" | "navTiming">): NavTiming {
  return settings.capBasis === "Same day" ? "Same day" : settings.navTiming;
}

/** The in-effect parts of [start, end]. */
function inEffectRanges(evaluation: PortfolioEvaluation, start: Day, end: Day) {
  return evaluation.governance.windows.flatMap((window) => {
    const from = Math.max(start, window.start);
    const to = Math.min(end, window.end ?? end);
    return from <= to ? [{ start: from, end: to }] : [];
  });
}

/**
 * Days with net assets on the cap's measure over the in-effect days of [start, end], and Σ of those net assets.
 * On the fast path (the evaluation's series in whole cents) the sum is of whole cents while it
 * stays exact — every term and the running sum of their sizes below 2^53 — and one decimal is
 * made of it: the same value the decimal sum has (each product and sum is exact there too), not
 * a decimal per NAV row and two operations per run.
 *
 * @example capMeasure(evaluation.portfolios[0], day("2025-01-03"), day("2025-01-07")) // → { days: 5, total: 502,700,000.00 } on same-day closes 101, 101, 101, 99.5, 100.2 (M)
 */
export function capMeasure(
  evaluation: PortfolioEvaluation,
  start: Day,
  end: Day
): { days: number; total: Decimal } {
  let days = 0;
  let total = ZERO;
  if (!evaluation.series) return { days, total };
  const cents = evaluation.maximums?.fast ? (evaluation.columns?.netAssetsCents ?? null) : null;
  if (cents !== null) {
    let sumCents = 0;
    let size = 0;
    for (const range of inEffectRanges(evaluation, start, end))
      forEachNetAssetsRun(
        evaluation.columns!.dates,
        capTiming(evaluation.settings),
        range.start,
        range.end,
        (navIndex, runStart, runEnd) => {
          const count = runEnd - runStart + 1;
          const term = cents[navIndex]! * count;
          days += count;
          sumCents += term;
          size += Math.abs(term);
        }
      );
    if (size <= Number.MAX_SAFE_INTEGER) return { days, total: decimalFromCents(sumCents) };
    days = 0;
  }
  for (const range of inEffectRanges(evaluation, start, end))
    for (const run of netAssetsRuns(
      evaluation.series,
      capTiming(evaluation.settings),
      range.start,
      range.end
    )) {
      const count = run.end - run.start + 1;
      days += count;
      total = total.plus(run.netAssets.times(count));
    }
  return { days, total };
}

/**
 * ADNA over the in-effect days of [start, end] on the cap's measure, so that
 * maximum = ADNA × max rate × days ÷ days in the year (to the cent, within a
 * calendar year) can be checked by hand. DOMAIN.md: same-day closes 101, 101,
 * 101, 99.5, 100.2 (M) over 3–7 Jan → 100,540,000.00.
 */
export function capAverageNetAssets(
  evaluation: PortfolioEvaluation,
  start: Day,
  end: Day
): Decimal | null {
  const { days, total } = capMeasure(evaluation, start, end);
  return days === 0 ? null : roundCents(total.dividedBy(days));
}

/** The ceilings in force over [start, end]: .50% before a §8 ceiling's vote, the ceiling from it. */
function ceilingsOver(evaluation: PortfolioEvaluation, start: Day, end: Day): Decimal[] {
  const { maxAnnualRate, from } = evaluation.ceiling;
  if (from === null || from <= start) return [maxAnnualRate];
  if (from > end) return [PLAN_MAX_ANNUAL_RATE];
  return [PLAN_MAX_ANNUAL_RATE, maxAnnualRate];
}

function ratesInEffect(evaluation: PortfolioEvaluation, start: Day, end: Day): Decimal[] {
  const rates: Decimal[] = [];
  const segments = evaluation.rates.segments;
  for (const range of inEffectRanges(evaluation, start, end))
    for (const [index, segment] of segments.entries()) {
      const next = segments[index + 1];
      const overlaps =
        segment.start <= range.end && (next === undefined || next.start > range.start);
      if (overlaps && !rates.some((rate) => rate.equals(segment.annualRate)))
        rates.push(segment.annualRate);
    }
  return rates;
}

/**
 * The fee and cap figures of one portfolio for `period` (its days, ADNA,
 * rates, fees accrued and paid, payable, maximum and headroom).
 *
 * `periodFigures(evaluation.portfolios[0], parseQuarter("2026Q3")!)` → `{ daysInEffect: 92, … }`
 */
export function periodFigures(evaluation: PortfolioEvaluation, period: Period): PeriodFigures {
  const { settings, accrual, governance, payable } = evaluation;
  const { start, end } = period;
  // Measured through the last accrued day only (SPEC §2 "Cap"): maximum, ADNA and days stop where fees stop.
  const measuredEnd = Math.min(end, evaluation.through ?? start - 1);
  const measured = capMeasure(evaluation, start, measuredEnd);
  const feesAccrued = accrual ? feesAccruedBetween(accrual, start, end) : ZERO;
  const feesPaid = payable ? feesPaidFor(payable, start, end) : ZERO;
  const payableMonth = payable?.months.filter((month) => month.period.start <= end).at(-1);
  // evaluatePlan cap-tested every month, quarter and fiscal year it accrued; compute only a period it did not.
  const evaluated = evaluation.capTests.find(
    (t) => t.period.kind === period.kind && t.period.start === start && t.period.end === measuredEnd
  );
  const test =
    evaluated ??
    capTest(
      { ...period, end: Math.max(measuredEnd, start - 1) },
      // From the evaluation's table of the series: its cap basis and ceiling (Plan §8), as its own cap tests use.
      evaluation.maximums && measuredEnd >= start
        ? maximumBetween(evaluation.maximums, start, measuredEnd)
        : ZERO,
      feesAccrued,
      // A period check did not cap-test has no fee accrued (before the first accrual month, after
      // the last accrued day): a payment then is the payable's finding, not a breach check lacks.
      { paid: null, unfinished: measuredEnd < end }
    );
  return {
    portfolio: settings.portfolio,
    daysInEffect: measured.days,
    daysWithoutNetAssets: daysInEffect(governance.windows, start, end) - measured.days,
    capBasis: settings.capBasis,
    ceilings: ceilingsOver(evaluation, start, end),
    averageDailyNetAssets:
      measured.days === 0 ? null : roundCents(measured.total.dividedBy(measured.days)),
    annualRates: ratesInEffect(evaluation, start, end),
    feesAccrued,
    feesPaid,
    payable: payableMonth?.closing ?? ZERO,
    maximumAllowable: test.maximum,
    headroom: test.headroom,
    headroomPaid: test.headroomPaid ?? test.maximum.minus(feesPaid),
    breach: test.breach || test.paidBreach,
    capTest: test,
  };
}

const key = (name: string) => name.trim().toLowerCase();

/**
 * The sentence block 1 of the report prints under its table: which net assets
 * and which ceiling each maximum was measured on (SPEC §2 "Cap", §5 "block 1
 * shows the ceiling each portfolio's maximum used"). Portfolios measured the
 * default way are said once; the others by name.
 *
 * @example capMeasureSentence([{ portfolio: "Growth", capBasis: "As accrued", ceilings: [0.005] }, { portfolio: "Income", capBasis: "Same day", ceilings: [0.005, 0.0075] }])
 * // → "Maximum allowable is measured on the net assets each day's fee accrued on (Cap basis As accrued) at the .50% ceiling; Income: on each day's close (Cap basis Same day), at .50% then the approved 0.75% ceiling."
 */
export function capMeasureSentence(
  lines: readonly Pick<PeriodFigures, "portfolio" | "capBasis" | "ceilings" | "daysInEffect">[]
): string {
  const measure = (basis: CapBasis) =>
    basis === "As accrued"
      ? "on the net assets each day's fee accrued on (Cap basis As accrued)"
      : "on each day's close (Cap basis Same day)";
  const ceilings = (rates: readonly Decimal[]) =>
    rates.length === 1 && rates[0]!.equals(PLAN_MAX_ANNUAL_RATE)
      ? "the .50% ceiling"
      : rates.length === 1
        ? `the ${percent(rates[0]!)} ceiling`
        : `.50% then the approved ${percent(rates.at(-1)!)} ceiling`;
  const measured = lines.filter((l) => l.daysInEffect > 0);
  const usual = (l: (typeof lines)[number]) =>
    l.capBasis === "As accrued" &&
    l.ceilings.length === 1 &&
    l.ceilings[0]!.equals(PLAN_MAX_ANNUAL_RATE);
  const others = measured.filter((l) => !usual(l));
  const head = `Maximum allowable is measured ${measure("As accrued")} at the .50% ceiling`;
  if (others.length === 0) return `${head}.`;
  const rest = others
    .map((l) => `${l.portfolio}: ${measure(l.capBasis)}, at ${ceilings(l.ceilings)}`)
    .join("; ");
  return others.length === measured.length
    ? `Maximum allowable is measured per portfolio — ${rest}.`
    : `${head}; ${rest}.`;
}

/** A portfolio's expenditures of [start, end], split into those under the plan and those not (SPEC §2 "Eligible expenses"). */
export interface PeriodExpenditures {
  /** Eligible: dated on an in-effect day, category (a)–(i). */
  byCategory: Record<CategoryLetter, Decimal>;
  total: Decimal;
  /** Categorised amounts dated while the plan was not in effect (before approval, lapsed, terminated). */
  notUnderPlan: Decimal;
}

/**
 * Sums `portfolio`'s expenditures of [start, end] by category, counting only
 * those made while its plan was in effect.
 *
 * `periodExpenditures(plan.expenditures, evaluation, q3)` → `{ byCategory: { a: 1673.23, … }, total, notUnderPlan }`
 */
export function periodExpenditures(
  expenditures: readonly Expenditure[],
  evaluation: PortfolioEvaluation,
  start: Day,
  end: Day
): PeriodExpenditures {
  const byCategory = Object.fromEntries(CATEGORY_LETTERS.map((l) => [l, ZERO])) as Record<
    CategoryLetter,
    Decimal
  >;
  let notUnderPlan = ZERO;
  const name = key(evaluation.settings.portfolio);
  for (const row of expenditures) {
    if (row.date < start || row.date > end || key(row.portfolio) !== name) continue;
    const letter = normalizeCategory(row.category);
    if (letter === null) continue;
    // SPEC §2: `Other` with no distribution purpose stated is listed apart, like spending outside the plan.
    if (letter === "other" && !statesDistributionPurpose(row.description))
      notUnderPlan = notUnderPlan.plus(row.amount);
    else if (isInEffect(evaluation.governance.windows, row.date))
      byCategory[letter] = byCategory[letter].plus(row.amount);
    else notUnderPlan = notUnderPlan.plus(row.amount);
  }
  return { byCategory, total: sum(CATEGORY_LETTERS.map((l) => byCategory[l])), notUnderPlan };
}

/** Class B net assets on `d` (the latest close on or before it), for the Item 19(g) percentage. */
export function netAssetsOn(evaluation: PortfolioEvaluation, d: Day): Decimal | null {
  if (!evaluation.series) return null;
  const index = navIndexFor(evaluation.series, d, "Same day");
  return index < 0 ? null : evaluation.series[index]!.netAssets;
}

/** One period of the carryforward disclosure: opening + eligible incurred − fees paid (+ fees beyond expenses) = closing. */
export interface CarryforwardFigures {
  opening: Decimal;
  incurred: Decimal;
  paid: Decimal;
  /** Fees paid beyond every unreimbursed expense (a compensation plan's margin); closing never goes below zero. */
  beyondExpenses: Decimal;
  closing: Decimal;
  /** closing ÷ Class B net assets on the period's last day (null when unknown or zero). */
  closingPercentOfNetAssets: Decimal | null;
}

/**
 * The carryforward (Plan §1; Form N-1A Item 19(g)) through each of `periods`
 * in order: eligible expenses incurred against the fees actually paid.
 *
 * Opening 49,715.86, incurred 349,043.80, paid 383,588.34 → closing 15,171.32.
 */
export function carryforwardThrough(
  periods: readonly { incurred: Decimal; paid: Decimal; netAssetsAtEnd: Decimal | null }[]
): CarryforwardFigures[] {
  const rows: CarryforwardFigures[] = [];
  let balance = ZERO;
  for (const { incurred, paid, netAssetsAtEnd } of periods) {
    const owed = balance.plus(incurred).minus(paid);
    const closing = Decimal.max(ZERO, owed);
    rows.push({
      opening: balance,
      incurred,
      paid,
      beyondExpenses: Decimal.max(ZERO, owed.negated()),
      closing,
      closingPercentOfNetAssets:
        netAssetsAtEnd && !netAssetsAtEnd.isZero() ? closing.dividedBy(netAssetsAtEnd) : null,
    });
    balance = closing;
  }
  return rows;
}
