import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { accrue } from "../../src/engine/accrual";
import { day } from "../../src/engine/calendar";
import { Decimal, ZERO } from "../../src/engine/decimal";
import { monthOf } from "../../src/engine/periods";
import { payableFrom, payableLedger, feesPaidFor } from "../../src/engine/payable";
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
      [payment("2025-02-05", "30999.00"), payment("2025-03-05", "27998.99")],
      monthly,
      day("2025-03-31")
    );
    // January short by 1.00 (within the 1.00 tolerance) takes 1.00 of the 5 March payment first;
    // February then has 27,998.99 − 1.00 = 27,997.99 of its 28,000.00: short by 2.01.
    expect(ledger.exceptions.map((e) => [e.rule, e.message])).toEqual([
      [
        "payment-mismatch",
        "Growth: February 2025 is short by 2.01: its fee is 28,000.00 and 27,997.99 of the payments was left for it after earlier periods were settled (payments settle the oldest unpaid period first; tolerance 1.00).",
      ],
    ]);
  });

  it("a late payment that covers an old shortfall clears it and does not make the next month look overpaid", () => {
    // July 31,000.00, August 31,000.00, September 30,000.00 (1,000.00 a day).
    const summer = accrue({
      series: navs(["2025-06-30", "73000000"]),
      rates: rates(["2025-07-01", "0.005"]),
      settings: DEFAULT_ACCRUAL,
      inEffect: [{ start: day("2025-07-01"), end: null }],
      periodEnd: day("2025-09-30"),
    });
    const paid = [
      payment("2025-08-05", "31000.00"),
      payment("2025-09-05", "30750.00"), // August 250.00 short
      payment("2025-09-20", "250.00"), // the shortfall, paid late
      payment("2025-10-06", "30000.00"), // September
    ];
    const ledger = payableLedger("Growth", summer.months, paid, monthly, day("2025-10-31"));
    expect(ledger.settlements.map((s) => [s.period.label, money(s.due), money(s.paid)])).toEqual([
      ["2025-07", "31000.00", "31000.00"],
      ["2025-08", "31000.00", "31000.00"],
      ["2025-09", "30000.00", "30000.00"],
      ["2025-10", "0.00", "0.00"],
    ]);
    expect(ledger.exceptions).toEqual([]);
  });

  it("a late payment made after the next period ended still settles the oldest shortfall first", () => {
    const summer = accrue({
      series: navs(["2025-06-30", "73000000"]),
      rates: rates(["2025-07-01", "0.005"]),
      settings: DEFAULT_ACCRUAL,
      inEffect: [{ start: day("2025-07-01"), end: null }],
      periodEnd: day("2025-09-30"),
    });
    // August paid 250.00 short on 5 Sep; September's 30,000.00 on 6 Oct; the 250.00 on 10 Oct.
    const paid = [
      payment("2025-08-05", "31000.00"),
      payment("2025-09-05", "30750.00"),
      payment("2025-10-06", "30000.00"),
      payment("2025-10-10", "250.00"),
    ];
    const ledger = payableLedger("Growth", summer.months, paid, monthly, day("2025-10-31"));
    // 6 Oct: 250.00 to August first, 29,750.00 to September; 10 Oct: 250.00 to September.
    expect(ledger.settlements.map((s) => money(s.paid))).toEqual([
      "31000.00",
      "31000.00",
      "30000.00",
      "0.00",
    ]);
    expect(ledger.exceptions.map((e) => e.message)).toEqual([]);
  });

  it("a payment beyond everything due is one overpayment, on the latest period ended", () => {
    const ledger = payableLedger(
      "Growth",
      accrual.months,
      [payment("2025-02-05", "31000.00"), payment("2025-03-05", "28250.00")],
      monthly,
      day("2025-03-31")
    );
    expect(ledger.exceptions.map((e) => e.message)).toEqual([
      "Growth: February 2025 is overpaid by 250.00: its fee is 28,000.00 but 28,250.00 was paid for it, with every earlier period settled (tolerance 1.00).",
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
        "Growth: February 2025 accrued 28,000.00 but nothing was paid by 2025-03-31 (Plan §1: accrued daily and paid monthly, or as the board sets).",
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

describe("payments settle the oldest unpaid period first", () => {
  /** The last Monday–Friday on or before `end`, from the JavaScript calendar (independent of the engine's). */
  function lastWeekday(end: number): number {
    let last = end;
    while ([0, 6].includes(new Date(last * 86_400_000).getUTCDay())) last -= 1;
    return last;
  }

  /** SPEC §2 "Fees paid" read literally: each payment walks every ended period from the oldest; what is left goes to the latest. */
  function settleByTheRule(dues: { end: number; due: Decimal }[], payments: Payment[]): Decimal[] {
    const paid = dues.map(() => ZERO);
    for (const p of [...payments].sort((a, b) => a.date - b.date)) {
      // Issue 20: a period is payable from its last business day (Monday–Friday), not its last day.
      const open = Math.max(dues.filter((period) => lastWeekday(period.end) <= p.date).length, 1);
      let left = p.amount;
      for (let index = 0; index < open && left.greaterThan(ZERO); index += 1) {
        const owed = dues[index]!.due.minus(paid[index]!);
        if (owed.greaterThan(ZERO)) {
          const amount = Decimal.min(owed, left);
          paid[index] = paid[index]!.plus(amount);
          left = left.minus(amount);
        }
      }
      if (!left.isZero() || p.amount.isZero()) paid[open - 1] = paid[open - 1]!.plus(left);
    }
    return paid;
  }

  it("whatever the order of shortfalls, overpayments and refunds (the ledger keeps one pointer, not a walk per payment)", () => {
    const start = day("2025-01-01");
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 24 }),
        fc.array(
          fc.tuple(fc.integer({ min: -40, max: 800 }), fc.integer({ min: -2000, max: 4000 })),
          {
            maxLength: 30,
          }
        ),
        (fees, offsets) => {
          const months = fees.map((fee, index) => ({
            period: monthOf(start + index * 31),
            days: 30,
            booked: new Decimal(fee),
            trueUp: ZERO,
            reimbursementTrueUp: ZERO,
          }));
          const payments = offsets.map(([offset, amount]) => ({
            date: start + offset,
            portfolio: "Growth",
            amount: new Decimal(amount),
            reference: "wire",
          }));
          const ledger = payableLedger("Growth", months, payments, monthly, start + 900);
          const dues = ledger.settlements.map((s) => ({ end: s.period.end, due: s.due }));
          expect(ledger.settlements.map((s) => s.paid.toString())).toEqual(
            settleByTheRule(dues, payments).map((paid) => paid.toString())
          );
        }
      ),
      { numRuns: 500 }
    );
  });

  describe("payments on the month's last business day (issue 20 item 11)", () => {
    // 36,500,000 at .25% / 365 = 250.00 a day: July 2025 7,750.00, August 7,750.00, September 7,500.00.
    const quarter = accrue({
      series: navs(["2025-06-30", "36500000"]),
      rates: rates(["2025-07-01", "0.0025"]),
      settings: DEFAULT_ACCRUAL,
      inEffect: [{ start: day("2025-07-01"), end: null }],
      periodEnd: day("2025-09-30"),
    });
    // Each month paid the day it finishes accruing: 31 July (a Thursday), 29 August (a Friday:
    // 31 August 2025 is a Sunday, the Friday row books the weekend), 30 September (a Tuesday).
    const onLastBusinessDays = [
      payment("2025-07-31", "7750.00"),
      payment("2025-08-29", "7750.00"),
      payment("2025-09-30", "7500.00"),
    ];

    it("each payment settles its own month: no overpaid July, short August or overdue September", () => {
      expect(quarter.months.map((m) => money(m.booked))).toEqual([
        (31 * 250).toFixed(2),
        (31 * 250).toFixed(2),
        (30 * 250).toFixed(2),
      ]);
      const ledger = payableLedger(
        "Growth",
        quarter.months,
        onLastBusinessDays,
        monthly,
        day("2025-11-05")
      );
      // Before issue 20, 29 August went to July (August had not ended): July overpaid by 7,750.00,
      // August paid 7,500.00 of 7,750.00 out of 30 September's wire (short 250.00), and September
      // left with nothing, overdue after 31 October — three errors about a trust that paid on time.
      expect(ledger.exceptions).toEqual([]);
      expect(ledger.settlements.map((s) => [s.period.label, money(s.due), money(s.paid)])).toEqual([
        ["2025-07", "7750.00", "7750.00"],
        ["2025-08", "7750.00", "7750.00"],
        ["2025-09", "7500.00", "7500.00"],
      ]);
    });

    it("a month is payable from its last business day, not before", () => {
      expect(payableFrom({ start: day("2025-08-01"), end: day("2025-08-31") })).toBe(
        day("2025-08-29")
      );
      expect(payableFrom({ start: day("2025-09-01"), end: day("2025-09-30") })).toBe(
        day("2025-09-30")
      );
      // A payment on Thursday 28 August is before August is payable: it goes to July, overpaid.
      const early = payableLedger(
        "Growth",
        quarter.months,
        [payment("2025-07-31", "7750.00"), payment("2025-08-28", "7750.00")],
        monthly,
        day("2025-09-15")
      );
      expect(early.exceptions.map((e) => e.rule)).toEqual(["payment-mismatch"]);
      expect(early.exceptions[0]!.message).toContain("July 2025 is overpaid by 7,750.00");
    });

    it("a difference beyond the tolerance with an Override reason is a note quoting it, not an error", () => {
      // September paid 7,450.00 of 7,500.00: 50.00 short, beyond the 1.00 tolerance.
      const reason = "Board agreed 50.00 credit for the July pricing error";
      const payments = [
        payment("2025-07-31", "7750.00"),
        payment("2025-08-29", "7750.00"),
        { ...payment("2025-09-30", "7450.00"), overrideReason: reason },
      ];
      const ledger = payableLedger("Growth", quarter.months, payments, monthly, day("2025-11-05"));
      expect(ledger.exceptions.map((e) => [e.severity, e.rule])).toEqual([
        ["info", "payment-override"],
      ]);
      expect(ledger.exceptions[0]!.message).toContain("short by 50.00");
      expect(ledger.exceptions[0]!.message).toContain(`"${reason}"`);
      // Without the reason the same 50.00 is an error.
      const unexplained = payableLedger(
        "Growth",
        quarter.months,
        [payments[0]!, payments[1]!, payment("2025-09-30", "7450.00")],
        monthly,
        day("2025-11-05")
      );
      expect(unexplained.exceptions.map((e) => [e.severity, e.rule])).toEqual([
        ["error", "payment-mismatch"],
      ]);
    });

    it("an accepted shortfall closes its month: later payments pay later months, and no month paid in full is flagged (review item 3)", () => {
      // July's fee 31 × 250.00 = 7,750.00 is paid 7,500.00 "by agreement": 250.00 short, accepted.
      // August (7,750.00) and September (30 × 250.00 = 7,500.00) are then paid exactly.
      const reason = "July fee reduced by 250.00 by agreement with the distributor";
      const payments = [
        { ...payment("2025-08-05", "7500.00"), overrideReason: reason },
        payment("2025-09-05", "7750.00"),
        payment("2025-10-03", "7500.00"),
      ];
      const ledger = payableLedger("Growth", quarter.months, payments, monthly, day("2025-11-05"));
      // Before: 5 September's 7,750.00 first made up July's 250.00, leaving August 7,500.00 of
      // 7,750.00 and so on, until "September 2025 is short by 250.00" with no note for July.
      // (3 October's payment opens an October period with no fee and nothing credited.)
      expect(ledger.settlements.map((s) => [s.period.label, money(s.due), money(s.paid)])).toEqual([
        ["2025-07", "7750.00", "7500.00"],
        ["2025-08", "7750.00", "7750.00"],
        ["2025-09", "7500.00", "7500.00"],
        ["2025-10", "0.00", "0.00"],
      ]);
      expect(ledger.settlements[0]!.acceptedBy).toBe(payments[0]);
      expect(ledger.exceptions.map((e) => [e.severity, e.rule, e.date])).toEqual([
        ["info", "payment-override", day("2025-07-31")],
      ]);
      expect(ledger.exceptions[0]!.message).toContain("July 2025");
      expect(ledger.exceptions[0]!.message).toContain("short by 250.00");
      expect(ledger.exceptions[0]!.message).toContain(`"${reason}"`);
    });
  });
});
