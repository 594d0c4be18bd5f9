import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import type { InEffectWindow } from "../../src/engine/inEffect";
import type { QuarterSignOff } from "../../src/engine/plan";
import { quarterlyReviewFindings } from "../../src/engine/quarterlyReview";
import { Decimal } from "../../src/engine/decimal";
import { parseQuarter } from "../../src/engine/periods";
import { defaultSettings, emptyPlan, type Plan } from "../../src/engine/plan";
import { quarterlyReport } from "../../src/engine/quarterlyReport";
import { rateRow, vote } from "../support/build";

const fromJanuary: InEffectWindow[] = [{ start: day("2026-01-01"), end: null, endReason: null }];
const review = (quarter: string, boardReview: string | null): QuarterSignOff => ({
  quarter,
  preparedBy: "A. Treasurer",
  reviewedBy: "",
  boardReview: boardReview === null ? null : day(boardReview),
  fingerprint: null,
});

describe("§5: the trustees review the quarterly report at least quarterly (issue 20)", () => {
  it("a finished quarter with no board review by the end of the following quarter is a warning naming it", () => {
    // As of 15 October 2026: 2026 Q1 was due by 30 June (reviewed 12 May), 2026 Q2 by 30
    // September (nothing recorded); 2026 Q3 is due by 31 December, not yet.
    const findings = quarterlyReviewFindings(
      [fromJanuary],
      [review("2026Q1", "2026-05-12")],
      day("2026-10-15")
    );
    expect(findings.map((f) => [f.severity, f.rule, f.date])).toEqual([
      ["warning", "quarterly-review-missing", day("2026-09-30")],
    ]);
    expect(findings[0]!.message).toMatch(/^2026 Q2: no board review/);
    expect(findings[0]!.message).toContain("Plan §5");
  });

  it("a review after the following quarter's end is late; a quarter with no portfolio in effect needs none", () => {
    const late = quarterlyReviewFindings(
      [fromJanuary],
      [review("2026Q1", "2026-07-02"), review("2026Q2", "2026-08-20")],
      day("2026-10-15")
    );
    expect(late.map((f) => [f.rule, f.message.slice(0, 7)])).toEqual([
      ["quarterly-review-late", "2026 Q1"],
    ]);
    expect(late[0]!.message).toContain("reviewed the quarterly report on 2026-07-02, after");
    // Terminated before 2026 Q2 began: only 2026 Q1 needed a review.
    const ended: InEffectWindow[] = [
      { start: day("2026-01-01"), end: day("2026-03-31"), endReason: "termination" },
    ];
    expect(
      quarterlyReviewFindings([ended], [review("2026Q1", "2026-05-12")], day("2026-10-15"))
    ).toEqual([]);
  });

  it("a quarter never reviewed stays on every later report until its review is recorded", () => {
    const netAssets = [];
    for (let d = day("2025-12-31"); d <= day("2026-12-31"); d += 1)
      netAssets.push({ date: d, portfolio: "Growth", netAssets: new Decimal(36_500_000) });
    const plan: Plan = {
      ...emptyPlan(),
      portfolios: [defaultSettings("Growth")],
      rates: [rateRow("Growth", "2026-01-01", "0.0025")],
      governance: [vote("2026-01-01", "Approval", "All")],
      netAssets,
      reviews: [review("2026Q3", "2026-11-10")],
    };
    const q4 = quarterlyReport(plan, parseQuarter("2026Q4")!, {
      asOf: day("2027-01-10"),
      preparedAt: "now",
    });
    // As of 31 December 2026: 2026 Q1 (due 30 June) and Q2 (due 30 September) were never
    // reviewed, though their findings are dated before the quarter; Q3 was, Q4 is not yet due.
    expect(
      q4.exceptions
        .filter((e) => e.rule === "quarterly-review-missing")
        .map((e) => e.message.slice(0, 7))
    ).toEqual(["2026 Q1", "2026 Q2"]);
  });
});
