import { describe, expect, it } from "vitest";
import { accrue } from "../../src/engine/accrual";
import { day } from "../../src/engine/calendar";
import { payableLedger, feesPaidFor } from "../../src/engine/payable";
import type { Payment } from "../../src/engine/plan";
import { d, DEFAULT_ACCRUAL, money, navs, rates } from "../support/build";

// 73,000,000 at .50% / 365 = 1,000.00 a day: January 31,000.00, February 28,000.00, March 31,000.00.
const accrual = accrue({
  series: navs(["2024-12-31", "73000000"]),
  rates: rates(["2025-01-01", "0.005"]),
  settings: DEFAULT_ACCRUAL,
  inEffect: [{ start: day("2025-01-01"), end: null }],
  periodEnd: day("2025-03-31"),
});
const payment = (date: string, amount: string): Payment => ({
  date: day(date),
  portfolio: "Growth",
  amount: d(amount),
  reference: `wire ${date}`,
});
const monthly = { payment: "Monthly" as const, paymentTolerance: d("1.00") };

describe("payable", () => {
  it("opening + accruals − payments = closing, month by month", () => {
    const ledger = payableLedger(
      "Growth",
      accrual.months,
      [payment("2025-02-05", "31000.00"), payment("2025-03-05", "28000.00")],
      monthly,
      day("2025-04-15")
    );
    expect(
      ledger.months.map((m) => [
        m.period.label,
        money(m.opening),
        money(m.accrued),
        money(m.paid),
        money(m.closing),
      ])
    ).toEqual([
      ["2025-01", "0.00", "31000.00", "0.00", "31000.00"],
      ["2025-02", "31000.00", "28000.00", "31000.00", "28000.00"],
      ["2025-03", "28000.00", "31000.00", "28000.00", "31000.00"],
    ]);
    // March is not overdue until 30 April.
    expect(ledger.exceptions).toEqual([]);
    expect(money(feesPaidFor(ledger, day("2025-01-01"), day("2025-03-31")))).toBe("59000.00");
  });

  it("a payment off by more than the tolerance is an exception; within it is not", () => {
    const ledger = payableLedger(
      "Growth",
      accrual.months,
      [payment("2025-02-05", "30998.99"), payment("2025-03-05", "27999.00")],
      monthly,
      day("2025-03-31")
    );
    expect(ledger.exceptions.map((e) => [e.rule, e.message.includes("short by 1.01")])).toEqual([
      ["payment-mismatch", true],
    ]);
  });

  it("a month accrued but unpaid past the next month end is overdue", () => {
    const ledger = payableLedger(
      "Growth",
      accrual.months,
      [payment("2025-02-05", "31000.00")],
      monthly,
      day("2025-04-01")
    );
    expect(ledger.exceptions.map((e) => [e.rule, e.message])).toEqual([
      [
        "payment-overdue",
        "Growth: month 2025-02 accrued 28000.00 but nothing was paid by 2025-03-31.",
      ],
    ]);
  });

  it("a quarterly plan settles the quarter's three months with one payment", () => {
    const ledger = payableLedger(
      "Growth",
      accrual.months,
      [payment("2025-04-10", "90000.00")],
      { ...monthly, payment: "Quarterly" },
      day("2025-06-30")
    );
    // The April payment settles the quarter that ended before it; Q2 so far has nothing due.
    expect(ledger.settlements.map((s) => [s.period.label, money(s.due), money(s.paid)])).toEqual([
      ["2025Q1", "90000.00", "90000.00"],
      ["2025Q2", "0.00", "0.00"],
    ]);
    expect(ledger.exceptions).toEqual([]);
  });
});
