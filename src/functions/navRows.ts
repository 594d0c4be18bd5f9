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

/** [from, to], defaulting to the first and last NAV dates; #N/A with no NAV rows, #VALUE! when from > to. */
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
  return { start, end };
}
