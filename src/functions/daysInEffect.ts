/**
 * The core of DAYSINEFFECT: how many days of a period the plan was in effect,
 * by the same rule as INEFFECT (`inEffectOn`) applied to each day — the
 * "days in effect" of the quarterly report, for a sheet of plain dates.
 */
import type { Day } from "../engine/calendar";
import { inEffectOn } from "../engine/worksheetHelpers";

/**
 * Days d of [start, end] on which `inEffectOn(d, approvals, termination, planEffective)` holds.
 *
 * @example
 * // Approval 15 Aug 2025 and no continuance: in effect through 14 Aug 2026; Q3 2026 → 1 Jul – 14 Aug = 31 + 14
 * daysInEffectBetween(day("2026-07-01"), day("2026-09-30"), [day("2025-08-15")], null) // → 45
 */
export function daysInEffectBetween(
  start: Day,
  end: Day,
  approvalsAndContinuances: readonly Day[],
  termination: Day | null,
  planEffective: Day | null = null
): number {
  let days = 0;
  // One day at a time, so the count always follows INEFFECT's rule; a century is 36,525 days.
  for (let d = start; d <= end; d += 1)
    if (inEffectOn(d, approvalsAndContinuances, termination, planEffective)) days += 1;
  return days;
}
