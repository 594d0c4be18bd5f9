/**
 * A cell of type `t="d"` (ECMA-376 Part 1 §18.18.11: a date in ISO 8601),
 * which Excel never writes but openpyxl does with `iso_dates = True`
 * (`<c t="d"><v>2026-06-30T00:00:00</v></c>`). Excel shows such a cell as
 * the date's serial number in the workbook's date system, time of day as the
 * fraction — so it is read as that number, as a date typed in Excel would be.
 *
 * The text is recognised by the xsd:date / xsd:dateTime shape and converted
 * by the platform's own ISO 8601 reader (`Date.parse`), read as UTC when it
 * names no offset, so the machine's time zone never moves a date.
 */
import { type DateSystem, parseIsoDay, serialFromDay } from "../../../engine/calendar";

/** xsd:date or xsd:dateTime as ISO 8601 writes them (the forms `Date.parse` is specified to read). */
const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:\d{2})?$/;

const MS_PER_DAY = 86_400_000;

/**
 * The Excel serial of an ISO 8601 date or date-time cell, or null when the
 * text is not one (or names no real day).
 *
 * `serialFromIsoCell("2026-06-30T00:00:00", "1900")` → 46203;
 * `serialFromIsoCell("2026-06-30T12:00:00", "1900")` → 46203.5
 */
export function serialFromIsoCell(text: string, system: DateSystem): number | null {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [, date, time = "", offset] = match;
  // Date.parse rolls 2026-02-30 over to 2 March: a day that does not exist is not a date.
  if (parseIsoDay(date!) === null) return null;
  // ECMAScript reads a date-time with no offset as local time: name UTC so the zone cannot shift it.
  const ms = Date.parse(`${date}${time || "T00:00"}${offset ?? "Z"}`);
  if (!Number.isFinite(ms)) return null;
  const day = Math.floor(ms / MS_PER_DAY);
  return serialFromDay(day, system) + (ms - day * MS_PER_DAY) / MS_PER_DAY;
}
