/**
 * The zip container of an .xlsx package, read and written with Node's own
 * zlib. The runner edits a few parts of a workbook and copies every other
 * part through untouched — still compressed, byte for byte — so a 90,000-row
 * NAV sheet it did not change costs a memcpy, not a re-serialisation
 * (issue 5, benchmark 4), and parts rule12b1 does not understand (charts,
 * pivot tables, images, VBA-free extensions) survive exactly as Excel wrote
 * them.
 *
 * Only what .xlsx needs: stored or deflated entries, no encryption, no
 * Zip64 (a package over 4 GB is refused with a message).
 */
import zlib from "node:zlib";

/** One part of the package: its compressed bytes as found, or new uncompressed content. */
export interface ZipEntry {
  name: string;
  /** Uncompressed content, when the entry was added or changed (or has been read). */
  data?: Buffer;
  /** The entry as found in the source archive, copied through verbatim when `data` is unset. */
  raw?: { method: number; crc: number; compressedSize: number; size: number; bytes: Buffer };
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 of `bytes`: zlib's native one where Node has it (20.15+), else a table walk. */
export function crc32(bytes: Buffer): number {
  const native = (zlib as unknown as { crc32?: (data: Buffer) => number }).crc32;
  if (native) return native(bytes) >>> 0;
  let c = -1;
  for (let i = 0; i < bytes.length; i += 1) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Offset of the end-of-central-directory record (searched back over a trailing comment). */
function endRecord(bytes: Buffer): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at -= 1) {
    if (bytes.readUInt32LE(at) === END) return at;
  }
  throw new Error("not a zip archive (no end of central directory)");
}

/**
 * The entries of a zip archive, in archive order, compressed bytes untouched.
 *
 * `readZip(fs.readFileSync("trust.xlsx"))` → `[{ name: "[Content_Types].xml", raw: {…} }, …]`
 */
export function readZip(bytes: Buffer): ZipEntry[] {
  const end = endRecord(bytes);
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff)
    throw new Error("Zip64 archives (over 4 GB) are not supported");
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (bytes.readUInt32LE(at) !== CENTRAL) throw new Error("damaged central directory");
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localAt = bytes.readUInt32LE(at + 42);
    const name = bytes.toString(flags & 0x800 ? "utf8" : "latin1", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (compressedSize === 0xffffffff || size === 0xffffffff || localAt === 0xffffffff)
      throw new Error(`${name} is stored as Zip64 (over 4 GB), which is not supported`);
    if (flags & 1) throw new Error(`${name} is encrypted`);
    if (method !== 0 && method !== 8) throw new Error(`${name} uses compression method ${method}`);
    if (bytes.readUInt32LE(localAt) !== LOCAL) throw new Error(`damaged local header for ${name}`);
    const dataAt =
      localAt + 30 + bytes.readUInt16LE(localAt + 26) + bytes.readUInt16LE(localAt + 28);
    if (name.endsWith("/")) continue;
    entries.push({
      name,
      raw: {
        method,
        crc,
        compressedSize,
        size,
        bytes: bytes.subarray(dataAt, dataAt + compressedSize),
      },
    });
  }
  return entries;
}

/** The uncompressed content of `entry`. */
export function entryData(entry: ZipEntry): Buffer {
  if (entry.data) return entry.data;
  const raw = entry.raw!;
  const data = raw.method === 0 ? Buffer.from(raw.bytes) : zlib.inflateRawSync(raw.bytes);
  if (data.length !== raw.size || crc32(data) !== raw.crc)
    throw new Error(`${entry.name} is damaged (size or CRC does not match)`);
  return data;
}

function dosDateTime(date: Date): { time: number; day: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    day: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/**
 * A zip archive of `entries` in the given order; untouched entries keep their
 * compressed bytes, new content is deflated at `level` — 1 unless told: on a
 * NAV history it compresses nearly as well as the default 6 in a fraction of
 * the time, and every reader inflates any level alike. Every entry is dated `date`, so the same content makes the same bytes.
 *
 * `writeZip([{ name: "a.xml", data: Buffer.from("<a/>") }], new Date(Date.UTC(2026, 10, 28)))`
 */
export function writeZip(entries: readonly ZipEntry[], date: Date, level = 1): Buffer {
  const { time, day } = dosDateTime(date);
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    let method: number;
    let crc: number;
    let size: number;
    let body: Buffer;
    if (entry.data === undefined && entry.raw) ({ method, crc, size, bytes: body } = entry.raw);
    else {
      const data = entry.data ?? Buffer.alloc(0);
      crc = crc32(data);
      size = data.length;
      const deflated = zlib.deflateRawSync(data, { level });
      [method, body] = deflated.length < data.length ? [8, deflated] : [0, data];
    }
    if (offset > 0xfffffffe || body.length > 0xfffffffe)
      throw new Error("the workbook would exceed 4 GB, which .xlsx (without Zip64) cannot hold");
    const name = Buffer.from(entry.name, "utf8");
    const flags = /[^\x20-\x7e]/.test(entry.name) ? 0x800 : 0;
    // The local header and the central directory entry share this run of fields, at different offsets.
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(flags, at);
      header.writeUInt16LE(method, at + 2);
      header.writeUInt16LE(time, at + 4);
      header.writeUInt16LE(day, at + 6);
      header.writeUInt32LE(crc, at + 8);
      header.writeUInt32LE(body.length, at + 12);
      header.writeUInt32LE(size, at + 16);
      header.writeUInt16LE(name.length, at + 20);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    fields(local, 6);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    fields(header, 8);
    header.writeUInt32LE(offset, 42);
    chunks.push(local, name, body);
    central.push(header, name);
    offset += 30 + name.length + body.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}
