/**
 * The printed report (SPEC §5 "Printed pages"), rendered by LibreOffice to
 * PDF and read back with `pdftotext -layout`: every page carries the header
 * and footer, every page starts with a block's band (a block that runs over
 * a page repeats its band and column headers), and a preliminary report says
 * PRELIMINARY on every page. Needs `soffice` and `pdftotext`; skipped with a
 * message when either is missing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run";
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

/** The report's pages as pdftotext lays them out, one string per page. */
async function pages(
  options: { quarter: string; preliminary?: boolean; preparedAt?: string } | { year: string },
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
    /^\s*(Quarter|PRELIMINARY:|Each portfolio)/.test(line)
  );
  return lines.slice(subtitle + 1);
}

/** Column headers' first words per block band, as the report writes them. */
const FIRST_HEADER: Record<string, RegExp> = {
  "1": /Portfolio\s+Days in effect/,
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
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9])
      expect(all).toMatch(new RegExp(`^\\s*${n}\\. `, "m"));
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
});
