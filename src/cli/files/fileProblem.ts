/**
 * File-system conditions as sentences. Every failure the operating system
 * reports while the runner reads or writes a file — a full disk, a read-only
 * folder, a path that is a folder — becomes a `FileProblem` carrying one
 * located sentence ("Cannot write out/report.xlsx: the disk is full."),
 * which the runner turns into exit 2. Exit 3 is kept for bugs alone.
 */

/** What the runner was doing with the file when the system refused. */
export type FileAction = "read" | "write";

/**
 * A file-system condition the user can act on, with the sentence to show.
 * Thrown across the awaits of a write (where returning a result through
 * every layer would obscure the happy path) and caught once, in `run`.
 */
export class FileProblem extends Error {
  constructor(readonly sentence: string) {
    super(sentence);
    this.name = "FileProblem";
  }
}

/** Node's shape for an error the operating system reported (`open`, `write`, `rename` …). */
export interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
}

/** True for an error that came from the operating system (it has an `E…` code and a syscall). */
export function isSystemError(error: unknown): error is SystemError {
  return (
    error instanceof Error &&
    typeof (error as SystemError).code === "string" &&
    /^E[A-Z0-9]+$/.test((error as SystemError).code) &&
    typeof (error as SystemError).syscall === "string"
  );
}

/** Plain-language reasons, by errno code (per action where reading and writing differ). */
const REASONS: Record<string, Partial<Record<FileAction, string>> & { any: string }> = {
  ENOSPC: { any: "the disk is full" },
  EDQUOT: { any: "your disk quota is used up" },
  EROFS: { any: "it is on a read-only file system" },
  EACCES: { any: "permission denied" },
  EPERM: { any: "the operation is not permitted" },
  EISDIR: { any: "it is a folder, not a file" },
  ENOTDIR: { any: "part of its path is a file, not a folder" },
  ENOENT: { read: "no such file", write: "its folder does not exist", any: "no such file" },
  ENAMETOOLONG: { any: "the name is too long" },
  ELOOP: { any: "its symbolic links go round in a loop" },
  EMFILE: { any: "too many files are open" },
  ENFILE: { any: "too many files are open on this system" },
  EIO: { any: "the disk reported an input/output error" },
  EBUSY: { any: "it is open in another program; close it and try again" },
  ETXTBSY: { any: "it is open in another program; close it and try again" },
  EAGAIN: { any: "it is locked by another program; try again" },
  EFBIG: { any: "it is too large for this file system" },
  ENXIO: { any: "no such device" },
  ENODEV: { any: "no such device" },
  ESTALE: { any: "the network share no longer has it (stale file handle)" },
  ECONNRESET: { any: "the network share went away" },
  EINVAL: { any: "the file system does not allow this name or operation" },
};

/**
 * The reason the system gave, in words: `reasonFor({ code: "ENOSPC" }, "write")` →
 * "the disk is full". An unknown code is named as it is, so nothing is hidden.
 */
export function reasonFor(error: unknown, action: FileAction): string {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof code === "string") {
    if (code === "ERR_FS_FILE_TOO_LARGE")
      return "it is larger than 2 GiB, too large to be a workbook";
    const reason = REASONS[code];
    if (reason) return reason[action] ?? reason.any;
    return `the system reported ${code}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * One sentence for a failed read or write of `file` (the path as the user
 * gave it): `explainFileError(enospc, "write", "out/report.xlsx")` →
 * "Cannot write out/report.xlsx: the disk is full."
 */
export function explainFileError(error: unknown, action: FileAction, file: string): string {
  return `Cannot ${action} ${file}: ${reasonFor(error, action)}.`;
}

/**
 * For a `throw`: a system error (or Node's "file too large") becomes a
 * `FileProblem` with the sentence of `explainFileError`; a `FileProblem`
 * passes through; anything else — a bug — is returned unchanged, so it is
 * never disguised as a file-system condition.
 *
 * `throw fileProblem(error, "write", "out.xlsx")`
 */
export function fileProblem(error: unknown, action: FileAction, file: string): unknown {
  if (error instanceof FileProblem) return error;
  if (isSystemError(error) || (error as SystemError | undefined)?.code === "ERR_FS_FILE_TOO_LARGE")
    return new FileProblem(explainFileError(error, action, file));
  return error;
}

/**
 * A sentence for an operating-system error that reached the runner's
 * boundary without being located by the code that made the call — a safety
 * net, so even then the user reads a sentence and gets exit 2:
 * `explainSystemError(eacces)` → "The system refused to open /books/trust.xlsx: permission denied."
 */
export function explainSystemError(error: SystemError): string {
  const action: FileAction = [
    "write",
    "rename",
    "mkdir",
    "unlink",
    "rm",
    "chmod",
    "chown",
  ].includes(error.syscall ?? "")
    ? "write"
    : "read";
  return `The system refused to ${error.syscall ?? "use"} ${error.path ?? "a file"}: ${reasonFor(error, action)}.`;
}

/**
 * The sentence for a folder this user may not create files in — where the
 * new version, its temporary file and the lock must go:
 * `folderNotWritable("out/report.xlsx", "/srv/out")` → "Cannot write out/report.xlsx: permission denied; …".
 */
export function folderNotWritable(given: string, folder: string): FileProblem {
  return new FileProblem(
    `Cannot write ${given}: permission denied; rule12b1 writes the new version beside it in ${folder} and renames it over the old one, and this user may not create files there.`
  );
}

/** Whether `error` is the system refusing this user (EACCES, EPERM). */
export function isPermissionDenied(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "EACCES" || code === "EPERM";
}
