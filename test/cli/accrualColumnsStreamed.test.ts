/**
 * The accrual writer streams a large NAV sheet (64 MiB and up), and writes a
 * small one from the bytes the table reader kept or as text; here each way is
 * forced on the small test trust (streamFrom 0 streams; not keeping the bytes
 * writes from text) and the packages compared byte for byte, for a first
 * accrue (new columns, widths, note) and a second (in place).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { writeAccrualColumns } from "../../src/cli/xlsx/writeAccrualColumns";
import type { AccrualCell } from "../../src/workbook/accrualColumns";
import { placedAccrualColumns } from "./support/placedAccrualColumns";
import { tempDir, writeTrust } from "./support/trustFile";

const DATE = new Date(Date.UTC(2026, 11, 1));

/**
 * `bytes` accrued once with made-up figures (six cells a NAV row), streamed, from kept bytes
 * (`keep`) or as text; and whether the sheet was streamed.
 */
async function accrued(bytes: Buffer, streamFrom: number, keep = false) {
  const { pkg, location, placement } = await placedAccrualColumns(bytes, { keep });
  const rows: AccrualCell[][] = Array.from(
    { length: location.lastRow - location.headerRow },
    (_, i) => [
      1 + (i % 3),
      0.0025,
      i * 1.25,
      i * 2.5,
      i % 4 === 0 ? null : 1_000 - i,
      i % 5 === 0 ? "not in effect: before the plan's approval" : "",
    ]
  );
  const streamed = vi.spyOn(pkg, "xmlStream");
  const text = vi.spyOn(pkg, "text");
  const setText = vi.spyOn(pkg, "setText");
  await writeAccrualColumns(
    pkg,
    location,
    placement,
    (i) => rows[i]!,
    "Written by rule12b1 …",
    streamFrom
  );
  // Written from text: the sheet was read as text before the writer put back the text around its rows.
  const rewritten = setText.mock.calls.findIndex(([part]) => part === location.sheetPart);
  const readAsText = text.mock.calls.some(
    ([part], i) =>
      part === location.sheetPart &&
      text.mock.invocationCallOrder[i]! < setText.mock.invocationCallOrder[rewritten]!
  );
  return {
    bytes: await pkg.toBytes(DATE),
    streamed: streamed.mock.calls.some(([part]) => part === location.sheetPart),
    readAsText,
    inPlace: placement.inPlace,
  };
}

describe("the accrual columns written as the NAV sheet is inflated", () => {
  it("make the same package as the sheet edited as one text, on a first accrue and on a second one in place", async () => {
    const trust = readFileSync(await writeTrust(tempDir(), "trust.xlsx"));
    const asText = await accrued(trust, Infinity);
    const streamed = await accrued(trust, 0);
    expect(asText.streamed).toBe(false);
    expect(streamed.streamed).toBe(true);
    expect(streamed.inPlace).toBe(false);
    expect(streamed.bytes.equals(asText.bytes)).toBe(true);
    const fromKept = await accrued(trust, Infinity, true);
    expect(asText.readAsText).toBe(true);
    expect(fromKept.readAsText).toBe(false);
    expect(fromKept.bytes.equals(asText.bytes)).toBe(true);

    const againAsText = await accrued(asText.bytes, Infinity);
    const againStreamed = await accrued(asText.bytes, 0);
    const againFromKept = await accrued(asText.bytes, Infinity, true);
    expect(againStreamed.inPlace).toBe(true);
    expect(againStreamed.streamed).toBe(true);
    expect(againStreamed.bytes.equals(againAsText.bytes)).toBe(true);
    expect(againFromKept.readAsText).toBe(false);
    expect(againFromKept.bytes.equals(againAsText.bytes)).toBe(true);
  });

  it("a NAV sheet not in canonical form (single-quoted, as other writers save) is declined by the stream and written whole: the same package", async () => {
    const trust = readFileSync(await writeTrust(tempDir(), "trust.xlsx"));
    const pkg = await XlsxPackage.read(trust);
    const sheet = pkg.sheets().find((s) => s.name === "Net Assets")!.part;
    const xml = pkg.text(sheet)!;
    const last = xml.lastIndexOf('<row r="');
    // Near the end of the sheet: the stream has written most rows before it finds the quirk.
    pkg.setText(
      sheet,
      `${xml.slice(0, last)}<row r='${/^<row r="(\d+)"/.exec(xml.slice(last))![1]}'${xml.slice(last).replace(/^<row r="\d+"/, "")}`
    );
    const quirky = await pkg.toBytes(DATE);
    const declined = await accrued(quirky, 0);
    expect(declined.streamed).toBe(true);
    expect(declined.bytes.equals((await accrued(quirky, Infinity)).bytes)).toBe(true);
    // The kept bytes are declined too, and the text written whole.
    const keptDeclined = await accrued(quirky, Infinity, true);
    expect(keptDeclined.readAsText).toBe(true);
    expect(keptDeclined.bytes.equals(declined.bytes)).toBe(true);
    // Canonicalised whole first: the quirk is gone and every row has its six new cells.
    const written = (await XlsxPackage.read(declined.bytes)).bytes(sheet)!.toString();
    expect(written).not.toContain("r='");
    const rowCount = [...xml.matchAll(/<row /g)].length;
    expect([...written.matchAll(/<c r="I\d+"/g)]).toHaveLength(rowCount);
  });
});
