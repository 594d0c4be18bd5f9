/**
 * The printed report (SPEC §5 "Printed pages"), rendered by LibreOffice to
 * PDF and read back with `pdftotext -layout`: every page carries the header
 * and footer, every page starts with a block's band (a block that runs over
 * a page repeats its band and column headers), and a preliminary report says
 * PRELIMINARY on every page. Needs `soffice` and `pdftotext`; skipped with a
 * message when either is missing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { reportOnly } from "./support/reportOnly";
import { tempDir, writeTrust } from "./support/trustFile";

const soffice = ["soffice", "libreoffice"].find(
  (bin) => spawnSync(bin, ["--version"], { encoding: "utf8" }).status === 0
);
const pdftotext = spawnSync("pdftotext", ["-v"], { encoding: "utf8" }).status === 0;
if (!soffice || !pdftotext)
  console.warn(
    "Report page tests skipped: they need soffice (libreoffice-calc-nogui) and pdftotext (poppler-utils)."
  );

const SAMPLE = path.resolve("samples/sample-trust.xlsx");
/** Every workbook `pages` wrote, last one last. */
const written: string[] = [];

/** The report's pages as pdftotext lays them out, one string per page. */
async function pages(
  options:
    | { quarter: string; preliminary?: boolean; preparedAt?: string; preparedBy?: string }
    | { year: string },
  file = SAMPLE
): Promise<string[]> {
  const dir = tempDir();
  const out = path.join(dir, "report.xlsx");
  const outcome = await run({
    command: "report",
    file,
    out,
    asOf: "2026-11-28",
    preparedAt: "2026-11-28 09:00 UTC",
    ...options,
  });
  written.push(out);
  expect(outcome.exitCode, outcome.lines.join("\n")).toBe(0);
  const only = await reportOnly(out, path.join(dir, "print.xlsx"));
  execFileSync(
    soffice!,
    [
      "--headless",
      `-env:UserInstallation=file://${dir}/lo-profile`,
      "--convert-to",
      "pdf",
      "--outdir",
      dir,
      only,
    ],
    { stdio: "pipe", timeout: 120_000 }
  );
  const text = execFileSync("pdftotext", ["-layout", path.join(dir, "print.pdf"), "-"], {
    encoding: "utf8",
  });
  return text.split("\f").filter((page) => page.trim() !== "");
}

/** Lines of a page after the repeated title rows (the report's own title and subtitle). */
function body(page: string): string[] {
  const lines = page.split("\n").filter((line) => line.trim() !== "");
  const subtitle = lines.findIndex((line) =>
    /^\s*(The quarter|PRELIMINARY:|Each portfolio)/.test(line)
  );
  return lines.slice(subtitle + 1);
}

/** Column headers' first words per block band, as the report writes them. */
const FIRST_HEADER: Record<string, RegExp> = {
  "1": /Portfolio\s+Days in/,
  "2": /Category \(Plan §2\)/,
  "3": /Item 19\(g\) line/,
  "4": /Portfolio\s+Plan type\s+Opening/,
  "5": /Portfolio\s+Status at/,
  "6": /Agreement\s+Counterparty/,
  "7": /Rule\s+Severity\s+Plan section/,
};

describe.skipIf(!soffice || !pdftotext)("the printed report (LibreOffice, pdftotext)", () => {
  it("every page of 2026 Q3 carries the header and footer, and starts with a block's band and column headers", async () => {
    const printed = await pages({ quarter: "2026Q3", preparedAt: "R&D desk 2026-11-28" });
    expect(printed.length).toBeGreaterThanOrEqual(3);
    printed.forEach((page, i) => {
      const where = `page ${i + 1}`;
      expect(page, where).toContain("Rule 12b-1 Class B Distribution Plan");
      // The right header was invisible when "&8" ran into "12b-1" (font size 812).
      expect(page, where).toContain("12b-1 report, 2026 Q3");
      expect(page, where).toContain(`Page ${i + 1} of ${printed.length}`);
      expect(page, where).toContain("Confidential — for the Board of Trustees");
      // A literal & in user text stays one & (it was read as a header code).
      expect(page, where).toContain("Prepared R&D desk 2026-11-28");
      const lines = body(page);
      const band = /^\s*(\d)\. /.exec(lines[0] ?? "");
      expect(band, `${where} starts with "${lines[0]}"`).not.toBeNull();
      const header = FIRST_HEADER[band![1]!];
      if (header)
        expect(lines.slice(1, 3).join("\n"), `${where}: headers of block ${band![1]}`).toMatch(
          header
        );
    });
    // Every block is there, in order.
    const all = printed.join("\n");
    // Eight blocks: the audit trail is a sheet of its own, not the board's pages (SPEC §5, 2026-12-06).
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) expect(all).toMatch(new RegExp(`^\\s*${n}\\. `, "m"));
  });

  it("a block longer than a page repeats its band and column headers on every page it spans", async () => {
    // 60 agreements not in writing: the agreements and exceptions blocks run over several pages.
    const input = await writeTrust(tempDir(), "long.xlsx", {
      edit: (rows) => {
        for (let i = 1; i <= 60; i += 1)
          rows.Agreements.push({
            Agreement: `Selling agreement ${i}`,
            Counterparty: `Broker ${i}`,
            Portfolio: "All",
            "In writing": "No",
            "Notice days": 60,
          });
      },
    });
    const printed = await pages({ quarter: "2026Q3" }, input);
    const continued = printed.filter((page) => /^\s*[67]\. .*\(continued\)/m.test(page));
    expect(continued.length).toBeGreaterThanOrEqual(2);
    printed.forEach((page, i) => {
      const lines = body(page);
      const band = /^\s*(\d)\. /.exec(lines[0] ?? "");
      expect(band, `page ${i + 1} starts with "${lines[0]}"`).not.toBeNull();
      const header = FIRST_HEADER[band![1]!];
      if (header) expect(lines.slice(1, 3).join("\n"), `page ${i + 1}`).toMatch(header);
    });
  });

  it("a preliminary report says PRELIMINARY on every page", async () => {
    const printed = await pages({ quarter: "2026Q4", preliminary: true });
    for (const [i, page] of printed.entries()) {
      expect(page, `page ${i + 1}`).toContain("PRELIMINARY");
      expect(page, `page ${i + 1}`).toContain("12b-1 report, 2026 Q4 — PRELIMINARY");
    }
  });

  it("the annual SAI table prints with its header and footer", async () => {
    const printed = await pages({ year: "2025" });
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain("12b-1 SAI table, FY2025");
    expect(printed[0]).toContain("Fees paid under the plan");
  });

  it("a board document: no account name or fingerprint, dates in words, the ceiling and the payable explained (SPEC §5, 2026-12-06)", async () => {
    const account = userInfo().username;
    const printed = (await pages({ quarter: "2026Q3" })).join("\n");
    // No --prepared-by: the OS account is on the audit trail sheet only.
    expect(printed).not.toContain("run under the account");
    expect(printed).not.toMatch(new RegExp(`\\b${account}\\b`));
    expect(printed).not.toMatch(/fingerprint|N:[0-9a-f]{16}/i);
    expect(printed).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(printed).toContain("The quarter from 1 July 2026 to 30 September 2026");
    expect(printed).toContain("Prepared 28 November 2026, 09:00 UTC");
    // The sample's Growth Portfolio: September's fee, paid in October, is the payable at 30 September.
    expect(printed.replace(/\s+/g, " ")).toContain(
      "¹ Payable at 30 September 2026: fees accrued by that day and not yet paid on it."
    );
    expect(printed).toMatch(/Ceiling \(max/);
    expect(printed).toMatch(/Growth Portfolio\s+92\s+[\d,.]+\s+0\.250% → 0\.350%\s+\.50%/);
    // The Item 19(g) difference is named for its sign; no negative amount on that row.
    const fees = /Fees above expenses\s+([\d,.\s]+)/.exec(printed)![1]!;
    expect(fees).not.toContain("-");
    expect(printed).not.toContain("Difference: borne by the distributor");
    const trail = await XlsxPackage.read(readFileSync(written.at(-1)!));
    const sheet = trail.sheets().find((s) => s.name === "12b-1 Audit trail")!;
    const text = trail.text(sheet.part)!;
    expect(text).toContain(account);
    expect(text).toMatch(/N:[0-9a-f]{16}/);
  });

  it("the written workbook opens on the report, the only selected tab, and its print area is the report", async () => {
    await pages({ quarter: "2026Q3", preparedBy: "J. Doe" });
    const pkg = await XlsxPackage.read(readFileSync(written.at(-1)!));
    const sheets = pkg.sheets();
    const report = sheets.find((s) => s.name === "12b-1 Report 2026-Q3")!;
    const workbook = pkg.text(pkg.workbookPart())!;
    expect(/<workbookView\b[^>]*activeTab="(\d+)"/.exec(workbook)?.[1]).toBe(String(report.index));
    // Excel's Print dialog prints the selected sheets: the report alone.
    const selected = sheets.filter((s) =>
      /<sheetView\b[^>]*tabSelected="1"/.test(pkg.text(s.part)!)
    );
    expect(selected.map((s) => s.name)).toEqual(["12b-1 Report 2026-Q3"]);
    expect(workbook).toMatch(
      new RegExp(
        `<definedName name="_xlnm.Print_Area" localSheetId="${report.index}">'12b-1 Report 2026-Q3'!\\$A\\$1:\\$L\\$\\d+</definedName>`
      )
    );
    // The sign-off names the preparer given, never the account.
    const printed = await pages({ quarter: "2026Q3", preparedBy: "J. Doe" });
    expect(printed.join("\n")).toMatch(/Prepared by \(Treasurer's office\)\s+J\. Alvarez/);
  });

  it("the annual table: its band no wider than the table, dates in words, the difference named for its sign", async () => {
    const printed = (await pages({ year: "2025" })).join("\n");
    expect(printed).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(printed).toContain("Fees above expenses");
    expect(printed).toContain("Expenses above fees: carried forward");
    expect(printed).toMatch(/Fiscal year from\s+1 Jan 2025/);
    const pkg = await XlsxPackage.read(readFileSync(written.at(-1)!));
    const annual = pkg.sheets().find((s) => s.name === "12b-1 SAI FY2025")!;
    const xml = pkg.text(annual.part)!;
    const columns = [...xml.matchAll(/<col\b[^>]*max="(\d+)"/g)].map((m) => Number(m[1]));
    const last = Math.max(...columns);
    const column = (letters: string) =>
      [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    // Every cell (the band's shaded cells too) and every merge ends at the table's last column.
    const used = [...xml.matchAll(/<c r="([A-Z]+)\d+"/g)].map((m) => column(m[1]!));
    expect(Math.max(...used)).toBe(last);
    for (const m of xml.matchAll(/<mergeCell ref="[A-Z]+\d+:([A-Z]+)\d+"\/>/g))
      expect(column(m[1]!)).toBeLessThanOrEqual(last);
  });
});

describe("the written workbook opens on the report (no LibreOffice needed)", () => {
  it("a workbook saved on its Net Assets tab opens on the report, with no second tab selected", async () => {
    // As Excel saves it: the active tab in the workbook view, and that sheet's view selected.
    const pkg = await XlsxPackage.read(readFileSync(SAMPLE));
    const nav = pkg.sheets().find((s) => s.name === "Net Assets")!;
    pkg.setText(
      nav.part,
      pkg
        .text(nav.part)!
        .replace('<sheetView workbookViewId="0">', '<sheetView tabSelected="1" workbookViewId="0">')
    );
    pkg.setText(
      pkg.workbookPart(),
      pkg
        .text(pkg.workbookPart())!
        .replace(
          "<sheets>",
          `<bookViews><workbookView activeTab="${nav.index}" firstSheet="${nav.index}"/></bookViews><sheets>`
        )
    );
    const dir = tempDir();
    const input = path.join(dir, "saved-on-nav.xlsx");
    writeFileSync(input, await pkg.toBytes(new Date()));
    const out = path.join(dir, "report.xlsx");
    const outcome = await run({
      command: "report",
      file: input,
      out,
      quarter: "2026Q3",
      asOf: "2026-11-28",
    });
    expect(outcome.exitCode, outcome.lines.join("\n")).toBe(0);
    const written = await XlsxPackage.read(readFileSync(out));
    const report = written.sheets().find((s) => s.name === "12b-1 Report 2026-Q3")!;
    const view = /<workbookView\b[^>]*>/.exec(written.text(written.workbookPart())!)![0];
    expect(view).toContain(`activeTab="${report.index}"`);
    // The tab bar starts no later than the report's tab.
    expect(Number(/firstSheet="(\d+)"/.exec(view)?.[1] ?? "0")).toBeLessThanOrEqual(report.index);
    const selected = written
      .sheets()
      .filter((s) => /<sheetView\b[^>]*tabSelected="1"/.test(written.text(s.part)!));
    expect(selected.map((s) => s.name)).toEqual(["12b-1 Report 2026-Q3"]);
    // The Net Assets sheet is otherwise as it was: only its selection mark is gone.
    expect(written.text(nav.part)).toBe(pkg.text(nav.part)!.replace(' tabSelected="1"', ""));
  });
});
