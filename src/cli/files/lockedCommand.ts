/**
 * A command that writes a workbook, run under that workbook's lock: the
 * output is checked first (not the input under another name, a usable
 * `--wait`), the lock is taken before the command reads anything, and
 * released however it ends (`withWorkbookLock`). Commands stay unaware of
 * locking; `run` and `demo` call them through this.
 */
import { type Outcome, unusable } from "../outcome";
import { outputFile, type RunOptions, waitSeconds } from "../runOptions";
import { fileTarget } from "./fileTarget";
import { isSameFile } from "./sameFile";
import { withWorkbookLock } from "./withWorkbookLock";

type Handler = (options: RunOptions) => Promise<Outcome>;

/**
 * Which file `options` make a command write: `-o`/`--in-place` for accrue
 * and report, FILE itself for init; null when the options are wrong (the
 * command itself then says why).
 */
function writtenFile(options: RunOptions): string | null {
  if (options.command === "init") return options.file ?? null;
  if (options.file === undefined) return null;
  const out = outputFile(options, options.file);
  return out.ok ? out.file : null;
}

/**
 * `const accrueLocked = lockedCommand(accrue); await accrueLocked({ command: "accrue", file: "trust.xlsx", inPlace: true })`
 * — a second such run on trust.xlsx waits for the first (up to `--wait`
 * seconds), then stops with exit 2 and a sentence naming it.
 */
export function lockedCommand(handler: Handler): Handler {
  return async (options) => {
    const target = writtenFile(options);
    if (target === null) return handler(options);
    if (options.command !== "init" && !options.inPlace && (await isSameFile(options.file!, target)))
      return unusable(options.command, [
        `-o ${target} is the input itself under another name; use --in-place to change it.`,
      ]);
    // In place, the output is the input: say what is wrong with it as an input.
    if (options.inPlace) await fileTarget(target, "read");
    const wait = waitSeconds(options);
    if (!wait.ok) return unusable(options.command, [wait.problem]);
    return withWorkbookLock(
      target,
      { command: options.command, waitSeconds: wait.seconds, notice: options.notice },
      () => handler(options)
    );
  };
}
