/**
 * SPEC §3, added 2026-12-06: "no believable wrong number". Each likely mistake
 * an accountant makes in a formula is an Excel error with the fix, never a
 * plausible figure: a percentage typed as a number, a NAV pasted as text, a
 * blank NAV, a period the NAVs do not reach, the two columns swapped.
 */
import { cellErrorOf } from "./setup";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellError } from "../../src/functions/cellError";
import { coerceArguments } from "../../src/functions/coerceArguments";
import {
  accrual,
  adna,
  dailyfee,
  effectiverate,
  fees,
  headroom,
  maxfee,
} from "../../src/functions/functions";
import { FUNCTIONS } from "../../src/functions/metadata";

/** As Excel passes a column: rows of one cell. */
const column = (...values: unknown[]): unknown[][] => values.map((value) => [value]);

// Excel serials: 2023-01-01 = 44927; 2025-01-01 = 44927 + 365 + 366 = 45658.
const JAN_1_2023 = 44927;
const JAN_3_2023 = JAN_1_2023 + 2; // Tuesday
const JAN_4_2023 = JAN_1_2023 + 3;
const JAN_5_2023 = JAN_1_2023 + 4; // Thursday
const JAN_1_2030 = JAN_1_2023 + 7 * 365 + 2; // 2024 and 2028 are leap years
const DEC_31_2030 = JAN_1_2030 + 364;
const DATES = column(JAN_3_2023, JAN_4_2023, JAN_5_2023);
const NAVS = column(402_000_000, 402_540_680.48, 403_000_000);

/** Every function that reads a NAV column, called on (dates, netAssets) with what else it needs. */
const NAV_FUNCTIONS: [string, (dates: unknown[][], navs: unknown[][]) => unknown][] = [
  ["ACCRUAL", (dates, navs) => accrual(dates, navs, [[0.005]])],
  ["FEES", (dates, navs) => fees(dates, navs, [[0.005]])],
  ["EFFECTIVERATE", (dates, navs) => effectiverate(dates, navs, [[100]])],
  ["ADNA", (dates, navs) => adna(dates, navs)],
  ["MAXFEE", (dates, navs) => maxfee(dates, navs)],
  ["HEADROOM", (dates, navs) => headroom(dates, navs, [[100]])],
];

describe("a percentage typed as a number (an annual rate above 1%) is #NUM!", () => {
  it("DAILYFEE(100,000,000, 0.5) is #NUM!, not 136,986.30; 0.005 is 1,369.86", () => {
    // 100,000,000 × 0.5 / 365 = 136,986.30 is what the mistake used to give.
    expect(cellErrorOf(() => dailyfee(100_000_000, 0.5, JAN_3_2023))).toEqual({ code: "#NUM!" });
    // 100,000,000 × 0.005 / 365 = 1,369.863… → 1,369.86.
    expect(dailyfee(100_000_000, 0.005, JAN_3_2023)).toBe(1369.86);
  });

  it("says what was meant, though Excel shows no message on #NUM! (the help page repeats it)", () => {
    const error = coerceArguments(FUNCTIONS.DAILYFEE, [100_000_000, 0.5]);
    expect(error).toEqual(
      new CellError(
        "#NUM!",
        "annualRate is 0.5 (50% a year), above 1%: no 12b-1 fee is that high. Rates are fractions: did you mean 0.50%?"
      )
    );
  });

  it("holds for every rate argument: ACCRUAL's rate and schedule, FEES, MAXFEE and HEADROOM's maxRate", () => {
    expect(cellErrorOf(() => accrual(DATES, NAVS, [[0.5]])).code).toBe("#NUM!");
    expect(cellErrorOf(() => accrual(DATES, NAVS, [[JAN_3_2023, 0.25]])).code).toBe("#NUM!");
    expect(cellErrorOf(() => fees(DATES, NAVS, [[0.75]])).code).toBe("#NUM!");
    expect(cellErrorOf(() => maxfee(DATES, NAVS, 0.5)).code).toBe("#NUM!");
    expect(cellErrorOf(() => headroom(DATES, NAVS, [[1]], 0.5)).code).toBe("#NUM!");
  });

  it("any rate above 1% is #NUM!, any from 0 to 1% a fee (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), (rate) => {
        if (rate > 0.01)
          expect(cellErrorOf(() => dailyfee(1e8, rate, JAN_3_2023)).code).toBe("#NUM!");
        else expect(typeof dailyfee(1e8, rate, JAN_3_2023)).toBe("number");
      })
    );
  });
});

describe("a NAV typed or pasted as text is #VALUE! naming the row, in every function", () => {
  const textNavs = column(402_000_000, 402_540_680.48, "73,000,000.00");
  it.each(NAV_FUNCTIONS)("%s", (_, call) => {
    expect(cellErrorOf(() => call(DATES, textNavs))).toEqual({
      code: "#VALUE!",
      message: 'netAssets, row 3 holds text "73,000,000.00", not an amount; enter it as a number.',
    });
  });
  it("DAILYFEE", () => {
    expect(cellErrorOf(() => dailyfee("73,000,000.00", 0.005, JAN_3_2023)).message).toBe(
      'netAssets holds text "73,000,000.00", not an amount; enter it as a number.'
    );
  });
});

describe("a blank NAV is never zero net assets, however Excel passes it", () => {
  const zero =
    "netAssets, row 2 is 0, which is how Excel passes a blank cell: a blank NAV is never zero net assets. Enter the Class B net assets, or clear the date of a day with no NAV.";
  it.each(NAV_FUNCTIONS)("%s: 0 (desktop) and null (web) are both refused", (_, call) => {
    expect(cellErrorOf(() => call(DATES, column(402_000_000, 0, 403_000_000)))).toEqual({
      code: "#VALUE!",
      message: zero,
    });
    expect(cellErrorOf(() => call(DATES, column(402_000_000, null, 403_000_000)))).toEqual({
      code: "#VALUE!",
      message: "netAssets, row 2 is blank but its date is filled in.",
    });
  });
  it("DAILYFEE on a blank (0) cell", () => {
    expect(cellErrorOf(() => dailyfee(0, 0.005, JAN_3_2023)).code).toBe("#VALUE!");
  });
});

describe("a period outside the NAV dates given is #N/A", () => {
  it("ADNA for 2030 over 2023 data is #N/A, not the last NAV carried seven years", () => {
    expect(cellErrorOf(() => adna(DATES, NAVS, JAN_1_2030, DEC_31_2030))).toEqual({
      code: "#N/A",
      message:
        "The period 2030-01-01 to 2030-12-31 is outside the NAV dates given (2023-01-03 to 2023-01-05): give the NAVs of the period.",
    });
    expect(cellErrorOf(() => fees(DATES, NAVS, [[0.005]], JAN_1_2030, DEC_31_2030)).code).toBe(
      "#N/A"
    );
    expect(cellErrorOf(() => maxfee(DATES, NAVS, null, JAN_1_2030, DEC_31_2030)).code).toBe("#N/A");
  });

  it("the last NAV carries over a long weekend (4 days), not further", () => {
    // Thursday 5 Jan's NAV carries through Monday 9 Jan: (402 + 402.54… + 403 × 5) / 7 on Same day.
    const through9 = (402_000_000 + 402_540_680.48 + 5 * 403_000_000) / 7;
    expect(adna(DATES, NAVS, JAN_3_2023, JAN_5_2023 + 4, "Same day")).toBe(
      Math.round(through9 * 100) / 100
    );
    expect(cellErrorOf(() => adna(DATES, NAVS, JAN_3_2023, JAN_5_2023 + 5))).toEqual({
      code: "#N/A",
      message:
        "The NAVs end on 2023-01-05, 5 days before the period's end (2023-01-10): the last NAV is not carried that far. Give the NAVs through 2023-01-10.",
    });
    expect(cellErrorOf(() => adna(DATES, NAVS, JAN_3_2023 - 5, JAN_5_2023))).toEqual({
      code: "#N/A",
      message:
        "The NAVs start on 2023-01-03, 5 days after the period's start (2022-12-29): give the NAVs from 2022-12-29.",
    });
  });
});

describe("dates and NAVs swapped are named as such", () => {
  const swapped =
    "dates and netAssets look swapped: dates, row 1 is 402000000, an amount, and netAssets holds dates. Give the NAV dates first, then the net assets.";
  it.each(NAV_FUNCTIONS)("%s", (_, call) => {
    expect(cellErrorOf(() => call(NAVS, DATES))).toEqual({ code: "#VALUE!", message: swapped });
  });

  it("also for a small class whose NAVs read as dates in the year 6000 or so", () => {
    // 1,500,000 is a serial in year 6006: a date Excel accepts, but no NAV history reaches it.
    expect(
      cellErrorOf(() => adna(column(1_500_000, 1_510_000), column(JAN_3_2023, JAN_4_2023)))
    ).toEqual({
      code: "#VALUE!",
      message:
        "dates and netAssets look swapped: dates, row 1 is 1500000, an amount, and netAssets holds dates. Give the NAV dates first, then the net assets.",
    });
  });

  it("a number past 9999-12-31 in a date column is not a date, even without a swap", () => {
    expect(cellErrorOf(() => adna(column(402_000_000), column(5)))).toEqual({
      code: "#VALUE!",
      message:
        "dates, row 1 is 402000000, which is after 9999-12-31, Excel's last date: it is not a date.",
    });
  });
});
