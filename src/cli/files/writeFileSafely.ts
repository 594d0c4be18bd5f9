/**
 * Replacing a file so that it is never half-written, never loses its
 * permissions, and never turns a link or a device into a copy:
 *
 * 1. the path is followed through its symbolic links to the real file, which
 *    must be an ordinary file we may write, or not exist yet (`fileTarget`);
 * 2. the bytes go to `.~rule12b1-<name>-<pid>.tmp` in the real file's own
 *    folder, created exclusively with the old file's mode (never wider), then
 *    given the old file's owner and group and exact mode;
 * 3. the temporary file is flushed to the disk (`fsync`), renamed over the
 *    real file (atomic: readers see the old workbook or the new one), and the
 *    folder is flushed so the rename itself survives a power cut;
 * 4. on any failure, or a signal (see `signals.ts`), the temporary file is
 *    removed and the old file is left exactly as it was — and a folder this
 *    write created for it is removed again (nothing was changed means nothing);
 * 5. given the version of the file that was read (`unchangedSince`, for
 *    `--in-place`), the file is replaced only if it is still that version:
 *    a save another program made during the run is never overwritten, and
 *    the new bytes are kept beside it under a name of their own (issue 22).
 *
 * Every failure is a `FileProblem` with a sentence naming the path the user gave.
 */
import { constants, promises as fs, rmSync, type Stats } from "node:fs";
import path from "node:path";
import { ChangedDuringRun, type FileIdentity, sameVersion } from "./fileIdentity";
import { FileProblem, fileProblem, folderNotWritable, isPermissionDenied } from "./fileProblem";
import { fileTarget } from "./fileTarget";
import { onInterrupt } from "./interruptCleanup";
import { temporaryPath } from "./temporaryFile";

/** Written in slices so a signal is handled between them and progress can be shown. */
const SLICE_BYTES = 1 << 20;

export interface WriteOptions {
  /** Called after each slice: bytes written so far, of `total`. */
  onProgress?: (written: number, total: number) => void;
  /** Replace the file only if it is still this version (the one the run read). */
  unchangedSince?: FileIdentity;
}

/**
 * Gives the finished temporary file a name of its own beside `real` —
 * "trust (rule12b1 output).xlsx", then "… output 2)…" — never taking a name
 * already there (a hard link fails rather than replace); returns that path.
 */
async function keepBeside(temporary: string, real: string): Promise<string> {
  const extension = path.extname(real);
  const stem = path.join(path.dirname(real), path.basename(real, extension));
  for (let n = 1; ; n += 1) {
    const kept = `${stem} (rule12b1 output${n === 1 ? "" : ` ${n}`})${extension}`;
    try {
      await fs.link(temporary, kept);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw error;
    }
    await fs.rm(temporary, { force: true });
    return kept;
  }
}

/**
 * Removes the folders `mkdir -p` made for a write that then failed, deepest
 * first, from `folder` up to `created`; one that is no longer empty (another
 * program put something in it meanwhile) is left, and the ones above it.
 */
async function removeCreatedFolders(folder: string, created: string | undefined): Promise<void> {
  if (created === undefined) return;
  for (let dir = folder; dir.startsWith(created); dir = path.dirname(dir)) {
    try {
      await fs.rmdir(dir);
    } catch {
      return;
    }
    if (dir === created) return;
  }
}

/**
 * Flushes a folder's entries, so the rename survives a power cut. Best
 * effort: the data itself is already on the disk and the rename done, and
 * some platforms cannot open a folder (Windows) or sync one (EINVAL).
 */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await fs.open(folder, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // See above: nothing the user could act on, and nothing is lost.
  }
}

/**
 * Creates the temporary file exclusively. One already there with this pid
 * was left by an earlier process that had the same pid (containers reuse
 * them): it is removed and the create tried once more.
 */
async function createTemporary(temporary: string, mode: number): Promise<fs.FileHandle> {
  try {
    return await fs.open(temporary, "wx", mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    await fs.rm(temporary, { force: true });
    return fs.open(temporary, "wx", mode);
  }
}

/** Gives the new file the old one's owner, group and mode; refuses (EPERM) rather than change them. */
async function keepOwnerAndMode(
  handle: fs.FileHandle,
  given: string,
  existing: Stats
): Promise<void> {
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  if (uid !== undefined && (existing.uid !== uid || existing.gid !== gid)) {
    try {
      // Owner before mode: changing the owner clears set-id bits.
      await handle.chown(existing.uid, existing.gid);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EPERM") throw error;
      throw new FileProblem(
        `Cannot write ${given}: it belongs to user ${existing.uid}, group ${existing.gid}, and rule12b1 (running as user ${uid}) cannot keep that owner on the new version. Run it as the file's owner, or write a copy with -o.`
      );
    }
  }
  await handle.chmod(existing.mode & 0o7777);
}

/**
 * A file its owner made read-only is not replaced just because its folder
 * is writable (the rename would allow it): the same answer `cp` gives.
 * Root may write anyway, as with every other program.
 */
async function refuseReadOnly(real: string, given: string, existing: Stats): Promise<void> {
  try {
    await fs.access(real, constants.W_OK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EACCES")
      throw fileProblem(error, "write", given);
    throw new FileProblem(
      `Cannot write ${given}: it is read-only (mode ${(existing.mode & 0o777).toString(8)}); make it writable first if it should change.`
    );
  }
}

/**
 * Writes `bytes` to `given` by the steps above; returns the real path written.
 *
 * `await writeFileSafely("out/report.xlsx", bytes)` → "/home/ann/out/report.xlsx"
 */
export async function writeFileSafely(
  given: string,
  bytes: Uint8Array,
  options: WriteOptions = {}
): Promise<string> {
  const target = await fileTarget(given, "write");
  if (target.existing) await refuseReadOnly(target.real, given, target.existing);
  const folder = path.dirname(target.real);
  let created: string | undefined;
  try {
    created = await fs.mkdir(folder, { recursive: true });
  } catch (error) {
    throw fileProblem(error, "write", given);
  }
  const temporary = temporaryPath(target.real);
  const withdraw = onInterrupt(() => rmSync(temporary, { force: true }), given);
  let handle: fs.FileHandle | undefined;
  let kept: string | undefined;
  try {
    // The old mode from the first byte (the umask can only narrow it): a
    // private workbook is never readable by others, not even half-written.
    handle = await createTemporary(
      temporary,
      target.existing ? target.existing.mode & 0o777 : 0o666
    ).catch((error: unknown) => {
      throw isPermissionDenied(error) ? folderNotWritable(given, folder) : error;
    });
    if (target.existing) await keepOwnerAndMode(handle, given, target.existing);
    for (let offset = 0; offset < bytes.length; offset += SLICE_BYTES) {
      const slice = bytes.subarray(offset, Math.min(offset + SLICE_BYTES, bytes.length));
      let done = 0;
      while (done < slice.length) done += (await handle.write(slice, done)).bytesWritten;
      options.onProgress?.(offset + slice.length, bytes.length);
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    // As late as can be, the file must still be the version read; a save made in the
    // milliseconds between this look and the rename is the one case left (no portable
    // compare-and-rename exists).
    if (
      options.unchangedSince &&
      !sameVersion(options.unchangedSince, await fs.stat(target.real).catch(() => null))
    )
      kept = await keepBeside(temporary, target.real);
    else await fs.rename(temporary, target.real);
  } catch (error) {
    await handle?.close().catch(() => {});
    await fs.rm(temporary, { force: true }).catch(() => {});
    await removeCreatedFolders(folder, created).catch(() => {});
    withdraw();
    throw fileProblem(error, "write", given);
  }
  withdraw();
  await syncFolder(folder);
  if (kept !== undefined)
    throw new ChangedDuringRun(given, path.join(path.dirname(given), path.basename(kept)));
  return target.real;
}
