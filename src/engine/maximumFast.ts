/**
 * The cap's maximum allowable fee for the plan evaluation, on the exact fast
 * path (`averageAndMaximumFast`) when the series allows it, the decimal.js
 * reference (`maximumUnderCeiling`) otherwise. Both give the same cents: the
 * fast path recomputes in decimal.js any rounding that falls near a half cent.
 */
import { averageAndMaximumFast } from "./capFast";
import { type Ceiling, ceilingOn, maximumUnderCeiling } from "./ceiling";
import type { DayWindow } from "./accrualWalk";
import type { Day } from "./calendar";
import { Decimal } from "./decimal";
import { fastPathApplies } from "./accrualFast";
import type { NavPoint } from "./netAssetsSeries";
import type { NavTiming } from "./plan";

/** `"fast"` (the default) or `"reference"` (decimal.js only, what tests compare the fast path with). */
export type ExactPath = "fast" | "reference";

export interface MaximumForInput {
  series: readonly NavPoint[];
  timing: NavTiming;
  inEffect: readonly DayWindow[];
  ceiling: Ceiling;
  path?: ExactPath;
}

/**
 * A function giving the maximum allowable fee of a period, the series being
 * converted to whole-cent columns once rather than once per period.
 *
 * @example
 * // 1–31 March 2026 on 36,500,000 a day at .50%: 31 × 36,500,000 × .005 / 365 = 15,500.00
 * maximumFeeFor({ series, timing: "Same day", inEffect, ceiling })({ start: day("2026-03-01"), end: day("2026-03-31") }) // → 15500
 */
export function maximumFeeFor(
  input: MaximumForInput
): (period: { start: Day; end: Day }) => Decimal {
  const { series, timing, inEffect, ceiling } = input;
  const reference = (period: { start: Day; end: Day }) =>
    maximumUnderCeiling({ series, timing, start: period.start, end: period.end, inEffect }, ceiling)
      .maximum;
  if (input.path === "reference") return reference;
  const dates = Float64Array.from(series, (point) => point.date);
  const cents = Float64Array.from(series, (point) => point.netAssets.times(100).toNumber());
  // Sub-cent or out-of-range net assets stay on the reference (the float bound needs whole cents).
  const exactCents = series.every((point) => point.netAssets.times(100).isInteger());
  if (!exactCents || !fastPathApplies(cents)) return reference;
  return (period) => {
    const from = ceiling.from;
    // A ceiling raised inside the period is rounded once over both parts: the reference does that.
    if (from !== null && from > period.start && from <= period.end) return reference(period);
    const fast = averageAndMaximumFast({
      dates,
      netAssetsCents: cents,
      timing,
      maxAnnualRate: ceilingOn(ceiling, period.start),
      start: period.start,
      end: period.end,
      inEffect,
    });
    return new Decimal(fast.maximumCents).dividedBy(100);
  };
}
