import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { defaultSettings, type Plan } from "../../src/engine/plan";
import { moneyAsStrings, someDay, trustArbitrary, vote } from "../support/trusts";

describe("the plan evaluation on the exact fast paths", () => {
  it("books, totals, caps, headrooms and findings exactly as the decimal.js reference, over whole trusts", () => {
    fc.assert(
      fc.property(trustArbitrary, someDay, (plan, asOf) => {
        const fast = evaluatePlan(plan, { asOf });
        const reference = evaluatePlan(plan, { asOf, exact: "reference" });
        expect(moneyAsStrings(fast)).toEqual(moneyAsStrings(reference));
      }),
      { numRuns: 200 }
    );
  });

  it("the reference path really is the decimal.js one: a Q1 2024 maximum worked by hand", () => {
    // 10,040,000 every day of Q1 2024 (91 days, a leap year) at .50%: .005 × 10,040,000 × 91 / 366 = 12,481.42.
    const plan: Plan = {
      portfolios: [defaultSettings("Growth", { capBasis: "Same day" })],
      rates: [
        {
          portfolio: "Growth",
          effective: day("2023-12-01"),
          annualRate: new Decimal("0.005"),
          boardApproval: day("2023-12-01"),
          shareholderApproval: null,
        },
      ],
      governance: [
        vote(day("2023-12-01"), "Approval", "Growth"),
        vote(day("2023-12-01"), "Fee rate", "Growth"),
      ],
      agreements: [],
      expenditures: [],
      payments: [],
      netAssets: [day("2023-12-29"), day("2024-03-29")].map((date) => ({
        date,
        portfolio: "Growth",
        netAssets: new Decimal("10040000"),
      })),
    };
    for (const exact of ["fast", "reference"] as const) {
      const evaluation = evaluatePlan(plan, { asOf: day("2024-03-31"), exact });
      const q1 = evaluation.portfolios[0]!.capTests.find((t) => t.period.label === "2024Q1");
      expect(q1?.maximum.toFixed(2)).toBe("12481.42");
    }
  });
});
