/**
 * A rate argument that is either one annual rate or a rate schedule: a
 * two-column range of effective dates and annual rates (the `Rates` table's
 * two columns, or any such block on a sheet), as the engine's accrual wants
 * it — each rate in force from its effective date until the next one.
 */
import { type DateSystem, type Day, isoDate } from "../engine/calendar";
import type { Decimal } from "../engine/decimal";
import type { RateScheduleArgument } from "./argumentSpec";
import { dateCell, isBlank } from "./cellValues";
import { CellError } from "./cellError";
import { cellName } from "./columnCells";
import { MESSAGES } from "./messages";
import { rateValue, scalarArgument } from "./scalarArgument";
import type { ScheduledRate } from "./scheduledRate";

export type { ScheduledRate } from "./scheduledRate";

/**
 * The rates of a rate argument, sorted by effective date. Rows with both
 * cells blank (or 0, as desktop Excel passes blanks) are skipped; a row with
 * only one of the two, a repeated effective date, or a block that is not two
 * columns wide is a located #VALUE!.
 *
 * @example
 * rateScheduleArgument({ name: "annualRate", kind: "rateSchedule" }, "0.25%", "1900")
 * // → [{ start: null, annualRate: 0.0025 }]
 * rateScheduleArgument({ name: "rates", kind: "rateSchedule" }, [[45658, 0.0025], [45677, 0.0035]], "1900")
 * // → [{ start: 2025-01-01, annualRate: 0.0025 }, { start: 2025-01-20, annualRate: 0.0035 }]
 */
export function rateScheduleArgument(
  arg: RateScheduleArgument,
  raw: unknown,
  dateSystem: DateSystem
): ScheduledRate[] | CellError {
  const rows = Array.isArray(raw) && raw.every(Array.isArray) ? (raw as unknown[][]) : null;
  const width = rows ? Math.max(0, ...rows.map((row) => row.length)) : 1;
  if (!rows || (rows.length === 1 && width === 1)) {
    const rate = scalarArgument({ name: arg.name, kind: "rate" }, raw, dateSystem);
    if (rate instanceof CellError) return rate;
    return [{ start: null, annualRate: rate as Decimal }];
  }
  if (width !== 2)
    return new CellError("#VALUE!", MESSAGES.notARateSchedule(arg.name, rows.length, width));
  const schedule: (ScheduledRate & { row: number })[] = [];
  for (let index = 0; index < rows.length; index += 1) {
    const [dateRaw, rateRaw] = rows[index]!;
    const where = cellName(arg.name, index, false);
    const noDate = isBlank(dateRaw) || dateRaw === 0;
    const noRate = isBlank(rateRaw);
    // Desktop Excel passes a blank cell as 0: a 0 rate beside a blank date is a blank row.
    if (noDate && (noRate || rateRaw === 0)) continue;
    if (noDate) return new CellError("#VALUE!", MESSAGES.rateWithoutDate(where));
    if (noRate) return new CellError("#VALUE!", MESSAGES.dateWithoutRate(where));
    const start = dateCell(dateRaw, where, dateSystem);
    if (start instanceof CellError) return start;
    const annualRate = rateValue(rateRaw, where);
    if (annualRate instanceof CellError) return annualRate;
    schedule.push({ start, annualRate, row: index });
  }
  if (schedule.length === 0) return new CellError("#VALUE!", MESSAGES.noRates(arg.name));
  schedule.sort((a, b) => a.start! - b.start!);
  for (let index = 1; index < schedule.length; index += 1) {
    const rate = schedule[index]!;
    if (rate.start === schedule[index - 1]!.start)
      return new CellError(
        "#VALUE!",
        MESSAGES.duplicateEffectiveDate(cellName(arg.name, rate.row, false), isoDate(rate.start!))
      );
  }
  return schedule.map(({ start, annualRate }) => ({ start, annualRate }));
}

/**
 * The schedule as the engine's accrual wants it: a single rate is in force
 * from the first NAV date (nothing accrues before it anyway).
 *
 * @example
 * ratesFrom([{ start: null, annualRate: 0.0025 }], firstNavDate) // → [{ start: firstNavDate, annualRate: 0.0025 }]
 */
export function ratesFrom(
  schedule: readonly ScheduledRate[],
  firstNavDate: Day | undefined
): { start: Day; annualRate: Decimal }[] {
  if (firstNavDate === undefined) return [];
  return schedule.map((rate) => ({
    start: rate.start ?? firstNavDate,
    annualRate: rate.annualRate,
  }));
}
