import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { carryforwardLedger } from "../../src/engine/carryforward";
import { Decimal } from "../../src/engine/decimal";
import { quarterPeriod } from "../../src/engine/periods";
import { d, money } from "../support/build";

describe("carryforward ledger", () => {
  it("DOMAIN.md reimbursement example: 30,000 carried from Q1, 25,000 of it paid in Q2, 5,000 left", () => {
    const rows = carryforwardLedger("Reimbursement", [
      {
        period: quarterPeriod(2025, 1),
        incurred: d("120000"),
        capacity: d("90000"),
        netAssetsAtEnd: d("72000000"),
      },
      {
        period: quarterPeriod(2025, 2),
        incurred: d("70000"),
        capacity: d("95000"),
        netAssetsAtEnd: d("80000000"),
      },
    ]);
    expect(
      rows.map((r) => [
        money(r.opening),
        money(r.incurred),
        money(r.paid),
        money(r.carryforwardPaid),
        money(r.closing),
      ])
    ).toEqual([
      ["0.00", "120000.00", "90000.00", "0.00", "30000.00"],
      ["30000.00", "70000.00", "95000.00", "25000.00", "5000.00"],
    ]);
    // N-1A Item 19(g): 5,000 / 80,000,000 = 0.00625% of net assets.
    expect(rows[1]!.closingPercentOfNetAssets!.toString()).toBe("0.0000625");
  });

  it("a compensation plan pays the fee whatever was spent and discloses the unreimbursed balance", () => {
    const rows = carryforwardLedger("Compensation", [
      {
        period: quarterPeriod(2025, 1),
        incurred: d("120000"),
        capacity: d("90000"),
        netAssetsAtEnd: null,
      },
      {
        period: quarterPeriod(2025, 2),
        incurred: d("50000"),
        capacity: d("95000"),
        netAssetsAtEnd: null,
      },
    ]);
    // Q1: 120,000 − 90,000 = 30,000 unreimbursed. Q2: 30,000 + 50,000 − 95,000 = −15,000 → 0 left, 15,000 excess.
    expect(
      rows.map((r) => [money(r.paid), money(r.closing), money(r.excessOfFeeOverExpenses)])
    ).toEqual([
      ["90000.00", "30000.00", "0.00"],
      ["95000.00", "0.00", "15000.00"],
    ]);
  });

  it("conserves: opening + incurred − paid = closing, never below zero (reimbursement)", () => {
    const amount = fc
      .integer({ min: 0, max: 10_000_000_00 })
      .map((cents) => new Decimal(cents).dividedBy(100));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(amount, amount), { minLength: 1, maxLength: 12 }),
        amount,
        (quarters, opening) => {
          const rows = carryforwardLedger(
            "Reimbursement",
            quarters.map(([incurred, capacity], index) => ({
              period: quarterPeriod(2020 + Math.floor(index / 4), (index % 4) + 1),
              incurred,
              capacity,
              netAssetsAtEnd: null,
            })),
            opening
          );
          let balance = opening;
          for (const row of rows) {
            expect(row.opening.equals(balance)).toBe(true);
            expect(row.opening.plus(row.incurred).minus(row.paid).equals(row.closing)).toBe(true);
            expect(row.closing.isNegative()).toBe(false);
            expect(row.paid.lessThanOrEqualTo(row.capacity)).toBe(true);
            balance = row.closing;
          }
        }
      )
    );
  });
});
