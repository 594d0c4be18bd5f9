/**
 * In-effect days the NetAssets table does not cover (SPEC §5: "in-effect days
 * without a NAV are a warning, not silently dropped"; SPEC §2 "Nothing to check
 * is not compliance"). The check names them as the report does, so a portfolio
 * whose NAVs stopped early, or that has none, is never silence:
 *
 * - days after the last accrued day up to the as-of date accrue no fee and are
 *   not cap-tested (`through` stops at the last NAV's month end);
 * - days the last NAV is carried to its month end although a business day with
 *   no NAV has passed: fees accrue on a stale NAV.
 *
 * A NAV carries over the weekend and, leniently, over the next business day (a
 * `Prior day` fee for that day is figured on it anyway): days from the day after
 * the first weekday following the last NAV are stale. Holidays are not known to
 * the engine, so a month-end holiday may be named too; the warning says so.
 */
import { type Day, isoDate, weekday } from "./calendar";
import { exception, type PlanException } from "./exceptions";
import { daysInEffect, type InEffectWindow } from "./inEffect";

const WEEKDAY_NAMES = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
];

/** The first day after `lastNav` on which the fund should have struck a NAV (Monday to Friday). */
function nextBusinessDay(lastNav: Day): Day {
  let d = lastNav + 1;
  while (weekday(d) === 0 || weekday(d) === 6) d += 1;
  return d;
}

/** The first in-effect day on or after `d` (or `d` itself when none is). */
function firstInEffectFrom(windows: readonly InEffectWindow[], d: Day): Day {
  const starts = windows
    .filter((w) => w.end === null || w.end >= d)
    .map((w) => Math.max(w.start, d));
  return starts.length > 0 ? Math.min(...starts) : d;
}

/**
 * The first day whose fee is figured on a stale NAV: the day after the first
 * business day following `lastNav`. Thursday 2024-03-14 → Saturday 2024-03-16
 * (Friday the 15th's NAV is missing; Friday's own fee is let pass).
 */
export function staleFrom(lastNav: Day): Day {
  return nextBusinessDay(lastNav) + 1;
}

/**
 * In-effect days of [start, end] accrued on the last NAV after it went stale
 * (0 when the last NAV covers them), for the report's period as for the check.
 */
export function staleNavDays(
  windows: readonly InEffectWindow[],
  lastNav: Day,
  through: Day,
  start: Day = -Infinity,
  end: Day = Infinity
): { from: Day; to: Day; days: number } {
  const from = Math.max(staleFrom(lastNav), start);
  const to = Math.min(through, end);
  return { from, to, days: to >= from ? daysInEffect(windows, from, to) : 0 };
}

/**
 * The stale-NAV warning of one portfolio over [start, end] (the whole history
 * by default), or none.
 *
 * NAVs ending Thursday 2024-03-14, accrued through 2024-03-31 → "Q: its last NAV is
 * 2024-03-14 (a Thursday), yet fees accrue on it through 2024-03-31: 16 in-effect days
 * from 2024-03-16 are figured on a NAV older than a business day with no NAV …"
 */
export function staleNavFindings(
  portfolio: string,
  windows: readonly InEffectWindow[],
  lastNav: Day,
  through: Day,
  start: Day = -Infinity,
  end: Day = Infinity
): PlanException[] {
  const stale = staleNavDays(windows, lastNav, through, start, end);
  if (stale.days === 0) return [];
  return [
    exception(
      "warning",
      "nav-days-missing",
      `${portfolio}: its last NAV is ${isoDate(lastNav)} (a ${WEEKDAY_NAMES[weekday(lastNav)]}), yet fees accrue on it through ${isoDate(through)}: ${stale.days} in-effect day${stale.days === 1 ? "" : "s"} from ${isoDate(stale.from)} to ${isoDate(stale.to)} are figured on a NAV older than a business day with no NAV (${isoDate(nextBusinessDay(lastNav))}). Add the missing NAVs, or confirm the fund struck none (a holiday).`,
      { portfolio, date: stale.from }
    ),
  ];
}

/**
 * The check's findings for in-effect days up to `asOf` that no NAV covers: those
 * after the last accrued day (`through`, null with no NAV at all) accrue no fee
 * and are not cap-tested, and those accrued on a stale last NAV.
 *
 * A and B in effect from 2025-01-01, A's NAVs to 2025-09-30, B's to 2025-03-31, as of
 * 2025-10-31 → A: 31 days from 2025-10-01; B: 214 days from 2025-04-01.
 */
export function navCoverageFindings(
  portfolio: string,
  windows: readonly InEffectWindow[],
  lastNav: Day | null,
  through: Day | null,
  asOf: Day
): PlanException[] {
  if (lastNav === null || through === null) {
    const days = daysInEffect(windows, -Infinity, asOf);
    if (days === 0) return [];
    const first = windows.reduce((min, w) => Math.min(min, w.start), Infinity);
    return [
      exception(
        "warning",
        "nav-days-missing",
        `${portfolio}: in effect for ${days} day${days === 1 ? "" : "s"} to ${isoDate(asOf)} but the NetAssets table has no NAV for it, so no fee accrues and nothing is checked for it: nothing to check is not compliance. Fill in its NetAssets rows.`,
        { portfolio, date: Number.isFinite(first) ? first : asOf }
      ),
    ];
  }
  const found = staleNavFindings(portfolio, windows, lastNav, through);
  const from = firstInEffectFrom(windows, through + 1);
  const missing = from <= asOf ? daysInEffect(windows, from, asOf) : 0;
  if (missing > 0) {
    found.push(
      exception(
        "warning",
        "nav-days-missing",
        `${portfolio}: no NAV after ${isoDate(lastNav)}, so its ${missing} in-effect day${missing === 1 ? "" : "s"} from ${isoDate(from)} to ${isoDate(asOf)} accrue no fee and are not cap-tested. Add its NAVs through ${isoDate(asOf)}.`,
        { portfolio, date: from }
      )
    );
  }
  return found;
}
