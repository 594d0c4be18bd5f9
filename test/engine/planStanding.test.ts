import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { planStanding } from "../../src/engine/planStanding";
import { readPlan } from "../../src/workbook/readPlan";
import type { CellValue } from "../../src/workbook/cells";
import { serial, table, weekdayNavs } from "../support/tables";

const approval = {
  Date: serial("2025-08-15"),
  Action: "Approval",
  Portfolio: "All",
  "Trustees for": 7,
  "Trustees total": 9,
  "Independent for": 5,
  "Independent total": 6,
  "In person": "Yes",
};

/** Growth (and Income) at `rate` on `netAssets` every weekday from 14 Aug 2025, approved 15 Aug 2025. */
function trust(options: { rate?: number; netAssets?: number; income?: boolean } = {}) {
  const rate = options.rate ?? 0.0025;
  const netAssets = options.netAssets ?? 73_000_000;
  const rates: Record<string, CellValue>[] = [
    {
      Portfolio: "Growth",
      Effective: serial("2025-08-15"),
      "Annual rate": rate,
      "Board approval": serial("2025-08-15"),
    },
  ];
  const governance: Record<string, CellValue>[] = [approval];
  const navs = weekdayNavs("Growth", "2025-08-14", "2026-03-10", netAssets);
  if (options.income) {
    rates.push({
      Portfolio: "Income",
      Effective: serial("2025-08-15"),
      "Annual rate": 0.002,
      "Board approval": serial("2025-08-15"),
    });
    // Terminated by the independent trustees (4 of 6) from 2 Feb 2026.
    governance.push({
      Date: serial("2026-02-02"),
      Action: "Termination",
      Portfolio: "Income",
      "Independent for": 4,
      "Independent total": 6,
    });
    navs.push(...weekdayNavs("Income", "2025-08-14", "2026-03-10", 36_500_000));
  }
  const read = readPlan({
    dateSystem: "1900",
    tables: [
      table("Portfolios", [
        { Portfolio: "Growth" },
        ...(options.income ? [{ Portfolio: "Income" }] : []),
      ]),
      table("Rates", rates),
      table("Governance", governance),
      table("NetAssets", navs),
    ],
  });
  return read.plan;
}

describe("where the plan stands (SPEC §4)", () => {
  it("as of Tue 10 Mar 2026, Growth at 0.25% on 73,000,000.00 a day: in effect, 5,000.00 booked this month, the cap's headroom for the month and the quarter, continuance due 14 Aug 2026", () => {
    const asOf = day("2026-03-10");
    const evaluation = evaluatePlan(trust(), { asOf });
    const growth = planStanding(evaluation).portfolios[0]!;
    // 73,000,000 × 0.25% ÷ 365 = 500.00 a day; 1–10 March is 10 days (weekends carry Friday's NAV).
    const perDay = (73_000_000 * 0.0025) / 365;
    expect(perDay).toBe(500);
    // The maximum at .50%: 1,000.00 a day. Month so far: 10 days; quarter so far: 31 + 28 + 10 = 69 days.
    expect({
      state: growth.state,
      rate: growth.rate,
      rateVote: growth.rateVote,
      ceiling: growth.ceiling,
      monthToDate: growth.monthToDate?.toFixed(2),
      headroomMonth: growth.headroomMonth?.toFixed(2),
      headroomQuarter: growth.headroomQuarter?.toFixed(2),
      continuanceDue: growth.continuanceDue,
    }).toEqual({
      state: "In effect",
      rate: "0.25%",
      rateVote: day("2025-08-15"),
      ceiling: "0.50%",
      monthToDate: (10 * perDay).toFixed(2),
      headroomMonth: (10 * 1000 - 10 * perDay).toFixed(2),
      headroomQuarter: (69 * 1000 - 69 * perDay).toFixed(2),
      // Approved 15 Aug 2025: the plan lapses on the anniversary unless continued by the day before.
      continuanceDue: day("2026-08-14"),
    });
  });

  it("a terminated portfolio has no rate in force and no continuance due, and its own findings are counted apart from the trust's", () => {
    const asOf = day("2026-03-10");
    const evaluation = evaluatePlan(trust({ income: true }), { asOf });
    const standing = planStanding(evaluation);
    const income = standing.portfolios.find((p) => p.portfolio === "Income")!;
    expect(income.state).toBe("Terminated");
    expect(income.stateDate).toBe(day("2026-02-02"));
    expect(income.rate).toBeNull();
    expect(income.continuanceDue).toBeNull();
    // Nothing accrues after the termination: March's fees are zero.
    expect(income.monthToDate?.toFixed(2)).toBe("0.00");
    const incomeFindings = evaluation.exceptions.filter((e) => e.portfolio === "Income");
    expect(income.errors + income.warnings).toBe(
      incomeFindings.filter((e) => e.severity !== "info").length
    );
  });

  it("the findings counted are those given: a list with one error for Growth counts one", () => {
    const evaluation = evaluatePlan(trust(), { asOf: day("2026-03-10") });
    const standing = planStanding(evaluation, [
      { severity: "error", rule: "cap-breach", portfolio: " growth ", date: null, message: "x" },
      { severity: "warning", rule: "input", portfolio: null, date: null, message: "y" },
    ]);
    expect(standing.portfolios[0]).toMatchObject({ errors: 1, warnings: 0 });
    expect(standing).toMatchObject({ trustErrors: 0, trustWarnings: 1 });
  });

  it("property: at any rate within the ceiling the month's headroom is never negative, and the quarter's is at least the month's", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }).map((bp) => bp / 10_000),
        fc.integer({ min: 1_000_000, max: 900_000_000 }),
        (rate, netAssets) => {
          const evaluation = evaluatePlan(trust({ rate, netAssets }), { asOf: day("2026-03-10") });
          const growth = planStanding(evaluation).portfolios[0]!;
          expect(growth.headroomMonth!.isNegative()).toBe(false);
          expect(growth.headroomQuarter!.greaterThanOrEqualTo(growth.headroomMonth!)).toBe(true);
        }
      ),
      { numRuns: 25 }
    );
  });
});
