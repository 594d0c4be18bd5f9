/**
 * In-effect windows: the stretches of days on which a portfolio's plan is in
 * effect (Plan §1 "partial plan", §3, §4, §6). Fees accrue only inside them,
 * so these helpers sit on the accrual hot path and stay plain loops.
 */
import { addMonths, type Day } from "./calendar";

/** Why a window ended: the anniversary passed without a continuance, or a §6 termination. */
export type WindowEndReason = "lapse" | "termination";

/** An inclusive run of days on which the plan is in effect. */
export interface InEffectWindow {
  /** First day in effect. */
  start: Day;
  /** Last day in effect (inclusive); null = open-ended. */
  end: Day | null;
  /** Why it ends at `end`; null when it has not ended yet (or is open-ended). */
  endReason: WindowEndReason | null;
}

/**
 * Plan §4: the first day the plan is no longer in effect after an approval or
 * continuance on `lastApprovalOrContinuance` — one year later, with Excel
 * EDATE month-end clamping. The plan is in effect through the day before.
 *
 * @example lapseDate(day("2025-08-15")) // → 2026-08-15 (in effect through 2026-08-14)
 * @example lapseDate(day("2024-02-29")) // → 2025-02-28
 */
export function lapseDate(lastApprovalOrContinuance: Day): Day {
  return addMonths(lastApprovalOrContinuance, 12);
}

/**
 * True when `d` falls inside one of the windows.
 *
 * @example isInEffect([{ start: day("2025-08-15"), end: day("2026-08-14"), endReason: null }], day("2026-08-14")) // true
 */
export function isInEffect(windows: readonly InEffectWindow[], d: Day): boolean {
  for (const window of windows) {
    if (d >= window.start && (window.end === null || d <= window.end)) return true;
  }
  return false;
}

/**
 * Number of in-effect days in the inclusive range [start, end]; windows must
 * not overlap (as `governanceStatus` returns them) or days count twice.
 *
 * @example
 * // approval 2025-08-15, no continuance: in effect through 2026-08-14; Q3 2026 has 1 Jul–14 Aug = 31 + 14 = 45
 * daysInEffect([{ start: day("2025-08-15"), end: day("2026-08-14"), endReason: "lapse" }], day("2026-07-01"), day("2026-09-30")) // 45
 */
export function daysInEffect(windows: readonly InEffectWindow[], start: Day, end: Day): number {
  let days = 0;
  for (const window of windows) {
    const from = Math.max(start, window.start);
    const to = window.end === null ? end : Math.min(end, window.end);
    if (to >= from) days += to - from + 1;
  }
  return days;
}
