/**
 * The CLI's signal handling (installed by `bin.ts`, the process boundary, and
 * never by library code): on SIGINT, SIGTERM or SIGHUP the temporary file of
 * a write in progress and the workbook lock are removed, one line says what
 * was left as it was, and the process exits 128 + the signal number (130,
 * 143, 129) as shells expect. SIGKILL cannot be caught; what it leaves is
 * recognised and removed by the next run (`temporaryFile.ts`, `workbookLock.ts`).
 */
import { undoPending } from "./interruptCleanup";

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

/**
 * `installSignalCleanup()` once, before `main`: from then on a signal leaves
 * no temporary file and no lock behind. Also undoes on `exit`, so an exit by
 * any other path leaves nothing either.
 */
export function installSignalCleanup(
  stderr: NodeJS.WritableStream = process.stderr,
  exit: (code: number) => never = process.exit
): void {
  for (const [signal, number] of Object.entries(SIGNALS)) {
    process.on(signal, () => {
      const files = undoPending();
      stderr.write(
        files.length > 0
          ? `rule12b1 stopped (${signal}): nothing was written to ${files.join(", ")}, and no temporary file or lock is left.\n`
          : `rule12b1 stopped (${signal}); no temporary file or lock is left.\n`
      );
      exit(128 + number);
    });
  }
  process.on("exit", () => {
    undoPending();
  });
}
