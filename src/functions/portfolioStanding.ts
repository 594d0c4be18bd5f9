/**
 * Where one portfolio stands on a day (SPEC §3 `PLANSTATUS`): in effect or
 * not, the rate in force and the board vote behind it, the ceiling, the
 * month's fees so far and its cap headroom, when the next continuance is
 * due, and the open findings — read off the plan's evaluation
 * (`evaluatePlan`), nothing recomputed. Mapping only: the rules are the
 * engine's.
 */
import { type Day, isoDate } from "../engine/calendar";
import { percent } from "../engine/ceiling";
import type { Decimal } from "../engine/decimal";
import type { PlanEvaluation } from "../engine/evaluatePlan";
import { formatMoney } from "../engine/money";
import { isInEffect } from "../engine/inEffect";
import { PLAN_MAX_ANNUAL_RATE } from "../engine/plan";
import { segmentIndexFor } from "../engine/rateSchedule";

/** One portfolio's standing on `asOf`. */
export interface PortfolioStanding {
  portfolio: string;
  asOf: Day;
  inEffect: boolean;
  /** The annual rate in force on `asOf`, or null when none is (no rate backed by a passing vote yet). */
  rate: Decimal | null;
  /** The date of the board vote behind that rate. */
  rateVote: Day | null;
  /** The ceiling that holds on `asOf` (.50% unless raised by a §8 amendment in force). */
  ceiling: Decimal;
  /** Fees booked in `asOf`'s month through `asOf` (or the last NAV); null with no accruals that month. */
  monthToDate: Decimal | null;
  /** Cap headroom of `asOf`'s month so far; null with no cap test that month. */
  monthHeadroom: Decimal | null;
  /** The day a continuance is due by (the lapse date: one on that day is timely); null once terminated or lapsed. */
  continuanceDue: Day | null;
  terminated: boolean;
  errors: number;
  warnings: number;
}

const key = (name: string) => name.trim().toLowerCase();

/**
 * The standing of `portfolio` (matched ignoring case and spaces) in an
 * evaluation, or null when the plan has no such portfolio.
 *
 * @example
 * portfolioStanding(evaluatePlan(plan, { asOf: day("2025-01-07") }), "Growth")
 * // → { inEffect: true, rate: 0.0025, rateVote: 2024-12-02, ceiling: 0.005, monthToDate: 3441.78, … }
 */
export function portfolioStanding(
  evaluation: PlanEvaluation,
  portfolio: string
): PortfolioStanding | null {
  const found = evaluation.portfolios.find((p) => key(p.settings.portfolio) === key(portfolio));
  if (!found) return null;
  const { asOf } = evaluation;
  const segments = found.rates.segments;
  const index = segmentIndexFor(segments, asOf);
  const segment = index >= 0 ? segments[index] : undefined;
  const month = found.accrual?.months.find((m) => m.period.start <= asOf && asOf <= m.period.end);
  const monthTest = found.capTests.find(
    (test) => test.period.kind === "month" && test.period.start <= asOf && asOf <= test.period.end
  );
  const terminated = found.governance.terminations.some((t) => t.date <= asOf);
  const inEffect = isInEffect(found.governance.windows, asOf);
  const lapse = found.governance.lapseDate;
  const findings = evaluation.exceptions.filter(
    (e) => e.portfolio !== null && key(e.portfolio) === key(found.settings.portfolio)
  );
  const ceilingHolds = found.ceiling.from === null || found.ceiling.from <= asOf;
  return {
    portfolio: found.settings.portfolio,
    asOf,
    inEffect,
    rate: segment?.annualRate ?? null,
    rateVote: segment?.rate.boardApproval ?? null,
    ceiling: ceilingHolds ? found.ceiling.maxAnnualRate : PLAN_MAX_ANNUAL_RATE,
    monthToDate: month ? month.booked.plus(month.trueUp) : null,
    monthHeadroom: monthTest?.headroom ?? null,
    continuanceDue: !terminated && inEffect && lapse !== null && lapse > asOf ? lapse : null,
    terminated,
    errors: findings.filter((e) => e.severity === "error").length,
    warnings: findings.filter((e) => e.severity === "warning").length,
  };
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/**
 * The standing as one line of text, for hosts without entity values.
 *
 * @example
 * standingLine(standing)
 * // → "Growth on 2025-01-07: in effect; rate 0.25% (board vote 2024-12-02); ceiling 0.50%; month to date 3,441.78; headroom this month 3,441.78; continuance due by 2025-12-02; 0 errors, 0 warnings"
 */
export function standingLine(standing: PortfolioStanding): string {
  const parts = [
    standing.terminated ? "terminated" : standing.inEffect ? "in effect" : "not in effect",
    standing.rate === null
      ? "no rate in force"
      : `rate ${percent(standing.rate)}${standing.rateVote === null ? "" : ` (board vote ${isoDate(standing.rateVote)})`}`,
    `ceiling ${percent(standing.ceiling)}`,
    `month to date ${standing.monthToDate === null ? "none" : formatMoney(standing.monthToDate)}`,
    `headroom this month ${standing.monthHeadroom === null ? "none" : formatMoney(standing.monthHeadroom)}`,
    standing.continuanceDue === null
      ? "no continuance due"
      : `continuance due by ${isoDate(standing.continuanceDue)}`,
    `${count(standing.errors, "error")}, ${count(standing.warnings, "warning")}`,
  ];
  return `${standing.portfolio} on ${isoDate(standing.asOf)}: ${parts.join("; ")}`;
}
