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
        const sunk = new Utf8Builder((batch) => handed.push(batch));
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
});
