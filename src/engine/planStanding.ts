/**
 * Where the plan stands on a day, per portfolio (SPEC §4 "Where the plan stands", added
 * 2026-12-06): in effect or not, the rate in force and the board vote behind it, the ceiling,
 * fees booked this month so far, headroom under the cap this month and this quarter, the next
 * continuance due (Plan §4) and the findings still open. Read off an evaluation the check has
 * already made, so the pane shows the same figures the check and the report use; no rule is
 * applied twice here.
 */
import { type Day } from "./calendar";
import { ceilingOn, percent } from "./ceiling";
import { feesAccruedBetween } from "./cap";
import { type Decimal, ZERO } from "./decimal";
import { maximumBetween } from "./maximumTable";
import type { PlanEvaluation, PortfolioEvaluation } from "./evaluatePlan";
import type { PlanException } from "./exceptions";
import { monthOf, quarterOf } from "./periods";
import { segmentIndexFor } from "./rateSchedule";
import { governanceLine } from "./reportStanding";
import type { GovernanceState } from "./quarterlyReport";

export interface PortfolioStanding {
  portfolio: string;
  /** "In effect", "Lapsed", "Terminated" or "Not approved" on the day. */
  state: GovernanceState;
  /** When the plan lapsed or was terminated, for those states. */
  stateDate: Day | null;
  /** The annual rate in force on the day ("0.25%"), or null when none is. */
  rate: string | null;
  /** The board vote that set that rate (Rates' Board approval), when recorded. */
  rateVote: Day | null;
  /** The ceiling the cap uses on the day ("0.50%", or an approved §8 ceiling). */
  ceiling: string;
  /** Fees booked in the day's month up to the day (with any month-end true-up booked by then). */
  monthToDate: Decimal | null;
  /** Maximum allowable less fees charged, this month and this quarter so far; negative = over the cap. */
  headroomMonth: Decimal | null;
  headroomQuarter: Decimal | null;
  /** The last day a continuance keeps the plan in effect (Plan §4), while it is in effect. */
  continuanceDue: Day | null;
  /** Findings about this portfolio, by severity. */
  errors: number;
  warnings: number;
}

export interface PlanStanding {
  asOf: Day;
  portfolios: PortfolioStanding[];
  /** Findings about no one portfolio (a table, the whole trust). */
  trustErrors: number;
  trustWarnings: number;
}

const key = (name: string) => name.trim().toLowerCase();

/**
 * Maximum allowable less fees booked from the start of the
 * month (or quarter) holding `asOf` through `asOf`: as the Cap headroom column counts it, to
 * date, not against the whole period's maximum (the room a NAV carried to the period's end would give).
 */
function headroomOver(
  evaluation: PortfolioEvaluation,
  kind: "month" | "quarter",
  asOf: Day
): Decimal | null {
  const { accrual, maximums } = evaluation;
  if (!accrual || !maximums || evaluation.through === null) return null;
  const start = (kind === "month" ? monthOf(asOf) : quarterOf(asOf)).start;
  const end = Math.min(asOf, evaluation.through);
  if (end < start) return null;
  // Fees booked in the span, carryforward paid included (as the check's cap test charges them).
  return maximumBetween(maximums, start, end).minus(feesAccruedBetween(accrual, start, end));
}

/**
 * Where each portfolio stands on the evaluation's as-of day.
 *
 * Growth at 0.25% on 100,000,000.00 every day, as of 10 March 2025 (Actual/Actual):
 * `planStanding(evaluatePlan(plan, { asOf: day("2025-03-10") }), findings).portfolios[0]`
 * → `{ state: "In effect", rate: "0.25%", monthToDate: 68.49 (10 days × 6.849…), headroomMonth:
 * 136.99 − 68.49 = 68.50, … }`.
 */
export function planStanding(
  evaluation: PlanEvaluation,
  findings: readonly PlanException[] = evaluation.exceptions
): PlanStanding {
  const { asOf } = evaluation;
  const portfolios = evaluation.portfolios.map((portfolio): PortfolioStanding => {
    const name = portfolio.settings.portfolio;
    const line = governanceLine(portfolio, asOf);
    const inEffect = line.state === "In effect";
    const segmentIndex = segmentIndexFor(portfolio.rates.segments, asOf);
    const segment = inEffect && segmentIndex >= 0 ? portfolio.rates.segments[segmentIndex]! : null;
    const month = monthOf(asOf);
    const bookedMonth = portfolio.accrual?.months.find((m) => m.period.start === month.start);
    const own = findings.filter((f) => f.portfolio !== null && key(f.portfolio) === key(name));
    return {
      portfolio: name,
      state: line.state,
      stateDate: line.stateDate,
      rate: segment ? percent(segment.annualRate) : null,
      rateVote: segment?.rate.boardApproval ?? null,
      ceiling: percent(ceilingOn(portfolio.ceiling, asOf)),
      monthToDate: portfolio.accrual
        ? bookedMonth
          ? bookedMonth.booked.plus(bookedMonth.trueUp).plus(bookedMonth.reimbursementTrueUp)
          : ZERO
        : null,
      headroomMonth: headroomOver(portfolio, "month", asOf),
      headroomQuarter: headroomOver(portfolio, "quarter", asOf),
      continuanceDue: inEffect && line.lapseDate !== null ? line.lapseDate - 1 : null,
      errors: own.filter((f) => f.severity === "error").length,
      warnings: own.filter((f) => f.severity === "warning").length,
    };
  });
  const trust = findings.filter(
    (f) => f.portfolio === null || !portfolios.some((p) => key(p.portfolio) === key(f.portfolio!))
  );
  return {
    asOf,
    portfolios,
    trustErrors: trust.filter((f) => f.severity === "error").length,
    trustWarnings: trust.filter((f) => f.severity === "warning").length,
  };
}
