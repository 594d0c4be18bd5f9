/**
 * The pane's journal is the runner's layout (SPEC §7): `writeJournal` writes every cell of the
 * `journalLayout` that `src/workbook/journalRun.ts` builds for both adapters — the runner's
 * `journal` command writes the same layout — with its value or formula and number format; text
 * typed with "=" stays text; posting appends the entries to PostedJournals once.
 */
import { describe, expect, it } from "vitest";
import { day, serialFromDay } from "../../src/engine/calendar";
import type { ExcelRun } from "../../src/excel/excelRun";
import { readWorkbook } from "../../src/excel/readWorkbook";
import { writeJournal } from "../../src/excel/writeJournal";
import { journalLayout } from "../../src/workbook/journalLayout";
import { buildJournal, parseMonth } from "../../src/workbook/journalRun";
import { readPlan } from "../../src/workbook/readPlan";
import { ACCOUNTS, FORMATS, POSTED_JOURNALS } from "../../src/workbook/schema";
import { address } from "../../src/workbook/sheetLayout";
import type { ExcelStandIn } from "../support/excelStandIn";
import { planStandIn } from "../support/excelStandInPlan";

const runOf = (standIn: ExcelStandIn) => standIn.run as unknown as ExcelRun;
const AS_OF = day("2025-04-15");
const PREPARED = "2025-04-15 09:00 UTC";
const JANUARY = parseMonth("2025-01")!;

function trust(): ExcelStandIn {
  const standIn = planStandIn();
  standIn.workbook.addTable(
    "Plan",
    "Payments",
    "AH1",
    ["Date", "Portfolio", "Amount", "Reference"],
    [[serialFromDay(day("2025-01-06")), "Growth", 100, '=HYPERLINK("http://x")']]
  );
  standIn.workbook.addTable(
    "Plan",
    ACCOUNTS.name,
    "AM1",
    ACCOUNTS.columns.map((c) => c.header),
    [["All", "", "", "=5120 expense", "-2140 payable", "@1010 cash", "+1250 due"]]
  );
  standIn.workbook.addTable(
    "Plan",
    POSTED_JOURNALS.name,
    "AU1",
    POSTED_JOURNALS.columns.map((c) => c.header),
    [["", "", "", "", "", ""]]
  );
  return standIn;
}

async function expected(standIn: ExcelStandIn) {
  const read = readPlan(await readWorkbook(runOf(standIn)));
  const built = buildJournal(read.plan, { month: JANUARY, asOf: AS_OF });
  if (!built.ok) throw new Error(built.problems.join("\n"));
  return { layout: journalLayout(built.journal, { preparedAt: PREPARED, asOf: AS_OF }), read };
}

describe("the pane's journal is the runner's layout", () => {
  it("every layout cell is written with its content and number format; '=' text stays text", async () => {
    const standIn = trust();
    const { layout } = await expected(standIn);
    const result = await writeJournal(runOf(standIn), {
      month: JANUARY,
      asOf: AS_OF,
      preparedAt: PREPARED,
    });
    expect(result.status).toBe("done");
    expect(layout.sheetName).toBe("12b-1 Journal 2025-01");
    const sheet = standIn.workbook.sheet(layout.sheetName)!;
    expect(layout.cells.length).toBeGreaterThan(30);
    for (const cell of layout.cells) {
      const written = sheet.cell(cell.row - 1, cell.column - 1);
      const where = address(cell.row, cell.column);
      if ("text" in cell) {
        expect(written?.value, where).toBe(cell.text);
        expect(written?.formula, where).toBeUndefined();
        expect(written?.numberFormat, where).toBe(cell.style?.numberFormat ?? FORMATS.text);
      } else if ("number" in cell) expect(written?.value, where).toBe(cell.number);
      else if ("date" in cell) expect(written?.value, where).toBe(serialFromDay(cell.date));
      else if ("formula" in cell) expect(written?.formula, where).toBe(`=${cell.formula}`);
      if (cell.style?.numberFormat)
        expect(written?.numberFormat, where).toBe(cell.style.numberFormat);
    }
    const texts = [...sheet.cells.values()].filter(
      (c) => typeof c.value === "string" && /^[=+\-@]/.test(c.value as string)
    );
    expect(texts.length).toBeGreaterThanOrEqual(4);
    expect(texts.every((c) => c.formula === undefined)).toBe(true);
  });

  it("posts the month's entries once, sealed, into PostedJournals", async () => {
    const standIn = trust();
    const first = await writeJournal(runOf(standIn), {
      month: JANUARY,
      asOf: AS_OF,
      preparedAt: PREPARED,
      post: true,
    });
    const { read } = await expected(standIn);
    const posted = read.plan.postedJournals ?? [];
    expect(first.posted).toBeGreaterThan(0);
    expect(posted.map((r) => r.journalId)).toEqual(
      expect.arrayContaining(["Growth-2025-01-ACC", "Growth-2025-01-06-PAY"])
    );
    expect(read.exceptions.filter((e) => e.severity === "error")).toEqual([]);
    const second = await writeJournal(runOf(standIn), {
      month: JANUARY,
      asOf: AS_OF,
      preparedAt: PREPARED,
      post: true,
    });
    expect(second.posted).toBe(0);
    const again = (await expected(standIn)).read.plan.postedJournals ?? [];
    expect(again).toHaveLength(posted.length);
  });
});
