/**
 * An accrual's rows as number columns (whole cents): what the accrual
 * columns beside the NetAssets table are written from. The fast path hands
 * over the columns it computed; a decimal.js accrual is converted once here.
 */
import type { AccrualResult, AccrualRowColumns } from "./accrual";

/**
 * The rows' days, rate, booked and month to date, as columns.
 *
 * @example
 * // DOMAIN.md's four rows, penny-true
 * accrualRowColumns(accrue(domainExample)).bookedCents // → [0, 206849, 69178, 68151]
 */
export function accrualRowColumns(accrual: AccrualResult): AccrualRowColumns {
  if (accrual.rowColumns) return accrual.rowColumns;
  const rows = accrual.rows;
  const cents = (amount: AccrualResult["total"]) => amount.times(100).toNumber();
  return {
    date: Float64Array.from(rows, (row) => row.date),
    firstDay: Float64Array.from(rows, (row) => row.firstDay),
    lastDay: Float64Array.from(rows, (row) => row.lastDay),
    days: Int32Array.from(rows, (row) => row.days),
    annualRate: rows.map((row) => row.annualRate),
    bookedCents: Float64Array.from(rows, (row) => cents(row.booked)),
    monthToDateCents: Float64Array.from(rows, (row) => cents(row.monthToDate)),
  };
}
