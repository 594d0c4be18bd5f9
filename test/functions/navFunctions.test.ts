import { cellErrorOf, errorCell } from "./setup";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accrue } from "../../src/engine/accrual";
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { DAY_COUNTS, NAV_TIMINGS } from "../../src/engine/plan";
import { accrual, adna, dailyfee, headroom, maxfee } from "../../src/functions/functions";

// Excel serials: 2025-01-01 = 45658, 2024-01-01 = 45658 − 366 = 45292.
const JAN_1_2025 = 45658;
const JAN_2 = JAN_1_2025 + 1;
const JAN_3 = JAN_1_2025 + 2;
const JAN_6 = JAN_1_2025 + 5;
const JAN_7 = JAN_1_2025 + 6;
const JAN_1_2024 = 45292;
const MAR_29_2024 = JAN_1_2024 + 31 + 29 + 28; // 88 days after 1 Jan
const MAR_31_2024 = JAN_1_2024 + 90;
const DEC_31_2023 = JAN_1_2024 - 1;

/** As Excel passes a column: rows of one cell. */
const column = (...values: unknown[]): unknown[][] => values.map((value) => [value]);

// DOMAIN.md "Daily accrual — worked example": rate 0.25%, 2025.
const DATES = column(JAN_2, JAN_3, JAN_6, JAN_7);
const NAVS = column(100_000_000, 101_000_000, 99_500_000, 100_200_000);
/** A day's fee at 0.25% in dollars × 365 (whole numbers): net assets × 0.0025. */
const day365 = (netAssets: number) => netAssets / 400;
/** Cumulative dollars × 365 → rounded cents → dollars. */
const roundedOver365 = (numerator: number) => Math.round((numerator * 100) / 365) / 100;
const cents = (value: number) => Math.round(value * 100) / 100;

describe("ACCRUAL (SPEC §2 penny-true accrual, one row per NAV)", () => {
  it("books the DOMAIN.md example: Prior day, Forward, Actual/Actual", () => {
    // 3 Jan covers 3–5 Jan: 3 Jan on Thu's 100M, 4–5 Jan on Fri's 101M.
    const through3 = day365(100_000_000) + 2 * day365(101_000_000);
    const through6 = through3 + day365(101_000_000);
    const through7 = through6 + day365(99_500_000);
    const expected = [
      0,
      roundedOver365(through3),
      cents(roundedOver365(through6) - roundedOver365(through3)),
      cents(roundedOver365(through7) - roundedOver365(through6)),
    ];
    expect(expected).toEqual([0, 2068.49, 691.78, 681.51]);
    expect(accrual(DATES, NAVS, [[0.0025]])).toEqual(column(...expected));
  });

  it("books the Same day example: 684.93 · 2,075.34 · 681.51 · 686.30", () => {
    const through2 = day365(100_000_000);
    const through3 = through2 + 3 * day365(101_000_000);
    const through6 = through3 + day365(99_500_000);
    const through7 = through6 + day365(100_200_000);
    const booked = [through2, through3, through6, through7].map(roundedOver365);
    const expected = booked.map((value, index) => cents(value - (booked[index - 1] ?? 0)));
    expect(expected).toEqual([684.93, 2075.34, 681.51, 686.3]);
    expect(accrual(DATES, NAVS, [[0.0025]], null, "Same day", JAN_7)).toEqual(column(...expected));
  });

  it("left-out options (null) and a desktop blank periodEnd (0) take the defaults", () => {
    expect(accrual(DATES, NAVS, [[0.0025]], null, null, null)).toEqual(
      accrual(DATES, NAVS, [[0.0025]])
    );
    expect(accrual(DATES, NAVS, [[0.0025]], null, null, 0)).toEqual(
      accrual(DATES, NAVS, [[0.0025]])
    );
    expect(accrual(DATES, NAVS, [[0.0025]], "Actual/Actual", "Prior day")).toEqual(
      accrual(DATES, NAVS, [[0.0025]])
    );
  });

  it("periodEnd lets the last row cover the days after it", () => {
    // Tue 7 Jan through Fri 10 Jan: 4 days on Mon's 99.5M (7 Jan) and Tue's 100.2M (8–10 Jan).
    const result = accrual(DATES, NAVS, [[0.0025]], null, null, JAN_7 + 3);
    const through6 = day365(100_000_000) + 3 * day365(101_000_000);
    const through10 = through6 + day365(99_500_000) + 3 * day365(100_200_000);
    expect(result[3]).toEqual([cents(roundedOver365(through10) - roundedOver365(through6))]);
  });

  it("a row with a blank date (0, null or empty text) shows nothing and is not a NAV row", () => {
    const dates = column(JAN_2, 0, JAN_3, null, "", JAN_6, JAN_7);
    const navs = column(100_000_000, 0, 101_000_000, null, "Subtotal", 99_500_000, 100_200_000);
    expect(accrual(dates, navs, [[0.0025]])).toEqual(
      column(0, "", 2068.49, "", "", 691.78, 681.51)
    );
  });

  it("reads a text percentage and ISO text dates (NAVs are numbers: see mistakes.test.ts)", () => {
    const dates = column("2025-01-02", "2025-01-03", JAN_6, JAN_7);
    expect(accrual(dates, NAVS, [["0.25%"]])).toEqual(column(0, 2068.49, 691.78, 681.51));
  });

  it("takes a row range as well as a column", () => {
    expect(
      accrual(
        [[JAN_2, JAN_3, JAN_6, JAN_7]],
        [[100_000_000, 101_000_000, 99_500_000, 100_200_000]],
        [[0.0025]]
      )
    ).toEqual(column(0, 2068.49, 691.78, 681.51));
  });

  it("Actual/365 in a leap year charges 366/365 of the rate (the DOMAIN.md leap-year trap)", () => {
    // 50,000,000 on 28 Feb, 29 Feb and Fri 1 Mar 2024 (covering 1–3 Mar), 0.50%, Same day.
    const FEB_28 = JAN_1_2024 + 31 + 27;
    const dates = column(FEB_28, FEB_28 + 1, FEB_28 + 2);
    const navs = column(50_000_000, 50_000_000, 50_000_000);
    // 250,000 / 366 = 683.06 a day; March restarts the cumulative: 750,000 / 366 = 2,049.18.
    expect(accrual(dates, navs, [[0.005]], null, "Same day", FEB_28 + 4)).toEqual(
      column(683.06, 683.06, 2049.18)
    );
    // ÷365: 684.93 · (1,369.86 − 684.93) · 750,000 / 365 = 2,054.79.
    expect(accrual(dates, navs, [[0.005]], "Actual/365", "Same day", FEB_28 + 4)).toEqual(
      column(684.93, 684.93, 2054.79)
    );
  });

  it("a duplicate date is #VALUE! naming both rows", () => {
    expect(
      cellErrorOf(() => accrual(column(JAN_2, JAN_3, JAN_3), column(1, 2, 3), [[0.0025]]))
    ).toEqual({
      code: "#VALUE!",
      message: "dates, row 3 repeats 2025-01-03 of row 2: keep one NAV per date.",
    });
  });

  it("an out-of-order date is #VALUE! naming the row, even across blank rows", () => {
    expect(
      cellErrorOf(() => accrual(column(JAN_3, null, JAN_2), column(1, null, 3), [[0.0025]]))
    ).toEqual({
      code: "#VALUE!",
      message: "dates, row 3 (2025-01-02) comes after 2025-01-03 in row 1: sort the rows by date.",
    });
  });

  it("negative net assets are #VALUE! naming the row", () => {
    expect(cellErrorOf(() => accrual(DATES, column(1, -5, 3, 4), [[0.0025]]))).toEqual({
      code: "#VALUE!",
      message: "netAssets, row 2 is negative (-5).",
    });
  });

  it("a blank NAV beside a date is #VALUE!, whether it arrives as null (web) or 0 (desktop)", () => {
    expect(cellErrorOf(() => accrual(DATES, column(1, null, 3, 4), [[0.0025]]))).toEqual({
      code: "#VALUE!",
      message: "netAssets, row 2 is blank but its date is filled in.",
    });
    expect(cellErrorOf(() => accrual(column(JAN_2, JAN_3), column(0, 0), [[0.0025]]))).toEqual({
      code: "#VALUE!",
      message:
        "netAssets, row 1 is 0, which is how Excel passes a blank cell: a blank NAV is never zero net assets. Enter the Class B net assets, or clear the date of a day with no NAV.",
    });
  });

  it("columns of different heights are #VALUE!", () => {
    expect(cellErrorOf(() => accrual(DATES, column(1, 2, 3), [[0.0025]]))).toEqual({
      code: "#VALUE!",
      message: "netAssets has 3 rows but dates has 4: select ranges of the same height.",
    });
  });

  it("a block of two columns is #VALUE!", () => {
    expect(
      cellErrorOf(() =>
        accrual(
          [
            [JAN_2, 1],
            [JAN_3, 2],
          ],
          NAVS.slice(0, 2),
          [[0.0025]]
        )
      ).message
    ).toBe("dates must be one column or one row (it is 2 rows by 2 columns).");
  });

  it("error cells pass #N/A through and turn #REF! into #VALUE!, naming the row", () => {
    expect(
      cellErrorOf(() => accrual(DATES, column(1, errorCell("#N/A"), 3, 4), [[0.0025]]))
    ).toEqual({
      code: "#N/A",
      message: "netAssets, row 2 holds the error #N/A.",
    });
    expect(cellErrorOf(() => accrual(DATES, NAVS, [[errorCell("#REF!")]])).code).toBe("#VALUE!");
  });

  it("a rate above 1% is #NUM!, a wrong choice #VALUE! with the fix", () => {
    expect(cellErrorOf(() => accrual(DATES, NAVS, [[25]])).code).toBe("#NUM!");
    expect(cellErrorOf(() => accrual(DATES, NAVS, [[0.0025]], "30/360")).message).toBe(
      'dayCount is "30/360"; use one of "Actual/Actual", "Actual/365", "Actual/360".'
    );
  });

  it("equals the engine's decimal reference (`accrue`) on random NAV columns", () => {
    const input = fc.record({
      start: fc.integer({ min: 45000, max: 47000 }),
      gaps: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 60 }),
      navCents: fc.array(fc.integer({ min: 1, max: 2 ** 45 }), { minLength: 61, maxLength: 61 }),
      ratePpm: fc.integer({ min: 0, max: 10_000 }),
      dayCount: fc.constantFrom(...DAY_COUNTS),
      navTiming: fc.constantFrom(...NAV_TIMINGS),
      extraDays: fc.option(fc.integer({ min: 0, max: 40 })),
    });
    fc.assert(
      fc.property(input, ({ start, gaps, navCents, ratePpm, dayCount, navTiming, extraDays }) => {
        const serials = [start];
        for (const gap of gaps) serials.push(serials[serials.length - 1]! + gap);
        const amounts = serials.map((_, index) => navCents[index]! / 100);
        const rate = ratePpm / 1_000_000;
        const periodEnd = extraDays === null ? null : serials[serials.length - 1]! + extraDays;
        const got = accrual(
          column(...serials),
          column(...amounts),
          [[rate]],
          dayCount,
          navTiming,
          periodEnd
        );
        const dates = serials.map((serial) => day("2025-01-01") + (serial - JAN_1_2025));
        const reference = accrue({
          series: dates.map((date, index) => ({
            date,
            netAssets: new Decimal(navCents[index]!).dividedBy(100),
          })),
          rates: [{ start: dates[0]!, annualRate: new Decimal(String(rate)) }],
          settings: { dayCount, navTiming, weekendBooking: "Forward", rounding: "Penny-true" },
          periodEnd: periodEnd === null ? null : day("2025-01-01") + (periodEnd - JAN_1_2025),
        });
        expect(got).toEqual(reference.rows.map((row) => [row.booked.toNumber()]));
      }),
      { numRuns: 300 }
    );
  });
});

describe("DAILYFEE (SPEC §2 daily fee)", () => {
  it("is one day's fee rounded to the cent: 100,000,000 at 0.25% in 2025 → 684.93", () => {
    expect(dailyfee(100_000_000, 0.0025, JAN_3)).toBe(roundedOver365(day365(100_000_000)));
    expect(dailyfee(100_000_000, 0.0025, JAN_3)).toBe(684.93);
  });

  it("over n days rounds once on the total (DOMAIN.md: 10,000,000 at .50% for 31 days of 2024 → 4,234.97, not 31 × 136.61)", () => {
    // 10,000,000 × .005 = 50,000 a year; ÷ 366 × 31 = 4,234.972…
    expect(dailyfee(10_000_000, 0.005, JAN_1_2024, 31)).toBe(
      Math.round((50_000 * 31 * 100) / 366) / 100
    );
    expect(dailyfee(10_000_000, 0.005, JAN_1_2024, 31)).toBe(4234.97);
    expect(dailyfee(10_000_000, 0.005, JAN_1_2024)).toBe(136.61);
  });

  it("under Actual/Actual each day takes its own year's basis across a year end", () => {
    // 36,500,000 × .005 = 182,500 a year: 31 Dec 2023 at ÷365 = 500.00, 1 Jan 2024 at ÷366 = 498.63…; total 998.63.
    expect(dailyfee(36_500_000, 0.005, DEC_31_2023, 2)).toBe(
      Math.round((182_500 / 365 + 182_500 / 366) * 100) / 100
    );
  });

  it("Actual/365 and Actual/360 need no date", () => {
    expect(dailyfee(50_000_000, 0.005, null, null, "Actual/365")).toBe(684.93); // 250,000 / 365
    expect(dailyfee(50_000_000, 0.005, 0, 3, "Actual/360")).toBe(2083.33); // 750,000 / 360
  });

  it("Actual/Actual without a date is #VALUE! saying why", () => {
    expect(cellErrorOf(() => dailyfee(50_000_000, 0.005))).toEqual({
      code: "#VALUE!",
      message:
        'date is blank: under "Actual/Actual" the fee depends on whether the year has 365 or 366 days. Give the date (or dayCount "Actual/365").',
    });
  });

  it("days must be a whole number of at least 1 (a desktop blank cell, 0, is refused)", () => {
    expect(cellErrorOf(() => dailyfee(1, 0.005, JAN_3, 0)).message).toBe(
      "days must be at least 1 (it is 0)."
    );
    expect(cellErrorOf(() => dailyfee(1, 0.005, JAN_3, 1.5)).message).toBe(
      "days must be a whole number (it is 1.5)."
    );
  });

  it("bad arguments: blank or negative net assets, text, errors", () => {
    expect(cellErrorOf(() => dailyfee(null, 0.005, JAN_3))).toEqual({
      code: "#VALUE!",
      message: "netAssets is blank.",
    });
    expect(cellErrorOf(() => dailyfee(-1, 0.005, JAN_3)).message).toBe(
      "netAssets is negative (-1)."
    );
    expect(cellErrorOf(() => dailyfee("lots", 0.005, JAN_3)).message).toBe(
      'netAssets holds text "lots", not an amount; enter it as a number.'
    );
    expect(cellErrorOf(() => dailyfee(1, errorCell("#N/A"), JAN_3)).code).toBe("#N/A");
    expect(dailyfee(1_000_000, "0.50%", "2025-01-03")).toBe(13.7); // 5,000 / 365 = 13.698…
  });
});

describe("ADNA (SPEC §2 average daily net assets)", () => {
  it("DOMAIN.md: 3–7 Jan on prior-day NAVs = (100 + 101 + 101 + 101 + 99.5) / 5 M = 100,500,000", () => {
    const expected = ((100 + 101 + 101 + 101 + 99.5) / 5) * 1_000_000;
    expect(adna(DATES, NAVS, JAN_3, JAN_7)).toBe(expected);
    // By default from the first NAV date (2 Jan has no NAV before it, so it is left out) to the last.
    expect(adna(DATES, NAVS)).toBe(expected);
    expect(adna(DATES, NAVS, null, null, null)).toBe(expected);
    expect(adna(DATES, NAVS, 0, 0)).toBe(expected);
  });

  it("Same day uses each day's own close: 2–7 Jan = (100 + 101 × 3 + 99.5 + 100.2) / 6 M, rounded to the cent", () => {
    expect(adna(DATES, NAVS, null, null, "Same day")).toBe(
      Math.round(((100 + 303 + 99.5 + 100.2) / 6) * 1e8) / 100
    );
  });

  it("skips blank-date rows", () => {
    expect(
      adna(
        column(JAN_2, null, JAN_3, 0, JAN_6, JAN_7),
        column(100e6, "x", 101e6, 0, 99.5e6, 100.2e6)
      )
    ).toBe(100_500_000);
  });

  it("from after to is #VALUE!; a period with no NAV is #N/A; no NAV rows at all is #N/A", () => {
    expect(cellErrorOf(() => adna(DATES, NAVS, JAN_7, JAN_3))).toEqual({
      code: "#VALUE!",
      message: "from (2025-01-07) is after to (2025-01-03).",
    });
    expect(cellErrorOf(() => adna(DATES, NAVS, JAN_1_2025, JAN_2))).toEqual({
      code: "#N/A",
      message: "No NAV applies to any day from 2025-01-01 to 2025-01-02.",
    });
    expect(cellErrorOf(() => adna(column(null, 0), column(null, 0)))).toEqual({
      code: "#N/A",
      message: "dates has no dates: select the date column of the NAV rows.",
    });
  });

  it("validates like ACCRUAL: unsorted dates, mismatched heights", () => {
    expect(cellErrorOf(() => adna(column(JAN_3, JAN_2), column(1, 2))).message).toContain(
      "sort the rows by date"
    );
    expect(cellErrorOf(() => adna(DATES, column(1))).message).toBe(
      "netAssets has 1 rows but dates has 4: select ranges of the same height."
    );
  });
});

describe("MAXFEE and HEADROOM (SPEC §2 cap: as accrued by default, or the same-day close)", () => {
  // DOMAIN.md Q1 2024: 10,040,000 every day of the 91 (31 December's NAV is the one 1 January
  // accrues on), max .50%: the months' maxima .005 × 10,040,000 × 31, 29, 31 / 366, each rounded.
  const Q1_DATES = column(DEC_31_2023, MAR_29_2024);
  const Q1_NAVS = column(10_040_000, 10_040_000);
  const monthMax = (netAssets: number, days: number) =>
    Math.round(((0.005 * netAssets * days) / 366) * 100) / 100;
  const Q1_MAX = cents(
    monthMax(10_040_000, 31) + monthMax(10_040_000, 29) + monthMax(10_040_000, 31)
  );

  it("DOMAIN.md Q1 2024 → 12,481.42", () => {
    expect(Q1_MAX).toBe(12481.42);
    expect(maxfee(Q1_DATES, Q1_NAVS, null, JAN_1_2024, MAR_31_2024)).toBe(Q1_MAX);
    expect(maxfee(Q1_DATES, Q1_NAVS, 0.005, JAN_1_2024, MAR_31_2024)).toBe(Q1_MAX);
  });

  it('measures by default on the NAVs the fee accrued on, 3–7 Jan 2025 → 6,883.56, and on the close with "Same day" → 6,886.30', () => {
    const asAccrued = Math.round(((502_500_000 * 0.005) / 365) * 100) / 100;
    expect(asAccrued).toBe(6883.56);
    expect(maxfee(DATES, NAVS, null, JAN_3, JAN_7)).toBe(asAccrued);
    expect(maxfee(DATES, NAVS, null, JAN_3, JAN_7, "Prior day")).toBe(asAccrued);
    // HEADROOM on the same measure: DOMAIN's 3,441.78 of fees leave 3,441.78.
    expect(headroom(DATES, NAVS, 3441.78 as never, null, JAN_3, JAN_7)).toBe(
      cents(asAccrued - 3441.78)
    );
    // "Same day" counts the same-day close, stricter: (101 × 3 + 99.5 + 100.2) M × .005 / 365 = 6,886.30.
    const sameDay = Math.round(((502_700_000 * 0.005) / 365) * 100) / 100;
    expect(sameDay).toBe(6886.3);
    expect(maxfee(DATES, NAVS, null, JAN_3, JAN_7, "Same day")).toBe(sameDay);
    expect(headroom(DATES, NAVS, 3441.78 as never, null, JAN_3, JAN_7, "Same day")).toBe(
      cents(sameDay - 3441.78)
    );
  });

  it("several months' maximum is the sum of the months' rounded maxima: 100,000,000 in 2024 Q1 → 124,316.95, not 124,316.94", () => {
    const navs = column(100_000_000, 100_000_000);
    const months = [31, 29, 31].map((days) => monthMax(100_000_000, days));
    expect(months).toEqual([42349.73, 39617.49, 42349.73]);
    expect(Math.round(((0.005 * 100_000_000 * 91) / 366) * 100) / 100).toBe(124316.94);
    expect(maxfee(Q1_DATES, navs, null, JAN_1_2024, MAR_31_2024)).toBe(124316.95);
    // Fees at the cap, booked month by month, leave no headroom and no breach.
    expect(headroom(Q1_DATES, navs, column(...months), null, JAN_1_2024, MAR_31_2024)).toBe(0);
  });

  it("divides each day by its own year: 31 Dec 2023 – 1 Jan 2024 at 36,500,000 on the same-day close → 500.00 + 498.63", () => {
    expect(
      maxfee(
        column(DEC_31_2023, JAN_1_2024),
        column(36_500_000, 36_500_000),
        null,
        null,
        null,
        "Same day"
      )
    ).toBe(Math.round((182_500 / 365 + 182_500 / 366) * 100) / 100);
  });

  it("a lower maxRate scales each month's maximum: .25% on 10,040,000 → 2,125.96 + 1,988.80 + 2,125.96", () => {
    const month = (days: number) => Math.round(((0.0025 * 10_040_000 * days) / 366) * 100) / 100;
    expect(maxfee(Q1_DATES, Q1_NAVS, "0.25%", JAN_1_2024, MAR_31_2024)).toBe(
      cents(month(31) + month(29) + month(31))
    );
  });

  it("HEADROOM = maximum − fees: 12,481.42 − 12,470.15 = 11.27", () => {
    expect(headroom(Q1_DATES, Q1_NAVS, 12_470.15 as never, null, JAN_1_2024, MAR_31_2024)).toBe(
      cents(Q1_MAX - 12_470.15)
    );
    expect(headroom(Q1_DATES, Q1_NAVS, [[12_470.15]], null, JAN_1_2024, MAR_31_2024)).toBe(11.27);
  });

  it("HEADROOM sums a column of fees, blanks skipped: with 500.00 of carryforward paid it is a breach of 488.73", () => {
    expect(
      headroom(Q1_DATES, Q1_NAVS, column(12_470.15, null, "", 500), null, JAN_1_2024, MAR_31_2024)
    ).toBe(cents(Q1_MAX - 12_970.15));
    expect(headroom(Q1_DATES, Q1_NAVS, column(12_470.15, 500), null, JAN_1_2024, MAR_31_2024)).toBe(
      -488.73
    );
  });

  it("HEADROOM: an error among the fees passes through, naming the row", () => {
    expect(cellErrorOf(() => headroom(Q1_DATES, Q1_NAVS, column(1, errorCell("#N/A"))))).toEqual({
      code: "#N/A",
      message: "fees, row 2 holds the error #N/A.",
    });
    expect(
      cellErrorOf(() =>
        headroom(Q1_DATES, Q1_NAVS, [
          [1, 2],
          [3, 4],
        ])
      ).message
    ).toBe("fees must be one column or one row (it is 2 rows by 2 columns).");
  });

  it("bad NAV columns and periods are refused as in ADNA", () => {
    expect(cellErrorOf(() => maxfee(column(JAN_2, JAN_2), column(1, 2))).message).toBe(
      "dates, row 2 repeats 2025-01-02 of row 1: keep one NAV per date."
    );
    expect(cellErrorOf(() => maxfee(DATES, NAVS, null, JAN_7, JAN_2)).code).toBe("#VALUE!");
    expect(cellErrorOf(() => maxfee(DATES, NAVS, null, JAN_1_2025, JAN_1_2025)).code).toBe("#N/A");
    expect(cellErrorOf(() => headroom(DATES, NAVS, 1 as never, 2)).code).toBe("#NUM!");
  });
});
