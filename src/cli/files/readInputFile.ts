/**
 * Reading the input workbook's bytes with every failure as a sentence: a
 * missing file, a folder, a device or pipe (which would otherwise be read
 * forever), a file the user may not read, one over 2 GiB.
 */
import { promises as fs } from "node:fs";
import { type FileIdentity, identityOf } from "./fileIdentity";
import { FileProblem, fileProblem } from "./fileProblem";
import { fileTarget } from "./fileTarget";

/** Node's `readFile` cannot return a Buffer over 2 GiB; say so before trying. */
const MAX_BYTES = 2 ** 31 - 1;

/**
 * `await readInputFile("trust.xlsx")` → `{ ok: true, bytes, identity }`, or
 * `{ ok: false, problem: "Cannot read trust.xlsx: no such file." }`. `identity`
 * is the version read (`fileIdentity.ts`), from the handle the bytes came through.
 */
export async function readInputFile(
  file: string
): Promise<{ ok: true; bytes: Buffer; identity: FileIdentity } | { ok: false; problem: string }> {
  try {
    const target = await fileTarget(file, "read");
    if (target.existing !== null && target.existing.size > MAX_BYTES)
      throw new FileProblem(
        `Cannot read ${file}: it is ${(target.existing.size / 2 ** 30).toFixed(1)} GiB, larger than any workbook rule12b1 can read (2 GiB).`
      );
    const handle = await fs.open(target.real, "r");
    try {
      // Stat and read one open file: a save renamed over the path meanwhile is not mixed in.
      const identity = identityOf(await handle.stat());
      return { ok: true, bytes: await handle.readFile(), identity };
    } finally {
      await handle.close();
    }
  } catch (error) {
    const problem = fileProblem(error, "read", file);
    if (problem instanceof FileProblem) return { ok: false, problem: problem.sentence };
    throw problem;
  }
}
