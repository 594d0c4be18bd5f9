import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { parseQuarter } from "../../src/engine/periods";
import { defaultSettings, emptyPlan, type Plan } from "../../src/engine/plan";
import { quarterlyReport } from "../../src/engine/quarterlyReport";
import { rateRow, vote } from "../support/build";

/** Weekday NAVs of `netAssets` for `portfolio` from `from` to `to`. */
function weekdayNavs(portfolio: string, from: string, to: string, netAssets: string) {
  const rows: Plan["netAssets"] = [];
  for (let d = day(from); d <= day(to); d++) {
    const w = new Date(d * 864e5).getUTCDay();
    if (w !== 0 && w !== 6) rows.push({ date: d, portfolio, netAssets: new Decimal(netAssets) });
  }
  return rows;
}

const navMissing = (plan: Plan, asOf: string) =>
  evaluatePlan(plan, { asOf: day(asOf) }).exceptions.filter((e) => e.rule === "nav-days-missing");

describe("in-effect days without a NAV are a warning in the check (review item 1, SPEC §5)", () => {
  it("NAVs that stopped early: A's October and B's April to October are named", () => {
    const plan = emptyPlan();
    plan.portfolios.push(defaultSettings("A"), defaultSettings("B"));
    plan.netAssets.push(...weekdayNavs("A", "2024-12-31", "2025-09-30", "100000000"));
    plan.netAssets.push(...weekdayNavs("B", "2024-12-31", "2025-03-31", "100000000"));
    plan.governance.push(vote("2025-01-01", "Approval", "All"));
    plan.rates.push(rateRow("A", "2025-01-01", "0.0025"), rateRow("B", "2025-01-01", "0.0025"));
    const found = navMissing(plan, "2025-10-31");
    // A: accrued through 2025-09-30 (its last NAV, a month end); October 1–31 = 31 days uncovered.
    // B: accrued through 2025-03-31; April 30 + May 31 + June 30 + July 31 + August 31
    //    + September 30 + October 31 = 214 days uncovered.
    expect(found.map((e) => [e.portfolio, e.date])).toEqual([
      ["A", day("2025-10-01")],
      ["B", day("2025-04-01")],
    ]);
    expect(found[0]!.message).toContain("31 in-effect days from 2025-10-01 to 2025-10-31");
    expect(found[1]!.message).toContain("214 in-effect days from 2025-04-01 to 2025-10-31");
    expect(found.every((e) => e.severity === "warning")).toBe(true);
  });

  it("a stale last NAV carried to its month end, and the months after it, are named", () => {
    const plan = emptyPlan();
    plan.portfolios.push(defaultSettings("Q"));
    plan.netAssets.push(...weekdayNavs("Q", "2023-12-29", "2024-03-14", "36600000"));
    plan.governance.push(vote("2023-12-01", "Approval", "All"));
    plan.rates.push(rateRow("Q", "2023-12-01", "0.005"));
    const found = navMissing(plan, "2024-06-30");
    // The last NAV is Thursday 2024-03-14; Friday the 15th has none. Friday's fee is let pass
    // (a Prior day fee is figured on Thursday's NAV anyway); 16th–31st = 16 days are stale.
    // After March: April 30 + May 31 + June 30 = 91 days accrue nothing.
    expect(found.map((e) => e.date)).toEqual([day("2024-03-16"), day("2024-04-01")]);
    expect(found[0]!.message).toContain("16 in-effect days from 2024-03-16 to 2024-03-31");
    expect(found[1]!.message).toContain("91 in-effect days from 2024-04-01 to 2024-06-30");
    // The Q1 report names the stale days too (its own period), once.
    const report = quarterlyReport(plan, parseQuarter("2024Q1")!, {
      asOf: day("2024-06-30"),
      preparedAt: "2024-06-30 12:00 UTC",
    });
    const inReport = report.exceptions.filter((e) => e.rule === "nav-days-missing");
    expect(inReport).toHaveLength(1);
    expect(inReport[0]!.message).toContain("16 in-effect days from 2024-03-16 to 2024-03-31");
  });

  it("a portfolio in effect with no NAV at all is a warning, never silence", () => {
    const plan = emptyPlan();
    plan.portfolios.push(defaultSettings("A"), defaultSettings("B"));
    plan.netAssets.push(...weekdayNavs("A", "2024-12-31", "2025-03-31", "100000000"));
    plan.governance.push(vote("2025-01-01", "Approval", "All"));
    plan.rates.push(rateRow("A", "2025-01-01", "0.0025"), rateRow("B", "2025-01-01", "0.0025"));
    const found = navMissing(plan, "2025-03-31");
    // A is covered to its as-of date; B is in effect January 31 + February 28 + March 31 = 90 days.
    expect(found.map((e) => e.portfolio)).toEqual(["B"]);
    expect(found[0]!.message).toContain("in effect for 90 days to 2025-03-31");
    expect(found[0]!.message).toContain("no NAV");
  });

  it("NAVs to the as-of date, or a Friday NAV carried over a month-end weekend, are no finding", () => {
    const plan = emptyPlan();
    plan.portfolios.push(defaultSettings("A"));
    // Friday 2025-02-28 is the month end itself; Friday 2025-05-30 carries to Saturday the 31st.
    plan.netAssets.push(...weekdayNavs("A", "2024-12-31", "2025-05-30", "100000000"));
    plan.governance.push(vote("2025-01-01", "Approval", "All"));
    plan.rates.push(rateRow("A", "2025-01-01", "0.0025"));
    expect(navMissing(plan, "2025-05-31")).toEqual([]);
  });
});
