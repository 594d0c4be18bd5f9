/**
 * Opening and saving .xlsx files: a friendly message for a file that is not
 * there or not a workbook, and atomic saves — the package is written to a
 * temporary file in the target's own directory and renamed over the target,
 * so a crash never leaves half a workbook, and readers see old or new only.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { injectCharts, type SheetCharts } from "./injectCharts";
import { ZIP_OPTIONS } from "./zipOptions";

export type Loaded = { ok: true; workbook: ExcelJS.Workbook } | { ok: false; problem: string };

/** `await loadWorkbook("trust.xlsx")` → `{ ok: true, workbook }` or a problem naming the file. */
export async function loadWorkbook(file: string): Promise<Loaded> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, problem: code === "ENOENT" ? `${file}: no such file.` : `${file}: cannot be read (${code ?? String(error)}).` };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return { ok: false, problem: `${file}: not an .xlsx workbook ExcelJS can read (${(error as Error).message}). Save it as "Excel Workbook (.xlsx)".` };
  }
  return { ok: true, workbook };
}

/** Re-packs a package with every entry dated `date`: the zip otherwise records the time of writing. */
async function restamp(xlsx: Uint8Array, date: Date): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const repacked = new JSZip();
  for (const name of Object.keys(zip.files).sort((a, b) => (a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : a.localeCompare(b)))) {
    const entry = zip.files[name]!;
    if (!entry.dir) repacked.file(name, await entry.async("uint8array"), { date, createFolders: false });
  }
  return repacked.generateAsync({ type: "uint8array", ...ZIP_OPTIONS });
}

/**
 * Writes `workbook` (plus injected charts) to `file` atomically.
 *
 * `await saveWorkbook(workbook, "out/report.xlsx", [])` → the bytes written.
 */
export async function saveWorkbook(workbook: ExcelJS.Workbook, file: string, charts: readonly SheetCharts[] = [], options: { entryDate?: Date } = {}): Promise<number> {
  const saved = new Uint8Array(await workbook.xlsx.writeBuffer({ zip: ZIP_OPTIONS } as ExcelJS.XlsxWriteOptions));
  const withCharts = charts.length > 0 ? (await injectCharts(saved, charts)).xlsx : saved;
  const bytes = options.entryDate ? await restamp(withCharts, options.entryDate) : withCharts;
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  return bytes.length;
}
