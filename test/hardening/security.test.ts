/**
 * The runner needs no network (issue 6), its production dependencies are
 * the vetted list, and user text that looks like a formula is written as
 * text in every sheet the runner writes.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run";
import { builtCli } from "../cli/support/builtCli";
import { tempDir, writeTrust } from "../cli/support/trustFile";

const NO_NETWORK = path.resolve("test/hardening/support/noNetwork.cjs");

describe("no network at run time", () => {
  it("the preload really blocks: fetch and a TCP connect fail", () => {
    const probe = spawnSync(
      process.execPath,
      [
        "--require",
        NO_NETWORK,
        "-e",
        "try { require('node:net').connect(80, '127.0.0.1') } catch (e) { console.log('blocked') }",
      ],
      { encoding: "utf8" }
    );
    expect(probe.stdout).toContain("blocked");
  });

  it("the built runner's demo (init, accrue, check, report) runs with the network blocked", () => {
    const cli = builtCli();
    const dir = tempDir();
    const demo = spawnSync(
      process.execPath,
      ["--require", NO_NETWORK, cli, "demo", dir, "--json"],
      { encoding: "utf8", timeout: 120_000 }
    );
    expect(demo.stderr).not.toMatch(/NETWORK BLOCKED/);
    expect(demo.status).toBe(0);
    const init = spawnSync(
      process.execPath,
      ["--require", NO_NETWORK, cli, "init", path.join(dir, "new.xlsx")],
      { encoding: "utf8" }
    );
    expect(init.status).toBe(0);
  }, 120_000);
});

it("production dependencies are exactly the vetted list", () => {
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
    dependencies: Record<string, string>;
  };
  expect(Object.keys(pkg.dependencies).sort()).toEqual([
    "@fluentui/react-components",
    "commander",
    "decimal.js",
    "exceljs",
    "fflate",
    "react",
    "react-dom",
    "saxes",
    "yauzl",
  ]);
  // Pinned exactly: an upgrade is a reviewed change, not a side effect of npm install.
  for (const version of Object.values(pkg.dependencies)) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
});

const INJECTIONS = ["=1+2", "+3+4", "-5+6", "@SUM(1,2)", "=cmd|' /C calc'!A0"];
// The only formulas the runner writes: SUMs, and sums and differences of cells on the report.
// MAX(0,…): the Item 19(g) difference on the row its sign belongs to (SPEC §5, 2026-12-06).
const OUR_FORMULA =
  /^(SUM\([A-Z]+\d+:[A-Z]+\d+\)|MAX\(0,[A-Z]+\d+-[A-Z]+\d+\)|[A-Z]+\d+([+-][A-Z]+\d+)*)$/;

describe("formula injection: user text is written as text", () => {
  it("payees, descriptions, agreements, counterparties, reviewers and --prepared-by stay text in the report, the accrual columns and the sheets around them", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir, "trust.xlsx", {
      edit: (rows) => {
        rows.Expenditures[0]!.Payee = INJECTIONS[0]!;
        rows.Expenditures[0]!.Description = INJECTIONS[2]!;
        rows.Agreements[0]!.Agreement = INJECTIONS[4]!;
        rows.Agreements[0]!.Counterparty = INJECTIONS[1]!;
        rows.Reviews.push({
          Quarter: "2026Q3",
          "Prepared by": INJECTIONS[3]!,
          "Reviewed by": INJECTIONS[0]!,
        });
        // A NetAssets row for a portfolio named like a formula: its accrual note quotes the name.
        rows.NetAssets.push({
          Date: rows.NetAssets[0]!.Date!,
          Portfolio: "@Evil",
          "Class B net assets": 1,
        });
      },
    });
    const accrued = path.join(dir, "accrued.xlsx");
    const reported = path.join(dir, "report.xlsx");
    expect(
      (
        await run({
          command: "accrue",
          file: input,
          out: accrued,
          asOf: "2026-11-28",
          preparedBy: '=HYPERLINK("x")',
        })
      ).exitCode
    ).toBe(0);
    expect(
      (
        await run({
          command: "report",
          file: accrued,
          out: reported,
          quarter: "2026Q3",
          asOf: "2026-11-28",
          preparedBy: INJECTIONS[1]!,
        })
      ).exitCode
    ).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(reported);
    const texts: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((c) => {
          if (c.type === ExcelJS.ValueType.Formula)
            expect(c.formula, `${sheet.name}!${c.address}`).toMatch(OUR_FORMULA);
          if (typeof c.value === "string") texts.push(c.value);
        })
      )
    );
    const report = workbook.getWorksheet("12b-1 Report 2026-Q3")!;
    const reportTexts: string[] = [];
    report.eachRow((row) =>
      row.eachCell((c) => void (typeof c.value === "string" && reportTexts.push(c.value)))
    );
    for (const text of [INJECTIONS[4]!, INJECTIONS[1]!, INJECTIONS[3]!, INJECTIONS[0]!])
      expect(reportTexts).toContain(text);
    expect(reportTexts).toContain(INJECTIONS[1]!); // --prepared-by in the audit block
    expect(texts.some((t) => t.includes('"@Evil"'))).toBe(true); // the accrual note
    // The accrual columns' audit note carries the --prepared-by of accrue, as text.
    const notes = workbook.getWorksheet("Net Assets")!.getCell("D1").note;
    const noteText =
      typeof notes === "string" ? notes : (notes?.texts ?? []).map((run) => run.text).join("");
    expect(noteText).toContain('Prepared by: =HYPERLINK("x")');
  });

  it("init writes no formula cells", async () => {
    const file = path.join(tempDir(), "new.xlsx");
    expect((await run({ command: "init", file, preparedBy: "=1+2" })).exitCode).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula))
      )
    );
    expect(workbook.creator).toBe("=1+2");
  });
});
