/**
 * The rates a portfolio may accrue at: the `Rates` table filtered by the
 * plan's limits. A rate row that the plan does not allow is an exception and
 * is not accrued — the previous allowed rate stays in force — so a workbook
 * error never turns into a fee (Plan §1 cap, §8 material increase).
 */
import { type Day, isoDate } from "./calendar";
import { type Decimal, ZERO } from "./decimal";
import { exception, type PlanException } from "./exceptions";
import type { RateChange } from "./plan";

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

function percent(rate: Decimal): string {
  return `${rate.times(100).toDecimalPlaces(4).toString()}%`;
}

/**
 * Builds the schedule of allowed rates for one portfolio from its `Rates`
 * rows (any order). A row is refused, with an error, when:
 * - its rate is negative or above 100% ("rate-invalid"), or two rows share an effective date;
 * - its rate exceeds the portfolio's maximum annual rate ("rate-above-cap", Plan §1);
 * - it has no board approval date ("rate-not-board-approved", Plan §1: "approved … by a majority of the Board");
 * - it raises the rate above the previous allowed rate without a shareholder
 *   approval dated on or before its effective date ("rate-increase-without-shareholder-approval", Plan §8).
 * A board approval dated after the effective date is a warning (retroactive approval).
 *
 * `rateSchedule("Growth", [{effective: 2025-01-01, annualRate: 0.0025, boardApproval: …}], 0.005)`
 * → one segment at 0.25% from 2025-01-01.
 */
export function rateSchedule(
  portfolio: string,
  rates: readonly RateChange[],
  maxAnnualRate: Decimal
): RateSchedule {
  const exceptions: PlanException[] = [];
  const segments: RateSegment[] = [];
  const sorted = [...rates].sort((a, b) => a.effective - b.effective);
  for (const rate of sorted) {
    const where = {
      portfolio,
      date: rate.effective,
      ...(rate.source ? { source: rate.source } : {}),
    };
    const when = isoDate(rate.effective);
    const previous = segments[segments.length - 1];
    const refuse = (rule: Parameters<typeof exception>[1], message: string) =>
      exceptions.push(
        exception(
          "error",
          rule,
          `${portfolio}: the rate effective ${when} ${message}; it is not accrued.`,
          where
        )
      );

    if (rate.annualRate.isNegative() || rate.annualRate.greaterThan(1)) {
      refuse("rate-invalid", `is ${percent(rate.annualRate)}, outside 0–100%`);
    } else if (previous && previous.start === rate.effective) {
      refuse("rate-invalid", "repeats an effective date already in the table");
    } else if (rate.annualRate.greaterThan(maxAnnualRate)) {
      refuse(
        "rate-above-cap",
        `is ${percent(rate.annualRate)}, above the plan's maximum of ${percent(maxAnnualRate)}`
      );
    } else if (rate.boardApproval === null) {
      refuse("rate-not-board-approved", "has no board approval date");
    } else if (
      rate.annualRate.greaterThan(previous?.annualRate ?? rate.annualRate) &&
      (rate.shareholderApproval === null || rate.shareholderApproval > rate.effective)
    ) {
      refuse(
        "rate-increase-without-shareholder-approval",
        `raises the rate from ${percent(previous!.annualRate)} to ${percent(rate.annualRate)} without a Class B shareholder approval on or before that date`
      );
    } else {
      if (rate.boardApproval > rate.effective) {
        exceptions.push(
          exception(
            "warning",
            "rate-not-board-approved",
            `${portfolio}: the rate effective ${when} was approved by the board only on ${isoDate(rate.boardApproval)}.`,
            where
          )
        );
      }
      segments.push({ start: rate.effective, annualRate: rate.annualRate, rate });
    }
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
