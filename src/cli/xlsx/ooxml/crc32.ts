/**
 * CRC-32 (the zip checksum) in native code: Node's `zlib.crc32`, which
 * Node has from 20.15 on; on an older Node 20 the same sum in JavaScript.
 * Checking or writing the sum of a 33 MB NAV sheet took about 100 ms in the
 * JavaScript of `buffer-crc32` and takes about 15 ms natively.
 */
import zlib from "node:zlib";

let table: Int32Array | undefined;

/**
 * The reflected CRC-32 (polynomial 0xEDB88320) byte by byte, for Node before 20.15.
 *
 * `crc32InJavaScript(Buffer.from("123456789"), 0)` → `0xCBF43926`
 */
export function crc32InJavaScript(data: Uint8Array, previous: number): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let crc = ~previous;
  for (let i = 0; i < data.length; i += 1) crc = table[(crc ^ data[i]!) & 255]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

const native = (zlib as { crc32?: (data: Uint8Array | string, value?: number) => number }).crc32;

/**
 * The CRC-32 of `data`, continuing from `previous` (the sum of what came
 * before it, 0 to start), as an unsigned 32-bit integer.
 *
 * `crc32(Buffer.from("123456789"))` → `0xCBF43926`
 */
export function crc32(data: Uint8Array | string, previous = 0): number {
  const bytes = typeof data === "string" ? Buffer.from(data) : data;
  return native ? native(bytes, previous >>> 0) : crc32InJavaScript(bytes, previous >>> 0);
}
