/**
 * The payable ledger in whole cents (`payableLedger`'s default path) against its decimal.js
 * reference (`path` "reference"): every amount, its sign of zero, every credit in its order,
 * every accepted difference and every finding, over random accruals and payments — with
 * sub-cent amounts, −0 and totals past 2^53 cents among them (which take the reference).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "../../src/engine/decimal";
import { day } from "../../src/engine/calendar";
import { payableLedger } from "../../src/engine/payable";
import { monthOf } from "../../src/engine/periods";
import type { Payment } from "../../src/engine/plan";
import { signedWholeCents } from "../../src/engine/seriesColumns";
import { asText, ledgerAmount } from "./support/ledgerAmounts";

const someAmount = ledgerAmount({ whole: 30, zero: 3 });

describe("the payable ledger in whole cents", () => {
  it("is the decimal.js ledger: amounts, signs of zero, credits, accepted differences and findings", () => {
    const start = day("2025-01-01");
    let whole = 0;
    let fellBack = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            booked: someAmount,
            trueUp: fc.oneof({ weight: 4, arbitrary: fc.constant(new Decimal(0)) }, someAmount),
            reimbursementTrueUp: fc.oneof(
              { weight: 4, arbitrary: fc.constant(new Decimal(0)) },
              someAmount
            ),
            skip: fc.boolean(),
          }),
          { maxLength: 20 }
        ),
        fc.array(
          fc.record({
            offset: fc.integer({ min: -40, max: 700 }),
            amount: someAmount,
            reason: fc.option(fc.constantFrom("by agreement", "  ", ""), { nil: undefined }),
          }),
          { maxLength: 24 }
        ),
        fc.constantFrom("Monthly" as const, "Quarterly" as const),
        fc.constantFrom("0", "1.00", "250.00"),
        fc.integer({ min: 0, max: 900 }),
        (rows, paid, frequency, tolerance, asOf) => {
          const months = rows
            .map((row, index) => ({
              period: monthOf(start + index * 31),
              days: 30,
              booked: row.booked,
              trueUp: row.trueUp,
              reimbursementTrueUp: row.reimbursementTrueUp,
              skip: row.skip,
            }))
            .filter((row) => !row.skip)
            .map(({ skip: _skip, ...month }) => month);
          const payments: Payment[] = paid.map((p, index) => ({
            date: start + p.offset,
            portfolio: "Growth",
            amount: p.amount,
            reference: `wire ${index}`,
            ...(p.reason !== undefined ? { overrideReason: p.reason } : {}),
          }));
          const settings = { payment: frequency, paymentTolerance: new Decimal(tolerance) };
          const amounts = [
            ...months.flatMap((m) => [m.booked, m.trueUp, m.reimbursementTrueUp]),
            ...payments.map((p) => p.amount),
          ];
          const cents = amounts.map(signedWholeCents);
          if (
            cents.every((c) => c !== null) &&
            cents.reduce((total, c) => total + Math.abs(c!), 0) <= Number.MAX_SAFE_INTEGER
          )
            whole += 1;
          else fellBack += 1;
          const fast = payableLedger("Growth", months, payments, settings, start + asOf);
          const reference = payableLedger(
            "Growth",
            months,
            payments,
            settings,
            start + asOf,
            "reference"
          );
          expect(asText(fast)).toBe(asText(reference));
          // The same payment objects credited and accepting, not copies.
          fast.settlements.forEach((settlement, index) => {
            const expected = reference.settlements[index]!;
            expect(settlement.acceptedBy).toBe(expected.acceptedBy);
            settlement.credits.forEach((credit, at) =>
              expect(credit.payment).toBe(expected.credits[at]!.payment)
            );
          });
        }
      ),
      { numRuns: 400 }
    );
    // Both paths must be reached: the cents one mostly, the reference on odd amounts.
    expect(whole).toBeGreaterThan(100);
    expect(fellBack).toBeGreaterThan(20);
  });

  it("signedWholeCents reads a decimal's cents with its sign, and refuses −0, sub-cents and 2^53", () => {
    expect(signedWholeCents(new Decimal("-10.50"))).toBe(-1050);
    expect(signedWholeCents(new Decimal("10.5"))).toBe(1050);
    expect(signedWholeCents(new Decimal("0"))).toBe(0);
    expect(signedWholeCents(new Decimal("-0"))).toBeNull();

    expect(signedWholeCents(new Decimal("-0.001"))).toBeNull();
    expect(signedWholeCents(new Decimal("-90071992547409.91"))).toBe(-Number.MAX_SAFE_INTEGER);
    expect(signedWholeCents(new Decimal("-90071992547409.92"))).toBeNull();
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        (c) => {
          expect(signedWholeCents(new Decimal(c).dividedBy(100))).toBe(c === 0 ? 0 : c);
        }
      )
    );
  });
});
