/**
 * Not a target of issue 5, a limit issue 6 asks about: a NetAssets table that
 * fills a whole worksheet (1,048,575 NAV rows under its header) through the
 * runner's `check` and `accrue`, each in its own process. `npm run bench --
 * --whole-sheet` adds it (about a minute and 4 GB). The workbook is the small
 * two-portfolio trust of the tests with its NAV table grown by the runner's
 * own package editor — ExcelJS would need gigabytes just to write it.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { day, serialFromDay, weekday } from "../src/engine/calendar";
import { run } from "../src/cli/run";
import { cellXml, widenDimension, writeCells } from "../src/cli/xlsx/ooxml/sheetCells";
import { XlsxPackage } from "../src/cli/xlsx/ooxml/xlsxPackage";
import { writeTrust } from "../test/cli/support/trustFile";

const LAST_ROW = 1_048_576;
const AS_OF = "2026-11-28";

/** Grows the test trust's NetAssets table to the last row of the sheet: Growth, then Income, one weekday NAV a row. */
async function writeWholeSheetTrust(dir: string): Promise<string> {
  const pkg = await XlsxPackage.read(readFileSync(await writeTrust(dir, "small.xlsx")));
  const sheet = pkg.sheets().find((s) => s.name === "Net Assets")!;
  const table = pkg.relationships(sheet.part).find((r) => r.type.endsWith("/table"))!.target;
  const half = (LAST_ROW - 1) >> 1;
  const dates: number[] = [];
  for (let d = day("1901-01-01"); dates.length < LAST_ROW; d += 1)
    if (weekday(d) !== 0 && weekday(d) !== 6) dates.push(serialFromDay(d));
  const xml = writeCells(pkg.text(sheet.part)!, 2, LAST_ROW, (row) => {
    const growth = row - 2 < half;
    const date = dates[growth ? row - 2 : row - 2 - half]!;
    return [
      cellXml(row, 1, date, 0),
      cellXml(row, 2, growth ? "Growth" : "Income", 0),
      cellXml(row, 3, growth ? 73_000_000 : 36_500_000, 0),
    ].map((cell, i) => ({ column: i + 1, xml: cell }));
  });
  pkg.setText(sheet.part, widenDimension(xml, LAST_ROW, 3));
  pkg.setText(table, pkg.text(table)!.replace(/ref="A1:C\d+"/g, `ref="A1:C${LAST_ROW}"`));
  const file = path.join(dir, "whole-sheet.xlsx");
  writeFileSync(file, await pkg.toBytes(new Date()));
  return file;
}

/** In a child process: one step on the whole-sheet trust; prints time, peak RSS and exit code as JSON. */
export async function wholeSheetChild(step: string, dir: string): Promise<void> {
  const file = path.join(dir, "whole-sheet.xlsx");
  const started = performance.now();
  const outcome =
    step === "accrue"
      ? await run({ command: "accrue", file, out: path.join(dir, "accrued.xlsx"), asOf: AS_OF })
      : await run({ command: "check", file, asOf: AS_OF });
  console.log(
    JSON.stringify({
      seconds: (performance.now() - started) / 1000,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      exitCode: outcome.exitCode,
    })
  );
}

export async function wholeSheetBenchmarks(bundle: string): Promise<string> {
  const dir = path.resolve(".tmp/bench-whole-sheet");
  mkdirSync(dir, { recursive: true });
  await writeWholeSheetTrust(dir);
  const lines = [
    "## (6) A whole-sheet NetAssets table through the runner (1,048,575 NAV rows; each step its own process)",
    "",
    "| step | NAV rows | seconds | peak RSS MiB | exit code |",
    "|---|---:|---:|---:|---:|",
  ];
  for (const step of ["check", "accrue"]) {
    const child = spawnSync(process.execPath, [bundle, "--whole-sheet-child", step, dir], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    const line = child.stdout.trim().split("\n").at(-1) ?? "";
    if (child.status !== 0 || !line.startsWith("{"))
      return `${lines.join("\n")}\n\n${step} failed: ${child.stderr || child.stdout}`;
    const measured = JSON.parse(line) as { seconds: number; peakRssMiB: number; exitCode: number };
    lines.push(
      `| ${step} | ${(LAST_ROW - 1).toLocaleString("en-US")} | ${measured.seconds.toFixed(1)} | ${measured.peakRssMiB.toFixed(0)} | ${measured.exitCode} |`
    );
  }
  return lines.join("\n");
}
