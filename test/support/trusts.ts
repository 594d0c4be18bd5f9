/**
 * Random whole trusts for the fast-path properties (test/engine/evaluatePlanFast.test.ts,
 * test/workbook/accrualColumns.test.ts): up to four portfolios with every setting, business-day
 * NAVs in whole cents, rate changes with and without votes, a raised ceiling from its amendment,
 * expenditures and payments. NetAssets rows name their table row, as the workbook reader does.
 */
import fc from "fast-check";
import { day, type Day, weekday } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import {
  CAP_BASES,
  DAY_COUNTS,
  NAV_TIMINGS,
  PAYMENT_FREQUENCIES,
  PLAN_TYPES,
  ROUNDINGS,
  WEEKEND_BOOKINGS,
  defaultSettings,
  type GovernanceAction,
  type Plan,
} from "../../src/engine/plan";

const START = day("2024-01-01");
const names = ["Growth", "Income", "Bond", "Muni"];

/**
 * Every Decimal as its string, so two evaluations compare to the cent (and beyond). Left out: the
 * cap's maximum table (how figures are computed, null on the reference) and the fast path's row
 * and run columns (the same figures as `rows` and `runs`, which are compared, as are the cap
 * tests summed from them; test/workbook/accrualColumns.test.ts holds what is written from them).
 */
export function moneyAsStrings(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) =>
      key === "maximums" || key === "rowColumns" || key === "runColumns"
        ? undefined
        : v instanceof Decimal
          ? `D:${v.toString()}`
          : v
    )
  );
}

/** A passing vote of every body (Plan §4, §8): 5 of 5 trustees, 3 of 3 independents in person, 60% of shares. */
export function vote(
  date: Day,
  action: GovernanceAction["action"],
  portfolio: string
): GovernanceAction {
  return {
    date,
    action,
    portfolio,
    trusteesFor: 5,
    trusteesTotal: 5,
    independentFor: 3,
    independentTotal: 3,
    inPerson: true,
    sharesFor: new Decimal(600),
    sharesPresent: new Decimal(1000),
    sharesOutstanding: new Decimal(1000),
  };
}

export const someDay = fc.integer({ min: 0, max: 700 }).map((offset) => START + offset);

/** Business-day NAVs (weekends skipped, some holidays), whole cents, with the odd large value. */
const navSeries = fc
  .record({
    first: fc.integer({ min: -20, max: 200 }),
    length: fc.integer({ min: 0, max: 420 }),
    holidays: fc.array(fc.integer({ min: 0, max: 420 }), { maxLength: 12 }),
    base: fc.integer({ min: 0, max: 50_000_000_000 }),
    steps: fc.array(fc.integer({ min: -3_000_000, max: 3_000_000 }), {
      minLength: 1,
      maxLength: 20,
    }),
  })
  .map(({ first, length, holidays, base, steps }) => {
    const points: { date: Day; cents: number }[] = [];
    let cents = base;
    for (let index = 0; index < length; index += 1) {
      const date = START + first + index;
      const dayOfWeek = weekday(date);
      if (dayOfWeek === 0 || dayOfWeek === 6 || holidays.includes(index)) continue;
      cents = Math.max(0, cents + steps[index % steps.length]!);
      points.push({ date, cents });
    }
    return points;
  });

const portfolioArbitrary = fc.record({
  dayCount: fc.constantFrom(...DAY_COUNTS),
  navTiming: fc.constantFrom(...NAV_TIMINGS),
  weekendBooking: fc.constantFrom(...WEEKEND_BOOKINGS),
  rounding: fc.constantFrom(...ROUNDINGS),
  capBasis: fc.constantFrom(...CAP_BASES),
  planType: fc.constantFrom(...PLAN_TYPES),
  payment: fc.constantFrom(...PAYMENT_FREQUENCIES),
  fiscalYearEndMonth: fc.integer({ min: 1, max: 12 }),
  raisedCeiling: fc.option(someDay, { nil: null }),
  approval: fc.integer({ min: -10, max: 120 }).map((offset) => START + offset),
  rates: fc.array(
    fc.record({
      effective: someDay,
      tenths: fc.integer({ min: 1, max: 75 }),
      voted: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 }
  ),
  series: navSeries,
  expenditures: fc.array(
    fc.record({ date: someDay, cents: fc.integer({ min: 0, max: 20_000_000 }) }),
    { maxLength: 5 }
  ),
  payments: fc.array(fc.record({ date: someDay, cents: fc.integer({ min: 0, max: 20_000_000 }) }), {
    maxLength: 5,
  }),
});

export const trustArbitrary: fc.Arbitrary<Plan> = fc
  .array(portfolioArbitrary, { minLength: 1, maxLength: names.length })
  .map((portfolios) => {
    const plan: Plan = {
      portfolios: [],
      rates: [],
      governance: [],
      agreements: [],
      expenditures: [],
      payments: [],
      netAssets: [],
    };
    portfolios.forEach((p, index) => {
      const name = names[index]!;
      plan.portfolios.push(
        defaultSettings(name, {
          dayCount: p.dayCount,
          navTiming: p.navTiming,
          weekendBooking: p.weekendBooking,
          rounding: p.rounding,
          capBasis: p.capBasis,
          planType: p.planType,
          payment: p.payment,
          fiscalYearEndMonth: p.fiscalYearEndMonth,
          ...(p.raisedCeiling !== null ? { maxAnnualRate: new Decimal("0.0075") } : {}),
        })
      );
      plan.governance.push(vote(p.approval, "Approval", name));
      // Plan §8: the raised ceiling holds from its amendment vote, .50% before (split cap periods).
      if (p.raisedCeiling !== null) plan.governance.push(vote(p.raisedCeiling, "Amendment", name));
      for (const rate of p.rates) {
        plan.rates.push({
          portfolio: name,
          effective: rate.effective,
          annualRate: new Decimal(rate.tenths).dividedBy(10_000),
          boardApproval: rate.voted ? rate.effective : null,
          shareholderApproval: null,
        });
        if (rate.voted) plan.governance.push(vote(rate.effective, "Fee rate", name));
      }
      for (const point of p.series)
        plan.netAssets.push({
          date: point.date,
          portfolio: name,
          netAssets: new Decimal(point.cents).dividedBy(100),
          source: { table: "NetAssets", row: plan.netAssets.length + 1 },
        });
      for (const e of p.expenditures)
        plan.expenditures.push({
          date: e.date,
          portfolio: name,
          category: "(b)",
          amount: new Decimal(e.cents).dividedBy(100),
          payee: "Distributor",
          description: "selling",
        });
      for (const payment of p.payments)
        plan.payments.push({
          date: payment.date,
          portfolio: name,
          amount: new Decimal(payment.cents).dividedBy(100),
          reference: "wire",
        });
    });
    plan.rates.sort((a, b) => a.effective - b.effective);
    return plan;
  });
