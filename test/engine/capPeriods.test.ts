/**
 * Issue 20, the cap and its periods (SPEC §2 "Cap", §5): unfinished periods measured only
 * through the last accrued day, a fee at the cap never a breach by a rounding cent, the As
 * accrued measure by default, report rows whose days, ADNA and maximum count the same days, and
 * preliminary fees that are the sum of what was booked. Every figure is worked in the test.
 */
import { describe, expect, it } from "vitest";
import { day, type Day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import {
  defaultSettings,
  emptyPlan,
  type Plan,
  type PortfolioSettings,
} from "../../src/engine/plan";
import { quarterPeriod } from "../../src/engine/periods";
import { quarterlyReport } from "../../src/engine/quarterlyReport";
import { capMeasureSentence } from "../../src/engine/reportFigures";
import { readPlan } from "../../src/workbook/readPlan";
import { reportLayout } from "../../src/workbook/reportLayout";
import { money, rateRow, vote } from "../support/build";
import { table } from "../support/tables";

/** Growth at `rate` from `approved` (a passing §3 Approval that day), with a NAV on every calendar day of [first, last]. */
function trust(options: {
  approved: string;
  rate: string;
  first: string;
  last: string;
  netAssets: (d: Day) => string;
  settings?: Partial<PortfolioSettings>;
}): Plan {
  const plan = emptyPlan();
  plan.portfolios.push(defaultSettings("Growth", options.settings ?? {}));
  plan.rates.push(rateRow("Growth", options.approved, options.rate));
  plan.governance.push(vote(options.approved, "Approval", "Growth"));
  for (let d = day(options.first); d <= day(options.last); d += 1)
    plan.netAssets.push({
      date: d,
      portfolio: "Growth",
      netAssets: new Decimal(options.netAssets(d)),
    });
  return plan;
}

const breaches = (plan: Plan, asOf: string) =>
  evaluatePlan(plan, { asOf: day(asOf) })
    .exceptions.filter((e) => e.rule === "cap-breach")
    .map((e) => e.message);

describe("an unfinished period is measured only through the last accrued day (item 1)", () => {
  // .50% on Actual/365 in leap-year 2024, 36,600,000 every day: the fee is 36,600,000 × .005 ÷ 365 =
  // 501.369863… a day, the cap 36,600,000 × .005 ÷ 366 = 500.00 a day. Approved 15 Nov 2023, so in
  // effect to 14 Nov 2024 (no continuance); NAVs from 29 Dec 2023 to 29 Mar 2024 only.
  const plan = trust({
    approved: "2023-11-15",
    rate: "0.005",
    first: "2023-12-29",
    last: "2024-03-29",
    netAssets: () => "36600000",
    settings: { dayCount: "Actual/365" },
  });
  const feeADay = new Decimal(36_600_000).times("0.005").dividedBy(365);
  const booked = (days: number) => feeADay.times(days).toDecimalPlaces(2);

  it("as of 30 June 2024, FY2024 is measured through 31 March, where the fees stop: a breach", () => {
    // January 15,542.47, February 14,539.73, March 15,542.47 against 500.00 a day × 91 days.
    const fees = booked(31).plus(booked(29)).plus(booked(31));
    expect(money(fees)).toBe("45624.67");
    const maximum = new Decimal(500).times(91);
    // Before: the FY2024 maximum ran to the lapse (14 Nov 2024, 319 days × 500.00) and found nothing.
    expect(breaches(plan, "2024-06-30")).toContain(
      `Growth: fees of 45,624.67 in FY2024 through 31 March 2024 exceed the maximum allowable 45,500.00 by ${money(fees.minus(maximum))} (Plan §1 limit).`
    );
  });

  it("as of 14 February 2024, check and the preliminary 2024 Q1 report show the same breach", () => {
    // January 15,542.47 booked; 1–14 February 14 × 501.369863… = 7,019.178… → 7,019.18 booked.
    const fees = booked(31).plus(booked(14));
    const maximum = new Decimal(500).times(31 + 14);
    expect(money(fees)).toBe("22561.65");
    const headroom = maximum.minus(fees);
    expect(breaches(plan, "2024-02-14")).toContain(
      `Growth: fees of 22,561.65 in 2024 Q1 through 14 February 2024 exceed the maximum allowable 22,500.00 by ${money(headroom.negated())} (Plan §1 limit).`
    );
    const report = quarterlyReport(plan, quarterPeriod(2024, 1), {
      asOf: day("2024-02-14"),
      preparedAt: "test",
    });
    expect(report.preliminary).toBe(true);
    const line = report.portfolios[0]!;
    // Item 10: the preliminary fees are what was booked (rounded once, 45 days would be 22,561.64).
    expect(money(feeADay.times(45).toDecimalPlaces(2))).toBe("22561.64");
    expect([money(line.feesAccrued), money(line.maximumAllowable), money(line.headroom)]).toEqual([
      "22561.65",
      "22500.00",
      money(headroom),
    ]);
    expect(line.daysInEffect).toBe(45);
    expect(line.breach).toBe(true);
  });
});

describe("a fee at exactly the cap is never a breach by a rounding cent (item 2, DOMAIN.md)", () => {
  // 100,000,000 every day at .50% on Actual/Actual in 2024: 1,366.120218… a day, fee and maximum alike.
  const plan = trust({
    approved: "2023-12-01",
    rate: "0.005",
    first: "2023-12-29",
    last: "2024-03-29",
    netAssets: () => "100000000",
  });
  const aDay = new Decimal(100_000_000).times("0.005").dividedBy(366);
  const month = (days: number) => aDay.times(days).toDecimalPlaces(2);

  it("2024 Q1: months 42,349.73 · 39,617.49 · 42,349.73, quarter 124,316.95 against 124,316.95", () => {
    expect([month(31), month(29), month(31)].map(money)).toEqual([
      "42349.73",
      "39617.49",
      "42349.73",
    ]);
    // Rounded once, the quarter's maximum would be 124,316.94: that cent is rounding, not a breach.
    expect(money(aDay.times(91).toDecimalPlaces(2))).toBe("124316.94");
    const evaluation = evaluatePlan(plan, { asOf: day("2024-03-31") });
    const q1 = evaluation.portfolios[0]!.capTests.find((t) => t.period.label === "2024Q1")!;
    const sum = month(31).plus(month(29)).plus(month(31));
    expect([money(q1.accrued), money(q1.maximum), money(q1.headroom)]).toEqual([
      money(sum),
      money(sum),
      "0.00",
    ]);
    expect(evaluation.exceptions.filter((e) => e.rule.startsWith("cap-breach"))).toEqual([]);
    const report = quarterlyReport(plan, quarterPeriod(2024, 1), {
      asOf: day("2024-03-31"),
      preparedAt: "test",
    });
    expect(money(report.portfolios[0]!.headroom)).toBe("0.00");
    expect(report.trust.portfoliosInBreach).toBe(0);
  });
});

describe("Cap basis As accrued is the default (item 3)", () => {
  // Net assets fall on 1 January 2025 from 36,500,000 to 29,200,000 and stay there. On prior-day
  // NAVs at .50% ÷ 365 the fee is 500.00 on 1 January (the 31 December NAV) and 400.00 a day after.
  const falling = (capBasis?: "Same day") =>
    trust({
      approved: "2024-12-01",
      rate: "0.005",
      first: "2024-12-31",
      last: "2025-01-31",
      netAssets: (d) => (d < day("2025-01-01") ? "36500000" : "29200000"),
      settings: capBasis ? { capBasis } : {},
    });
  const january = 500 + 30 * 400;

  it("a blank Cap basis cell reads as As accrued, first in the Set up plan list", () => {
    const read = readPlan({
      dateSystem: "1900",
      tables: [table("Portfolios", [{ Portfolio: "Growth" }])],
    });
    expect(read.plan.portfolios[0]!.capBasis).toBe("As accrued");
  });

  it("measures the cap on the NAVs the fee accrued on: at the cap rate, no breach in a falling market, unless Same day is chosen", () => {
    const evaluation = evaluatePlan(falling(), { asOf: day("2025-01-31") });
    const test = evaluation.portfolios[0]!.capTests.find((t) => t.period.label === "2025-01")!;
    expect([money(test.accrued), money(test.maximum)]).toEqual([
      january.toFixed(2),
      january.toFixed(2),
    ]);
    expect(evaluation.exceptions.filter((e) => e.rule === "cap-breach")).toEqual([]);
    const line = quarterlyReport(falling(), quarterPeriod(2025, 1), {
      asOf: day("2025-01-31"),
      preparedAt: "test",
    }).portfolios[0]!;
    // The report says which measure and which ceiling its maximum used.
    expect(line.capBasis).toBe("As accrued");
    expect(line.ceilings.map((c) => c.toString())).toEqual(["0.005"]);
    // Same day stays the stricter setting: the same-day closes, 31 × 400.00, make a breach of 100.00.
    expect(breaches(falling("Same day"), "2025-01-31")).toContain(
      `Growth: fees of 12,500.00 in January 2025 exceed the maximum allowable ${(31 * 400).toLocaleString("en-US")}.00 by ${(january - 31 * 400).toFixed(2)} (Plan §1 limit).`
    );
  });
});

describe("block 1 says which measure and which ceiling each maximum used (item 3, SPEC §5)", () => {
  const plan = (capBasis: "As accrued" | "Same day") =>
    trust({
      approved: "2024-12-01",
      rate: "0.005",
      first: "2024-12-31",
      last: "2025-01-31",
      netAssets: () => "36500000",
      settings: { capBasis },
    });
  const note = (capBasis: "As accrued" | "Same day") => {
    const report = quarterlyReport(plan(capBasis), quarterPeriod(2025, 1), {
      asOf: day("2025-01-31"),
      preparedAt: "test",
    });
    const sentence = capMeasureSentence(report.portfolios);
    // The layout prints it in block 1's note.
    const texts = reportLayout(report).cells.flatMap((c) => ("text" in c ? [c.text] : []));
    expect(texts.some((t) => t.endsWith(sentence))).toBe(true);
    return sentence;
  };

  it("the default is said once; a portfolio on the close is named", () => {
    expect(note("As accrued")).toBe(
      "Maximum allowable is measured on the net assets each day's fee accrued on (Cap basis As accrued) at the .50% ceiling."
    );
    expect(note("Same day")).toBe(
      "Maximum allowable is measured per portfolio — Growth: on each day's close (Cap basis Same day), at the .50% ceiling."
    );
  });
});

describe("report rows agree with themselves (item 8)", () => {
  // In effect from 15 November 2023 (47 days of 2023 Q4); NAVs from 30 November, so on prior-day
  // NAVs the fee and the cap have net assets on 1–31 December only: 31 days of 36,500,000.
  const plan = trust({
    approved: "2023-11-15",
    rate: "0.0025",
    first: "2023-11-30",
    last: "2024-01-31",
    netAssets: () => "36500000",
  });
  const report = quarterlyReport(plan, quarterPeriod(2023, 4), {
    asOf: day("2024-01-31"),
    preparedAt: "test",
  });
  const line = report.portfolios[0]!;

  it("days, ADNA and maximum count the same 31 days: maximum = days × ADNA × .50% ÷ 365", () => {
    expect(line.daysInEffect).toBe(31);
    expect(money(line.averageDailyNetAssets!)).toBe("36500000.00");
    const byHand = new Decimal(31).times(36_500_000).times("0.005").dividedBy(365);
    expect(money(byHand)).toBe("15500.00");
    expect(money(line.maximumAllowable)).toBe(money(byHand));
  });

  it("the 16 in-effect days without a NAV are a warning", () => {
    expect(line.daysWithoutNetAssets).toBe(47 - 31);
    expect(report.exceptions.filter((e) => e.rule === "nav-days-missing")).toEqual([
      expect.objectContaining({
        severity: "warning",
        portfolio: "Growth",
        message:
          "Growth: 16 of its 47 in-effect days in 2023 Q4 have no NAV to measure; days, ADNA and maximum count the other 31.",
      }),
    ]);
  });
});
