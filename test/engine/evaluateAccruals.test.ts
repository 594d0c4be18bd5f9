import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluateAccruals } from "../../src/engine/evaluateAccruals";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { accrualColumns } from "../../src/workbook/accrualColumns";
import { asOfDay, moneyAsStrings, trustArbitrary } from "../support/trusts";

describe("the accruals alone (what accrue writes from)", () => {
  it("are evaluatePlan's figure for figure, without its cap tests, payables, carryforwards and findings, over whole trusts", () => {
    const seen = new Map<string, number>();
    const saw = (shape: string) => seen.set(shape, (seen.get(shape) ?? 0) + 1);
    fc.assert(
      fc.property(
        trustArbitrary,
        asOfDay,
        fc.boolean(),
        fc.constantFrom("fast", "reference") as fc.Arbitrary<"fast" | "reference">,
        (plan, asOf, oneBad, path) => {
          const bad =
            oneBad && plan.portfolios[0] ? new Set([plan.portfolios[0].portfolio]) : undefined;
          const options = {
            asOf,
            ...(bad ? { portfoliosWithBadNetAssets: bad } : {}),
            ...(path === "reference" ? { exact: "reference" as const } : {}),
          };
          const full = evaluatePlan(plan, options);
          const accruals = evaluateAccruals(plan, options);
          expect(accruals.asOf).toBe(full.asOf);
          expect(accruals.nothingToCheck).toEqual(full.nothingToCheck);
          expect("exceptions" in accruals).toBe(false);
          for (const p of accruals.portfolios) {
            expect("payable" in p).toBe(false);
            expect("carryforward" in p).toBe(false);
          }
          expect(moneyAsStrings(accruals.portfolios)).toEqual(
            moneyAsStrings(
              full.portfolios.map(
                ({ capTests: _tested, payable: _ledger, carryforward: _byPeriod, ...rest }) => rest
              )
            )
          );
          // The maximum tables are left out of moneyAsStrings: the columns read them, so compare those.
          const rows = plan.netAssets.length;
          expect(accrualColumns(plan, accruals, rows)).toEqual(accrualColumns(plan, full, rows));
          for (const p of full.portfolios) {
            if (p.capTests.length > 0) saw("cap-tested in full");
            if (p.accrual?.months.some((m) => !m.reimbursementTrueUp.isZero()))
              saw("reimbursement true-up");
            if (p.payable?.settlements.some((s) => s.payments.length > 0)) saw("payments applied");
            if (!p.series) saw("no series");
          }
          if (full.exceptions.some((e) => e.rule.startsWith("cap"))) saw("cap finding in full");
          if (full.nothingToCheck) saw("nothing to check");
        }
      ),
      { numRuns: 150 }
    );
    // The equality above says little unless the trusts reach the shapes that differ most.
    for (const shape of [
      "cap-tested in full",
      "reimbursement true-up",
      "payments applied",
      "no series",
      "cap finding in full",
    ])
      expect(seen.get(shape) ?? 0, shape).toBeGreaterThan(0);
  });
});
