/**
 * Opening and saving .xlsx files: a friendly message for a file that is not
 * there or not a workbook, and atomic saves — the package is written to a
 * temporary file in the target's own directory and renamed over the target,
 * so a crash never leaves half a workbook, and readers see old or new only.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type ExcelJS from "exceljs";
import { injectCharts, type SheetCharts } from "./injectCharts";
import { XlsxPackage } from "./ooxml/xlsxPackage";
import { prefixedRoot } from "./readTables";

export type Loaded = { ok: true; pkg: XlsxPackage } | { ok: false; problem: string };

/**
 * `await loadWorkbook("trust.xlsx")` → `{ ok: true, pkg }` or a problem
 * naming the file. The runner reads tables from the package
 * (`readTables.ts`) and writes by editing it (`ooxml/`).
 */
export async function loadWorkbook(file: string): Promise<Loaded> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      problem:
        code === "ENOENT"
          ? `${file}: no such file.`
          : `${file}: cannot be read (${code ?? String(error)}).`,
    };
  }
  let pkg: XlsxPackage;
  try {
    pkg = XlsxPackage.read(bytes);
    if (!pkg.has(pkg.workbookPart()) || !pkg.has("[Content_Types].xml"))
      throw new Error("no workbook part");
    if (prefixedRoot(pkg.text(pkg.workbookPart())!, "workbook"))
      throw new Error(
        "its XML is written with namespace prefixes, which rule12b1 does not read; open and save it in Excel"
      );
  } catch (error) {
    return {
      ok: false,
      problem: `${file}: not an .xlsx workbook rule12b1 can read (${(error as Error).message}). Save it as "Excel Workbook (.xlsx)".`,
    };
  }
  return { ok: true, pkg };
}

/** Writes `bytes` to `file` through a temporary file in the same directory and a rename. */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = path.join(
    path.dirname(path.resolve(file)),
    `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`
  );
  try {
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Saves an edited package to `file` atomically, every zip entry dated
 * `entryDate` (default: now); returns the bytes written.
 *
 * `await savePackage(XlsxPackage.read(bytes), "out/accrued.xlsx")`
 */
export async function savePackage(
  pkg: XlsxPackage,
  file: string,
  options: { entryDate?: Date } = {}
): Promise<number> {
  const bytes = pkg.toBytes(options.entryDate ?? new Date());
  await writeAtomically(file, bytes);
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
  // ExcelJS stores without compressing; Node's zlib deflates once, in native code.
  const saved = Buffer.from(
    await workbook.xlsx.writeBuffer({ zip: { compression: "STORE" } } as ExcelJS.XlsxWriteOptions)
  );
  const pkg = XlsxPackage.read(saved);
  pkg.compressStored();
  injectCharts(pkg, charts);
  return savePackage(pkg, file, options);
}
