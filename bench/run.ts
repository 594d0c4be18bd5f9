/**
 * `npm run bench`: runs every benchmark of issue 5 and prints markdown tables
 * (copy them to bench/RESULTS.md with the machine line). Pass `--quick` to
 * skip the slow decimal.js reference engine run, `--whole-sheet` to add the
 * 1,048,575-row runner measurement (issue 6), `--runner-only` for benchmark (4)
 * alone (with its package floor, issue 13), `--whole-sheet-only` for (6) alone,
 * `--hostile-only` for (7) alone (hostile shapes at n and 4n).
 */
import { cpus, totalmem } from "node:os";
import { engineBenchmarks, referenceBenchmark } from "./engine.bench";
import { excelBenchmarks } from "./excel.bench";
import { functionBenchmarks } from "./functions.bench";
import { hostileBenchmarks, hostileChild } from "./hostile.bench";
import { runnerBenchmarks, runnerChild } from "./runner.bench";
import { wholeSheetBenchmarks, wholeSheetChild } from "./wholeSheet.bench";

async function main(): Promise<void> {
  const child = process.argv.indexOf("--runner-child");
  if (child >= 0) return runnerChild(process.argv[child + 1]!, process.argv[child + 2]!);
  const wholeSheet = process.argv.indexOf("--whole-sheet-child");
  if (wholeSheet >= 0)
    return wholeSheetChild(process.argv[wholeSheet + 1]!, process.argv[wholeSheet + 2]!);
  const hostile = process.argv.indexOf("--hostile-child");
  if (hostile >= 0)
    return hostileChild(
      process.argv[hostile + 1]!,
      process.argv[hostile + 2]!,
      process.argv[hostile + 3]!
    );
  const quick = process.argv.includes("--quick");
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  console.log(`# rule12b1 benchmarks\n\nMachine: ${machine}\n`);
  if (process.argv.includes("--runner-only"))
    return void console.log(await runnerBenchmarks(process.argv[1]!));
  if (process.argv.includes("--hostile-only"))
    return void console.log(await hostileBenchmarks(process.argv[1]!));
  if (process.argv.includes("--whole-sheet-only"))
    return void console.log(await wholeSheetBenchmarks(process.argv[1]!));
  console.log(engineBenchmarks());
  console.log();
  console.log(functionBenchmarks());
  console.log();
  console.log(await excelBenchmarks());
  console.log();
  // The bundle re-runs itself as the child process of benchmark (4).
  console.log(await runnerBenchmarks(process.argv[1]!));
  console.log();
  console.log(await hostileBenchmarks(process.argv[1]!));
  console.log(`\n${await (await import("./portfolios.bench")).portfolioBenchmarks()}`); // issue 22 item 6
  if (process.argv.includes("--whole-sheet")) {
    console.log();
    console.log(await wholeSheetBenchmarks(process.argv[1]!));
  }
  if (!quick) {
    console.log();
    console.log(referenceBenchmark());
  }
}

void main();
