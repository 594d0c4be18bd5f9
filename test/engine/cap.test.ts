import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  accrue,
  exactAccrualBetween,
  monthFee,
  withReimbursementTrueUps,
} from "../../src/engine/accrual";
import { accrueOnFastPath } from "../../src/engine/accrueOnFastPath";
import { seriesColumns } from "../../src/engine/seriesColumns";
import { averageDailyNetAssets } from "../../src/engine/averageDailyNetAssets";
import {
  capExceptions,
  capTest,
  feesAccruedBetween,
  maximumAllowableFee,
  maximumByMonths,
} from "../../src/engine/cap";
import { day } from "../../src/engine/calendar";
import { Decimal, roundCents, ZERO } from "../../src/engine/decimal";
import { customPeriod, monthPieces, quarterPeriod } from "../../src/engine/periods";
import { d, DEFAULT_ACCRUAL, money, navs, rates } from "../support/build";

describe("average daily net assets", () => {
  const series = navs(
    ["2025-01-02", "100000000"],
    ["2025-01-03", "101000000"],
    ["2025-01-06", "99500000"],
    ["2025-01-07", "100200000"]
  );

  it("weights by calendar day on the NAVs the accrual used: 3–7 Jan 2025 → 100,500,000", () => {
    // Prior day: 3 Jan ← 100M; 4, 5, 6 Jan ← 101M; 7 Jan ← 99.5M → 502.5M / 5.
    const adna = averageDailyNetAssets(series, day("2025-01-03"), day("2025-01-07"), "Prior day");
    expect(money(adna.average!)).toBe("100500000.00");
    expect(adna.days).toBe(5);
  });

  it("on same-day NAVs the weekend carries Friday's close", () => {
    // 3, 4, 5 Jan ← 101M; 6 Jan ← 99.5M; 7 Jan ← 100.2M → 502.7M / 5 = 100,540,000.
    expect(
      money(
        averageDailyNetAssets(series, day("2025-01-03"), day("2025-01-07"), "Same day").average!
      )
    ).toBe("100540000.00");
  });

  it("leaves out days before the first NAV", () => {
    const adna = averageDailyNetAssets(series, day("2024-12-30"), day("2025-01-02"), "Same day");
    expect(adna.days).toBe(1);
    expect(money(adna.average!)).toBe("100000000.00");
    expect(
      averageDailyNetAssets(series, day("2024-12-01"), day("2024-12-31"), "Same day").average
    ).toBeNull();
  });

  it("lies between the smallest and largest NAV", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2_000_000_000 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 90 }),
        (values, length) => {
          const points = values.map((value, index) => ({
            date: day("2025-01-01") + index * 2,
            netAssets: new Decimal(value).dividedBy(100),
          }));
          const adna = averageDailyNetAssets(
            points,
            day("2025-01-01"),
            day("2025-01-01") + length,
            "Same day"
          );
          const amounts = points.map((p) => p.netAssets);
          expect(adna.average!.greaterThanOrEqualTo(Decimal.min(...amounts))).toBe(true);
          expect(adna.average!.lessThanOrEqualTo(Decimal.max(...amounts))).toBe(true);
        }
      )
    );
  });
});

describe("maximum allowable fee and headroom", () => {
  it("DOMAIN.md: 3–7 Jan 2025 at .50% on the prior-day NAVs (ADNA 100,500,000) allows 6,883.56; on same-day closes 6,886.30", () => {
    const series = navs(
      ["2025-01-02", "100000000"],
      ["2025-01-03", "101000000"],
      ["2025-01-06", "99500000"],
      ["2025-01-07", "100200000"]
    );
    const over = (timing: "Prior day" | "Same day") =>
      maximumAllowableFee({
        series,
        timing,
        maxAnnualRate: d("0.005"),
        start: day("2025-01-03"),
        end: day("2025-01-07"),
      }).maximum;
    // Prior day: .005 × 502,500,000 / 365 = 6,883.561643… → 6,883.56 (DOMAIN's figure).
    expect(money(over("Prior day"))).toBe("6883.56");
    // Same day (SPEC's default cap basis): .005 × (101 + 101 + 101 + 99.5 + 100.2) M / 365 = 6,886.301369… → 6,886.30.
    expect(money(over("Same day"))).toBe("6886.30");
  });

  it("DOMAIN.md: Q1 2024 at ADNA 10,040,000 allows .005 × 10,040,000 × 91/366 = 12,481.42", () => {
    // A constant 10,040,000 from 31 Dec 2023 gives ADNA 10,040,000 for every day of Q1 2024.
    const series = navs(["2023-12-29", "10040000"]);
    const q1 = quarterPeriod(2024, 1);
    const { maximum, days } = maximumAllowableFee({
      series,
      timing: "Same day",
      maxAnnualRate: d("0.005"),
      start: q1.start,
      end: q1.end,
    });
    expect(days).toBe(91);
    expect(money(maximum)).toBe("12481.42");
    const within = capTest(q1, maximum, d("12470.15"));
    expect(money(within.headroom)).toBe("11.27");
    expect(within.breach).toBe(false);
    // 500.00 of carryforward paid too: 12,970.15 charged → −488.73.
    const over = capTest(q1, maximum, d("12470.15"), { carryforwardPaid: d("500.00") });
    expect(money(over.headroom)).toBe("-488.73");
    expect(over.breach).toBe(true);
    expect(capExceptions("Growth", over).map((e) => e.message)).toEqual([
      "Growth: fees of 12,970.15 in 2024 Q1 exceed the maximum allowable 12,481.42 by 488.73 (carryforward paid of 500.00 counts against the Plan §1 limit).",
    ]);
  });

  it("headroom is maximum − accrued − carryforward paid to the sign of zero, a breach below −0.005", () => {
    const amount = fc.oneof(
      fc.constantFrom("0", "-0", "0.005", "-0.005", "0.0049", "-0.0051", "12481.42"),
      fc.integer({ min: -2_000_000, max: 2_000_000 }).map((cents) => (cents / 100).toFixed(2)),
      fc.integer({ min: -20_000, max: 20_000 }).map((mills) => (mills / 1000).toFixed(3))
    );
    const q1 = quarterPeriod(2024, 1);
    fc.assert(
      fc.property(
        amount,
        amount,
        fc.option(amount),
        fc.option(amount),
        (maximum, accrued, carryforwardPaid, paid) => {
          const [m, a] = [d(maximum), d(accrued)];
          const c = carryforwardPaid === null ? undefined : d(carryforwardPaid);
          const p = paid === null ? null : d(paid);
          const test = capTest(q1, m, a, {
            ...(c ? { carryforwardPaid: c } : {}),
            paid: p,
          });
          // The definition written out with decimal.js's own operations.
          const headroom = m.minus(a).minus(c ?? ZERO);
          expect(test.headroom.toString()).toBe(headroom.toString());
          expect(Object.is(test.headroom.s, headroom.s)).toBe(true);
          expect(test.breach).toBe(headroom.lessThan(d("-0.005")));
          expect(test.paidBreach).toBe(p !== null && m.minus(p).lessThan(d("-0.005")));
        }
      ),
      { numRuns: 3000 }
    );
  });

  it("a breach of fees accrued and of fees paid by the same amount is one finding; different amounts are two", () => {
    const q1 = quarterPeriod(2024, 1);
    // Maximum 12,481.42; 12,500.00 accrued and the same paid: over by 18.58 both ways.
    const same = capTest(q1, d("12481.42"), d("12500.00"), { paid: d("12500.00") });
    expect(same.breach && same.paidBreach).toBe(true);
    expect(capExceptions("Growth", same).map((e) => [e.rule, e.message])).toEqual([
      [
        "cap-breach",
        "Growth: fees accrued and paid of 12,500.00 in 2024 Q1 exceed the maximum allowable 12,481.42 by 18.58 (Plan §1 limit).",
      ],
    ]);
    // 12,500.00 accrued but 12,600.00 paid (an overpayment): over by 18.58 and by 118.58.
    const different = capTest(q1, d("12481.42"), d("12500.00"), { paid: d("12600.00") });
    expect(capExceptions("Growth", different).map((e) => e.rule)).toEqual([
      "cap-breach",
      "cap-breach-paid",
    ]);
  });

  it("names a plan year once in a breach message: 'the plan year from 2025-08-15'", () => {
    const planYear = {
      kind: "plan year" as const,
      label: "plan year from 2025-08-15",
      start: day("2025-08-15"),
      end: day("2026-08-14"),
    };
    const [finding] = capExceptions("Growth", capTest(planYear, d("1000000"), d("1000250.5")));
    expect(finding!.message).toBe(
      "Growth: fees of 1,000,250.50 in the plan year from 2025-08-15 exceed the maximum allowable 1,000,000.00 by 250.50 (Plan §1 limit)."
    );
  });

  it("uses each day's own year: 30 Dec 2024 – 2 Jan 2025 at 36,600,000 and .50%", () => {
    // 2024 days: 36,600,000 × .005 / 366 = 500.00 × 2; 2025 days: / 365 = 501.369863… × 2 → 2,002.739726… → 2,002.74.
    const series = navs(["2024-12-27", "36600000"]);
    const result = maximumAllowableFee({
      series,
      timing: "Same day",
      maxAnnualRate: d("0.005"),
      start: day("2024-12-30"),
      end: day("2025-01-02"),
    });
    expect(money(result.maximum)).toBe("2002.74");
  });

  it("allows nothing on days the plan is not in effect", () => {
    const series = navs(["2025-01-01", "73000000"]);
    const result = maximumAllowableFee({
      series,
      timing: "Same day",
      maxAnnualRate: d("0.005"),
      start: day("2025-01-01"),
      end: day("2025-01-10"),
      inEffect: [{ start: day("2025-01-05"), end: null }],
    });
    // 6 days × 1,000.00.
    expect(money(result.maximum)).toBe("6000.00");
  });

  it("a breach is headroom below −0.005: one cent over is a breach, exactly at the cap is not", () => {
    const period = customPeriod(day("2025-01-01"), day("2025-01-31"));
    expect(capTest(period, d("100.00"), d("100.00")).breach).toBe(false);
    expect(capTest(period, d("100.00"), d("100.01")).breach).toBe(true);
    expect(capTest(period, d("100.00"), d("50.00"), { paid: d("100.02") }).paidBreach).toBe(true);
  });
});

describe("the leap-year trap (DOMAIN.md)", () => {
  // 50,000,000 every day 28 Feb – 3 Mar 2024, rate .50% (= the cap), Same day.
  const series = navs(
    ["2024-02-28", "50000000"],
    ["2024-02-29", "50000000"],
    ["2024-03-01", "50000000"]
  );
  const period = customPeriod(day("2024-02-28"), day("2024-03-03"));
  const cap = () =>
    maximumAllowableFee({
      series,
      timing: "Same day",
      maxAnnualRate: d("0.005"),
      start: period.start,
      end: period.end,
    }).maximum;
  const accrueWith = (dayCount: "Actual/Actual" | "Actual/365") =>
    accrue({
      series,
      rates: rates(["2024-01-01", "0.005"]),
      settings: { ...DEFAULT_ACCRUAL, navTiming: "Same day", dayCount },
      periodEnd: period.end,
    });

  it("Actual/Actual books 683.06 · 683.06 · 2,049.18 = 3,415.30, exactly the maximum", () => {
    // 250,000 / 366 = 683.060109…; Feb: 1,366.120218… → 1,366.12; March restarts: 3 × 683.060109… = 2,049.180327… → 2,049.18.
    const result = accrueWith("Actual/Actual");
    expect(result.rows.map((row) => money(row.booked))).toEqual(["683.06", "683.06", "2049.18"]);
    // Maximum: 5 × 683.060109… = 3,415.300546… → 3,415.30.
    expect(money(cap())).toBe("3415.30");
    const test = capTest(period, cap(), feesAccruedBetween(result, period.start, period.end));
    expect(money(test.headroom)).toBe("0.00");
    expect(test.breach).toBe(false);
  });

  it("Actual/365 in a leap year breaches the .50% cap by 9.35: the booked fees against the months' maxima", () => {
    // 250,000 / 365 = 684.931506…; Feb: 1,369.863013… → 684.93 + 684.93; March: 2,054.794520… → 2,054.79.
    // (DOMAIN.md shows 2,054.80 from a cumulative that runs across the month end; SPEC §2 restarts it each month.)
    const result = accrueWith("Actual/365");
    expect(result.rows.map((row) => money(row.booked))).toEqual(["684.93", "684.93", "2054.79"]);
    // SPEC §2 "Cap" (2026-12-06): fees are what each month booked, 684.93 + 684.93 + 2,054.79 =
    // 3,424.65 (DOMAIN.md's 9.36 rounds the five days' exact 3,424.657534… once); the maximum is
    // the months' rounded maxima, Feb 2 × 683.060109… = 1,366.12 and March 2,049.18 = 3,415.30.
    const maximum = maximumByMonths({
      series,
      timing: "Same day",
      maxAnnualRate: d("0.005"),
      start: period.start,
      end: period.end,
    }).maximum;
    expect(money(maximum)).toBe(money(d("1366.12").plus("2049.18")));
    const test = capTest(period, maximum, feesAccruedBetween(result, period.start, period.end));
    expect(money(test.accrued)).toBe(money(d("684.93").plus("684.93").plus("2054.79")));
    expect(money(test.headroom)).toBe("-9.35");
    expect(test.breach).toBe(true);
  });

  it("a fee at the maximum rate under Actual/Actual on the cap's own NAVs never breaches", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            gap: fc.integer({ min: 1, max: 5 }),
            cents: fc.bigInt({ min: 0n, max: 10n ** 13n }),
          }),
          { minLength: 1, maxLength: 80 }
        ),
        fc.integer({ min: 2020, max: 2030 }),
        (points, year) => {
          let date = day(`${year}-01-01`);
          const series = points.map((p) => ({
            date: (date += p.gap),
            netAssets: new Decimal(p.cents.toString()).dividedBy(100),
          }));
          const last = series[series.length - 1]!.date;
          const settings = { ...DEFAULT_ACCRUAL, navTiming: "Same day" as const };
          const result = accrue({
            series,
            rates: [{ start: day("2019-01-01"), annualRate: d("0.005") }],
            settings,
            periodEnd: last,
          });
          for (const month of result.months) {
            const max = maximumAllowableFee({
              series,
              timing: "Same day",
              maxAnnualRate: d("0.005"),
              start: month.period.start,
              end: month.period.end,
            });
            expect(
              capTest(
                month.period,
                max.maximum,
                feesAccruedBetween(result, month.period.start, month.period.end)
              ).breach
            ).toBe(false);
          }
        }
      ),
      { numRuns: 100 }
    );
  });
});

describe("fees accrued over a span", () => {
  it("are its whole months' fees, its part months' exact fees rounded, and a part month's reimbursement true-up on its last day", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            gap: fc.integer({ min: 1, max: 9 }),
            cents: fc.bigInt({ min: 0n, max: 10n ** 13n }),
          }),
          { minLength: 1, maxLength: 60 }
        ),
        fc.constantFrom("Penny-true" as const, "Daily" as const),
        fc.array(fc.integer({ min: -5_000_000, max: 0 }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        (points, rounding, trueUpCents, from, length) => {
          let date = day("2024-11-20");
          const series = points.map((p) => ({
            date: (date += p.gap),
            netAssets: new Decimal(p.cents.toString()).dividedBy(100),
          }));
          const input = {
            series,
            rates: [{ start: day("2019-01-01"), annualRate: d("0.0025") }],
            settings: { ...DEFAULT_ACCRUAL, rounding },
            periodEnd: series[series.length - 1]!.date + 20,
          };
          const reference = accrue(input);
          // Reimbursement true-ups on some months, as planFees books them.
          const trueUps = new Map(
            reference.months
              .slice(0, trueUpCents.length)
              .map((month, i) => [month.period.label, new Decimal(trueUpCents[i]!).dividedBy(100)])
          );
          const start = day("2024-11-01") + from;
          const end = start + length;
          for (const accrual of [reference, accrueOnFastPath(input, seriesColumns(series))!]) {
            const trued = withReimbursementTrueUps(accrual, trueUps);
            let expected = ZERO;
            for (const piece of monthPieces(start, end)) {
              const month = trued.months.find((m) => m.period.start === piece.month.start);
              const whole = piece.start === piece.month.start && piece.end === piece.month.end;
              if (whole) expected = expected.plus(month ? monthFee(month) : ZERO);
              else
                expected = expected.plus(
                  roundCents(exactAccrualBetween(trued.runs, piece.start, piece.end))
                );
              if (
                !whole &&
                piece.start !== piece.month.start &&
                piece.end === piece.month.end &&
                month
              )
                expected = expected.plus(month.reimbursementTrueUp);
            }
            expect(feesAccruedBetween(trued, start, end).toString()).toBe(expected.toString());
          }
        }
      ),
      { numRuns: 300 }
    );
  });
});
