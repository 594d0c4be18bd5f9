import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { SAMPLE_AS_OF, sampleTrust } from "../../src/cli/demo/sampleTrust";
import { readPlan } from "../../src/workbook/readPlan";
import { TABLES } from "../../src/workbook/schema";

const cells = sampleTrust();
const read = readPlan({
  dateSystem: "1900",
  tables: TABLES.map((spec) => ({
    sheet: spec.sheet,
    name: spec.name,
    headers: spec.columns.map((c) => c.header),
    rows: cells[spec.name],
  })),
});
const evaluation = evaluatePlan(read.plan, { asOf: day(SAMPLE_AS_OF) });
const count = (rule: string) => evaluation.exceptions.filter((e) => e.rule === rule).length;
const portfolio = (name: string) =>
  evaluation.portfolios.find((p) => p.settings.portfolio === name)!;

describe("the sample trust has what it was built to have, and nothing else", () => {
  it("its findings are exactly the planted ones (README lists them)", () => {
    const rules = [...new Set(evaluation.exceptions.map((e) => e.rule))].sort();
    expect(rules).toEqual([
      "agreement-assigned", // Harbor's servicing agreement, still active after its assignment (§7(b))
      "agreement-notice", // Summit's selling agreement on 90 days' notice (§7(a))
      // Mid Cap on Actual/360, at the full .50% from July 2026. Its fees were paid as accrued, so
      // each breach of accrued and of paid is one finding: no separate cap-breach-paid.
      "cap-breach",
      "ceiling-not-approved", // Income's .75% ceiling without a Class B majority (§8)
      "expenditure-not-under-plan", // International's spending while lapsed, not carried forward
      "nav-missing-opening", // NAVs start in December 2022, the plan in June 2022
      "payee-without-agreement", // Northwind Brokerage, paid for Mid Cap with no agreement (§7)
      // Income's August 2026 payment $250 short, never made up: payments settle the oldest
      // unpaid month first, so the one finding is on the latest month paid (October 2026).
      "payment-mismatch",
      "plan-lapsed", // International's missed 2025 continuance (§4)
      // §5 (issue 20): the board reviewed every quarter's report in the following quarter but
      // 2025 Q3's, which has no board review recorded.
      "quarterly-review-missing",
      "shareholder-vote-failed", // 4,000,000 for of 6,000,000 present, 10,000,000 outstanding
      "termination", // Small Cap, by a §2(a)(42) vote of its Class B holders (§6)
    ]);
    expect(count("payee-without-agreement")).toBe(1);
    expect(count("ceiling-not-approved")).toBe(1);
    expect(count("shareholder-vote-failed")).toBe(1);
    expect(count("payment-mismatch")).toBe(1);
    // 2025 Q3 only: its review was due by 31 December 2025. 2026 Q3's is due by 31 December
    // 2026, after the sample's as-of date.
    const missed = evaluation.exceptions.filter((e) => e.rule === "quarterly-review-missing");
    expect(missed.map((e) => e.message).join()).toMatch(/2025 ?Q3/);
    expect(missed).toHaveLength(1);
    // International lapsed 12 Jun – 17 Sep 2025: its five expenditures then are listed apart.
    const notUnderPlan = portfolio("International Portfolio").expenses.notUnderPlan;
    expect(notUnderPlan.map((n) => n.reason)).toEqual(Array(5).fill("while lapsed"));
    expect(count("expenditure-not-under-plan")).toBe(5);
  });

  it("Mid Cap breaches the cap from July 2026 only, on the default As accrued measure, 2026 Q3 included", () => {
    const midCap = portfolio("Mid Cap Portfolio");
    expect(midCap.settings.capBasis).toBe("As accrued");
    const breaches = evaluation.exceptions.filter((e) => e.rule === "cap-breach");
    expect(breaches.every((e) => e.portfolio === "Mid Cap Portfolio")).toBe(true);
    // .49% × 366/360 = .4982% (2024) stays under .50%; .50% × 365/360 = .5069% does not. The
    // periods still open on 28 November 2026 are measured through that day (SPEC §2 "Cap").
    expect(breaches.map((e) => /(?:in|for) (.+?) exceed/.exec(e.message)?.[1])).toEqual([
      "July 2026",
      "August 2026",
      "September 2026",
      "2026 Q3",
      "October 2026",
      "November 2026 through 28 November 2026",
      "2026 Q4 through 28 November 2026",
      "FY2026 through 28 November 2026",
      "the plan year from 2026-06-15 through 28 November 2026",
    ]);
    // Every day of 2026 Q3 accrues .50% ÷ 360 on the NAV the cap measures at .50% ÷ 365: fees are
    // 365/360 of the maximum, to within the months' roundings (a cent each).
    const q3 = midCap.capTests.find((t) => t.period.label === "2026Q3")!;
    const fees = q3.accrued.plus(q3.carryforwardPaid);
    expect(fees.minus(q3.maximum.times(365).dividedBy(360)).abs().toNumber()).toBeLessThan(0.04);
    expect(q3.breach).toBe(true);
  });

  it("every rate row is backed by a passing vote, so every one is accrued", () => {
    expect(count("rate-not-board-approved")).toBe(0);
    const segments = portfolio("Growth Portfolio").rates.segments;
    expect(segments.map((s) => s.annualRate.toString())).toEqual(["0.0025", "0.0035"]);
    const midCap = portfolio("Mid Cap Portfolio").rates.segments;
    expect(midCap.map((s) => [s.annualRate.toString(), s.start])).toEqual([
      ["0.0049", day("2022-06-15")],
      ["0.005", day("2026-07-01")],
    ]);
    // The board's rise within .50%, with no shareholder vote, is in force from 17 Aug 2026.
    expect(segments[1]!.start).toBe(day("2026-08-17"));
  });

  it("the failed §8 vote leaves Income's ceiling at .50%", () => {
    expect(portfolio("Income Portfolio").settings.maxAnnualRate.toString()).toBe("0.005");
  });

  it("terminated Small Cap has no continuance due and no false continuance-after-lapse", () => {
    expect(count("continuance-after-lapse")).toBe(0);
    expect(portfolio("Small Cap Portfolio").governance.lapseDate).toBeNull();
  });
});
