import { describe, expect, it } from "vitest";
import { day, isoDate } from "../../src/engine/calendar";
import {
  fiscalYearOf,
  lastCompleteQuarter,
  parseQuarter,
  periodDays,
  monthPeriod,
  periodName,
  periodsBetween,
  quarterOf,
  quarterPeriod,
} from "../../src/engine/periods";

describe("periods", () => {
  it("parses quarters the way accountants write them", () => {
    for (const text of ["2026Q3", "2026-Q3", "q3 2026", "2026 Q3"]) {
      const period = parseQuarter(text);
      expect(period?.label).toBe("2026Q3");
      expect(isoDate(period!.start)).toBe("2026-07-01");
      expect(isoDate(period!.end)).toBe("2026-09-30");
    }
    expect(parseQuarter("2026Q5")).toBeNull();
    expect(parseQuarter("Q3")).toBeNull();
  });

  it("Q1 2024 has 91 days (leap year), Q1 2025 has 90", () => {
    expect(periodDays(quarterOf(day("2024-02-10")))).toBe(31 + 29 + 31);
    expect(periodDays(quarterOf(day("2025-02-10")))).toBe(31 + 28 + 31);
  });

  it("the last complete quarter on 2026-11-28 is 2026Q3, on 2026-01-01 it is 2025Q4", () => {
    expect(lastCompleteQuarter(day("2026-11-28")).label).toBe("2026Q3");
    expect(lastCompleteQuarter(day("2026-01-01")).label).toBe("2025Q4");
  });

  it("a June fiscal year end puts 2026-07-01 in FY2027 (2026-07-01 to 2027-06-30)", () => {
    const fiscalYear = fiscalYearOf(day("2026-07-01"), 6);
    expect(fiscalYear.label).toBe("FY2027");
    expect(isoDate(fiscalYear.start)).toBe("2026-07-01");
    expect(isoDate(fiscalYear.end)).toBe("2027-06-30");
    expect(fiscalYearOf(day("2026-06-30"), 6).label).toBe("FY2026");
  });

  it("lists the months overlapping a range", () => {
    expect(
      periodsBetween("month", day("2025-01-30"), day("2025-03-01")).map((p) => p.label)
    ).toEqual(["2025-01", "2025-02", "2025-03"]);
  });

  it("names a period the way a sentence does, the kind said once", () => {
    expect(periodName(monthPeriod(2026, 7))).toBe("July 2026");
    expect(periodName(quarterPeriod(2026, 3))).toBe("2026 Q3");
    expect(periodName(fiscalYearOf(day("2026-07-01"), 6))).toBe("FY2027");
    expect(
      periodName({
        kind: "plan year",
        label: "plan year from 2025-08-15",
        start: day("2025-08-15"),
        end: day("2026-08-14"),
      })
    ).toBe("the plan year from 2025-08-15");
  });
});
