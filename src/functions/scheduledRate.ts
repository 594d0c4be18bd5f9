/**
 * One rate of a rate argument (a single rate or a two-column schedule): the
 * value `rateScheduleArgument` produces and the metadata table's
 * `rateSchedule` kind stands for. Its own module so that the table's
 * vocabulary (argumentSpec.ts) and the argument's reader
 * (rateScheduleArgument.ts) both import it without importing each other.
 */
import type { Day } from "../engine/calendar";
import type { Decimal } from "../engine/decimal";

/** One rate of a schedule; `start` null for a single rate given on its own (in force from the first NAV). */
export interface ScheduledRate {
  readonly start: Day | null;
  readonly annualRate: Decimal;
}
