/**
 * ExcelJS cell values → the adapter-neutral `CellValue` of
 * `src/workbook/cells.ts`. ExcelJS turns date-formatted numbers into `Date`s
 * (already corrected for the 1904 system); they go back to serials in the
 * workbook's own date system so `readPlan` applies the one documented rule.
 */
import type ExcelJS from "exceljs";
import { type DateSystem, serialFromDay } from "../../engine/calendar";
import type { CellValue } from "../../workbook/cells";

const MS_PER_DAY = 86_400_000;
/** 1970-01-01 as a 1900-system serial (ExcelJS's linear offset). */
const UNIX_EPOCH_SERIAL_1900 = 25_569;

/**
 * `fromExcelJs(new Date(Date.UTC(2025, 0, 1)), "1900")` → 45658;
 * `fromExcelJs({ formula: "A1*2", result: 4 }, "1900")` → 4.
 */
export function fromExcelJs(value: ExcelJS.CellValue, dateSystem: DateSystem): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) {
    const unixDay = Math.floor(value.getTime() / MS_PER_DAY);
    // ExcelJS maps 1900-system serials to dates linearly (serial − 25569 days from 1970), which is right from
    // 1 Mar 1900 on but turns the fictitious 29 Feb 1900 (serial 60) into 28 Feb and shifts the serials before
    // it. Undoing that same linear map gives back the serial the cell holds, so readPlan applies its one rule
    // (serial 60 is refused) instead of reading a silently shifted date.
    return dateSystem === "1900" ? unixDay + UNIX_EPOCH_SERIAL_1900 : serialFromDay(unixDay, dateSystem);
  }
  if ("error" in value) return { error: String(value.error) };
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    // A formula nobody has calculated yet (no cached value) cannot be read without a calculation engine.
    if (result === undefined) return { error: "a formula with no calculated value (open and save the file in Excel first)" };
    return fromExcelJs(result as ExcelJS.CellValue, dateSystem);
  }
  if ("text" in value) return String((value as { text: unknown }).text);
  return String(value);
}
