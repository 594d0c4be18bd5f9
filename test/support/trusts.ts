/**
 * Random whole trusts for the fast-path properties (test/engine/evaluatePlanFast.test.ts,
 * test/workbook/accrualColumns.test.ts): up to four portfolios with every setting; business-day
 * NAVs in whole cents at every magnitude the fast paths meet (tiny amounts that land on half
 * cents, ordinary ones, and net assets right up to and just over the limits where the fast paths
 * must hand over to decimal.js: `MAX_TABLE_CENTS` and 2^53 − 1 cents), some off the fast path
 * (a fraction of a cent) or unusable (negative, a duplicate date); §3 approvals, §4 continuances
 * on time and late, lapses and re-approvals, §6 terminations, votes that fail; rate changes
 * approved on their date, later (mid-period) or never, above the ceiling or out of range; a
 * ceiling below .50% as typed, or raised (to .75%, 1% or 100%) by a §8 amendment that passes or
 * fails; expenditures of every category and payments. NetAssets rows name their table row, as
 * the workbook reader does. Each trust's findings are part of what the two paths must agree on.
 */
import fc from "fast-check";
import { MAX_EXACT_CENTS } from "../../src/engine/accrualFast";
import { day, type Day, weekday } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { MAX_TABLE_CENTS } from "../../src/engine/maximumTable";
import {
  CAP_BASES,
  DAY_COUNTS,
  NAV_TIMINGS,
  PAYMENT_FREQUENCIES,
  PLAN_TYPES,
  PLAN_MAX_ANNUAL_RATE,
  ROUNDINGS,
  WEEKEND_BOOKINGS,
  defaultSettings,
  emptyPlan,
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

/** A vote that fails: not in person (§3), 1 of 3 independents (§6), 40% of the shares (§2(a)(42)). */
function failingVote(
  date: Day,
  action: GovernanceAction["action"],
  portfolio: string
): GovernanceAction {
  return {
    ...vote(date, action, portfolio),
    inPerson: false,
    independentFor: 1,
    sharesFor: new Decimal(400),
  };
}

export const someDay = fc.integer({ min: 0, max: 700 }).map((offset) => START + offset);

/** The day an evaluation speaks for: mostly after the NAVs end, sometimes in the middle of them. */
export const asOfDay = fc.oneof(
  someDay,
  fc.integer({ min: 500, max: 800 }).map((offset) => START + offset)
);

/** Whole cents as a decimal of dollars, exactly, beyond 2^53 too. */
const dollars = (cents: bigint) => new Decimal(cents.toString()).dividedBy(100);

/**
 * Where the NAVs sit: their first value (cents, as a bigint so that 2^53 and past are exact), how
 * far a day's change may go, and the grain every value is a multiple of. The limits are the fast
 * paths' own: the maximum table's `MAX_TABLE_CENTS` (366 days of them exact in a double) and
 * 2^53 − 1 (whole cents exact).
 */
const magnitude = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      base: fc.bigInt({ min: 0n, max: 50_000_000_000n }),
      step: fc.constant(3_000_000n),
      grain: fc.constant(1n),
    }),
  },
  // A few dollars: daily fees of a fraction of a cent, so sums land on and near half cents.
  {
    weight: 1,
    arbitrary: fc.record({
      base: fc.bigInt({ min: 0n, max: 2_000n }),
      step: fc.constant(40n),
      grain: fc.constant(1n),
    }),
  },
  // Multiples of 182.50 (or 183.00): a quarter of a cent a day at .50% on 365 days' basis (or
  // 366), so a cap period's maximum is often exactly on a half cent (the ceiling is then .50%).
  {
    weight: 2,
    arbitrary: fc.record({
      base: fc.constantFrom(0n, 18_250n, 36_500n, 18_300n, 36_600n),
      step: fc.constant(40_000n),
      grain: fc.constantFrom(18_250n, 18_300n),
    }),
  },
  ...[MAX_TABLE_CENTS, MAX_EXACT_CENTS].map((limit) => ({
    weight: 1,
    arbitrary: fc.record({
      base: fc.bigInt({ min: BigInt(limit) - 3_000n, max: BigInt(limit) + 3_000n }),
      step: fc.constant(1_000n),
      grain: fc.constant(1n),
    }),
  }))
);

/** What may be wrong with a series: nothing, a fraction of a cent (decimal.js only), or an error. */
const SERIES_FLAWS = ["none", "none", "none", "none", "none", "sub-cent", "negative", "duplicate"];

/** Business-day NAVs (weekends skipped, some holidays) from `first` days after 1 January 2024. */
const navSeries = fc
  .record({
    first: fc.integer({ min: -20, max: 200 }),
    length: fc.integer({ min: 0, max: 480 }),
    holidays: fc.array(fc.integer({ min: 0, max: 480 }), { maxLength: 12 }),
    magnitude,
    steps: fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 20 }),
    flaw: fc.constantFrom(...SERIES_FLAWS),
    flawAt: fc.nat(),
    // Every business day, or the first of each week or fortnight: rows that cover many days, so
    // lapses, terminations, rate changes and month ends fall inside a row (and NAV gaps are found).
    stride: fc.constantFrom(1, 1, 1, 7, 14),
  })
  .map(({ first, length, holidays, magnitude: { base, step, grain }, steps, ...shape }) => {
    const { flaw, flawAt, stride } = shape;
    const points: { date: Day; netAssets: Decimal }[] = [];
    let cents = base;
    let lastBlock = -1;
    for (let index = 0; index < length; index += 1) {
      const date = START + first + index;
      const dayOfWeek = weekday(date);
      if (dayOfWeek === 0 || dayOfWeek === 6 || holidays.includes(index)) continue;
      if (Math.floor(index / stride) === lastBlock) continue;
      lastBlock = Math.floor(index / stride);
      cents += (BigInt(steps[index % steps.length]!) * step) / 1000n;
      if (cents < 0n) cents = 0n;
      cents -= cents % grain;
      points.push({ date, netAssets: dollars(cents) });
    }
    const at = points.length > 0 ? flawAt % points.length : -1;
    if (at >= 0 && flaw === "sub-cent") points[at]!.netAssets = points[at]!.netAssets.plus("0.005");
    if (at >= 0 && flaw === "negative") points[at]!.netAssets = new Decimal("-0.01");
    if (at >= 0 && flaw === "duplicate") points.splice(at, 0, { ...points[at]! });
    // Quarter cents a day need the plan's .50% ceiling (see `magnitude`).
    return { points, quarterCents: grain > 1n };
  });

/** A rate row: tenths of a basis point up to .80% (some above a .50% ceiling), up to 100%, odd decimals, or negative. */
const annualRate = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.integer({ min: 0, max: 80 }).map((n) => new Decimal(n).dividedBy(10_000)),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 10_000 }).map((n) => new Decimal(n).dividedBy(10_000)),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 999_999 }).map((n) => new Decimal(n).dividedBy(1e8)),
  },
  { weight: 1, arbitrary: fc.constantFrom(new Decimal("-0.0001"), new Decimal("1.0001")) }
);

/** When the board approved a rate, relative to its Effective date: that day, later, earlier, no vote recorded, blank. */
const APPROVALS = ["same day", "same day", "later", "earlier", "no vote", "blank"] as const;

/** A governance event after the approval: gap in days from the one before, and what it is. */
const EVENTS = ["Continuance", "Continuance", "Approval", "Termination", "failing"] as const;

/** A typed Max annual rate: the plan's .50%, a lower one as typed, or raised (Plan §8). */
const CEILINGS = ["0.005", "0.005", "0.0035", "0.0075", "0.01", "1"];

/** An opening rate in force before the first NAV (so most portfolios accrue), within a .50% ceiling. */
const openingRate = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.integer({ min: 1, max: 50 }).map((n) => new Decimal(n).dividedBy(10_000)),
  },
  // At the ceiling in force then (a .50% ceiling, or one typed lower): on Actual/360, or a leap
  // year on Actual/365, it accrues more than the cap allows, and a reimbursement is capped.
  { weight: 1, arbitrary: fc.constant("at the ceiling" as const) }
);

/**
 * Each setting of a Portfolios row a property varies, over every value it may take (SPEC §1):
 * `fc.record({ portfolio: fc.constant("Growth"), ...settingArbitraries })`.
 */
export const settingArbitraries = {
  dayCount: fc.constantFrom(...DAY_COUNTS),
  navTiming: fc.constantFrom(...NAV_TIMINGS),
  weekendBooking: fc.constantFrom(...WEEKEND_BOOKINGS),
  rounding: fc.constantFrom(...ROUNDINGS),
  capBasis: fc.constantFrom(...CAP_BASES),
  planType: fc.constantFrom(...PLAN_TYPES),
  payment: fc.constantFrom(...PAYMENT_FREQUENCIES),
  fiscalYearEndMonth: fc.integer({ min: 1, max: 12 }),
};

const portfolioArbitrary = fc.record({
  // Right at the fast path's limits on purpose: net assets just under 2^53 cents, a 100% ceiling
  // raised by a §8 vote before the first NAV, a rate of 90–100% and a year or more in effect, so
  // sums of cents pass 2^53 (where a double stops holding whole cents).
  extreme: fc.oneof(
    { weight: 4, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) }
  ),
  extremeRate: fc.integer({ min: 9_000, max: 10_000 }).map((n) => new Decimal(n).dividedBy(10_000)),
  // Cents below 2^53 − 1 (on the fast path), or a few above (decimal.js only: the fast path must refuse them).
  extremeBelow: fc.oneof(
    { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: 10_000_000n }) },
    { weight: 1, arbitrary: fc.bigInt({ min: -3_000n, max: -1n }) }
  ),
  opening: openingRate,
  ...settingArbitraries,
  planEffective: fc.option(someDay, { nil: null, freq: 4 }),
  ceiling: fc.constantFrom(...CEILINGS),
  // Plan §8: the raised ceiling holds from its amendment vote (when it passes), .50% before.
  amendment: fc.option(fc.record({ date: someDay, passes: fc.boolean() }), { nil: null, freq: 5 }),
  approval: fc.integer({ min: -10, max: 120 }).map((offset) => START + offset),
  approvalPasses: fc.oneof(
    { weight: 9, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) }
  ),
  events: fc.array(
    fc.record({
      gap: fc.integer({ min: 1, max: 420 }),
      kind: fc.constantFrom(...EVENTS),
      forAll: fc.boolean(),
    }),
    { maxLength: 4 }
  ),
  rates: fc.array(
    fc.record({
      effective: someDay,
      annualRate,
      approval: fc.constantFrom(...APPROVALS),
      shift: fc.integer({ min: 1, max: 90 }),
    }),
    { maxLength: 4 }
  ),
  series: navSeries,
  expenditures: fc.array(
    fc.record({
      date: someDay,
      category: fc.constantFrom("a", "(b)", "c", "d", "e", "f", "g", "h", "i", "z"),
      payee: fc.constantFrom("Distributor", "Printer", "Broker"),
      cents: fc.oneof(fc.integer({ min: 0, max: 20_000_000 }), fc.integer({ min: 0, max: 2e12 })),
    }),
    { maxLength: 6 }
  ),
  payments: fc.array(
    fc.record({
      date: someDay,
      cents: fc.oneof(fc.integer({ min: 0, max: 20_000_000 }), fc.integer({ min: 0, max: 2e12 })),
    }),
    { maxLength: 5 }
  ),
});

type PortfolioShape = typeof portfolioArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Effective (and approved) before any NAV: the first NAV is at most 20 days before 1 January 2024. */
const OPENING = START - 40;

/** The extreme shape (see `extreme`) laid over a random portfolio: its settings, expenditures and payments. */
function extremeOf(p: PortfolioShape): PortfolioShape {
  if (!p.extreme) return p;
  const top = dollars(BigInt(MAX_EXACT_CENTS) - p.extremeBelow);
  const points: PortfolioShape["series"]["points"] = [];
  for (let date = START - 20; date < START + 560; date += 1)
    if (weekday(date) !== 0 && weekday(date) !== 6) points.push({ date, netAssets: top });
  return {
    ...p,
    ceiling: "1",
    amendment: { date: OPENING, passes: true },
    approval: OPENING,
    approvalPasses: true,
    planEffective: null,
    opening: p.extremeRate,
    rates: [],
    events: [{ gap: 300, kind: "Continuance", forAll: false }],
    series: { points, quarterCents: false },
  };
}

/** The portfolio's Governance rows: its approval, then continuances, re-approvals, terminations and failing votes. */
function governanceOf(p: PortfolioShape, name: string): GovernanceAction[] {
  const rows = [(p.approvalPasses ? vote : failingVote)(p.approval, "Approval", name)];
  let date = p.approval;
  for (const event of p.events) {
    date += event.gap;
    // "All" rows apply to every portfolio (a termination by the independent trustees too, §6; a
    // continuance after a termination is then not this one's); they carry no share counts, which
    // count for one portfolio only (§6, §8).
    const row =
      event.kind === "failing"
        ? failingVote(date, "Continuance", name)
        : event.forAll
          ? {
              ...vote(date, event.kind, "All"),
              sharesFor: null,
              sharesPresent: null,
              sharesOutstanding: null,
            }
          : vote(date, event.kind, name);
    rows.push(row);
  }
  if (p.amendment !== null)
    rows.push((p.amendment.passes ? vote : failingVote)(p.amendment.date, "Amendment", name));
  return rows;
}

export const trustArbitrary: fc.Arbitrary<Plan> = fc
  .array(portfolioArbitrary, { minLength: 1, maxLength: names.length })
  .map((portfolios) => {
    const plan = emptyPlan();
    portfolios.forEach((shape, index) => {
      const p = extremeOf(shape);
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
          planEffective: p.planEffective,
          maxAnnualRate: new Decimal(p.series.quarterCents ? "0.005" : p.ceiling),
        })
      );
      plan.governance.push(...governanceOf(p, name));
      plan.rates.push({
        portfolio: name,
        effective: OPENING,
        annualRate:
          p.opening === "at the ceiling"
            ? Decimal.min(new Decimal(p.ceiling), PLAN_MAX_ANNUAL_RATE)
            : p.opening,
        boardApproval: OPENING,
        shareholderApproval: null,
      });
      plan.governance.push(vote(OPENING, "Fee rate", name));
      for (const rate of p.rates) {
        const approvedOn = {
          "same day": rate.effective,
          later: rate.effective + rate.shift,
          earlier: rate.effective - rate.shift,
          "no vote": rate.effective + rate.shift,
          blank: null,
        }[rate.approval];
        plan.rates.push({
          portfolio: name,
          effective: rate.effective,
          annualRate: rate.annualRate,
          boardApproval: approvedOn,
          shareholderApproval: null,
        });
        if (approvedOn !== null && rate.approval !== "no vote")
          plan.governance.push(vote(approvedOn, "Fee rate", name));
      }
      for (const point of p.series.points)
        plan.netAssets.push({
          date: point.date,
          portfolio: name,
          netAssets: point.netAssets,
          source: { table: "NetAssets", row: plan.netAssets.length + 1 },
        });
      for (const e of p.expenditures)
        plan.expenditures.push({
          date: e.date,
          portfolio: name,
          category: e.category,
          amount: new Decimal(e.cents).dividedBy(100),
          payee: e.payee,
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
