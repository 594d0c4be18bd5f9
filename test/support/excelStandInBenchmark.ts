/**
 * Requests and payloads of writing the accrual columns for a large NetAssets
 * table through the stand-in: the numbers issue 5's benchmark reports.
 * `measureAccrualWrite(100_000)` → `{ rows, syncs, largestRequestBytes, … }`.
 */
import { day } from "../../src/engine/calendar";
import { computeAccruals } from "../../src/excel/computeAccruals";
import type { ExcelRun } from "../../src/excel/excelRun";
import { PAYLOAD_LIMIT_BYTES } from "./excelStandIn";
import { planStandIn } from "./excelStandInPlan";

export interface AccrualWriteMeasure {
  rows: number;
  status: string;
  syncs: number;
  largestRequestBytes: number;
  totalRequestBytes: number;
  limitBytes: number;
  milliseconds: number;
}

export async function measureAccrualWrite(rows = 100_000): Promise<AccrualWriteMeasure> {
  const standIn = planStandIn({ navCount: rows });
  const started = performance.now();
  const result = await computeAccruals(standIn.run as unknown as ExcelRun, {
    mode: "values",
    overwrite: false,
    asOf: day("2400-01-01"),
  });
  return {
    rows,
    status: result.status,
    syncs: standIn.stats.syncs,
    largestRequestBytes: standIn.stats.largestRequestBytes,
    totalRequestBytes: standIn.stats.requestBytes.reduce((a, b) => a + b, 0),
    limitBytes: PAYLOAD_LIMIT_BYTES,
    milliseconds: performance.now() - started,
  };
}
