/**
 * A small benchmark harness: medians over several runs, process peak memory,
 * and ratios against a baseline measured in the same process run (never
 * against numbers from another machine or another day).
 */
import { performance } from "node:perf_hooks";

export interface Measurement {
  name: string;
  rows: number;
  runs: number;
  medianMs: number;
  rowsPerSecond: number;
  /** Peak resident set size of the whole process so far, in MiB. */
  peakRssMiB: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Keeps results alive so the optimiser cannot drop the work being timed. */
export const sink: unknown[] = [];

/**
 * Times `work` `runs` times after `warmups` untimed runs and returns the
 * median. Millisecond-scale work needs several warm-ups before V8's optimising
 * compiler has settled (one warm-up left the fast accrual at 80 ms where it
 * settles at 52); second-scale work (the naive decimal.js loops) is optimised
 * within its first run, so one warm-up is enough there.
 */
export function measure(
  name: string,
  rows: number,
  work: () => unknown,
  runs = 5,
  warmups = runs >= 5 ? 5 : 1
): Measurement {
  for (let warmup = 0; warmup < warmups; warmup += 1) {
    sink.push(work());
    sink.length = Math.min(sink.length, 2);
  }
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    sink.push(work());
    times.push(performance.now() - started);
    sink.length = Math.min(sink.length, 2);
  }
  const medianMs = median(times);
  return {
    name,
    rows,
    runs,
    medianMs,
    rowsPerSecond: rows / (medianMs / 1000),
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

export function formatTable(
  title: string,
  baseline: Measurement,
  measurements: readonly Measurement[]
): string {
  const lines = [
    `## ${title}`,
    "",
    "| what | rows | median ms | rows/s | × baseline | peak RSS MiB |",
    "|---|---:|---:|---:|---:|---:|",
  ];
  for (const m of measurements) {
    lines.push(
      `| ${m.name} | ${m.rows.toLocaleString("en-US")} | ${m.medianMs.toFixed(1)} | ${Math.round(m.rowsPerSecond).toLocaleString("en-US")} | ${(m.medianMs / baseline.medianMs).toFixed(2)} | ${m.peakRssMiB.toFixed(0)} |`
    );
  }
  return lines.join("\n");
}
