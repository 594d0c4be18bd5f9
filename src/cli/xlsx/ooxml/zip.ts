/**
 * The zip container of an .xlsx package, read on yauzl (central directory,
 * Zip64, file-name rules, bounds of every entry); written by `writeZip.ts`.
 * What yauzl leaves to us, we add here: every part's CRC-32 is checked when
 * it is inflated, and sizes are limited before anything is inflated — a 1 MB
 * file claiming 1 GB of XML is refused with a sentence, not unpacked (issue 13).
 * Nothing is held longer than it is needed: a part is inflated 64 KiB at
 * a time when it is streamed, and a part never read is not inflated at all
 * except to check it.
 */
import zlib from "node:zlib";
import yauzl from "yauzl";
import { crc32 } from "./crc32";
import { megabytes, UnreadablePackage } from "./packageError";

/**
 * A stretch of a part an editor deflated as it wrote it (`partSink.ts`):
 * an accrued whole-sheet NAV table, 515 MB of XML, waits for the archive
 * writer as about 40 MB, which copies it as it is. The deflate stream ends
 * with a sync flush, not a final block, so the rest of the part can follow it.
 */
export interface DeflatedPiece {
  deflated: Buffer;
  /** Its size inflated. */
  size: number;
  /** The CRC-32 of its bytes inflated. */
  crc: number;
}

/**
 * A part streamed is inflated 64 KiB at a time. Each piece is then a string of
 * as many characters, under V8's largest ordinary object (128 KiB): it lives and
 * dies in the young generation, whose memory is used again. A megabyte piece was
 * a large object, given fresh pages of its own and handed back after each
 * collection — on a machine where the first touch of a page is dear, measured
 * 2026-12-07 on the bench trust: `check` −9 % wall and −34 MiB peak, `report`
 * −4 to −13 % and −55 MiB (bench/RESULTS.md (4l)).
 */
const STREAM_PIECE = 64 * 1024;

/** How a deflated piece is inflated: it ends with a sync flush, not a final block. */
const UNFINISHED = { finishFlush: zlib.constants.Z_SYNC_FLUSH };

/** One part of the package: its compressed bytes as found, or new uncompressed content. */
export interface ZipEntry {
  name: string;
  /** Uncompressed content, when the entry was added or changed. */
  data?: Buffer;
  /** New content in pieces, in order (a large part an editor wrote), instead of `data`. */
  pieces?: (Buffer | DeflatedPiece)[];
  /**
   * The entry as found in the source archive, inflated when needed;
   * `checked` once its size and CRC-32 were found to match (then the
   * writer copies it as it is).
   */
  raw?: { method: number; crc: number; size: number; bytes: Buffer; checked?: boolean };
}

/**
 * Ceilings on what one package may unpack to. The largest honest part is a
 * whole-sheet NAV history with the accrual columns: 515 MB of XML for a
 * three-column table, about 600 MB with a fourth, more with long names —
 * read and edited as it is inflated, never as one string, so the ceiling
 * is not V8's longest string but what a 1 GB zip bomb must stay over.
 */
export const ZIP_LIMITS = { entryBytes: 1_000 * 1_048_576, totalBytes: 2_000 * 1_048_576 };

const DAMAGED = "The file is not a readable .xlsx package: its zip archive is damaged";
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Why a compound (OLE) file is not a package: an encrypted .xlsx or a binary .xls. */
function compoundFileProblem(bytes: Buffer): string {
  // An encrypted OOXML file is a compound file holding the streams EncryptionInfo and EncryptedPackage.
  if (bytes.includes(Buffer.from("EncryptedPackage", "utf16le")))
    return "This workbook is password-protected (Excel saved it encrypted), so rule12b1 cannot read it. Save it without a password (File ▸ Info ▸ Protect Workbook ▸ Encrypt with Password, clear the password) and run again.";
  return 'This is an Excel 97–2003 workbook (.xls), which rule12b1 does not read. Open it in Excel and save it as "Excel Workbook (.xlsx)".';
}

/**
 * The entries of a zip archive, in archive order, compressed bytes untouched;
 * throws `UnreadablePackage` with a sentence for anything that is not a sound package.
 *
 * `await readZip(fs.readFileSync("trust.xlsx"))` → `[{ name: "[Content_Types].xml", raw: {…} }, …]`
 */
export async function readZip(bytes: Buffer, limits = ZIP_LIMITS): Promise<ZipEntry[]> {
  if (bytes.subarray(0, 8).equals(CFB_SIGNATURE))
    throw new UnreadablePackage(compoundFileProblem(bytes));
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, strictFileNames: false });
  } catch (error) {
    if (!bytes.subarray(0, 2).equals(Buffer.from("PK")))
      throw new UnreadablePackage(
        'This file is not an .xlsx workbook (it is not a zip package at all). Save it from Excel as "Excel Workbook (.xlsx)".'
      );
    throw new UnreadablePackage(`${DAMAGED} (${(error as Error).message}).`);
  }
  const entries: ZipEntry[] = [];
  // Part names compare without case (OPC, ECMA-376 Part 2 §6.2.2.3): two entries of one name
  // are two versions of a part, and programs disagree on which counts (issue 22).
  const seen = new Map<string, string>();
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      if (name.endsWith("/")) continue;
      const first = seen.get(name.toLowerCase());
      if (first !== undefined) throw new UnreadablePackage(duplicateEntry(first, name));
      seen.set(name.toLowerCase(), name);
      if (entry.isEncrypted())
        throw new UnreadablePackage(
          `The part ${name} is encrypted inside the zip archive, which Excel never writes. Save the workbook again from Excel.`
        );
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
        throw new UnreadablePackage(
          `The part ${name} uses zip compression method ${entry.compressionMethod}; Excel writes only stored or deflated parts. Save the workbook again from Excel.`
        );
      total += entry.uncompressedSize;
      if (entry.uncompressedSize > limits.entryBytes || total > limits.totalBytes)
        throw new UnreadablePackage(
          `The part ${name} would unpack to ${megabytes(entry.uncompressedSize)} (the package to at least ${megabytes(total)}), over the ${megabytes(limits.entryBytes)} a part and ${megabytes(limits.totalBytes)} a workbook that rule12b1 reads. This is not a workbook Excel wrote; rule12b1 does not unpack it.`
        );
      const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
      const end = fileDataStart + entry.compressedSize;
      if (end > bytes.length)
        throw new UnreadablePackage(`${DAMAGED} (the part ${name} runs past the end of the file).`);
      entries.push({
        name,
        raw: {
          method: entry.compressionMethod,
          crc: entry.crc32,
          size: entry.uncompressedSize,
          bytes: bytes.subarray(fileDataStart, end),
        },
      });
    }
  } catch (error) {
    if (error instanceof UnreadablePackage) throw error;
    throw new UnreadablePackage(`${DAMAGED} (${(error as Error).message}).`);
  } finally {
    zip.close();
  }
  return entries;
}

/** The refusal of a package holding one part name twice (in any case). */
function duplicateEntry(first: string, second: string): string {
  const named =
    first === second
      ? `the part ${first} twice`
      : `the parts ${first} and ${second}, one name in two cases`;
  return `The workbook's zip archive holds ${named}; programs disagree on which copy counts, so rule12b1 does not guess. Open the workbook in Excel and save it again (Excel keeps one), or use a backup.`;
}

/** Why a part cannot be read, in a sentence naming it. */
function damagedEntry(entry: ZipEntry, why: string): UnreadablePackage {
  return new UnreadablePackage(
    `The part ${entry.name} of the workbook is damaged (${why}). Open the workbook in Excel and save it again, or use a backup.`
  );
}

/**
 * The uncompressed content of `entry` as it is inflated, in pieces of up to
 * 64 KiB (`STREAM_PIECE`; a megabyte for a piece the runner deflated itself,
 * and one piece for a part stored or held as bytes), with the checks of
 * `entryData`: inflating stops past the size the archive states, and the size
 * and CRC-32 are compared at the end (a reader of the pieces sees the refusal
 * before it can finish).
 *
 * `for await (const piece of entryPieces(entry)) …`
 */
export async function* entryPieces(entry: ZipEntry): AsyncGenerator<Buffer> {
  if (entry.data) return yield entry.data;
  if (entry.pieces) {
    for (const piece of entry.pieces)
      if (Buffer.isBuffer(piece)) yield piece;
      else yield* inflatePiece(piece);
    return;
  }
  const raw = entry.raw!;
  if (raw.method === 0) return yield entryData(entry);
  const inflate = zlib.createInflateRaw({ chunkSize: STREAM_PIECE });
  inflate.end(raw.bytes);
  let size = 0;
  let crc = 0;
  try {
    for await (const piece of inflate as AsyncIterable<Buffer>) {
      size += piece.length;
      if (size > raw.size)
        throw damagedEntry(entry, "it unpacks to more than the size the archive states");
      crc = crc32(piece, crc);
      yield piece;
    }
  } catch (error) {
    if (error instanceof UnreadablePackage) throw error;
    throw damagedEntry(entry, "its compressed data cannot be unpacked");
  } finally {
    inflate.destroy();
  }
  if (size !== raw.size) throw damagedEntry(entry, "its size does not match the archive's");
  if (crc !== raw.crc >>> 0) throw damagedEntry(entry, "its CRC-32 checksum does not match");
  raw.checked = true;
}

/**
 * A piece the runner deflated itself (made here, it needs no checksum), inflated a megabyte at a
 * time: read back only by a step that edits what it wrote, not on the way of every read.
 */
async function* inflatePiece(piece: DeflatedPiece): AsyncGenerator<Buffer> {
  const inflate = zlib.createInflateRaw({ ...UNFINISHED, chunkSize: 1 << 20 });
  inflate.end(piece.deflated);
  try {
    yield* inflate as AsyncIterable<Buffer>;
  } finally {
    inflate.destroy();
  }
}

/**
 * The uncompressed content of `entry`, its size and CRC-32 checked; inflating
 * stops at the size the archive states, so a part cannot unpack to more.
 *
 * `entryData(entries[0]).toString("utf8")` → `'<?xml version="1.0" …'`
 */
export function entryData(entry: ZipEntry): Buffer {
  if (entry.data) return entry.data;
  if (entry.pieces)
    return Buffer.concat(
      entry.pieces.map((p) =>
        Buffer.isBuffer(p) ? p : zlib.inflateRawSync(p.deflated, UNFINISHED)
      )
    );
  const raw = entry.raw!;
  const damaged = (why: string) => damagedEntry(entry, why);
  let data: Buffer;
  if (raw.method === 0) data = raw.bytes;
  else {
    try {
      // Output in pieces of up to 1 MB, not zlib's 16 KB: a 33 MB sheet inflates a third faster.
      data = zlib.inflateRawSync(raw.bytes, {
        maxOutputLength: Math.max(1, raw.size),
        chunkSize: Math.min(1 << 20, Math.max(64, raw.size)),
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw damaged(
        code === "ERR_BUFFER_TOO_LARGE"
          ? "it unpacks to more than the size the archive states"
          : "its compressed data cannot be unpacked"
      );
    }
  }
  if (data.length !== raw.size) throw damaged("its size does not match the archive's");
  if (crc32(data) !== raw.crc >>> 0) throw damaged("its CRC-32 checksum does not match");
  raw.checked = true;
  return data;
}
