/**
 * The Days · Rate · Daily fee · Month to date · Cap headroom values of each
 * NetAssets row, taken from the engine's evaluation (mapping only: the
 * figures are `evaluatePlan`'s). Stands in until the adapter-neutral
 * `src/workbook/accrualColumns.ts` lands; both adapters should then share it.
 */
import type { PlanEvaluation } from "../engine/evaluatePlan";
import { FORMATS } from "../workbook/schema";

export const ACCRUAL_HEADERS = ["Days", "Rate", "Daily fee", "Month to date", "Cap headroom"] as const;
export const ACCRUAL_FORMATS = [FORMATS.count, "0.000%", FORMATS.money, FORMATS.money, FORMATS.money] as const;

export type AccrualCell = number | string;

/**
 * One row of five cells per NetAssets data row (`rowCount` rows); rows the
 * engine did not accrue (unreadable, unknown portfolio) stay blank.
 *
 * A Friday row covering Fri–Sun at 0.25% on 101,000,000 → `[3, 0.0025, 2068.49, 2068.49, …]`.
 */
export function accrualRows(evaluation: PlanEvaluation, rowCount: number): AccrualCell[][] {
  const rows: AccrualCell[][] = Array.from({ length: rowCount }, () => ["", "", "", "", ""]);
  for (const portfolio of evaluation.portfolios) {
    if (!portfolio.accrual || !portfolio.series) continue;
    const months = portfolio.capTests.filter((test) => test.period.kind === "month");
    for (const row of portfolio.accrual.rows) {
      const tableRow = portfolio.series[row.rowIndex]?.source?.row;
      if (tableRow === undefined || tableRow < 1 || tableRow > rowCount) continue;
      const month = months.find((test) => test.period.start <= row.lastDay && row.lastDay <= test.period.end);
      rows[tableRow - 1] = [
        row.days,
        row.annualRate === null ? "" : row.annualRate.toNumber(),
        row.booked.toNumber(),
        row.monthToDate.toNumber(),
        month ? month.headroom.toNumber() : "",
      ];
    }
  }
  return rows;
}
