/**
 * Where an editor puts the bytes of a part it writes (the NAV sheet's rows),
 * deflated as they come, at level 1 as the archive writer deflates. Each
 * batch is deflated at once on the editor's thread, and the editor then
 * fills the same buffer again (`add` says so): kept until the save, the
 * 33 MB of an accrued NAV sheet were 33 fresh megabytes, and on a machine
 * where a page's first touch is dear that cost more than the deflating
 * (bench/RESULTS.md (4n): `accrue` −8 % wall, −10,000 page faults).
 *
 * Past `atOnceBelow` bytes (64 MiB unless told: only a sheet of hundreds of
 * thousands of rows gets there) the rest goes to one deflate stream on
 * libuv's thread pool instead, beside the editor; an editor that reads as it
 * writes waits for it between pieces when it falls behind (`ready`). Every
 * piece ends with a sync flush: the archive writer puts the pieces into the
 * part as they are, between the deflated text around them (`writeZip.ts`),
 * with the CRC-32 summed here as the bytes came. Never inflated again, 515 MB
 * of XML is not deflated twice.
 *
 * The pieces depend only on the bytes and how they were cut into batches:
 * a sheet edited as one text and one edited as it is inflated hand over the
 * same batches, so they make the same archive, byte for byte.
 */
import { once } from "node:events";
import zlib from "node:zlib";
import { crc32 } from "./crc32";
import { Utf8Builder } from "./utf8Builder";
import type { DeflatedPiece } from "./zip";

const AT_ONCE_BELOW = 64 * 1_048_576;
// How far the deflater may fall behind before the editor waits for it.
const BACKLOG = 8 * 1_048_576;
const DEFLATE = { level: 1, finishFlush: zlib.constants.Z_SYNC_FLUSH };

export class PartSink {
  private readonly pieces: DeflatedPiece[] = [];
  private added = 0;
  private deflate: zlib.DeflateRaw | null = null;
  private readonly streamed: Buffer[] = [];
  private streamedSize = 0;
  private streamedCrc = 0;
  private failure: Error | null = null;

  constructor(private readonly atOnceBelow = AT_ONCE_BELOW) {}

  /**
   * Appends `bytes`. True when they were deflated at once: the caller may
   * write over them. False when the deflater on the thread pool holds them
   * until it gets to them: they must be left as they are.
   */
  add(bytes: Buffer): boolean {
    if (this.deflate === null && this.added < this.atOnceBelow) {
      this.added += bytes.length;
      this.pieces.push({
        deflated: zlib.deflateRawSync(bytes, DEFLATE),
        size: bytes.length,
        crc: crc32(bytes),
      });
      return true;
    }
    if (this.deflate === null) {
      this.deflate = zlib.createDeflateRaw(DEFLATE);
      this.deflate.on("data", (chunk: Buffer) => this.streamed.push(chunk));
      this.deflate.on("error", (error: Error) => (this.failure = error));
    }
    this.streamedSize += bytes.length;
    this.streamedCrc = crc32(bytes, this.streamedCrc);
    this.deflate.write(bytes);
    return false;
  }

  /** Waits, between pieces of input, until the deflater on the thread pool has caught up. */
  async ready(): Promise<void> {
    if (this.deflate !== null && this.deflate.writableLength > BACKLOG)
      await once(this.deflate, "drain");
  }

  /**
   * All the bytes added, in order, as deflated pieces (each ending with a
   * sync flush) with their sizes and CRC-32s; none when none were added.
   *
   * `const sink = new PartSink(); sink.add(Buffer.from("<a/>")); await sink.finish()` → `[{ deflated: <Buffer …>, size: 4, crc: … }]`
   */
  async finish(): Promise<DeflatedPiece[]> {
    const deflate = this.deflate;
    if (deflate === null) return this.pieces.splice(0);
    // Failed already, the stream will not end: said now rather than waited for.
    if (this.failure) throw this.failure;
    const ended = once(deflate, "end");
    deflate.end();
    await ended;
    if (this.failure) throw this.failure;
    const deflated = Buffer.concat(this.streamed.splice(0));
    return [...this.pieces.splice(0), { deflated, size: this.streamedSize, crc: this.streamedCrc }];
  }

  /** Lets go of everything added (the editor gave up on the part): the deflater is stopped. */
  discard(): void {
    this.deflate?.destroy();
    this.pieces.length = 0;
    this.streamed.length = 0;
  }
}

/**
 * Runs an editor, `write`, with a builder whose batches go to `sink`; gives
 * what it returns with the rows deflated, or null when it declines the part
 * (returns null). On a decline or a throw the sink is let go: no deflater is
 * left running. What every editor of a part's rows does around its own work.
 *
 * `await deflatedRows(new PartSink(), (bytes) => { bytes.add("<row/>"); return "tail"; })` → `{ value: "tail", rows: [{ deflated, size: 6, crc }] }`
 */
export async function deflatedRows<T>(
  sink: PartSink,
  write: (bytes: Utf8Builder) => T | null | Promise<T | null>
): Promise<{ value: T; rows: DeflatedPiece[] } | null> {
  const bytes = new Utf8Builder((batch) => sink.add(batch));
  let value: T | null;
  try {
    value = await write(bytes);
    if (value !== null) bytes.finish();
  } catch (error) {
    sink.discard();
    throw error;
  }
  if (value === null) {
    sink.discard();
    return null;
  }
  return { value, rows: await sink.finish() };
}
