import { describe, expect, it } from "vitest";
import { day, isoDate } from "../../src/engine/calendar";
import { evaluatePlan, rowsByPortfolio } from "../../src/engine/evaluatePlan";
import { parseQuarter } from "../../src/engine/periods";
import { quarterlyReport } from "../../src/engine/quarterlyReport";
import { readPlan } from "../../src/workbook/readPlan";
import { money } from "../support/build";
import { serial, table, weekdayNavs } from "../support/tables";

// A two-portfolio trust for Q3 2026, every number chosen so the arithmetic is easy by hand:
// Growth: 73,000,000 at 0.25% / 365 = 500.00 a day. Income: 36,500,000 at 0.20% / 365 = 200.00 a day.
const workbook = {
  dateSystem: "1900" as const,
  tables: [
    table("Portfolios", [
      { Portfolio: "Growth" },
      { Portfolio: "Income", "Day count": "Actual/365", "NAV timing": "Same day" },
    ]),
    table("Rates", [
      {
        Portfolio: "Growth",
        Effective: serial("2025-08-15"),
        "Annual rate": 0.0025,
        "Board approval": serial("2025-08-15"),
      },
      {
        Portfolio: "Income",
        Effective: serial("2025-08-15"),
        "Annual rate": 0.002,
        "Board approval": serial("2025-08-15"),
      },
    ]),
    table("Governance", [
      // Approved for all on 15 Aug 2025 and never continued: lapses on 15 Aug 2026.
      {
        Date: serial("2025-08-15"),
        Action: "Approval",
        Portfolio: "All",
        "Trustees for": 7,
        "Trustees total": 9,
        "Independent for": 5,
        "Independent total": 6,
        "In person": "Yes",
      },
      // Income terminated by the independent trustees (4 of 6) effective 1 Aug 2026.
      {
        Date: serial("2026-08-01"),
        Action: "Termination",
        Portfolio: "Income",
        "Independent for": 4,
        "Independent total": 6,
      },
    ]),
    table("Expenditures", [
      {
        Date: serial("2026-07-15"),
        Portfolio: "Growth",
        Category: "c",
        Amount: 1200,
        Payee: "Broker A",
      },
      {
        Date: serial("2026-08-01"),
        Portfolio: "Growth",
        Category: "(d)",
        Amount: 300,
        Payee: "Printer",
      },
      {
        Date: serial("2026-09-01"),
        Portfolio: "Growth",
        Category: "z",
        Amount: 50,
        Payee: "Caterer",
      },
    ]),
    table("Payments", [
      { Date: serial("2026-08-05"), Portfolio: "Growth", Amount: 15500, Reference: "July" },
      { Date: serial("2026-09-04"), Portfolio: "Growth", Amount: 7000, Reference: "August" },
    ]),
    table("NetAssets", [
      ...weekdayNavs("Growth", "2026-06-29", "2026-09-30", 73_000_000),
      ...weekdayNavs("Income", "2026-06-29", "2026-09-30", 36_500_000),
    ]),
  ],
};

describe("evaluating a trust", () => {
  const read = readPlan(workbook);
  const evaluation = evaluatePlan(read.plan, { asOf: day("2026-11-28") });
  const report = quarterlyReport(read.plan, parseQuarter("2026Q3")!, {
    asOf: day("2026-11-28"),
    preparedAt: "2026-11-28 10:00 UTC",
  });

  it("reads the workbook without findings", () => {
    expect(read.exceptions).toEqual([]);
    expect(read.unusable).toBe(false);
    expect(read.plan.netAssets).toHaveLength(2 * 68);
  });

  it("stops Growth's accrual at the lapse and Income's at the termination", () => {
    const [growth, income] = report.portfolios;
    // Growth in effect 1 Jul – 14 Aug = 31 + 14 = 45 days → 45 × 500.00.
    expect([growth!.daysInEffect, money(growth!.feesAccrued)]).toEqual([45, "22500.00"]);
    // Income in effect 1 – 31 Jul = 31 days → 31 × 200.00.
    expect([income!.daysInEffect, money(income!.feesAccrued)]).toEqual([31, "6200.00"]);
  });

  it("measures the cap on in-effect days: Growth may take 45 × 1,000.00 at .50%", () => {
    const growth = report.portfolios[0]!;
    expect(money(growth.maximumAllowable)).toBe("45000.00");
    expect(money(growth.headroom)).toBe("22500.00");
    // Payments settle the oldest unpaid month first (SPEC §2 "Fees paid"): of the 5 Aug payment
    // (15,500.00), 500.00 pays 30 June's fee, so Q3's billing months got 15,500 + 7,000 − 500 = 22,000.00.
    expect(money(growth.feesPaid)).toBe("22000.00");
    expect(money(report.trust.feesAccrued)).toBe("28700.00");
  });

  it("averages Growth's net assets over all 92 days of the quarter", () => {
    expect(money(report.portfolios[0]!.averageDailyNetAssets!)).toBe("73000000.00");
    expect(report.portfolios[0]!.annualRates.map(String)).toEqual(["0.0025"]);
  });

  it("reports expenditures by category and Item 19(g) line, leaving the unknown category out", () => {
    const growth = report.expenditures.find((line) => line.portfolio === "Growth")!;
    expect([money(growth.amounts.c), money(growth.amounts.d), money(growth.total)]).toEqual([
      "1200.00",
      "300.00",
      "1500.00",
    ]);
    const trust = report.itemNineteen.at(-1)!;
    expect(
      trust.lines.find((l) => l.line === "Compensation to broker-dealers")!.amount.toFixed(2)
    ).toBe("1200.00");
    expect(trust.lines.find((l) => l.line === "Advertising")!.amount.toFixed(2)).toBe("300.00");
  });

  it("lists every finding a reviewer needs", () => {
    const rules = evaluation.exceptions.map((e) => `${e.severity} ${e.rule} ${e.portfolio ?? ""}`);
    expect(rules).toContain("error plan-lapsed Growth");
    expect(rules).toContain("error expenditure-category Growth");
    // 30 June's 500.00 took the first 500.00 of July's payment, and July's shortfall took August's:
    // one shortfall, shown once, on the latest month paid (August: 7,000.00 due, 6,500.00 left for it).
    expect(rules).toContain("error payment-mismatch Growth");
    expect(rules.filter((r) => r.startsWith("error payment-") && r.endsWith("Growth"))).toEqual([
      "error payment-mismatch Growth",
    ]);
    expect(rules).toContain("info termination Income");
    const category = evaluation.exceptions.find((e) => e.rule === "expenditure-category")!;
    expect(category.source).toMatchObject({ sheet: "Plan", table: "Expenditures", row: 3 });
    expect(report.exceptions.some((e) => e.rule === "plan-lapsed")).toBe(true);
  });

  it("shows governance as of the quarter's last day: a lapsed plan says when, with no countdown", () => {
    const growth = report.governance.find((g) => g.portfolio === "Growth")!;
    expect(growth.state).toBe("Lapsed");
    expect(isoDate(growth.stateDate!)).toBe("2026-08-15");
    expect([growth.lapseDate, growth.daysLeft]).toEqual([null, null]);
  });

  it("carries forward nothing on a compensation plan whose fee exceeds its expenses", () => {
    const growth = report.carryforward.find((c) => c.portfolio === "Growth")!;
    // Q2 (30 June only): 500.00 fee, no expenses → excess. Q3: 1,500.00 spent, 22,500.00 paid → 0 unreimbursed.
    expect(money(growth.closing)).toBe("0.00");
    expect(money(growth.incurred)).toBe("1500.00");
  });
});

describe("rows grouped by portfolio", () => {
  it("keeps each portfolio's rows in table order, its name in any case or spacing, runs interleaved", () => {
    const rows = ["Growth", "Growth", " growth ", "Income", "GROWTH", "Income", "Growth"].map(
      (portfolio, row) => ({ portfolio, row })
    );
    const grouped = rowsByPortfolio(rows);
    expect([...grouped.keys()]).toEqual(["growth", "income"]);
    expect(grouped.get("growth")!.map((r) => r.row)).toEqual([0, 1, 2, 4, 6]);
    expect(grouped.get("income")!.map((r) => r.row)).toEqual([3, 5]);
  });
});
