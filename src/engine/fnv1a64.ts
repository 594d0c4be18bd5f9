/**
 * The 64-bit FNV-1a hash that review-lock fingerprints are made of (a stored
 * format: fingerprints stay in workbooks, see reviewLock.ts).
 */
/**
 * 64-bit FNV-1a of a text, as 16 hex digits: stable across machines and runs
 * (fingerprints stay in workbooks, so this is a stored format). The 64-bit
 * state is kept as two 32-bit halves in plain numbers — a BigInt per character
 * cost a fifth of a second on 91,300 NAV rows; test/engine/reviewLock.test.ts
 * holds it to the BigInt definition.
 *
 * @example fnv1a64("a") // → "af63dc4c8601ec8c"
 */
export function fnv1a64(text: string): string {
  return fnv1a64Lines([text]);
}

/**
 * `fnv1a64(lines.filter((_, i) => keep(i)).join("\n"))` without building the
 * joined text: the lines kept are hashed one after the other with a line feed
 * between them (the N part of a trust's fingerprint is 91,300 lines, 3 MB joined).
 *
 * @example fnv1a64Lines(["a", "b"]) // → fnv1a64("a\nb")
 */
export function fnv1a64Lines(
  lines: readonly string[],
  keep: (index: number) => boolean = () => true
): string {
  const hash = new Fnv1a64();
  let first = true;
  for (let line = 0; line < lines.length; line += 1) {
    if (!keep(line)) continue;
    // The line feed that joins this line to the one before.
    if (!first) hash.add("\n");
    hash.add(lines[line]!);
    first = false;
  }
  return hash.hex();
}

/**
 * 64-bit FNV-1a fed piece by piece: `add` each text in turn, `hex` the
 * state — the hash of the pieces joined, without joining them (a NAV line
 * hashed as its name, "|", date, "|" and amount, none of them copied).
 *
 * @example new Fnv1a64().add("a").add("\n").add("b").hex() // → fnv1a64("a\nb")
 */
export class Fnv1a64 {
  // The 64-bit state as four 16-bit limbs, least significant first, so every step is small-integer
  // arithmetic (no float division per character). Offset basis 0xcbf29ce484222325.
  private v0 = 0x2325;
  private v1 = 0x8422;
  private v2 = 0x9ce4;
  private v3 = 0xcbf2;

  /** Feeds the UTF-16 code units of `text`; returns the hasher. */
  add(text: string): this {
    let v0 = this.v0;
    let v1 = this.v1;
    let v2 = this.v2;
    let v3 = this.v3;
    for (let index = 0; index < text.length; index += 1) {
      v0 ^= text.charCodeAt(index);
      // × prime 0x100000001b3 = 2^40 + 0x1b3 (mod 2^64): each limb × 0x1b3, plus the state shifted
      // left 40 bits (limbs 0 and 1, shifted 8, land on limbs 2 and 3), carries propagated up.
      const t0 = v0 * 0x1b3;
      let t1 = v1 * 0x1b3;
      let t2 = v2 * 0x1b3 + (v0 << 8);
      let t3 = v3 * 0x1b3 + (v1 << 8);
      t1 += t0 >>> 16;
      v0 = t0 & 0xffff;
      t2 += t1 >>> 16;
      v1 = t1 & 0xffff;
      t3 += t2 >>> 16;
      v2 = t2 & 0xffff;
      v3 = t3 & 0xffff;
    }
    this.v0 = v0;
    this.v1 = v1;
    this.v2 = v2;
    this.v3 = v3;
    return this;
  }

  /** The hash of everything fed so far, as 16 hex digits (`fnv1a64`'s form). */
  hex(): string {
    const hex = (limb: number) => limb.toString(16).padStart(4, "0");
    return hex(this.v3) + hex(this.v2) + hex(this.v1) + hex(this.v0);
  }
}
