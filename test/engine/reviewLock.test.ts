import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { parseQuarter } from "../../src/engine/periods";
import { emptyPlan, type Plan } from "../../src/engine/plan";
import { quarterFingerprint, reviewFindings } from "../../src/engine/reviewLock";
import { rateRow } from "../support/build";

function plan(): Plan {
  return {
    ...emptyPlan(),
    rates: [rateRow("Growth", "2025-01-01", "0.0025")],
    netAssets: [
      { date: day("2026-07-01"), portfolio: "Growth", netAssets: new Decimal("1000.00") },
      { date: day("2026-07-02"), portfolio: "Growth", netAssets: new Decimal("1010.00") },
    ],
    expenditures: [
      {
        date: day("2026-07-15"),
        portfolio: "Growth",
        category: "c",
        amount: new Decimal("50.00"),
        payee: "",
        description: "",
      },
    ],
  };
}
const q3 = parseQuarter("2026Q3")!;
const reviewed = (fingerprint: string) => [
  {
    quarter: "2026Q3",
    preparedBy: "A",
    reviewedBy: "B",
    boardReview: day("2026-10-20"),
    fingerprint,
  },
];

describe("a board-reviewed quarter is locked", () => {
  it("no finding while the quarter's inputs are unchanged, even re-sorted", () => {
    const fingerprint = quarterFingerprint(plan(), q3);
    const resorted = { ...plan(), netAssets: [...plan().netAssets].reverse() };
    expect(reviewFindings(resorted, reviewed(fingerprint))).toEqual([]);
  });

  it("an edited NAV row in the quarter is an error that says what changed", () => {
    const fingerprint = quarterFingerprint(plan(), q3);
    const edited = plan();
    edited.netAssets[1] = { ...edited.netAssets[1]!, netAssets: new Decimal("1010.01") };
    const findings = reviewFindings(edited, reviewed(fingerprint));
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([["locked-quarter-edited", "error"]]);
    expect(findings[0]!.message).toBe(
      "2026Q3 was reviewed by the board on 2026-10-20, but its NAV rows have changed since; restore them or take the change back to the board."
    );
  });

  it("a new rate row effective inside the quarter and a deleted expenditure are both named", () => {
    const fingerprint = quarterFingerprint(plan(), q3);
    const edited = {
      ...plan(),
      rates: [...plan().rates, rateRow("Growth", "2026-08-01", "0.0020")],
      expenditures: [],
    };
    expect(reviewFindings(edited, reviewed(fingerprint))[0]!.message).toContain(
      "its rates and expenditures have changed"
    );
  });

  it("edits outside the quarter do not disturb it", () => {
    const fingerprint = quarterFingerprint(plan(), q3);
    const later = {
      ...plan(),
      netAssets: [
        ...plan().netAssets,
        { date: day("2026-10-01"), portfolio: "Growth", netAssets: new Decimal("5") },
      ],
    };
    expect(reviewFindings(later, reviewed(fingerprint))).toEqual([]);
  });
});
