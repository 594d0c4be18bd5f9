/**
 * Writing the zip container of an .xlsx package, on fflate's streaming `Zip`
 * (which lays out the headers, the data descriptors and the central
 * directory): we hand it each part's compressed bytes with their CRC-32 and
 * size, so a part the runner did not change is copied still compressed, as
 * found — the 33 MB NAV sheet of `report` is neither inflated nor deflated
 * again — and a part an editor deflated as it wrote it (`partSink.ts`) goes in
 * as it was deflated.
 *
 * A copied part was checked before it is copied: its CRC-32 and size were
 * compared when it was read (`entryData`, `entryPieces`, `verifyUnread`), or
 * are compared here, so a damaged part is refused, never passed on.
 *
 * fflate writes no Zip64; the limits of what the runner reads (`ZIP_LIMITS`:
 * 1,000 MiB a part, 2,000 MiB a package) keep every size and offset under
 * 4 GiB, and the writer refuses, with a sentence, what would not fit.
 */
import { promisify } from "node:util";
import zlib from "node:zlib";
import { Zip, type ZipInputFile } from "fflate";
import { crc32, crc32Combine } from "./crc32";
import { UnreadablePackage } from "./packageError";
import { type DeflatedPiece, entryData, entryPieces, type ZipEntry } from "./zip";

const deflateRaw = promisify(zlib.deflateRaw);

/** Deflates `stretch` (its pieces one after the other), when a thread is free for it. */
type Deflater = (stretch: readonly Buffer[], finishFlush: number) => Promise<Buffer>;

// libuv's thread pool runs four jobs at once (unless UV_THREADPOOL_SIZE says otherwise): more
// started at once would only hold their input — a stretch across two pieces is a copy.
const AT_ONCE = 4;

/**
 * New content is deflated in stretches of this many bytes, queued at once
 * and deflated side by side on libuv's thread pool; each but the last of a
 * part ends on a byte boundary (a sync flush), so the stretches one after
 * the other are one deflate stream. A 33 MB sheet deflates in about half the
 * time on two cores, 0.1 % larger. The stretches are cut at the same offsets
 * of the content however it was handed over, so the same content makes the
 * same bytes.
 */
const STRETCH = 1_048_576;
// A stretch's deflated bytes fit one output buffer (level 1 adds a few bytes a 64 KB block to
// bytes it cannot shrink): a stretch is then one job for a pool thread. With zlib's default
// 16 KB buffer it came back to the main thread for every 16 KB of output.
const OUTPUT = STRETCH + 65_536;
// A zip archive without Zip64 counts entries in 16 bits and bytes in 32.
const MAX_ENTRIES = 0xffff;
const MAX_BYTES = 0xffffffff;

/** A part as it goes into the archive, deflated (every part is). */
interface Packed {
  crc: number;
  size: number;
  compressed: Buffer[];
}

/**
 * A zip archive of `entries` in the given order: parts as found copied still
 * compressed, pieces an editor deflated as it wrote them (at level 1) taken
 * as they are, other new content deflated at `level` — 1 unless told: on a
 * NAV history it compresses nearly as well as the default 6 in a fraction of
 * the time, and every reader inflates any level alike. Every entry is dated
 * `date` (as its UTC time), so the same content makes the same bytes; a name
 * outside ASCII is flagged UTF-8.
 *
 * `await writeZip([{ name: "a.xml", data: Buffer.from("<a/>") }], new Date(Date.UTC(2026, 10, 28)))`
 */
export async function writeZip(
  entries: readonly ZipEntry[],
  date: Date,
  level = 1
): Promise<Buffer> {
  if (entries.length > MAX_ENTRIES) throw tooLarge(`${entries.length} parts`);
  // Every part is started before any is awaited: the deflating runs side by side on the thread pool.
  const deflate = deflater(level);
  const packed = await Promise.all(entries.map((entry) => pack(entry, deflate)));
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure ??= error;
    else chunks.push(chunk);
  });
  const mtime = dosTime(date);
  entries.forEach((entry, i) => {
    const { crc, size, compressed } = packed[i]!;
    if (size > MAX_BYTES) throw tooLarge(`a part of more than 4 GiB (${entry.name})`);
    const file: ZipInputFile = { filename: entry.name, compression: 8, crc, size, mtime };
    zip.add(file);
    // fflate's types ask for a Uint8Array over an ArrayBuffer, which a Buffer from zlib or readFile is.
    compressed.forEach((piece, at) =>
      file.ondata!(null, piece as Uint8Array<ArrayBuffer>, at === compressed.length - 1)
    );
  });
  zip.end();
  if (failure) throw failure;
  // Every offset in the central directory is under the archive's length.
  if (chunks.reduce((total, chunk) => total + chunk.length, 0) > MAX_BYTES)
    throw tooLarge("more than 4 GiB");
  return Buffer.concat(chunks);
}

/** The refusal of a package too large for a zip archive without Zip64. */
function tooLarge(what: string): UnreadablePackage {
  return new UnreadablePackage(
    `Written, the workbook would hold ${what}, more than a zip archive without Zip64 holds, so no run could open it again; nothing was written.`
  );
}

/**
 * The DOS date fields of an entry read the UTC time of `date` whatever the
 * machine's zone (fflate reads them in local time), within what they can
 * hold as fflate writes them: 1980 to 2099, two-second steps.
 */
function dosTime(date: Date): Date {
  const utc = Math.min(Math.max(date.getTime(), Date.UTC(1980, 0, 1)), Date.UTC(2099, 11, 31));
  const at = new Date(utc);
  return new Date(
    at.getUTCFullYear(),
    at.getUTCMonth(),
    at.getUTCDate(),
    at.getUTCHours(),
    at.getUTCMinutes(),
    at.getUTCSeconds()
  );
}

/** `entry` as it goes into the archive: copied when found deflated, else deflated. */
async function pack(entry: ZipEntry, deflate: Deflater): Promise<Packed> {
  const raw = entry.raw;
  if (raw && raw.method === 8 && !entry.data && !entry.pieces) {
    // Checked before it is copied; a part read already was checked as it was read.
    if (!raw.checked) for await (const piece of entryPieces(entry)) void piece;
    return { crc: raw.crc >>> 0, size: raw.size, compressed: [raw.bytes] };
  }
  // A part found stored (ExcelJS's, for init and the demo) is deflated, its checksum compared first.
  const pieces = entry.pieces ?? [entry.data ?? entryData(entry)];
  return deflatePieces(pieces, deflate);
}

/**
 * `pieces` as one deflated part: runs of plain bytes deflated in stretches,
 * pieces deflated already (sync-flushed, see `PartSink`) taken as they are,
 * and the part closed with an empty final block when it ends on one of those.
 */
async function deflatePieces(
  pieces: readonly (Buffer | DeflatedPiece)[],
  deflate: Deflater
): Promise<Packed> {
  const segments: (Buffer[] | DeflatedPiece)[] = [];
  for (const piece of pieces) {
    const run = segments.at(-1);
    if (!Buffer.isBuffer(piece)) segments.push(piece);
    else if (Array.isArray(run)) run.push(piece);
    else segments.push([piece]);
  }
  if (segments.length === 0) segments.push([]);
  const jobs = segments.flatMap((segment, i) =>
    Array.isArray(segment)
      ? deflateStretches(segment, deflate, i === segments.length - 1)
      : [Promise.resolve(segment.deflated)]
  );
  if (!Array.isArray(segments.at(-1))) jobs.push(deflate([], zlib.constants.Z_FINISH));
  // Summed while the thread pool deflates.
  let crc = 0;
  let size = 0;
  for (const segment of segments)
    if (Array.isArray(segment))
      for (const piece of segment) [crc, size] = [crc32(piece, crc), size + piece.length];
    else [crc, size] = [crc32Combine(crc, segment.crc, segment.size), size + segment.size];
  return { crc, size, compressed: await Promise.all(jobs) };
}

/**
 * The bytes of `pieces` deflated in stretches of `STRETCH`, each queued now;
 * every stretch ends with a sync flush but the part's last (`last`), which
 * ends the deflate stream.
 */
function deflateStretches(
  pieces: readonly Buffer[],
  deflate: Deflater,
  last: boolean
): Promise<Buffer>[] {
  const total = pieces.reduce((n, piece) => n + piece.length, 0);
  const jobs: Promise<Buffer>[] = [];
  let index = 0;
  let within = 0;
  for (let start = 0; start < total || jobs.length === 0; start += STRETCH) {
    const end = Math.min(start + STRETCH, total);
    const stretch: Buffer[] = [];
    for (let need = end - start; need > 0;) {
      const piece = pieces[index]!;
      const take = Math.min(need, piece.length - within);
      stretch.push(piece.subarray(within, within + take));
      need -= take;
      within += take;
      if (within === piece.length) [index, within] = [index + 1, 0];
    }
    const finishFlush =
      last && end === total ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH;
    jobs.push(deflate(stretch, finishFlush));
  }
  return jobs;
}

/**
 * Deflates at `level`, `AT_ONCE` stretches at a time in the order they are
 * given. A stretch across pieces is joined only when it starts, into one of
 * `AT_ONCE` buffers used again and again: a fresh megabyte for every join
 * cost more in the kernel's first touch of its pages than the copy itself
 * (60 ms of `accrue` on the 91,300-row bench trust, on a machine where page
 * faults are dear, 2026-12-07).
 */
function deflater(level: number): Deflater {
  let running = 0;
  const waiting: (() => void)[] = [];
  const spare: Buffer[] = [];
  return async (stretch, finishFlush) => {
    if (running < AT_ONCE) running += 1;
    else await new Promise<void>((start) => waiting.push(start));
    let joinedInto: Buffer | null = null;
    try {
      let input: Buffer;
      if (stretch.length === 0) input = Buffer.alloc(0);
      else if (stretch.length === 1) input = stretch[0]!;
      else {
        const length = stretch.reduce((n, piece) => n + piece.length, 0);
        joinedInto = spare.pop() ?? Buffer.allocUnsafeSlow(Math.max(STRETCH, length));
        if (joinedInto.length < length) joinedInto = Buffer.allocUnsafeSlow(length);
        let at = 0;
        for (const piece of stretch) at += piece.copy(joinedInto, at);
        input = joinedInto.subarray(0, length);
      }
      const out = await deflateRaw(input, {
        level,
        finishFlush,
        chunkSize: Math.min(OUTPUT, input.length + 65_536),
      });
      // A view of zlib's output buffer, sized for the worst case: a megabyte of NAV rows deflates
      // to a few kilobytes, and the archive holds every stretch until it is written.
      return out.length < out.buffer.byteLength / 2 ? Buffer.from(out) : out;
    } finally {
      // zlib is done with the joined input: the next join may fill it.
      if (joinedInto !== null) spare.push(joinedInto);
      // The thread goes to the next stretch waiting, if any.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
