/**
 * Benchmark (5) of issue 5: the Excel adapter writing the accrual columns of
 * a 100,000-row NetAssets table to the in-memory Excel stand-in — number of
 * requests (syncs) and the largest request against Excel on the web's 5 MB limit.
 */
import { measureAccrualWrite } from "../test/support/excelStandInBenchmark";

export async function excelBenchmarks(): Promise<string> {
  const measured = await measureAccrualWrite(100_000);
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(2);
  return [
    "## (5) Excel adapter: accrual columns for 100,000 NAV rows, written to the stand-in",
    "",
    "| rows | result | requests (syncs) | largest request MiB | all requests MiB | limit MiB | ms |",
    "|---:|---|---:|---:|---:|---:|---:|",
    `| ${measured.rows.toLocaleString("en-US")} | ${measured.status} | ${measured.syncs} | ${mib(measured.largestRequestBytes)} | ${mib(measured.totalRequestBytes)} | ${mib(measured.limitBytes)} | ${measured.milliseconds.toFixed(0)} |`,
  ].join("\n");
}
