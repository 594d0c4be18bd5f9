import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { roundedAccrualCentsBetween } from "../../src/engine/accrueOnFastPath";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { defaultSettings, type Plan } from "../../src/engine/plan";
import { vote } from "../support/trusts";

/** The next double above (+1) or below (−1) a positive double. */
function ulpStep(value: number, direction: 1 | -1): number {
  const bits = new BigInt64Array(new Float64Array([value]).buffer);
  bits[0] = bits[0]! + BigInt(direction);
  return new Float64Array(bits.buffer)[0]!;
}

/** One run of one day at 1 cent and a "rate" of `value`: the float sum is `value` itself. */
function oneRun(value: number) {
  return {
    count: 1,
    start: [day("2025-01-15")],
    days: [1],
    nav: [0],
    rate: [0],
    basis: [1],
    netAssetsCents: [1],
    rateDoubles: [value],
  };
}

/**
 * Growth approved on 15 January 2025 at `annualRate`, Actual/360, Same day, penny-true, with
 * 500.00 of Class B net assets on 14 and 31 January: its first plan year, cut at the end of
 * January, runs 15–31 January (17 days), not a whole month.
 */
function midMonthPlan(annualRate: string, rounding: "Penny-true" | "Daily" = "Penny-true"): Plan {
  const approved = day("2025-01-15");
  return {
    portfolios: [
      defaultSettings("Growth", { dayCount: "Actual/360", navTiming: "Same day", rounding }),
    ],
    rates: [
      {
        portfolio: "Growth",
        effective: approved,
        annualRate: new Decimal(annualRate),
        boardApproval: approved,
        shareholderApproval: null,
      },
    ],
    governance: [vote(approved, "Approval", "Growth"), vote(approved, "Fee rate", "Growth")],
    agreements: [],
    expenditures: [],
    payments: [],
    netAssets: [day("2025-01-14"), day("2025-01-31")].map((date, index) => ({
      date,
      portfolio: "Growth",
      netAssets: new Decimal("500.00"),
      source: { table: "NetAssets", row: index + 1 },
    })),
  };
}

describe("a plan year's fees on the fast path round as decimal.js does, half cents included", () => {
  it("a plan year from mid-month that lands on a half cent is summed in decimal.js, and rounds up", () => {
    // 500.00 × .36% ÷ 360 = 0.005 a day, exactly half a cent; 15–31 January is 17 days:
    // 17 × 0.005 = 0.085 → 0.09. A hair either side of .36% (±10^-20, the same double, so the
    // float sum is 8.5 cents exactly for all three) is 0.0850…01 → 0.09 and 0.0849…99 → 0.08:
    // only decimal.js can tell them apart, so the float must hand over, and does.
    const cases = [
      ["0.0036", "0.09"],
      ["0.00360000000000000001", "0.09"],
      ["0.00359999999999999999", "0.08"],
    ] as const;
    for (const [annualRate, expected] of cases) {
      expect(Number(annualRate)).toBe(0.0036);
      const plan = midMonthPlan(annualRate);
      for (const exact of ["fast", "reference"] as const) {
        const evaluation = evaluatePlan(plan, { asOf: day("2025-01-31"), exact });
        const { accrual, capTests } = evaluation.portfolios[0]!;
        const planYear = capTests.find((test) => test.period.kind === "plan year")!;
        expect([planYear.period.start, planYear.period.end]).toEqual([
          day("2025-01-15"),
          day("2025-01-31"),
        ]);
        expect(planYear.accrued.toFixed(2)).toBe(expected);
        // January as a month: the penny-true month total, the same rounding of the same 17 days.
        expect(accrual!.total.toFixed(2)).toBe(expected);
        if (exact === "fast") {
          // The float sum is 17 × (50,000 × 0.0036 ÷ 360) = 8.5 exactly: within the guard band.
          expect(
            roundedAccrualCentsBetween(accrual!.runColumns!, day("2025-01-15"), day("2025-01-31"))
          ).toBeNull();
        }
      }
    }
  });

  it("rounding daily, a day's fee on a half cent is rounded by decimal.js, and the month trued up to its rounded total", () => {
    // Each of the 17 days is 0.005 → 0.01 (booked 0.17), and the month's exact 0.085 → 0.09: a
    // true-up of −0.08. A hair below .36%, each day is 0.00499…99 → 0.00 (booked 0.00) and the
    // month 0.08499…99 → 0.08: a true-up of +0.08. The double of the rate is the same for both.
    const cases = [
      ["0.0036", "0.17", "-0.08"],
      ["0.00360000000000000001", "0.17", "-0.08"],
      ["0.00359999999999999999", "0.00", "0.08"],
    ] as const;
    for (const [annualRate, booked, trueUp] of cases) {
      for (const exact of ["fast", "reference"] as const) {
        const evaluation = evaluatePlan(midMonthPlan(annualRate, "Daily"), {
          asOf: day("2025-01-31"),
          exact,
        });
        const january = evaluation.portfolios[0]!.accrual!.months[0]!;
        expect([january.booked.toFixed(2), january.trueUp.toFixed(2)]).toEqual([booked, trueUp]);
      }
    }
  });

  it("the float sum hands over within its guard band of a half cent, and rounds itself outside it", () => {
    // One term: bound (1 + 8) × 2^-52 × 8.5 ≈ 1.7e-14 cents either side of 8.5.
    expect(roundedAccrualCentsBetween(oneRun(8.5), day("2025-01-01"), day("2025-12-31"))).toBe(
      null
    );
    expect(
      roundedAccrualCentsBetween(oneRun(ulpStep(8.5, 1)), day("2025-01-01"), day("2025-12-31"))
    ).toBe(null);
    expect(
      roundedAccrualCentsBetween(oneRun(ulpStep(8.5, -1)), day("2025-01-01"), day("2025-12-31"))
    ).toBe(null);
    const outside = 16 * 2 ** -52 * 8.5;
    expect(
      roundedAccrualCentsBetween(oneRun(8.5 + outside), day("2025-01-01"), day("2025-12-31"))
    ).toBe(9);
    expect(
      roundedAccrualCentsBetween(oneRun(8.5 - outside), day("2025-01-01"), day("2025-12-31"))
    ).toBe(8);
  });
});
