/**
 * Workbooks other programs wrote (issue 13): the clean corpus trust saved
 * again by openpyxl and by LibreOffice gives the clean trust's figures, and
 * every package the runner writes from them opens in openpyxl and in
 * LibreOffice and passes the structural rules Excel checks. openpyxl's
 * workbook.xml and VML declare their namespaces their own way; what the
 * runner adds to them (`r:id`, `v:shape`) must be declared.
 * Needs Debian's python3-openpyxl and LibreOffice (`.ci/run` installs both);
 * skipped with a message when either is missing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { CORPUS, makeFixtures } from "../../scripts/makeFixtures";
import { packageProblems } from "./support/packageIntegrity";
import { tempDir } from "./support/trustFile";

const AS_OF = "2026-11-28";
const python = ["/usr/bin/python3", "python3"].find(
  (bin) => spawnSync(bin, ["-c", "import openpyxl"], { encoding: "utf8" }).status === 0
);
const soffice = ["soffice", "libreoffice"].find(
  (bin) => spawnSync(bin, ["--version"], { encoding: "utf8" }).status === 0
);
if (!python || !soffice)
  console.warn(
    "Other-writer tests skipped: they need python3-openpyxl and LibreOffice (apt-get install python3-openpyxl libreoffice-calc-nogui)."
  );

/** Sheet names of `file` as openpyxl reads it (it raises on a package it cannot load). */
function openpyxlSheets(file: string): string[] {
  const out = execFileSync(
    python!,
    [
      "-c",
      "import sys, openpyxl; print('\\n'.join(openpyxl.load_workbook(sys.argv[1]).sheetnames))",
      file,
    ],
    { encoding: "utf8", timeout: 120_000 }
  );
  return out.trim().split("\n");
}

/** `file` re-saved by LibreOffice as .xlsx into `dir` (LibreOffice writes nothing for a file it cannot load). */
function libreOfficeResave(file: string, dir: string): string {
  execFileSync(
    soffice!,
    [
      "--headless",
      `-env:UserInstallation=file://${dir}/lo-profile`,
      "--convert-to",
      "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      dir,
      file,
    ],
    { stdio: "pipe", timeout: 180_000 }
  );
  return path.join(dir, path.basename(file));
}

async function figures(file: string, dir: string) {
  const accrued = path.join(dir, "accrued.xlsx");
  const reported = path.join(dir, "report.xlsx");
  const check = await run({ command: "check", file, asOf: AS_OF });
  const accrue = await run({ command: "accrue", file, out: accrued, asOf: AS_OF });
  const report = await run({
    command: "report",
    file: accrued,
    out: reported,
    quarter: "2026Q3",
    asOf: AS_OF,
    preparedAt: "fixed",
  });
  return {
    exits: [check.exitCode, accrue.exitCode, report.exitCode],
    portfolios: accrue.data.portfolios,
    sheets: (report.data.sheets as unknown[] | undefined) ?? [],
    written: [accrued, reported],
  };
}

describe.skipIf(!python || !soffice)("workbooks written by openpyxl and LibreOffice", () => {
  let clean: string;
  let plain: Awaited<ReturnType<typeof figures>>;
  beforeAll(async () => {
    clean = (await makeFixtures(tempDir(), [CORPUS[0]!])).get("clean")!;
    plain = await figures(clean, tempDir());
  }, 120_000);

  it.each([
    [
      "openpyxl",
      (file: string, dir: string) => {
        const out = path.join(dir, "openpyxl.xlsx");
        execFileSync(python!, [
          "-c",
          "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])",
          file,
          out,
        ]);
        return out;
      },
    ],
    ["LibreOffice", (file: string, dir: string) => libreOfficeResave(file, dir)],
  ])(
    "saved by %s: the clean trust's figures, and what the runner writes opens in openpyxl and LibreOffice",
    async (_writer, resave) => {
      const dir = tempDir();
      const input = resave(clean, dir);
      const before = readFileSync(input);
      const result = await figures(input, dir);
      expect(result.exits).toEqual([0, 0, 0]);
      expect(result.portfolios).toEqual(plain.portfolios);
      expect(result.sheets).toEqual(plain.sheets);
      expect(readFileSync(input).equals(before)).toBe(true);
      for (const file of result.written) {
        expect(await packageProblems(readFileSync(file)), file).toEqual([]);
        expect(openpyxlSheets(file)).toContain("Net Assets");
        const back = libreOfficeResave(file, tempDir());
        expect(existsSync(back), `LibreOffice could not load ${file}`).toBe(true);
        const sheets = (await XlsxPackage.read(readFileSync(back))).sheets().map((s) => s.name);
        expect(sheets).toEqual(openpyxlSheets(file));
      }
      expect(openpyxlSheets(result.written[1]!)).toContain("12b-1 Report 2026-Q3");
    },
    600_000
  );
});
