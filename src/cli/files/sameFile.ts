/**
 * Whether two paths name the same file on the disk — through symbolic links
 * or hard links too — so `-o` can never write over the input by another name.
 */
import { promises as fs } from "node:fs";

/**
 * `await isSameFile("trust.xlsx", "latest.xlsx")` → true when latest.xlsx is a
 * link to trust.xlsx; false when either does not exist.
 */
export async function isSameFile(a: string, b: string): Promise<boolean> {
  try {
    const [first, second] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return first.dev === second.dev && first.ino === second.ino;
  } catch {
    return false;
  }
}
