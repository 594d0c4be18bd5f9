import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { parseQuarter } from "../../src/engine/periods";
import { quarterlyReport } from "../../src/engine/quarterlyReport";
import { run } from "../../src/cli/run";
import { loadPlan } from "../../src/cli/loadPlan";
import { runAudit } from "../../src/cli/runAudit";
import {
  ACCRUAL_COLUMNS_MARKER,
  ACCRUAL_HEADERS,
  accrualColumns,
} from "../../src/workbook/accrualColumns";
import { reportLayout } from "../../src/workbook/reportLayout";
import { cellValue } from "../../src/workbook/sheetLayout";
import { tempDir, writeTrust } from "./support/trustFile";

const AS_OF = "2026-11-28";

async function open(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

const plain = (value: ExcelJS.CellValue) =>
  value !== null && typeof value === "object" && "formula" in value
    ? (value.result ?? null)
    : value;

describe("accrue", () => {
  it("writes the engine's accrual columns and leaves the input byte-identical", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const before = readFileSync(input);
    const out = path.join(dir, "accrued.xlsx");
    const outcome = await run({ command: "accrue", file: input, out, asOf: AS_OF });
    expect(outcome.exitCode).toBe(0);
    expect(readFileSync(input).equals(before)).toBe(true);

    const loaded = await loadPlan(input);
    if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
    const evaluation = evaluatePlan(loaded.read.plan, { asOf: day(AS_OF) });
    const expected = accrualColumns(
      loaded.read.plan,
      evaluation,
      loaded.read.plan.netAssets.length
    );
    const sheet = (await open(out)).getWorksheet("Net Assets")!;
    const headers = [4, 5, 6, 7, 8, 9].map((c) => sheet.getCell(1, c).value);
    expect(headers).toEqual([...ACCRUAL_HEADERS]);
    expected.forEach((row, i) => {
      const written = [4, 5, 6, 7, 8, 9].map((c) => sheet.getCell(2 + i, c).value ?? null);
      expect(written).toEqual(row.map((v) => (v === "" ? null : v)));
    });
    // Growth's Friday 3 Jul 2026 row covers Fri–Sun: 3 × 500.00.
    const friday = expected[4]!;
    expect(friday.slice(0, 4)).toEqual([3, 0.0025, 1500, 2500]);
  });

  it("re-running on its own output rewrites its columns instead of adding more", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const once = path.join(dir, "once.xlsx");
    await run({ command: "accrue", file: input, out: once, asOf: AS_OF });
    const twice = await run({ command: "accrue", file: once, inPlace: true, asOf: AS_OF });
    expect(twice.exitCode).toBe(0);
    const workbook = await open(once);
    const sheet = workbook.getWorksheet("Net Assets")!;
    expect(sheet.getCell(1, 10).value).toBeNull();
    expect(workbook.definedNames.getRanges(ACCRUAL_COLUMNS_MARKER).ranges).toEqual([
      "'Net Assets'!$D$1:$I$1",
    ]);
  });

  it("refuses to write over its input without --in-place", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const outcome = await run({ command: "accrue", file: input, asOf: AS_OF });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines.join("\n")).toMatch(/-o OUT/);
  });
});

describe("report", () => {
  it("writes the engine's figures, SUM totals and a chart, and replaces its own sheet on a re-run", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const out = path.join(dir, "report.xlsx");
    const first = await run({
      command: "report",
      file: input,
      out,
      quarter: "2026Q3",
      asOf: AS_OF,
      preparedAt: "2026-11-28 09:00 UTC",
    });
    expect(first.exitCode).toBe(0);

    const loaded = await loadPlan(input);
    if (!loaded.ok) throw new Error("unreadable");
    const options = { command: "report" as const, preparedAt: "2026-11-28 09:00 UTC" };
    const layout = reportLayout(
      quarterlyReport(loaded.read.plan, parseQuarter("2026Q3")!, {
        asOf: day(AS_OF),
        preparedAt: options.preparedAt,
      }),
      runAudit(options, input, loaded.read, loaded.tables, options.preparedAt)
    );
    const sheet = (await open(out)).getWorksheet("12b-1 Report 2026-Q3")!;
    for (const cell of layout.cells) {
      if ("blank" in cell || "date" in cell) continue;
      const written = sheet.getCell(cell.row, cell.column).value;
      // ExcelJS leaves out a cached result of 0 (Excel and LibreOffice recalculate it on open).
      if ("formula" in cell)
        expect([(written as ExcelJS.CellFormulaValue).formula, plain(written) ?? 0]).toEqual([
          cell.formula,
          cell.result,
        ]);
      // An empty text is stored as an empty inline string, which reads back as a blank cell.
      else expect(plain(written) ?? "").toEqual(cellValue(cell) ?? "");
    }
    // Growth 45 days × 500.00 and Income 31 × 200.00 (test/engine/evaluatePlan.test.ts): the trust total is a live SUM.
    // Fees accrued is column F, after the ceiling column E (SPEC §5, 2026-12-06).
    const totals = layout.cells.filter((c) => "formula" in c && c.formula.startsWith("SUM(F"));
    expect(totals.map((c) => cellValue(c))).toContain(22500 + 6200);
    // User text stays text, even when it looks like a formula.
    const agreement = layout.cells.find((c) => "text" in c && c.text.startsWith("=HYPERLINK"))!;
    expect(sheet.getCell(agreement.row, agreement.column).value).toBe('=HYPERLINK("http://x")');
    expect(sheet.getCell(agreement.row, agreement.column).type).toBe(ExcelJS.ValueType.String);

    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(
      Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
    ).toHaveLength(1);

    const again = await run({
      command: "report",
      file: out,
      inPlace: true,
      quarter: "2026Q3",
      asOf: AS_OF,
    });
    expect(again.exitCode).toBe(0);
    expect(again.data.sheets).toMatchObject([{ replaced: true }]);
    const reopened = await open(out);
    expect(
      reopened.worksheets.filter((w) => w.name.startsWith("12b-1 Report")).map((w) => w.name)
    ).toEqual(["12b-1 Report 2026-Q3"]);
    const zipAgain = await JSZip.loadAsync(readFileSync(out));
    expect(
      Object.keys(zipAgain.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
    ).toHaveLength(1);
  });

  it("keeps an earlier quarter's chart when another quarter is added", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const out = path.join(dir, "report.xlsx");
    await run({ command: "report", file: input, out, quarter: "2026Q2", asOf: AS_OF });
    await run({ command: "report", file: out, inPlace: true, quarter: "2026Q3", asOf: AS_OF });
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(
      Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
    ).toHaveLength(2);
  });
});

describe("check", () => {
  it("exits 1 and lists located findings when errors exist", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const outcome = await run({ command: "check", file: input, asOf: AS_OF });
    // The plan lapsed on 15 Aug 2026 with no continuance (Plan §4): an error.
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines.join("\n")).toMatch(/lapsed/);
  });
});

describe("bad workbooks: a located message, exit 2, nothing written", () => {
  const cases: [string, Parameters<typeof writeTrust>[2], RegExp][] = [
    ["a missing table", { drop: ["Rates"] }, /no table "Rates" \(expected on sheet "Plan"\)/],
    [
      "a renamed header",
      { rename: { NetAssets: { "Class B net assets": "Net assets" } } },
      /Table NetAssets on sheet "Net Assets" has no column "Class B net assets"/,
    ],
    [
      "text in an amount",
      { edit: (rows) => void (rows.Expenditures[0]!.Amount = "1,200.00") },
      /Sheet "Plan", table Expenditures row 1, column "Amount" \(cell \w+2\): Amount holds text "1,200.00"/,
    ],
    [
      "merged cells",
      { workbook: (wb) => wb.getWorksheet("Net Assets")!.mergeCells("A5:A6") },
      /Sheet "Net Assets", table NetAssets: cells A5:A6 are merged/,
    ],
  ];
  for (const [name, options, message] of cases) {
    it(name, async () => {
      const dir = tempDir();
      const input = await writeTrust(dir, "bad.xlsx", options);
      const out = path.join(dir, "out.xlsx");
      for (const outcome of [
        await run({ command: "report", file: input, out, quarter: "2026Q3", asOf: AS_OF }),
        await run({ command: "accrue", file: input, out, asOf: AS_OF }),
      ]) {
        expect(outcome.exitCode).toBe(2);
        expect(outcome.lines.join("\n")).toMatch(message);
        expect(existsSync(out)).toBe(false);
      }
    });
  }

  it("a 1904-date workbook gives the same figures as its 1900 twin", async () => {
    const dir = tempDir();
    const twin1900 = await writeTrust(dir, "1900.xlsx");
    const twin1904 = await writeTrust(dir, "1904.xlsx", { date1904: true });
    const a = await run({
      command: "report",
      file: twin1900,
      out: path.join(dir, "a.xlsx"),
      quarter: "2026Q3",
      asOf: AS_OF,
    });
    const b = await run({
      command: "report",
      file: twin1904,
      out: path.join(dir, "b.xlsx"),
      quarter: "2026Q3",
      asOf: AS_OF,
    });
    expect(b.exitCode).toBe(0);
    expect(b.data.sheets).toEqual(a.data.sheets);
    const sheet = (await open(path.join(dir, "b.xlsx"))).getWorksheet("12b-1 Report 2026-Q3")!;
    // Dates on the report are written in the workbook's own system: the approval shows as 2025-08-15.
    let found = false;
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value instanceof Date && cell.value.toISOString().startsWith("2025-08-15"))
          found = true;
      })
    );
    expect(found).toBe(true);
  });

  it("a file that is not a workbook", async () => {
    const dir = tempDir();
    const input = path.join(dir, "notes.xlsx");
    writeFileSync(input, "hello");
    const outcome = await run({ command: "check", file: input });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines.join("\n")).toMatch(/not an \.xlsx workbook/);
  });
});

describe("init and demo", () => {
  it("init writes every plan table and refuses to replace a file", async () => {
    const dir = tempDir();
    const file = path.join(dir, "new.xlsx");
    expect((await run({ command: "init", file })).exitCode).toBe(0);
    const loaded = await loadPlan(file);
    expect(loaded.ok).toBe(true);
    expect((await run({ command: "init", file })).exitCode).toBe(2);
  });

  it("an empty plan from init is 'nothing to check', never 0 errors with exit 0 (issue 20 item 12)", async () => {
    const dir = tempDir();
    const file = path.join(dir, "empty.xlsx");
    expect((await run({ command: "init", file })).exitCode).toBe(0);
    // Before issue 20: "0 error(s), 0 warning(s)", exit 0; "Wrote the accrual columns for 1
    // NetAssets rows"; a report whose trust row said the cap was ok.
    const checked = await run({ command: "check", file, asOf: AS_OF });
    expect(checked.exitCode).toBe(2);
    expect(checked.lines[0]).toMatch(
      /^Nothing to check: the Portfolios, Rates, Governance and NetAssets tables are empty\./
    );
    expect(checked.lines.join("\n")).not.toMatch(/0 error\(s\)/);
    const accrued = await run({
      command: "accrue",
      file,
      out: path.join(dir, "accrued.xlsx"),
      asOf: AS_OF,
    });
    expect(accrued.exitCode).toBe(2);
    expect(accrued.lines[0]).toMatch(/^Nothing to accrue: /);
    expect(accrued.written).toEqual([]);
    const reported = await run({
      command: "report",
      file,
      quarter: "2026Q3",
      out: path.join(dir, "report.xlsx"),
      asOf: AS_OF,
      preparedAt: "fixed",
    });
    expect(reported.lines[0]).toMatch(/^Nothing to check: /);
    expect(reported.lines.join("\n")).not.toMatch(/ ok$/m);
  });

  it("demo writes the sample, the accrued copy, the report and November's journal", async () => {
    const dir = tempDir();
    const outcome = await run({ command: "demo", dir, preparedAt: "fixed" });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.written.map((f) => path.basename(f))).toEqual([
      "sample-trust.xlsx",
      "sample-trust-accrued.xlsx",
      "sample-trust-report.xlsx",
      "sample-trust-journal.xlsx",
      "sample-trust-journal-2026-11.csv",
    ]);
    expect(outcome.data.check).toMatchObject({ errors: expect.any(Number) });
    const again = tempDir();
    await run({ command: "demo", dir: again, preparedAt: "fixed" });
    expect(
      readFileSync(path.join(again, "sample-trust.xlsx")).equals(
        readFileSync(path.join(dir, "sample-trust.xlsx"))
      )
    ).toBe(true);
  });
});
