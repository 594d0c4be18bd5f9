import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { day, type Day } from "../../src/engine/calendar";
import { type Ceiling, maximumUnderCeiling } from "../../src/engine/ceiling";
import { sumOfMonthPieces } from "../../src/engine/cap";
import { Decimal } from "../../src/engine/decimal";
import {
  MAX_TABLE_CENTS,
  maximumBetween,
  maximumCentsBetween,
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
    // 36.50 a day at .50% over 365 days' basis: 0.0005 a day; 10 days = 0.005 → 0.01 (within one
    // month: a longer period is the sum of its months' rounded maxima).
    const { table } = tableOf([day("2025-01-01")], [3650], "Same day", null);
    expect(maximumCentsFast(table, day("2025-01-01"), day("2025-01-10"))).toBeNull();
    expect(maximumBetween(table, day("2025-01-01"), day("2025-01-10")).toFixed(2)).toBe("0.01");
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
            // SPEC §2 "Cap": the sum of the months' (part months') maxima, each rounded as booked.
            const reference = sumOfMonthPieces(
              start,
              end,
              (from, to) =>
                maximumUnderCeiling({ series, timing, start: from, end: to, inEffect }, ceiling)
                  .maximum
            );
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

/** The double next above (+1) or below (−1) a positive double. */
function ulpStep(value: number, direction: 1 | -1): number {
  const bits = new BigInt64Array(new Float64Array([value]).buffer);
  bits[0] = bits[0]! + BigInt(direction);
  return new Float64Array(bits.buffer)[0]!;
}

interface HalfCentCase {
  rule: string;
  navs: [string, number][];
  timing: NavTiming;
  inEffect: { start: string; end: string | null }[] | null;
  /** The ceiling's rate, and the day it holds from (null: always; before it, the plan's .50%). */
  ceiling: { rate: string; from: string | null };
  period: [string, string];
  /** The exact maximum in cents, worked by hand, and its half-up rounding. */
  exactCents: number;
  cents: number;
}

describe("a maximum on a half cent is left to decimal.js on every path of the table", () => {
  // 36,500 cents (365.00) × .50% ÷ 365 = 0.5 cent a day; 73,200 × .50% ÷ 366 = 1 cent;
  // 146,000 × .75% ÷ 365 = 3 cents; 73,000 × .75% ÷ 365 = 1.5 cents; 18,250 × .50% ÷ 365 = 0.25.
  // Each float sum below is exactly the half cent it is written as.
  const cases: HalfCentCase[] = [
    {
      rule: "one year, no windows, the ceiling from always",
      navs: [["2025-01-01", 36_500]],
      timing: "Same day",
      inEffect: null,
      ceiling: { rate: "0.005", from: null },
      period: ["2025-01-01", "2025-01-01"],
      exactCents: 0.5,
      cents: 1,
    },
    {
      rule: "across 31 December: 1 cent on 366 days' basis, then 0.5 on 365",
      navs: [
        ["2024-12-31", 73_200],
        ["2025-01-01", 36_500],
      ],
      timing: "Same day",
      inEffect: null,
      ceiling: { rate: "0.005", from: null },
      period: ["2024-12-31", "2025-01-01"],
      exactCents: 1.5,
      cents: 2,
    },
    {
      rule: "a raised ceiling from inside the period: 1 March at .50% (0.5), 2 March at .75% (3)",
      navs: [
        ["2025-03-01", 36_500],
        ["2025-03-02", 146_000],
      ],
      timing: "Same day",
      inEffect: null,
      ceiling: { rate: "0.0075", from: "2025-03-02" },
      period: ["2025-03-01", "2025-03-02"],
      exactCents: 3.5,
      cents: 4,
    },
    {
      rule: "a raised ceiling voted after the period: .50% throughout",
      navs: [["2025-03-01", 36_500]],
      timing: "Same day",
      inEffect: null,
      ceiling: { rate: "0.0075", from: "2025-06-01" },
      period: ["2025-03-01", "2025-03-01"],
      exactCents: 0.5,
      cents: 1,
    },
    {
      rule: "a raised ceiling voted before the period: .75% throughout",
      navs: [["2025-03-01", 73_000]],
      timing: "Same day",
      inEffect: null,
      ceiling: { rate: "0.0075", from: "2025-01-01" },
      period: ["2025-03-01", "2025-03-01"],
      exactCents: 1.5,
      cents: 2,
    },
    {
      rule: "two in-effect windows with a gap: 1 and 3 March at 0.25 each",
      navs: [["2025-03-01", 18_250]],
      timing: "Same day",
      inEffect: [
        { start: "2025-03-01", end: "2025-03-01" },
        { start: "2025-03-03", end: null },
      ],
      ceiling: { rate: "0.005", from: null },
      period: ["2025-03-01", "2025-03-03"],
      exactCents: 0.5,
      cents: 1,
    },
    {
      rule: "Prior day: Friday 3 January's NAV counts from Saturday 4 January",
      navs: [["2025-01-03", 36_500]],
      timing: "Prior day",
      inEffect: null,
      ceiling: { rate: "0.005", from: null },
      period: ["2025-01-01", "2025-01-04"],
      exactCents: 0.5,
      cents: 1,
    },
  ];

  /** Whether the ceiling's own rate counts on some day of the period (not only the plan's .50% before its vote). */
  const ceilingCounts = (c: HalfCentCase) =>
    c.ceiling.from === null || day(c.period[1]) >= day(c.ceiling.from);

  /** The case with its ceiling's rate moved by 10^-20 (the same double) or to the next double. */
  function variants(c: HalfCentCase): { label: string; ceiling: Ceiling; cents: number }[] {
    const from = c.ceiling.from === null ? null : day(c.ceiling.from);
    const rate = new Decimal(c.ceiling.rate);
    const double = rate.toNumber();
    const rates: [string, Decimal, number][] = [["exact", rate, c.cents]];
    if (ceilingCounts(c)) {
      rates.push(
        ["a hair above (same double)", rate.plus("1e-20"), c.cents],
        ["a hair below (same double)", rate.minus("1e-20"), c.cents - 1],
        ["the next double up", new Decimal(String(ulpStep(double, 1))), c.cents],
        ["the next double down", new Decimal(String(ulpStep(double, -1))), c.cents - 1]
      );
      // A hair either side is the same double: the float sum cannot tell the three apart.
      expect(rates.slice(1, 3).map(([, r]) => r.toNumber())).toEqual([double, double]);
    }
    return rates.map(([label, maxAnnualRate, cents]) => ({
      label,
      ceiling: { maxAnnualRate, from, exceptions: [] },
      cents,
    }));
  }

  for (const c of cases) {
    it(`${c.rule}: ${c.exactCents} cents round up to ${c.cents}${ceilingCounts(c) ? ", a hair less down" : ""}`, () => {
      const dates = c.navs.map(([date]) => day(date));
      const cents = c.navs.map(([, amount]) => amount);
      const inEffect =
        c.inEffect?.map((w) => ({
          start: day(w.start),
          end: w.end === null ? null : day(w.end),
        })) ?? null;
      const [start, end] = c.period.map((iso) => day(iso)) as [Day, Day];
      for (const variant of variants(c)) {
        const { series, table } = tableOf(dates, cents, c.timing, inEffect, variant.ceiling);
        // The table holds (whole cents, within MAX_TABLE_CENTS), but the float lands within its
        // guard band of a half cent: it hands the period to decimal.js…
        expect(table.fast, variant.label).not.toBeNull();
        expect(maximumCentsFast(table, start, end), variant.label).toBeNull();
        // …which rounds the exact figure half-up, as the reference over the same days does.
        expect(maximumCentsBetween(table, start, end), variant.label).toBe(variant.cents);
        expect(maximumBetween(table, start, end).toFixed(2), variant.label).toBe(
          (variant.cents / 100).toFixed(2)
        );
        const reference = maximumUnderCeiling(
          { series, timing: c.timing, start, end, inEffect },
          variant.ceiling
        );
        expect(reference.maximum.toFixed(2), variant.label).toBe((variant.cents / 100).toFixed(2));
      }
    });
  }

  it("beyond MAX_TABLE_CENTS there is no table: every maximum, in cents or decimal, is the reference's", () => {
    // (MAX_TABLE_CENTS + 1) cents for one day at .50% ÷ 365 = cents ÷ 73,000, rounded half-up.
    const over = MAX_TABLE_CENTS + 1;
    const { table } = tableOf([day("2025-01-01")], [over], "Same day", null);
    expect(table.fast).toBeNull();
    const expected = Number((2n * BigInt(over) + 73_000n) / 146_000n);
    expect(maximumCentsFast(table, day("2025-01-01"), day("2025-01-01"))).toBeNull();
    expect(maximumCentsBetween(table, day("2025-01-01"), day("2025-01-01"))).toBe(expected);
    expect(maximumBetween(table, day("2025-01-01"), day("2025-01-01")).toFixed(2)).toBe(
      (expected / 100).toFixed(2)
    );
    // At MAX_TABLE_CENTS itself the table holds, and agrees.
    const { table: atLimit } = tableOf([day("2025-01-01")], [MAX_TABLE_CENTS], "Same day", null);
    expect(atLimit.fast).not.toBeNull();
    expect(maximumCentsBetween(atLimit, day("2025-01-01"), day("2025-01-01"))).toBe(
      Number((2n * BigInt(MAX_TABLE_CENTS) + 73_000n) / 146_000n)
    );
  });
});
