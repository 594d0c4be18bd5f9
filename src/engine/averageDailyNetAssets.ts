/**
 * Average daily net assets (ADNA), the base of the plan's cap (Plan §1
 * "average daily net assets attributable to the Portfolio's Class B shares").
 */
import { type Day } from "./calendar";
import { type Decimal, ZERO } from "./decimal";
import { netAssetsRuns, type NavPoint } from "./netAssetsSeries";
import type { NavTiming } from "./plan";

export interface AverageDailyNetAssets {
  /** Unrounded average, or null when no day of the period has a NAV. */
  average: Decimal | null;
  /** Calendar days of the period that have net assets (days before the first NAV are left out). */
  days: number;
  /** Σ net assets over those days. */
  totalNetAssets: Decimal;
}

/**
 * ADNA over [start, end]: Σ over its calendar days of the net assets used that
 * day ÷ the number of days (weekends and holidays carry the last struck NAV;
 * SPEC §2 "ADNA").
 *
 * DOMAIN.md: prior-day NAVs 2 Jan 100M, 3 Jan 101M, 6 Jan 99.5M over 3–7 Jan →
 * (100 + 101 + 101 + 101 + 99.5) / 5 = 100,500,000.
 */
export function averageDailyNetAssets(
  series: readonly NavPoint[],
  start: Day,
  end: Day,
  timing: NavTiming
): AverageDailyNetAssets {
  let days = 0;
  let totalNetAssets = ZERO;
  for (const run of netAssetsRuns(series, timing, start, end)) {
    const runDays = run.end - run.start + 1;
    days += runDays;
    totalNetAssets = totalNetAssets.plus(run.netAssets.times(runDays));
  }
  return { average: days > 0 ? totalNetAssets.dividedBy(days) : null, days, totalNetAssets };
}
