/**
 * The NAV rows of a date column and a net-assets column, as the engine wants
 * them (`navColumns`), with the engine's order problems turned into a
 * `CellError` that names the row; and the default period of a NAV range.
 * Mapping only: the rules are the engine's.
 */
import { type Day, isoDate } from "../engine/calendar";
import { type NavColumns, navColumns } from "../engine/worksheetHelpers";
import { CellError } from "./cellError";
import { MESSAGES } from "./messages";

/** The NAV rows (blank-date rows left out), or #VALUE! naming a duplicate or out-of-order date. */
export function navRows(
  dates: readonly (Day | null)[],
  netAssetsCents: Float64Array
): NavColumns | CellError {
  const columns = navColumns(dates, netAssetsCents);
  if ("problem" in columns) {
    const where = `dates, row ${columns.row + 1}`;
    return new CellError(
      "#VALUE!",
      columns.problem === "duplicate"
        ? MESSAGES.duplicateDate(where, isoDate(columns.date), columns.previousRow + 1)
        : MESSAGES.unsortedDate(
            where,
            isoDate(columns.date),
            isoDate(columns.previousDate),
            columns.previousRow + 1
          )
    );
  }
  return columns;
}

/**
 * How many days a period may reach past the NAV dates given: a long weekend
 * (a Thursday NAV before a Friday holiday covers through Monday), over which
 * the last NAV is carried as the plan's days-covered rule carries it (SPEC §2).
 */
export const DAYS_A_NAV_CARRIES = 4;

/**
 * [from, to], defaulting to the first and last NAV dates. #N/A with no NAV
 * rows, and when the period lies outside the NAV dates or reaches more than
 * `DAYS_A_NAV_CARRIES` days past them (SPEC §3: a period outside the dates
 * given is #N/A, not the last NAV carried forward); #VALUE! when from > to.
 *
 * @example
 * navPeriod(columnsOf2023, day("2030-01-01"), day("2030-12-31"))
 * // → CellError #N/A "The period 2030-01-01 to 2030-12-31 is outside the NAV dates given (…)"
 */
export function navPeriod(
  columns: NavColumns,
  from: Day | null,
  to: Day | null
): { start: Day; end: Day } | CellError {
  const count = columns.dates.length;
  if (count === 0) return new CellError("#N/A", MESSAGES.noNavRows("dates"));
  const start = from ?? columns.dates[0]!;
  const end = to ?? columns.dates[count - 1]!;
  if (start > end)
    return new CellError("#VALUE!", MESSAGES.fromAfterTo(isoDate(start), isoDate(end)));
  const first = columns.dates[0]!;
  const last = columns.dates[count - 1]!;
  if (end < first || start > last)
    return new CellError(
      "#N/A",
      MESSAGES.periodOutsideNavs(isoDate(start), isoDate(end), isoDate(first), isoDate(last))
    );
  if (end - last > DAYS_A_NAV_CARRIES)
    return new CellError("#N/A", MESSAGES.periodAfterNavs(isoDate(end), isoDate(last), end - last));
  if (first - start > DAYS_A_NAV_CARRIES)
    return new CellError(
      "#N/A",
      MESSAGES.periodBeforeNavs(isoDate(start), isoDate(first), first - start)
    );
  return { start, end };
}
