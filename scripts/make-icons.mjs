// Draws the add-in's ribbon and store icons (assets/icon-<size>.png) with a
// minimal PNG encoder (node:zlib only, no network, no image library):
// a navy rounded square with three rising white bars — "fees over time".
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

const dir = new URL("../assets/", import.meta.url);
mkdirSync(dir, { recursive: true });
for (const size of SIZES)
  writeFileSync(new URL(`icon-${size}.png`, dir), encodePng(size, icon(size)));
console.log(`wrote ${SIZES.map((s) => `assets/icon-${s}.png`).join(", ")}`);
