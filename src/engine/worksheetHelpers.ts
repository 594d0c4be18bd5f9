/**
 * Small pure rules the worksheet functions (`=RULE12B1.…`) need in a shape the
 * table-driven engine does not offer: NAV columns as they sit on a sheet
 * (blank rows, plain numbers), one fee over n days, a running carryforward
 * balance without reporting periods, and "in effect on this date" from plain
 * approval dates. Each is a thin arrangement of the engine's own rules.
 */
import { basisDaysFor, dailyFeeExact } from "./accrual";
import { civilFromDay, type Day, dayFromCivil } from "./calendar";
import { carryforwardLedger } from "./carryforward";
import { Decimal, moneyFromDouble, ZERO } from "./decimal";
import { lapseDate } from "./inEffect";
import type { NavPoint } from "./netAssetsSeries";
import { customPeriod } from "./periods";
import type { DayCount, PlanType } from "./plan";

/** Below this many cents a double's cent rounding is decided in float (see `centsFromDouble`). */
const FAST_CENTS_LIMIT = 2 ** 50;
/** Relative guard around a half cent: ≥ the float error of x·100 plus the shortest-decimal's distance from x (each ≤ 2^-53 relative). */
const HALF_CENT_GUARD = 2 ** -49;

/**
 * Whole cents of an amount that arrives as a double (an Excel cell), by the
 * same edge rule as `moneyFromDouble` — the double's shortest round-trip
 * decimal, rounded half-up (away from zero) to the cent — but without
 * decimal.js unless the value sits within a hair of a half cent, where the
 * float product x·100 could fall on the wrong side (1.005 is stored as
 * 1.00499999999999989…, its shortest decimal is 1.005, which rounds to
 * 1.01). Returns null when the cents are not a whole number a double holds
 * exactly (beyond 2^53 cents, about $90 trillion).
 *
 * `centsFromDouble(2068.495)` → 206850; `centsFromDouble(1.005)` → 101.
 */
export function centsFromDouble(value: number): number | null {
  const magnitude = value < 0 ? -value * 100 : value * 100;
  if (magnitude < FAST_CENTS_LIMIT) {
    const fraction = magnitude - Math.floor(magnitude);
    const distance = fraction - 0.5;
    if (distance > HALF_CENT_GUARD * magnitude || distance < -HALF_CENT_GUARD * magnitude) {
      const cents = Math.floor(magnitude + 0.5);
      return value < 0 ? (cents === 0 ? 0 : -cents) : cents;
    }
  }
  if (!Number.isFinite(value)) return null;
  const exact = moneyFromDouble(value).times(100);
  const cents = exact.toNumber();
  return Math.abs(cents) <= Number.MAX_SAFE_INTEGER || exact.equals(cents) ? cents + 0 : null;
}

/** NAV rows of a sheet column pair with the blank-date rows taken out. */
export interface NavColumns {
  /** NAV dates, strictly increasing. */
  dates: Float64Array;
  /** Net assets in whole cents, one per date. */
  netAssetsCents: Float64Array;
  /** For each NAV row, its index in the sheet columns (0-based). */
  sheetRow: Int32Array;
}

/** Why NAV columns cannot form a series: a date repeated or out of order (as `toSeries` rules). */
export interface NavOrderProblem {
  problem: "duplicate" | "unsorted";
  /** Sheet index (0-based) of the offending row and of the row before it that it clashes with. */
  row: number;
  previousRow: number;
  date: Day;
  previousDate: Day;
}

/**
 * Takes the NAV rows out of a sheet's date and net-assets columns (a row
 * whose date is blank, `null`, is not a NAV row) and checks that the dates
 * strictly increase — the same rule as `toSeries`: a duplicate or an
 * out-of-order date gives no series, never a wrong number.
 *
 * `navColumns([45659, null, 45660], [1e10, NaN, 1.01e10])` → dates [Jan 2, Jan 3], sheetRow [0, 2].
 */
export function navColumns(
  dates: readonly (Day | null)[],
  netAssetsCents: ArrayLike<number>
): NavColumns | NavOrderProblem {
  let count = 0;
  for (let index = 0; index < dates.length; index += 1) if (dates[index] !== null) count += 1;
  const navDates = new Float64Array(count);
  const cents = new Float64Array(count);
  const sheetRow = new Int32Array(count);
  let next = 0;
  for (let index = 0; index < dates.length; index += 1) {
    const date = dates[index];
    if (date === null || date === undefined) continue;
    if (next > 0 && date <= navDates[next - 1]!) {
      const previousRow = sheetRow[next - 1]!;
      const previousDate = navDates[next - 1]!;
      return {
        problem: date === previousDate ? "duplicate" : "unsorted",
        row: index,
        previousRow,
        date,
        previousDate,
      };
    }
    navDates[next] = date;
    cents[next] = netAssetsCents[index]!;
    sheetRow[next] = index;
    next += 1;
  }
  return { dates: navDates, netAssetsCents: cents, sheetRow };
}

/** NAV columns as the engine's decimal series (for ADNA and the cap). */
export function seriesFromNavColumns(
  columns: Pick<NavColumns, "dates" | "netAssetsCents">
): NavPoint[] {
  return Array.from(columns.dates, (date, index) => ({
    date,
    netAssets: new Decimal(columns.netAssetsCents[index]!).dividedBy(100),
  }));
}

/**
 * The unrounded fee on `netAssets` at `annualRate` for `days` consecutive
 * days from `firstDay` (SPEC §2 "Daily fee"): each day at its own year's
 * basis under Actual/Actual (so a span over a year end mixes 365 and 366),
 * 365 or 360 otherwise. `firstDay` may be null only when the basis does not
 * depend on the year (Actual/365, Actual/360); null is returned otherwise.
 *
 * `feeForDays(new Decimal(10_000_000), new Decimal("0.005"), "Actual/Actual", day("2024-01-01"), 31)`
 * → 4,234.9726… (31 × 10,000,000 × .005 / 366).
 */
export function feeForDays(
  netAssets: Decimal,
  annualRate: Decimal,
  dayCount: DayCount,
  firstDay: Day | null,
  days: number
): Decimal | null {
  if (firstDay === null) {
    if (dayCount === "Actual/Actual") return null;
    return dailyFeeExact(netAssets, annualRate, dayCount === "Actual/360" ? 360 : 365).times(days);
  }
  let total = ZERO;
  let from = firstDay;
  const end = firstDay + days - 1;
  while (from <= end) {
    // Days up to the end of `from`'s year share its basis.
    const year = civilFromDay(from).year;
    const to = Math.min(end, dayFromCivil(year, 12, 31));
    total = total.plus(
      dailyFeeExact(netAssets, annualRate, basisDaysFor(dayCount, from)).times(to - from + 1)
    );
    from = to + 1;
  }
  return total;
}

/**
 * The carryforward ledger's closing balance after each period, for periods
 * that are just rows on a sheet (SPEC §2 "Carryforward"; `carryforwardLedger`).
 * `fee` is the period's Distribution Fee: for a reimbursement plan the fee
 * accrued at the rate, of which the plan pays min(fee, owed, maxFee) (SPEC §2
 * "Reimbursement plan"; a null maxFee sets no limit); for a compensation plan
 * the fee paid (maxFee is not used). A row of null is not a period: its
 * balance is null and the balance carries past it.
 *
 * DOMAIN.md: opening 0; (120,000, 90,000), (70,000, 95,000), Reimbursement → [30,000, 5,000].
 * DOMAIN.md June: opening 5,000; (50,000, 41,666.67, maxFee 41,095.89) → [13,904.11].
 */
export function carryforwardBalances(
  planType: PlanType,
  periods: readonly ({ incurred: Decimal; fee: Decimal; maxFee?: Decimal | null } | null)[],
  opening: Decimal = ZERO
): (Decimal | null)[] {
  const balances: (Decimal | null)[] = [];
  let balance = opening;
  for (const period of periods) {
    if (period === null) {
      balances.push(null);
      continue;
    }
    // A sheet row has no dates: the ledger's period label is not used here.
    const [row] = carryforwardLedger(
      planType,
      [
        {
          period: customPeriod(0, 0),
          incurred: period.incurred,
          capacity:
            planType === "Reimbursement" && period.maxFee
              ? Decimal.min(period.fee, period.maxFee)
              : period.fee,
          netAssetsAtEnd: null,
        },
      ],
      balance
    );
    balance = row!.closing;
    balances.push(balance);
  }
  return balances;
}

/**
 * Whether the plan is in effect on `d` from plain dates (Plan §3, §4, §6;
 * SPEC §2 "In effect"). The plan takes effect on the later of the first
 * approval and `planEffective`, and runs a year from taking effect; each date
 * dated on or before the running lapse date (the anniversary itself included)
 * continues it a year from that date; a date after a lapse starts the plan
 * again from its own date (pass only approvals and timely continuances —
 * after a lapse a continuance does not revive the plan, a new approval does).
 * No termination on or before `d`. The dates are taken to be votes that passed.
 *
 * `inEffectOn(day("2026-08-14"), [day("2025-08-15")], null)` → true; on 2026-08-15 → false;
 * with `planEffective` 2025-09-01 the plan is in effect 2025-09-01 through 2026-08-31.
 */
export function inEffectOn(
  d: Day,
  approvalsAndContinuances: readonly Day[],
  termination: Day | null,
  planEffective: Day | null = null
): boolean {
  if (termination !== null && d >= termination) return false;
  const dates = [...approvalsAndContinuances].sort((a, b) => a - b);
  let start: Day | null = null;
  let lapse: Day | null = null;
  for (const date of dates) {
    if (date > d) break;
    if (lapse !== null && date <= lapse) {
      lapse = Math.max(lapse, lapseDate(date));
    } else {
      // First approval, or a new one after a lapse: the year runs from taking effect.
      start = planEffective === null ? date : Math.max(date, planEffective);
      lapse = lapseDate(start);
    }
  }
  return start !== null && lapse !== null && d >= start && d < lapse;
}
