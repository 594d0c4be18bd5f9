/**
 * Text made into UTF-8 bytes as it is written, a megabyte at a time: a
 * 33 MB sheet held as one string and then as its bytes took both at once.
 * Each piece of text is encoded straight into the batch being filled, not
 * kept and joined first: joining a NAV sheet's 91,300 rows into megabyte
 * strings before encoding them was a third of accrue's row writing. A sink
 * that is done with a batch when it returns (it deflated it, `PartSink`)
 * gets the same buffer filled again: fresh pages are what cost.
 */
const BATCH = 1 << 20;
// A UTF-16 code unit is at most three bytes of UTF-8 (a pair of them four).
const MOST_BYTES_PER_UNIT = 3;

export class Utf8Builder {
  private readonly batches: Buffer[] = [];
  private batch: Buffer | null = null;
  // The last batch's buffer, when the sink said it was done with it.
  private spare: Buffer | null = null;
  private filled = 0;
  // A high surrogate ending the last text, held until the text after it says whether it is half a pair.
  private held = "";

  /**
   * With `sink`, each batch is handed to it as it is made instead of kept
   * (`finish` then returns none). A sink that returns true is done with the
   * batch: its buffer is filled again with the text that follows.
   */
  constructor(private readonly sink?: (batch: Buffer) => boolean | void) {}

  /** Appends `text`. */
  add(text: string): void {
    if (this.held !== "") {
      text = this.held + text;
      this.held = "";
    }
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.held = text.slice(-1);
      text = text.slice(0, -1);
    }
    const batch = this.batchWithRoom(text.length);
    if (batch === null) this.hand(Buffer.from(text, "utf8"));
    else this.filled += batch.write(text, this.filled, "utf8");
  }

  /**
   * Appends the ASCII bytes `source[start, end)` and `source[from, to)`, then
   * `text`: copied, not decoded and encoded again, and cut into batches
   * exactly as `add` would cut the same text added as one string (the bytes
   * read as characters, one each) — so a writer of kept bytes hands its sink
   * the batches a writer of text does (`sheetRowBytes.ts`). The caller vouches
   * the ranges hold no byte past 0x7F; the second may be empty.
   *
   * `b.addAscii(Buffer.from('<row r="2">…'), 0, 11, 0, 0, "</row>")`
   */
  addAscii(
    source: Buffer,
    start: number,
    end: number,
    from: number,
    to: number,
    text: string
  ): void {
    const units = end - start + (to - from) + text.length;
    const last = text.length > 0 ? text.charCodeAt(text.length - 1) : 0;
    // What `add` would do otherwise — a held or holding surrogate, or a piece longer than a batch —
    // it does with the same text.
    if (
      this.held !== "" ||
      (last >= 0xd800 && last <= 0xdbff) ||
      units * MOST_BYTES_PER_UNIT > BATCH
    ) {
      this.add(
        `${source.toString("latin1", start, end)}${source.toString("latin1", from, to)}${text}`
      );
      return;
    }
    const batch = this.batchWithRoom(units)!;
    this.filled += source.copy(batch, this.filled, start, end);
    if (to > from) this.filled += source.copy(batch, this.filled, from, to);
    if (text.length > 0) this.filled += batch.write(text, this.filled, "utf8");
  }

  /**
   * The batch to write `units` code units of text into: the one being filled
   * if they surely fit, else a new one (the last one handed on first); null
   * when they may not fit in a batch at all (they go as a piece of their own).
   */
  private batchWithRoom(units: number): Buffer | null {
    const most = units * MOST_BYTES_PER_UNIT;
    if (this.batch !== null && most <= this.batch.length - this.filled) return this.batch;
    this.flush();
    if (most > BATCH) return null;
    this.batch = this.spare ?? Buffer.allocUnsafe(BATCH);
    this.spare = null;
    return this.batch;
  }

  /**
   * All the text added, as UTF-8 in pieces of at most a megabyte, or one piece
   * for a longer text added at once (joined, they are the text's bytes; kept
   * apart, they are never copied into one buffer).
   *
   * `const b = new Utf8Builder(); b.add("<a>"); b.add("é</a>"); Buffer.concat(b.finish())` → `<Buffer 3c 61 3e c3 a9 3c 2f 61 3e>`
   */
  finish(): Buffer[] {
    this.flush();
    // A lone high surrogate at the very end: what Buffer.from makes of it.
    if (this.held !== "") this.hand(Buffer.from(this.held, "utf8"));
    this.held = "";
    return this.batches.splice(0);
  }

  private flush(): void {
    if (this.batch !== null && this.filled > 0 && this.hand(this.batch.subarray(0, this.filled)))
      this.spare = this.batch;
    this.batch = null;
    this.filled = 0;
  }

  /** Hands `batch` on; true when the sink is done with it. */
  private hand(batch: Buffer): boolean {
    if (this.sink) return this.sink(batch) === true;
    this.batches.push(batch);
    return false;
  }
}
