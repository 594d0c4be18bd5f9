/**
 * Plan §5: "the Trustees shall review, at least quarterly, a written report of
 * the amounts so expended and the purposes for which such expenditures were
 * made" (SPEC §2 "Quarterly review"). The `Reviews` table records each
 * quarter's board review date; a finished quarter in which the plan was in
 * effect for any portfolio, with no review recorded by the end of the
 * following quarter, is a warning naming the quarter.
 */
import { type Day, isoDate } from "./calendar";
import { exception, type PlanException } from "./exceptions";
import type { InEffectWindow } from "./inEffect";
import { parseQuarter, periodName, periodsBetween } from "./periods";
import type { QuarterSignOff } from "./plan";

/**
 * One warning per quarter that needed a board review and has none by the end
 * of the quarter after it, as of `asOf`: 'quarterly-review-missing' when none
 * is recorded (it stays on every report until one is), 'quarterly-review-late'
 * when the review came after that day. The finding is dated the day the
 * review was due.
 *
 * @example
 * // In effect from 2026-01-01; Reviews holds 2026Q1 reviewed 2026-05-12 and nothing for 2026Q2:
 * quarterlyReviewFindings([[{ start: day("2026-01-01"), end: null, endReason: null }]], reviews, day("2026-10-15"))
 * // → [{ severity: "warning", rule: "quarterly-review-missing", message: "2026 Q2: no board review …" }]
 */
export function quarterlyReviewFindings(
  windowsByPortfolio: readonly (readonly InEffectWindow[])[],
  reviews: readonly QuarterSignOff[],
  asOf: Day
): PlanException[] {
  const windows = windowsByPortfolio.flat();
  if (windows.length === 0) return [];
  const first = Math.min(...windows.map((w) => w.start));
  if (first > asOf) return [];
  const reviewedOn = new Map<string, Day>();
  for (const review of reviews) {
    const quarter = parseQuarter(review.quarter);
    if (quarter === null || review.boardReview === null) continue;
    const earlier = reviewedOn.get(quarter.label);
    reviewedOn.set(
      quarter.label,
      earlier === undefined ? review.boardReview : Math.min(earlier, review.boardReview)
    );
  }
  const findings: PlanException[] = [];
  for (const quarter of periodsBetween("quarter", first, asOf)) {
    const following = periodsBetween("quarter", quarter.end + 1, quarter.end + 1)[0]!;
    // Not yet due: the board has until the end of the following quarter.
    if (following.end >= asOf) continue;
    const inEffect = windows.some(
      (w) => w.start <= quarter.end && (w.end === null || w.end >= quarter.start)
    );
    if (!inEffect) continue;
    const reviewed = reviewedOn.get(quarter.label);
    if (reviewed !== undefined && reviewed <= following.end) continue;
    const name = periodName(quarter);
    findings.push(
      exception(
        "warning",
        reviewed === undefined ? "quarterly-review-missing" : "quarterly-review-late",
        reviewed === undefined
          ? `${name}: no board review of the quarterly report is recorded in the Reviews table, and it was due by ${isoDate(following.end)} (Plan §5: the trustees shall review the written report at least quarterly).`
          : `${name}: the board reviewed the quarterly report on ${isoDate(reviewed)}, after the end of the following quarter (${isoDate(following.end)}) (Plan §5: at least quarterly).`,
        { date: following.end }
      )
    );
  }
  return findings;
}
