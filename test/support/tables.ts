/** Builds raw `TableData` the way an adapter hands it over: header row, cells as Excel values (dates as serials). */
import { day, serialFromDay, weekday } from "../../src/engine/calendar";
import type { TableData } from "../../src/workbook/readPlan";
import { tableSpec, type TableName } from "../../src/workbook/schema";
import type { CellValue } from "../../src/workbook/cells";

export const serial = (iso: string) => serialFromDay(day(iso));

/** A table with the schema's headers; `rows` are objects keyed by header (missing = blank). */
export function table(
  name: TableName,
  rows: Record<string, CellValue>[],
  options: { drop?: string[]; rename?: Record<string, string> } = {}
): TableData {
  const spec = tableSpec(name);
  const columns = spec.columns.map((c) => c.header).filter((h) => !options.drop?.includes(h));
  return {
    sheet: spec.sheet,
    name,
    headers: columns.map((h) => options.rename?.[h] ?? h),
    rows: rows.map((row) => columns.map((h) => row[h] ?? null)),
    firstRow: 2,
    firstColumn: 1,
  };
}

/** NAV rows for every weekday from `from` to `to` at a constant amount. */
export function weekdayNavs(
  portfolio: string,
  from: string,
  to: string,
  netAssets: number
): Record<string, CellValue>[] {
  const rows: Record<string, CellValue>[] = [];
  for (let d = day(from); d <= day(to); d += 1) {
    const wd = weekday(d);
    if (wd === 0 || wd === 6) continue;
    rows.push({ Date: serialFromDay(d), Portfolio: portfolio, "Class B net assets": netAssets });
  }
  return rows;
}
