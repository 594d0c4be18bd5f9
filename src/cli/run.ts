/**
 * `run(options)`: the runner as a library — one handler per command, each
 * returning an `Outcome`. The CLI (`cli.ts`) and tests call this; nothing
 * here touches `process.exit` or prints.
 *
 * A file-system condition anywhere in a command (a full disk, a read-only
 * folder, the workbook in use) arrives here as a `FileProblem` and becomes
 * exit 2 with its sentence; an operating-system error nobody located does
 * too. Anything else is a bug and is left to the CLI's exit 3.
 *
 * `const outcome = await run({ command: "check", file: "trust.xlsx" }); outcome.exitCode // 0, 1 or 2`
 */
import { accrue } from "./commands/accrue";
import { check } from "./commands/check";
import { demo } from "./commands/demo";
import { init } from "./commands/init";
import { journal } from "./commands/journal";
import { report } from "./commands/report";
import { ChangedDuringRun } from "./files/fileIdentity";
import { lockedCommand } from "./files/lockedCommand";
import { explainSystemError, FileProblem, isSystemError } from "./files/fileProblem";
import { type Outcome, stoppedByFileSystem, unusable } from "./outcome";
import { UnreadablePackage } from "./xlsx/ooxml/packageError";
import type { CommandName, RunOptions } from "./runOptions";

/** The commands that write a workbook run under its lock (`files/lockedCommand.ts`). */
const HANDLERS: Record<CommandName, (options: RunOptions) => Promise<Outcome>> = {
  init: lockedCommand(init),
  demo,
  accrue: lockedCommand(accrue),
  check,
  report: lockedCommand(report),
  journal: lockedCommand(journal),
};

export async function run(options: RunOptions): Promise<Outcome> {
  try {
    return await HANDLERS[options.command](options);
  } catch (error) {
    // The workbook was saved by another program during the run: it is kept, and so is this
    // run's output, beside it — one file written, and the sentence says where.
    if (error instanceof ChangedDuringRun)
      return {
        ...stoppedByFileSystem(options.command, error.sentence),
        lines: [error.sentence],
        written: [error.kept],
      };
    if (error instanceof FileProblem) return stoppedByFileSystem(options.command, error.sentence);
    if (isSystemError(error))
      return stoppedByFileSystem(options.command, explainSystemError(error));
    // A part found damaged only when it is edited (after the tables were read): unusable input, exit 2.
    if (error instanceof UnreadablePackage)
      return unusable(options.command, [`${options.file ?? options.dir}: ${error.message}`]);
    throw error;
  }
}

export type { Outcome, RunOptions };
