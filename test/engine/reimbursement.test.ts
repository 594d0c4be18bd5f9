import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { accrue } from "../../src/engine/accrual";
import { day, isoDate } from "../../src/engine/calendar";
import { billingCarryforward } from "../../src/engine/carryforward";
import { Decimal, roundCents, ZERO } from "../../src/engine/decimal";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { monthPeriod, parseQuarter } from "../../src/engine/periods";
import { planFees } from "../../src/engine/planFees";
import {
  defaultSettings,
  emptyPlan,
  type Expenditure,
  type GovernanceAction,
  type Payment,
  type Plan,
  type PortfolioSettings,
} from "../../src/engine/plan";
import { quarterlyReport } from "../../src/engine/quarterlyReport";
import { annualTable } from "../../src/engine/annualTable";
import { d, DEFAULT_ACCRUAL, money, navs, rateRow, rates } from "../support/build";

// DOMAIN.md "Reimbursement plans, month by month": 100,000,000 at .50% for June (30 days).
// One NAV on 31 May carries through June (Prior day and Same day alike), so every June day
// accrues 100,000,000 × .005 / 365 and the cap allows the same: 30 × 1,369.8630… = 41,095.89.
const JUNE_ACCRUAL = roundCents(d("100000000").times("0.005").times(30).dividedBy(365));

function approval(date: string, portfolio = "Growth"): GovernanceAction {
  return {
    date: day(date),
    action: "Approval",
    portfolio,
    trusteesFor: 7,
    trusteesTotal: 9,
    independentFor: 5,
    independentTotal: 6,
    inPerson: true,
    sharesFor: null,
    sharesPresent: null,
    sharesOutstanding: null,
  };
}

function spend(date: string, amount: string, category = "d"): Expenditure {
  return {
    date: day(date),
    portfolio: "Growth",
    category,
    amount: d(amount),
    payee: "Printer",
    description: "",
  };
}

function pay(date: string, amount: string): Payment {
  return { date: day(date), portfolio: "Growth", amount: d(amount), reference: date };
}

/** Growth, a reimbursement plan at .50% approved on 1 June 2026, 100,000,000 of net assets from 31 May. */
function growthPlan(
  parts: {
    expenditures?: Expenditure[];
    payments?: Payment[];
    settings?: Partial<PortfolioSettings>;
    navThrough?: string;
  } = {}
): Plan {
  const plan = emptyPlan();
  plan.portfolios = [
    defaultSettings("Growth", { planType: "Reimbursement", ...(parts.settings ?? {}) }),
  ];
  plan.rates = [rateRow("Growth", "2026-06-01", "0.005")];
  plan.governance = [approval("2026-06-01")];
  plan.expenditures = parts.expenditures ?? [];
  plan.payments = parts.payments ?? [];
  plan.netAssets = [
    { date: day("2026-05-29"), portfolio: "Growth", netAssets: d("100000000") },
    { date: day(parts.navThrough ?? "2026-06-30"), portfolio: "Growth", netAssets: d("100000000") },
  ];
  return plan;
}

describe("reimbursement plans true up at each billing period's end (SPEC §2 'Reimbursement plan')", () => {
  it("DOMAIN June: 41,095.89 accrued, 30,000 eligible + 5,000 opening → 35,000.00 reimbursed, true-up −6,095.89 on 30 June, closing 0", () => {
    expect(money(JUNE_ACCRUAL)).toBe("41095.89");
    const accrual = accrue({
      series: navs(["2026-05-31", "100000000"]),
      rates: rates(["2026-06-01", "0.005"]),
      settings: DEFAULT_ACCRUAL,
      inEffect: [{ start: day("2026-06-01"), end: null }],
      periodEnd: day("2026-06-30"),
    });
    const fees = planFees(
      {
        settings: defaultSettings("Growth", { planType: "Reimbursement" }),
        accrual,
        windows: [{ start: day("2026-06-01"), end: null, endReason: null }],
        expenditures: [spend("2026-06-15", "30000")],
        payments: [pay("2026-07-06", "35000")],
        maximumFor: () => JUNE_ACCRUAL,
        netAssetsOn: () => d("100000000"),
        asOf: day("2026-08-31"),
      },
      d("5000")
    );
    const june = fees.carryforward[0]!;
    // reimbursable = min(41,095.89, 5,000 + 30,000, 41,095.89) = 35,000.00; 35,000 − 41,095.89 = −6,095.89.
    expect([
      money(june.opening),
      money(june.paid),
      money(june.trueUp),
      money(june.closing),
    ]).toEqual(["5000.00", "35000.00", "-6095.89", "0.00"]);
    // The true-up is a negative accrual on June's last day; the payable and the payment check use 35,000.00.
    expect(money(fees.accrual!.months[0]!.reimbursementTrueUp)).toBe("-6095.89");
    expect(money(fees.payable!.settlements[0]!.due)).toBe("35000.00");
    expect(fees.exceptions).toEqual([]);
  });

  it("DOMAIN June with 50,000 of expenses: the accrual is reimbursed in full, 13,904.11 carried forward", () => {
    const [june] = billingCarryforward(
      "Reimbursement",
      [
        {
          period: monthPeriod(2026, 6),
          accrued: JUNE_ACCRUAL,
          eligible: d("50000"),
          maximum: JUNE_ACCRUAL,
          feesPaid: ZERO,
          netAssetsAtEnd: null,
        },
      ],
      d("5000")
    );
    // min(41,095.89, 55,000.00, 41,095.89) = 41,095.89; 5,000 + 50,000 − 41,095.89 = 13,904.11.
    expect([money(june!.paid), money(june!.trueUp), money(june!.closing)]).toEqual([
      "41095.89",
      "0.00",
      "13904.11",
    ]);
  });

  it("a payment of the trued-up fee is no mismatch: 35,000 spent in June, 35,000 paid in July", () => {
    const plan = growthPlan({
      expenditures: [spend("2026-06-15", "35000")],
      payments: [pay("2026-07-06", "35000")],
    });
    const evaluation = evaluatePlan(plan, { asOf: day("2026-08-31") });
    const growth = evaluation.portfolios[0]!;
    expect(money(growth.accrual!.total)).toBe("35000.00");
    expect(growth.payable!.months.map((m) => [m.period.label, money(m.closing)])).toEqual([
      ["2026-06", "35000.00"],
      ["2026-07", "0.00"],
    ]);
    expect(evaluation.exceptions.filter((e) => e.rule.startsWith("payment-"))).toEqual([]);
  });

  it("150,000 expenditure rows in June are reimbursed like one of their sum (no spread of every date)", () => {
    // 150,000 × 0.20 = 30,000.00 spent in June, under June's 41,095.89 accrued: all of it reimbursed.
    const many = Array.from({ length: 150_000 }, (_, i) =>
      spend(`2026-06-${String(1 + (i % 30)).padStart(2, "0")}`, "0.20")
    );
    const growth = evaluatePlan(growthPlan({ expenditures: many }), { asOf: day("2026-08-31") })
      .portfolios[0]!;
    expect(money(growth.accrual!.total)).toBe("30000.00");
  });

  it("the quarterly report shows the trued-up fee as fees accrued for a reimbursement plan", () => {
    const plan = growthPlan({ expenditures: [spend("2026-06-15", "10000")] });
    const evaluation = evaluatePlan(plan, { asOf: day("2026-08-31") });
    const report = quarterlyReport(plan, parseQuarter("2026Q2")!, {
      asOf: evaluation.asOf,
      preparedAt: "now",
    });
    expect(money(report.portfolios[0]!.feesAccrued)).toBe("10000.00");
    // Issue 20: the report's carryforward deducts fees earned (reimbursed), paid or payable, as the
    // engine's ledger does: 10,000.00 reimbursed, all of it still payable (no payment recorded).
    expect(money(report.carryforward[0]!.feesEarned)).toBe("10000.00");
    expect(money(report.carryforward[0]!.payable)).toBe("10000.00");
    expect(money(report.carryforward[0]!.closing)).toBe("0.00");
    expect(money(evaluation.portfolios[0]!.carryforward[0]!.paid)).toBe("10000.00");
  });

  it("quarterly billing trues up once, on the quarter's last day", () => {
    const plan = growthPlan({
      settings: { payment: "Quarterly" },
      expenditures: [spend("2026-07-15", "20000"), spend("2026-09-15", "5000")],
      navThrough: "2026-09-30",
    });
    plan.netAssets.splice(1, 0, {
      date: day("2026-06-30"),
      portfolio: "Growth",
      netAssets: d("100000000"),
    });
    const growth = evaluatePlan(plan, { asOf: day("2026-11-30") }).portfolios[0]!;
    const q3 = growth.carryforward.find((row) => row.period.label === "2026Q3")!;
    // Q3 accrues 92 days at 1,369.86… = 34,520.55; eligible 25,000 → true-up −9,520.55 booked in September.
    const q3Accrual = roundCents(d("100000000").times("0.005").times(31).dividedBy(365))
      .plus(roundCents(d("100000000").times("0.005").times(31).dividedBy(365)))
      .plus(roundCents(d("100000000").times("0.005").times(30).dividedBy(365)));
    expect(money(q3.accrued)).toBe(money(q3Accrual));
    expect(money(q3.trueUp)).toBe(money(d("25000").minus(q3Accrual)));
    const september = growth.accrual!.months.find((m) => m.period.label === "2026-09")!;
    const july = growth.accrual!.months.find((m) => m.period.label === "2026-07")!;
    expect(money(september.reimbursementTrueUp)).toBe(money(q3.trueUp));
    expect(money(july.reimbursementTrueUp)).toBe("0.00");
  });

  it("a billing period still running on the as-of date keeps its estimate: the true-up is booked on its last day", () => {
    const plan = growthPlan({ expenditures: [spend("2026-06-10", "1000")] });
    const running = evaluatePlan(plan, { asOf: day("2026-06-20") }).portfolios[0]!;
    // 1–20 June accrue 20 × 1,369.86… = 27,397.26; nothing is trued up before 30 June.
    expect(money(running.accrual!.total)).toBe(
      money(roundCents(d("100000000").times("0.005").times(20).dividedBy(365)))
    );
    expect(money(running.accrual!.months[0]!.reimbursementTrueUp)).toBe("0.00");
    const ended = evaluatePlan(plan, { asOf: day("2026-06-30") }).portfolios[0]!;
    expect(money(ended.accrual!.total)).toBe("1000.00");
  });

  it("never pays more than min(eligible + opening, maximum) in any period, and conserves the carryforward", () => {
    const cents = (max: number) =>
      fc.integer({ min: 0, max }).map((value) => new Decimal(value).dividedBy(100));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cents(5_000_000_00), cents(5_000_000_00), cents(5_000_000_00)), {
          minLength: 1,
          maxLength: 24,
        }),
        cents(1_000_000_00),
        (months, opening) => {
          const rows = billingCarryforward(
            "Reimbursement",
            months.map(([accrued, eligible, maximum], index) => ({
              period: monthPeriod(2020 + Math.floor(index / 12), (index % 12) + 1),
              accrued,
              eligible,
              maximum,
              feesPaid: ZERO,
              netAssetsAtEnd: null,
            })),
            opening
          );
          let balance = opening;
          for (const [index, row] of rows.entries()) {
            const [accrued, eligible, maximum] = months[index]!;
            expect(row.opening.equals(balance)).toBe(true);
            expect(row.paid.lessThanOrEqualTo(Decimal.min(eligible.plus(balance), maximum))).toBe(
              true
            );
            expect(row.paid.lessThanOrEqualTo(accrued)).toBe(true);
            expect(row.trueUp.equals(row.paid.minus(accrued))).toBe(true);
            expect(row.opening.plus(row.incurred).minus(row.paid).equals(row.closing)).toBe(true);
            expect(row.closing.isNegative()).toBe(false);
            balance = row.closing;
          }
        }
      )
    );
  });

  it("the trued-up fee of every billing period stays within min(eligible + opening, maximum) through evaluatePlan", () => {
    const amount = fc.integer({ min: 0, max: 80_000 }).map(String);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 28 }), amount), { maxLength: 6 }),
        (rows) => {
          const plan = growthPlan({
            expenditures: rows.map(([dayOfJune, value]) =>
              spend(`2026-06-${String(dayOfJune).padStart(2, "0")}`, value)
            ),
          });
          const growth = evaluatePlan(plan, { asOf: day("2026-08-31") }).portfolios[0]!;
          const june = growth.carryforward[0]!;
          const eligible = rows.reduce((total, [, value]) => total.plus(value), ZERO);
          expect(june.paid.lessThanOrEqualTo(Decimal.min(eligible, JUNE_ACCRUAL))).toBe(true);
          expect(money(growth.payable!.settlements[0]!.due)).toBe(money(june.paid));
        }
      ),
      { numRuns: 30 }
    );
  });
});

describe("a reimbursement plan over many months (SPEC §2 'Reimbursement plan', 'Cap')", () => {
  it("pays each month at most min(opening + eligible, that month's maximum), bills exactly that, and never breaches the cap", () => {
    const monthDays = [30, 31, 31, 30, 31, 30, 31]; // June–December 2026
    const spending = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 213 }), fc.integer({ min: 0, max: 120_000 })),
      { maxLength: 10 }
    );
    fc.assert(
      fc.property(spending, (rows) => {
        const expenditures = rows.map(([offset, amount]) =>
          spend(isoDate(day("2026-06-01") + offset), String(amount))
        );
        const plan = growthPlan({ expenditures, navThrough: "2026-12-31" });
        const growth = evaluatePlan(plan, { asOf: day("2027-01-31") }).portfolios[0]!;
        expect(growth.carryforward).toHaveLength(7);
        let opening = ZERO;
        for (const [index, row] of growth.carryforward.entries()) {
          // 100,000,000 every day at .50%: the month's maximum is 100,000,000 × .005 × days / 365.
          const maximum = roundCents(
            d("100000000").times("0.005").times(monthDays[index]!).dividedBy(365)
          );
          const eligible = expenditures
            .filter((e) => e.date >= row.period.start && e.date <= row.period.end)
            .reduce((total, e) => total.plus(e.amount), ZERO);
          expect(row.opening.equals(opening)).toBe(true);
          expect(row.paid.equals(Decimal.min(opening.plus(eligible), maximum))).toBe(true);
          const settlement = growth.payable!.settlements.find(
            (s) => s.period.label === row.period.label
          )!;
          expect(settlement.due.equals(row.paid)).toBe(true);
          opening = opening.plus(eligible).minus(row.paid);
        }
        expect(growth.capTests.filter((t) => t.breach)).toEqual([]);
      }),
      { numRuns: 25 }
    );
  });
});

describe("carryforward paid counts against the cap (SPEC §2 'Cap')", () => {
  it("evaluatePlan passes carryforward paid into the cap test: July reimburses June's 18,904.11 inside July's maximum", () => {
    const plan = growthPlan({
      expenditures: [spend("2026-06-10", "60000"), spend("2026-07-10", "10000")],
      navThrough: "2026-07-31",
    });
    const growth = evaluatePlan(plan, { asOf: day("2026-09-30") }).portfolios[0]!;
    // June: min(41,095.89, 60,000, 41,095.89) → 41,095.89 paid, 18,904.11 carried.
    const carried = d("60000").minus(JUNE_ACCRUAL);
    expect(money(growth.carryforward[0]!.closing)).toBe(money(carried));
    // July: accrued 31 days = 42,465.75; owed 18,904.11 + 10,000 = 28,904.11 → reimbursed, all of June's carried.
    const julyAccrual = roundCents(d("100000000").times("0.005").times(31).dividedBy(365));
    const july = growth.capTests.find(
      (t) => t.period.kind === "month" && t.period.label === "2026-07"
    )!;
    expect(money(july.carryforwardPaid)).toBe(money(carried));
    expect(money(july.accrued)).toBe("10000.00");
    expect(money(july.maximum)).toBe(money(julyAccrual));
    expect(money(july.headroom)).toBe(money(julyAccrual.minus(carried).minus("10000")));
    const q3 = growth.capTests.find(
      (t) => t.period.kind === "quarter" && t.period.label === "2026Q3"
    )!;
    expect(money(q3.carryforwardPaid)).toBe(money(carried));
  });

  it("a reimbursement plan accruing above the cap (Actual/360) pays carryforward only up to the maximum", () => {
    const plan = growthPlan({
      settings: { dayCount: "Actual/360" },
      expenditures: [spend("2026-06-10", "100000")],
    });
    const evaluation = evaluatePlan(plan, { asOf: day("2026-08-31") });
    const report = quarterlyReport(plan, parseQuarter("2026Q2")!, {
      asOf: evaluation.asOf,
      preparedAt: "now",
    });
    // Estimate 100,000,000 × .005 × 30 / 360 = 41,666.67; the cap (true annual rate, ÷365) allows 41,095.89.
    expect(money(evaluation.portfolios[0]!.carryforward[0]!.accrued)).toBe("41666.67");
    // The engine's ledger (the report's carryforward shows payments recorded: none here).
    const line = evaluation.portfolios[0]!.carryforward[0]!;
    expect(money(line.paid)).toBe("41095.89");
    expect(line.paid.lessThanOrEqualTo(report.portfolios[0]!.maximumAllowable)).toBe(true);
    expect(money(line.closing)).toBe("58904.11");
    expect(evaluation.exceptions.filter((e) => e.rule === "cap-breach")).toEqual([]);
  });
});

describe("the carryforward deducts fees earned, paid or payable (issue 20 item 7)", () => {
  /** Growth approved 1 June 2025 at .50% on 100,000,000 (NAV from 30 May), with June's 30,000.00 of printing. */
  function trust2025(planType: "Reimbursement" | "Compensation", extra: Partial<Plan> = {}): Plan {
    const plan = emptyPlan();
    plan.portfolios = [defaultSettings("Growth", { planType })];
    plan.rates = [rateRow("Growth", "2025-06-01", "0.005")];
    plan.governance = [approval("2025-06-01")];
    plan.expenditures = [spend("2025-06-15", "30000")];
    // The same 100,000,000 struck at every month end (30 May, a Friday, for May).
    plan.netAssets = ["2025-05-30", "2025-06-30", "2025-07-31", "2025-08-29", "2025-09-30"]
      .concat(["2025-10-31", "2025-11-28", "2025-12-31"])
      .map((iso) => ({ date: day(iso), portfolio: "Growth", netAssets: d("100000000") }));
    return { ...plan, ...extra };
  }
  // June 2025: 30 days × 100,000,000 × .005 / 365 = 41,095.89 accrued.
  const JUNE_2025 = roundCents(d("100000000").times("0.005").times(30).dividedBy(365));

  it("June's 30,000.00 trued up and payable: the 2025 Q2 report's closing carryforward is 0, with 30,000.00 payable beside it", () => {
    const report = quarterlyReport(trust2025("Reimbursement"), parseQuarter("2025Q2")!, {
      asOf: day("2025-07-05"),
      preparedAt: "now",
    });
    const line = report.carryforward[0]!;
    // Reimbursed = min(41,095.89 accrued, 0 + 30,000.00 eligible, 41,095.89 maximum) = 30,000.00.
    expect(money(line.incurred)).toBe("30000.00");
    expect(money(line.feesEarned)).toBe("30000.00");
    expect(money(line.payable)).toBe("30000.00");
    // Before issue 20: 30,000.00 (0.03% of 100,000,000), because nothing had been paid yet.
    expect(money(line.closing)).toBe("0.00");
    expect(line.closingPercentOfNetAssets!.isZero()).toBe(true);
  });

  it("the annual Item 19(g) table carries nothing forward at a year end whose December fee is payable", () => {
    // December's 10,000.00 trued up to 10,000.00 and unpaid on 5 January; June paid on 10 July.
    const plan = trust2025("Reimbursement", {
      expenditures: [spend("2025-06-15", "30000"), spend("2025-12-15", "10000")],
      payments: [pay("2025-07-10", "30000")],
    });
    const line = annualTable(plan, 2025, { asOf: day("2026-01-05"), preparedAt: "now" }).lines[0]!;
    // Opening 0 + 40,000.00 eligible − 40,000.00 reimbursed = 0; before issue 20, 10,000.00.
    expect(money(line.carryforward)).toBe("0.00");
    expect(money(line.carryforwardPayable)).toBe("10000.00");
    expect(money(line.feesPaid)).toBe("30000.00");
  });

  it("a compensation plan deducts the fee accrued, paid or not: 50,000.00 spent against 41,095.89 earned leaves 8,904.11", () => {
    const plan = trust2025("Compensation", {
      expenditures: [spend("2025-06-15", "50000")],
    });
    // 50,000.00 spent − 41,095.89 earned = 8,904.11 carried forward; before issue 20, 50,000.00
    // while June's fee was unpaid on 5 July.
    const carried = d("50000").minus(JUNE_2025);
    const evaluation = evaluatePlan(plan, { asOf: day("2025-07-05") });
    expect(money(evaluation.portfolios[0]!.carryforward[0]!.closing)).toBe(money(carried));
    const report = quarterlyReport(plan, parseQuarter("2025Q2")!, {
      asOf: day("2025-07-05"),
      preparedAt: "now",
    });
    expect(money(report.carryforward[0]!.closing)).toBe("8904.11");
    expect(money(report.carryforward[0]!.payable)).toBe(money(JUNE_2025));
  });
});
