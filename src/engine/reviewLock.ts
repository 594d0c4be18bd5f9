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
import { toFixedCents } from "./money";
import { parseQuarter, type Period } from "./periods";
import type { Plan, QuarterSignOff } from "./plan";

/**
 * 64-bit FNV-1a of a text, as 16 hex digits: stable across machines and runs
 * (fingerprints stay in workbooks, so this is a stored format). The 64-bit
 * state is kept as two 32-bit halves in plain numbers — a BigInt per character
 * cost a fifth of a second on 91,300 NAV rows; test/engine/reviewLock.test.ts
 * holds it to the BigInt definition.
 *
 * @example fnv1a64("a") // → "af63dc4c8601ec8c"
 */
export function fnv1a64(text: string): string {
  return fnv1a64Lines([text]);
}

/**
 * `fnv1a64(lines.join("\n"))` without building the joined text: the lines are
 * hashed one after the other with a line feed between them (the N part of a
 * trust's fingerprint is 91,300 lines, 3 MB joined).
 *
 * @example fnv1a64Lines(["a", "b"]) // → fnv1a64("a\nb")
 */
export function fnv1a64Lines(lines: readonly string[]): string {
  // The 64-bit state as four 16-bit limbs, least significant first, so every step is small-integer
  // arithmetic (no float division per character). Offset basis 0xcbf29ce484222325.
  let v0 = 0x2325;
  let v1 = 0x8422;
  let v2 = 0x9ce4;
  let v3 = 0xcbf2;
  for (let line = 0; line < lines.length; line += 1) {
    const text = lines[line]!;
    // The line feed that joins this line to the one before.
    for (let index = line === 0 ? 0 : -1; index < text.length; index += 1) {
      v0 ^= index < 0 ? 10 : text.charCodeAt(index);
      // × prime 0x100000001b3 = 2^40 + 0x1b3 (mod 2^64): each limb × 0x1b3, plus the state shifted
      // left 40 bits (limbs 0 and 1, shifted 8, land on limbs 2 and 3), carries propagated up.
      const t0 = v0 * 0x1b3;
      let t1 = v1 * 0x1b3;
      let t2 = v2 * 0x1b3 + (v0 << 8);
      let t3 = v3 * 0x1b3 + (v1 << 8);
      t1 += t0 >>> 16;
      v0 = t0 & 0xffff;
      t2 += t1 >>> 16;
      v1 = t1 & 0xffff;
      t3 += t2 >>> 16;
      v2 = t2 & 0xffff;
      v3 = t3 & 0xffff;
    }
  }
  const hex = (limb: number) => limb.toString(16).padStart(4, "0");
  return hex(v3) + hex(v2) + hex(v1) + hex(v0);
}

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

/** `isoDate`, made once per day: a trust's NAV rows repeat each date once per portfolio. */
function isoDates(): (d: Day) => string {
  const made = new Map<Day, string>();
  return (d) => {
    let text = made.get(d);
    if (text === undefined) made.set(d, (text = isoDate(d)));
    return text;
  };
}

/** `text.trim().toLowerCase()`, kept for the last text seen: rows come grouped by portfolio. */
function names(): (text: string) => string {
  let lastText: string | null = null;
  let lastName = "";
  return (text) => {
    if (text !== lastText) {
      lastText = text;
      lastName = text.trim().toLowerCase();
    }
    return lastName;
  };
}

function canonicalLines(plan: Plan, quarter: Period): Record<Part, string[]> {
  const upToEnd = (d: number) => d <= quarter.end;
  const name = names();
  const dateText = isoDates();
  // A date after the quarter cannot change it: it is left out of the line (an assignment next year).
  const dated = (d: number | null) => (d === null || !upToEnd(d) ? "" : isoDate(d));
  const count = (value: unknown) => (value === null || value === undefined ? "" : String(value));
  return {
    // Every NAV row up to the quarter end: earlier closes feed its first days (prior-day
    // timing, weekends) and the carryforward and payable it opens with.
    N: plan.netAssets
      .filter((row) => upToEnd(row.date))
      .map((row) => `${name(row.portfolio)}|${dateText(row.date)}|${toFixedCents(row.netAssets)}`),
    // Every rate row that could apply to a day of the quarter.
    R: plan.rates
      .filter((rate) => rate.effective <= quarter.end)
      .map(
        (rate) =>
          `${name(rate.portfolio)}|${isoDate(rate.effective)}|${rate.annualRate.toString()}|${rate.boardApproval ?? ""}|${rate.shareholderApproval ?? ""}`
      ),
    E: plan.expenditures
      .filter((row) => upToEnd(row.date))
      .map(
        (row) =>
          `${name(row.portfolio)}|${isoDate(row.date)}|${row.category.trim().toLowerCase()}|${row.amount.toFixed(2)}|${name(row.payee)}|${name(row.agreement ?? "")}`
      ),
    P: plan.payments
      .filter((row) => upToEnd(row.date))
      .map(
        (row) =>
          // The override reason turns an error into a note, so it is part of the quarter's
          // findings; appended only when present so fingerprints recorded before it still match.
          `${name(row.portfolio)}|${isoDate(row.date)}|${row.amount.toFixed(2)}${row.overrideReason ? `|${row.overrideReason.trim()}` : ""}`
      ),
    G: plan.governance
      .filter((row) => upToEnd(row.date))
      .map((row) =>
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
  const lines = canonicalLines(plan, quarter);
  return (Object.keys(PARTS) as Part[])
    .map((part) => `${part}:${fnv1a64Lines(lines[part].sort())}`)
    .join(";");
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
