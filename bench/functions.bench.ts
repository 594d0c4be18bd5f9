/**
 * Benchmark (3) of issue 5: the ACCRUAL worksheet function through its
 * argument coercion on the 1,048,576 × 1 columns Excel would pass (serial
 * dates, dollars as doubles), against a float loop over the same arrays.
 */
import "../test/functions/setup";
import { serialFromDay } from "../src/engine/calendar";
import { accrual } from "../src/functions/functions";
import { formatTable, measure } from "./harness";
import { navColumn } from "./navColumn";

const ROWS = 1_048_576;
const RATE = 0.0025;

export function functionBenchmarks(): string {
  const column = navColumn(ROWS);
  const dates = Array.from(column.dates, (d) => [serialFromDay(d)]);
  const netAssets = Array.from(column.netAssetsDollars, (value) => [value]);
  const float = measure("float64 loop over the 2-D arrays (baseline, not exact)", ROWS, () => {
    const out = new Array<number[]>(ROWS);
    for (let index = 0; index < ROWS; index += 1) {
      const days = index + 1 < ROWS ? dates[index + 1]![0]! - dates[index]![0]! : 1;
      out[index] = [((netAssets[index]![0]! * RATE) / 365) * days];
    }
    return out;
  });
  const fn = measure("=RULE12B1.ACCRUAL(dates, netAssets, 0.25%)", ROWS, () =>
    accrual(dates, netAssets, [[RATE]])
  );
  return formatTable("(3) ACCRUAL through its argument coercion, 1,048,576 × 1", float, [
    float,
    fn,
  ]);
}
