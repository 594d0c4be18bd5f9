import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { Decimal, roundCents } from "../../src/engine/decimal";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { journalTotals, monthJournal, type MonthJournal } from "../../src/engine/journal";
import { monthPeriod } from "../../src/engine/periods";
import {
  defaultSettings,
  emptyPlan,
  type Payment,
  type Plan,
  type PortfolioSettings,
} from "../../src/engine/plan";
import { d, money, rateRow, vote } from "../support/build";

const EXPENSE = "12b-1 distribution expense – Class B";
const PAYABLE = "Distribution fees payable";

/** Growth at `rate` from 1 October 2026, 100,000,000 of Class B net assets every day through December. */
function growth(
  rate: string,
  payments: Payment[] = [],
  settings: Partial<PortfolioSettings> = {},
  from = "2026-10-01"
): Plan {
  const plan = emptyPlan();
  plan.portfolios = [defaultSettings("Growth", settings)];
  plan.rates = [rateRow("Growth", from, rate)];
  plan.governance = [vote(from, "Approval", "Growth")];
  plan.payments = payments;
  // One NAV on 30 September carries (prior day) through October; later ones are the same amount.
  plan.netAssets = ["2026-09-30", "2026-10-30", "2026-11-30", "2026-12-31"].map((date) => ({
    date: day(date),
    portfolio: "Growth",
    netAssets: d("100000000"),
  }));
  return plan;
}

function journalOf(plan: Plan, year: number, month: number, asOf = "2026-12-31"): MonthJournal {
  const evaluation = evaluatePlan(plan, { asOf: day(asOf) });
  return monthJournal({
    portfolios: evaluation.portfolios,
    payments: plan.payments,
    month: monthPeriod(year, month),
    asOf: day(asOf),
  });
}

const pay = (date: string, amount: string): Payment => ({
  date: day(date),
  portfolio: "Growth",
  amount: d(amount),
  reference: "WIRE-1",
});

describe("the month-end journal (SPEC §7)", () => {
  // DOMAIN.md: .35% on 100,000,000 every day of November 2026 (30 days, 365-day year).
  const november = roundCents(d("100000000").times("0.0035").times(30).dividedBy(365));

  it("accrues November at .35% on 100,000,000: Dr expense / Cr payable 28,767.12", () => {
    expect(money(november)).toBe("28767.12");
    const journal = journalOf(growth("0.0035"), 2026, 11).portfolios[0]!;
    const accrual = journal.journals.find((j) => j.kind === "accrual")!;
    expect(accrual.journalId).toBe("Growth-2026-11-ACC");
    expect(accrual.date).toBe(day("2026-11-30"));
    expect(accrual.description).toBe(
      "12b-1 fee accrued, Growth Portfolio Class B, November 2026, .35% on average daily net assets of 100,000,000.00"
    );
    expect(accrual.lines.map((l) => [l.account, money(l.debit), money(l.credit)])).toEqual([
      [EXPENSE, money(november), "0.00"],
      [PAYABLE, "0.00", money(november)],
    ]);
    // The payable rolls forward from October's unpaid fee (31 days) to both months' fees.
    const october = roundCents(d("100000000").times("0.0035").times(31).dividedBy(365));
    expect(money(journal.control.opening)).toBe(money(october));
    expect(money(journal.control.closing)).toBe(money(october.plus(november)));
    expect(money(journal.control.accrualEntries)).toBe(money(journal.control.feesAccrued));
  });

  it("enters a payment on 5 December in December's journal: Dr payable / Cr cash", () => {
    const plan = growth("0.0035", [
      pay("2026-11-05", "26575.34"),
      pay("2026-12-05", money(november)),
    ]);
    const nov = journalOf(plan, 2026, 11).portfolios[0]!;
    expect(nov.journals.filter((j) => j.kind === "payment").map((j) => j.journalId)).toEqual([
      "Growth-2026-11-05-PAY",
    ]);
    const dec = journalOf(plan, 2026, 12).portfolios[0]!;
    const payment = dec.journals.find((j) => j.kind === "payment")!;
    expect(payment.journalId).toBe("Growth-2026-12-05-PAY");
    expect(payment.date).toBe(day("2026-12-05"));
    expect(payment.lines.map((l) => [l.account, money(l.debit), money(l.credit)])).toEqual([
      [PAYABLE, money(november), "0.00"],
      ["Cash", "0.00", money(november)],
    ]);
    // October (31 days × 100,000,000 × .0035 / 365 = 29,726.03) was short-paid 26,575.34 on 5 November.
    const october = roundCents(d("100000000").times("0.0035").times(31).dividedBy(365));
    expect(money(dec.control.opening)).toBe(money(october.minus("26575.34").plus(november)));
    expect(money(dec.control.paymentEntries)).toBe(money(november));
    expect(money(dec.control.paymentsInMonth)).toBe(money(november));
  });

  it("trues a reimbursement month up to what is reimbursable (DOMAIN: June, −6,095.89)", () => {
    const plan = emptyPlan();
    plan.portfolios = [defaultSettings("Growth", { planType: "Reimbursement" })];
    plan.rates = [rateRow("Growth", "2026-06-01", "0.005")];
    plan.governance = [vote("2026-06-01", "Approval", "Growth")];
    plan.netAssets = ["2026-05-29", "2026-06-30"].map((date) => ({
      date: day(date),
      portfolio: "Growth",
      netAssets: d("100000000"),
    }));
    plan.expenditures = [
      {
        date: day("2026-05-15"),
        portfolio: "Growth",
        category: "d",
        amount: d("5000"),
        payee: "P",
        description: "",
      },
      {
        date: day("2026-06-15"),
        portfolio: "Growth",
        category: "d",
        amount: d("30000"),
        payee: "P",
        description: "",
      },
    ];
    const journal = journalOf(plan, 2026, 6, "2026-07-31").portfolios[0]!;
    const accrued = roundCents(d("100000000").times("0.005").times(30).dividedBy(365));
    expect(money(accrued)).toBe("41095.89");
    const trueUp = journal.journals.find((j) => j.kind === "reimbursement true-up");
    // Reimbursable = min(41,095.89, the June expense 30,000 — May's is before the plan took effect —, the maximum).
    const reimbursable = Decimal.min(accrued, d("30000"));
    expect(trueUp?.journalId).toBe("Growth-2026-06-RTU");
    expect(money(trueUp!.amount)).toBe(money(reimbursable.minus(accrued)));
    expect(trueUp!.lines.map((l) => [l.account, money(l.debit), money(l.credit)])).toEqual([
      [PAYABLE, money(accrued.minus(reimbursable)), "0.00"],
      [EXPENSE, "0.00", money(accrued.minus(reimbursable))],
    ]);
    expect(money(journal.control.accrualEntries)).toBe(money(reimbursable));
    expect(money(journal.control.closing)).toBe(money(reimbursable));
  });

  describe("a month above the maximum allowable", () => {
    // .50% on Actual/360: 100,000,000 × .005 × 30 / 360 = 41,666.67 booked; the cap (always
    // Actual/Actual) allows 100,000,000 × .005 × 30 / 365 = 41,095.89: 570.78 is not the fund's.
    const fee = roundCents(d("100000000").times("0.005").times(30).dividedBy(360));
    const maximum = roundCents(d("100000000").times("0.005").times(30).dividedBy(365));
    const excess = fee.minus(maximum);

    it("reverses the excess from the payable when unpaid", () => {
      expect(money(excess)).toBe("570.78");
      const journal = journalOf(growth("0.005", [], { dayCount: "Actual/360" }), 2026, 11);
      const entry = journal.portfolios[0]!.journals.find((j) => j.kind === "excess over the cap")!;
      expect(entry.journalId).toBe("Growth-2026-11-EXC");
      expect(entry.lines.map((l) => [l.account, money(l.debit), money(l.credit)])).toEqual([
        [PAYABLE, money(excess), "0.00"],
        [EXPENSE, "0.00", money(excess)],
      ]);
      expect(money(journal.portfolios[0]!.control.excessToPayable)).toBe(money(excess));
    });

    it("charges it to the distributor where the fee was already paid in full", () => {
      // In effect from 1 November, so the payment on its last business day settles November alone.
      const plan = growth(
        "0.005",
        [pay("2026-11-30", money(fee))],
        { dayCount: "Actual/360" },
        "2026-11-01"
      );
      const entry = journalOf(plan, 2026, 11).portfolios[0]!.journals.find(
        (j) => j.kind === "excess over the cap"
      )!;
      expect(entry.lines.map((l) => [l.account, money(l.debit), money(l.credit)])).toEqual([
        ["Due from distributor", money(excess), "0.00"],
        [EXPENSE, "0.00", money(excess)],
      ]);
    });
  });

  it("balances every journal", () => {
    const journal = journalOf(growth("0.0035", [pay("2026-11-05", "100")]), 2026, 11);
    for (const j of journal.portfolios.flatMap((p) => p.journals)) {
      const totals = journalTotals(j);
      expect(money(totals.debit)).toBe(money(totals.credit));
    }
  });

  it("splits the month by day on request, the days summing to the month (--by day)", () => {
    const plan = growth("0.0035");
    const evaluation = evaluatePlan(plan, { asOf: day("2026-12-31") });
    const journal = monthJournal({
      portfolios: evaluation.portfolios,
      payments: [],
      month: monthPeriod(2026, 11),
      asOf: day("2026-12-31"),
      byDay: true,
    });
    const days = journal.portfolios[0]!.journals.filter((j) => j.kind === "accrual");
    expect(days).toHaveLength(30);
    expect(days[0]!.journalId).toBe("Growth-2026-11-01-ACC");
    // Penny-true: day 1 books round(100,000,000 × .0035 / 365) = 958.90.
    expect(money(days[0]!.amount)).toBe(
      money(roundCents(d("100000000").times("0.0035").dividedBy(365)))
    );
    expect(money(days.reduce((t, j) => t.plus(j.amount), d(0)))).toBe(money(november));
  });
});
