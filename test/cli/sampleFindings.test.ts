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
      // Mid Cap at .50% on Actual/365 in leap-year 2024; prior-day NAVs falling in 2026 Q3. Its
      // fees were paid as accrued, so each breach of accrued and of paid is one finding: no
      // separate cap-breach-paid.
      "cap-breach",
      "ceiling-not-approved", // Income's .75% ceiling without a Class B majority (§8)
      "expenditure-not-under-plan", // International's spending while lapsed, not carried forward
      "nav-missing-opening", // NAVs start in December 2022, the plan in June 2022
      "payee-without-agreement", // Northwind Brokerage, paid for Mid Cap with no agreement (§7)
      // Income's August 2026 payment $250 short, never made up: payments settle the oldest
      // unpaid month first, so the one finding is on the latest month paid (October 2026).
      "payment-mismatch",
      "plan-lapsed", // International's missed 2025 continuance (§4)
      // §5 (issue 20): the sample's Reviews table starts at 2026 Q2, so every earlier quarter
      // with the plan in effect (2022 Q2 – 2026 Q1) has no board review recorded.
      "quarterly-review-missing",
      "shareholder-vote-failed", // 4,000,000 for of 6,000,000 present, 10,000,000 outstanding
      "termination", // Small Cap, by a §2(a)(42) vote of its Class B holders (§6)
    ]);
    expect(count("payee-without-agreement")).toBe(1);
    expect(count("ceiling-not-approved")).toBe(1);
    expect(count("shareholder-vote-failed")).toBe(1);
    expect(count("payment-mismatch")).toBe(1);
    // 2022 Q2 to 2026 Q1 is 16 quarters; 2026 Q2 was reviewed on 16 September 2026, 2026 Q3 is
    // due by 31 December 2026, after the sample's as-of date.
    expect(count("quarterly-review-missing")).toBe(16);
    // International lapsed 12 Jun – 17 Sep 2025: its five expenditures then are listed apart.
    const notUnderPlan = portfolio("International Portfolio").expenses.notUnderPlan;
    expect(notUnderPlan.map((n) => n.reason)).toEqual(Array(5).fill("while lapsed"));
    expect(count("expenditure-not-under-plan")).toBe(5);
  });

  it("every rate row is backed by a passing vote, so every one is accrued", () => {
    expect(count("rate-not-board-approved")).toBe(0);
    const segments = portfolio("Growth Portfolio").rates.segments;
    expect(segments.map((s) => s.annualRate.toString())).toEqual(["0.0025", "0.0035"]);
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
