import { cellErrorOf, errorCell } from "./setup";
import { describe, expect, it } from "vitest";
import { lapsedate, majority } from "../../src/functions/functions";

// Excel serials used below, derived from 2025-01-01 = 45658:
// 2025-08-15 = 45658 + 226 (Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31 = 212, + 14) = 45884.
const AUG_15_2025 = 45658 + 212 + 14;
// 2026-08-15 is 365 days later (no 29 February in between).
const AUG_15_2026 = AUG_15_2025 + 365;
// 2024-02-29 = 2024-01-01 (45658 − 366 = 45292) + 31 + 28 = 45351; EDATE(…, 12) = 2025-02-28 = 45658 + 31 + 27.
const FEB_29_2024 = 45292 + 31 + 28;
const FEB_28_2025 = 45658 + 31 + 27;

describe("MAJORITY (1940 Act §2(a)(42))", () => {
  it("passes with 67% of the shares present when more than half the outstanding shares are present", () => {
    // 6,000,000 of 10,000,000 present (60%); 67% of 6,000,000 = 4,020,000; 4,100,000 for ≥ that.
    expect(majority(4_100_000, 6_000_000, 10_000_000)).toBe(true);
  });

  it("fails just under 67% of those present when under half of all outstanding voted for", () => {
    // 4,000,000 < 4,020,000 and 4,000,000 is not more than 5,000,000.
    expect(majority(4_000_000, 6_000_000, 10_000_000)).toBe(false);
  });

  it("exactly 67% of those present is enough", () => {
    expect(majority(4_020_000, 6_000_000, 10_000_000)).toBe(true);
  });

  it("passes with more than 50% of the outstanding shares, whatever the attendance", () => {
    expect(majority(5_000_001, 5_000_001, 10_000_000)).toBe(true);
  });

  it("fails when only half the outstanding shares are present, even if all vote for", () => {
    // 5,000,000 present is not more than 50%; 5,000,000 for is not more than half of 10,000,000.
    expect(majority(5_000_000, 5_000_000, 10_000_000)).toBe(false);
  });

  it("takes one-cell ranges, as Excel passes a reference", () => {
    expect(
      majority([[4_100_000]] as unknown as number, [[6_000_000]] as unknown as number, 10_000_000)
    ).toBe(true);
  });

  it("reads text numbers with thousands separators", () => {
    expect(
      majority(
        "4,100,000" as unknown as number,
        "6,000,000" as unknown as number,
        "10,000,000" as unknown as number
      )
    ).toBe(true);
  });

  it("a blank cell (null on the web) is #VALUE! naming the argument", () => {
    expect(cellErrorOf(() => majority(null as unknown as number, 6_000_000, 10_000_000))).toEqual({
      code: "#VALUE!",
      message: "sharesFor is blank.",
    });
  });

  it("a blank cell arriving as 0 (desktop) is a count of zero shares, which fails the vote", () => {
    expect(majority(0, 6_000_000, 10_000_000)).toBe(false);
  });

  it("an #N/A cell passes through as #N/A with where it was", () => {
    expect(
      cellErrorOf(() => majority(errorCell("#N/A") as unknown as number, 6_000_000, 10_000_000))
    ).toEqual({
      code: "#N/A",
      message: "sharesFor holds the error #N/A.",
    });
  });

  it("a #REF! cell becomes #VALUE! (a function may not return #REF!)", () => {
    expect(cellErrorOf(() => majority(4, 6, errorCell("#REF!") as unknown as number))).toEqual({
      code: "#VALUE!",
      message: "sharesOutstanding holds the error #REF!.",
    });
  });

  it("text that is not a number is #VALUE! quoting it", () => {
    expect(cellErrorOf(() => majority("many" as unknown as number, 6, 10))).toEqual({
      code: "#VALUE!",
      message: 'sharesFor is the text "many", not a number.',
    });
  });

  it("counts that cannot describe one meeting are #VALUE! with the engine's reason", () => {
    const error = cellErrorOf(() => majority(7_000_000, 6_000_000, 10_000_000));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toContain("exceed shares present");
    expect(cellErrorOf(() => majority(1, 1, 0)).message).toContain("no shares are outstanding");
    expect(cellErrorOf(() => majority(-1, 6, 10)).message).toContain("negative");
  });
});

describe("LAPSEDATE (Plan §4)", () => {
  it("is one year after the last approval or continuance", () => {
    expect(lapsedate(AUG_15_2025)).toBe(AUG_15_2026);
  });

  it("counts the first year from planEffective when the plan takes effect after its approval", () => {
    const SEP_1_2025 = AUG_15_2025 + 17;
    expect(lapsedate(AUG_15_2025, SEP_1_2025)).toBe(SEP_1_2025 + 365);
    // An earlier plan-effective date changes nothing: the plan takes effect on the approval.
    expect(lapsedate(AUG_15_2025, AUG_15_2025 - 100)).toBe(AUG_15_2026);
  });

  it("clamps 29 February to 28 February, as EDATE does", () => {
    expect(lapsedate(FEB_29_2024)).toBe(FEB_28_2025);
  });

  it("ignores a time of day in the serial", () => {
    expect(lapsedate(AUG_15_2025 + 0.75)).toBe(AUG_15_2026);
  });

  it("accepts an ISO date typed as text", () => {
    expect(lapsedate("2025-08-15" as unknown as number)).toBe(AUG_15_2026);
  });

  it("a blank date, as 0 (desktop) or null (web), is #VALUE!", () => {
    expect(cellErrorOf(() => lapsedate(0))).toEqual({
      code: "#VALUE!",
      message: "lastApprovalOrContinuance is blank.",
    });
    expect(cellErrorOf(() => lapsedate(null as unknown as number))).toEqual({
      code: "#VALUE!",
      message: "lastApprovalOrContinuance is blank.",
    });
  });

  it("Excel's fictitious 29 February 1900 is #VALUE! with the reason", () => {
    const error = cellErrorOf(() => lapsedate(60));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toContain("does not exist");
  });

  it("text that is not a date is #VALUE! quoting it", () => {
    expect(cellErrorOf(() => lapsedate("Aug 15" as unknown as number)).message).toBe(
      'lastApprovalOrContinuance is the text "Aug 15", not a date. Enter it as a date (or as YYYY-MM-DD).'
    );
  });

  it("an error cell passes through", () => {
    expect(cellErrorOf(() => lapsedate(errorCell("#DIV/0!") as unknown as number)).code).toBe(
      "#DIV/0!"
    );
  });
});
