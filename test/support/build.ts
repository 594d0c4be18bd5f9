/** Small builders that keep the worked examples in tests readable. */
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import type { NavPoint } from "../../src/engine/netAssetsSeries";
import { type AccrualSettings } from "../../src/engine/accrual";
import type { Ceiling } from "../../src/engine/ceiling";
import type { GovernanceAction, GovernanceActionKind, RateChange } from "../../src/engine/plan";

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

/**
 * A Governance row: by default a §3 board vote that passes (trustees 7 of 10,
 * independent trustees 5 of 7, in person), for `portfolio` on `iso`.
 */
export function vote(
  iso: string,
  action: GovernanceActionKind = "Approval",
  portfolio = "All",
  overrides: Partial<GovernanceAction> = {}
): GovernanceAction {
  return {
    date: day(iso),
    action,
    portfolio,
    trusteesFor: 7,
    trusteesTotal: 10,
    independentFor: 5,
    independentTotal: 7,
    inPerson: true,
    sharesFor: null,
    sharesPresent: null,
    sharesOutstanding: null,
    ...overrides,
  };
}

/** The plan's own ceiling, .50%, holding throughout (no §8 amendment). */
export const PLAN_CEILING: Ceiling = {
  maxAnnualRate: new Decimal("0.005"),
  from: null,
  exceptions: [],
};
