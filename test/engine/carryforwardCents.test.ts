/**
 * The billing carryforward in whole cents (`billingCarryforward`'s default path) against its
 * decimal.js reference (`path` "reference"): every amount with its sign of zero, over random
 * periods of both plan types — with sub-cent amounts, −0, negative and zero net assets and
 * totals past 2^53 cents among them (which take the reference).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { day } from "../../src/engine/calendar";
import { billingCarryforward } from "../../src/engine/carryforward";
import { Decimal } from "../../src/engine/decimal";
import { monthOf } from "../../src/engine/periods";
import { signedWholeCents } from "../../src/engine/seriesColumns";
import { asText, ledgerAmount } from "./support/ledgerAmounts";

const someAmount = ledgerAmount({ whole: 40, zero: 4 });
const netAssets = fc.option(
  fc.oneof(
    someAmount,
    fc.constantFrom(new Decimal(0), new Decimal("-0"), new Decimal("-1000000"), new Decimal("3"))
  ),
  { nil: null }
);

describe("the billing carryforward in whole cents", () => {
  it("is the decimal.js carryforward: balances, payments, true-ups and percentages, signs of zero included", () => {
    const start = day("2025-01-01");
    let whole = 0;
    let fellBack = 0;
    fc.assert(
      fc.property(
        fc.constantFrom("Reimbursement" as const, "Compensation" as const),
        fc.oneof({ weight: 3, arbitrary: fc.constant(new Decimal(0)) }, someAmount),
        fc.array(
          fc.record({
            accrued: someAmount,
            eligible: someAmount,
            maximum: someAmount,
            feesPaid: someAmount,
            netAssetsAtEnd: netAssets,
          }),
          { maxLength: 16 }
        ),
        (planType, opening, rows) => {
          const periods = rows.map((row, index) => ({
            period: monthOf(start + index * 31),
            ...row,
          }));
          const read = [
            opening,
            ...periods.flatMap((p) =>
              planType === "Reimbursement"
                ? [p.eligible, p.accrued, p.maximum]
                : [p.eligible, p.feesPaid]
            ),
          ].map(signedWholeCents);
          if (
            read.every((c) => c !== null) &&
            read.reduce((total, c) => total + Math.abs(c!), 0) <= Number.MAX_SAFE_INTEGER
          )
            whole += 1;
          else fellBack += 1;
          const fast = billingCarryforward(planType, periods, opening);
          const reference = billingCarryforward(planType, periods, opening, "reference");
          expect(asText(fast)).toBe(asText(reference));
        }
      ),
      { numRuns: 1000 }
    );
    // Both paths must be reached: the cents one mostly, the reference on odd amounts.
    expect(whole).toBeGreaterThan(300);
    expect(fellBack).toBeGreaterThan(50);
  });
});
