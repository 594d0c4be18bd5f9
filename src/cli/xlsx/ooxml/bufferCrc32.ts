/**
 * The `buffer-crc32` API on `crc32.ts`, put in its place when the runner is
 * bundled (`--alias:buffer-crc32=…` in package.json's build scripts). yazl,
 * which wrote our packages before fflate, took every part's CRC-32 from that
 * package in JavaScript; now only ExcelJS's streaming writer (archiver,
 * compress-commons), which the runner does not call, requires it, and the
 * alias keeps the bundle free of a second CRC-32. Only the runner's bundle uses this;
 * tests run on the package itself, which computes the same sums.
 */
import { crc32 } from "./crc32";

const previousOf = (previous?: Buffer | number) =>
  Buffer.isBuffer(previous) ? previous.readUInt32BE(0) : (previous ?? 0);

/** `unsigned(Buffer.from("123456789"))` → `0xCBF43926`, like `require("buffer-crc32").unsigned`. */
export function unsigned(input: Buffer | string, previous?: Buffer | number): number {
  return crc32(input, previousOf(previous));
}

/** `signed(Buffer.from("123456789"))` → `-873187034`, like `require("buffer-crc32").signed`. */
export function signed(input: Buffer | string, previous?: Buffer | number): number {
  return unsigned(input, previous) | 0;
}

/** `bufferCrc32(Buffer.from("123456789"))` → `<Buffer cb f4 39 26>`, the package's own call. */
export default function bufferCrc32(input: Buffer | string, previous?: Buffer | number): Buffer {
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(unsigned(input, previous), 0);
  return sum;
}
