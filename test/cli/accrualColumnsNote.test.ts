/**
 * The accrual writer puts its audit note on the NAV sheet without its rows
 * (a few kilobytes), then splits the sheet around the rows again. Here that
 * is compared with the note put on the whole sheet first and the rows
 * written after it (how a sheet edited as text got its note before): the
 * same package, byte for byte, on a first accrue, on a second one in place
 * (the note replaced), and on a sheet that already holds someone's note.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { setNote } from "../../src/cli/xlsx/ooxml/notes";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { writeAccrualColumns } from "../../src/cli/xlsx/writeAccrualColumns";
import type { AccrualCell } from "../../src/workbook/accrualColumns";
import { placedAccrualColumns } from "./support/placedAccrualColumns";
import { tempDir, writeTrust } from "./support/trustFile";

const DATE = new Date(Date.UTC(2026, 11, 1));
const NOTE = "Written by rule12b1 — as of 2026-11-30 & <checked>";

/**
 * `bytes` accrued with made-up figures and the audit note: by the writer
 * (`noteFirst` false), or with the note put on the whole sheet before the
 * writer runs without one (`noteFirst` true).
 */
async function accrued(bytes: Buffer, noteFirst: boolean, streamFrom: number): Promise<Buffer> {
  const { pkg, location, placement } = await placedAccrualColumns(bytes);
  const rows: AccrualCell[][] = Array.from(
    { length: location.lastRow - location.headerRow },
    (_, i) => [
      1 + (i % 3),
      0.0025,
      i * 1.25,
      i * 2.5,
      1_000 - i,
      i % 7 === 0 ? "Not computed." : "",
    ]
  );
  if (noteFirst) {
    setNote(pkg, location.sheetPart, location.headerRow, placement.firstColumn, NOTE, "rule12b1");
    // The whole sheet, as the writer's text path then read it.
    expect(pkg.text(location.sheetPart)).toContain("<legacyDrawing ");
  }
  await writeAccrualColumns(
    pkg,
    location,
    placement,
    (i) => rows[i]!,
    noteFirst ? undefined : NOTE,
    streamFrom
  );
  return pkg.toBytes(DATE);
}

/** The trust with someone's note on a NAV cell left of the accrual columns. */
async function withOtherNote(bytes: Buffer): Promise<Buffer> {
  const pkg = await XlsxPackage.read(bytes);
  const sheet = pkg.sheets().find((s) => s.name === "Net Assets")!.part;
  setNote(pkg, sheet, 7, 2, "Ask the custodian about this day", "Pat");
  return pkg.toBytes(DATE);
}

describe("the accrual note put on the NAV sheet without its rows", () => {
  it("makes the same package as the note put on the whole sheet before the rows are written", async () => {
    const trust = readFileSync(await writeTrust(tempDir(), "trust.xlsx"));
    for (const streamFrom of [Infinity, 0]) {
      const first = await accrued(trust, false, streamFrom);
      expect(first.equals(await accrued(trust, true, streamFrom))).toBe(true);
      // A second accrue: the columns in place, the note on the same cell replaced.
      expect(
        (await accrued(first, false, streamFrom)).equals(await accrued(first, true, streamFrom))
      ).toBe(true);
      const noted = await withOtherNote(trust);
      expect(
        (await accrued(noted, false, streamFrom)).equals(await accrued(noted, true, streamFrom))
      ).toBe(true);
    }
  });
});
