/**
 * Opening and saving .xlsx files: a friendly message for a file that is not
 * there or not a workbook (`files/readInputFile.ts`), and safe saves
 * (`files/writeFileSafely.ts`) — a temporary file in the target's own folder,
 * flushed and renamed over it, so a crash never leaves half a workbook and
 * readers see old or new only.
 */
import type ExcelJS from "exceljs";
import type { FileIdentity } from "../files/fileIdentity";
import { readInputFile } from "../files/readInputFile";
import { type WriteOptions, writeFileSafely } from "../files/writeFileSafely";
import { injectCharts, type SheetCharts } from "./injectCharts";
import { UnreadablePackage } from "./ooxml/packageError";
import { XlsxPackage } from "./ooxml/xlsxPackage";
import { NS } from "./ooxml/xmlParse";

export type Loaded =
  { ok: true; pkg: XlsxPackage; identity: FileIdentity } | { ok: false; problem: string };

/**
 * `await loadWorkbook("trust.xlsx")` → `{ ok: true, pkg }` or a problem
 * naming the file. The runner reads tables from the package
 * (`readTables.ts`) and writes by editing it (`ooxml/`).
 */
export async function loadWorkbook(file: string): Promise<Loaded> {
  const read = await readInputFile(file);
  if (!read.ok) return { ok: false, problem: read.problem };
  const bytes = read.bytes;
  let pkg: XlsxPackage;
  try {
    pkg = await XlsxPackage.read(bytes);
    if (!pkg.has(pkg.workbookPart()) || !pkg.has("[Content_Types].xml"))
      throw new Error("no workbook part");
    // An .xlsb renamed .xlsx is a zip package too, but its sheets are binary records (issue 22).
    if (pkg.workbookPart().toLowerCase().endsWith(".bin"))
      throw new UnreadablePackage(
        'This is an Excel Binary Workbook (.xlsb), whatever its name says, which rule12b1 does not read. Open it in Excel and save it as "Excel Workbook (.xlsx)" (File ▸ Save As), then run again.'
      );
    if (pkg.rootNamespace(pkg.workbookPart()) === NS.strictMain)
      throw new UnreadablePackage(
        'This workbook is saved as "Strict Open XML Spreadsheet", which rule12b1 does not read. Open it in Excel and save it as "Excel Workbook (.xlsx)", then run again.'
      );
  } catch (error) {
    if (error instanceof UnreadablePackage)
      return { ok: false, problem: `${file}: ${error.message}` };
    return {
      ok: false,
      problem: `${file}: not an .xlsx workbook rule12b1 can read (${(error as Error).message}). Save it as "Excel Workbook (.xlsx)".`,
    };
  }
  return { ok: true, pkg, identity: read.identity };
}

/**
 * Saves an edited package to `file` by `writeFileSafely` (atomic, mode and
 * owner kept, the real file behind a link), every zip entry dated
 * `entryDate` (default: now); returns the bytes written. A file-system
 * failure is thrown as a `FileProblem` with its sentence.
 *
 * `await savePackage(XlsxPackage.read(bytes), "out/accrued.xlsx")`
 */
export async function savePackage(
  pkg: XlsxPackage,
  file: string,
  options: { entryDate?: Date } & WriteOptions = {}
): Promise<number> {
  const bytes = await pkg.toBytes(options.entryDate ?? new Date());
  await writeFileSafely(file, bytes, options);
  return bytes.length;
}

/**
 * Writes a whole ExcelJS workbook (plus charts) to `file` atomically — for
 * workbooks rule12b1 creates (init, the demo's sample). Edits to a user's
 * workbook go through `savePackage` instead, which keeps every part it did
 * not change.
 *
 * `await saveWorkbook(workbook, "out/trust.xlsx", [])` → the bytes written.
 */
export async function saveWorkbook(
  workbook: ExcelJS.Workbook,
  file: string,
  charts: readonly SheetCharts[] = [],
  options: { entryDate?: Date } = {}
): Promise<number> {
  // ExcelJS stores without compressing; the package writer deflates once, in native zlib.
  const saved = Buffer.from(
    await workbook.xlsx.writeBuffer({ zip: { compression: "STORE" } } as ExcelJS.XlsxWriteOptions)
  );
  const pkg = await XlsxPackage.read(saved);
  injectCharts(pkg, charts);
  return savePackage(pkg, file, options);
}
