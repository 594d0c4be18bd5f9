/**
 * A date cell past 9999-12-31, Excel's last date, is refused (issue 22): a
 * yyyymmdd number such as 20221230 would otherwise be a day in the year 57,000,
 * accrued as nothing. src/workbook/cells.ts `parseDate`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { day, isoDate } from "../../src/engine/calendar";
import { parseDate } from "../../src/workbook/cells";

// 9999-12-31 is day 2,932,896 after 1970-01-01; the 1900 serial of 1970-01-01 is 25,569:
// 2,932,896 + 25,569 = 2,958,465. In the 1904 system the epoch's serial is 1,462 days less.
const LAST_1900 = 2_932_896 + 25_569;
const LAST_1904 = LAST_1900 - 1_462;

describe("a date cell past Excel's last date", () => {
  it("9999-12-31 is serial 2,958,465 in the 1900 system and 2,957,003 in the 1904 system", () => {
    expect(day("9999-12-31")).toBe(2_932_896);
    expect(parseDate(LAST_1900, "1900")).toEqual({ ok: true, value: day("9999-12-31") });
    expect(parseDate(LAST_1904, "1904")).toEqual({ ok: true, value: day("9999-12-31") });
    // Noon of the last day is still that day.
    expect(parseDate(LAST_1900 + 0.5, "1900")).toEqual({ ok: true, value: day("9999-12-31") });
  });

  it("the next serial is refused, naming Excel's last date", () => {
    for (const [serial, system, last] of [
      [LAST_1900 + 1, "1900", "2,958,465"],
      [LAST_1904 + 1, "1904", "2,957,003"],
      [3_000_000, "1900", "2,958,465"],
    ] as const) {
      const parsed = parseDate(serial, system);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok)
        expect(parsed.problem).toBe(
          `holds ${serial}, past ${last} (9999-12-31, Excel's last date), so it is not a date; enter a date (or text as YYYY-MM-DD)`
        );
    }
  });

  it("20221230 is read as 2022-12-30 typed as yyyymmdd, and said so", () => {
    const parsed = parseDate(20_221_230, "1900");
    expect(parsed).toEqual({
      ok: false,
      problem:
        "holds 20221230, past 2,958,465 (9999-12-31, Excel's last date), so it is not a date; it looks like 2022-12-30 typed as the number yyyymmdd: enter it as a date (or text as YYYY-MM-DD)",
    });
    // 20221331 has no month 13: no yyyymmdd reading is offered.
    const noMonth = parseDate(20_221_331, "1900");
    expect(!noMonth.ok && noMonth.problem.includes("yyyymmdd")).toBe(false);
  });

  it("every yyyymmdd number of a real day from 1900 on is refused with that day in its hint (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: day("1900-01-01"), max: day("9999-12-31") }), (d) => {
        const iso = isoDate(d);
        const parsed = parseDate(Number(iso.replaceAll("-", "")), "1900");
        return !parsed.ok && parsed.problem.includes(`it looks like ${iso} typed as`);
      })
    );
  });
});
