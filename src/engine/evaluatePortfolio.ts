/**
 * One portfolio's evaluation — its NAV series, ceiling, rates, governance,
 * accrual, fees and cap tests — as `evaluatePlan` runs it for every portfolio
 * of a trust (and `evaluateAccruals`, without the cap tests).
 */
import { accrue, type AccrualResult } from "./accrual";
import { accrueOnFastPath } from "./accrueOnFastPath";
import { addMonths, type Day, isoDate, monthEnd } from "./calendar";
import { capExceptions, capTest, type CapTest, feesAccruedBetween } from "./cap";
import type { BillingPeriodRow } from "./carryforward";
import { type Ceiling, ceilingFor } from "./ceiling";
import { type Decimal, maxOf, minOf, ZERO } from "./decimal";
import type { EligibleExpenses } from "./eligibleExpenses";
import { exception, type PlanException } from "./exceptions";
import { governanceStatus, type GovernanceStatus } from "./governance";
import { type ExactPath, maximumBetween, type MaximumTable, maximumTable } from "./maximumTable";
import { navCoverageFindings } from "./navCoverage";
import { navIndexFor, type NavPoint, toSeries } from "./netAssetsSeries";
import { feesPaidFor, type PayableLedger } from "./payable";
import { carryforwardPaidBetween, planFees } from "./planFees";
import { fiscalYearsBetween, type Period, periodsBetween } from "./periods";
import type { Plan, PortfolioSettings } from "./plan";
import { rateSchedule, type RateSchedule } from "./rateSchedule";
import { type SeriesColumns, seriesColumns } from "./seriesColumns";

export interface PortfolioEvaluation {
  /** The portfolio's settings, `maxAnnualRate` being the ceiling that holds (Plan §8, see `ceiling`). */
  settings: PortfolioSettings;
  /** The ceiling and, when raised by a §8 amendment, the day it holds from (.50% before). */
  ceiling: Ceiling;
  /** The NAV series, or null when its rows have errors (then nothing is computed for it). */
  series: NavPoint[] | null;
  /** The series as number columns, converted once for the fast paths; null with the series. */
  columns: SeriesColumns | null;
  /** The cap's maximum of any period on the series (see `maximumBetween`); null with the series. */
  maximums: MaximumTable | null;
  rates: RateSchedule;
  governance: GovernanceStatus;
  /** Null when there is no usable series. */
  accrual: AccrualResult | null;
  /** Last day accrued: the month end of the last NAV, or `asOf` if earlier. */
  through: Day | null;
  payable: PayableLedger | null;
  /** Cap tests for every month, quarter, fiscal year and plan year with accruals. */
  capTests: CapTest[];
  /** Carryforward by billing period (reimbursement true-ups included); empty with no fees or expenses. */
  carryforward: BillingPeriodRow[];
  /** The portfolio's expenditures under the plan, and those not (SPEC §2 "Eligible expenses"). */
  expenses: EligibleExpenses;
}

export interface EvaluateOptions {
  /** The day the evaluation speaks for (continuance warnings, overdue payments). */
  asOf: Day;
  /** Portfolios whose NAV rows could not be read (see `readPlan`): nothing is computed for them. */
  portfoliosWithBadNetAssets?: ReadonlySet<string>;
  /** Payments dated up to this day count (default `asOf`): a report speaks as of its quarter's end with payments to its as-of day. */
  paymentsUntil?: Day;
  /** The exact fast paths (the default) or the decimal.js reference alone (what tests compare them with). */
  exact?: ExactPath;
}

const key = (name: string) => name.trim().toLowerCase();

/**
 * Plan years: consecutive twelve-month periods from the start of each
 * in-effect window, the last one cut at the window's end (Plan §4: the plan
 * runs a year at a time from its approval).
 */
export function planYears(
  windows: readonly { start: Day; end: Day | null }[],
  until: Day
): Period[] {
  const years: Period[] = [];
  for (const window of windows) {
    const last = Math.min(window.end ?? until, until);
    for (let year = 0; addMonths(window.start, 12 * year) <= last; year += 1) {
      const start = addMonths(window.start, 12 * year);
      const end = Math.min(addMonths(window.start, 12 * (year + 1)) - 1, last);
      years.push({ kind: "plan year", label: `plan year from ${isoDate(start)}`, start, end });
    }
  }
  return years;
}

/**
 * The periods cap-tested (SPEC §2 "Cap"): every month, quarter, fiscal year
 * and plan year from the first accrual month, each cut at `through` — a
 * period not finished by the as-of date (or the last NAV's month end) is
 * measured only through the last day that accrued, so its maximum, ADNA and
 * days stop where its fees stop (issue 20: a FY2024 maximum counted through
 * November on NAVs that ended in March hid breaches).
 */
function capPeriods(
  settings: PortfolioSettings,
  accrual: AccrualResult,
  governance: GovernanceStatus,
  through: Day
): { period: Period; unfinished: boolean }[] {
  const first = accrual.months[0];
  if (!first) return [];
  const start = first.period.start;
  return [
    ...periodsBetween("month", start, through),
    ...periodsBetween("quarter", start, through),
    ...fiscalYearsBetween(start, through, settings.fiscalYearEndMonth),
    ...planYears(governance.windows, through),
  ].map((period) => {
    if (period.end > through) return { period: { ...period, end: through }, unfinished: true };
    // A plan year already cut at `through` by `planYears` is unfinished too.
    const yearCut = period.kind === "plan year" && addMonths(period.start, 12) - 1 > through;
    return { period, unfinished: yearCut && period.end === through };
  });
}

/**
 * The rows of each portfolio (by key), in table order: one pass over the
 * table, not one per portfolio (a filter per portfolio made a 10,000-portfolio
 * trust quadratic, issue 22 item 6).
 */
export function rowsByPortfolio<Row extends { portfolio: string }>(
  rows: readonly Row[]
): Map<string, Row[]> {
  const grouped = new Map<string, Row[]>();
  // Rows come in runs of one portfolio: its name is keyed once per run, not once per row.
  let lastName: string | null = null;
  let list: Row[] = [];
  for (const row of rows) {
    if (row.portfolio !== lastName) {
      lastName = row.portfolio;
      const k = key(lastName);
      const found = grouped.get(k);
      if (found) list = found;
      else grouped.set(k, (list = []));
    }
    list.push(row);
  }
  return grouped;
}

/** One portfolio's rows of the tables evaluated per portfolio. */
interface PortfolioRows {
  netAssets: Plan["netAssets"];
  rates: Plan["rates"];
  expenditures: Plan["expenditures"];
  payments: Plan["payments"];
}

function evaluatePortfolio(
  plan: Plan,
  typedSettings: PortfolioSettings,
  own: PortfolioRows,
  options: EvaluateOptions,
  /** True for `evaluateAccruals`: no period is cap-tested, and no payable or carryforward made. */
  accrualsOnly = false
): { evaluation: PortfolioEvaluation; exceptions: PlanException[] } {
  const navRows = own.netAssets;
  const name = typedSettings.portfolio;
  const found: PlanException[] = [];
  // Plan §8: a ceiling above .50% holds only from its Class B and board votes; the settings carry the one that holds.
  const ceiling = ceilingFor(typedSettings, plan.governance);
  found.push(...ceiling.exceptions);
  const settings = { ...typedSettings, maxAnnualRate: ceiling.maxAnnualRate };
  const seriesResult = toSeries(name, navRows, plan.netAssetsColumns);
  found.push(...seriesResult.exceptions);
  const blocked =
    options.portfoliosWithBadNetAssets &&
    [...options.portfoliosWithBadNetAssets].some((bad) => key(bad) === key(name));
  const series = blocked ? null : seriesResult.series;
  if (blocked) {
    found.push(
      exception(
        "error",
        "input",
        `${name}: some NAV rows could not be read (see above), so no fee is computed for this portfolio.`,
        { portfolio: name }
      )
    );
  }
  const rates = rateSchedule(name, own.rates, ceiling, plan.governance);
  found.push(...rates.exceptions);
  const governance = governanceStatus(name, plan.governance, {
    planEffective: settings.planEffective,
    asOf: options.asOf,
  });

  let accrual: AccrualResult | null = null;
  let through: Day | null = null;
  const capTests: CapTest[] = [];
  const capTiming = settings.capBasis === "Same day" ? "Same day" : settings.navTiming;
  // One conversion of the series and one table for every cap period and row (O(log rows) per period).
  const columns = series ? seriesColumns(series) : null;
  const maximums =
    series && columns
      ? maximumTable({
          series,
          columns,
          timing: capTiming,
          inEffect: governance.windows,
          ceiling,
          ...(options.exact ? { path: options.exact } : {}),
        })
      : null;
  // Each span's maximum once: a billing month's (planFees) is its cap test's month too.
  const maximumsKnown = new Map<Day, Map<Day, Decimal>>();
  const maximumFor = (period: { start: Day; end: Day }) => {
    if (!maximums) return ZERO;
    let byEnd = maximumsKnown.get(period.start);
    if (!byEnd) maximumsKnown.set(period.start, (byEnd = new Map()));
    let maximum = byEnd.get(period.end);
    if (maximum === undefined)
      byEnd.set(period.end, (maximum = maximumBetween(maximums, period.start, period.end)));
    return maximum;
  };
  if (series && series.length > 0) {
    const lastNav = series[series.length - 1]!.date;
    // Earn through the month end of the last NAV (or asOf, if earlier): a Friday NAV on the 27th carries to the 30th.
    through = Math.min(options.asOf, monthEnd(lastNav));
    const accrualInput = {
      portfolio: name,
      series,
      rates: rates.segments,
      settings,
      inEffect: governance.windows,
      periodEnd: through,
    };
    // The exact fast path where the series is in whole cents; decimal.js otherwise, or when asked.
    accrual =
      (options.exact !== "reference" && columns ? accrueOnFastPath(accrualInput, columns) : null) ??
      accrue(accrualInput);
    found.push(...accrual.exceptions);
  }
  // SPEC §5 / §2: in-effect days no NAV covers are a warning in the check as in the report, never silence.
  if (series)
    found.push(
      ...navCoverageFindings(
        name,
        governance.windows,
        series.length > 0 ? series[series.length - 1]!.date : null,
        through,
        options.asOf
      )
    );
  // Eligible expenses, the reimbursement true-up, payments and carryforward, in that order.
  const fees = planFees({
    settings,
    accrual,
    windows: governance.windows,
    expenditures: own.expenditures,
    // Payments up to the as-of day (or `paymentsUntil`), as the report counts them: a later wire is not yet paid.
    payments: own.payments.filter(
      (payment) => payment.date <= Math.max(options.asOf, options.paymentsUntil ?? options.asOf)
    ),
    maximumFor,
    netAssetsOn: (d) => {
      const index = series ? navIndexFor(series, d, "Same day") : -1;
      return index < 0 ? null : series![index]!.netAssets;
    },
    asOf: options.asOf,
    ...(options.exact ? { exact: options.exact } : {}),
    // `evaluateAccruals` reads the accrual alone: no payable ledger or carryforward is made for it.
    accrualsOnly,
  });
  found.push(...fees.exceptions);
  accrual = fees.accrual;
  const payable: PayableLedger | null = fees.payable;
  if (!accrualsOnly && series && accrual && through !== null) {
    for (const { period, unfinished } of capPeriods(settings, accrual, governance, through)) {
      const maximum = maximumFor(period);
      const monthAligned = period.kind !== "plan year";
      // Carryforward paid counts against the cap, always (SPEC §2 "Cap"); it is part of the fee charged.
      const charged = feesAccruedBetween(accrual, period.start, period.end);
      const carryforwardPaid = minOf(
        maxOf(ZERO, charged),
        carryforwardPaidBetween(fees.carryforward, period.start, period.end)
      );
      const test = capTest(period, maximum, charged.minus(carryforwardPaid), {
        carryforwardPaid,
        paid: monthAligned && payable ? feesPaidFor(payable, period.start, period.end) : null,
        unfinished,
      });
      capTests.push(test);
      found.push(...capExceptions(name, test));
    }
  }
  return {
    evaluation: {
      settings,
      ceiling,
      series,
      columns,
      maximums,
      rates,
      governance,
      accrual,
      through,
      payable,
      capTests,
      carryforward: fees.carryforward,
      expenses: fees.expenses,
    },
    exceptions: found,
  };
}

/**
 * Every portfolio of `plan` evaluated, in the Portfolios table's order, with
 * their findings (unsorted); `accrualsOnly: true` runs no cap test and makes
 * no payable or carryforward (see `evaluateAccruals`).
 */
export function evaluatePortfolios(
  plan: Plan,
  options: EvaluateOptions,
  { accrualsOnly }: { accrualsOnly: boolean }
): { portfolios: PortfolioEvaluation[]; exceptions: PlanException[] } {
  const portfolios: PortfolioEvaluation[] = [];
  const exceptions: PlanException[] = [];
  const navRows = rowsByPortfolio(plan.netAssets);
  const rates = rowsByPortfolio(plan.rates);
  const expenditures = rowsByPortfolio(plan.expenditures);
  const payments = rowsByPortfolio(plan.payments);
  for (const settings of plan.portfolios) {
    const k = key(settings.portfolio);
    const { evaluation, exceptions: found } = evaluatePortfolio(
      plan,
      settings,
      {
        netAssets: navRows.get(k) ?? [],
        rates: rates.get(k) ?? [],
        expenditures: expenditures.get(k) ?? [],
        payments: payments.get(k) ?? [],
      },
      options,
      accrualsOnly
    );
    portfolios.push(evaluation);
    exceptions.push(...found);
  }
  return { portfolios, exceptions };
}
