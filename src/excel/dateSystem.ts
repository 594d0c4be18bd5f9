/// <reference types="office-js" />
/**
 * The workbook's date system (1900 or 1904), asked of Excel itself. Shared
 * by the pane (which reads the plan tables) and by the worksheet functions
 * (which read and return serial dates) in the shared runtime.
 */
import type { DateSystem } from "../engine/calendar";

/**
 * The workbook's date system, asked of Excel itself: `DATE(1904,1,1)` is
 * serial 0 in the 1904 system and 1462 in the 1900 system. office-js
 * (@types/office-js 1.0.6xx, ExcelApi ≤ 1.17) has no `use1904DateSystem`
 * property in the requirement sets we target, but the worksheet-function
 * bridge (`workbook.functions`, ExcelApi 1.2) evaluates DATE in the workbook's
 * own system without touching a cell. Falls back to "1900" (Excel's default)
 * if the call fails.
 *
 * @example
 * await Excel.run((context) => detectDateSystem(context)) // → "1904" in an old Mac workbook
 */
export async function detectDateSystem(context: Excel.RequestContext): Promise<DateSystem> {
  try {
    const result = context.workbook.functions.date(1904, 1, 1);
    result.load("value");
    await context.sync();
    return result.value === 0 ? "1904" : "1900";
  } catch {
    return "1900";
  }
}

/**
 * The date system of the workbook this runtime serves, or null when the code
 * does not run inside Excel (no office.js, or office.js opened outside Office).
 * In Excel's shared runtime the worksheet functions may read through the
 * Excel API; they take a context with `new Excel.RequestContext()`, as
 * Microsoft's "Call Excel JavaScript APIs from a custom function" shows.
 *
 * @example
 * await workbookDateSystemFromExcel() // → "1900" in Excel, null in a plain browser or Node
 */
export function workbookDateSystemFromExcel(): Promise<DateSystem> | null {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const excel = (globalThis as { Excel?: typeof Excel }).Excel;
  if (!office || !excel || typeof excel.RequestContext !== "function") return null;
  return Promise.resolve(office.onReady()).then(
    async (info) => {
      if (info.host !== office.HostType.Excel) return "1900";
      try {
        return await detectDateSystem(new excel.RequestContext());
      } catch {
        // A runtime without the Excel API (a JavaScript-only functions runtime): Excel's default.
        return "1900";
      }
    },
    () => "1900"
  );
}
