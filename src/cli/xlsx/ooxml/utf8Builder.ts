/**
 * Text made into UTF-8 bytes as it is written, a megabyte at a time: a
 * 33 MB sheet held as one string and then as its bytes took both at once.
 */
const BATCH = 1 << 20;

export class Utf8Builder {
  private readonly batches: Buffer[] = [];
  private pending: string[] = [];
  private pendingLength = 0;

  /** With `sink`, each batch is handed to it as it is made instead of kept (`finish` then returns none). */
  constructor(private readonly sink?: (batch: Buffer) => void) {}

  /** Appends `text`. */
  add(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= BATCH) this.flush();
  }

  /**
   * All the text added, as UTF-8 in pieces of about a megabyte (joined, they
   * are the text's bytes; kept apart, they are never copied into one buffer).
   *
   * `const b = new Utf8Builder(); b.add("<a>"); b.add("é</a>"); Buffer.concat(b.finish())` → `<Buffer 3c 61 3e c3 a9 3c 2f 61 3e>`
   */
  finish(): Buffer[] {
    this.flush();
    return this.batches.splice(0);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const batch = Buffer.from(this.pending.join(""), "utf8");
    if (this.sink) this.sink(batch);
    else this.batches.push(batch);
    this.pending = [];
    this.pendingLength = 0;
  }
}
