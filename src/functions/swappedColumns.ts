/**
 * Dates and net assets given the other way round (SPEC §3, added 2026-12-06:
 * "dates and NAVs swapped are named as such"). Net assets in the date column
 * read as days thousands of years away, and dates in the NAV column read as
 * net assets of some $45,000: both are numbers, so without this check the
 * swap surfaces as a sort error about the year 1117308, or — for a small
 * class whose NAVs are below Excel's last serial — as a believable fee.
 */
import { type DateSystem, day, dayFromSerial } from "../engine/calendar";
import type { FunctionSpec } from "./argumentSpec";
import { CellError } from "./cellError";
import { cellName, columnCells } from "./columnCells";
import { MESSAGES } from "./messages";

/** Days no NAV history reaches: before 1950, after 2150. */
const FIRST_PLAUSIBLE_NAV_DAY = day("1950-01-01");
const LAST_PLAUSIBLE_NAV_DAY = day("2150-12-31");

/**
 * #VALUE! naming the swap when, on the first row with a number in the date
 * column, that number is no plausible NAV date (after 2150) while the cell
 * beside it in the net-assets column is a whole number that is one; null
 * otherwise (the ordinary checks then speak).
 *
 * @example
 * swappedColumns(FUNCTIONS.ADNA, [[[1e8]], [[45659]]], "1900")
 * // → CellError "dates and netAssets look swapped: dates, row 1 is 100000000, an amount, …"
 */
export function swappedColumns(
  spec: FunctionSpec,
  raw: readonly unknown[],
  dateSystem: DateSystem
): CellError | null {
  for (const [navIndex, navArg] of spec.args.entries()) {
    if (navArg.kind !== "centsColumn" || navArg.alignedWith === undefined) continue;
    const dateIndex = spec.args.findIndex((arg) => arg.name === navArg.alignedWith);
    const dates = columnCells(raw[dateIndex], navArg.alignedWith);
    const navs = columnCells(raw[navIndex], navArg.name);
    if (dates instanceof CellError || navs instanceof CellError) continue;
    for (let row = 0; row < Math.min(dates.length, navs.length); row++) {
      const date = dates.at(row);
      if (typeof date !== "number" || date <= 0) continue;
      if (!isPlausibleNavDay(date, dateSystem) && looksLikeADate(navs.at(row), dateSystem)) {
        const where = cellName(navArg.alignedWith, row, dates.horizontal);
        return new CellError(
          "#VALUE!",
          MESSAGES.swapped(navArg.alignedWith, navArg.name, where, String(date))
        );
      }
      break;
    }
  }
  return null;
}

function isPlausibleNavDay(serial: number, dateSystem: DateSystem): boolean {
  const converted = dayFromSerial(serial, dateSystem);
  return (
    converted.ok &&
    converted.day >= FIRST_PLAUSIBLE_NAV_DAY &&
    converted.day <= LAST_PLAUSIBLE_NAV_DAY
  );
}

function looksLikeADate(value: unknown, dateSystem: DateSystem): boolean {
  return (
    typeof value === "number" && Number.isInteger(value) && isPlausibleNavDay(value, dateSystem)
  );
}
