import { describe, expect, it } from "vitest";
import { day, isoDate, serialFromDay } from "../../src/engine/calendar";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { describeSource } from "../../src/engine/exceptions";
import { readPlan, type WorkbookData } from "../../src/workbook/readPlan";
import { serial, table } from "../support/tables";

const portfolios = table("Portfolios", [{ Portfolio: "Growth" }]);
const rates = table("Rates", [
  {
    Portfolio: "Growth",
    Effective: serial("2025-01-01"),
    "Annual rate": 0.0025,
    "Board approval": serial("2024-12-15"),
  },
]);
const governance = table("Governance", [
  {
    Date: serial("2024-12-15"),
    Action: "Approval",
    Portfolio: "All",
    "Trustees for": 7,
    "Trustees total": 9,
    "Independent for": 5,
    "Independent total": 6,
    "In person": "Yes",
  },
]);
const nav = (date: string, amount: unknown, portfolio = "Growth") => ({
  Date: serial(date),
  Portfolio: portfolio,
  "Class B net assets": amount as number,
});

function workbookWith(
  netAssets: Record<string, unknown>[],
  extra: Partial<Record<"rates", ReturnType<typeof table>>> = {}
): WorkbookData {
  return {
    dateSystem: "1900",
    tables: [portfolios, extra.rates ?? rates, governance, table("NetAssets", netAssets as never)],
  };
}

const messages = (workbook: WorkbookData) =>
  readPlan(workbook).exceptions.map((e) => `${describeSource(e.source!)}: ${e.message}`);

describe("reading the plan tables", () => {
  it("applies the SPEC §1 defaults to blank settings", () => {
    const { plan } = readPlan(workbookWith([nav("2025-01-02", 1000)]));
    expect(plan.portfolios[0]).toMatchObject({
      dayCount: "Actual/Actual",
      navTiming: "Prior day",
      weekendBooking: "Forward",
      rounding: "Penny-true",
      planType: "Compensation",
    });
    expect(plan.portfolios[0]!.maxAnnualRate.toString()).toBe("0.005");
    expect(plan.portfolios[0]!.paymentTolerance.toFixed(2)).toBe("1.00");
  });

  it("matches headers ignoring case and surrounding spaces, and ignores extra columns", () => {
    const netAssets = table("NetAssets", [nav("2025-01-02", 1000)], {
      rename: { Date: "  DATE ", "Class B net assets": "class b NET assets" },
    });
    const withExtra = {
      ...netAssets,
      headers: [...netAssets.headers, "Notes"],
      rows: netAssets.rows.map((row) => [...row, "checked"]),
    };
    const result = readPlan({
      dateSystem: "1900",
      tables: [portfolios, rates, governance, withExtra],
    });
    expect(result.exceptions).toEqual([]);
    expect(result.plan.netAssets[0]!.netAssets.toFixed(2)).toBe("1000.00");
  });

  it("converts a NAV double once, at the edge: shortest round-trip decimal, then cents", () => {
    const { plan } = readPlan(
      workbookWith([nav("2025-01-02", 0.1 + 0.2), nav("2025-01-03", 100000000.005)])
    );
    // 0.1 + 0.2 is 0.30000000000000004 as a double → "0.30000000000000004" → 0.30.
    expect(plan.netAssets.map((row) => row.netAssets.toFixed(2))).toEqual(["0.30", "100000000.01"]);
  });
});

describe("the vote and payee columns (Plan §1, §7)", () => {
  it("reads a Fee rate action and an expenditure's Agreement; older tables without the new columns still read", () => {
    const feeRate = table("Governance", [
      {
        Date: serial("2025-03-03"),
        Action: " fee RATE ",
        Portfolio: "Growth",
        "Trustees for": 5,
        "Trustees total": 9,
        "Independent for": 4,
        "Independent total": 6,
        Notes: "Rate to 0.35%",
      },
    ]);
    const row = { Date: serial("2025-03-10"), Portfolio: "Growth", Category: "c", Amount: 100 };
    const withAgreement = table("Expenditures", [
      { ...row, Payee: "Broker", Agreement: " Dealer Agreement " },
    ]);
    const read = readPlan({
      dateSystem: "1900",
      tables: [portfolios, rates, feeRate, withAgreement],
    });
    expect(read.plan.governance[0]!.action).toBe("Fee rate");
    expect(read.plan.expenditures[0]!.agreement).toBe("Dealer Agreement");
    const older = readPlan({
      dateSystem: "1900",
      tables: [
        portfolios,
        rates,
        table("Governance", [], { drop: ["Notes"] }),
        table("Expenditures", [{ ...row, Payee: "Broker" }], { drop: ["Agreement"] }),
        table("NetAssets", []),
      ],
    });
    expect(older.exceptions.filter((e) => e.severity === "error")).toEqual([]);
    expect(older.plan.expenditures[0]!.agreement).toBeUndefined();
  });

  it("reads a payment's Override reason; a Payments table without the column still reads", () => {
    const row = { Date: serial("2025-09-30"), Portfolio: "Growth", Amount: 7450, Reference: "w1" };
    const read = readPlan({
      dateSystem: "1900",
      tables: [
        portfolios,
        rates,
        table("Payments", [{ ...row, "Override reason": "  Credit agreed by the board " }]),
      ],
    });
    expect(read.plan.payments[0]!.overrideReason).toBe("Credit agreed by the board");
    const older = readPlan({
      dateSystem: "1900",
      tables: [
        portfolios,
        rates,
        table("Governance", []),
        table("NetAssets", []),
        table("Payments", [row], { drop: ["Override reason"] }),
      ],
    });
    expect(older.exceptions.filter((e) => e.severity === "error")).toEqual([]);
    expect(older.plan.payments[0]!.overrideReason).toBeUndefined();
  });
});

describe("bad input is a located message, never a wrong number", () => {
  it("a blank NAV names the cell and blocks the portfolio's accrual", () => {
    const workbook = workbookWith([
      nav("2025-01-02", 1000),
      nav("2025-01-03", null),
      nav("2025-01-06", 1000),
    ]);
    expect(messages(workbook)).toEqual([
      'sheet "Net Assets", table NetAssets row 2, column "Class B net assets" (cell C3): Class B net assets is blank; it is required.',
    ]);
    const read = readPlan(workbook);
    const evaluation = evaluatePlan(read.plan, {
      asOf: day("2025-02-01"),
      portfoliosWithBadNetAssets: read.portfoliosWithBadNetAssets,
    });
    expect(evaluation.portfolios[0]!.accrual).toBeNull();
    expect(evaluation.exceptions.some((e) => e.rule === "input" && e.portfolio === "Growth")).toBe(
      true
    );
  });

  it("text in an amount is refused, not parsed", () => {
    expect(messages(workbookWith([nav("2025-01-02", "1,000.00")]))[0]).toContain(
      'holds text "1,000.00", not an amount'
    );
  });

  it("an Excel error value in a NAV cell is named", () => {
    expect(messages(workbookWith([nav("2025-01-02", "#N/A")]))[0]).toContain(
      "shows #N/A instead of an amount"
    );
    expect(messages(workbookWith([nav("2025-01-02", { error: "#REF!" })]))[0]).toContain(
      "shows #REF!"
    );
  });

  it("a negative NAV is an engine error and nothing accrues", () => {
    const read = readPlan(workbookWith([nav("2025-01-02", 1000), nav("2025-01-03", -5)]));
    const evaluation = evaluatePlan(read.plan, { asOf: day("2025-02-01") });
    expect(evaluation.exceptions.find((e) => e.rule === "nav-negative")?.source).toMatchObject({
      table: "NetAssets",
      row: 2,
      column: "Class B net assets",
    });
    expect(evaluation.portfolios[0]!.accrual).toBeNull();
  });

  it("duplicate and unsorted dates are errors naming the rows", () => {
    const duplicate = evaluatePlan(
      readPlan(workbookWith([nav("2025-01-02", 1), nav("2025-01-02", 2)])).plan,
      { asOf: day("2025-02-01") }
    );
    expect(duplicate.exceptions.find((e) => e.rule === "nav-duplicate-date")?.message).toBe(
      "Growth: 2025-01-02 has two NAV rows (first at row 1); keep one."
    );
    const unsorted = evaluatePlan(
      readPlan(workbookWith([nav("2025-01-03", 1), nav("2025-01-02", 2)])).plan,
      { asOf: day("2025-02-01") }
    );
    expect(unsorted.exceptions.find((e) => e.rule === "nav-unsorted")?.source).toMatchObject({
      row: 2,
      column: "Date",
    });
    expect(unsorted.portfolios[0]!.accrual).toBeNull();
  });

  it("an unknown portfolio in NetAssets is reported once and ignored", () => {
    const evaluation = evaluatePlan(
      readPlan(
        workbookWith([
          nav("2025-01-02", 1),
          nav("2025-01-02", 1, "Gorwth"),
          nav("2025-01-03", 1, "Gorwth"),
        ])
      ).plan,
      {
        asOf: day("2025-02-01"),
      }
    );
    expect(
      evaluation.exceptions.filter((e) => e.rule === "unknown-portfolio").map((e) => e.message)
    ).toEqual([
      'NetAssets names portfolio "Gorwth", which is not in the Portfolios table; its rows are ignored.',
    ]);
  });

  it("a rate typed as 50 instead of 0.50% is refused with the fix", () => {
    const bad = table("Rates", [
      {
        Portfolio: "Growth",
        Effective: serial("2025-01-01"),
        "Annual rate": 50,
        "Board approval": serial("2024-12-15"),
      },
    ]);
    expect(messages(workbookWith([nav("2025-01-02", 1)], { rates: bad }))[0]).toContain(
      "rates are fractions — for 0.50% enter 0.50% or 0.005"
    );
  });

  it("a missing table or a renamed required header makes the workbook unusable", () => {
    const missing = readPlan({ dateSystem: "1900", tables: [portfolios, rates, governance] });
    expect(missing.unusable).toBe(true);
    expect(missing.exceptions[0]!.message).toContain(
      'no table "NetAssets" (expected on sheet "Net Assets")'
    );
    const renamed = readPlan({
      dateSystem: "1900",
      tables: [
        portfolios,
        rates,
        governance,
        table("NetAssets", [], { rename: { "Class B net assets": "Net assets" } }),
      ],
    });
    expect(renamed.unusable).toBe(true);
    expect(renamed.exceptions[0]!.message).toContain(
      'has no column "Class B net assets" (was it renamed?)'
    );
  });

  it("serial 60 (the fictitious 29 Feb 1900) and text dates are refused; ISO text is read", () => {
    expect(
      messages(workbookWith([{ Date: 60, Portfolio: "Growth", "Class B net assets": 1 }]))[0]
    ).toContain("29 Feb 1900");
    expect(
      messages(
        workbookWith([{ Date: "01/02/2025", Portfolio: "Growth", "Class B net assets": 1 }])
      )[0]
    ).toContain('holds text "01/02/2025", not a date');
    const iso = readPlan(
      workbookWith([{ Date: "2025-01-02", Portfolio: "Growth", "Class B net assets": 1 }])
    );
    expect(isoDate(iso.plan.netAssets[0]!.date)).toBe("2025-01-02");
  });

  it("reads dates in the 1904 date system", () => {
    const netAssets = table("NetAssets", [
      {
        Date: serialFromDay(day("2025-01-02"), "1904"),
        Portfolio: "Growth",
        "Class B net assets": 1,
      },
    ]);
    const result = readPlan({
      dateSystem: "1904",
      tables: [portfolios, rates, governance, netAssets],
    });
    expect(isoDate(result.plan.netAssets[0]!.date)).toBe("2025-01-02");
  });

  it("a choice outside its list names the allowed values", () => {
    const bad = table("Portfolios", [{ Portfolio: "Growth", "Day count": "30/360" }]);
    const result = readPlan({
      dateSystem: "1900",
      tables: [bad, rates, governance, table("NetAssets", [])],
    });
    expect(result.exceptions[0]!.message).toBe(
      'Day count holds text "30/360"; allowed: Actual/Actual, Actual/365, Actual/360.'
    );
  });
});

describe("an unusable table yields no half-read rows", () => {
  it("with a required column renamed, the table contributes no rows and the plan still evaluates", () => {
    const renamed = readPlan({
      dateSystem: "1900",
      tables: [
        portfolios,
        rates,
        governance,
        table("NetAssets", [nav("2025-01-02", 1000)], { rename: { Date: "Day" } }),
      ],
    });
    expect(renamed.unusable).toBe(true);
    expect(renamed.plan.netAssets).toEqual([]);
    expect(() => evaluatePlan(renamed.plan, { asOf: day("2025-02-01") })).not.toThrow();
  });
});
