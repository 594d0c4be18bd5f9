import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { day, monthStart } from "../../src/engine/calendar";
import { maximumUnderCeiling } from "../../src/engine/ceiling";
import { Decimal } from "../../src/engine/decimal";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { defaultSettings, type Plan } from "../../src/engine/plan";
import {
  type AccrualCell,
  accrualColumns,
  accrualFigures,
  accrualRow,
} from "../../src/workbook/accrualColumns";
import { asOfDay, trustArbitrary, vote } from "../support/trusts";

/** DOMAIN.md's four NAV rows for Growth at 0.25% (Prior day, Forward, penny-true; cap basis Same day). */
function domainPlan(capBasis: "Same day" | "As accrued" = "Same day"): Plan {
  const navs: [string, string][] = [
    ["2025-01-02", "100000000"],
    ["2025-01-03", "101000000"],
    ["2025-01-06", "99500000"],
    ["2025-01-07", "100200000"],
  ];
  return {
    portfolios: [defaultSettings("Growth", { capBasis })],
    rates: [
      {
        portfolio: "Growth",
        effective: day("2024-12-01"),
        annualRate: new Decimal("0.0025"),
        boardApproval: day("2024-12-01"),
        shareholderApproval: null,
      },
    ],
    governance: [
      vote(day("2024-12-01"), "Approval", "Growth"),
      vote(day("2024-12-01"), "Fee rate", "Growth"),
    ],
    agreements: [],
    expenditures: [],
    payments: [],
    netAssets: navs.map(([date, netAssets], index) => ({
      date: day(date),
      portfolio: "Growth",
      netAssets: new Decimal(netAssets),
      source: { table: "NetAssets", row: index + 1 },
    })),
  };
}

describe("the accrual columns' Cap headroom", () => {
  it("is the month-to-date maximum on same-day NAVs less the month to date booked (DOMAIN.md)", () => {
    const plan = domainPlan();
    const rows = accrualColumns(plan, evaluatePlan(plan, { asOf: day("2025-01-07") }), 4);
    // Same-day NAVs from 1 Jan (none before 2 Jan) at .50% ÷ 365, rounded once, less the booked 2,068.49 · 2,760.27 · 3,441.78.
    const maximum = (millions: number) => Math.round((millions * 1e6 * 0.005 * 100) / 365) / 100;
    const through = [
      100 + 101 + 101 + 101, // Fri 3 Jan row: 2–5 Jan
      100 + 3 * 101 + 99.5, // Mon 6 Jan
      100 + 3 * 101 + 99.5 + 100.2, // Tue 7 Jan
    ];
    expect(rows.slice(1).map((row) => row[3])).toEqual([2068.49, 2760.27, 3441.78]);
    expect(rows.slice(1).map((row) => row[4])).toEqual([
      Math.round((maximum(through[0]!) - 2068.49) * 100) / 100,
      Math.round((maximum(through[1]!) - 2760.27) * 100) / 100,
      Math.round((maximum(through[2]!) - 3441.78) * 100) / 100,
    ]);
    // 602,700,000 × .005 / 365 = 8,256.16; less 3,441.78.
    expect(rows[3]![4]).toBe(4814.38);
  });

  it("on the default cap basis, As accrued, is the maximum on the NAVs the fee used (DOMAIN.md 6,883.56)", () => {
    const plan = domainPlan("As accrued");
    expect(defaultSettings("Growth").capBasis).toBe("As accrued");
    const rows = accrualColumns(plan, evaluatePlan(plan, { asOf: day("2025-01-07") }), 4);
    // Prior-day NAVs of 3–7 Jan: 100 + 101 + 101 + 101 + 99.5 = 502.5 M; × .005 ÷ 365 = 6,883.56; less 3,441.78.
    expect(Math.round((502.5e6 * 0.005 * 100) / 365) / 100).toBe(6883.56);
    expect(rows[3]![4]).toBe(Math.round((6883.56 - 3441.78) * 100) / 100);
  });

  it("and every other column come out the same from the fast paths as from decimal.js alone, over whole trusts", () => {
    fc.assert(
      fc.property(trustArbitrary, asOfDay, (plan, asOf) => {
        const count = plan.netAssets.length;
        const fast = accrualColumns(plan, evaluatePlan(plan, { asOf }), count);
        const referenceEvaluation = evaluatePlan(plan, { asOf, exact: "reference" });
        const reference = accrualColumns(plan, referenceEvaluation, count);
        expect(fast).toEqual(reference);
        // And the headroom is SPEC §2's: the maximum from the 1st of the row's month through its last covered day, less month to date.
        const { portfolios } = referenceEvaluation;
        for (const { accrual, series, settings, governance, ceiling } of portfolios) {
          if (!accrual || !series) continue;
          const timing = settings.capBasis === "Same day" ? "Same day" : settings.navTiming;
          for (const row of accrual.rows) {
            const last = row.lastDay >= row.firstDay ? row.lastDay : row.date;
            const maximum = maximumUnderCeiling(
              { series, timing, start: monthStart(last), end: last, inEffect: governance.windows },
              ceiling
            ).maximum;
            const tableRow = series[row.rowIndex]!.source!.row!;
            expect(fast[tableRow - 1]![4]).toBe(maximum.minus(row.monthToDate).toNumber());
          }
        }
      }),
      { numRuns: 100 }
    );
  });
});

describe("the accrual columns' blank and noted rows", () => {
  it("a NAV row finds its portfolio in any spelling, an unknown portfolio's row is noted, table rows without a NAV stay blank", () => {
    const plan = domainPlan();
    const spelled = [" growth", "GROWTH ", "Growth", "Growth"];
    const netAssets = plan.netAssets.map((row, i) => ({ ...row, portfolio: spelled[i]! }));
    const unknown = {
      ...netAssets[3]!,
      portfolio: "Income",
      source: { table: "NetAssets", row: 5 },
    };
    const withUnknown: Plan = { ...plan, netAssets: [...netAssets, unknown] };
    const evaluation = evaluatePlan(withUnknown, { asOf: day("2025-01-07") });
    const rows = accrualColumns(withUnknown, evaluation, 7);
    // The four Growth rows have their figures whatever the spelling: booked = the steps of the month to date above.
    expect(rows.slice(0, 4).map((row) => row[2])).toEqual(
      [0, 2068.49, 2760.27 - 2068.49, 3441.78 - 2760.27].map((x) => Math.round(x * 100) / 100)
    );
    expect(rows[4]).toEqual([
      null,
      null,
      null,
      null,
      null,
      'Portfolio "Income" is not in the Portfolios table.',
    ]);
    for (const blank of rows.slice(5)) expect(blank).toEqual([null, null, null, null, null, null]);
    // A row with cells is its own, so editing it changes no other row; the blank rows cannot be edited.
    expect(new Set(rows.slice(0, 5)).size).toBe(5);
    expect(rows.slice(5).every((blank) => Object.isFrozen(blank))).toBe(true);
  });
});

describe("the accrual columns read a row at a time into one array (the runner's writer)", () => {
  it("give every row's cells as accrualColumns does, in table order, rows with figures, notes and blanks mixed (property)", () => {
    fc.assert(
      fc.property(trustArbitrary, asOfDay, fc.integer({ min: 0, max: 3 }), (plan, asOf, extra) => {
        // Rows past the NAV rows are blank; a NAV row of an unknown portfolio gets a note.
        const count = plan.netAssets.length + extra;
        const stray = plan.netAssets[0] && {
          ...plan.netAssets[0],
          portfolio: "Nobody",
          source: { table: "NetAssets", row: count },
        };
        const withStray: Plan = stray ? { ...plan, netAssets: [...plan.netAssets, stray] } : plan;
        const evaluation = evaluatePlan(withStray, { asOf });
        const rows = accrualColumns(withStray, evaluation, count);
        const figures = accrualFigures(withStray, evaluation, count);
        const scratch: AccrualCell[] = [];
        for (let i = 0; i < count; i += 1)
          expect([...accrualRow(figures, i, scratch)], `row ${i + 1}`).toEqual(rows[i]);
      }),
      { numRuns: 60 }
    );
  });
});
