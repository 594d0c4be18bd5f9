/**
 * Board-reviewed quarters are locked (SPEC §5; Rule 12b-1(f) keeps the
 * reports six years): once a quarter's board review date is recorded, a
 * fingerprint of its inputs is kept beside it, and any later edit to anything
 * that changes its figures or findings is reported (SPEC §2 "Review lock"):
 * NAV rows, rates, expenditures, payments, governance rows and agreements
 * dated on or before its end, and the Portfolios settings.
 */
import { type Day, isoDate } from "./calendar";
import { exception, type PlanException } from "./exceptions";
import { fnv1a64Lines } from "./fnv1a64";
import { netAssetsText } from "./money";
import { isoDates, navHash, navHashInTableOrder, navLinesInOrder, names } from "./navFingerprint";
import { parseQuarter, type Period } from "./periods";
import type { Plan, QuarterSignOff } from "./plan";

const PARTS = {
  N: "NAV rows",
  R: "rates",
  E: "expenditures",
  P: "payments",
  G: "governance rows",
  A: "agreements",
  S: "Portfolios settings",
} as const;
type Part = keyof typeof PARTS;

/** The parts whose rows enter a quarter by a date alone (the row's, or a rate's effective day). */
type GatedPart = "N" | "R" | "E" | "P" | "G";
const GATED: readonly GatedPart[] = ["N", "R", "E", "P", "G"];

/**
 * The canonical lines of the date-gated parts, of every row dated on or before `end`, each with
 * that date (`days`), in table order; none for the NAV rows when `withNav` is false (their
 * lines come from `navLinesInOrder`).
 */
function gatedLines(
  plan: Plan,
  end: Day,
  withNav = true
): Record<GatedPart, { lines: string[]; days: Day[] }> {
  const name = names();
  const dateText = isoDates();
  const count = (value: unknown) => (value === null || value === undefined ? "" : String(value));
  const part = <Row>(rows: readonly Row[], day: (row: Row) => Day, line: (row: Row) => string) => {
    const lines: string[] = [];
    const days: Day[] = [];
    for (const row of rows) {
      const d = day(row);
      if (d > end) continue;
      lines.push(line(row));
      days.push(d);
    }
    return { lines, days };
  };
  return {
    // Every NAV row up to the quarter end: earlier closes feed its first days (prior-day
    // timing, weekends) and the carryforward and payable it opens with.
    N: part(
      withNav ? plan.netAssets : [],
      (row) => row.date,
      (row) => `${name(row.portfolio)}|${dateText(row.date)}|${netAssetsText(row)}`
    ),
    // Every rate row that could apply to a day of the quarter.
    R: part(
      plan.rates,
      (rate) => rate.effective,
      (rate) =>
        `${name(rate.portfolio)}|${isoDate(rate.effective)}|${rate.annualRate.toString()}|${rate.boardApproval ?? ""}|${rate.shareholderApproval ?? ""}`
    ),
    E: part(
      plan.expenditures,
      (row) => row.date,
      (row) =>
        `${name(row.portfolio)}|${isoDate(row.date)}|${row.category.trim().toLowerCase()}|${row.amount.toFixed(2)}|${name(row.payee)}|${name(row.agreement ?? "")}`
    ),
    P: part(
      plan.payments,
      (row) => row.date,
      (row) =>
        // The override reason turns an error into a note, so it is part of the quarter's
        // findings; appended only when present so fingerprints recorded before it still match.
        `${name(row.portfolio)}|${isoDate(row.date)}|${row.amount.toFixed(2)}${row.overrideReason ? `|${row.overrideReason.trim()}` : ""}`
    ),
    G: part(
      plan.governance,
      (row) => row.date,
      (row) =>
        [
          name(row.portfolio),
          isoDate(row.date),
          row.action,
          count(row.trusteesFor),
          count(row.trusteesTotal),
          count(row.independentFor),
          count(row.independentTotal),
          count(row.inPerson),
          row.sharesFor?.toString() ?? "",
          row.sharesPresent?.toString() ?? "",
          row.sharesOutstanding?.toString() ?? "",
        ].join("|")
    ),
  };
}

/** The canonical lines of the parts read as of the quarter: agreements and the Portfolios settings. */
function quarterLines(plan: Plan, quarter: Period): Record<"A" | "S", string[]> {
  const upToEnd = (d: number) => d <= quarter.end;
  const name = (text: string) => text.trim().toLowerCase();
  // A date after the quarter cannot change it: it is left out of the line (an assignment next year).
  const dated = (d: number | null) => (d === null || !upToEnd(d) ? "" : isoDate(d));
  const count = (value: unknown) => (value === null || value === undefined ? "" : String(value));
  return {
    A: plan.agreements
      .filter((row) => row.approved === null || upToEnd(row.approved))
      .map((row) =>
        [
          name(row.agreement),
          name(row.counterparty),
          name(row.portfolio),
          dated(row.approved),
          count(row.inWriting),
          count(row.noticeDays),
          dated(row.assigned),
          dated(row.terminated),
        ].join("|")
      ),
    S: plan.portfolios.map((row) =>
      [
        name(row.portfolio),
        row.planEffective === null ? "" : isoDate(row.planEffective),
        row.maxAnnualRate.toString(),
        row.dayCount,
        row.navTiming,
        row.weekendBooking,
        row.rounding,
        row.capBasis,
        row.planType,
        row.payment,
        row.paymentTolerance.toFixed(2),
        String(row.fiscalYearEndMonth),
      ].join("|")
    ),
  };
}

/**
 * The fingerprint of a quarter's inputs, e.g. `N:1a2b…;R:…;E:…;P:…;G:…;A:…;S:…`
 * — one hash per input kind so a finding can say what changed. Row order does
 * not matter (sorting a table is not an edit).
 *
 * @example quarterFingerprint(plan, parseQuarter("2026Q2")!) // → "N:9f…;R:04…;E:…;P:…;G:…;A:…;S:…"
 */
export function quarterFingerprint(plan: Plan, quarter: Period): string {
  const navInTableOrder = navHashInTableOrder(plan.netAssets, quarter.end);
  const nav = navInTableOrder === null ? navLinesInOrder(plan.netAssets, quarter.end) : null;
  const gated = gatedLines(plan, quarter.end, navInTableOrder === null && nav === null);
  const others = quarterLines(plan, quarter);
  return (Object.keys(PARTS) as Part[])
    .map((part) => {
      if (part === "N" && navInTableOrder !== null) return `N:${navInTableOrder}`;
      if (part === "N" && nav !== null) return `N:${navHash(nav, quarter.end)}`;
      const lines = part === "A" || part === "S" ? others[part] : gated[part].lines;
      return `${part}:${fnv1a64Lines(lines.sort())}`;
    })
    .join(";");
}

/**
 * `quarters.map((quarter) => quarterFingerprint(plan, quarter))`, with the lines of every row
 * made and put in order once for all the quarters (each quarter then hashes the lines dated
 * up to its end): the check compares every reviewed quarter's fingerprint, and a line per NAV
 * row per reviewed quarter made twenty reviews cost twenty times one.
 *
 * @example quarterFingerprints(plan, [q1, q2]) // → [quarterFingerprint(plan, q1), quarterFingerprint(plan, q2)]
 */
export function quarterFingerprints(plan: Plan, quarters: readonly Period[]): string[] {
  if (quarters.length <= 1) return quarters.map((quarter) => quarterFingerprint(plan, quarter));
  const lastEnd = quarters.reduce(
    (last, quarter) => Math.max(last, quarter.end),
    Number.NEGATIVE_INFINITY
  );
  const nav = navLinesInOrder(plan.netAssets, lastEnd);
  const gated = gatedLines(plan, lastEnd, nav === null);
  // Each part's lines in the order `sort()` gives strings (UTF-16 code units), with their days.
  const sorted = Object.fromEntries(
    GATED.map((part) => {
      const { lines, days } = gated[part];
      const order = lines.map((_, index) => index);
      order.sort((a, b) => (lines[a]! < lines[b]! ? -1 : lines[a]! > lines[b]! ? 1 : 0));
      return [part, { lines: order.map((i) => lines[i]!), days: order.map((i) => days[i]!) }];
    })
  ) as Record<GatedPart, { lines: string[]; days: Day[] }>;
  return quarters.map((quarter) => {
    const others = quarterLines(plan, quarter);
    return (Object.keys(PARTS) as Part[])
      .map((part) => {
        if (part === "A" || part === "S") return `${part}:${fnv1a64Lines(others[part].sort())}`;
        if (part === "N" && nav !== null) return `N:${navHash(nav, quarter.end)}`;
        const { lines, days } = sorted[part];
        return `${part}:${fnv1a64Lines(lines, (index) => days[index]! <= quarter.end)}`;
      })
      .join(";");
  });
}

/**
 * Findings for reviewed quarters whose inputs changed since the review
 * ("locked-quarter-edited", error), and for review rows that cannot be read.
 * A review with a board date but no fingerprint yet is fine: the next report
 * run records it.
 *
 * @example
 * reviewFindings(planWithBackdatedContinuance, [{ quarter: "2026Q2", boardReview: day("2026-09-16"), fingerprint, … }])
 * // → [{ rule: "locked-quarter-edited", message: "2026 Q2 was reviewed by the board on 2026-09-16, but its governance rows have changed since; …" }]
 */
export function reviewFindings(plan: Plan, reviews: readonly QuarterSignOff[]): PlanException[] {
  const findings: PlanException[] = [];
  const compared = reviews.filter(
    (review): review is QuarterSignOff & { boardReview: Day; fingerprint: string } =>
      review.boardReview !== null && Boolean(review.fingerprint)
  );
  const quarters = compared.map((review) => parseQuarter(review.quarter));
  // Every reviewed quarter's current fingerprint, made together (one pass over the rows).
  const fingerprints = quarterFingerprints(
    plan,
    quarters.filter((quarter): quarter is Period => quarter !== null)
  );
  let next = 0;
  for (const [index, review] of compared.entries()) {
    const quarter = quarters[index]!;
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
      fingerprints[next++]!.split(";").map((piece) => [piece.slice(0, 1), piece.slice(2)] as const)
    );
    // A fingerprint recorded before a part was covered (N, R, E only) is compared on the parts it has.
    const changed = (Object.keys(PARTS) as Part[])
      .filter((part) => recorded.has(part) && recorded.get(part) !== current.get(part))
      .map((part) => PARTS[part]);
    if (changed.length > 0) {
      findings.push(
        exception(
          "error",
          "locked-quarter-edited",
          `${quarter.label} was reviewed by the board on ${isoDate(review.boardReview)}, but its ${listed(changed)} have changed since; restore them or take the change back to the board.`,
          { date: quarter.end, ...where }
        )
      );
    }
  }
  return findings;
}

/** ["a", "b", "c"] → "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
