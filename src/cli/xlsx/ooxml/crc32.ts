/**
 * CRC-32 (the zip checksum) in native code: Node's `zlib.crc32` (from Node 20.15;
 * package.json's engines ask for 20.19, as our tools do). Checking or writing the
 * sum of a 33 MB NAV sheet took about 100 ms in the JavaScript of
 * `buffer-crc32` and takes about 15 ms natively.
 */
import zlib from "node:zlib";

/**
 * The CRC-32 of `data`, continuing from `previous` (the sum of what came
 * before it, 0 to start), as an unsigned 32-bit integer.
 *
 * `crc32(Buffer.from("123456789"))` → `0xCBF43926`
 */
export function crc32(data: Uint8Array | string, previous = 0): number {
  return zlib.crc32(typeof data === "string" ? Buffer.from(data) : data, previous >>> 0);
}
