/**
 * The pane's audit trail (issue 6), as the runner's (test/hardening/auditTrail.test.ts):
 * the "12b-1 Audit trail" sheet beside the report and the accrual columns' "Days" header
 * carries the same facts as a note — who (the pane's "Prepared by"), when, the
 * version, the workbook's name and each portfolio's NetAssets rows and cells,
 * taken from where the table sits.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { day } from "../../src/engine/calendar";
import { parseQuarter } from "../../src/engine/periods";
import { computeAccruals } from "../../src/excel/computeAccruals";
import type { ExcelRun } from "../../src/excel/excelRun";
import { writeQuarterlyReport } from "../../src/excel/writeReport";
import {
  GOVERNANCE,
  NET_ASSETS,
  PORTFOLIOS,
  RATES,
  type TableSpec,
} from "../../src/workbook/schema";
import { RULE12B1_VERSION } from "../../src/workbook/version";
import {
  createExcelStandIn,
  type ExcelStandIn,
  type StandInValue,
  StandInWorkbook,
} from "../support/excelStandIn";
import { serial } from "../support/excelStandInPlan";

const runOf = (standIn: ExcelStandIn) => standIn.run as unknown as ExcelRun;
const AS_OF = day("2025-04-15");
const PREPARED = "2025-04-15 09:00 UTC";
const QUARTER = parseQuarter("2025Q1")!;

// NetAssets sits at C4 (header on sheet row 4, columns C–E), Growth and Income interleaved:
// Growth in data rows 1, 3, 5, 7 (sheet rows 5–11), Income in 2, 4, 6, 8 (sheet rows 6–12).
const GROWTH = "NetAssets rows 1–7 (sheet 'Net Assets'!C5:E11; 4 of them Growth's)";
const INCOME = "NetAssets rows 2–8 (sheet 'Net Assets'!C6:E12; 4 of them Income's)";

function row(spec: TableSpec, values: Record<string, StandInValue>): StandInValue[] {
  return spec.columns.map((c) => values[c.header] ?? "");
}

/** Two portfolios at 0.25%, approved 2 Dec 2024, in a workbook named "Trust 2025.xlsx". */
function trust(): ExcelStandIn {
  const workbook = new StandInWorkbook();
  workbook.name = "Trust 2025.xlsx";
  const header = (spec: TableSpec) => spec.columns.map((c) => c.header);
  const portfolios = ["Growth", "Income"];
  workbook.addTable(
    "Plan",
    PORTFOLIOS.name,
    "A1",
    header(PORTFOLIOS),
    portfolios.map((p) => row(PORTFOLIOS, { Portfolio: p, "Plan effective": serial("2024-12-02") }))
  );
  workbook.addTable(
    "Plan",
    RATES.name,
    "O1",
    header(RATES),
    portfolios.map((p) =>
      row(RATES, {
        Portfolio: p,
        Effective: serial("2024-12-02"),
        "Annual rate": 0.0025,
        "Board approval": serial("2024-12-02"),
      })
    )
  );
  workbook.addTable("Plan", GOVERNANCE.name, "U1", header(GOVERNANCE), [
    row(GOVERNANCE, {
      Date: serial("2024-12-02"),
      Action: "Approval",
      Portfolio: "All",
      "Trustees for": 7,
      "Trustees total": 9,
      "Independent for": 5,
      "Independent total": 6,
      "In person": "Yes",
    }),
  ]);
  const nav = ["2025-01-02", "2025-01-03", "2025-01-06", "2025-01-07"].flatMap((date, i) =>
    portfolios.map((p, j) =>
      row(NET_ASSETS, {
        Date: serial(date),
        Portfolio: p,
        "Class B net assets": 100_000_000 + i * 1_000_000 + j * 5_000_000,
      })
    )
  );
  workbook.addTable("Net Assets", NET_ASSETS.name, "C4", header(NET_ASSETS), nav);
  return createExcelStandIn(workbook);
}

/**
 * The run's lines on the "12b-1 Audit trail" sheet: label → value. They
 * left the report's pages (SPEC §5, 2026-12-06: the run's details go to the
 * audit trail sheet, not onto the board's pages).
 */
function auditBlock(standIn: ExcelStandIn): Record<string, StandInValue> {
  const report = standIn.workbook.sheet("12b-1 Report 2025-Q1")!;
  const reportLast = report.usedExtent()!.lastRow;
  for (let r = 0; r <= reportLast; r += 1)
    expect(String(report.value(r, 0)), "the board's pages have no audit block").not.toMatch(
      /Audit trail/
    );
  const sheet = standIn.workbook.sheet("12b-1 Audit trail")!;
  expect(sheet, "the audit trail sheet").toBeDefined();
  const last = sheet.usedExtent()!.lastRow;
  const start = Array.from({ length: last + 1 }, (_, r) => r).find(
    (r) => sheet.value(r, 0) === "The run"
  );
  expect(start, "the audit trail sheet has the run's lines").toBeDefined();
  const lines: Record<string, StandInValue> = {};
  for (let r = start! + 1; r <= last && sheet.value(r, 0) !== ""; r += 1)
    lines[String(sheet.value(r, 0))] = sheet.value(r, 1);
  return lines;
}

/** Only Office's requirement check, answering ExcelApi 1.1 … 1.`highest`. */
function hostUpTo(highest: number): void {
  vi.stubGlobal("Office", {
    context: {
      requirements: {
        isSetSupported: (set: string, version: string) =>
          set === "ExcelApi" && Number(version.split(".")[1]) <= highest,
      },
    },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the pane's report carries the audit trail", () => {
  it("who, when, version, this workbook's name and each portfolio's NetAssets rows and cells", async () => {
    const standIn = trust();
    const result = await writeQuarterlyReport(runOf(standIn), {
      quarter: QUARTER,
      asOf: AS_OF,
      preparedAt: PREPARED,
      preparedBy: "  J. Doe ",
    });
    expect(result.status).toBe("done");
    expect(auditBlock(standIn)).toEqual({
      "Prepared by": "J. Doe",
      "Prepared at": PREPARED,
      "rule12b1 version": RULE12B1_VERSION,
      "Input workbook": "Trust 2025.xlsx",
      "NAV rows used: Growth": GROWTH,
      "NAV rows used: Income": INCOME,
    });
    // The name typed is kept in the workbook for the next run, whoever makes it.
    expect(standIn.workbook.settings.get("rule12b1.preparedBy")).toBe("J. Doe");
    await writeQuarterlyReport(runOf(standIn), {
      quarter: QUARTER,
      asOf: AS_OF,
      preparedAt: PREPARED,
      preparedBy: "",
    });
    expect(auditBlock(standIn)["Prepared by"]).toBe("J. Doe");
  });

  it('nothing typed nor kept: "Excel user"; prepared at is now in UTC', async () => {
    const standIn = trust();
    const before = Date.now();
    await writeQuarterlyReport(runOf(standIn), { quarter: QUARTER, asOf: AS_OF });
    const lines = auditBlock(standIn);
    // No name given: the audit trail says it is only the account, and the sign-off stays blank.
    expect(lines["Run under the account"]).toBe("Excel user");
    expect(lines["Prepared at"]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(
      Date.parse(`${String(lines["Prepared at"]).replace(" UTC", "Z").replace(" ", "T")}`)
    ).toBeGreaterThanOrEqual(Math.floor(before / 60_000) * 60_000);
    expect(standIn.workbook.settings.has("rule12b1.preparedBy")).toBe(false);
  });

  it('a host before ExcelApi 1.7 cannot name the workbook: "this workbook"', async () => {
    hostUpTo(6);
    const standIn = trust();
    await writeQuarterlyReport(runOf(standIn), {
      quarter: QUARTER,
      asOf: AS_OF,
      preparedAt: PREPARED,
    });
    expect(auditBlock(standIn)["Input workbook"]).toBe("this workbook");
  });
});

describe("the pane's accrual columns carry the audit note", () => {
  const noteLines = (by: string, at: string) => [
    "Accrual columns written by rule12b1",
    `Prepared by: ${by}`,
    `Prepared at: ${at}`,
    `rule12b1 version: ${RULE12B1_VERSION}`,
    "Input workbook: Trust 2025.xlsx",
    `NAV rows used: Growth: ${GROWTH}`,
    `NAV rows used: Income: ${INCOME}`,
  ];

  it("the note on the Days header has the runner's lines; a re-run replaces it", async () => {
    const standIn = trust();
    const sheet = standIn.workbook.sheet("Net Assets")!;
    const first = await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf: AS_OF,
      preparedAt: PREPARED,
      preparedBy: "J. Doe",
    });
    expect(first).toMatchObject({ status: "done", auditNote: "note" });
    expect(first.message).toContain("in the note on 'Net Assets'!F4");
    // The accrual columns start right of the table (F); "Days" is on the header row, sheet row 4.
    expect(sheet.value(3, 5)).toBe("Days");
    expect(sheet.notes.get("3,5")?.split("\n")).toEqual(noteLines("J. Doe", PREPARED));
    expect([...sheet.notes.keys()]).toEqual(["3,5"]);

    // Re-run: the columns are now part of the table (C–K), so its cells reach K, as the runner's re-run says.
    const again = await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf: AS_OF,
      preparedAt: "2025-04-16 10:30 UTC",
      preparedBy: "A. Roe",
    });
    expect(again).toMatchObject({ status: "done", auditNote: "note" });
    expect([...sheet.notes.keys()]).toEqual(["3,5"]);
    const lines = sheet.notes.get("3,5")!.split("\n");
    expect(lines.slice(0, 5)).toEqual(noteLines("A. Roe", "2025-04-16 10:30 UTC").slice(0, 5));
    expect(lines.slice(5)).toEqual([
      "NAV rows used: Growth: NetAssets rows 1–7 (sheet 'Net Assets'!C5:K11; 4 of them Growth's)",
      "NAV rows used: Income: NetAssets rows 2–8 (sheet 'Net Assets'!C6:K12; 4 of them Income's)",
    ]);
  });

  it("no note when the columns are not written (cells in the way, not confirmed)", async () => {
    const standIn = trust();
    standIn.workbook.sheet("Net Assets")!.setCell(6, 6, { value: "mine" });
    const result = await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf: AS_OF,
      preparedAt: PREPARED,
      preparedBy: "J. Doe",
    });
    expect(result.status).toBe("needs-confirmation");
    expect(standIn.workbook.sheet("Net Assets")!.notes.size).toBe(0);
    expect(standIn.workbook.settings.has("rule12b1.preparedBy")).toBe(false);
  });

  it("a host before ExcelApi 1.18 gets a threaded comment, replaced on re-run", async () => {
    hostUpTo(17);
    const standIn = trust();
    const sheet = standIn.workbook.sheet("Net Assets")!;
    const result = await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf: AS_OF,
      preparedAt: PREPARED,
      preparedBy: "J. Doe",
    });
    expect(result).toMatchObject({ status: "done", auditNote: "comment" });
    expect(result.message).toContain("in the comment on 'Net Assets'!F4");
    expect(sheet.notes.size).toBe(0);
    expect(sheet.comments.get("3,5")?.split("\n")).toEqual(noteLines("J. Doe", PREPARED));
    await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf: AS_OF,
      preparedAt: PREPARED,
      preparedBy: "A. Roe",
    });
    expect([...sheet.comments.keys()]).toEqual(["3,5"]);
    expect(sheet.comments.get("3,5")).toContain("Prepared by: A. Roe");
  });

  it("a host with neither: the columns are written and the message says the note is missing", async () => {
    hostUpTo(9);
    const standIn = trust();
    const result = await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf: AS_OF,
      preparedAt: PREPARED,
    });
    expect(result).toMatchObject({ status: "done", auditNote: "none", rowsWritten: 8 });
    expect(result.message).toContain("audit trail");
    expect(result.message).toContain("was not put");
    const sheet = standIn.workbook.sheet("Net Assets")!;
    expect(sheet.notes.size + sheet.comments.size).toBe(0);
  });
});
