/**
 * The frame every command that writes a workbook runs in: the output is
 * checked first (an ordinary file or a new one, followed through links), its
 * lock is taken before the input is read — so a second run on the same file
 * sees the first one's result, never the state before it — leftovers of
 * killed runs are removed, a workbook open in Excel or LibreOffice is not
 * replaced (`openInOffice.ts`), and the lock is released on every way out:
 * return, exception, or signal. An output in a folder that does not exist
 * yet needs no lock (no other run can be changing a file there); the write
 * creates the folder.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { fileProblem } from "./fileProblem";
import { fileTarget } from "./fileTarget";
import { refuseIfOpenInOffice } from "./openInOffice";
import { removeStaleTemporaries } from "./temporaryFile";
import { type LockHolder, lockWorkbook } from "./workbookLock";

/** How long a run waits for another run on the same workbook by default (`--wait`). */
export const DEFAULT_WAIT_SECONDS = 60;

export interface LockFrame {
  command: string;
  /** Seconds to wait for another run on the same workbook (default 60; 0: stop at once). */
  waitSeconds?: number;
  /** Told once when this run starts waiting, with a sentence naming the holder. */
  notice?: (line: string) => void;
}

/**
 * Runs `work` holding the lock on `given` (the file about to be written).
 *
 * `await withWorkbookLock("trust.xlsx", { command: "accrue" }, async () => { … read, compute, writeFileSafely … })`
 */
export async function withWorkbookLock<T>(
  given: string,
  frame: LockFrame,
  work: () => Promise<T>
): Promise<T> {
  const target = await fileTarget(given, "write");
  // A folder that does not exist yet holds no workbook another run could be
  // changing: the write creates it, and nothing is left behind if this run
  // stops before writing.
  if (!(await folderExists(path.dirname(target.real), given))) return work();
  const waitSeconds = frame.waitSeconds ?? DEFAULT_WAIT_SECONDS;
  const lock = await lockWorkbook(target.real, given, {
    command: frame.command,
    waitMs: Math.max(0, waitSeconds) * 1000,
    onWait: (holder: LockHolder) =>
      frame.notice?.(
        `${given} is in use by rule12b1 ${holder.command} (pid ${holder.pid}); waiting up to ${waitSeconds} s for it to finish…`
      ),
  });
  try {
    if (target.existing) await refuseIfOpenInOffice(target.real, given);
    await removeStaleTemporaries(target.real);
    return await work();
  } finally {
    await lock.release();
  }
}

async function folderExists(folder: string, given: string): Promise<boolean> {
  try {
    await fs.stat(folder);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw fileProblem(error, "write", given);
  }
}
