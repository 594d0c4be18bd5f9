import { cellErrorOf } from "./setup";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, roundCents } from "../../src/engine/decimal";
import { accrual, daysineffect, effectiverate, fees } from "../../src/functions/functions";

// Excel serials (1900 system): 2025-01-01 = 45658, 2024-01-01 = 45658 − 366 = 45292.
const JAN_1_2025 = 45658;
const JAN_2 = JAN_1_2025 + 1;
const JAN_3 = JAN_1_2025 + 2;
const JAN_6 = JAN_1_2025 + 5;
const JAN_7 = JAN_1_2025 + 6;
const JAN_10 = JAN_1_2025 + 9;
const JAN_1_2024 = 45292;
const FEB_28_2024 = JAN_1_2024 + 31 + 27;
const MAR_3_2024 = FEB_28_2024 + 4;

/** As Excel passes a column: rows of one cell. */
const column = (...values: unknown[]): unknown[][] => values.map((value) => [value]);
/** As Excel passes one cell given for a range parameter. */
const one = (value: unknown): unknown[][] => [[value]];

// DOMAIN.md "Daily accrual — worked example": NAVs of 2, 3, 6, 7 Jan 2025.
const DATES = column(JAN_2, JAN_3, JAN_6, JAN_7);
const NAVS = column(100_000_000, 101_000_000, 99_500_000, 100_200_000);

/** One day's unrounded fee: net assets × rate ÷ basis. */
const daily = (netAssets: number, rate: string, basis = 365) =>
  new Decimal(netAssets).times(rate).dividedBy(basis);
const dollars = (value: Decimal) => roundCents(value).toNumber();
/** What penny-true books for each step of a running total: round(after) − round(before). */
const booked = (cumulatives: Decimal[]) =>
  cumulatives.map((after, index) =>
    index === 0
      ? dollars(after)
      : roundCents(after)
          .minus(roundCents(cumulatives[index - 1]!))
          .toNumber()
  );

describe("ACCRUAL with a rate schedule (SPEC §3: two columns, effective date and rate)", () => {
  // The board raises the rate from 0.25% to 0.35% effective Monday 6 Jan 2025.
  const SCHEDULE = [
    [JAN_1_2025, 0.0025],
    [JAN_6, "0.35%"],
  ];

  it("each day accrues at the rate in force on it: the rise starts with Monday's row", () => {
    const through3 = daily(100_000_000, "0.0025").plus(daily(101_000_000, "0.0025").times(2));
    // Monday 6 Jan uses Friday's NAV (Prior day) at the new rate; Tuesday uses Monday's.
    const through6 = through3.plus(daily(101_000_000, "0.0035"));
    const through7 = through6.plus(daily(99_500_000, "0.0035"));
    const [row3, row6, row7] = booked([through3, through6, through7]);
    expect([row3, row6, row7]).toEqual([2068.49, 968.5, 954.11]);
    expect(accrual(DATES, NAVS, SCHEDULE)).toEqual(column(0, row3, row6, row7));
  });

  it("reads the schedule in any order and skips blank rows (blank as '', null or desktop's 0)", () => {
    const shuffled = [
      [JAN_6, 0.0035],
      ["", ""],
      [0, 0],
      [JAN_1_2025, 0.0025],
      [null, null],
    ];
    expect(accrual(DATES, NAVS, shuffled)).toEqual(accrual(DATES, NAVS, SCHEDULE));
  });

  it("a single rate given as one cell is in force from the first NAV, as before", () => {
    expect(accrual(DATES, NAVS, one(0.0025))).toEqual(column(0, 2068.49, 691.78, 681.51));
    expect(accrual(DATES, NAVS, [[JAN_1_2025, 0.0025]])).toEqual(accrual(DATES, NAVS, one(0.0025)));
  });

  it("days before the schedule's first effective date accrue nothing", () => {
    // From 6 Jan only: the 3 Jan row (3–5 Jan) books nothing.
    const through6 = daily(101_000_000, "0.0025");
    const through7 = through6.plus(daily(99_500_000, "0.0025"));
    expect(accrual(DATES, NAVS, [[JAN_6, 0.0025]])).toEqual(
      column(0, 0, ...booked([through6, through7]))
    );
  });

  it("refuses a schedule it cannot read, naming the row", () => {
    expect(cellErrorOf(() => accrual(DATES, NAVS, [[JAN_1_2025, 0.0025, 1]]))).toEqual({
      code: "#VALUE!",
      message:
        "annualRate must be one rate or two columns, effective date and annual rate (it is 1 rows by 3 columns).",
    });
    expect(cellErrorOf(() => accrual(DATES, NAVS, column(0.0025, 0.0035))).message).toMatch(
      /must be one rate or two columns/
    );
    expect(
      cellErrorOf(() =>
        accrual(DATES, NAVS, [
          [JAN_1_2025, 0.0025],
          ["", 0.0035],
        ])
      )
    ).toEqual({
      code: "#VALUE!",
      message: "annualRate, row 2 has a rate but no effective date.",
    });
    expect(cellErrorOf(() => accrual(DATES, NAVS, [[JAN_1_2025, ""]])).message).toBe(
      "annualRate, row 1 has an effective date but no rate."
    );
    expect(
      cellErrorOf(() =>
        accrual(DATES, NAVS, [
          [JAN_6, 0.0025],
          [JAN_1_2025, 0.003],
          [JAN_6, 0.0035],
        ])
      ).message
    ).toBe("annualRate, row 3 repeats the effective date 2025-01-06: keep one rate per date.");
    // #NUM! carries no message in Excel (only #VALUE! and #N/A do): the code is the meaning.
    expect(cellErrorOf(() => accrual(DATES, NAVS, [[JAN_6, 35]]))).toEqual({ code: "#NUM!" });
    expect(cellErrorOf(() => accrual(DATES, NAVS, [["", ""]])).message).toBe(
      "annualRate has no rates: give a rate, or effective dates and rates."
    );
  });
});

describe("ACCRUAL weekend booking and rounding (SPEC §2 Days covered, Rounding)", () => {
  it("Catch-up: Monday's row books Saturday to Monday (0 · 684.93 · 2,075.34 · 681.51)", () => {
    // Prior day: 3 Jan on Thursday's 100M; 4, 5, 6 Jan on Friday's 101M; 7 Jan on Monday's 99.5M.
    const through3 = daily(100_000_000, "0.0025");
    const through6 = through3.plus(daily(101_000_000, "0.0025").times(3));
    const through7 = through6.plus(daily(99_500_000, "0.0025"));
    const rows = booked([through3, through6, through7]);
    expect(rows).toEqual([684.93, 2075.34, 681.51]);
    expect(accrual(DATES, NAVS, one(0.0025), null, null, JAN_7, "Catch-up")).toEqual(
      column(0, ...rows)
    );
    // The same days and total as Forward booking: only the row that books them moves.
    const forward = accrual(DATES, NAVS, one(0.0025), null, null, JAN_7, "Forward") as number[][];
    expect(forward).toEqual(column(0, 2068.49, 691.78, 681.51));
  });

  it("Daily rounding drifts: 31 × 136.61 = 4,234.91 against penny-true's 4,234.97 (DOMAIN.md)", () => {
    // $10,000,000 every day of January 2024 at .50% ÷ 366, Same day.
    const dates = column(...Array.from({ length: 31 }, (_, index) => JAN_1_2024 + index));
    const navs = column(...Array.from({ length: 31 }, () => 10_000_000));
    const oneDay = dollars(daily(10_000_000, "0.005", 366));
    expect(oneDay).toBe(136.61);
    const sum = (rows: unknown) => (rows as number[][]).reduce((total, [v]) => total + v!, 0);
    const dailyRows = accrual(dates, navs, one(0.005), null, "Same day", null, null, "Daily");
    expect((dailyRows as number[][]).every(([v]) => v === oneDay)).toBe(true);
    expect(Math.round(sum(dailyRows) * 100) / 100).toBe(4234.91);
    const exactMonth = dollars(daily(10_000_000, "0.005", 366).times(31));
    expect(exactMonth).toBe(4234.97);
    const pennyTrue = accrual(dates, navs, one(0.005), null, "Same day", null, null, "Penny-true");
    expect(Math.round(sum(pennyTrue) * 100) / 100).toBe(exactMonth);
  });

  it("refuses an unknown booking or rounding, listing the choices", () => {
    expect(
      cellErrorOf(() => accrual(DATES, NAVS, one(0.0025), null, null, null, "Backward"))
    ).toEqual({
      code: "#VALUE!",
      message: 'weekendBooking is "Backward"; use one of "Forward", "Catch-up".',
    });
    expect(
      cellErrorOf(() => accrual(DATES, NAVS, one(0.0025), null, null, null, null, "Monthly"))
        .message
    ).toBe('rounding is "Monthly"; use one of "Penny-true", "Daily".');
  });
});

describe("FEES (the fee for a period by the plan's rules)", () => {
  it("DOMAIN.md 2–7 Jan, Prior day: the exact 3,441.7808… rounded once = 3,441.78", () => {
    const exact = daily(100_000_000, "0.0025")
      .plus(daily(101_000_000, "0.0025").times(3))
      .plus(daily(99_500_000, "0.0025"));
    expect(dollars(exact)).toBe(3441.78);
    expect(fees(DATES, NAVS, one(0.0025))).toBe(3441.78);
  });

  it("Same day: 684.93 + 2,075.34 + 681.51 + 686.30 = 4,128.08", () => {
    const exact = daily(100_000_000 + 3 * 101_000_000 + 99_500_000 + 100_200_000, "0.0025");
    expect(dollars(exact)).toBe(4128.08);
    expect(fees(DATES, NAVS, one("0.25%"), null, null, null, "Same day")).toBe(4128.08);
  });

  it("a part of the series: 6–7 Jan on Friday's and Monday's NAVs", () => {
    const exact = daily(101_000_000, "0.0025").plus(daily(99_500_000, "0.0025"));
    expect(fees(DATES, NAVS, one(0.0025), JAN_6, JAN_7)).toBe(dollars(exact));
    expect(dollars(exact)).toBe(1373.29);
  });

  it("the last NAV carries to `to`: 8–10 Jan accrue on Tuesday's 100.2M", () => {
    const exact = daily(100_000_000, "0.0025")
      .plus(daily(101_000_000, "0.0025").times(3))
      .plus(daily(99_500_000, "0.0025"))
      .plus(daily(100_200_000, "0.0025").times(3));
    expect(fees(DATES, NAVS, one(0.0025), null, JAN_10)).toBe(dollars(exact));
  });

  it("follows a rate schedule: 0.25% to 5 Jan, 0.35% from 6 Jan", () => {
    const exact = daily(100_000_000, "0.0025")
      .plus(daily(101_000_000, "0.0025").times(2))
      .plus(daily(101_000_000, "0.0035"))
      .plus(daily(99_500_000, "0.0035"));
    const schedule = [
      [JAN_1_2025, 0.0025],
      [JAN_6, 0.0035],
    ];
    expect(fees(DATES, NAVS, schedule)).toBe(dollars(exact));
  });

  it("a whole month is what the month booked: January 2024 at .50% = 4,234.97 (true-up included)", () => {
    const dates = column(...Array.from({ length: 31 }, (_, index) => JAN_1_2024 + index));
    const navs = column(...Array.from({ length: 31 }, () => 10_000_000));
    expect(fees(dates, navs, one(0.005), null, null, null, "Same day")).toBe(
      dollars(daily(10_000_000, "0.005", 366).times(31))
    );
  });

  it("the leap-year trap: Actual/365 at .50% on 50M, 28 Feb – 3 Mar 2024 = 3,424.65, what the months booked", () => {
    const dates = column(FEB_28_2024, FEB_28_2024 + 1, FEB_28_2024 + 2);
    const navs = column(50_000_000, 50_000_000, 50_000_000);
    // Month by month (SPEC §2 "Cap", §5 "the sum of what was booked"): February's 2 days ÷ 365
    // and March's 3, each rounded: 1,369.86 + 2,054.79 = 3,424.65 (the five days' exact total
    // rounded once would be 3,424.66).
    const february = dollars(daily(50_000_000, "0.005", 365).times(2));
    const march = dollars(daily(50_000_000, "0.005", 365).times(3));
    expect([february, march]).toEqual([1369.86, 2054.79]);
    expect(dollars(daily(50_000_000, "0.005", 365).times(5))).toBe(3424.66);
    expect(fees(dates, navs, one(0.005), null, MAR_3_2024, "Actual/365", "Same day")).toBe(
      Math.round((february + march) * 100) / 100
    );
    expect(fees(dates, navs, one(0.005), null, MAR_3_2024, null, "Same day")).toBe(
      dollars(daily(50_000_000, "0.005", 366).times(5))
    );
  });

  it("refuses a period that starts after it ends, and a range without NAV dates", () => {
    expect(cellErrorOf(() => fees(DATES, NAVS, one(0.0025), JAN_7, JAN_6))).toEqual({
      code: "#VALUE!",
      message: "from (2025-01-07) is after to (2025-01-06).",
    });
    expect(cellErrorOf(() => fees(column(null), column(null), one(0.0025))).code).toBe("#N/A");
  });
});

describe("EFFECTIVERATE (fees ÷ ADNA, annualised as the cap counts days)", () => {
  it("DOMAIN.md 3–7 Jan: 3,441.78 on the cap's same-day ADNA of 100,540,000 over 5 days ÷ 365", () => {
    const expected = new Decimal("3441.78").dividedBy(
      new Decimal(100_540_000).times(5).dividedBy(365)
    );
    expect(effectiverate(DATES, NAVS, one(3441.78), JAN_3, JAN_7)).toBeCloseTo(
      expected.toNumber(),
      15
    );
    // On the NAVs the fee accrued on (ADNA 100,500,000) it is the rate set, to a rounding.
    const onAccrual = new Decimal("3441.78").dividedBy(
      new Decimal(100_500_000).times(5).dividedBy(365)
    );
    expect(effectiverate(DATES, NAVS, one(3441.78), JAN_3, JAN_7, "Prior day")).toBeCloseTo(
      onAccrual.toNumber(),
      15
    );
    expect(onAccrual.toDecimalPlaces(6).toNumber()).toBe(0.0025);
  });

  it("shows the leap-year trap as a rate above the plan's .50%", () => {
    const dates = column(FEB_28_2024, FEB_28_2024 + 1, FEB_28_2024 + 2);
    const navs = column(50_000_000, 50_000_000, 50_000_000);
    const rate = effectiverate(dates, navs, one(3424.65), null, MAR_3_2024);
    const expected = new Decimal("3424.65").times(366).dividedBy(250_000_000);
    expect(rate).toBeCloseTo(expected.toNumber(), 15);
    expect(rate).toBeGreaterThan(0.005);
  });

  it("sums a column of fees, blanks skipped", () => {
    expect(effectiverate(DATES, NAVS, column(2068.49, "", 691.78, 681.51), JAN_3, JAN_7)).toBe(
      effectiverate(DATES, NAVS, one(3441.78), JAN_3, JAN_7)
    );
  });

  it("is #N/A with no net assets in the period and #VALUE! when a NAV is 0 (a desktop blank)", () => {
    expect(cellErrorOf(() => effectiverate(DATES, NAVS, one(1), JAN_1_2025, JAN_1_2025)).code).toBe(
      "#N/A"
    );
    // A NAV of 0 is refused as a desktop blank (SPEC §3), so "all zero" no longer reaches #DIV/0!.
    expect(cellErrorOf(() => effectiverate(column(JAN_2), column(0), one(1))).code).toBe("#VALUE!");
  });
});

describe("DAYSINEFFECT (Plan §3, §4, §6, by INEFFECT's rule for each day)", () => {
  // Q3 2026: 1 Jul (2026-01-01 = 45658 + 365 = 46023, + 181) to 30 Sep.
  const JUL_1_2026 = 46023 + 181;
  const SEP_30_2026 = JUL_1_2026 + 91;
  const AUG_15_2025 = JAN_1_2025 + 226;

  it("an approval on 15 Aug 2025 lapses on 15 Aug 2026: Q3 2026 has 31 + 14 = 45 days in effect", () => {
    expect(daysineffect(JUL_1_2026, SEP_30_2026, column(AUG_15_2025))).toBe(31 + 14);
  });

  it("a continuance on 10 Aug 2026 keeps every one of Q3's 92 days", () => {
    expect(daysineffect(JUL_1_2026, SEP_30_2026, column(JUL_1_2026 + 40, "", AUG_15_2025))).toBe(
      92
    );
  });

  it("a termination on 1 Sep 2026 stops it: 31 + 31 = 62 days", () => {
    expect(
      daysineffect(JUL_1_2026, SEP_30_2026, column(AUG_15_2025, JUL_1_2026 + 40), JUL_1_2026 + 62)
    ).toBe(62);
  });

  it("a plan-effective date after the approval starts the year from it: 1 Sep 2025 runs through 31 Aug 2026, 62 days of Q3", () => {
    const SEP_1_2025 = AUG_15_2025 + 17;
    expect(daysineffect(JUL_1_2026, SEP_30_2026, column(AUG_15_2025), null, SEP_1_2025)).toBe(
      31 + 31
    );
  });

  it("refuses from after to", () => {
    expect(
      cellErrorOf(() => daysineffect(SEP_30_2026, JUL_1_2026, column(AUG_15_2025))).message
    ).toBe("from (2026-09-30) is after to (2026-07-01).");
  });
});

describe("properties over random NAV series and rate schedules", () => {
  // Serials from 1 Jan 2025; up to ~4 months of NAVs with gaps of 1–5 days, whole-cent net assets.
  const series = fc
    .array(
      fc.record({ gap: fc.integer({ min: 1, max: 5 }), cents: fc.integer({ min: 1, max: 5e11 }) }),
      {
        minLength: 1,
        maxLength: 40,
      }
    )
    .map((rows) => {
      let serial = JAN_1_2025 - 1;
      return rows.map(({ gap, cents }) => ({ serial: (serial += gap), netAssets: cents / 100 }));
    });
  const schedule = fc.array(
    fc.record({ offset: fc.integer({ min: 0, max: 120 }), bp: fc.integer({ min: 0, max: 75 }) }),
    { minLength: 1, maxLength: 3 }
  );
  const MAR_31_2025 = JAN_1_2025 + 31 + 28 + 30;
  const monthEndAfter = (serial: number) =>
    [JAN_1_2025 + 30, JAN_1_2025 + 58, MAR_31_2025, MAR_31_2025 + 30, MAR_31_2025 + 61].find(
      (end) => end >= serial
    )!;
  const total = (rows: unknown) =>
    Math.round((rows as (number | string)[][]).reduce((sum, [v]) => sum + Number(v), 0) * 100);

  it("FEES over whole months equals the sum of ACCRUAL's penny-true rows; Catch-up books the same total as Forward", () => {
    fc.assert(
      fc.property(series, schedule, fc.boolean(), (navs, rates, sameDay) => {
        // A NAV on the month end, so FEES's period does not reach past the NAVs (that is #N/A).
        const end = monthEndAfter(navs[navs.length - 1]!.serial);
        if (navs[navs.length - 1]!.serial < end) navs.push({ serial: end, netAssets: 1 });
        const dates = column(...navs.map((n) => n.serial));
        const netAssets = column(...navs.map((n) => n.netAssets));
        const byDate = new Map(rates.map((r) => [JAN_1_2025 + r.offset, r.bp / 10_000]));
        const range = [...byDate].map(([serial, rate]) => [serial, rate]);
        const timing = sameDay ? "Same day" : "Prior day";
        const forward = accrual(dates, netAssets, range, null, timing, end, "Forward");
        const catchUp = accrual(dates, netAssets, range, null, timing, end, "Catch-up");
        expect(total(catchUp)).toBe(total(forward));
        expect(Math.round(fees(dates, netAssets, range, JAN_1_2025, end, null, timing) * 100)).toBe(
          total(forward)
        );
      }),
      { numRuns: 150 }
    );
  });
});
