import { errorCell } from "./setup";
import { describe, expect, it } from "vitest";
import { defineFunction } from "../../src/functions/argumentSpec";
import { decimalFromText } from "../../src/functions/cellValues";
import { coerceArguments } from "../../src/functions/coerceArguments";
import { CellError } from "../../src/functions/cellError";
import { day } from "../../src/engine/calendar";
import { parseMoney } from "../../src/workbook/cells";
import { DAY_COUNTS } from "../../src/engine/plan";

// 2025-01-02 and 2025-01-03 as Excel serials: 2025-01-01 is 45658.
const JAN_2 = 45659;
const JAN_3 = 45660;

const NAV = defineFunction("NAVTEST", [
  { name: "dates", kind: "dateColumn" },
  { name: "netAssets", kind: "moneyColumn", alignedWith: "dates", nonNegative: true },
]);
const SCALARS = defineFunction("SCALARS", [
  { name: "annualRate", kind: "rate" },
  { name: "amount", kind: "money", optional: true },
  { name: "days", kind: "wholeNumber", optional: true, minimum: 1 },
  {
    name: "dayCount",
    kind: "choice",
    choices: DAY_COUNTS,
    optional: true,
    default: "Actual/Actual",
  },
]);

function ok<T>(value: T | CellError): T {
  if (value instanceof CellError) throw new Error(`unexpected ${value.code}: ${value.message}`);
  return value;
}
function failure(value: unknown): { code: string; message: string } {
  if (!(value instanceof CellError))
    throw new Error(`expected a CellError, got ${JSON.stringify(value)}`);
  return { code: value.code, message: value.message };
}

describe("date and NAV columns", () => {
  it("a column arrives as rows of one cell; each date becomes a Day and each NAV cents", () => {
    const args = ok(
      coerceArguments(NAV, [
        [[JAN_2], [JAN_3]],
        [[1_000_000.004], [2_000_000]],
      ])
    );
    expect(args.dates).toEqual([day("2025-01-02"), day("2025-01-03")]);
    expect(args.netAssets.map((v) => v?.toFixed(2))).toEqual(["1000000.00", "2000000.00"]);
  });

  it("a row with a blank date (0 on desktop, null or empty text on the web) is skipped with its NAV", () => {
    const args = ok(
      coerceArguments(NAV, [
        [[JAN_2], [0], [null], [""], [JAN_3]],
        [[100], [0], [null], ["Total"], [200]],
      ])
    );
    expect(args.dates).toEqual([day("2025-01-02"), null, null, null, day("2025-01-03")]);
    expect(args.netAssets.map((v) => v?.toNumber() ?? null)).toEqual([100, null, null, null, 200]);
  });

  it("an error beside a blank date is ignored with the row", () => {
    const args = ok(
      coerceArguments(NAV, [
        [[JAN_2], [null]],
        [[100], [errorCell("#N/A")]],
      ])
    );
    expect(args.netAssets[1]).toBeNull();
  });

  it("a blank NAV beside a date is #VALUE! naming the row", () => {
    expect(
      failure(
        coerceArguments(NAV, [
          [[JAN_2], [JAN_3]],
          [[100], [null]],
        ])
      )
    ).toEqual({
      code: "#VALUE!",
      message: "netAssets, row 2 is blank but its date is filled in.",
    });
  });

  it("columns of different heights are #VALUE!", () => {
    expect(failure(coerceArguments(NAV, [[[JAN_2], [JAN_3]], [[100]]]))).toEqual({
      code: "#VALUE!",
      message: "netAssets has 1 rows but dates has 2: select ranges of the same height.",
    });
  });

  it("a block of several columns is #VALUE!", () => {
    expect(
      failure(
        coerceArguments(NAV, [
          [
            [JAN_2, 1],
            [JAN_3, 2],
          ],
          [[100], [200]],
        ])
      ).message
    ).toBe("dates must be one column or one row (it is 2 rows by 2 columns).");
  });

  it("a single row works like a column, and its messages say column", () => {
    const args = ok(coerceArguments(NAV, [[[JAN_2, JAN_3]], [[100, 200]]]));
    expect(args.dates).toEqual([day("2025-01-02"), day("2025-01-03")]);
    expect(failure(coerceArguments(NAV, [[[JAN_2, JAN_3]], [[100, "x"]]])).message).toBe(
      'netAssets, column 2 holds text "x", not an amount; enter it as a number.'
    );
  });

  it("a header selected with the data is #VALUE! quoting it", () => {
    expect(
      failure(
        coerceArguments(NAV, [
          [["Date"], [JAN_2]],
          [["Net assets"], [100]],
        ])
      ).message
    ).toBe('dates, row 1 is the text "Date", not a date. Enter it as a date (or as YYYY-MM-DD).');
  });

  it("an error cell in a date column passes #N/A through and turns #REF! into #VALUE!", () => {
    expect(
      failure(
        coerceArguments(NAV, [
          [[JAN_2], [errorCell("#N/A")]],
          [[1], [2]],
        ])
      )
    ).toEqual({
      code: "#N/A",
      message: "dates, row 2 holds the error #N/A.",
    });
    expect(
      failure(
        coerceArguments(NAV, [
          [[JAN_2], ["#REF!"]],
          [[1], [2]],
        ])
      ).code
    ).toBe("#VALUE!");
  });

  it("TRUE in a NAV column is #VALUE!", () => {
    expect(failure(coerceArguments(NAV, [[[JAN_2]], [[true]]])).message).toBe(
      "netAssets, row 1 holds TRUE, not an amount; enter it as a number."
    );
  });

  it("negative net assets are #VALUE!", () => {
    expect(failure(coerceArguments(NAV, [[[JAN_2]], [[-5]]])).message).toBe(
      "netAssets, row 1 is negative (-5)."
    );
  });

  it("a NAV typed as text is refused by the plan tables' rule, naming the row (SPEC §3)", () => {
    // The pane and the runner refuse "73,000,000.00" in a NAV cell (src/workbook/cells.ts
    // parseMoney); the functions read the same cell the same way.
    const problem = parseMoney("73,000,000.00");
    expect(problem.ok).toBe(false);
    expect(
      failure(
        coerceArguments(NAV, [
          [[JAN_2], [JAN_3]],
          [[72_500_000], ["73,000,000.00"]],
        ])
      )
    ).toEqual({
      code: "#VALUE!",
      message: `netAssets, row 2 ${problem.ok ? "" : problem.problem}.`,
    });
    expect(failure(coerceArguments(NAV, [[[JAN_2]], [["$2,000.5"]]])).message).toBe(
      'netAssets, row 1 holds text "$2,000.5", not an amount; enter it as a number.'
    );
  });

  it("dates may be ISO text", () => {
    expect(ok(coerceArguments(NAV, [[["2025-01-02"]], [[1]]])).dates).toEqual([day("2025-01-02")]);
  });
});

describe("decimalFromText (the one text-number notation)", () => {
  it.each([
    ["1234.56", "1234.56"],
    ["1,234.56", "1234.56"],
    ["$1,234,567", "1234567"],
    ["(1,234.56)", "-1234.56"],
    ["-$12", "-12"],
    [" .5 ", "0.5"],
  ])("%s → %s", (text, expected) => {
    expect(decimalFromText(text)?.toFixed()).toBe(expected);
  });

  it.each(["1.234,56", "1,23", "12 345", "1,2345", "abc", "", "--1", "(-1)", "1e5"])(
    "%s is refused",
    (text) => {
      expect(decimalFromText(text)).toBeNull();
    }
  );
});

describe("scalar arguments", () => {
  it("a rate is a fraction; a text percentage is divided by 100", () => {
    expect(ok(coerceArguments(SCALARS, [0.005])).annualRate.toFixed()).toBe("0.005");
    expect(ok(coerceArguments(SCALARS, ["0.50%"])).annualRate.toFixed()).toBe("0.005");
    // decimalFromDouble takes the shortest round-trip string: 0.001 is exactly 0.001.
    expect(ok(coerceArguments(SCALARS, [0.001])).annualRate.toFixed()).toBe("0.001");
    // 1% is the most a function takes (MOST_PLAUSIBLE_ANNUAL_RATE).
    expect(ok(coerceArguments(SCALARS, [0.01])).annualRate.toFixed()).toBe("0.01");
  });

  it("a rate above 1% is #NUM! and suggests what was meant (SPEC §3: 0.5 typed for 0.5%)", () => {
    expect(failure(coerceArguments(SCALARS, [0.5]))).toEqual({
      code: "#NUM!",
      message:
        "annualRate is 0.5 (50% a year), above 1%: no 12b-1 fee is that high. Rates are fractions: did you mean 0.50%?",
    });
    expect(failure(coerceArguments(SCALARS, [50]))).toEqual({
      code: "#NUM!",
      message:
        "annualRate is 50 (5000% a year), above 1%: no 12b-1 fee is that high. Rates are fractions: did you mean 0.50%?",
    });
    expect(failure(coerceArguments(SCALARS, ["25%"])).message).toContain("did you mean 0.25%?");
    expect(failure(coerceArguments(SCALARS, [1.5])).message).toContain("did you mean 1.50%?");
    expect(failure(coerceArguments(SCALARS, [0.0101])).code).toBe("#NUM!");
  });

  it("a negative rate is #VALUE!", () => {
    expect(failure(coerceArguments(SCALARS, [-0.001])).message).toBe(
      "annualRate is negative (-0.001)."
    );
  });

  it("left-out optional arguments are null, and a choice takes its default", () => {
    const args = ok(coerceArguments(SCALARS, [0.005, null, null, null]));
    expect(args.amount).toBeNull();
    expect(args.days).toBeNull();
    expect(args.dayCount).toBe("Actual/Actual");
  });

  it("money is rounded to cents once, half-up", () => {
    expect(ok(coerceArguments(SCALARS, [0.005, 2068.495])).amount?.toFixed(2)).toBe("2068.50");
  });

  it("a count of days must be a whole number at least its minimum", () => {
    expect(ok(coerceArguments(SCALARS, [0.005, null, 3])).days).toBe(3);
    expect(failure(coerceArguments(SCALARS, [0.005, null, 2.5])).message).toBe(
      "days must be a whole number (it is 2.5)."
    );
    expect(failure(coerceArguments(SCALARS, [0.005, null, 0])).message).toBe(
      "days must be at least 1 (it is 0)."
    );
  });

  it("a choice ignores case and spaces, and lists the choices when wrong", () => {
    expect(ok(coerceArguments(SCALARS, [0.005, null, null, " actual / 365 "])).dayCount).toBe(
      "Actual/365"
    );
    expect(failure(coerceArguments(SCALARS, [0.005, null, null, "30/360"])).message).toBe(
      'dayCount is "30/360"; use one of "Actual/Actual", "Actual/365", "Actual/360".'
    );
  });
});
