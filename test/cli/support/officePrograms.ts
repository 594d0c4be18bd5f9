/**
 * openpyxl and LibreOffice, the two other programs every package the runner
 * writes must open in (issue 13), driven in batches: one python process
 * opens any number of files, one headless LibreOffice converts any number.
 * Both are Debian packages `.ci/run` installs (python3-openpyxl,
 * libreoffice-calc-nogui); a test that needs them skips with a warning
 * (`OFFICE_PROGRAMS_MISSING`) when either is absent, as the suite always has.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** A python that imports openpyxl (Debian's, not a pyenv shim without it), or undefined. */
export const python = ["/usr/bin/python3", "python3"].find(
  (bin) => spawnSync(bin, ["-c", "import openpyxl"], { encoding: "utf8" }).status === 0
);
/** LibreOffice's command, or undefined. */
export const soffice = ["soffice", "libreoffice"].find(
  (bin) => spawnSync(bin, ["--version"], { encoding: "utf8" }).status === 0
);
export const OFFICE_PROGRAMS_MISSING =
  !python || !soffice
    ? "need python3-openpyxl and LibreOffice (apt-get install python3-openpyxl libreoffice-calc-nogui)"
    : null;

/** A cell's value as openpyxl gives it; dates and times as ISO text ("2026-07-01T00:00:00"). */
export type OpenpyxlValue = string | number | boolean | null;

/** What openpyxl read from one file: its sheets, each sheet's first rows; or why it could not load it. */
export type OpenpyxlView =
  { sheets: string[]; rows: Record<string, OpenpyxlValue[][]> } | { error: string };

const OPEN_ALL = `
import json, sys, openpyxl
first = int(sys.argv[1])
views = {}
for name in sys.argv[2:]:
    try:
        book = openpyxl.load_workbook(name)
        views[name] = {"sheets": book.sheetnames, "rows": {
            sheet.title: [list(row) for row in sheet.iter_rows(max_row=first, values_only=True)]
            for sheet in book.worksheets}}
    except Exception as error:
        views[name] = {"error": f"{type(error).__name__}: {error}"}
print(json.dumps(views, default=lambda value: value.isoformat()))
`;

/**
 * Opens every file with `openpyxl.load_workbook` in one python process and
 * returns, per file, its sheet names and each sheet's first `rows` rows.
 *
 * `openInOpenpyxl(["/tmp/a/report.xlsx"])["/tmp/a/report.xlsx"]` →
 * `{ sheets: ["Plan", "Net Assets", "12b-1 Report 2026-Q3"], rows: { "Net Assets": [["Date", …], …], … } }`
 */
export function openInOpenpyxl(files: readonly string[], rows = 8): Record<string, OpenpyxlView> {
  const out = execFileSync(python!, ["-c", OPEN_ALL, String(rows), ...files], {
    encoding: "utf8",
    timeout: 300_000,
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out) as Record<string, OpenpyxlView>;
}

/**
 * Every file re-saved by LibreOffice as .xlsx into `outDir`, in one headless
 * run on a profile of its own (so it never meets another test's LibreOffice);
 * returns the path each would be written to. LibreOffice writes nothing for
 * a file it cannot load, so a missing result is a file it refused. The files'
 * names must differ (they land side by side) and `outDir` must hold none of
 * them (LibreOffice would overwrite the input).
 *
 * `convertWithLibreOffice(["/tmp/a/case-report.xlsx"], "/tmp/b")` → `["/tmp/b/case-report.xlsx"]`
 */
export function convertWithLibreOffice(files: readonly string[], outDir: string): string[] {
  const results = files.map((file) => path.join(outDir, path.basename(file)));
  if (new Set(results).size !== files.length) throw new Error("file names repeat");
  if (results.some((result) => existsSync(result))) throw new Error(`${outDir} is not empty`);
  const profile = mkdtempSync(path.join(os.tmpdir(), "rule12b1-lo-profile-"));
  execFileSync(
    soffice!,
    [
      "--headless",
      `-env:UserInstallation=file://${profile}`,
      "--convert-to",
      "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      outDir,
      ...files,
    ],
    { stdio: "pipe", timeout: 600_000 }
  );
  return results;
}
