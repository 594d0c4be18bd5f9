/**
 * The package corpus (scripts/packageFixtures.ts, issue 13): the clean trust
 * as other writers save it, damaged, or hostile. Each case has one exact
 * expected outcome — the same figures as its plain twin, or exit 2 with its
 * sentence — and in every case the input is untouched and nothing is left
 * in the output folder but what was written. Every package the cases write
 * opens in openpyxl and in LibreOffice (skipped with a warning when either
 * program is missing; `.ci/run` installs both).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { ACCRUAL_HEADERS } from "../../src/workbook/accrualColumns";
import { makePackageFixtures, NAME_CASES, PACKAGE_CORPUS } from "../../scripts/packageFixtures";
import {
  convertWithLibreOffice,
  OFFICE_PROGRAMS_MISSING,
  openInOpenpyxl,
  type OpenpyxlView,
} from "../cli/support/officePrograms";
import { packageProblems } from "../cli/support/packageIntegrity";
import { tempDir } from "../cli/support/trustFile";

const AS_OF = "2026-11-28";
const DAMAGED = (part: string, why: string) =>
  new RegExp(
    `The part ${part.replace(/[./[\]]/g, "\\$&")} of the workbook is damaged${why}. Open the workbook in Excel and save it again, or use a backup\\.`
  );
const NOT_WELL_FORMED = (part: string, what: string) =>
  DAMAGED(part, `: its XML is not well-formed \\(line \\d+, column \\d+: ${what}\\)`);
const BAD_NUMBER = (value: string) =>
  new RegExp(
    `Sheet "Net Assets", cell C2: its stored number "${value}" is not a number as Excel writes one\\. The cell is damaged`
  );

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

type Expected =
  | { same: true; sizeBelow?: number }
  | { warning: RegExp }
  | { exit: 2; message: RegExp; seconds?: number; absent?: RegExp };

const EXPECTED: Record<string, Expected> = {
  "empty-shared-string-with-space": { same: true },
  "single-quoted-attributes": { same: true },
  "prefixed-namespace": { same: true },
  "inline-strings": { same: true },
  "iso-dates": { same: true },
  "no-cell-references": { same: true },
  "missing-row-end": {
    exit: 2,
    message: NOT_WELL_FORMED("xl/worksheets/sheet2.xml", "unexpected close tag"),
  },
  "missing-cell-end": {
    exit: 2,
    message: NOT_WELL_FORMED("xl/worksheets/sheet2.xml", "unexpected close tag"),
  },
  "unclosed-shared-strings": {
    exit: 2,
    message:
      /The part xl\/sharedStrings\.xml of the workbook is damaged: its elements nest more than 256 deep/,
    seconds: 5,
  },
  "hex-number": { exit: 2, message: BAD_NUMBER("0x188E7D41") },
  "binary-number": { exit: 2, message: BAD_NUMBER("0b101") },
  "space-number": { exit: 2, message: BAD_NUMBER(" ") },
  "table-ref-short": {
    warning:
      /rows 66–68 just below the table hold values in its columns but are outside its range \(A1:C65\)/,
  },
  "table-ref-whole-sheet": {
    exit: 2,
    message:
      /Sheet "Net Assets", table NetAssets: its range BA1:XFD1048576 has nothing in its header row \(row 1, BA to XFD\), so its columns \(Date, Portfolio, Class B net assets\) cannot be found there: the table part does not match the sheet's cells\. The sheet's cells lie in A1:C68\./,
    seconds: 10,
  },
  "table-ref-far-below": {
    warning:
      /Sheet "Net Assets", table NetAssets: its range A1:C1048576 runs to row 1,048,576, but its last row holding a value is row 68; the 1,048,508 empty rows below it are part of the table/,
  },
  // Written beside, the accrual columns would start past column XFD (accrue used to exit 0 with a broken file).
  "table-ref-to-last-column": {
    exit: 2,
    message:
      /Sheet "Net Assets", table NetAssets: its range A1:XFD68 is 16,384 columns wide, but the table part lists 3 columns \(Date, Portfolio, Class B net assets\): the table part is damaged\. Open the workbook in Excel and save it \(Excel repairs the table\), or use a backup\./,
  },
  "table-ref-one-column-wide": {
    exit: 2,
    message:
      /Sheet "Net Assets", table NetAssets: its range A1:D68 is 4 columns wide, but the table part lists 3 columns/,
  },
  "table-ref-reversed": {
    exit: 2,
    message:
      /Sheet "Net Assets", table NetAssets: its range "BE3:BA1" runs backwards\. The table part is damaged/,
  },
  "crc-damaged": {
    exit: 2,
    message: DAMAGED("xl/worksheets/sheet2.xml", " \\(its CRC-32 checksum does not match\\)"),
  },
  // Read as it is inflated, the sheet's XML fails before its checksum is compared: the damage is named.
  "crc-damaged-garbled": {
    exit: 2,
    message: DAMAGED("xl/worksheets/sheet2.xml", " \\(its CRC-32 checksum does not match\\)"),
  },
  "nav-sheet-missing": {
    exit: 2,
    message:
      /The workbook names a sheet part xl\/worksheets\/sheet2\.xml for sheet "Net Assets" \(with its tables\), but the package does not hold it/,
  },
  "nav-sheet-utf16be": {
    exit: 2,
    message: /The part xl\/worksheets\/sheet2\.xml of the workbook is in big-endian UTF-16/,
  },
  "compressed-size-too-large": { same: true, sizeBelow: 100_000 },
  "zip-bomb": {
    exit: 2,
    message:
      /The part xl\/media\/image1\.png would unpack to 1,024 MB .* rule12b1 does not unpack it\./,
    seconds: 5,
  },
  // The stated 1,000 bytes pass every size limit; inflating, which stops at the stated size, meets
  // the lie — in check too, which unpacks the parts the plan does not use to check them.
  "zip-bomb-lying-size": {
    exit: 2,
    message: DAMAGED(
      "xl/media/image1.png",
      " \\(it unpacks to more than the size the archive states\\)"
    ),
    seconds: 5,
  },
  "password-protected": {
    exit: 2,
    message: /This workbook is password-protected .* Save it without a password/,
  },
  "strict-open-xml": {
    exit: 2,
    message: /saved as "Strict Open XML Spreadsheet".* save it as "Excel Workbook \(\.xlsx\)"/,
  },
  dtd: {
    exit: 2,
    message:
      /The part xl\/workbook\.xml of the workbook declares a DTD, which Office Open XML does not allow/,
  },
  // Round 3 (issue 22).
  "duplicate-zip-entry": {
    exit: 2,
    message:
      /The workbook's zip archive holds the part xl\/worksheets\/sheet2\.xml twice; programs disagree on which copy counts, so rule12b1 does not guess\./,
  },
  "duplicate-zip-entry-case": {
    exit: 2,
    message:
      /The workbook's zip archive holds the parts xl\/worksheets\/sheet2\.xml and XL\/WORKSHEETS\/SHEET2\.XML, one name in two cases;/,
  },
  "sheet-part-capitalised": { same: true },
  // Written as .xlsx, it becomes a workbook (checked in test/cli/outputContentType.test.ts).
  "template-workbook": { same: true },
  "xlsb-renamed": {
    exit: 2,
    message:
      /This is an Excel Binary Workbook \(\.xlsb\), whatever its name says, which rule12b1 does not read\. Open it in Excel and save it as "Excel Workbook \(\.xlsx\)"/,
  },
  "table-name-case-twin": {
    exit: 2,
    message:
      /The workbook has two tables named alike: sheet "Plan", table netassets and sheet "Net Assets", table NetAssets\. Excel does not tell table names apart by case/,
  },
  "nav-totals-row": { same: true },
  // 67 NAV rows (2026-06-30 and Q3's 66 weekdays), sheet rows 2–68: one sentence, not 67 lines.
  "nav-dates-yyyymmdd": {
    exit: 2,
    message: new RegExp(
      `^  - ${escape('Sheet "Net Assets", table NetAssets, column "Date": 67 cells cannot be used, in rows 1–67 (cells A2 to A68). The first 3: cell A2: Date holds 20260630, past 2,958,465 (9999-12-31, Excel\'s last date), so it is not a date; it looks like 2026-06-30 typed as the number yyyymmdd: enter it as a date (or text as YYYY-MM-DD); cell A3: Date holds 20260701, ')}.*; cell A4: Date holds 20260702, .*\\.$`,
      "m"
    ),
  },
  "nav-date-past-9999": {
    exit: 2,
    message: new RegExp(
      `^  - ${escape('Sheet "Net Assets", table NetAssets row 29, column "Date" (cell A30): Date holds 3000000, past 2,958,465 (9999-12-31, Excel\'s last date), so it is not a date; enter a date (or text as YYYY-MM-DD).')}$`,
      "m"
    ),
    absent: /sort the rows/,
  },
  "undeclared-prefix": {
    exit: 2,
    message: NOT_WELL_FORMED("xl/worksheets/sheet2.xml", 'unbound namespace prefix: "q"'),
  },
};

let files: Map<string, string>;
let clean: Figures;

type Figures = Awaited<ReturnType<typeof figures>>;
const runs = new Map<string, Promise<Figures>>();

/** The figures of the corpus file `name`, run once into a folder of their own however many tests ask. */
function figuresOf(name: string): Promise<Figures> {
  if (!runs.has(name)) runs.set(name, figures(files.get(name)!, tempDir()));
  return runs.get(name)!;
}

/** What a run writes that a twin must match: check's findings, accrue's figures, report's figures. */
async function figures(file: string, dir: string) {
  const check = await run({ command: "check", file, asOf: AS_OF });
  const accrued = await run({
    command: "accrue",
    file,
    out: path.join(dir, "accrued.xlsx"),
    asOf: AS_OF,
  });
  const report = await run({
    command: "report",
    file,
    out: path.join(dir, "report.xlsx"),
    quarter: "2026Q3",
    asOf: AS_OF,
    preparedAt: "fixed",
  });
  return {
    dir,
    written: ["accrued.xlsx", "report.xlsx"].map((name) => path.join(dir, name)),
    exits: [check.exitCode, accrued.exitCode, report.exitCode],
    check: check.lines.filter((l) => !l.startsWith("Checked ")),
    portfolios: accrued.data.portfolios,
    // The report's own figures; where it was written and the input's file name differ by case.
    report: JSON.stringify(report.data, (key, value: unknown) =>
      key === "out" || key === "inputWorkbook" ? undefined : value
    ),
  };
}

beforeAll(async () => {
  files = await makePackageFixtures(tempDir());
  clean = await figuresOf("clean");
}, 120_000);

it("every package case has an expectation", () => {
  expect(Object.keys(EXPECTED).sort()).toEqual(PACKAGE_CORPUS.map((c) => c.name).sort());
});

describe.each(PACKAGE_CORPUS.map((c) => [c.name, c.what] as const))("%s (%s)", (name) => {
  const expected = EXPECTED[name]!;
  it("gives its twin's figures or exits 2 with its sentence; the input is untouched and nothing else is left behind", async () => {
    const input = files.get(name)!;
    const before = readFileSync(input);
    const started = Date.now();
    if ("same" in expected) {
      const result = await figuresOf(name);
      expect(result.exits).toEqual([0, 0, 0]);
      expect(result.check).toEqual(clean.check);
      expect(result.portfolios).toEqual(clean.portfolios);
      expect(result.report).toEqual(clean.report);
      expect(readdirSync(result.dir).sort()).toEqual(["accrued.xlsx", "report.xlsx"]);
      if (expected.sizeBelow)
        expect(readFileSync(result.written[0]!).length).toBeLessThan(expected.sizeBelow);
      // What was written is a package our reader takes whole (every part's CRC checked), and it
      // keeps the rules Excel checks, every namespace prefix declared.
      for (const file of result.written) {
        const written = await XlsxPackage.read(readFileSync(file));
        for (const part of written.parts()) expect(written.bytes(part)).not.toBeNull();
        expect(await packageProblems(readFileSync(file)), file).toEqual([]);
      }
    } else if ("warning" in expected) {
      const check = await run({ command: "check", file: input, asOf: AS_OF });
      expect(check.exitCode).toBe(0);
      expect(check.lines.join("\n")).toMatch(expected.warning);
    } else {
      const dir = tempDir();
      for (const command of ["check", "accrue", "report"] as const) {
        const out = path.join(dir, `${command}.xlsx`);
        const outcome = await run({ command, file: input, out, quarter: "2026Q3", asOf: AS_OF });
        expect(outcome.exitCode, command).toBe(2);
        expect(outcome.lines.join("\n"), command).toMatch(expected.message);
        if (expected.absent) expect(outcome.lines.join("\n"), command).not.toMatch(expected.absent);
        expect(outcome.written).toEqual([]);
      }
      expect(readdirSync(dir)).toEqual([]);
      expect((Date.now() - started) / 1000).toBeLessThan((expected.seconds ?? 10) * 3);
    }
    expect(readFileSync(input).equals(before)).toBe(true);
  }, 60_000);
});

describe("portfolio names that differ only invisibly", () => {
  it.each([
    ["name-nbsp", "name-twin", "Growth[U+00A0]Fund"],
    ["name-nfd", "name-nfd-twin", "accents stored as separate marks"],
  ])(
    "%s gives %s's figures — report included, fees paid not 0 — and a warning with both spellings",
    async (name, twin, shown) => {
      const odd = await figuresOf(name);
      const plain = await figuresOf(twin);
      expect(odd.exits).toEqual(plain.exits);
      expect(odd.portfolios).toEqual(plain.portfolios);
      // The report's exception list carries the warning too, as the pane's does: one line more.
      const exceptionsOf = (json: string) => Number(/"exceptions":(\d+)/.exec(json)![1]);
      const withoutCount = (json: string) => json.replace(/"exceptions":\d+/, "");
      expect(withoutCount(odd.report)).toEqual(withoutCount(plain.report));
      expect(exceptionsOf(odd.report)).toBe(exceptionsOf(plain.report) + 1);
      const warning = odd.check.find((l) => l.includes(shown));
      expect(warning).toMatch(/differs only by spaces or Unicode form; rule12b1 reads it as/);
      // Besides the warning itself, only the summary's row of workbook-input findings differs
      // (and so its column widths: compare with runs of spaces and rules collapsed).
      const same = (lines: string[]) =>
        lines
          .filter((l) => l !== warning && !/^Workbook input\s/.test(l))
          .map((l) => l.replace(/[\s-]+/g, " "));
      expect(same(odd.check)).toEqual(same(plain.check));
      for (const file of odd.written)
        expect(await packageProblems(readFileSync(file)), file).toEqual([]);
    },
    60_000
  );
});

/** The cases whose runs write packages: the clean trust, its twins, and the name cases. */
const WRITING = [
  "clean",
  ...PACKAGE_CORPUS.filter((c) => "same" in EXPECTED[c.name]!).map((c) => c.name),
  ...NAME_CASES.map((c) => c.name),
];

if (OFFICE_PROGRAMS_MISSING)
  console.warn(
    `Opening the corpus's written packages in openpyxl and LibreOffice skipped: they ${OFFICE_PROGRAMS_MISSING}.`
  );

describe.skipIf(OFFICE_PROGRAMS_MISSING !== null)("every package the corpus cases write", () => {
  it("opens in openpyxl, and LibreOffice converts it to a workbook openpyxl opens, with the accrual columns, the report's title and its fees (73,000,000 × 0.25% × 92 ÷ 365 = 46,000.00) in place", async () => {
    // Each written package under a name of its own, so one LibreOffice run converts them all.
    const staged = path.join(tempDir(), "written");
    mkdirSync(staged);
    const written: string[] = [];
    for (const name of WRITING)
      for (const file of (await figuresOf(name)).written) {
        written.push(path.join(staged, `${name}-${path.basename(file)}`));
        copyFileSync(file, written.at(-1)!);
      }
    const converted = convertWithLibreOffice(written, tempDir());
    for (const file of converted)
      expect(existsSync(file), `LibreOffice could not load ${file}`).toBe(true);
    const views = openInOpenpyxl([...written, ...converted]);

    // Hand-worked: 73,000,000 at 0.25% a year is 500.00 a day (Actual/365), 46,000.00 over Q3's 92 days.
    const dailyFee = (73_000_000 * 0.0025) / 365;
    const q3Fees = dailyFee * 92;
    expect([dailyFee, q3Fees]).toEqual([500, 46_000]);
    const accrualHeader = ["Date", "Portfolio", "Class B net assets", ...ACCRUAL_HEADERS];
    const reportSheet = "12b-1 Report 2026-Q3";
    const checked = (file: string, view: OpenpyxlView | undefined, sheets: string[]) => {
      expect(view, file).toBeDefined();
      if (!view || "error" in view)
        throw new Error(`openpyxl could not load ${file}: ${view?.error}`);
      expect(view.sheets, file).toEqual(sheets);
      const nav = view.rows["Net Assets"]!;
      if (file.endsWith("accrued.xlsx")) {
        expect(nav[0], file).toEqual(accrualHeader);
        // 2026-07-01, the first day in effect: one day's fee.
        expect(nav[2]!.slice(0, 6), file).toEqual([
          "2026-07-01T00:00:00",
          expect.any(String),
          73_000_000,
          1,
          0.0025,
          dailyFee,
        ]);
      } else {
        expect(nav[0], file).toEqual(accrualHeader.slice(0, 3));
        const report = view.rows[reportSheet]!;
        expect(report[0]![0], file).toBe(
          "Rule 12b-1 Class B Distribution Plan — quarterly report to the Board, 2026 Q3"
        );
        // Days, ADNA, rate, the ceiling the maximum used (SPEC §5, 2026-12-06), fees accrued.
        expect(report[5]!.slice(1, 6), file).toEqual([92, 73_000_000, 0.0025, ".50%", q3Fees]);
      }
    };
    for (const [i, file] of written.entries()) {
      const sheets = (await XlsxPackage.read(readFileSync(file))).sheets().map((s) => s.name);
      expect(sheets).toContain(file.endsWith("report.xlsx") ? reportSheet : "Net Assets");
      checked(file, views[file], sheets);
      checked(converted[i]!, views[converted[i]!], sheets);
    }
  }, 600_000);
});
