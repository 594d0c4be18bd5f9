/**
 * A child process for test/cli/signals.test.ts: the runner's CLI boundary
 * (signal clean-up installed, as `bin.ts` does), running `accrue --in-place`
 * on argv[2] and sending itself the signal argv[3] the moment the first
 * slice of the new workbook is in its temporary file — so the signal lands
 * mid-write every time, not by luck of timing.
 */
import { existsSync, realpathSync } from "node:fs";
import { installSignalCleanup } from "../../../src/cli/files/signals";
import { temporaryPath } from "../../../src/cli/files/temporaryFile";
import { run } from "../../../src/cli/run";

const [file, signal] = process.argv.slice(2) as [string, NodeJS.Signals];
installSignalCleanup();
let sent = false;
void run({
  command: "accrue",
  file,
  inPlace: true,
  asOf: "2026-11-28",
  progress: (label, done, total) => {
    if (label !== "Saving" || sent || done <= 3 || done >= total) return;
    sent = true;
    const temporary = temporaryPath(realpathSync(file));
    process.stdout.write(
      `mid-write: ${existsSync(temporary) ? "temporary file present" : "no temporary file"}\n`
    );
    process.kill(process.pid, signal);
  },
}).then((outcome) => {
  process.stdout.write(`finished with exit ${outcome.exitCode}\n`);
});
