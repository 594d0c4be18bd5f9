/**
 * Renders a written report sheet to PDF and PNG pages with LibreOffice and
 * poppler, for looking at the layout (and for docs/report-page.png):
 * `npx tsx scripts/reportPages.ts out/sample-trust-report.xlsx .tmp/pages`.
 * Keeps only the report sheets, so the NAV history does not print.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { reportOnly } from "../test/cli/support/reportOnly";

async function main(): Promise<void> {
  const [input = "out/sample-trust-report.xlsx", dir = ".tmp/pages"] = process.argv.slice(2);
  mkdirSync(dir, { recursive: true });
  const only = await reportOnly(input, path.join(dir, "report-only.xlsx"));
  execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", dir, only], {
    stdio: "ignore",
  });
  execFileSync("pdftoppm", [
    "-r",
    "110",
    "-png",
    path.join(dir, "report-only.pdf"),
    path.join(dir, "page"),
  ]);
  process.stdout.write(`Pages in ${dir}\n`);
}

void main();
