import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addMonths,
  civilFromDay,
  day,
  dayFromCivil,
  dayFromSerial,
  daysInYear,
  isoDate,
  parseIsoDay,
  serialFromDay,
  weekday,
} from "../../src/engine/calendar";

describe("calendar days", () => {
  it("counts days from 1970-01-01", () => {
    expect(dayFromCivil(1970, 1, 1)).toBe(0);
    expect(isoDate(-1)).toBe("1969-12-31");
    // 2024-02-29: 54 years of which 13 leap (1972…2020) → 54×365+13 = 19723, plus Jan 31 + 28 = 59 days.
    expect(day("2024-02-29")).toBe(54 * 365 + 13 + 59);
  });

  it("round-trips every day across four centuries", () => {
    fc.assert(
      fc.property(fc.integer({ min: -80_000, max: 80_000 }), (value) => {
        const { year, month, day: d } = civilFromDay(value);
        expect(dayFromCivil(year, month, d)).toBe(value);
      })
    );
  });

  it("knows weekdays: 2025-01-03 was a Friday, 2025-08-31 a Sunday", () => {
    expect(weekday(day("2025-01-03"))).toBe(5);
    expect(weekday(day("2025-08-31"))).toBe(0);
  });

  it("has 366 days in 2024 and 2000, 365 in 1900 and 2025", () => {
    expect([2024, 2000, 1900, 2025].map(daysInYear)).toEqual([366, 366, 365, 365]);
  });

  it("rejects impossible ISO dates", () => {
    expect(parseIsoDay("2025-02-29")).toBeNull();
    expect(parseIsoDay("2025-13-01")).toBeNull();
    expect(parseIsoDay("03/01/2025")).toBeNull();
  });

  it("adds months as EDATE does, clamping to the month end", () => {
    expect(isoDate(addMonths(day("2024-02-29"), 12))).toBe("2025-02-28");
    expect(isoDate(addMonths(day("2025-01-31"), 1))).toBe("2025-02-28");
    expect(isoDate(addMonths(day("2025-06-01"), 12))).toBe("2026-06-01");
  });
});

describe("Excel serial dates", () => {
  it("maps the 1900 system, including its fictitious 29 Feb 1900", () => {
    expect(dayFromSerial(1)).toEqual({ ok: true, day: day("1900-01-01") });
    expect(dayFromSerial(59)).toEqual({ ok: true, day: day("1900-02-28") });
    const fictitious = dayFromSerial(60);
    expect(fictitious.ok).toBe(false);
    expect(fictitious.ok ? "" : fictitious.reason).toMatch(/29 Feb 1900/);
    expect(dayFromSerial(61)).toEqual({ ok: true, day: day("1900-03-01") });
    // 2025-01-01 is serial 45658 (Excel: =DATE(2025,1,1)).
    expect(dayFromSerial(45658)).toEqual({ ok: true, day: day("2025-01-01") });
    expect(serialFromDay(day("2025-01-01"))).toBe(45658);
  });

  it("treats 0 and negatives as not a date in the 1900 system", () => {
    expect(dayFromSerial(0).ok).toBe(false);
    expect(dayFromSerial(-5).ok).toBe(false);
    expect(dayFromSerial(Number.NaN).ok).toBe(false);
  });

  it("ignores the time of day", () => {
    expect(dayFromSerial(45658.75)).toEqual({ ok: true, day: day("2025-01-01") });
  });

  it("maps the 1904 system, 1,462 days apart", () => {
    expect(dayFromSerial(0, "1904")).toEqual({ ok: true, day: day("1904-01-01") });
    expect(dayFromSerial(45658 - 1462, "1904")).toEqual({ ok: true, day: day("2025-01-01") });
    expect(serialFromDay(day("2025-01-01"), "1904")).toBe(45658 - 1462);
  });

  it("round-trips serials in both systems", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_958_465 }), (serial) => {
        fc.pre(serial !== 60);
        const result = dayFromSerial(serial);
        expect(result.ok && serialFromDay(result.day)).toBe(serial);
        const in1904 = dayFromSerial(serial, "1904");
        expect(in1904.ok && serialFromDay(in1904.day, "1904")).toBe(serial);
      })
    );
  });
});
