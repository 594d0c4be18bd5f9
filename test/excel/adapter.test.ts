/**
 * The Excel adapter's button flows against the in-memory stand-in
 * (test/support/excelStandIn.ts), which runs calls at sync, refuses to read
 * unloaded properties and fails requests over 5 MB like Excel on the web.
 */
import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { parseQuarter } from "../../src/engine/periods";
import { checkCompliance, locate, selectSource } from "../../src/excel/checkCompliance";
import { computeAccruals } from "../../src/excel/computeAccruals";
import type { ExcelRun } from "../../src/excel/excelRun";
import { Cancelled, type Progress } from "../../src/excel/progress";
import { detectDateSystem } from "../../src/excel/readWorkbook";
import { setUpPlan } from "../../src/excel/setUpPlan";
import { writeQuarterlyReport } from "../../src/excel/writeReport";
import { TABLES } from "../../src/workbook/schema";
import {
  createExcelStandIn,
  type ExcelStandIn,
  PAYLOAD_LIMIT_BYTES,
  StandInWorkbook,
} from "../support/excelStandIn";
import { measureAccrualWrite } from "../support/excelStandInBenchmark";
import { planStandIn, serial } from "../support/excelStandInPlan";

const runOf = (standIn: ExcelStandIn) => standIn.run as unknown as ExcelRun;
const AS_OF = day("2025-03-31");

describe("the stand-in follows office-js", () => {
  it("a property cannot be read before load and sync", async () => {
    const standIn = planStandIn();
    await standIn.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Net Assets").getRange("A1:C1");
      expect(() => range.values).toThrow(/not available.*load/);
      range.load("values");
      expect(() => range.values).toThrow(/not available/);
      await context.sync();
      expect(range.values).toEqual([["Date", "Portfolio", "Class B net assets"]]);
    });
  });

  it("a request over 5 MB fails with RequestPayloadSizeLimitExceeded", async () => {
    const standIn = createExcelStandIn();
    standIn.workbook.addSheet("S");
    await expect(
      standIn.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 300_000, 1).values =
          Array.from({ length: 300_000 }, () => ["twenty characters.."]);
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  });

  it("the 1904 date system is detected through DATE(1904,1,1)", async () => {
    for (const system of ["1900", "1904"] as const) {
      const standIn = createExcelStandIn(new StandInWorkbook(system));
      expect(await standIn.run((context) => detectDateSystem(context as never))).toBe(system);
    }
  });
});

describe("Set up plan", () => {
  it("creates every schema table with headers, validation and formats; a second run changes nothing", async () => {
    const standIn = createExcelStandIn();
    const first = await setUpPlan(runOf(standIn), { confirmed: false });
    expect(first.status).toBe("done");
    expect(first.created).toEqual(TABLES.map((t) => t.name));
    for (const spec of TABLES)
      expect(standIn.workbook.tableHeaders(spec.name)).toEqual(spec.columns.map((c) => c.header));
    const plan = standIn.workbook.sheet("Plan")!;
    const lists = plan.validations
      .filter((v) => (v.rule as { list?: unknown })?.list)
      .map((v) => (v.rule as { list: { source: string } }).list.source);
    // Issue 20: Other (with its distribution purpose in Description) after (a)–(i).
    expect(lists).toContain("a,b,c,d,e,f,g,h,i,Other");
    expect(lists).toContain("Approval,Continuance,Amendment,Fee rate,Termination");
    const before = JSON.stringify([...plan.cells]);
    const second = await setUpPlan(runOf(standIn), { confirmed: false });
    expect(second).toMatchObject({ status: "done", created: [] });
    expect(JSON.stringify([...plan.cells])).toBe(before);
  });

  it("asks before adding tables to an existing sheet named Plan, and never overwrites its cells", async () => {
    const workbook = new StandInWorkbook();
    workbook.addSheet("Plan").setCell(0, 0, { value: "my notes" });
    const standIn = createExcelStandIn(workbook);
    const asked = await setUpPlan(runOf(standIn), { confirmed: false });
    expect(asked.status).toBe("needs-confirmation");
    expect(asked.message).toContain('"Plan"');
    expect(workbook.sheet("Plan")!.tables).toEqual([]);
    const done = await setUpPlan(runOf(standIn), { confirmed: true });
    expect(done.status).toBe("done");
    expect(workbook.sheet("Plan")!.value(0, 0)).toBe("my notes");
    expect(workbook.sheet("Plan")!.tables[0]!.left).toBeGreaterThan(0);
  });
});

describe("Compute accruals", () => {
  it("writes the DOMAIN.md accruals next to the NAV columns; a second run gives the same cells", async () => {
    const standIn = planStandIn();
    // As of Tue 7 Jan the last row covers its own day only (later it would carry to the month end).
    const asOf = day("2025-01-07");
    const result = await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf,
    });
    expect(result.status).toBe("done");
    const rows = standIn.workbook.tableRows("NetAssets");
    expect(standIn.workbook.tableHeaders("NetAssets")).toEqual([
      "Date",
      "Portfolio",
      "Class B net assets",
      "Days",
      "Rate",
      "Daily fee",
      "Month to date",
      "Cap headroom",
      "Accrual note",
    ]);
    // Marked as ours the way the runner marks them: a defined name over the six headers.
    expect(standIn.workbook.names.get("rule12b1_AccrualColumns")).toBe("='Net Assets'!$D$1:$I$1");
    // Friday 3 Jan covers 3–5 Jan: 684.93… + 2 × 691.78… = 2,068.49; then 691.78, 681.51 (DOMAIN.md).
    expect(rows.map((r) => r[5])).toEqual([0, 2068.49, 691.78, 681.51]);
    // 2 Jan has no NAV before it (Prior day), so it books no day.
    expect(rows.map((r) => r[3])).toEqual([0, 3, 1, 1]);
    // Month to date: 2,068.49 + 691.78 + 681.51 = 3,441.78 (DOMAIN.md total).
    expect(rows[3]![6]).toBe(3441.78);
    expect(standIn.workbook.settings.get("rule12b1.accrualMode")).toBe("values");
    const before = JSON.stringify([...standIn.workbook.sheet("Net Assets")!.cells]);
    expect(
      (await computeAccruals(runOf(standIn), { mode: "values", overwrite: false, asOf })).status
    ).toBe("done");
    expect(JSON.stringify([...standIn.workbook.sheet("Net Assets")!.cells])).toBe(before);
    expect(standIn.workbook.tableHeaders("NetAssets")).toHaveLength(9);
  });

  it("does not write over a user's cell in the way unless the user confirms", async () => {
    const standIn = planStandIn();
    standIn.workbook.sheet("Net Assets")!.setCell(2, 4, { value: "check with custodian" });
    const asked = await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf: AS_OF,
    });
    expect(asked.status).toBe("needs-confirmation");
    expect(asked.conflicts).toEqual(["'Net Assets'!E3"]);
    expect(standIn.workbook.sheet("Net Assets")!.value(2, 4)).toBe("check with custodian");
    expect(standIn.workbook.tableHeaders("NetAssets")).toHaveLength(3);
    const done = await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: true,
      asOf: AS_OF,
    });
    expect(done.status).toBe("done");
  });

  it("columns with our headers but without the rule12b1_AccrualColumns name are not taken for ours", async () => {
    const workbook = planStandIn().workbook;
    const standIn = createExcelStandIn(workbook);
    await computeAccruals(runOf(standIn), { mode: "values", overwrite: false, asOf: AS_OF });
    workbook.names.clear();
    workbook.sheet("Net Assets")!.setCell(1, 8, { value: "my note" });
    const asked = await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf: AS_OF,
    });
    expect(asked.status).toBe("needs-confirmation");
    expect(workbook.sheet("Net Assets")!.value(1, 8)).toBe("my note");
    expect(
      (await computeAccruals(runOf(standIn), { mode: "values", overwrite: true, asOf: AS_OF }))
        .status
    ).toBe("done");
    expect(workbook.names.has("rule12b1_AccrualColumns")).toBe(true);
  });

  it("a user's column named Days elsewhere in the table stops the write with a message naming it", async () => {
    const standIn = planStandIn();
    const sheet = standIn.workbook.sheet("Net Assets")!;
    sheet.setCell(0, 3, { value: "Days" });
    standIn.workbook.table("NetAssets")!.table.columnCount = 4;
    const result = await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: true,
      asOf: AS_OF,
    });
    expect(result.status).toBe("unusable");
    expect(result.message).toContain('"Days"');
    expect(standIn.workbook.tableHeaders("NetAssets")).toEqual([
      "Date",
      "Portfolio",
      "Class B net assets",
      "Days",
    ]);
  });

  it("recognises columns the runner marked: a name over the headers, wherever the table starts", async () => {
    const standIn = planStandIn();
    await computeAccruals(runOf(standIn), { mode: "values", overwrite: false, asOf: AS_OF });
    // As `rule12b1 accrue` leaves it: the name, no pane settings.
    standIn.workbook.settings.clear();
    const again = await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf: AS_OF,
    });
    expect(again.status).toBe("done");
    expect(standIn.workbook.tableHeaders("NetAssets")).toHaveLength(9);
  });

  it("Cancel between chunks of a first run leaves the new columns empty, not half written", async () => {
    const standIn = planStandIn({ navCount: 60_000 });
    let chunks = 0;
    const progress: Progress = {
      report: (_done, _total, label) => void (label === "Writing accruals" && (chunks += 1)),
      cancelled: () => chunks >= 1,
    };
    const result = await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf: day("2400-01-01"),
      progress,
    });
    expect(result.status).toBe("cancelled");
    const rows = standIn.workbook.tableRows("NetAssets");
    expect(rows.every((r) => r.slice(3).every((v) => v === ""))).toBe(true);
    expect(rows[0]!.slice(0, 3)).not.toContain("");
    expect(new Cancelled().message).toContain("Cancelled");
  });

  it("Cancel of a re-run leaves the previous accruals exactly as they were (kept aside and put back)", async () => {
    const standIn = planStandIn({ navCount: 60_000 });
    const first = await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf: day("2025-06-30"),
    });
    expect(first.status).toBe("done");
    const before = standIn.workbook.tableRows("NetAssets").map((r) => r.slice(3));
    // The rows after 30 Jun 2025 book no fee as of then: a later as-of fills them, so a half-done re-run would show.
    expect(before.at(-1)![2]).toBe(0);
    let chunks = 0;
    const result = await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf: day("2400-01-01"),
      progress: {
        report: (_done, _total, label) => void (label === "Writing accruals" && (chunks += 1)),
        cancelled: () => chunks >= 1,
      },
    });
    expect(result.status).toBe("cancelled");
    expect(result.message).toBe("The accrual columns were put back as they were before this run.");
    expect(standIn.workbook.tableRows("NetAssets").map((r) => r.slice(3))).toEqual(before);
    // The same re-run, not cancelled, does change them (so the comparison above could fail).
    await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf: day("2400-01-01"),
    });
    expect(standIn.workbook.tableRows("NetAssets").map((r) => r.slice(3))).not.toEqual(before);
  });

  it("100,000 NAV rows are written without any request over the payload limit", async () => {
    const measure = await measureAccrualWrite(100_000);
    expect(measure.status).toBe("done");
    expect(measure.largestRequestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES / 2);
    // 59 round trips before the reader looked under the NetAssets table for NAV rows outside it (one more).
    expect(measure.syncs).toBeLessThanOrEqual(60);
    console.log(
      `100k NAV rows: ${measure.syncs} syncs, largest request ${(measure.largestRequestBytes / 1e6).toFixed(2)} MB, ${measure.milliseconds.toFixed(0)} ms`
    );
  }, 120_000);
});

describe("Check compliance", () => {
  it("a NAV the runner refuses (negative) is refused, not checked: its cell is highlighted and the link selects it", async () => {
    const standIn = planStandIn();
    standIn.workbook.sheet("Net Assets")!.setCell(3, 2, { value: -5 });
    const result = await checkCompliance(runOf(standIn), { asOf: AS_OF });
    expect(result.exceptions).toEqual([]);
    expect(result.refused.map((r) => r.text)).toEqual([
      'Sheet "Net Assets", table NetAssets row 3, column "Class B net assets": Growth: net assets on 2025-01-06 are negative (-5.00).',
    ]);
    // The engine names the column of a NAV finding, so the exact cell is highlighted.
    expect(result.refused[0]!.source).toMatchObject({
      sheet: "Net Assets",
      table: "NetAssets",
      row: 3,
      column: "Class B net assets",
    });
    expect(result.highlighted).toEqual(["Net Assets!C4"]);
    expect(standIn.workbook.sheet("Net Assets")!.conditionalFormats).toHaveLength(1);
    await selectSource(runOf(standIn), result.refused[0]!.source!);
    expect(standIn.workbook.selection).toEqual({ sheet: "Net Assets", address: "C4" });
    // A second check redraws rather than piles up the highlights.
    await checkCompliance(runOf(standIn), { asOf: AS_OF });
    expect(standIn.workbook.sheet("Net Assets")!.conditionalFormats).toHaveLength(1);
  });

  it("lists errors first and highlights the located cells of errors", async () => {
    const standIn = planStandIn();
    // Annual rate 0.75% (Rates row 1, column Q): above the 0.50% maximum, a compliance error.
    standIn.workbook.sheet("Plan")!.setCell(1, 16, { value: 0.0075 });
    const result = await checkCompliance(runOf(standIn), { asOf: AS_OF });
    expect(result.refused).toEqual([]);
    expect(result.exceptions[0]!.severity).toBe("error");
    expect(
      result.exceptions.find((e) => /above the ceiling of 0\.50%/.test(e.message))
    ).toBeDefined();
    // The finding names the Rates row and its Annual rate column, so that very cell is shaded.
    expect(result.highlighted).toEqual(["Plan!Q2"]);
  });
});

describe("Go to", () => {
  it("a finding with a column selects that very cell; without one, the table row", async () => {
    const standIn = planStandIn();
    const source = { table: "NetAssets", row: 3, column: "Class B net assets" };
    await selectSource(runOf(standIn), source);
    expect(standIn.workbook.selection).toEqual({ sheet: "Net Assets", address: "C4" });
    await selectSource(runOf(standIn), { table: "NetAssets", row: 3, column: "date" });
    expect(standIn.workbook.selection).toEqual({ sheet: "Net Assets", address: "A4" });
    await selectSource(runOf(standIn), { table: "NetAssets", row: 3 });
    expect(standIn.workbook.selection).toEqual({ sheet: "Net Assets", address: "A4:C4" });
    const shapes = [
      {
        sheet: "Net Assets",
        name: "NetAssets",
        headers: ["Date", "Portfolio", "Class B net assets"],
        headerRow: 0,
        firstColumn: 0,
        rowCount: 4,
        columnCount: 3,
      },
    ];
    expect(locate(source, shapes)).toBe("Net Assets!C4");
  });
});

describe("Quarterly report", () => {
  it("inserts the sheet with SUM totals and a chart; a re-run replaces it; typed text stays text", async () => {
    const standIn = planStandIn();
    standIn.workbook.addTable(
      "Plan",
      "Reviews",
      "AH1",
      ["Quarter", "Prepared by", "Reviewed by", "Board review", "Fingerprint"],
      [["2025Q1", '=HYPERLINK("x")', "Treasurer", "", ""]]
    );
    const quarter = parseQuarter("2025Q1")!;
    const first = await writeQuarterlyReport(runOf(standIn), {
      quarter,
      asOf: AS_OF,
      preparedAt: "2025-04-02 09:00",
    });
    expect(first).toMatchObject({
      status: "done",
      sheetName: "12b-1 Report 2025-Q1",
      replaced: false,
    });
    const sheet = standIn.workbook.sheet("12b-1 Report 2025-Q1")!;
    const formulas = [...sheet.cells.values()].map((c) => c.formula).filter(Boolean);
    // Totals are SUMs; the N-1A lines add up their categories' cells.
    // The Item 19(g) difference is two rows named for their sign: MAX(0, …) each (SPEC §5, 2026-12-06).
    expect(
      formulas.every((f) =>
        /^=SUM\(|^=MAX\(0,[A-Z]+\d+-[A-Z]+\d+\)$|^=[A-Z]+\d+([+-][A-Z]+\d+)*$/.test(f!)
      )
    ).toBe(true);
    expect(formulas.length).toBeGreaterThan(5);
    expect(sheet.charts).toHaveLength(1);
    expect(
      [...sheet.cells.values()].some(
        (c) => c.value === '=HYPERLINK("x")' && c.formula === undefined
      )
    ).toBe(true);
    expect(sheet.pageLayout.orientation).toBe("Landscape");
    expect(sheet.visibility).toBe("Visible");
    const second = await writeQuarterlyReport(runOf(standIn), {
      quarter,
      asOf: AS_OF,
      preparedAt: "2025-04-03 09:00",
    });
    expect(second.replaced).toBe(true);
    expect(
      standIn.workbook.sheets.filter((s) => s.name.includes("2025-Q1")).map((s) => s.name)
    ).toEqual(["12b-1 Report 2025-Q1"]);
  });

  it("Cancel leaves the previous report as it was and no temporary sheet", async () => {
    const standIn = planStandIn();
    const quarter = parseQuarter("2025Q1")!;
    await writeQuarterlyReport(runOf(standIn), { quarter, asOf: AS_OF, preparedAt: "first" });
    const cancelled = await writeQuarterlyReport(runOf(standIn), {
      quarter,
      asOf: AS_OF,
      preparedAt: "second",
      progress: { report: () => undefined, cancelled: () => true },
    });
    expect(cancelled.status).toBe("cancelled");
    expect(standIn.workbook.sheets.map((s) => s.name)).toEqual([
      "Plan",
      "Net Assets",
      "12b-1 Report 2025-Q1",
      "12b-1 Audit trail",
    ]);
    expect(String(standIn.workbook.sheet("12b-1 Report 2025-Q1")!.value(1, 0))).toContain(
      "prepared first"
    );
  });
});

it("serial helper matches Excel (2 Jan 2025 = 45659)", () =>
  expect(serial("2025-01-02")).toBe(45659));
