/**
 * The audit trail (issue 6): the report sheet and the accrual columns say
 * who wrote them, when, with which version, from which workbook, and which
 * NetAssets rows each portfolio's figures came from.
 */
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run";
import { netAssetsRanges, rangeText } from "../../src/workbook/auditTrail";
import { RULE12B1_VERSION } from "../../src/workbook/version";
import { tempDir, writeTrust } from "../cli/support/trustFile";

// The small trust (test/cli/support/trustFile.ts): NetAssets has Growth's weekdays of 29 Jun–30 Sep 2026
// (2 in June + 23 in July + 21 in August + 22 in September = 68) in rows 1–68, then Income's 68 in rows 69–136;
// the header is on sheet row 1, columns A–C, so data row r is sheet row r + 1.
const GROWTH = "NetAssets rows 1–68 (sheet 'Net Assets'!A2:C69)";
const INCOME = "NetAssets rows 69–136 (sheet 'Net Assets'!A70:C137)";

it("the version stamped is package.json's", () => {
  expect(RULE12B1_VERSION).toBe(
    (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version
  );
});

it("a portfolio's rows interleaved with another's: the range and how many of its rows", () => {
  const rows = [1, 2, 3, 4].map((row) => ({
    portfolio: row % 2 ? "A" : "B",
    source: { sheet: "Net Assets", table: "NetAssets", row },
  }));
  const [a] = netAssetsRanges(rows, ["A", "B", "C"], {
    sheet: "Net Assets",
    headerRow: 11,
    firstColumn: 1,
    lastColumn: 3,
  });
  expect(rangeText(a!)).toBe("NetAssets rows 1–3 (sheet 'Net Assets'!A12:C14; 2 of them A's)");
});

describe("the runner stamps what it writes", () => {
  it("report: an audit block with who, when, version, input workbook and each portfolio's NAV rows", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir, "trust.xlsx");
    const out = path.join(dir, "report.xlsx");
    expect(
      (
        await run({
          command: "report",
          file: input,
          out,
          quarter: "2026Q3",
          asOf: "2026-11-28",
          preparedAt: "2026-11-28 09:00 UTC",
          preparedBy: "J. Doe",
        })
      ).exitCode
    ).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    // The run's details are on the audit trail sheet, not the board's pages (SPEC §5, 2026-12-06).
    const report = workbook.getWorksheet("12b-1 Report 2026-Q3")!;
    report.eachRow((row) => expect(String(row.getCell(1).value)).not.toMatch(/Audit trail/));
    const sheet = workbook.getWorksheet("12b-1 Audit trail")!;
    const lines = new Map<string, unknown>();
    let inRun = false;
    sheet.eachRow((row) => {
      const label = row.getCell(1).value;
      if (label === "The run") inRun = true;
      else if (label === "Sheets written") inRun = false;
      else if (inRun && typeof label === "string") lines.set(label, row.getCell(2).value);
    });
    expect(Object.fromEntries(lines)).toEqual({
      "Prepared by": "J. Doe",
      "Prepared at": "2026-11-28 09:00 UTC",
      // package.json's, the one `rule12b1 --version` and the pane's footer show (test/build/version.test.ts).
      "rule12b1 version": (JSON.parse(readFileSync("package.json", "utf8")) as { version: string })
        .version,
      "Input workbook": "trust.xlsx",
      "NAV rows used: Growth": GROWTH,
      "NAV rows used: Income": INCOME,
    });
    expect(workbook.lastModifiedBy).toBe("J. Doe");
  });

  it("accrue: the same facts as a note on the first accrual header; the OS user when --prepared-by is left out", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir, "trust.xlsx");
    const out = path.join(dir, "accrued.xlsx");
    const outcome = await run({
      command: "accrue",
      file: input,
      out,
      asOf: "2026-11-28",
      preparedAt: "2026-11-28 09:00 UTC",
    });
    expect(outcome.exitCode).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const header = workbook.getWorksheet("Net Assets")!.getCell("D1");
    expect(header.value).toBe("Days");
    const note =
      typeof header.note === "string"
        ? header.note
        : (header.note as { texts: { text: string }[] }).texts.map((t) => t.text).join("");
    const user = (outcome.data.audit as { preparedBy: string }).preparedBy;
    expect(user).toBe(userInfo().username);
    expect(note.split("\n")).toEqual([
      "Accrual columns written by rule12b1",
      `Prepared by: ${user}`,
      "Prepared at: 2026-11-28 09:00 UTC",
      `rule12b1 version: ${RULE12B1_VERSION}`,
      "Input workbook: trust.xlsx",
      `NAV rows used: Growth: ${GROWTH}`,
      `NAV rows used: Income: ${INCOME}`,
    ]);
  });

  it("init: the workbook's properties say who created it, when and with which version", async () => {
    const file = path.join(tempDir(), "new.xlsx");
    await run({ command: "init", file, preparedBy: "J. Doe" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.creator).toBe("J. Doe");
    expect(workbook.description).toMatch(
      new RegExp(
        `^Plan tables created by rule12b1 ${RULE12B1_VERSION.replace(/\./g, "\\.")} init, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, for J\\. Doe\\.$`
      )
    );
  });
});
