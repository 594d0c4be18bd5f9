/**
 * The zip writer (src/cli/xlsx/ooxml/writeZip.ts): parts found deflated are
 * copied as found, new content is deflated in stretches side by side, a piece
 * an editor deflated goes in as it is; what it writes reads back the same in
 * our reader (yauzl), JSZip and ExcelJS.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import yauzl from "yauzl";
import yazl from "yazl";
import { crc32 } from "../../src/cli/xlsx/ooxml/crc32";
import { PartSink } from "../../src/cli/xlsx/ooxml/partSink";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { writeZip } from "../../src/cli/xlsx/ooxml/writeZip";
import {
  type DeflatedPiece,
  entryData,
  readZip,
  type ZipEntry,
} from "../../src/cli/xlsx/ooxml/zip";
import { readFileSync } from "node:fs";
import { tempDir, writeTrust } from "./support/trustFile";

const DATE = new Date(Date.UTC(2026, 10, 28, 12, 34, 56));

/** A zip archive written by yazl (another writer), each part stored or deflated as asked. */
async function yazlArchive(parts: { name: string; data: Buffer; stored: boolean }[]) {
  const zip = new yazl.ZipFile();
  for (const part of parts)
    zip.addBuffer(part.data, part.name, { compress: !part.stored, mtime: DATE });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Every part of `bytes` by name, inflated by JSZip (pako), not by our reader. */
async function partsByJsZip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, Buffer>();
  for (const file of Object.values(zip.files))
    if (!file.dir) parts.set(file.name, Buffer.from(await file.async("uint8array")));
  return parts;
}

/** The sink's deflated piece of `bytes` (kept from the first byte on). */
async function deflatedPiece(bytes: Buffer): Promise<DeflatedPiece> {
  const sink = new PartSink(0);
  sink.add(bytes);
  const [piece] = await sink.finish();
  return piece as DeflatedPiece;
}

describe("the zip writer", () => {
  it("copies a part found deflated as it was found: its compressed bytes, CRC-32 and size", async () => {
    const input = readFileSync(await writeTrust(tempDir(), "trust.xlsx"));
    const pkg = await XlsxPackage.read(input);
    await pkg.verifyUnread();
    pkg.setText("docProps/core.xml", pkg.text("docProps/core.xml")!.replace("</", "<!-- -->$&"));
    const output = await pkg.toBytes(DATE);
    const found = new Map((await readZip(input)).map((entry) => [entry.name, entry.raw!]));
    let copied = 0;
    for (const entry of await readZip(output)) {
      const was = found.get(entry.name)!;
      if (entry.name === "docProps/core.xml" || was.method !== 8) continue;
      expect(entry.raw!.bytes.equals(was.bytes), entry.name).toBe(true);
      expect([entry.raw!.method, entry.raw!.crc, entry.raw!.size]).toEqual([8, was.crc, was.size]);
      copied += 1;
    }
    expect(copied).toBeGreaterThan(5);
  });

  it("writes what our reader, JSZip and ExcelJS read back the same (a trust workbook with a part changed)", async () => {
    const input = readFileSync(await writeTrust(tempDir(), "trust.xlsx"));
    const pkg = await XlsxPackage.read(input);
    const sheet = pkg.sheets()[0]!;
    pkg.setText(sheet.part, pkg.text(sheet.part)!);
    const output = await pkg.toBytes(DATE);
    const ours = new Map((await readZip(output)).map((e) => [e.name, entryData(e)]));
    const before = new Map((await readZip(input)).map((e) => [e.name, entryData(e)]));
    expect([...ours.keys()]).toEqual([
      "[Content_Types].xml",
      ...[...before.keys()].filter((n) => n !== "[Content_Types].xml"),
    ]);
    for (const [name, data] of before)
      if (name !== sheet.part) expect(ours.get(name)!.equals(data), name).toBe(true);
    expect(ours.get(sheet.part)!.toString()).toBe(pkg.text(sheet.part));
    expect(await partsByJsZip(output)).toEqual(ours);
    const fromExcelJs = new ExcelJS.Workbook();
    const original = new ExcelJS.Workbook();
    await fromExcelJs.xlsx.load(output as unknown as ExcelJS.Buffer);
    await original.xlsx.load(input as unknown as ExcelJS.Buffer);
    expect(fromExcelJs.worksheets.map((w) => [w.name, w.rowCount, w.getRow(2).values])).toEqual(
      original.worksheets.map((w) => [w.name, w.rowCount, w.getRow(2).values])
    );
  });

  it("reads back every part set the same (property: stored and deflated sources, empty parts, names outside ASCII, pieces with a deflated stretch)", async () => {
    const name = fc
      .tuple(
        fc.array(fc.constantFrom("a", "b", "é", "中", "😀", "_"), { minLength: 1, maxLength: 8 }),
        fc.constantFrom("", "xl/", "xl/media/")
      )
      .map(([letters, folder]) => `${folder}${letters.join("")}.xml`);
    const content = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
      fc.string({ unit: "grapheme", maxLength: 200 }).map((s) => Buffer.from(s.repeat(20)))
    );
    const piece = fc.record({ bytes: content, deflated: fc.boolean() });
    const part = fc.record({
      name,
      data: content,
      form: fc.constantFrom("stored", "deflated", "new", "pieces"),
      pieces: fc.array(piece, { maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(part, { selector: (p) => p.name.toLowerCase(), minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 9 }),
        async (parts, level) => {
          const found = await readZip(
            await yazlArchive(parts.map((p) => ({ ...p, stored: p.form === "stored" })))
          );
          const expected = new Map<string, Buffer>();
          const entries: ZipEntry[] = [];
          for (const [i, p] of parts.entries()) {
            if (p.form === "stored" || p.form === "deflated") {
              entries.push(found[i]!);
              expected.set(p.name, p.data);
            } else if (p.form === "new") {
              entries.push({ name: p.name, data: p.data });
              expected.set(p.name, p.data);
            } else {
              const pieces = await Promise.all(
                p.pieces.map((q) => (q.deflated ? deflatedPiece(q.bytes) : q.bytes))
              );
              entries.push({ name: p.name, pieces });
              expected.set(p.name, Buffer.concat(p.pieces.map((q) => q.bytes)));
            }
          }
          const bytes = await writeZip(entries, DATE, level);
          const back = await readZip(bytes);
          expect(new Map(back.map((e) => [e.name, entryData(e)]))).toEqual(expected);
          expect(await partsByJsZip(bytes)).toEqual(expected);
          // A part found deflated is in the output as it was found.
          for (const [i, p] of parts.entries())
            if (p.form === "deflated")
              expect(back[i]!.raw!.bytes.equals(found[i]!.raw!.bytes)).toBe(true);
        }
      ),
      { numRuns: 150 }
    );
  });

  it("makes the same bytes from the same content and date, however the content is cut into pieces (stretches cross the cuts)", async () => {
    const content = Buffer.from(
      Array.from({ length: 90_000 }, (_, i) => `<row r="${i}"><c><v>${i * 7}</v></c></row>`).join(
        ""
      )
    );
    expect(content.length).toBeGreaterThan(3 * 1_048_576);
    const cutAt = (...at: number[]) =>
      [0, ...at, content.length]
        .slice(1)
        .map((end, i, ends) => content.subarray(i ? ends[i - 1] : 0, end));
    const whole = await writeZip([{ name: "s.xml", data: content }], DATE);
    for (const pieces of [cutAt(1), cutAt(1_048_575, 1_048_577), cutAt(17, 2_000_000, 3_145_728)])
      expect((await writeZip([{ name: "s.xml", pieces }], DATE)).equals(whole)).toBe(true);
    expect(entryData((await readZip(whole))[0]!).equals(content)).toBe(true);
  });

  it("joins stretches across pieces into buffers used again without mixing them up (twelve stretches, each across cuts)", async () => {
    // Every byte depends on its place, so a join into a buffer still being deflated, or one left
    // holding an earlier stretch, would show in the bytes read back.
    const content = Buffer.alloc(12 * 1_048_576 + 333);
    for (let i = 0; i < content.length; i += 1) content[i] = 32 + ((i * 7 + (i >> 12)) % 90);
    const pieces: Buffer[] = [];
    for (let start = 0; start < content.length; start += 700_001)
      pieces.push(content.subarray(start, start + 700_001));
    const whole = await writeZip([{ name: "s.xml", data: content }], DATE);
    const cut = await writeZip([{ name: "s.xml", pieces }], DATE);
    expect(cut.equals(whole)).toBe(true);
    expect(entryData((await readZip(cut))[0]!).equals(content)).toBe(true);
  });

  it("refuses to copy a part whose CRC-32 does not match, when nothing read it before", async () => {
    const [entry] = await readZip(
      await yazlArchive([{ name: "a.xml", data: Buffer.from("<a>hello</a>"), stored: false }])
    );
    entry!.raw!.crc = (entry!.raw!.crc ^ 1) >>> 0;
    await expect(writeZip([entry!], DATE)).rejects.toThrow(
      /The part a\.xml of the workbook is damaged \(its CRC-32 checksum does not match\)/
    );
    const [stored] = await readZip(
      await yazlArchive([{ name: "b.xml", data: Buffer.from("<b/>"), stored: true }])
    );
    stored!.raw!.size += 1;
    await expect(writeZip([stored!], DATE)).rejects.toThrow(
      /The part b\.xml of the workbook is damaged \(its size does not match the archive's\)/
    );
  });

  it("dates every entry with the UTC time given, in any zone, and flags names outside ASCII as UTF-8", async () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ["UTC", "America/St_Johns", "Pacific/Chatham"]) {
        process.env.TZ = tz;
        const bytes = await writeZip(
          [
            { name: "a.xml", data: Buffer.from("<a/>") },
            { name: "xl/media/résumé.bin", data: Buffer.alloc(0) },
          ],
          DATE
        );
        const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
        const seen: [string, number, number, boolean][] = [];
        for await (const entry of zip.eachEntry())
          seen.push([
            entry.fileName,
            entry.lastModFileDate,
            entry.lastModFileTime,
            (entry.generalPurposeBitFlag & 0x800) !== 0,
          ]);
        zip.close();
        // 2026-11-28 12:34:56 in DOS fields: (year − 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second / 2.
        const day = (46 << 9) | (11 << 5) | 28;
        const time = (12 << 11) | (34 << 5) | 28;
        expect(seen, tz).toEqual([
          ["a.xml", day, time, false],
          ["xl/media/résumé.bin", day, time, true],
        ]);
      }
    } finally {
      process.env.TZ = zone;
      if (zone === undefined) delete process.env.TZ;
    }
  });

  it("closes a part that ends on a deflated piece, and sums the CRC-32 across it", async () => {
    const rows = Buffer.from("<row/>".repeat(10_000));
    const piece = await deflatedPiece(rows);
    const head = Buffer.from("<sheetData>");
    const bytes = await writeZip([{ name: "s.xml", pieces: [head, piece] }], DATE);
    const [entry] = await readZip(bytes);
    expect(entry!.raw!.crc).toBe(crc32(Buffer.concat([head, rows])));
    expect(entryData(entry!).equals(Buffer.concat([head, rows]))).toBe(true);
    expect(await partsByJsZip(bytes)).toEqual(new Map([["s.xml", Buffer.concat([head, rows])]]));
  });
});
