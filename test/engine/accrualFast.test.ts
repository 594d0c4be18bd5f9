import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { accrue, type AccrualSettings } from "../../src/engine/accrual";
import { accrueFast, fastPathApplies, MAX_EXACT_CENTS } from "../../src/engine/accrualFast";
import { day } from "../../src/engine/calendar";
import { Decimal, decimalFromDouble } from "../../src/engine/decimal";
import { DAY_COUNTS, NAV_TIMINGS, ROUNDINGS, WEEKEND_BOOKINGS } from "../../src/engine/plan";
import { navs, rates } from "../support/build";

const cents = (value: Decimal) => value.times(100).toNumber();

/** Runs the reference and the fast path on the same input and expects the same cents everywhere. */
function expectSameCents(
  series: { date: number; netAssets: Decimal }[],
  schedule: { start: number; annualRate: Decimal }[],
  settings: AccrualSettings,
  extra: {
    periodEnd?: number | null;
    inEffect?: { start: number; end: number | null }[] | null;
  } = {}
) {
  const reference = accrue({ series, rates: schedule, settings, ...extra });
  const fast = accrueFast({
    dates: series.map((p) => p.date),
    netAssetsCents: series.map((p) => cents(p.netAssets)),
    rates: schedule,
    settings,
    ...extra,
  });
  expect(Array.from(fast.bookedCents)).toEqual(reference.rows.map((row) => cents(row.booked)));
  expect(Array.from(fast.days)).toEqual(reference.rows.map((row) => row.days));
  expect(Array.from(fast.monthToDateCents)).toEqual(
    reference.rows.map((row) => cents(row.monthToDate))
  );
  expect(fast.months.map((m) => [m.start, m.days, m.bookedCents, m.trueUpCents])).toEqual(
    reference.months.map((m) => [m.period.start, m.days, cents(m.booked), cents(m.trueUp)])
  );
  expect(fast.totalCents).toBe(cents(reference.total));
  return fast;
}

const settingsArbitrary = fc.record({
  dayCount: fc.constantFrom(...DAY_COUNTS),
  navTiming: fc.constantFrom(...NAV_TIMINGS),
  weekendBooking: fc.constantFrom(...WEEKEND_BOOKINGS),
  rounding: fc.constantFrom(...ROUNDINGS),
});

describe("the exact fast path agrees with the decimal.js reference to the cent", () => {
  it("on the DOMAIN.md worked example", () => {
    const series = navs(
      ["2025-01-02", "100000000.00"],
      ["2025-01-03", "101000000.00"],
      ["2025-01-06", "99500000.00"],
      ["2025-01-07", "100200000.00"]
    );
    const fast = expectSameCents(series, rates(["2025-01-01", "0.0025"]), {
      dayCount: "Actual/Actual",
      navTiming: "Prior day",
      weekendBooking: "Forward",
      rounding: "Penny-true",
    });
    expect(Array.from(fast.bookedCents)).toEqual([0, 206849, 69178, 68151]);
  });

  it("on exact half-cent ties, which it hands to decimal.js", () => {
    // 365.00 at .50% / 365 = 0.005 a day exactly: one day rounds half-up to 0.01, two days are 0.01 exactly.
    const series = navs(
      ["2025-01-01", "365.00"],
      ["2025-01-02", "365.00"],
      ["2025-01-03", "365.00"]
    );
    const settings = {
      dayCount: "Actual/365",
      navTiming: "Same day",
      weekendBooking: "Forward",
      rounding: "Penny-true",
    } as const;
    const fast = expectSameCents(series, rates(["2025-01-01", "0.005"]), settings);
    expect(Array.from(fast.bookedCents)).toEqual([1, 0, 1]);
    expect(fast.exactFallbacks).toBeGreaterThan(0);
    expectSameCents(series, rates(["2025-01-01", "0.005"]), { ...settings, rounding: "Daily" });
  });

  it("on a half cent the 34-digit sums only reach in the reference's order (Actual/360, weekend caught up)", () => {
    // .50% / 360 = 1/72,000 a dollar a day. Same day, Catch-up: Monday 15 January 2024 books
    // Saturday and Sunday at Friday's 123,960.00 and itself at 137,760.00. Through the 15th the
    // month's exact fees are 1,129,320 / 72,000 = 15.685, so month to date rounds half-up to 15.69
    // and the 15th books 15.69 − 10.33 = 5.36. Each x / 360 is rounded at 34 digits: summed run by
    // run rather than row by row (as the fast path's replay once did), the total lands a unit
    // of the 34th digit below 15.685 and rounds down to 15.68 (found by the whole-trust property
    // in test/workbook/netAssetsRow.test.ts).
    const series = navs(
      ["2024-01-01", "0.00"],
      ["2024-01-02", "20640.00"],
      ["2024-01-03", "34440.00"],
      ["2024-01-04", "34440.00"],
      ["2024-01-05", "55080.00"],
      ["2024-01-08", "75720.00"],
      ["2024-01-09", "89520.00"],
      ["2024-01-10", "89520.00"],
      ["2024-01-11", "110160.00"],
      ["2024-01-12", "123960.00"],
      ["2024-01-15", "137760.00"],
      ["2024-01-16", "137760.00"]
    );
    const fast = expectSameCents(series, rates(["2023-11-22", "0.005"]), {
      dayCount: "Actual/360",
      navTiming: "Same day",
      weekendBooking: "Catch-up",
      rounding: "Penny-true",
    });
    expect(fast.bookedCents[10]).toBe(536);
    expect(fast.monthToDateCents[10]).toBe(1569);
    expect(fast.exactFallbacks).toBeGreaterThan(0);
  });

  it("on series dense with exact half cents: net assets in multiples of $120 at .50% / 360", () => {
    // Each day's fee is k / 600 dollars — 0.0016… at 34 digits, not exact — and a cumulative
    // whose k's add up to 3 mod 6 is an exact half cent: about one in six, in every setting.
    // The ties go to decimal.js, which must sum the rounded quotients as the reference does.
    const point = fc.record({
      gap: fc.integer({ min: 1, max: 4 }),
      multiple: fc.integer({ min: 0, max: 5_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 60 }),
        fc.constantFrom(...NAV_TIMINGS),
        fc.constantFrom(...WEEKEND_BOOKINGS),
        fc.constantFrom(...ROUNDINGS),
        fc.integer({ min: 2019, max: 2029 }),
        (points, navTiming, weekendBooking, rounding, year) => {
          let date = day(`${year}-01-01`) - 1;
          const series = points.map((p) => ({
            date: (date += p.gap),
            netAssets: new Decimal(p.multiple * 120),
          }));
          expectSameCents(series, rates([`${year - 1}-12-01`, "0.005"]), {
            dayCount: "Actual/360",
            navTiming,
            weekendBooking,
            rounding,
          });
        }
      ),
      { numRuns: 300 }
    );
  });

  it("on random series: any settings, rate changes, in-effect windows, leap days and period ends", () => {
    const point = fc.record({
      gap: fc.integer({ min: 1, max: 6 }),
      cents: fc.oneof(
        fc.integer({ min: 0, max: 2_000_000_000_00 }),
        fc.integer({ min: 0, max: 99_999 })
      ),
    });
    const rate = fc
      .integer({ min: 0, max: 500_000 })
      .map((millionths) => decimalFromDouble(millionths / 100_000_000));
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 120 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), rate), { minLength: 1, maxLength: 4 }),
        settingsArbitrary,
        fc.integer({ min: 2019, max: 2029 }),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 200 }))),
        fc.option(fc.integer({ min: 0, max: 60 })),
        (points, rateRows, settings, year, window, periodTail) => {
          let date = day(`${year}-02-20`);
          const series = points.map((p) => ({
            date: (date += p.gap),
            netAssets: new Decimal(p.cents).dividedBy(100),
          }));
          const start = day(`${year}-02-20`);
          const schedule = [
            ...new Map(rateRows.map(([offset, r]) => [start + offset, r])).entries(),
          ]
            .sort((a, b) => a[0] - b[0])
            .map(([s, annualRate]) => ({ start: s, annualRate }));
          const inEffect = window
            ? [{ start: start + window[0], end: start + window[0] + window[1] }]
            : null;
          const periodEnd =
            periodTail === null ? null : series[series.length - 1]!.date + periodTail;
          expectSameCents(series, schedule, settings, { inEffect, periodEnd });
        }
      ),
      { numRuns: 300 }
    );
  });

  it("on adversarial inputs: huge net assets near 2^53 cents, rates with many decimals", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: MAX_EXACT_CENTS - 10 ** 12, max: MAX_EXACT_CENTS }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.double({ min: 0, max: 0.005, noNaN: true }),
        settingsArbitrary,
        (amounts, rateDouble, settings) => {
          const series = amounts.map((c, index) => ({
            date: day("2024-02-25") + index,
            netAssets: new Decimal(c).dividedBy(100),
          }));
          expectSameCents(
            series,
            [{ start: day("2024-01-01"), annualRate: decimalFromDouble(rateDouble) }],
            settings,
            { periodEnd: day("2024-04-10") }
          );
        }
      ),
      { numRuns: 200 }
    );
  });

  it("refuses inputs outside its proven range (the caller then uses the reference)", () => {
    expect(fastPathApplies([0, 100, MAX_EXACT_CENTS])).toBe(true);
    expect(fastPathApplies([MAX_EXACT_CENTS + 2])).toBe(false);
    expect(fastPathApplies([1.5])).toBe(false);
    expect(fastPathApplies([-1])).toBe(false);
  });
});

describe("accrueColumns", () => {
  it("uses the reference beyond 2^53 cents and returns the same shape", async () => {
    const { accrueColumns } = await import("../../src/engine/accrualFast");
    const huge = MAX_EXACT_CENTS * 4;
    const columns = accrueColumns({
      dates: [day("2025-01-01"), day("2025-01-02")],
      netAssetsCents: [huge, huge],
      rates: [{ start: day("2025-01-01"), annualRate: new Decimal("0.0025") }],
      settings: {
        dayCount: "Actual/365",
        navTiming: "Prior day",
        weekendBooking: "Forward",
        rounding: "Penny-true",
      },
    });
    // 4 × (2^53 − 1) cents = 360,287,970,189,639.64 dollars × 0.0025 / 365 = 2,467,725,823.2167… → 2,467,725,823.22.
    expect(columns.bookedCents[1]).toBe(246772582322);
    expect(columns.rateIndex[1]).toBe(0);
  });
});
