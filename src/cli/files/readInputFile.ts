/**
 * Reading the input workbook's bytes with every failure as a sentence: a
 * missing file, a folder, a device or pipe (which would otherwise be read
 * forever), a file the user may not read, one over 2 GiB.
 */
import { promises as fs } from "node:fs";
import { FileProblem, fileProblem } from "./fileProblem";
import { fileTarget } from "./fileTarget";

/** Node's `readFile` cannot return a Buffer over 2 GiB; say so before trying. */
const MAX_BYTES = 2 ** 31 - 1;

/**
 * `await readInputFile("trust.xlsx")` → `{ ok: true, bytes }`, or
 * `{ ok: false, problem: "Cannot read trust.xlsx: no such file." }`.
 */
export async function readInputFile(
  file: string
): Promise<{ ok: true; bytes: Buffer } | { ok: false; problem: string }> {
  try {
    const target = await fileTarget(file, "read");
    if (target.existing !== null && target.existing.size > MAX_BYTES)
      throw new FileProblem(
        `Cannot read ${file}: it is ${(target.existing.size / 2 ** 30).toFixed(1)} GiB, larger than any workbook rule12b1 can read (2 GiB).`
      );
    return { ok: true, bytes: await fs.readFile(target.real) };
  } catch (error) {
    const problem = fileProblem(error, "read", file);
    if (problem instanceof FileProblem) return { ok: false, problem: problem.sentence };
    throw problem;
  }
}
