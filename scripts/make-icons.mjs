// Draws the add-in's ribbon and store icons (assets/icon-<size>.png) with a
// minimal PNG encoder (node:zlib only, no network, no image library):
// a navy rounded square with three rising white bars — "fees over time"; and the ribbon
// commands' icons (assets/<command>-<size>.png): ledger rows (Compute accruals), a check mark
// on green (Check compliance), a page of text (Quarterly report).
// Run `node scripts/make-icons.mjs` after changing the drawing; the PNGs are committed.
import { mkdirSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const SIZES = [16, 32, 64, 80, 128];
const NAVY = [0x1f, 0x3a, 0x68, 0xff];
const WHITE = [0xff, 0xff, 0xff, 0xff];
const CLEAR = [0, 0, 0, 0];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
export function encodePng(size, pixel) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function icon(size) {
  const radius = Math.max(2, Math.round(size / 8));
  const inCorner = (x, y) => {
    const cx = x < radius ? radius : x >= size - radius ? size - radius - 1 : x;
    const cy = y < radius ? radius : y >= size - radius ? size - radius - 1 : y;
    return (x - cx) ** 2 + (y - cy) ** 2 > radius ** 2;
  };
  const margin = Math.round(size * 0.2);
  const barWidth = Math.max(2, Math.round((size - 2 * margin) / 5));
  const gap = Math.round((size - 2 * margin - 3 * barWidth) / 2);
  const bottom = size - margin;
  const heights = [0.3, 0.5, 0.7].map((f) => Math.round((size - 2 * margin) * f + size * 0.1));
  return (x, y) => {
    if (inCorner(x, y)) return CLEAR;
    for (let i = 0; i < 3; i++) {
      const left = margin + i * (barWidth + gap);
      if (x >= left && x < left + barWidth && y < bottom && y >= bottom - heights[i]) return WHITE;
    }
    return NAVY;
  };
}

const GREEN = [0x10, 0x7c, 0x10, 0xff];
const COMMAND_SIZES = [16, 32, 80];

/** A rounded square of `fill` with white where `white(u, v)` holds (u, v in 0..1 across the icon). */
function commandIcon(size, fill, white) {
  const radius = Math.max(2, Math.round(size / 8));
  return (x, y) => {
    const cx = x < radius ? radius : x >= size - radius ? size - radius - 1 : x;
    const cy = y < radius ? radius : y >= size - radius ? size - radius - 1 : y;
    if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) return CLEAR;
    return white((x + 0.5) / size, (y + 0.5) / size) ? WHITE : fill;
  };
}

/** Distance from (u, v) to the segment (a, b). */
function toSegment(u, v, [ax, ay], [bx, by]) {
  const t = Math.max(
    0,
    Math.min(1, ((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2))
  );
  return Math.hypot(u - (ax + t * (bx - ax)), v - (ay + t * (by - ay)));
}

const COMMAND_ICONS = {
  // Three ledger rows and a column rule: the accrual columns written beside the NAVs.
  accruals: [
    NAVY,
    (u, v) =>
      (u > 0.18 && u < 0.82 && [0.3, 0.5, 0.7].some((row) => Math.abs(v - row) < 0.07)) ||
      (Math.abs(u - 0.4) < 0.05 && v > 0.2 && v < 0.8),
  ],
  check: [
    GREEN,
    (u, v) =>
      toSegment(u, v, [0.24, 0.52], [0.42, 0.7]) < 0.08 ||
      toSegment(u, v, [0.42, 0.7], [0.78, 0.3]) < 0.08,
  ],
  report: [
    NAVY,
    (u, v) =>
      u > 0.24 &&
      u < 0.76 &&
      v > 0.16 &&
      v < 0.84 &&
      !(u > 0.33 && u < 0.67 && [0.32, 0.46, 0.6, 0.72].some((row) => Math.abs(v - row) < 0.035)),
  ],
};

const dir = new URL("../assets/", import.meta.url);
mkdirSync(dir, { recursive: true });
for (const size of SIZES)
  writeFileSync(new URL(`icon-${size}.png`, dir), encodePng(size, icon(size)));
for (const [name, [fill, white]] of Object.entries(COMMAND_ICONS))
  for (const size of COMMAND_SIZES)
    writeFileSync(
      new URL(`${name}-${size}.png`, dir),
      encodePng(size, commandIcon(size, fill, white))
    );
console.log(`wrote ${SIZES.map((s) => `assets/icon-${s}.png`).join(", ")} and the command icons`);
