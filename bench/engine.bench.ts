/**
 * Benchmarks (1) and (2) of issue 5: the accrual, and ADNA + maximum fee +
 * headroom, over a 1,048,576-row NAV column, against a plain float64 loop and
 * a naive per-row decimal.js loop measured in the same run.
 */
import { accrue } from "../src/engine/accrual";
import { accrueFast } from "../src/engine/accrualFast";
import { averageAndMaximumFast } from "../src/engine/capFast";
import { Decimal, roundCents, ZERO } from "../src/engine/decimal";
import { formatTable, measure } from "./harness";
import { navColumn } from "./navColumn";

const ROWS = 1_048_576;
const RATE = 0.0025;
const settings = {
  dayCount: "Actual/Actual",
  navTiming: "Prior day",
  weekendBooking: "Forward",
  rounding: "Penny-true",
} as const;

export function engineBenchmarks(): string {
  const column = navColumn(ROWS);
  const { dates, netAssetsCents, netAssetsDollars } = column;
  const rates = [{ start: dates[0]!, annualRate: new Decimal(RATE) }];
  const first = dates[0]!;
  const last = dates[ROWS - 1]!;

  // (1) Accrual.
  // Like the accrual, the baseline produces one amount per NAV row (a column), not just a total.
  const floatAccrual = measure(
    "float64 loop writing a fee column (baseline, not exact)",
    ROWS,
    () => {
      const fees = new Float64Array(ROWS);
      for (let index = 0; index < ROWS; index += 1) {
        const days = index + 1 < ROWS ? dates[index + 1]! - dates[index]! : 1;
        fees[index] = ((netAssetsDollars[index]! * RATE) / 365) * days;
      }
      return fees;
    }
  );
  const floatTotal = measure("float64 loop summing a total only (for reference)", ROWS, () => {
    let total = 0;
    for (let index = 0; index < ROWS; index += 1) {
      const days = index + 1 < ROWS ? dates[index + 1]! - dates[index]! : 1;
      total += ((netAssetsDollars[index]! * RATE) / 365) * days;
    }
    return total;
  });
  // rule12b1 runs before the naive decimal.js loop, whose hundreds of MiB of garbage would otherwise be
  // collected during whichever measurement comes next.
  const fast = measure("rule12b1 accrueFast (exact, full rules)", ROWS, () =>
    accrueFast({ dates, netAssetsCents, rates, settings })
  );
  const naiveDecimal = measure(
    "naive per-row decimal.js loop",
    ROWS,
    () => {
      let cumulative = ZERO;
      let booked = ZERO;
      const rate = new Decimal(RATE);
      for (let index = 0; index < ROWS; index += 1) {
        const days = index + 1 < ROWS ? dates[index + 1]! - dates[index]! : 1;
        cumulative = cumulative.plus(
          new Decimal(netAssetsDollars[index]!).times(rate).dividedBy(365).times(days)
        );
        booked = roundCents(cumulative);
      }
      return booked;
    },
    3
  );
  const accrualRows = [floatAccrual, floatTotal, naiveDecimal, fast];
  const fallbacks = accrueFast({ dates, netAssetsCents, rates, settings }).exactFallbacks;

  // (2) ADNA + maximum allowable fee + headroom over the whole column.
  const feesCents = accrueFast({ dates, netAssetsCents, rates, settings }).totalCents;
  const floatCap = measure("float64 loop (baseline, not exact)", ROWS, () => {
    let centDays = 0;
    let days = 0;
    let maximum = 0;
    for (let index = 0; index < ROWS; index += 1) {
      const span = index + 1 < ROWS ? dates[index + 1]! - dates[index]! : 1;
      centDays += netAssetsCents[index]! * span;
      days += span;
      maximum += ((netAssetsCents[index]! * 0.005) / 365) * span;
    }
    return [centDays / days, maximum, maximum - feesCents];
  });
  const fastCap = measure("rule12b1 averageAndMaximumFast + headroom (exact)", ROWS, () => {
    const result = averageAndMaximumFast({
      dates,
      netAssetsCents,
      timing: "Same day",
      maxAnnualRate: new Decimal("0.005"),
      start: first,
      end: last,
    });
    return result.maximumCents - feesCents;
  });

  const naiveCap = measure(
    "naive per-row decimal.js loop",
    ROWS,
    () => {
      let centDays = ZERO;
      let maximum = ZERO;
      let days = 0;
      const rate = new Decimal("0.005");
      for (let index = 0; index < ROWS; index += 1) {
        const span = index + 1 < ROWS ? dates[index + 1]! - dates[index]! : 1;
        const netAssets = new Decimal(netAssetsDollars[index]!);
        centDays = centDays.plus(netAssets.times(span));
        maximum = maximum.plus(netAssets.times(rate).dividedBy(365).times(span));
        days += span;
      }
      return [
        centDays.dividedBy(days),
        roundCents(maximum),
        roundCents(maximum).minus(feesCents / 100),
      ];
    },
    3
  );
  return [
    formatTable("(1) Accrual of 1,048,576 NAV rows", floatAccrual, accrualRows),
    "",
    `Exact fallbacks to decimal.js in the fast accrual: ${fallbacks} of ${ROWS.toLocaleString("en-US")} rows.`,
    "",
    formatTable("(2) ADNA + maximum allowable fee + headroom over the same column", floatCap, [
      floatCap,
      naiveCap,
      fastCap,
    ]),
  ].join("\n");
}

/**
 * The decimal.js reference engine on the same column, for scale — run last by
 * `bench/run.ts`: it allocates gigabytes, which would disturb the other timings.
 */
export function referenceBenchmark(): string {
  const { dates, netAssetsCents } = navColumn(ROWS);
  const rates = [{ start: dates[0]!, annualRate: new Decimal(RATE) }];
  const series = Array.from(dates, (date, index) => ({
    date,
    netAssets: new Decimal(netAssetsCents[index]!).dividedBy(100),
  }));
  const fast = measure("rule12b1 accrueFast (exact, full rules)", ROWS, () =>
    accrueFast({ dates, netAssetsCents, rates, settings })
  );
  const reference = measure(
    "rule12b1 accrue (decimal.js reference, full rules; 1 run)",
    ROWS,
    () => accrue({ series, rates, settings }),
    1
  );
  return formatTable(
    "The decimal.js reference engine on the column of (1), against the fast path",
    fast,
    [fast, reference]
  );
}
