import { cellErrorOf, errorCell } from "./setup";
import { describe, expect, it } from "vitest";
import { carryforward, ineffect } from "../../src/functions/functions";

const column = (...values: unknown[]): unknown[][] => values.map((value) => [value]);

describe("CARRYFORWARD (Plan §1 carryforward, SPEC §2)", () => {
  it("DOMAIN.md reimbursement example: Q1 120,000 spent, 90,000 allowed → 30,000; Q2 70,000 spent, 95,000 allowed → 5,000", () => {
    const q1 = 0 + 120_000 - 90_000;
    const q2 = q1 + 70_000 - 95_000;
    expect([q1, q2]).toEqual([30_000, 5_000]);
    expect(
      carryforward(column(120_000, 70_000), column(90_000, 95_000), null, "Reimbursement")
    ).toEqual(column(q1, q2));
  });

  it("never goes below zero: a fee above what is owed leaves nothing carried (either plan type)", () => {
    // Q3: 5,000 carried + 10,000 spent − 40,000 fee → 0 (a reimbursement plan pays only 15,000).
    for (const planType of ["Reimbursement", "Compensation", null]) {
      expect(
        carryforward(
          column(120_000, 70_000, 10_000),
          column(90_000, 95_000, 40_000),
          null,
          planType
        )
      ).toEqual(column(30_000, 5_000, 0));
    }
  });

  it("a reimbursement plan reimburses no more than maxFee: DOMAIN June, 41,666.67 accrued, cap 41,095.89, 50,000 spent + 5,000 opening → 13,904.11 carried", () => {
    // min(41,666.67, 5,000 + 50,000, 41,095.89) = 41,095.89 reimbursed; 55,000 − 41,095.89 = 13,904.11.
    const carried = 5_000 + 50_000 - 41_095.89;
    expect(
      carryforward(column(50_000), column(41_666.67), 5_000, "Reimbursement", column(41_095.89))
    ).toEqual(column(Math.round(carried * 100) / 100));
    // A blank maxFee row sets no limit: 50,000 − 41,666.67 = 8,333.33; then 8,333.33 + 50,000 − 41,095.89 = 17,237.44.
    // A compensation plan's fee is what was paid, maxFee or not.
    expect(
      carryforward(
        column(50_000, 50_000),
        column(41_666.67, 41_666.67),
        null,
        "Reimbursement",
        column(null, 41_095.89)
      )
    ).toEqual(column(8_333.33, 17_237.44));
    expect(
      carryforward(column(50_000), column(41_666.67), null, "Compensation", column(41_095.89))
    ).toEqual(column(8_333.33));
    expect(
      cellErrorOf(() => carryforward(column(1, 2), column(1, 2), null, "Reimbursement", column(1)))
        .message
    ).toBe("maxFee has 1 rows but expenses has 2: select ranges of the same height.");
  });

  it("starts from the opening balance", () => {
    expect(carryforward(column(1_000), column(400), 250.5)).toEqual(column(250.5 + 1_000 - 400));
  });

  it("a row with both cells blank shows nothing and the balance carries past it; one blank cell counts as 0", () => {
    expect(carryforward(column(100, null, "", 50), column(40, null, "", null))).toEqual(
      column(60, "", "", 110)
    );
    // Desktop passes blank cells as 0: such a row is a period with nothing spent or paid.
    expect(carryforward(column(100, 0, 50), column(40, 0, 0))).toEqual(column(60, 60, 110));
  });

  it("refuses amounts typed as text, as the Expenditures table does (src/workbook/cells.ts)", () => {
    expect(
      cellErrorOf(() => carryforward(column(120_000, "$70,000"), column(90_000, 95_000)))
    ).toEqual({
      code: "#VALUE!",
      message: 'expenses, row 2 holds text "$70,000", not an amount; enter it as a number.',
    });
    expect(
      carryforward(column(120_000, 70_000), column(90_000, 95_000), 0, "reimbursement")
    ).toEqual(column(30_000, 5_000));
  });

  it("columns of different heights are #VALUE!", () => {
    expect(cellErrorOf(() => carryforward(column(1, 2, 3), column(1, 2)))).toEqual({
      code: "#VALUE!",
      message: "feesPaid has 2 rows but expenses has 3: select ranges of the same height.",
    });
  });

  it("a negative fee or opening balance, a wrong plan type, a block or an error cell is refused", () => {
    expect(cellErrorOf(() => carryforward(column(1, 2), column(1, -2))).message).toBe(
      "feesPaid, row 2 is negative (-2)."
    );
    expect(cellErrorOf(() => carryforward(column(1), column(1), -5)).message).toBe(
      "opening is negative (-5)."
    );
    expect(cellErrorOf(() => carryforward(column(1), column(1), null, "Hybrid")).message).toBe(
      'planType is "Hybrid"; use one of "Compensation", "Reimbursement".'
    );
    expect(
      cellErrorOf(() =>
        carryforward(
          [
            [1, 2],
            [3, 4],
          ],
          column(1, 2)
        )
      ).code
    ).toBe("#VALUE!");
    expect(cellErrorOf(() => carryforward(column(1, errorCell("#N/A")), column(1, 2)))).toEqual({
      code: "#N/A",
      message: "expenses, row 2 holds the error #N/A.",
    });
  });
});

describe("INEFFECT (Plan §3, §4, §6)", () => {
  // Serials: 2025-08-15 = 45658 + 226 = 45884; 2026-08-15 = 45884 + 365.
  const AUG_15_2025 = 45884;
  const AUG_15_2026 = AUG_15_2025 + 365;

  it("is in effect from the approval through the day before its anniversary", () => {
    const approvals = column(AUG_15_2025);
    expect(ineffect(AUG_15_2025 - 1, approvals)).toBe(false);
    expect(ineffect(AUG_15_2025, approvals)).toBe(true);
    expect(ineffect(AUG_15_2026 - 1, approvals)).toBe(true);
    expect(ineffect(AUG_15_2026, approvals)).toBe(false);
  });

  it("a continuance before the anniversary extends it a year from the continuance", () => {
    const continued = AUG_15_2026 - 14; // 2026-08-01
    const approvals = column(continued, AUG_15_2025); // any order
    expect(ineffect(AUG_15_2026, approvals)).toBe(true);
    expect(ineffect(continued + 365 - 1, approvals)).toBe(true);
    expect(ineffect(continued + 365, approvals)).toBe(false);
  });

  it("a continuance after the lapse restarts the plan only from its own date", () => {
    const late = AUG_15_2026 + 30;
    expect(ineffect(AUG_15_2026 + 10, column(AUG_15_2025, late))).toBe(false);
    expect(ineffect(late, column(AUG_15_2025, late))).toBe(true);
  });

  it("the first year runs from taking effect: the later of the approval and planEffective", () => {
    const effective = AUG_15_2025 + 17; // 2025-09-01
    const lapse = effective + 365; // 2026-09-01
    expect(ineffect(effective - 1, column(AUG_15_2025), null, effective)).toBe(false);
    expect(ineffect(effective, column(AUG_15_2025), null, effective)).toBe(true);
    expect(ineffect(AUG_15_2026, column(AUG_15_2025), null, effective)).toBe(true);
    expect(ineffect(lapse - 1, column(AUG_15_2025), null, effective)).toBe(true);
    expect(ineffect(lapse, column(AUG_15_2025), null, effective)).toBe(false);
  });

  it("a continuance dated on the anniversary is timely and leaves no gap", () => {
    const approvals = column(AUG_15_2025, AUG_15_2026);
    expect(ineffect(AUG_15_2026, approvals)).toBe(true);
    expect(ineffect(AUG_15_2026 + 365 - 1, approvals)).toBe(true);
    expect(ineffect(AUG_15_2026 + 365, approvals)).toBe(false);
  });

  it("a termination stops it from the termination date", () => {
    const termination = AUG_15_2025 + 100;
    expect(ineffect(termination - 1, column(AUG_15_2025), termination)).toBe(true);
    expect(ineffect(termination, column(AUG_15_2025), termination)).toBe(false);
    expect(ineffect(termination - 1, column(AUG_15_2025), null)).toBe(true);
    expect(ineffect(termination - 1, column(AUG_15_2025), 0)).toBe(true); // desktop blank: no termination
  });

  it("skips blank approval cells (0, null, empty text) and reads ISO text dates", () => {
    expect(ineffect("2025-09-01", column(0, null, "", "2025-08-15"))).toBe(true);
    expect(ineffect(AUG_15_2025, column(null, 0))).toBe(false);
  });

  it("bad arguments: blank date, text, error cells", () => {
    expect(cellErrorOf(() => ineffect(null, column(AUG_15_2025)))).toEqual({
      code: "#VALUE!",
      message: "date is blank.",
    });
    expect(cellErrorOf(() => ineffect(0, column(AUG_15_2025)))).toEqual({
      code: "#VALUE!",
      message: "date is blank.",
    });
    expect(cellErrorOf(() => ineffect(AUG_15_2025, column("Aug 15"))).message).toBe(
      'approvalDates, row 1 is the text "Aug 15", not a date. Enter it as a date (or as YYYY-MM-DD).'
    );
    expect(cellErrorOf(() => ineffect(AUG_15_2025, column(errorCell("#N/A"))))).toEqual({
      code: "#N/A",
      message: "approvalDates, row 1 holds the error #N/A.",
    });
    expect(
      cellErrorOf(() =>
        ineffect(AUG_15_2025, [
          [1, 2],
          [3, 4],
        ])
      ).code
    ).toBe("#VALUE!");
  });
});
