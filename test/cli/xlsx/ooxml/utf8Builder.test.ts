import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Utf8Builder } from "../../../../src/cli/xlsx/ooxml/utf8Builder";

// Code units that matter to UTF-8: one, two and three bytes, a pair (four), and each half of a pair alone.
const unit = fc.constantFrom("a", "<", "é", "€", "\u{1F600}", "\uD83D", "\uDE00", "\uFFFF");
// Texts of a few units, and now and then one long enough to fill a batch or more (a megabyte of bytes).
const text = fc.oneof(
  { weight: 20, arbitrary: fc.string({ unit, maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(unit, fc.integer({ min: 100_000, max: 700_000 }))
      .map(([u, times]) => u.repeat(times)),
  }
);

/** What the builder was written to be: the texts joined, then encoded once. */
const joinedBytes = (texts: readonly string[]) => Buffer.from(texts.join(""), "utf8");

describe("Utf8Builder", () => {
  it("makes '<a>' + 'é</a>' into the bytes of '<a>é</a>'", () => {
    const builder = new Utf8Builder();
    builder.add("<a>");
    builder.add("é</a>");
    expect(Buffer.concat(builder.finish())).toEqual(
      Buffer.from([0x3c, 0x61, 0x3e, 0xc3, 0xa9, 0x3c, 0x2f, 0x61, 0x3e])
    );
  });

  it("keeps a pair of surrogates split between two texts a pair (four bytes), as the texts joined are", () => {
    const builder = new Utf8Builder();
    builder.add("x\uD83D");
    builder.add("\uDE00y");
    expect(Buffer.concat(builder.finish())).toEqual(joinedBytes(["x\uD83D\uDE00y"]));
    expect(joinedBytes(["x\uD83D\uDE00y"]).length).toBe(6);
  });

  it("gives the bytes of the texts joined, whatever they hold and however they are cut, with a sink or without", () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 60 }), (texts) => {
        const kept = new Utf8Builder();
        const handed: Buffer[] = [];
        const sunk = new Utf8Builder((batch) => void handed.push(batch));
        for (const t of texts) {
          kept.add(t);
          sunk.add(t);
        }
        const batches = kept.finish();
        expect(sunk.finish()).toEqual([]);
        expect(Buffer.concat(batches).equals(joinedBytes(texts))).toBe(true);
        expect(Buffer.concat(handed).equals(joinedBytes(texts))).toBe(true);
        // A batch is a megabyte at most, unless one text alone was longer.
        const longest = Math.max(0, ...texts.map((t) => Buffer.byteLength(t)));
        for (const batch of batches)
          expect(batch.length).toBeLessThanOrEqual(Math.max(1 << 20, longest + 4));
      }),
      { numRuns: 300 }
    );
  });

  it("fills a batch's buffer again once the sink says it is done with it, and the bytes handed on are still the texts'", () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 60 }), (texts) => {
        // The sink copies what it is handed, then says it is done: the next batch may be written over it.
        const copies: Buffer[] = [];
        const buffers = new Set<ArrayBufferLike>();
        const reused = new Utf8Builder((batch) => {
          copies.push(Buffer.from(batch));
          buffers.add(batch.buffer);
          return true;
        });
        for (const t of texts) reused.add(t);
        expect(reused.finish()).toEqual([]);
        expect(Buffer.concat(copies).equals(joinedBytes(texts))).toBe(true);
        // Megabyte batches share one buffer; only a text longer than a batch, added at once, has its own.
        const alone = texts.filter((t) => t.length * 3 > 1 << 20).length;
        expect(buffers.size).toBeLessThanOrEqual(1 + alone + (texts.length > 0 ? 1 : 0));
      }),
      { numRuns: 200 }
    );
  });

  it("does not fill a batch's buffer again when the sink keeps it", () => {
    const handed: Buffer[] = [];
    const builder = new Utf8Builder((batch) => {
      handed.push(batch);
      return false;
    });
    const row = "<row>€</row>".repeat(40_000); // 560,000 bytes: two rows fill more than a batch
    builder.add(row);
    builder.add(row);
    builder.add(row);
    builder.finish();
    expect(handed.length).toBe(3);
    expect(new Set(handed.map((b) => b.buffer)).size).toBe(3);
    expect(Buffer.concat(handed).toString()).toBe(row.repeat(3));
  });
});
