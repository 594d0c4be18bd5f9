/**
 * What a path the user gave really is, before anything is read or written:
 * the file behind any symbolic links (so `--in-place` on a link changes the
 * workbook it points to and keeps the link), whether it exists, and whether
 * it is an ordinary file — a folder, a device, a pipe or a socket is refused
 * with a sentence instead of being replaced or read forever, and a file to be
 * written that has other names (hard links) is refused rather than split.
 */
import { type Stats, promises as fs } from "node:fs";
import path from "node:path";
import { explainFileError, type FileAction, FileProblem, fileProblem } from "./fileProblem";

export interface FileTarget {
  /** The path as the user gave it, for messages: "out/report.xlsx". */
  given: string;
  /** The file behind every symbolic link, absolute: "/books/2026/trust.xlsx". */
  real: string;
  /** Its status when looked at, or null if it does not exist yet. */
  existing: Stats | null;
}

/** Linux's own limit on links followed in one path (MAXSYMLINKS). */
const MAX_LINKS = 40;

/** "a folder", "a device" …: what a non-regular file is, in words. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a folder";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isFIFO()) return "a named pipe";
  if (stats.isSocket()) return "a socket";
  return "not an ordinary file";
}

function notAFile(action: FileAction, given: string, stats: Stats): FileProblem {
  const kind = kindOf(stats);
  return new FileProblem(
    stats.isDirectory()
      ? action === "write"
        ? `Cannot write ${given}: it is a folder; name a file in it, e.g. ${path.join(given, "workbook.xlsx")}.`
        : `Cannot read ${given}: it is a folder, not a workbook.`
      : `Cannot ${action} ${given}: it is ${kind}, not an ordinary file; rule12b1 ${action === "write" ? "writes" : "reads"} only .xlsx files.`
  );
}

/**
 * A file with other names (hard links) is not replaced: the safe write makes a
 * new file and renames it over this name, which would leave every other name
 * on the old workbook without a word. Writing into the file itself would lose
 * the all-or-nothing write, so rule12b1 asks instead.
 */
function hardLinked(given: string, names: number): FileProblem {
  return new FileProblem(
    `Cannot write ${given}: the file has ${names} names (hard links), and writing it would change it under this name only — the other ${names === 2 ? "name would" : `${names - 1} names would`} keep the old workbook. Write to a new file with -o, or remove the other links first.`
  );
}

/**
 * Follows `given` through its symbolic links (also a link to a file not yet
 * there) and checks what is at the end. Throws a `FileProblem` for a folder,
 * a device or other non-regular file, a link loop, a path it cannot look at,
 * or (to write) a file with more than one name.
 *
 * `await fileTarget("latest.xlsx", "write")` → `{ given: "latest.xlsx", real: "/books/2026-q3.xlsx", existing: Stats }`
 */
export async function fileTarget(given: string, action: FileAction): Promise<FileTarget> {
  let current = path.resolve(given);
  for (let links = 0; links <= MAX_LINKS; links += 1) {
    let stats: Stats;
    try {
      stats = await fs.lstat(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" && action === "write")
        return { given, real: current, existing: null };
      throw fileProblem(error, action, given);
    }
    if (stats.isSymbolicLink()) {
      try {
        current = path.resolve(path.dirname(current), await fs.readlink(current));
      } catch (error) {
        throw fileProblem(error, action, given);
      }
      continue;
    }
    if (!stats.isFile()) throw notAFile(action, given, stats);
    if (action === "write" && stats.nlink > 1) throw hardLinked(given, stats.nlink);
    return { given, real: current, existing: stats };
  }
  throw new FileProblem(explainFileError({ code: "ELOOP" }, action, given));
}
