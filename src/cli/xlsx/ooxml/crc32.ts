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
  // Nothing leaves the sum as it is. zlib, handed no bytes at a null address (an empty array
  // over an ArrayBuffer of length 0), answers 0, its starting value, instead.
  if (data.length === 0) return previous >>> 0;
  return zlib.crc32(typeof data === "string" ? Buffer.from(data) : data, previous >>> 0);
}

// The CRC-32 polynomial, bit-reversed (as zlib and the zip format use it).
const POLYNOMIAL = 0xedb88320;

/** a(x)·b(x) modulo the CRC polynomial, both bit-reversed (zlib's `multmodp`); `a` is not 0. */
function multiplyModulo(a: number, b: number): number {
  let product = 0;
  for (let bit = 0x80000000; ; bit >>>= 1) {
    if (a & bit) {
      product ^= b;
      if ((a & (bit - 1)) === 0) break;
    }
    b = b & 1 ? (b >>> 1) ^ POLYNOMIAL : b >>> 1;
  }
  return product >>> 0;
}

// x^(2^k) modulo the polynomial, for k = 0 … 31 (zlib's `x2n_table`).
const X_TO_2_TO_THE = (() => {
  const table = [0x40000000]; // x^1
  for (let k = 1; k < 32; k += 1) table.push(multiplyModulo(table[k - 1]!, table[k - 1]!));
  return table;
})();

/**
 * The CRC-32 of two byte strings one after the other, from the CRC-32 of
 * each and the length of the second — without their bytes: a part an editor
 * deflated as it wrote it (`partSink.ts`) comes with the sum of its own
 * bytes, and the archive needs the sum of the whole part around it. zlib's
 * `crc32_combine` (x^(8·length) modulo the polynomial, by squaring), which
 * Node does not expose.
 *
 * `crc32Combine(crc32("1234"), crc32("56789"), 5)` → `0xCBF43926`, `crc32("123456789")`
 */
export function crc32Combine(first: number, second: number, secondLength: number): number {
  // x^(8·secondLength) = the product of x^(2^k) over the set bits k of 8·secondLength.
  let shift = 0x80000000; // x^0
  let k = 3; // 8 = 2^3
  for (let n = secondLength; n > 0; n = Math.floor(n / 2), k += 1)
    if (n % 2 === 1) shift = multiplyModulo(X_TO_2_TO_THE[k % 32]!, shift);
  return (multiplyModulo(shift, first >>> 0) ^ second) >>> 0;
}
