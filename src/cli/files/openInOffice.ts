/**
 * Whether a person has the workbook open in Excel or LibreOffice right now,
 * from the owner file each leaves beside it while it is open: Excel's
 * `~$<name>`, LibreOffice's `.~lock.<name>#`. Replacing a workbook that is
 * open there would be undone, silently, the next time that person saves, so
 * `--in-place` (and `-o` over an existing file) stops with a sentence instead.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { FileProblem } from "./fileProblem";

/** The owner files that would show `file` open: `~$trust.xlsx` (or `~$ust.xlsx`) and `.~lock.trust.xlsx#`. */
export function ownerFiles(file: string): { program: string; file: string }[] {
  const folder = path.dirname(file);
  const name = path.basename(file);
  return [
    { program: "Excel", file: path.join(folder, `~$${name}`) },
    // Word's convention (the first two letters replaced), which some Office versions use for long names.
    ...(name.length > 2
      ? [{ program: "Excel", file: path.join(folder, `~$${name.slice(2)}`) }]
      : []),
    { program: "LibreOffice", file: path.join(folder, `.~lock.${name}#`) },
  ];
}

/**
 * Who has it open, from LibreOffice's lock ("LibreOfficeUser,ann,ledger-01,…")
 * or Excel's owner file (a length byte and the user name); "" if unreadable.
 */
function ownerName(program: string, bytes: Buffer): string {
  if (program === "LibreOffice") {
    const [formatted, user, host] = bytes.toString("utf8").split(",");
    const who = (formatted ?? "").trim() || (user ?? "").trim();
    return who ? ` by ${who}${host ? ` on ${host.trim()}` : ""}` : "";
  }
  const length = bytes[0] ?? 0;
  const who = bytes
    .subarray(1, 1 + length)
    .toString("latin1")
    .replace(/[^\x20-\x7e]/g, "")
    .trim();
  return who ? ` by ${who}` : "";
}

/**
 * Throws a `FileProblem` if `real` (an existing workbook about to be
 * replaced) is open in Excel or LibreOffice; `given` is the path for the message.
 *
 * `await refuseIfOpenInOffice("/books/trust.xlsx", "trust.xlsx")` → throws
 * "Cannot write trust.xlsx: it is open in LibreOffice by Ann on ledger-01 …" while it is.
 */
export async function refuseIfOpenInOffice(real: string, given: string): Promise<void> {
  for (const owner of ownerFiles(real)) {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(owner.file);
    } catch {
      continue; // Not there (or not readable): nothing says the workbook is open.
    }
    throw new FileProblem(
      `Cannot write ${given}: it is open in ${owner.program}${ownerName(owner.program, bytes)}, and saving it there would undo this run. Close it there first, or write a copy with -o (if no one has it open, delete ${owner.file}).`
    );
  }
}
