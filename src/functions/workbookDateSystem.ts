/**
 * The date system the worksheet functions read and return serial dates in:
 * the workbook's own (SPEC §3), asked of Excel once per runtime — the
 * shared runtime serves one workbook — through the pane's detection
 * (`src/excel/dateSystem.ts`). Outside Excel (Node tests, a plain browser)
 * it is Excel's default, 1900, at once.
 *
 * Until Excel has answered, the answer is a promise: the first calls of a
 * session wait for it instead of computing in the wrong system (a 1904
 * workbook's dates read as 1900 would be four years off, silently).
 */
import type { DateSystem } from "../engine/calendar";
import { workbookDateSystemFromExcel } from "../excel/dateSystem";

let known: DateSystem | null = null;
let pending: Promise<DateSystem> | null = null;

/**
 * The workbook's date system, or a promise of it while Excel is asked.
 *
 * @example
 * workbookDateSystem() // → "1900" in Node; in Excel a promise the first time, then "1900" or "1904"
 */
export function workbookDateSystem(): DateSystem | Promise<DateSystem> {
  if (known) return known;
  if (pending) return pending;
  const asked = workbookDateSystemFromExcel();
  if (asked === null) return "1900";
  pending = asked.then((system) => {
    known = system;
    return system;
  });
  return pending;
}

/**
 * Forgets the answer, so the next call asks Excel again. For tests that
 * switch workbooks; a real runtime serves one workbook.
 *
 * @example
 * forgetWorkbookDateSystem(); workbookDateSystem() // → asks Excel again
 */
export function forgetWorkbookDateSystem(): void {
  known = null;
  pending = null;
}
