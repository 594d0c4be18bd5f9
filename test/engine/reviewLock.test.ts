import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { parseQuarter } from "../../src/engine/periods";
import { defaultSettings, emptyPlan, type Plan } from "../../src/engine/plan";
import { fnv1a64 } from "../../src/engine/fnv1a64";
import { quarterFingerprint, reviewFindings } from "../../src/engine/reviewLock";
import { rateRow, vote } from "../support/build";

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

  it("several reviewed quarters, an unreadable review row among them, are each judged on their own inputs", () => {
    const q2 = parseQuarter("2026Q2")!;
    const review = (quarter: string, fingerprint: string) => ({
      quarter,
      preparedBy: "A",
      reviewedBy: "B",
      boardReview: day("2026-10-20"),
      fingerprint,
    });
    const reviews = [
      review("2026Q3", quarterFingerprint(plan(), q3)),
      review("2026 third", "N:0"),
      review("2026Q2", quarterFingerprint(plan(), q2)),
    ];
    expect(reviewFindings(plan(), reviews).map((f) => f.rule)).toEqual(["input"]);
    // A NAV row added in July changes Q3, not Q2 (which has no rows of its own).
    const edited = {
      ...plan(),
      netAssets: [
        ...plan().netAssets,
        { date: day("2026-07-03"), portfolio: "Growth", netAssets: new Decimal("1020.00") },
      ],
    };
    expect(reviewFindings(edited, reviews).map((f) => [f.rule, f.message.slice(0, 6)])).toEqual([
      ["locked-quarter-edited", "2026Q3"],
      ["input", "Review"],
    ]);
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

  it("a backdated continuance, a switch to Actual/360, a payment and an agreement edit are each named", () => {
    const base = (): Plan => ({
      ...plan(),
      portfolios: [defaultSettings("Growth")],
      governance: [vote("2025-08-15", "Approval", "All")],
      payments: [
        {
          date: day("2026-08-05"),
          portfolio: "Growth",
          amount: new Decimal("15500.00"),
          reference: "",
        },
      ],
      agreements: [
        {
          agreement: "Selling Agreement",
          counterparty: "Summit",
          portfolio: "Growth",
          approved: day("2025-08-15"),
          inWriting: true,
          noticeDays: 60,
          assigned: null,
          terminated: null,
        },
      ],
    });
    const fingerprint = quarterFingerprint(base(), q3);
    const message = (edit: (p: Plan) => void) => {
      const edited = base();
      edit(edited);
      return reviewFindings(edited, reviewed(fingerprint)).map((f) => f.message);
    };
    expect(message(() => undefined)).toEqual([]);
    expect(
      message((p) => p.governance.push(vote("2026-07-20", "Continuance", "All")))[0]
    ).toContain("its governance rows have changed");
    expect(
      message((p) => (p.portfolios[0] = { ...p.portfolios[0]!, dayCount: "Actual/360" }))[0]
    ).toContain("its Portfolios settings have changed");
    expect(message((p) => (p.payments[0]!.amount = new Decimal("15000.00")))[0]).toContain(
      "its payments have changed"
    );
    expect(message((p) => (p.agreements[0]!.noticeDays = 90))[0]).toContain(
      "its agreements have changed"
    );
    // An assignment dated after the quarter does not change it.
    expect(message((p) => (p.agreements[0]!.assigned = day("2026-11-01")))).toEqual([]);
    // Several at once are listed together.
    expect(
      message((p) => {
        p.payments = [];
        p.governance.push(vote("2026-07-20", "Continuance", "All"));
        p.expenditures = [];
      })[0]
    ).toContain("its expenditures, payments and governance rows have changed");
  });

  it("a fingerprint recorded before payments, governance and settings were covered is compared on its own parts", () => {
    const full = quarterFingerprint(plan(), q3);
    const old = full
      .split(";")
      .filter((part) => /^[NRE]:/.test(part))
      .join(";");
    const edited = {
      ...plan(),
      payments: [
        { date: day("2026-08-05"), portfolio: "Growth", amount: new Decimal("1"), reference: "" },
      ],
    };
    expect(reviewFindings(edited, reviewed(old))).toEqual([]);
    expect(reviewFindings(edited, reviewed(full))).toHaveLength(1);
  });
});

describe("the fingerprint's hash (a stored format)", () => {
  /** FNV-1a 64 by its definition, on BigInt: xor the character, multiply by the prime mod 2^64. */
  const byDefinition = (text: string) => {
    let hash = 0xcbf29ce484222325n;
    for (let i = 0; i < text.length; i += 1)
      hash = ((hash ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
    return hash.toString(16).padStart(16, "0");
  };

  it("gives FNV-1a 64's published values", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });

  it("is FNV-1a 64 by its definition on any text, UTF-16 code units included (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        expect(fnv1a64(text)).toBe(byDefinition(text));
      }),
      { numRuns: 2000 }
    );
  });
});
