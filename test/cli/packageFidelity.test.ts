/**
 * The runner edits a user's workbook rather than re-writing it: what it did
 * not write — a chart on another sheet, a note on a NAV cell, a custom XML
 * part — comes out byte for byte, and the package stays sound by the rules
 * Excel enforces on open (see support/packageIntegrity.ts).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run";
import { injectCharts } from "../../src/cli/xlsx/injectCharts";
import { setNote } from "../../src/cli/xlsx/ooxml/notes";
import { writeCells } from "../../src/cli/xlsx/ooxml/sheetCells";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { packageProblems } from "./support/packageIntegrity";
import { tempDir, writeTrust } from "./support/trustFile";

const AS_OF = "2026-11-28";
const CUSTOM_XML =
  '<?xml version="1.0" encoding="UTF-8"?><b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography" SelectedStyle="/APA.XSL"/>';

/** A trust workbook as a person keeps it: a note on a NAV cell, a Notes sheet with a chart, a custom XML part, a calculation chain. */
async function livedInTrust(dir: string): Promise<string> {
  const file = await writeTrust(dir, "trust.xlsx", {
    workbook: (workbook) => {
      workbook.getWorksheet("Net Assets")!.getCell("A5").note =
        "Checked against the custodian's NAV file";
      const notes = workbook.addWorksheet("Notes");
      ["Q1", "Q2", "Q3"].forEach((q, i) => {
        notes.getCell(i + 2, 1).value = q;
        notes.getCell(i + 2, 2).value = (i + 1) * 1000;
      });
    },
  });
  const pkg = await XlsxPackage.read(readFileSync(file));
  const spec = {
    title: "Our own chart",
    firstRow: 2,
    lastRow: 4,
    categoryColumn: 1,
    valueColumn: 2,
    anchor: { row: 6, column: 1, columns: 5, rows: 12 },
  };
  injectCharts(pkg, [
    {
      sheetName: "Notes",
      charts: [{ spec, labels: ["Q1", "Q2", "Q3"], values: [1000, 2000, 3000] }],
    },
  ]);
  pkg.setText("customXml/item1.xml", CUSTOM_XML);
  pkg.addRelationship(
    "",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "customXml/item1.xml"
  );
  pkg.ensureDefaultContentType("xml", "application/xml");
  pkg.setText(
    "xl/calcChain.xml",
    '<?xml version="1.0" encoding="UTF-8"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B2" i="1"/></calcChain>'
  );
  pkg.addRelationship(
    "xl/workbook.xml",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain",
    "xl/calcChain.xml"
  );
  pkg.setContentType(
    "xl/calcChain.xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"
  );
  writeFileSync(file, await pkg.toBytes(new Date()));
  return file;
}

function userChartPart(pkg: XlsxPackage): string {
  const notes = pkg.sheets().find((s) => s.name === "Notes")!;
  const drawing = pkg.relationships(notes.part).find((r) => r.type.endsWith("/drawing"))!.target;
  return pkg.relationships(drawing).find((r) => r.type.endsWith("/chart"))!.target;
}

describe("the runner keeps what it did not write", () => {
  it("accrue then report: the user's chart, note and custom part survive byte for byte; the package stays sound", async () => {
    const dir = tempDir();
    const input = await livedInTrust(dir);
    const accrued = path.join(dir, "accrued.xlsx");
    const reported = path.join(dir, "reported.xlsx");
    expect(
      (await run({ command: "accrue", file: input, out: accrued, asOf: AS_OF })).exitCode
    ).toBe(0);
    expect(
      (
        await run({
          command: "report",
          file: accrued,
          out: reported,
          quarter: "2026Q3",
          asOf: AS_OF,
        })
      ).exitCode
    ).toBe(0);

    const before = await XlsxPackage.read(readFileSync(input));
    for (const file of [accrued, reported]) {
      expect(await packageProblems(readFileSync(file)), file).toEqual([]);
      const after = await XlsxPackage.read(readFileSync(file));
      expect(after.bytes(userChartPart(after))).toEqual(before.bytes(userChartPart(before)));
      expect(after.bytes("customXml/item1.xml")!.toString("utf8")).toBe(CUSTOM_XML);
      expect(after.has("xl/calcChain.xml")).toBe(false);
    }

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(reported);
    const nav = workbook.getWorksheet("Net Assets")!;
    const noteText = (note: ExcelJS.Cell["note"]) =>
      typeof note === "string" ? note : (note?.texts ?? []).map((t) => t.text).join("");
    expect(noteText(nav.getCell("A5").note)).toBe("Checked against the custodian's NAV file");
    expect(noteText(nav.getCell("D1").note)).toMatch(/^Accrual columns written by rule12b1/);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      ...workbook.worksheets.map((w) => w.name).filter((n) => !n.startsWith("12b-1")),
      "12b-1 Report 2026-Q3",
      // The run's details and the fingerprint, off the board's pages (SPEC §5, 2026-12-06).
      "12b-1 Audit trail",
    ]);
  });

  it("re-running report replaces its sheet where it stands, with its print titles scoped to it, and selects no second tab", async () => {
    const dir = tempDir();
    const input = await livedInTrust(dir);
    const out = path.join(dir, "report.xlsx");
    await run({ command: "report", file: input, out, quarter: "2026Q2", asOf: AS_OF });
    await run({ command: "report", file: out, inPlace: true, quarter: "2026Q3", asOf: AS_OF });
    const first = (await XlsxPackage.read(readFileSync(out))).sheets().map((s) => s.name);
    await run({
      command: "report",
      file: out,
      inPlace: true,
      quarter: "2026Q2",
      asOf: AS_OF,
      preparedAt: "2026-12-01 09:00 UTC",
    });
    const bytes = readFileSync(out);
    expect(await packageProblems(bytes)).toEqual([]);
    const pkg = await XlsxPackage.read(bytes);
    expect(pkg.sheets().map((s) => s.name)).toEqual(first);
    const q2 = pkg.sheets().find((s) => s.name === "12b-1 Report 2026-Q2")!;
    // The stamp in words on the board's pages (SPEC §5, 2026-12-06).
    expect(pkg.text(q2.part)).toContain("1 December 2026, 09:00 UTC");
    const titles = [
      ...pkg
        .text("xl/workbook.xml")!
        .matchAll(
          /<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]*)<\/definedName>/g
        ),
    ].map((m) => [Number(m[1]), m[2]]);
    expect(titles.map(([index]) => pkg.sheets()[index as number]!.name).sort()).toEqual([
      "12b-1 Report 2026-Q2",
      "12b-1 Report 2026-Q3",
    ]);
    for (const [index, value] of titles)
      expect(value).toContain(`'${pkg.sheets()[index as number]!.name}'!`);
    const selected = pkg.sheets().filter((s) => /tabSelected="1"/.test(pkg.text(s.part)!));
    expect(selected.length).toBeLessThanOrEqual(1);
    // Two report sheets, two report charts, plus the user's own.
    expect(pkg.parts().filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))).toHaveLength(3);
  });

  it("the demo's three workbooks are sound packages", async () => {
    const dir = tempDir();
    expect((await run({ command: "demo", dir })).exitCode).toBe(0);
    for (const name of [
      "sample-trust.xlsx",
      "sample-trust-accrued.xlsx",
      "sample-trust-report.xlsx",
    ]) {
      expect(await packageProblems(readFileSync(path.join(dir, name))), name).toEqual([]);
    }
  });
});

describe("the package check itself", () => {
  it("names a malformed part, a dangling relationship, a part with no content type, and a stale calculation chain", async () => {
    const dir = tempDir();
    const pkg = await XlsxPackage.read(readFileSync(await livedInTrust(dir)));
    const sheet = pkg.sheets()[0]!;
    pkg.setText(sheet.part, pkg.text(sheet.part)!.replace("</sheetData>", "<row></sheetData>"));
    pkg.addRelationship(
      sheet.part,
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
      "xl/comments99.xml"
    );
    pkg.setText("xl/media/logo.png", "not really a png");
    expect(await packageProblems(await pkg.toBytes(new Date()))).toEqual([
      expect.stringMatching(new RegExp(`^${sheet.part} is not well-formed XML`)),
      expect.stringMatching(/points at missing xl\/comments99\.xml$/),
      "xl/media/logo.png has no content type",
      "calcChain.xml kept (rule12b1 drops it when it edits sheets)",
    ]);
  });
});

describe("report --all-quarters", () => {
  it("writes one sheet and one chart per quarter from the first NAV to the last complete quarter, in a sound package", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const out = path.join(dir, "all.xlsx");
    // The small trust's NAVs run from Mon 29 Jun to 30 Sep 2026: quarters 2026 Q2 and Q3 (the last complete one on 28 Nov).
    const outcome = await run({
      command: "report",
      file: input,
      out,
      allQuarters: true,
      asOf: AS_OF,
    });
    expect(outcome.exitCode).toBe(0);
    const bytes = readFileSync(out);
    expect(await packageProblems(bytes)).toEqual([]);
    const pkg = await XlsxPackage.read(bytes);
    const reports = pkg
      .sheets()
      .filter((s) => s.name.startsWith("12b-1 Report"))
      .map((s) => s.name);
    expect(reports).toEqual((outcome.data.sheets as { sheet: string }[]).map((s) => s.sheet));
    expect(reports).toEqual(["12b-1 Report 2026-Q2", "12b-1 Report 2026-Q3"]);
    expect(pkg.parts().filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))).toHaveLength(
      reports.length
    );
    // Running it again replaces each sheet: the same sheets, no duplicates.
    await run({ command: "report", file: out, inPlace: true, allQuarters: true, asOf: AS_OF });
    expect(
      (await XlsxPackage.read(readFileSync(out)))
        .sheets()
        .filter((s) => s.name.startsWith("12b-1 Report"))
        .map((s) => s.name)
    ).toEqual(reports);
  });
});

describe("accrue never writes over what is beside the NAV table", () => {
  // The small trust's NetAssets table is A1:C137: the accrual columns would take D1:I137.
  const refused = async (setUp: (pkg: XlsxPackage) => void, message: RegExp) => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const pkg = await XlsxPackage.read(readFileSync(input));
    setUp(pkg);
    writeFileSync(input, await pkg.toBytes(new Date()));
    const out = path.join(dir, "accrued.xlsx");
    const outcome = await run({ command: "accrue", file: input, out, asOf: AS_OF });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines.join("\n")).toMatch(message);
    expect(existsSync(out)).toBe(false);
  };
  const navSheet = (pkg: XlsxPackage) => pkg.sheets().find((s) => s.name === "Net Assets")!.part;

  it("a formula that shows an empty text", () =>
    refused(
      (pkg) =>
        pkg.setText(
          navSheet(pkg),
          writeCells(pkg.text(navSheet(pkg))!, 3, 3, () => [
            { column: 5, xml: '<c r="E3" t="str"><f>IF(1,"",2)</f><v></v></c>' },
          ])
        ),
      /cell E3 holds data where the accrual columns go \(D1:I137/
    ));

  it("a note on an empty cell", () =>
    refused(
      (pkg) => setNote(pkg, navSheet(pkg), 7, 6, "Ask the custodian about this day", "Pat"),
      /cell F7 has a note where the accrual columns go/
    ));

  it("merged cells", () =>
    refused(
      (pkg) =>
        pkg.setText(
          navSheet(pkg),
          pkg
            .text(navSheet(pkg))!
            .replace(
              "</sheetData>",
              '</sheetData><mergeCells count="1"><mergeCell ref="H10:J11"/></mergeCells>'
            )
        ),
      /merged cells H10:J11 lie where the accrual columns go/
    ));
});
