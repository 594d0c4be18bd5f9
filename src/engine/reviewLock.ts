/**
 * Board-reviewed quarters are locked (SPEC §5; Rule 12b-1(f) keeps the
 * reports six years): once a quarter's board review date is recorded, a
 * fingerprint of its inputs is kept beside it, and any later edit to that
 * quarter's NAV rows, rates or expenditures is reported.
 */
import { isoDate } from "./calendar";
import { exception, type PlanException } from "./exceptions";
import { parseQuarter, type Period } from "./periods";
import type { Plan, QuarterSignOff } from "./plan";

/** 64-bit FNV-1a of a text, as 16 hex digits: stable across machines and runs. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, "0");
}

const PARTS = { N: "NAV rows", R: "rates", E: "expenditures" } as const;
type Part = keyof typeof PARTS;

function canonicalLines(plan: Plan, quarter: Period): Record<Part, string[]> {
  const inQuarter = (d: number) => d >= quarter.start && d <= quarter.end;
  const name = (text: string) => text.trim().toLowerCase();
  return {
    N: plan.netAssets
      .filter((row) => inQuarter(row.date))
      .map((row) => `${name(row.portfolio)}|${isoDate(row.date)}|${row.netAssets.toFixed(2)}`),
    // Every rate row that could apply to a day of the quarter.
    R: plan.rates
      .filter((rate) => rate.effective <= quarter.end)
      .map(
        (rate) =>
          `${name(rate.portfolio)}|${isoDate(rate.effective)}|${rate.annualRate.toString()}|${rate.boardApproval ?? ""}|${rate.shareholderApproval ?? ""}`
      ),
    E: plan.expenditures
      .filter((row) => inQuarter(row.date))
      .map(
        (row) =>
          `${name(row.portfolio)}|${isoDate(row.date)}|${row.category.trim().toLowerCase()}|${row.amount.toFixed(2)}`
      ),
  };
}

/**
 * The fingerprint of a quarter's inputs, e.g. `N:1a2b…;R:…;E:…` — one hash
 * per input kind so a finding can say what changed. Row order does not
 * matter (sorting a table is not an edit).
 */
export function quarterFingerprint(plan: Plan, quarter: Period): string {
  const lines = canonicalLines(plan, quarter);
  return (Object.keys(PARTS) as Part[])
    .map((part) => `${part}:${fnv1a64([...lines[part]].sort().join("\n"))}`)
    .join(";");
}

/**
 * Findings for reviewed quarters whose inputs changed since the review
 * ("locked-quarter-edited", error), and for review rows that cannot be read.
 * A review with a board date but no fingerprint yet is fine: the next report
 * run records it.
 */
export function reviewFindings(plan: Plan, reviews: readonly QuarterSignOff[]): PlanException[] {
  const findings: PlanException[] = [];
  for (const review of reviews) {
    if (review.boardReview === null || !review.fingerprint) continue;
    const quarter = parseQuarter(review.quarter);
    const where = review.source ? { source: review.source } : {};
    if (!quarter) {
      findings.push(
        exception(
          "error",
          "input",
          `Review row names quarter "${review.quarter}", which is not a quarter like 2026Q3.`,
          where
        )
      );
      continue;
    }
    const recorded = new Map(
      review.fingerprint.split(";").map((piece) => [piece.slice(0, 1), piece.slice(2)] as const)
    );
    const current = new Map(
      quarterFingerprint(plan, quarter)
        .split(";")
        .map((piece) => [piece.slice(0, 1), piece.slice(2)] as const)
    );
    const changed = (Object.keys(PARTS) as Part[])
      .filter((part) => recorded.get(part) !== current.get(part))
      .map((part) => PARTS[part]);
    if (changed.length > 0) {
      findings.push(
        exception(
          "error",
          "locked-quarter-edited",
          `${quarter.label} was reviewed by the board on ${isoDate(review.boardReview)}, but its ${changed.join(" and ")} have changed since; restore them or take the change back to the board.`,
          { date: quarter.end, ...where }
        )
      );
    }
  }
  return findings;
}
