/// <reference types="custom-functions-runtime" />
/**
 * Engine values back to what Excel shows. A spilled column is a `T[][]` of
 * one-cell rows; a cell that should look blank is `""` (Excel shows a `null`
 * in an array as 0); an error inside a column is a `CustomFunctions.Error`.
 */
import { type DateSystem, type Day, serialFromDay } from "../engine/calendar";
import { type Decimal, toDouble } from "../engine/decimal";
import { CellError, toCustomFunctionsError } from "./cellError";

export type CellValue = number | string | boolean;

/** A Day as an Excel serial (1900 system): `serialResult(day("2026-08-15"))` → 46249. Format the cell as a date. */
export function serialResult(value: Day, dateSystem: DateSystem = "1900"): number {
  return serialFromDay(value, dateSystem);
}

/** A decimal as a cell number: `numberResult(new Decimal("2068.49"))` → 2068.49. */
export function numberResult(value: Decimal): number {
  return toDouble(value);
}

/**
 * A spilled column: one row per value, `""` for null (a row with nothing to
 * show, such as a skipped blank row), errors as `CustomFunctions.Error`.
 * `columnResult([1, null, 3])` → `[[1], [""], [3]]`.
 */
export function columnResult(
  values: readonly (CellValue | null | CellError)[]
): (CellValue | CustomFunctions.Error)[][] {
  return values.map((value) => {
    if (value === null) return [""];
    if (value instanceof CellError) return [toCustomFunctionsError(value)];
    return [value];
  });
}

/**
 * A spilled column of `height` rows from amounts in whole cents placed at
 * `rows` (sheet indexes), `""` everywhere else. Cents ÷ 100 is the double
 * nearest the decimal amount (division is correctly rounded), so 206849 → 2068.49.
 * `centsColumnResult(3, Int32Array.of(0, 2), Float64Array.of(0, 206849))` → `[[0], [""], [2068.49]]`.
 */
export function centsColumnResult(
  height: number,
  rows: Int32Array,
  cents: ArrayLike<number>
): (number | string)[][] {
  const column: (number | string)[][] = new Array<(number | string)[]>(height);
  let next = 0;
  for (let index = 0; index < height; index += 1) {
    if (next < rows.length && rows[next] === index) {
      column[index] = [cents[next]! / 100];
      next += 1;
    } else column[index] = [""];
  }
  return column;
}
