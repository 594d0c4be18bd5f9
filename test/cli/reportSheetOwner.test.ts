/**
 * A person's own sheet named like the report is kept (issue 22): only a sheet
 * rule12b1 wrote — its A1 holds a report title (src/workbook/reportSheetOwner.ts)
 * — is replaced; otherwise the report goes under the next free name, with a
 * sentence, and a later run replaces that report, not the person's sheet.
 */
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run";
import { freeSheetName, writtenByRule12b1 } from "../../src/workbook/reportSheetOwner";
import { tempDir, writeTrust } from "./support/trustFile";

const AS_OF = "2026-11-28";
const TITLE = "Rule 12b-1 Class B Distribution Plan — quarterly report to the Board, 2026 Q3";

async function a1Of(file: string): Promise<Record<string, unknown>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return Object.fromEntries(workbook.worksheets.map((w) => [w.name, w.getCell("A1").value]));
}

describe("a sheet named like the report", () => {
  it("that a person wrote is kept; the report goes to “… (2)” with a sentence, and the next run replaces that one", async () => {
    const dir = tempDir();
    const file = await writeTrust(dir, "trust.xlsx", {
      workbook: (wb) => {
        const notes = wb.addWorksheet("12b-1 Report 2026-Q3");
        notes.getCell("A1").value = "My notes on Q3";
        notes.getCell("A2").value = "Ask the distributor about the August invoice.";
      },
    });
    const first = await run({
      command: "report",
      file,
      inPlace: true,
      quarter: "2026Q3",
      asOf: AS_OF,
    });
    expect(first.exitCode).toBe(0);
    expect(first.lines.slice(0, 2)).toEqual([
      'Sheet "12b-1 Report 2026-Q3" was not written by rule12b1 (its A1 is not a report title), so it was kept as it is; the report is in sheet "12b-1 Report 2026-Q3 (2)".',
      'Added sheet "12b-1 Report 2026-Q3 (2)".',
    ]);
    expect(await a1Of(file)).toMatchObject({
      "12b-1 Report 2026-Q3": "My notes on Q3",
      "12b-1 Report 2026-Q3 (2)": TITLE,
    });
    const second = await run({
      command: "report",
      file,
      inPlace: true,
      quarter: "2026Q3",
      asOf: AS_OF,
    });
    expect(second.lines[1]).toBe('Replaced sheet "12b-1 Report 2026-Q3 (2)".');
    const sheets = Object.keys(await a1Of(file));
    expect(sheets.filter((s) => s.startsWith("12b-1 Report"))).toEqual([
      "12b-1 Report 2026-Q3",
      "12b-1 Report 2026-Q3 (2)",
    ]);
  });

  it("that rule12b1 wrote is replaced in place, as before", async () => {
    const dir = tempDir();
    const file = await writeTrust(dir);
    const out = path.join(dir, "out.xlsx");
    await run({ command: "report", file, out, quarter: "2026Q3", asOf: AS_OF });
    const again = await run({
      command: "report",
      file: out,
      inPlace: true,
      quarter: "2026Q3",
      asOf: AS_OF,
    });
    expect(again.lines[0]).toBe('Replaced sheet "12b-1 Report 2026-Q3".');
  });
});

describe("whose sheet is whose", () => {
  it("a report title, PRELIMINARY or not, quarterly or annual, marks rule12b1's sheet; anything else does not", () => {
    expect(writtenByRule12b1(TITLE)).toBe(true);
    expect(writtenByRule12b1(`PRELIMINARY — ${TITLE}`)).toBe(true);
    expect(
      writtenByRule12b1("Rule 12b-1 Class B Distribution Plan — Form N-1A Item 19(g) table, FY2026")
    ).toBe(true);
    for (const other of ["My notes on Q3", "", null, 46022, `Notes: ${TITLE}`])
      expect(writtenByRule12b1(other)).toBe(false);
  });

  it("the free name skips names taken in any case and stays within Excel's 31 characters", () => {
    expect(freeSheetName("12b-1 Report 2026-Q3", ["12B-1 REPORT 2026-Q3 (2)"])).toBe(
      "12b-1 Report 2026-Q3 (3)"
    );
    const long = "x".repeat(31);
    expect(freeSheetName(long, [long])).toBe(`${"x".repeat(27)} (2)`);
  });
});
