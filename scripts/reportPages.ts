/**
 * Renders a written report sheet to PDF and PNG pages with LibreOffice and
 * poppler, for looking at the layout (and for docs/report-page.png):
 * `npx tsx scripts/reportPages.ts out/sample-trust-report.xlsx .tmp/pages`.
 * Keeps only the report sheets, so the NAV history does not print.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import ExcelJS from "exceljs";
import { reportSheetCharts } from "../src/cli/xlsx/reportCharts";
import { saveWorkbook } from "../src/cli/xlsx/workbookFile";

async function main(): Promise<void> {
  const [input = "out/sample-trust-report.xlsx", dir = ".tmp/pages"] = process.argv.slice(2);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(input);
  for (const sheet of [...workbook.worksheets]) if (!sheet.name.startsWith("12b-1 Report")) workbook.removeWorksheet(sheet.id);
  const only = path.join(dir, "report-only.xlsx");
  await saveWorkbook(workbook, only, reportSheetCharts(workbook, []));
  execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", dir, only], { stdio: "ignore" });
  execFileSync("pdftoppm", ["-r", "110", "-png", path.join(dir, "report-only.pdf"), path.join(dir, "page")]);
  process.stdout.write(`Pages in ${dir}\n`);
}

void main();
