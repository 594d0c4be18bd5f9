/**
 * The temporary file a write goes through, named so anyone can tell what it
 * is and whose it is: `.~rule12b1-<workbook name>-<pid>.tmp`, hidden beside
 * the workbook (same folder, so the final rename is atomic). A run stopped
 * by SIGKILL or a power cut cannot remove its own; the next run on the same
 * workbook removes every one whose process is gone (`removeStaleTemporaries`).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { isLocalProcessGone } from "./processIdentity";

const PREFIX = ".~rule12b1-";

/** `temporaryPath("/books/trust.xlsx")` → "/books/.~rule12b1-trust.xlsx-4242.tmp" (4242: this pid). */
export function temporaryPath(file: string, pid = process.pid): string {
  return path.join(path.dirname(file), `${PREFIX}${path.basename(file)}-${pid}.tmp`);
}

/**
 * The pid in the name of a temporary file of `workbook`, or null if `name`
 * is not one. Also recognises the names earlier versions used
 * (`.<name>.<pid>.<milliseconds>.tmp`).
 *
 * `temporaryOwner(".~rule12b1-trust.xlsx-4242.tmp", "trust.xlsx")` → 4242.
 */
export function temporaryOwner(name: string, workbook: string): number | null {
  for (const [start, pattern] of [
    [`${PREFIX}${workbook}-`, /^(\d+)\.tmp$/],
    [`.${workbook}.`, /^(\d+)\.\d+\.tmp$/],
  ] as const) {
    if (name.startsWith(start)) {
      const match = pattern.exec(name.slice(start.length));
      if (match) return Number(match[1]);
    }
  }
  return null;
}

/**
 * Removes the temporary files of `file` left by runs that are gone (their pid
 * is not running on this host), and any with this process's own pid — this
 * process is not writing one yet (it holds the workbook's lock and is about
 * to), so such a file is a leftover of an earlier process that had the same
 * pid, which happens in containers. Returns the names removed.
 *
 * `await removeStaleTemporaries("/books/trust.xlsx")` → [".~rule12b1-trust.xlsx-977.tmp"].
 */
export async function removeStaleTemporaries(file: string): Promise<string[]> {
  const folder = path.dirname(file);
  const workbook = path.basename(file);
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch {
    return []; // A folder we cannot list is reported by the write itself.
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = temporaryOwner(name, workbook);
    if (pid === null) continue;
    if (pid !== process.pid && !isLocalProcessGone(pid)) continue;
    try {
      await fs.rm(path.join(folder, name), { force: true });
      removed.push(name);
    } catch {
      // Not ours to insist on: a file we cannot remove stays, and ours gets another name.
    }
  }
  return removed;
}
