import { describe, expect, it } from "vitest";
import { day, isoDate } from "../../src/engine/calendar";
import {
  daysInEffect,
  isInEffect,
  lapseDate,
  type InEffectWindow,
} from "../../src/engine/inEffect";

describe("in-effect windows", () => {
  it("the plan lapses on the first anniversary (EDATE), in effect through the day before", () => {
    expect(isoDate(lapseDate(day("2025-08-15")))).toBe("2026-08-15");
  });

  it("a 29 February approval lapses on 28 February of the next year", () => {
    expect(isoDate(lapseDate(day("2024-02-29")))).toBe("2025-02-28");
  });

  const window: InEffectWindow = {
    start: day("2025-08-15"),
    end: day("2026-08-14"),
    endReason: "lapse",
  };

  it("a day is in effect from the window's first to its last day inclusive", () => {
    expect(isInEffect([window], day("2025-08-14"))).toBe(false);
    expect(isInEffect([window], day("2025-08-15"))).toBe(true);
    expect(isInEffect([window], day("2026-08-14"))).toBe(true);
    expect(isInEffect([window], day("2026-08-15"))).toBe(false);
    expect(isInEffect([], day("2026-01-01"))).toBe(false);
  });

  it("a plan lapsing mid-quarter is in effect 45 days of Q3 2026 (1 Jul–14 Aug)", () => {
    // July 31 days + 1–14 August 14 days = 45.
    expect(daysInEffect([window], day("2026-07-01"), day("2026-09-30"))).toBe(31 + 14);
  });

  it("counts days across several windows and open-ended windows", () => {
    const windows: InEffectWindow[] = [
      { start: day("2026-01-01"), end: day("2026-01-10"), endReason: "termination" },
      { start: day("2026-01-20"), end: null, endReason: null },
    ];
    // 1–10 Jan = 10 days, 20–31 Jan = 12 days.
    expect(daysInEffect(windows, day("2026-01-01"), day("2026-01-31"))).toBe(10 + 12);
    expect(isInEffect(windows, day("2030-01-01"))).toBe(true);
    expect(daysInEffect(windows, day("2026-01-11"), day("2026-01-19"))).toBe(0);
  });
});
