/**
 * Which version of a file a run read (issue 22): its device and inode, size
 * and modification time, taken from the open handle the bytes were read
 * through. Before `--in-place` replaces the workbook, the file at that path
 * must still be this one: Excel, LibreOffice and sync clients save by writing
 * a copy and renaming it over the file (a new inode), editors by writing into
 * it (a new size or time). A save made during the run is never overwritten.
 */
import type { Stats } from "node:fs";
import { FileProblem } from "./fileProblem";

export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

/** `identityOf(await handle.stat())` → `{ dev, ino, size, mtimeMs }`. */
export function identityOf(stats: Stats): FileIdentity {
  return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

/** Whether `stats` (the file now) is still the version `read` describes. */
export function sameVersion(read: FileIdentity, stats: Stats | null): boolean {
  return (
    stats !== null &&
    stats.dev === read.dev &&
    stats.ino === read.ino &&
    stats.size === read.size &&
    stats.mtimeMs === read.mtimeMs
  );
}

/**
 * The workbook was saved (or moved away) by someone else while the run
 * worked: nothing was written over it, and the run's own output, complete, is
 * kept beside it as `kept`.
 */
export class ChangedDuringRun extends FileProblem {
  constructor(
    given: string,
    readonly kept: string
  ) {
    super(
      `${given} changed on disk while rule12b1 was working (another program saved it, or moved it), so rule12b1 did not write over it: that save is kept as it is. This run's output is beside it as ${kept}; run again on the saved workbook, or compare the two.`
    );
    this.name = "ChangedDuringRun";
  }
}
