/**
 * One run at a time per workbook. A command that writes a workbook first
 * creates `.~rule12b1-<name>.lock` beside it with an exclusive create
 * (`open(…, "wx")`, atomic on every local file system and on NFS v3+),
 * holding the owner's pid, host, start time and command. A second run
 * finding the lock waits for it (polling) up to a limit, then stops with
 * exit 2 and a sentence naming the holder — so two runs never both read the
 * old workbook and one silently writes over the other's work.
 *
 * A lock whose owner is certainly gone (same host, pid not running, or
 * running with another start time) is stale and is removed. Removing it is
 * itself guarded by a short-lived `.lock.break` file, so two runs that find
 * the same stale lock cannot remove a fresh lock the first one has just
 * taken. A lock from another host is never broken automatically: the
 * sentence says which file to delete if no run is going there.
 *
 * No native module: plain files, which also works on network shares.
 */
import { readFileSync, rmSync } from "node:fs";
import { promises as fs } from "node:fs";
import path from "node:path";
import { FileProblem, fileProblem, folderNotWritable, isPermissionDenied } from "./fileProblem";
import { onInterrupt } from "./interruptCleanup";
import { currentProcess, isCertainlyGone, type ProcessIdentity } from "./processIdentity";

export interface LockHolder extends ProcessIdentity {
  command: string;
  /** ISO time the lock was taken. */
  since: string;
}

export interface WorkbookLock {
  /** The lock file: "/books/.~rule12b1-trust.xlsx.lock". */
  file: string;
  /** Removes the lock (once; later calls do nothing). */
  release(): Promise<void>;
}

export interface LockOptions {
  /** The command taking the lock, written into it for the next run's message. */
  command: string;
  /** How long to wait for another run to finish, in milliseconds (0: do not wait). */
  waitMs: number;
  /** Called once when the lock is held by a live run and this one starts waiting. */
  onWait?: (holder: LockHolder) => void;
}

const POLL_MS = 100;
/** A lock file still empty after this long was left by a run killed while creating it. */
const EMPTY_LOCK_STALE_MS = 10_000;
/** The breaker is held for a few milliseconds; one older than this was left by a killed run. */
const BREAKER_STALE_MS = 5_000;

/** `lockPath("/books/trust.xlsx")` → "/books/.~rule12b1-trust.xlsx.lock". */
export function lockPath(file: string): string {
  return path.join(path.dirname(file), `.~rule12b1-${path.basename(file)}.lock`);
}

/** The lock's content, or null if it is empty, unreadable or not ours. */
function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return typeof value.pid === "number" && typeof value.host === "string"
      ? {
          pid: value.pid,
          host: value.host,
          startTicks: value.startTicks ?? null,
          command: String(value.command ?? "a command"),
          since: String(value.since ?? "an unknown time"),
        }
      : null;
  } catch {
    return null;
  }
}

async function readText(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

async function ageMs(file: string): Promise<number> {
  try {
    return Date.now() - (await fs.stat(file)).mtimeMs;
  } catch {
    return 0;
  }
}

/** Whether the lock whose content is `text` was left by a run that is gone. */
async function isStale(file: string, text: string): Promise<boolean> {
  const holder = parseHolder(text);
  if (holder === null) return (await ageMs(file)) > EMPTY_LOCK_STALE_MS;
  // Our own pid, on our host, taken before this process started: an earlier
  // process that had the same pid (containers reuse them), even where the
  // start time cannot be read.
  const thisProcessStarted = Date.now() - process.uptime() * 1000;
  if (
    holder.pid === process.pid &&
    holder.host === currentProcess().host &&
    Date.parse(holder.since) < thisProcessStarted
  )
    return true;
  return isCertainlyGone(holder);
}

/**
 * Removes the lock at `file` if it still holds exactly `staleText`, under the
 * breaker so no other run can take a fresh lock in between and lose it.
 */
async function breakStaleLock(file: string, staleText: string): Promise<void> {
  const breaker = `${file}.break`;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(breaker, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    if ((await ageMs(breaker)) > BREAKER_STALE_MS) await fs.rm(breaker, { force: true });
    return; // Another run is breaking it; look again.
  }
  try {
    await handle.close();
    if ((await readText(file)) === staleText) await fs.rm(file, { force: true });
  } finally {
    await fs.rm(breaker, { force: true });
  }
}

function inUse(given: string, lock: string, holder: LockHolder | null, waitMs: number): string {
  const who = holder
    ? `rule12b1 ${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.since})`
    : "another rule12b1 run";
  const state =
    waitMs > 0 ? `after ${Math.round(waitMs / 1000)} s it is still in use` : "it is in use";
  return `Cannot write ${given}: ${state} by ${who}. Try again when that run has finished (if none is running, delete ${lock}).`;
}

/**
 * Takes the lock on `file` (a real path, see `fileTarget`), waiting up to
 * `options.waitMs` for a live holder; throws a `FileProblem` if the file
 * stays in use or the lock cannot be created (a read-only folder, …). The
 * lock is also removed if the process is stopped by a signal.
 *
 * `const lock = await lockWorkbook("/books/trust.xlsx", "trust.xlsx", { command: "accrue", waitMs: 60_000 }); try { … } finally { await lock.release(); }`
 */
export async function lockWorkbook(
  file: string,
  given: string,
  options: LockOptions
): Promise<WorkbookLock> {
  const lock = lockPath(file);
  const started = Date.now();
  let waiting = false;
  for (;;) {
    const me: LockHolder = {
      ...currentProcess(),
      command: options.command,
      since: new Date().toISOString(),
    };
    const content = `${JSON.stringify(me)}\n`;
    try {
      const handle = await fs.open(lock, "wx", 0o644);
      // Registered before the content is written: a signal now still removes it.
      const withdraw = onInterrupt(() => {
        if (isOurs(lock, content)) rmSync(lock, { force: true });
      });
      try {
        await handle.writeFile(content);
        await handle.close();
      } catch (error) {
        // A full disk can let the file be created and refuse its content: leave nothing.
        await handle.close().catch(() => {});
        await fs.rm(lock, { force: true });
        withdraw();
        throw fileProblem(error, "write", given);
      }
      let released = false;
      return {
        file: lock,
        release: async () => {
          if (released) return;
          released = true;
          withdraw();
          if (isOurs(lock, content)) await fs.rm(lock, { force: true });
        },
      };
    } catch (error) {
      if (error instanceof FileProblem) throw error;
      if (isPermissionDenied(error)) throw folderNotWritable(given, path.dirname(file));
      if ((error as NodeJS.ErrnoException).code !== "EEXIST")
        throw fileProblem(error, "write", given);
    }
    let text: string | null;
    try {
      text = await readText(lock);
      if (text === null) continue; // Released between our open and our read.
      if (await isStale(lock, text)) {
        await breakStaleLock(lock, text);
        continue;
      }
    } catch (error) {
      throw fileProblem(error, "write", given);
    }
    const waited = Date.now() - started;
    if (waited >= options.waitMs)
      throw new FileProblem(inUse(given, lock, parseHolder(text), options.waitMs));
    if (!waiting) {
      waiting = true;
      const holder = parseHolder(text);
      if (holder) options.onWait?.(holder);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, options.waitMs - waited)));
  }
}

/** Whether the lock file still holds our content (it was not broken and re-taken by another run). */
function isOurs(lock: string, content: string): boolean {
  try {
    return readFileSync(lock, "utf8") === content;
  } catch {
    return false;
  }
}
