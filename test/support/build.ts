/** Small builders that keep the worked examples in tests readable. */
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import type { NavPoint } from "../../src/engine/netAssetsSeries";
import { type AccrualSettings } from "../../src/engine/accrual";
import type { RateChange } from "../../src/engine/plan";

export const d = (value: string | number) => new Decimal(value);

/** `navs(["2025-01-02", "100000000"], …)` → a NAV series. */
export function navs(...points: [string, string | number][]): NavPoint[] {
  return points.map(([date, netAssets]) => ({
    date: day(date),
    netAssets: new Decimal(netAssets),
  }));
}

/** One constant-rate schedule segment from `start`. */
export function rates(...segments: [string, string][]): { start: number; annualRate: Decimal }[] {
  return segments.map(([start, rate]) => ({ start: day(start), annualRate: new Decimal(rate) }));
}

export const DEFAULT_ACCRUAL: AccrualSettings = {
  dayCount: "Actual/Actual",
  navTiming: "Prior day",
  weekendBooking: "Forward",
  rounding: "Penny-true",
};

export function rateRow(
  portfolio: string,
  effective: string,
  annualRate: string,
  extra: Partial<RateChange> = {}
): RateChange {
  return {
    portfolio,
    effective: day(effective),
    annualRate: new Decimal(annualRate),
    boardApproval: day(effective),
    shareholderApproval: null,
    ...extra,
  };
}

/** Money as a 2-decimal string, for readable expectations. */
export const money = (value: Decimal) => value.toFixed(2);
