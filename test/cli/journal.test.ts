/**
 * `rule12b1 journal` (SPEC §7): the sheet and the CSV from the small trust, refusals with a
 * sentence and nothing written, posting once, a hand-edited posted row named by its cell, and
 * the CSV as LibreOffice reads it (skipped, with a sentence, where LibreOffice is absent).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { csvField } from "../../src/cli/journalCsv";
import { run } from "../../src/cli/run";
import { Decimal } from "../../src/engine/decimal";
import { OFFICE_PROGRAMS_MISSING, openInOpenpyxl, soffice } from "./support/officePrograms";
import { tempDir, writeTrust, type TrustOptions } from "./support/trustFile";

// The small trust: Growth 73,000,000 at .25% on Actual/Actual: 73,000,000 × .0025 / 365 = 500.00 a
// day, so July 2026 (31 days) accrues 15,500.00, paid on 5 August; the plan lapsed on 15 August,
// so August accrues 14 days, 7,000.00.
const JULY = new Decimal(73_000_000).times("0.0025").times(31).dividedBy(365).toFixed(2);
const AUGUST = new Decimal(73_000_000).times("0.0025").times(14).dividedBy(365).toFixed(2);

async function journal(options: Record<string, string | boolean> = {}, trust: TrustOptions = {}) {
  const dir = tempDir();
  const input = await writeTrust(dir, "trust.xlsx", trust);
  const out = path.join(dir, "out.xlsx");
  const outcome = await run({
    command: "journal",
    file: input,
    out,
    month: "2026-07",
    asOf: "2026-11-28",
    preparedAt: "2026-11-28 09:00 UTC",
    ...options,
  });
  return { dir, input, out, outcome };
}

async function postedRows(file: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet("Plan")!;
  const table = sheet.getTable("PostedJournals") as unknown as {
    table: { tableRef: string; ref: string };
  };
  const ref = table.table.tableRef ?? table.table.ref;
  const [from, to] = ref.split(":") as [string, string];
  const rows: unknown[][] = [];
  const first = Number(/\d+/.exec(from)![0]) + 1;
  const last = Number(/\d+/.exec(to)![0]);
  for (let r = first; r <= last; r += 1) {
    const values = (sheet.getRow(r).values as unknown[]).slice(
      sheet.getColumn(from.replace(/\d+/, "")).number
    );
    if (values.some((v) => v !== null && v !== undefined)) rows.push(values.slice(0, 6));
  }
  return rows;
}

describe("rule12b1 journal", () => {
  it("writes the sheet 12b-1 Journal 2026-07 with July's accrual; August's journal has its payment", async () => {
    const { out, outcome } = await journal();
    expect(outcome.exitCode).toBe(0);
    type Entry = { journalId: string; amount: number; date: string };
    const entries = outcome.data.entries as Entry[];
    expect(entries.find((e) => e.journalId === "Growth-2026-07-ACC")?.amount.toFixed(2)).toBe(JULY);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet("12b-1 Journal 2026-07")!;
    expect(String(sheet.getCell("A1").value)).toContain("journal entries, July 2026");
    const august = (await journal({ month: "2026-08" })).outcome.data.entries as Entry[];
    expect(august.find((e) => e.journalId === "Growth-2026-08-ACC")?.amount.toFixed(2)).toBe(
      AUGUST
    );
    expect(august.find((e) => e.journalId === "Growth-2026-08-05-PAY")).toMatchObject({
      amount: Number(JULY),
      date: "2026-08-05",
    });
  });

  it("refuses an unfinished month without --preliminary, and a CSV already there without --force", async () => {
    const unfinished = await journal({ month: "2026-11" });
    expect([unfinished.outcome.exitCode, existsSync(unfinished.out)]).toEqual([2, false]);
    expect(unfinished.outcome.lines.join("\n")).toContain("add --preliminary");
    const dir = tempDir();
    const csv = path.join(dir, "gl.csv");
    writeFileSync(csv, "mine");
    const refused = await journal({ csv });
    expect([refused.outcome.exitCode, existsSync(refused.out), readFileSync(csv, "utf8")]).toEqual([
      2,
      false,
      "mine",
    ]);
    expect(refused.outcome.lines.join("\n")).toContain("without --force");
    const forced = await journal({ csv, force: true });
    expect(forced.outcome.exitCode).toBe(0);
    expect(readFileSync(csv, "utf8")).toContain('"Growth-2026-07-ACC"');
  });

  it("posts once: a second --post adds no row", async () => {
    const first = await journal({ post: true });
    expect(first.outcome.data.posted).toBeGreaterThan(0);
    const rows = await postedRows(first.out);
    expect(rows.length).toBe(first.outcome.data.posted);
    expect(rows.map((r) => r[0])).toContain("Growth-2026-07-ACC");
    const again = path.join(first.dir, "again.xlsx");
    const second = await run({
      command: "journal",
      file: first.out,
      out: again,
      month: "2026-07",
      asOf: "2026-11-28",
      post: true,
    });
    expect([second.exitCode, second.data.posted]).toEqual([0, 0]);
    expect((await postedRows(again)).length).toBe(rows.length);
  });

  it("names a posted row whose amount was edited by hand, and posts nothing", async () => {
    const first = await journal({ post: true });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(first.out);
    const sheet = workbook.getWorksheet("Plan")!;
    // Find the first posted row's Amount cell and change it.
    let edited = false;
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (!edited && cell.value === "Growth-2026-07-ACC") {
          const amount = row.getCell(Number(cell.col) + 3);
          amount.value = Number(amount.value) + 1;
          edited = true;
        }
      });
    });
    expect(edited).toBe(true);
    const tampered = path.join(first.dir, "tampered.xlsx");
    await workbook.xlsx.writeFile(tampered);
    const outcome = await run({
      command: "journal",
      file: tampered,
      out: path.join(first.dir, "never.xlsx"),
      month: "2026-08",
      asOf: "2026-11-28",
      post: true,
    });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines.join("\n")).toMatch(/table PostedJournals row \d+, column "Amount"/);
    expect(existsSync(path.join(first.dir, "never.xlsx"))).toBe(false);
  });

  it("refuses an Accounts row naming an unknown portfolio, at its cell", async () => {
    const { outcome, out } = await journal(
      {},
      {
        edit: (rows) => {
          rows.Accounts = [
            {
              Portfolio: "Gowth",
              "Expense account": "5120",
              "Payable account": "2140",
              "Cash account": "1010",
              "Due from distributor account": "1250",
            },
          ];
        },
      }
    );
    expect([outcome.exitCode, existsSync(out)]).toEqual([2, false]);
    expect(outcome.lines.join("\n")).toContain('table Accounts row 1, column "Portfolio"');
    expect(outcome.lines.join("\n")).toContain('"Gowth"');
  });

  it("--by day writes one accrual entry a day, the days summing to the month; another split is refused", async () => {
    const { outcome } = await journal({ byDay: "day" });
    const days = (outcome.data.entries as { journalId: string; amount: number; kind: string }[])
      .filter((e) => e.kind === "accrual" && e.journalId.startsWith("Growth-"))
      .map((e) => e.amount);
    // 500.00 a day, every day of July.
    expect(days).toEqual(Array.from({ length: 31 }, () => 500));
    expect(days.reduce((a, b) => a + b, 0).toFixed(2)).toBe(JULY);
    const week = await journal({ byDay: "week" });
    expect([week.outcome.exitCode, existsSync(week.out)]).toEqual([2, false]);
  });

  it("init creates the Accounts and PostedJournals tables with the plan's", async () => {
    const file = path.join(tempDir(), "new.xlsx");
    const outcome = await run({ command: "init", file });
    expect(outcome.exitCode).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const plan = workbook.getWorksheet("Plan")!;
    expect(plan.getTable("Accounts")).toBeTruthy();
    expect(plan.getTable("PostedJournals")).toBeTruthy();
  });

  it("writes a field that begins with = as text in the CSV", () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("+1")).toBe('"\'+1"');
    expect(csvField("15000.00")).toBe('"15000.00"');
  });
});

describe.skipIf(OFFICE_PROGRAMS_MISSING !== null)("the journal CSV in LibreOffice", () => {
  it("opens with the same amounts, and an account beginning with = stays text", async () => {
    const dir = tempDir();
    const csv = path.join(dir, "gl.csv");
    const { outcome } = await journal(
      { csv, month: "2026-08" },
      {
        edit: (rows) => {
          rows.Accounts = [
            {
              Portfolio: "All",
              "Expense account": "5120 12b-1 expense – Class B",
              "Payable account": "2140 Distribution fees payable",
              "Cash account": "=1+2",
              "Due from distributor account": "1250",
            },
          ];
        },
      }
    );
    expect(outcome.exitCode).toBe(0);
    const converted = mkdtempSync(path.join(os.tmpdir(), "rule12b1-csv-"));
    const profile = mkdtempSync(path.join(os.tmpdir(), "rule12b1-lo-profile-"));
    // Comma-separated, "-quoted, UTF-8 (76), from line 1.
    execFileSync(
      soffice!,
      [
        "--headless",
        `-env:UserInstallation=file://${profile}`,
        "--infilter=CSV:44,34,76,1",
        "--convert-to",
        "xlsx:Calc MS Excel 2007 XML",
        "--outdir",
        converted,
        csv,
      ],
      { stdio: "pipe", timeout: 600_000 }
    );
    const file = path.join(converted, "gl.xlsx");
    const view = openInOpenpyxl([file], 200)[file]!;
    if ("error" in view) throw new Error(view.error);
    const rows = Object.values(view.rows)[0]!;
    expect(rows[0]!.slice(0, 3)).toEqual(["Journal ID", "Date", "Period"]);
    const accrual = rows.filter((r) => r[0] === "Growth-2026-08-ACC");
    expect(accrual.map((r) => [r[5], r[6], r[7]])).toEqual([
      ["5120 12b-1 expense – Class B", Number(AUGUST), 0],
      ["2140 Distribution fees payable", 0, Number(AUGUST)],
    ]);
    const cash = rows.find((r) => r[0] === "Growth-2026-08-05-PAY" && r[7] === Number(JULY))!;
    expect(typeof cash[5]).toBe("string");
    expect(String(cash[5])).toContain("=1+2");
    const debits = rows.slice(1).reduce((t, r) => t + Number(r[6]), 0);
    const credits = rows.slice(1).reduce((t, r) => t + Number(r[7]), 0);
    expect(debits.toFixed(2)).toBe(credits.toFixed(2));
  });
});

if (OFFICE_PROGRAMS_MISSING !== null)
  console.warn(`Journal CSV in LibreOffice skipped: ${OFFICE_PROGRAMS_MISSING}.`);
