/**
 * Where an editor puts the bytes of a part it writes while reading another
 * (the NAV sheet's rows): kept as they are while they are few, deflated as
 * they come once they pass `keepBelow` — 64 MiB unless told. An accrued
 * whole sheet is 515 MB of XML and deflates to about 40 MB; held as it is,
 * it was a third of `accrue`'s peak memory. The deflater runs on libuv's
 * thread pool beside the editor, at level 1 as the archive writer deflates,
 * and ends with a sync flush: the archive writer puts the piece into the
 * part as it is, between the deflated text around it (`writeZip.ts`), with
 * the CRC-32 summed here as the bytes came. Never inflated again, 515 MB of
 * XML is not deflated twice.
 *
 * Below `keepBelow` the bytes are kept: a sheet edited as one text and one
 * edited as it is inflated then make the same archive, byte for byte.
 */
import { once } from "node:events";
import zlib from "node:zlib";
import { crc32 } from "./crc32";
import type { DeflatedPiece } from "./zip";

const KEEP_BELOW = 64 * 1_048_576;
// How far the deflater may fall behind before the editor waits for it.
const BACKLOG = 8 * 1_048_576;

export class PartSink {
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  private deflate: zlib.DeflateRaw | null = null;
  private readonly deflated: Buffer[] = [];
  private deflatedSize = 0;
  private deflatedCrc = 0;
  private failure: Error | null = null;

  constructor(private readonly keepBelow = KEEP_BELOW) {}

  /** Appends `bytes`. */
  add(bytes: Buffer): void {
    if (this.deflate === null) {
      this.kept.push(bytes);
      this.keptBytes += bytes.length;
      if (this.keptBytes < this.keepBelow) return;
      this.deflate = zlib.createDeflateRaw({
        level: 1,
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
      });
      this.deflate.on("data", (chunk: Buffer) => this.deflated.push(chunk));
      this.deflate.on("error", (error: Error) => (this.failure = error));
      for (const kept of this.kept.splice(0)) this.write(kept);
      return;
    }
    this.write(bytes);
  }

  /** Waits, between pieces of input, until the deflater has caught up with what it was given. */
  async ready(): Promise<void> {
    if (this.deflate !== null && this.deflate.writableLength > BACKLOG)
      await once(this.deflate, "drain");
  }

  /**
   * All the bytes added, in order: as they were, or as one deflated piece
   * (ending with a sync flush) with its size and CRC-32.
   *
   * `const sink = new PartSink(); sink.add(Buffer.from("<a/>")); await sink.finish()` → `[<Buffer 3c 61 2f 3e>]`
   */
  async finish(): Promise<(Buffer | DeflatedPiece)[]> {
    const deflate = this.deflate;
    if (deflate === null) return this.kept.splice(0);
    const ended = once(deflate, "end");
    deflate.end();
    await ended;
    if (this.failure) throw this.failure;
    const deflated = Buffer.concat(this.deflated.splice(0));
    return [{ deflated, size: this.deflatedSize, crc: this.deflatedCrc }];
  }

  /** Lets go of everything added (the editor gave up on the part): the deflater is stopped. */
  discard(): void {
    this.deflate?.destroy();
    this.kept.length = 0;
    this.deflated.length = 0;
  }

  private write(bytes: Buffer): void {
    this.deflatedSize += bytes.length;
    this.deflatedCrc = crc32(bytes, this.deflatedCrc);
    this.deflate!.write(bytes);
  }
}
