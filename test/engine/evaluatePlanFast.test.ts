import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { roundedAccrualCentsBetween } from "../../src/engine/accrueOnFastPath";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { maximumCentsFast } from "../../src/engine/maximumTable";
import { defaultSettings, type Plan } from "../../src/engine/plan";
import { monthPieces, type Period, quarterOf } from "../../src/engine/periods";
import { reportPeriod } from "../../src/engine/quarterlyReport";
import { capMeasure, periodFigures } from "../../src/engine/reportFigures";
import { asOfDay, moneyAsStrings, someDay, trustArbitrary, vote } from "../support/trusts";

describe("the plan evaluation on the exact fast paths", () => {
  it("books, totals, caps, headrooms and findings exactly as the decimal.js reference, over whole trusts", () => {
    const seen = new Map<string, number>();
    const saw = (shape: string) => seen.set(shape, (seen.get(shape) ?? 0) + 1);
    fc.assert(
      fc.property(trustArbitrary, asOfDay, (plan, asOf) => {
        const fast = evaluatePlan(plan, { asOf });
        const reference = evaluatePlan(plan, { asOf, exact: "reference" });
        expect(moneyAsStrings(fast)).toEqual(moneyAsStrings(reference));
        for (const finding of fast.exceptions) saw(finding.rule);
        for (const portfolio of fast.portfolios) {
          const { accrual, columns, maximums, governance, capTests } = portfolio;
          if (governance.windows.length > 1) saw("several windows");
          if (portfolio.ceiling.from !== null) saw("raised ceiling");
          if (columns && columns.netAssetsCents === null) saw("series off the fast path");
          if (maximums && columns?.netAssetsCents && !maximums.fast) saw("past MAX_TABLE_CENTS");
          if (accrual?.runColumns && accrual.total.times(100).greaterThan(Number.MAX_SAFE_INTEGER))
            saw("total past 2^53 cents");
          // SPEC §2 "Cap": each month piece of a period is rounded on its own, fees and maximum.
          for (const { period } of capTests)
            for (const piece of monthPieces(period.start, period.end)) {
              if (maximums?.fast && maximumCentsFast(maximums, piece.start, piece.end) === null)
                saw("maximum near a half cent");
              if (
                period.kind === "plan year" &&
                accrual?.runColumns &&
                roundedAccrualCentsBetween(accrual.runColumns, piece.start, piece.end) === null
              )
                saw("plan year near a half cent");
            }
        }
      }),
      { numRuns: 200 }
    );
    // The comparison above would pass on trusts that never reach these shapes; they must be reached.
    for (const shape of [
      "several windows",
      "raised ceiling",
      "series off the fast path",
      "past MAX_TABLE_CENTS",
      "total past 2^53 cents",
      "maximum near a half cent",
      "plan year near a half cent",
      "termination",
      "continuance-after-lapse",
      "plan-lapsed",
      "ceiling-not-approved",
      "rate-not-board-approved",
      "rate-above-cap",
      "rate-invalid",
      "nav-negative",
      "nav-duplicate-date",
      "expenditure-not-under-plan",
      "nav-gap",
    ])
      expect(seen.get(shape) ?? 0, shape).toBeGreaterThan(0);
  });

  it("the report's figures of any span, a preliminary quarter cut at the as-of day included, are the reference's", () => {
    const span = fc.tuple(someDay, fc.integer({ min: 0, max: 400 }));
    fc.assert(
      fc.property(
        trustArbitrary,
        asOfDay,
        fc.array(span, { maxLength: 4 }),
        (plan, asOf, spans) => {
          const fast = evaluatePlan(plan, { asOf });
          const reference = evaluatePlan(plan, { asOf, exact: "reference" });
          // Spans that are no month, quarter or year: fees from the runs, maxima from the table.
          const periods: Period[] = [
            reportPeriod(quarterOf(asOf), asOf),
            ...spans.map(([start, length]) => ({
              kind: "quarter" as const,
              label: "span",
              start,
              end: start + length,
            })),
          ];
          fast.portfolios.forEach((portfolio, index) => {
            for (const period of periods)
              expect(moneyAsStrings(periodFigures(portfolio, period))).toEqual(
                moneyAsStrings(periodFigures(reference.portfolios[index]!, period))
              );
          });
        }
      ),
      { numRuns: 100 }
    );
  });

  it("the cap's measure of any span (days and Σ net assets) summed in cents is the decimal sum, sign of zero included", () => {
    const span = fc.tuple(someDay, fc.integer({ min: -5, max: 800 }));
    let inCents = 0;
    fc.assert(
      fc.property(
        trustArbitrary,
        asOfDay,
        fc.array(span, { minLength: 1, maxLength: 6 }),
        (plan, asOf, spans) => {
          const fast = evaluatePlan(plan, { asOf });
          const reference = evaluatePlan(plan, { asOf, exact: "reference" });
          fast.portfolios.forEach((portfolio, index) => {
            if (portfolio.maximums?.fast && portfolio.columns?.netAssetsCents) inCents += 1;
            for (const [start, length] of spans) {
              const measured = capMeasure(portfolio, start, start + length);
              const expected = capMeasure(reference.portfolios[index]!, start, start + length);
              expect(measured.days).toBe(expected.days);
              expect(measured.total.toString()).toBe(expected.total.toString());
              expect(measured.total.s).toBe(expected.total.s);
            }
          });
        }
      ),
      { numRuns: 100 }
    );
    expect(inCents).toBeGreaterThan(50);
  });

  it("a total past 2^53 cents is the months' sum to the cent (found by the whole-trust property)", () => {
    // 2^53 − 1 cents (90,071,992,547,409.91) every day of 2024 at 100% (a ceiling raised by a §8
    // vote), Actual/360, penny-true: each month books round(N × days ÷ 360), and twelve of them
    // come to 366/360 of N, past 2^53 cents, where a double holds only even numbers of cents.
    const cents = 2n ** 53n - 1n;
    const monthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    // Half-up in whole numbers: ⌊(2·N·d + 360) ÷ 720⌋.
    const expected = monthDays.reduce((sum, d) => sum + (2n * cents * BigInt(d) + 360n) / 720n, 0n);
    expect(expected).toBe(9_157_319_242_320_011n);
    const start = day("2024-01-01");
    const plan: Plan = {
      portfolios: [
        defaultSettings("Growth", {
          maxAnnualRate: new Decimal(1),
          dayCount: "Actual/360",
          navTiming: "Same day",
        }),
      ],
      rates: [
        {
          portfolio: "Growth",
          effective: start,
          annualRate: new Decimal(1),
          boardApproval: start,
          shareholderApproval: null,
        },
      ],
      governance: (["Approval", "Amendment", "Fee rate"] as const).map((kind) =>
        vote(start, kind, "Growth")
      ),
      agreements: [],
      expenditures: [],
      payments: [],
      netAssets: [start, day("2024-12-31")].map((date) => ({
        date,
        portfolio: "Growth",
        netAssets: new Decimal(cents.toString()).dividedBy(100),
      })),
    };
    for (const exact of ["fast", "reference"] as const) {
      const { accrual } = evaluatePlan(plan, { asOf: day("2024-12-31"), exact }).portfolios[0]!;
      expect(accrual!.total.toFixed(2)).toBe("91573192423200.11");
      expect(accrual!.total.times(100).toFixed(0)).toBe(expected.toString());
    }
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
