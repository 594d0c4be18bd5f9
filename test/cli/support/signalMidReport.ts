/**
 * A child process for test/cli/signals.test.ts: the runner's CLI boundary
 * (signal clean-up installed, as `bin.ts` does), running `report
 * --all-quarters --in-place` on argv[2] and sending itself the signal argv[3]
 * as the second quarter's report begins — in the middle of the computation,
 * long before anything is written. Every quarter begun is printed, so the
 * test sees how many were computed after the signal.
 */
import { installSignalCleanup } from "../../../src/cli/files/signals";
import { run } from "../../../src/cli/run";

const [file, signal] = process.argv.slice(2) as [string, NodeJS.Signals];
installSignalCleanup();
let begun = 0;
void run({
  command: "report",
  file,
  inPlace: true,
  allQuarters: true,
  asOf: "2026-11-28",
  preparedAt: "fixed",
  progress: (label) => {
    if (!label.startsWith("Report ")) return;
    begun += 1;
    process.stdout.write(`${label}\n`);
    if (begun !== 2) return;
    process.stdout.write(`signal sent at ${Date.now()}\n`);
    process.kill(process.pid, signal);
  },
}).then((outcome) => {
  process.stdout.write(`finished with exit ${outcome.exitCode}\n`);
});
