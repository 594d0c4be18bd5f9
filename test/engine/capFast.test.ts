import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_EXACT_CENTS } from "../../src/engine/accrualFast";
import { averageDailyNetAssets } from "../../src/engine/averageDailyNetAssets";
import { maximumAllowableFee } from "../../src/engine/cap";
import { averageAndMaximumFast } from "../../src/engine/capFast";
import { day } from "../../src/engine/calendar";
import { Decimal, decimalFromDouble, roundCents } from "../../src/engine/decimal";
import { NAV_TIMINGS, type NavTiming } from "../../src/engine/plan";

const cents = (value: Decimal) => value.times(100).toNumber();

function expectSame(
  dates: number[],
  amounts: number[],
  timing: NavTiming,
  maxAnnualRate: Decimal,
  start: number,
  end: number,
  inEffect: { start: number; end: number | null }[] | null
) {
  const series = dates.map((date, index) => ({
    date,
    netAssets: new Decimal(amounts[index]!).dividedBy(100),
  }));
  const fast = averageAndMaximumFast({
    dates,
    netAssetsCents: amounts,
    timing,
    maxAnnualRate,
    start,
    end,
    inEffect,
  });
  const adna = averageDailyNetAssets(series, start, end, timing);
  expect(fast.days).toBe(adna.days);
  expect(fast.averageDailyNetAssetsCents).toBe(
    adna.average === null ? null : cents(roundCents(adna.average))
  );
  const maximum = maximumAllowableFee({ series, timing, maxAnnualRate, start, end, inEffect });
  expect(fast.maximumCents).toBe(cents(maximum.maximum));
  expect(fast.daysInEffect).toBe(maximum.days);
  return fast;
}

describe("fast ADNA and maximum agree with the decimal.js reference to the cent", () => {
  it("DOMAIN.md: Q1 2024 at 10,040,000 allows 12,481.42", () => {
    const fast = expectSame(
      [day("2023-12-29")],
      [1_004_000_000],
      "Same day",
      new Decimal("0.005"),
      day("2024-01-01"),
      day("2024-03-31"),
      null
    );
    expect(fast.maximumCents).toBe(1_248_142);
    expect(fast.averageDailyNetAssetsCents).toBe(1_004_000_000);
  });

  it("an exact half-cent average is handed to decimal.js and rounds up", () => {
    // 0.01 and 0.00 on alternate days over 2 days: ADNA 0.005 → 0.01.
    const fast = expectSame(
      [day("2025-01-01"), day("2025-01-02")],
      [1, 0],
      "Same day",
      new Decimal("0.005"),
      day("2025-01-01"),
      day("2025-01-02"),
      null
    );
    expect(fast.averageDailyNetAssetsCents).toBe(1);
    expect(fast.exactFallbacks).toBeGreaterThan(0);
  });

  it("on random and adversarial series, periods across year ends, and in-effect windows", () => {
    const amount = fc.oneof(
      fc.integer({ min: 0, max: 5_000_000_000_00 }),
      fc.integer({ min: MAX_EXACT_CENTS - 10 ** 9, max: MAX_EXACT_CENTS }),
      fc.integer({ min: 0, max: 3 })
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), amount), {
          minLength: 1,
          maxLength: 150,
        }),
        fc.constantFrom(...NAV_TIMINGS),
        fc.double({ min: 0, max: 0.01, noNaN: true }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 400 }),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }))),
        (points, timing, rateDouble, startOffset, length, window) => {
          let date = day("2023-11-15");
          const dates = points.map(([gap]) => (date += gap));
          const amounts = points.map(([, c]) => c);
          const start = day("2023-11-01") + startOffset;
          const inEffect = window
            ? [{ start: start + window[0], end: start + window[0] + window[1] }]
            : null;
          expectSame(
            dates,
            amounts,
            timing,
            decimalFromDouble(rateDouble),
            start,
            start + length,
            inEffect
          );
        }
      ),
      { numRuns: 300 }
    );
  });
});
