import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { accrue, exactAccrualBetween, monthFee } from "../../src/engine/accrual";
import { day } from "../../src/engine/calendar";
import { Decimal, roundCents, sum } from "../../src/engine/decimal";
import { rateSchedule } from "../../src/engine/rateSchedule";
import { DEFAULT_ACCRUAL, money, navs, PLAN_CEILING, rateRow, rates, vote } from "../support/build";

// DOMAIN.md worked example: rate 0.25%, 2025 (365 days).
const domainSeries = navs(
  ["2025-01-02", "100000000.00"],
  ["2025-01-03", "101000000.00"],
  ["2025-01-06", "99500000.00"],
  ["2025-01-07", "100200000.00"]
);
const quarterPercent = rates(["2025-01-01", "0.0025"]);

describe("daily accrual — the DOMAIN.md worked example", () => {
  it("books 0 · 2,068.49 · 691.78 · 681.51 on prior-day NAVs, a Friday row covering the weekend", () => {
    const result = accrue({
      series: domainSeries,
      rates: quarterPercent,
      settings: DEFAULT_ACCRUAL,
    });
    // 3 Jan uses Thu's 100,000,000: 100,000,000 × 0.0025 / 365 = 684.931506…
    // 4 and 5 Jan use Fri's 101,000,000: 691.780821… each → cumulative 2,068.493150… → 2,068.49.
    // 6 Jan uses Fri's 101,000,000: cumulative 2,760.273972… → 2,760.27 → 691.78.
    // 7 Jan uses Mon's 99,500,000 (681.506849…): cumulative 3,441.780821… → 3,441.78 → 681.51.
    expect(result.rows.map((row) => money(row.booked))).toEqual([
      "0.00",
      "2068.49",
      "691.78",
      "681.51",
    ]);
    expect(result.rows.map((row) => row.days)).toEqual([0, 3, 1, 1]);
    expect(money(result.total)).toBe("3441.78");
    expect(result.rows.map((row) => money(row.monthToDate))).toEqual([
      "0.00",
      "2068.49",
      "2760.27",
      "3441.78",
    ]);
    expect(result.exceptions.map((e) => e.rule)).toEqual(["nav-missing-opening"]);
  });

  it("books 684.93 · 2,075.34 · 681.51 · 686.30 on same-day NAVs", () => {
    const result = accrue({
      series: domainSeries,
      rates: quarterPercent,
      settings: { ...DEFAULT_ACCRUAL, navTiming: "Same day" },
    });
    // 2 Jan: 684.931506…; 3–5 Jan: 3 × 691.780821… = 2,075.342465… → cumulative 2,760.273972… → 2,760.27 − 684.93.
    // 6 Jan: 681.506849… → 3,441.780821… → 681.51; 7 Jan: 686.301369… → 4,128.082191… → 686.30.
    expect(result.rows.map((row) => money(row.booked))).toEqual([
      "684.93",
      "2075.34",
      "681.51",
      "686.30",
    ]);
    expect(money(result.total)).toBe("4128.08");
    expect(result.exceptions).toEqual([]);
  });

  it("with Catch-up booking, Monday books Saturday to Monday", () => {
    const result = accrue({
      series: domainSeries,
      rates: quarterPercent,
      settings: { ...DEFAULT_ACCRUAL, weekendBooking: "Catch-up" },
    });
    // Fri 3 Jan books only 3 Jan (684.93); Mon 6 Jan books 4–6 Jan on Fri's NAV: 3 × 691.780821… → cumulative 2,760.27 → 2,075.34.
    expect(result.rows.map((row) => row.days)).toEqual([0, 1, 3, 1]);
    expect(result.rows.map((row) => money(row.booked))).toEqual([
      "0.00",
      "684.93",
      "2075.34",
      "681.51",
    ]);
  });
});

describe("days covered", () => {
  it("a row before a holiday covers it: Thu 3 Jul 2025 covers the 4th of July weekend", () => {
    const series = navs(
      ["2025-07-02", "10000000"],
      ["2025-07-03", "10100000"],
      ["2025-07-07", "10200000"]
    );
    const result = accrue({
      series,
      rates: rates(["2025-01-01", "0.005"]),
      settings: DEFAULT_ACCRUAL,
    });
    // 3 Jul on 10,000,000: 136.986301…; 4–6 Jul on 10,100,000: 3 × 138.356164… = 415.068493… → 552.054794… → 552.05.
    // 7 Jul on 10,100,000 (the latest NAV before it): 138.356164… → 690.410958… → 690.41 − 552.05 = 138.36.
    expect(result.rows.map((row) => row.days)).toEqual([0, 4, 1]);
    expect(result.rows.map((row) => money(row.booked))).toEqual(["0.00", "552.05", "138.36"]);
  });

  it("splits a row at a month end on a Sunday: Fri 29 Aug 2025 books 29–31 Aug to August and Labor Day to September", () => {
    const series = navs(
      ["2025-08-28", "10000000"],
      ["2025-08-29", "10000000"],
      ["2025-09-02", "10000000"]
    );
    const result = accrue({
      series,
      rates: rates(["2025-01-01", "0.005"]),
      settings: DEFAULT_ACCRUAL,
    });
    // Each day: 10,000,000 × 0.005 / 365 = 136.986301…
    // August: 29–31 Aug = 410.958904… → 410.96. September restarts: 1 Sep = 136.986301… → 136.99.
    // The Friday row books 410.96 + 136.99 = 547.95; Tue 2 Sep: 273.972602… → 273.97 − 136.99 = 136.98.
    expect(result.rows.map((row) => money(row.booked))).toEqual(["0.00", "547.95", "136.98"]);
    expect(result.months.map((m) => [m.period.label, m.days, money(m.booked)])).toEqual([
      ["2025-08", 3, "410.96"],
      ["2025-09", 2, "273.97"],
    ]);
    expect(money(result.rows[1]!.monthToDate)).toBe("136.99");
  });

  it("a period end carries the last NAV through it, and rows after it book nothing", () => {
    const series = navs(
      ["2025-01-02", "73000000"],
      ["2025-01-03", "73000000"],
      ["2025-01-06", "73000000"]
    );
    // 73,000,000 × 0.005 / 365 = 1,000.00 a day exactly.
    const result = accrue({
      series,
      rates: rates(["2025-01-01", "0.005"]),
      settings: DEFAULT_ACCRUAL,
      periodEnd: day("2025-01-04"),
    });
    expect(result.rows.map((row) => [row.days, money(row.booked)])).toEqual([
      [0, "0.00"],
      [2, "2000.00"],
      [0, "0.00"],
    ]);
  });
});

describe("rates", () => {
  it("a rate change in the middle of a Friday row applies from its effective day", () => {
    // Fri 17 Jan 2025 covers 17–19 Jan; the rate falls from 0.25% to 0.20% on Sat 18 Jan.
    const series = navs(["2025-01-16", "36500000"], ["2025-01-17", "36500000"]);
    const schedule = rates(["2025-01-01", "0.0025"], ["2025-01-18", "0.0020"]);
    const result = accrue({
      series,
      rates: schedule,
      settings: DEFAULT_ACCRUAL,
      periodEnd: day("2025-01-19"),
    });
    // 17 Jan: 36,500,000 × 0.0025 / 365 = 250.00; 18–19 Jan: 36,500,000 × 0.0020 / 365 = 200.00 each.
    expect(money(result.rows[1]!.booked)).toBe("650.00");
    expect(result.rows[1]!.annualRate?.toString()).toBe("0.0025");
  });

  it("a rate rise whose board vote failed is an exception and is not accrued", () => {
    const schedule = rateSchedule(
      "Growth",
      [rateRow("Growth", "2025-01-01", "0.0020"), rateRow("Growth", "2025-01-18", "0.0025")],
      PLAN_CEILING,
      // 18 Jan: independent trustees 3 of 7 is not a majority, so the rise has no vote behind it.
      [vote("2025-01-01"), vote("2025-01-18", "Fee rate", "Growth", { independentFor: 3 })]
    );
    expect(schedule.exceptions.map((e) => [e.rule, e.severity])).toEqual([
      ["rate-not-board-approved", "error"],
    ]);
    expect(schedule.segments.map((s) => s.annualRate.toString())).toEqual(["0.002"]);
    const series = navs(["2025-01-16", "36500000"], ["2025-01-17", "36500000"]);
    const result = accrue({
      series,
      rates: schedule.segments,
      settings: DEFAULT_ACCRUAL,
      periodEnd: day("2025-01-19"),
    });
    // Every day stays at 0.20%: 3 × 200.00.
    expect(money(result.rows[1]!.booked)).toBe("600.00");
  });

  it("no rate in force means nothing accrues, with a warning", () => {
    const result = accrue({
      series: domainSeries,
      rates: rates(["2025-01-06", "0.0025"]),
      settings: DEFAULT_ACCRUAL,
    });
    expect(result.rows.map((row) => money(row.booked))).toEqual([
      "0.00",
      "0.00",
      "691.78",
      "681.51",
    ]);
    expect(result.exceptions.map((e) => e.rule)).toContain("no-rate");
  });
});

describe("in-effect windows", () => {
  const series = navs(
    ["2026-08-12", "73000000"],
    ["2026-08-13", "73000000"],
    ["2026-08-14", "73000000"],
    ["2026-08-17", "73000000"]
  );
  const schedule = rates(["2025-01-01", "0.005"]);

  it("a plan that lapses on 15 Aug accrues through the 14th and not after (the Friday row books one day)", () => {
    const result = accrue({
      series,
      rates: schedule,
      settings: DEFAULT_ACCRUAL,
      inEffect: [{ start: day("2025-08-15"), end: day("2026-08-14") }],
    });
    // 1,000.00 a day; Fri 14 Aug covers 14–16 Aug but only the 14th is in effect.
    expect(result.rows.map((row) => [row.days, money(row.booked)])).toEqual([
      [0, "0.00"],
      [1, "1000.00"],
      [1, "1000.00"],
      [0, "0.00"],
    ]);
  });

  it("a termination effective Thu 13 Aug stops the accrual from that day", () => {
    const result = accrue({
      series,
      rates: schedule,
      settings: DEFAULT_ACCRUAL,
      inEffect: [{ start: day("2025-01-01"), end: day("2026-08-12") }],
    });
    expect(money(result.total)).toBe("0.00");
    expect(result.rows.every((row) => row.days === 0)).toBe(true);
  });
});

describe("rounding", () => {
  it("rounding daily drifts: 10,000,000 for 31 days at .50% / 366 books 4,234.91, a 0.06 true-up to 4,234.97", () => {
    const series = navs(["2024-01-01", "10000000"]);
    const settings = {
      ...DEFAULT_ACCRUAL,
      navTiming: "Same day" as const,
      rounding: "Daily" as const,
    };
    const result = accrue({
      series,
      rates: rates(["2024-01-01", "0.005"]),
      settings,
      periodEnd: day("2024-01-31"),
    });
    // 10,000,000 × 0.005 / 366 = 136.612021…; 31 × 136.61 = 4,234.91; exact 31 × 136.612021… = 4,234.972677… → 4,234.97.
    expect(money(result.rows[0]!.booked)).toBe("4234.91");
    expect(money(result.months[0]!.trueUp)).toBe("0.06");
    expect(money(result.total)).toBe("4234.97");
  });

  it("penny-true: every prefix of a month books the rounded exact cumulative", () => {
    const navArbitrary = fc.array(
      fc.record({
        gap: fc.integer({ min: 1, max: 4 }),
        cents: fc.bigInt({ min: 0n, max: 10n ** 14n }),
      }),
      { minLength: 1, maxLength: 60 }
    );
    fc.assert(
      fc.property(
        navArbitrary,
        fc.integer({ min: 1, max: 5000 }),
        fc.boolean(),
        (points, rateTenthBp, sameDay) => {
          let date = day("2023-12-20");
          const series = points.map((point) => {
            date += point.gap;
            return { date, netAssets: new Decimal(point.cents.toString()).dividedBy(100) };
          });
          const annualRate = new Decimal(rateTenthBp).dividedBy(1_000_000);
          const settings = {
            ...DEFAULT_ACCRUAL,
            navTiming: sameDay ? ("Same day" as const) : ("Prior day" as const),
          };
          const result = accrue({
            series,
            rates: [{ start: day("2023-01-01"), annualRate }],
            settings,
          });
          // Within each month, booked so far = round(exact so far), at every row end.
          for (const row of result.rows) {
            if (row.days === 0) continue;
            const monthStart = result.months.find(
              (m) => m.period.start <= row.lastDay && row.lastDay <= m.period.end
            )!.period.start;
            const exact = exactAccrualBetween(result.runs, monthStart, row.lastDay);
            expect(money(row.monthToDate)).toBe(money(roundCents(exact)));
          }
          for (const month of result.months)
            expect(money(month.booked)).toBe(
              money(
                roundCents(exactAccrualBetween(result.runs, month.period.start, month.period.end))
              )
            );
          expect(money(sum(result.rows.map((row) => row.booked)))).toBe(money(result.total));
        }
      ),
      { numRuns: 200 }
    );
  });
});

describe("a month's fee", () => {
  it("is booked plus its rounding and reimbursement true-ups, zeros of either sign included", () => {
    const amount = fc.oneof(
      fc.constantFrom("0", "-0", "0.00"),
      fc.integer({ min: -10_000_000, max: 10_000_000 }).map((cents) => (cents / 100).toFixed(2))
    );
    fc.assert(
      fc.property(amount, amount, amount, (booked, trueUp, reimbursementTrueUp) => {
        const month = {
          booked: new Decimal(booked),
          trueUp: new Decimal(trueUp),
          reimbursementTrueUp: new Decimal(reimbursementTrueUp),
        };
        const fee = monthFee(month);
        const added = month.booked.plus(month.trueUp).plus(month.reimbursementTrueUp);
        expect(fee.equals(added)).toBe(true);
        expect(fee.isNegative()).toBe(added.isNegative());
        expect(fee.toFixed(2)).toBe(added.toFixed(2));
      }),
      { numRuns: 1000 }
    );
  });
});
