/**
 * The rates a portfolio may accrue at: the `Rates` table filtered by the
 * plan's limits. A rate row that the plan does not allow is an exception and
 * is not accrued — the previous allowed rate stays in force — so a workbook
 * error never turns into a fee (Plan §1 rate votes and ceiling, §8).
 */
import { type Day, isoDate } from "./calendar";
import { type Ceiling, ceilingOn, percent } from "./ceiling";
import { type Decimal, ZERO } from "./decimal";
import { exception, type PlanException } from "./exceptions";
import { appliesTo } from "./governance";
import type { GovernanceAction, GovernanceActionKind, RateChange } from "./plan";
import { checkBoardVote, checkFeeRateVote } from "./votes";

/** An allowed annual rate in force from `start` until the next segment's start. */
export interface RateSegment {
  start: Day;
  annualRate: Decimal;
  /** The `Rates` row it comes from. */
  rate: RateChange;
}

export interface RateSchedule {
  segments: RateSegment[];
  exceptions: PlanException[];
}

/** Governance actions whose passing board vote can set a rate (SPEC §2 "Rates and votes"). */
const RATE_VOTES: readonly GovernanceActionKind[] = [
  "Fee rate",
  "Approval",
  "Continuance",
  "Amendment",
];

/**
 * The passing board vote behind a rate approved on `approval`, or null: a
 * `Governance` row for the portfolio (or `All`) dated `approval`, of action
 * Fee rate, Approval, Continuance or Amendment, carried by a majority of all
 * trustees and of the independent trustees (Plan §1; Approval, Continuance and
 * Amendment rows are §3 votes, so those must also be cast in person).
 *
 * @example rateVote("Growth", day("2026-08-05"), [feeRateVote("2026-08-05", "Growth")]) // → that row
 */
export function rateVote(
  portfolio: string,
  approval: Day,
  governance: readonly GovernanceAction[]
): GovernanceAction | null {
  return (
    governance.find(
      (action) =>
        action.date === approval &&
        RATE_VOTES.includes(action.action) &&
        appliesTo(action.portfolio, portfolio) &&
        (action.action === "Fee rate" ? checkFeeRateVote(action) : checkBoardVote(action)).passes
    ) ?? null
  );
}

/**
 * Builds the schedule of allowed rates for one portfolio from its `Rates`
 * rows (any order). A row is in force from the later of its Effective and
 * Board approval dates (Plan §1: the fee is "approved … by" the board, so it
 * cannot accrue before the vote). A row is refused, with an error, when:
 * - its rate is negative or above 100% ("rate-invalid"), or two rows come into force the same day;
 * - it has no board approval date, or no passing board vote is recorded on that date
 *   ("rate-not-board-approved", Plan §1);
 * - its rate exceeds the ceiling in force on its first day ("rate-above-cap", Plan §1, §8); a
 *   rate within a raised §8 ceiling that holds only later comes into force when the ceiling does.
 * A rise within the ceiling needs no shareholder vote (Plan §1 "from time to time").
 *
 * `rateSchedule("Growth", [{effective: 2025-01-01, annualRate: 0.0025, boardApproval: 2025-01-01, …}], ceiling, [feeRate("2025-01-01")])`
 * → one segment at 0.25% from 2025-01-01.
 */
export function rateSchedule(
  portfolio: string,
  rates: readonly RateChange[],
  ceiling: Ceiling,
  governance: readonly GovernanceAction[]
): RateSchedule {
  const exceptions: PlanException[] = [];
  const segments: RateSegment[] = [];
  const inForce = (rate: RateChange) => {
    const voted = Math.max(rate.effective, rate.boardApproval ?? -Infinity);
    // A rate the board set within a raised §8 ceiling waits for it: it holds from the later of
    // the amendment's two votes (SPEC §2 "Material increase"), not refused for the days before.
    const waits =
      ceiling.from !== null &&
      voted < ceiling.from &&
      rate.annualRate.greaterThan(ceilingOn(ceiling, voted)) &&
      !rate.annualRate.greaterThan(ceiling.maxAnnualRate);
    return waits ? ceiling.from! : voted;
  };
  const sorted = [...rates].sort((a, b) => inForce(a) - inForce(b) || a.effective - b.effective);
  for (const rate of sorted) {
    const where = {
      portfolio,
      date: rate.effective,
      ...(rate.source ? { source: rate.source } : {}),
    };
    const when = isoDate(rate.effective);
    const previous = segments[segments.length - 1];
    const refuse = (rule: Parameters<typeof exception>[1], message: string, column?: string) =>
      exceptions.push(
        exception(
          "error",
          rule,
          `${portfolio}: the rate effective ${when} ${message}; it is not accrued${previous ? ` and ${percent(previous.annualRate)} stays in force` : ""}.`,
          column && where.source ? { ...where, source: { ...where.source, column } } : where
        )
      );

    if (rate.annualRate.isNegative() || rate.annualRate.greaterThan(1)) {
      refuse("rate-invalid", `is ${percent(rate.annualRate)}, outside 0–100%`, "Annual rate");
      continue;
    }
    if (rate.boardApproval === null) {
      refuse(
        "rate-not-board-approved",
        "has no board approval date (Plan §1: the fee is approved by a majority of the trustees and of the independent trustees)",
        "Board approval"
      );
      continue;
    }
    if (rateVote(portfolio, rate.boardApproval, governance) === null) {
      refuse(
        "rate-not-board-approved",
        `has no passing board vote on its board approval date ${isoDate(rate.boardApproval)}: the Governance table needs a Fee rate, Approval, Continuance or Amendment row for ${portfolio} or All on that date, carried by a majority of all trustees and of the independent trustees (Plan §1)`,
        "Board approval"
      );
      continue;
    }
    const start = inForce(rate);
    const ceilingThen = ceilingOn(ceiling, start);
    if (rate.annualRate.greaterThan(ceilingThen)) {
      refuse(
        "rate-above-cap",
        `is ${percent(rate.annualRate)}, above the ceiling of ${percent(ceilingThen)} in force on ${isoDate(start)}`,
        "Annual rate"
      );
      continue;
    }
    if (previous && previous.start === start) {
      refuse("rate-invalid", `comes into force on ${isoDate(start)}, as another rate row does`);
      continue;
    }
    segments.push({ start, annualRate: rate.annualRate, rate });
  }
  return { segments, exceptions };
}

/** Index of the segment in force on `d`, or -1 before the first. */
export function segmentIndexFor(segments: readonly RateSegment[], d: Day): number {
  let found = -1;
  for (let index = 0; index < segments.length && segments[index]!.start <= d; index += 1)
    found = index;
  return found;
}

/** The allowed annual rate on `d`, or zero before the first rate. */
export function annualRateOn(segments: readonly RateSegment[], d: Day): Decimal {
  const index = segmentIndexFor(segments, d);
  return index < 0 ? ZERO : segments[index]!.annualRate;
}
