import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { day, type Day } from "../../src/engine/calendar";
import { type Ceiling, maximumUnderCeiling } from "../../src/engine/ceiling";
import { Decimal } from "../../src/engine/decimal";
import {
  MAX_TABLE_CENTS,
  maximumBetween,
  maximumCentsFast,
  maximumTable,
} from "../../src/engine/maximumTable";
import { NAV_TIMINGS, type NavTiming } from "../../src/engine/plan";
import { seriesColumns } from "../../src/engine/seriesColumns";

const PLAN_CEILING: Ceiling = { maxAnnualRate: new Decimal("0.005"), from: null, exceptions: [] };

function seriesOf(dates: readonly Day[], cents: readonly number[]) {
  return dates.map((date, index) => ({
    date,
    netAssets: new Decimal(cents[index]!).dividedBy(100),
  }));
}

function tableOf(
  dates: readonly Day[],
  cents: readonly number[],
  timing: NavTiming,
  inEffect: { start: Day; end: Day | null }[] | null,
  ceiling: Ceiling = PLAN_CEILING
) {
  const series = seriesOf(dates, cents);
  return {
    series,
    table: maximumTable({ series, columns: seriesColumns(series), timing, inEffect, ceiling }),
  };
}

describe("the cap's maximum from the one-pass table equals the decimal.js reference", () => {
  it("DOMAIN.md: Q1 2024 at 10,040,000 a day at .50% allows .005 × 10,040,000 × 91/366 = 12,481.42", () => {
    const { table } = tableOf([day("2023-12-29")], [1_004_000_000], "Same day", null);
    const exact = (0.005 * 10_040_000 * 91) / 366; // 12,481.4207…
    expect(maximumCentsFast(table, day("2024-01-01"), day("2024-03-31"))).toBe(
      Math.round(exact * 100)
    );
    expect(maximumBetween(table, day("2024-01-01"), day("2024-03-31")).toFixed(2)).toBe("12481.42");
  });

  it("a period across 31 December counts each day on its own year's length (365, then 366)", () => {
    // 36,500,000 from 30 Dec 2023 (Same day): 2 days × 500.00 + 3 days × 36,500,000 × .005 / 366.
    const { table } = tableOf([day("2023-12-30")], [3_650_000_000], "Same day", null);
    const expected = 2 * 500 + (3 * 36_500_000 * 0.005) / 366;
    expect(maximumBetween(table, day("2023-12-30"), day("2024-01-03")).toFixed(2)).toBe(
      expected.toFixed(2)
    );
  });

  it("under Prior day the first NAV counts from the day after it, and days before it count nothing", () => {
    // NAV 73,000,000 on Fri 3 Jan 2025: counts from Sat 4 Jan; 1–10 Jan → 7 days × 1,000.00.
    const { table } = tableOf([day("2025-01-03")], [7_300_000_000], "Prior day", null);
    expect(maximumBetween(table, day("2025-01-01"), day("2025-01-10")).toFixed(2)).toBe(
      (7 * 1000).toFixed(2)
    );
  });

  it("a raised ceiling holds from its vote, the days before at .50% (Plan §8)", () => {
    // 1 March at .50%: 36,500,000 × .005 / 365 = 500.00; 2–31 March at .75%: 30 × 750.00.
    const ceiling: Ceiling = {
      maxAnnualRate: new Decimal("0.0075"),
      from: day("2025-03-02"),
      exceptions: [],
    };
    const { table } = tableOf([day("2025-02-28")], [3_650_000_000], "Same day", null, ceiling);
    expect(maximumBetween(table, day("2025-03-01"), day("2025-03-31")).toFixed(2)).toBe(
      (500 + 30 * 750).toFixed(2)
    );
  });

  it("an exact half cent is left to decimal.js, which rounds it up", () => {
    // 3.65 a day at .50% over 365 days' basis: 0.00005 a day; 100 days = 0.005 → 0.01.
    const { table } = tableOf([day("2025-01-01")], [365], "Same day", null);
    expect(maximumCentsFast(table, day("2025-01-01"), day("2025-04-10"))).toBeNull();
    expect(maximumBetween(table, day("2025-01-01"), day("2025-04-10")).toFixed(2)).toBe("0.01");
  });

  it("net assets beyond the table's exact range, or not in whole cents, stay on the reference", () => {
    const big = tableOf([day("2025-01-01")], [MAX_TABLE_CENTS + 1], "Same day", null).table;
    expect(big.fast).toBeNull();
    const series = [{ date: day("2025-01-01"), netAssets: new Decimal("100.005") }];
    const columns = seriesColumns(series);
    expect(columns.netAssetsCents).toBeNull();
    const table = maximumTable({
      series,
      columns,
      timing: "Same day",
      inEffect: null,
      ceiling: PLAN_CEILING,
    });
    // 100.005 × .005 × 73 / 365 = 0.100005 → 0.10.
    expect(maximumBetween(table, day("2025-01-01"), day("2025-03-14")).toFixed(2)).toBe("0.10");
  });

  it("on random series, timings, windows, raised ceilings and periods, to the cent, and mostly without decimal.js", () => {
    const amount = fc.oneof(
      fc.integer({ min: 0, max: 5_000_000_000_00 }),
      fc.integer({ min: MAX_TABLE_CENTS - 10 ** 9, max: MAX_TABLE_CENTS }),
      fc.integer({ min: 0, max: 3 })
    );
    let asked = 0;
    let fast = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), amount), {
          minLength: 0,
          maxLength: 120,
        }),
        fc.constantFrom(...NAV_TIMINGS),
        fc.option(fc.integer({ min: 0, max: 1500 }), { nil: null }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1600 }), fc.integer({ min: 0, max: 900 })), {
          maxLength: 3,
        }),
        fc.boolean(),
        fc.array(fc.tuple(fc.integer({ min: -30, max: 1700 }), fc.integer({ min: 0, max: 800 })), {
          minLength: 1,
          maxLength: 12,
        }),
        (points, timing, raisedOffset, windowOffsets, windowsGiven, periods) => {
          const origin = day("2023-11-15");
          let date = origin;
          const dates = points.map(([gap]) => (date += gap));
          const cents = points.map(([, c]) => c);
          // In-effect windows in order and apart, as governance gives them.
          let cursor = origin;
          const inEffect = windowsGiven
            ? windowOffsets.map(([gap, length], index) => {
                const start = cursor + gap;
                cursor = start + length + 1;
                return { start, end: index === windowOffsets.length - 1 ? null : start + length };
              })
            : null;
          const ceiling: Ceiling =
            raisedOffset === null
              ? PLAN_CEILING
              : {
                  maxAnnualRate: new Decimal("0.0075"),
                  from: origin + raisedOffset,
                  exceptions: [],
                };
          const { series, table } = tableOf(dates, cents, timing, inEffect, ceiling);
          for (const [offset, length] of periods) {
            const start = origin + offset;
            const end = start + length;
            const reference = maximumUnderCeiling(
              { series, timing, start, end, inEffect },
              ceiling
            ).maximum;
            expect(maximumBetween(table, start, end).toString()).toBe(reference.toString());
            asked += 1;
            if (maximumCentsFast(table, start, end) !== null) fast += 1;
          }
        }
      ),
      { numRuns: 300 }
    );
    // The comparison above would pass if every figure came from decimal.js; it must not.
    expect(fast).toBeGreaterThan(asked * 0.9);
  });
});
