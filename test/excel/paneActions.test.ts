/**
 * The pane's actions of issue 23 against the Excel stand-in: Convert to numbers, Undo last
 * run, Copy findings to a sheet, Load sample plan, and Check compliance's links and standing.
 */
import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { checkCompliance } from "../../src/excel/checkCompliance";
import { computeAccruals } from "../../src/excel/computeAccruals";
import { convertTextNumbers } from "../../src/excel/convertTextNumbers";
import { copyFindings, FINDINGS_HEADERS, FINDINGS_SHEET } from "../../src/excel/copyFindings";
import type { ExcelRun } from "../../src/excel/excelRun";
import { loadSamplePlan } from "../../src/excel/loadSamplePlan";
import { readUsablePlan } from "../../src/excel/readWorkbook";
import { hasPlanTables } from "../../src/excel/setUpPlan";
import { undoAccruals } from "../../src/excel/undoAccruals";
import { sampleTrust } from "../../src/cli/demo/sampleTrust";
import { createExcelStandIn, type ExcelStandIn } from "../support/excelStandIn";
import { planStandIn } from "../support/excelStandInPlan";

const runOf = (standIn: ExcelStandIn) => standIn.run as unknown as ExcelRun;
const AS_OF = day("2025-01-31");

/** The plan workbook with `count` NAV rows (from 2 Jan 2025), each NAV typed as text "100,000,000.00". */
function textNavs(count: number): ExcelStandIn {
  const standIn = planStandIn({ navCount: count });
  const sheet = standIn.workbook.sheet("Net Assets")!;
  for (let r = 1; r <= count; r += 1)
    sheet.setCell(r, 2, { value: "100,000,000.00", numberFormat: "@" });
  return standIn;
}

describe("a text-NAV paste (SPEC §4: one grouped finding and a fix)", () => {
  it("1,000 NAVs typed as text are one refusal naming C2:C1001 and the count, with the Convert to numbers fix", async () => {
    const standIn = textNavs(1000);
    const usable = await readUsablePlan(runOf(standIn));
    expect(usable.ok).toBe(false);
    if (usable.ok) return;
    expect(usable.refusals).toHaveLength(1);
    const [problem] = usable.refusals;
    expect(problem).toMatchObject({
      count: 1000,
      fix: "convert-to-numbers",
      source: { sheet: "Net Assets", table: "NetAssets", address: "C2:C1001" },
    });
    // One row number in the sentence: the sheet's cells, not "row 1" of the table beside "C2".
    expect(problem!.text).toContain("1,000 cells in C2:C1001, each like C2:");
    expect(problem!.text).not.toMatch(/ row \d/);
  });

  it("Convert to numbers turns the 1,000 texts into 100,000,000.00 with the amount format, and the accruals then compute", async () => {
    const standIn = textNavs(1000);
    const result = await convertTextNumbers(runOf(standIn), "Net Assets", "C2:C1001");
    expect(result).toMatchObject({ converted: 1000, leftAsText: 0 });
    const sheet = standIn.workbook.sheet("Net Assets")!;
    for (const r of [1, 500, 1000]) {
      expect(sheet.value(r, 2)).toBe(100_000_000);
      expect(sheet.cell(r, 2)!.numberFormat).toBe("#,##0.00");
    }
    const accruals = await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf: AS_OF,
    });
    expect(accruals.status).toBe("done");
  });

  it("text that is not plainly a number, and formulas, are left as they were", async () => {
    const standIn = textNavs(3);
    const sheet = standIn.workbook.sheet("Net Assets")!;
    sheet.setCell(2, 2, { value: "ask custodian" });
    const result = await convertTextNumbers(runOf(standIn), "Net Assets", "C2:C4");
    expect(result).toMatchObject({ converted: 2, leftAsText: 1 });
    expect(sheet.value(2, 2)).toBe("ask custodian");
    expect(result.message).toContain("1 text cell is not plainly a number");
  });
});

describe("Undo last run (SPEC §4)", () => {
  it("puts back the previous accrual columns after a re-run as of a later day", async () => {
    const standIn = planStandIn({ navCount: 40 });
    const run = runOf(standIn);
    await computeAccruals(run, { mode: "values", overwrite: false, asOf: day("2025-01-10") });
    const before = standIn.workbook.tableRows("NetAssets").map((r) => r.slice(3));
    const again = await computeAccruals(run, {
      mode: "values",
      overwrite: false,
      asOf: day("2025-02-10"),
    });
    expect(standIn.workbook.tableRows("NetAssets").map((r) => r.slice(3))).not.toEqual(before);
    const undone = await undoAccruals(run, again.undo!);
    expect(undone.status).toBe("done");
    expect(standIn.workbook.tableRows("NetAssets").map((r) => r.slice(3))).toEqual(before);
  });

  it("is refused when the table gained rows since, and changes nothing", async () => {
    const standIn = planStandIn({ navCount: 5 });
    const run = runOf(standIn);
    const result = await computeAccruals(run, { mode: "values", overwrite: false, asOf: AS_OF });
    standIn.workbook.table("NetAssets")!.table.rowCount += 1;
    const after = standIn.workbook.tableRows("NetAssets");
    const undone = await undoAccruals(run, result.undo!);
    expect(undone.status).toBe("refused");
    expect(standIn.workbook.tableRows("NetAssets")).toEqual(after);
  });
});

describe("Check compliance: links and where the plan stands", () => {
  it("a Rates finding names its cell Q2 (one row number), and only that cell is shaded", async () => {
    const standIn = planStandIn();
    // 0.75% in Rates row 1 (Plan!Q2): above the ceiling of 0.50%.
    standIn.workbook.sheet("Plan")!.setCell(1, 16, { value: 0.0075 });
    const result = await checkCompliance(runOf(standIn), { asOf: AS_OF });
    const rate = result.exceptions.find((e) => e.rule === "rate-above-cap");
    expect(rate?.source).toMatchObject({ sheet: "Plan", address: "Q2" });
    expect(result.highlighted).toEqual(["Plan!Q2"]);
    expect(result.standing?.portfolios.map((p) => p.portfolio)).toEqual(["Growth"]);
  });

  it("a cap breach links to the NAV rows of its month", async () => {
    // A NAV every calendar day from 2 Jan 2025, rising 1,000.37 a day and falling back by
    // 97,035.89 on 8 Apr (day 97). At 0.50% on prior-day NAVs against a same-day cap (Cap basis
    // Same day), April's fees use one NAV 97,035.89 above the cap's measure and 29 days 1,000.37
    // below it: about (97,035.89 − 29 × 1,000.37) × 0.005 / 365 = 0.93 over the maximum.
    const standIn = planStandIn({ navCount: 130 });
    const plan = standIn.workbook.sheet("Plan")!;
    plan.setCell(1, 16, { value: 0.005 });
    plan.setCell(1, standIn.workbook.tableHeaders("Portfolios").indexOf("Cap basis"), {
      value: "Same day",
    });
    const result = await checkCompliance(runOf(standIn), { asOf: day("2025-04-30") });
    const breach = result.exceptions.find(
      (e) => e.rule === "cap-breach" && e.date === day("2025-04-30")
    );
    // 1 Apr is 89 days after 2 Jan: table row 90, sheet row 91; 30 Apr is sheet row 120.
    const first = day("2025-04-01") - day("2025-01-02") + 2;
    const last = day("2025-04-30") - day("2025-01-02") + 2;
    expect(breach?.source).toMatchObject({
      sheet: "Net Assets",
      address: `A${first}:C${last}`,
    });
    expect(`A${first}:C${last}`).toBe("A91:C120");
  });
});

describe("Copy findings to a sheet", () => {
  it("writes them as the table Findings on 12b-1 Findings, text as text, and replaces it on the next copy", async () => {
    const standIn = planStandIn();
    standIn.workbook.sheet("Plan")!.setCell(1, 16, { value: 0.0075 });
    const { exceptions } = await checkCompliance(runOf(standIn), { asOf: AS_OF });
    const message = await copyFindings(runOf(standIn), [
      ...exceptions,
      { severity: "info", rule: "input", portfolio: null, date: null, message: "=1+1 typed" },
    ]);
    expect(message).toContain(`${exceptions.length + 1} findings copied`);
    expect(standIn.workbook.tableHeaders("Findings")).toEqual([...FINDINGS_HEADERS]);
    const rows = standIn.workbook.tableRows("Findings");
    expect(rows).toHaveLength(exceptions.length + 1);
    expect(rows.find((r) => r[1] === "Rate above the ceiling")?.[6]).toBe("Plan!Q2");
    expect(rows.at(-1)![5]).toBe("=1+1 typed");
    await copyFindings(runOf(standIn), exceptions.slice(0, 1));
    expect(standIn.workbook.sheets.filter((s) => s.name === FINDINGS_SHEET)).toHaveLength(1);
    expect(standIn.workbook.tableRows("Findings")).toHaveLength(1);
  });
});

describe("Load sample plan", () => {
  it("into an empty workbook: creates the tables and writes the sample trust's rows", async () => {
    const standIn = createExcelStandIn();
    expect(await hasPlanTables(runOf(standIn))).toBe(false);
    const result = await loadSamplePlan(runOf(standIn), { confirmed: false });
    expect(result.status).toBe("done");
    const sample = sampleTrust();
    expect(standIn.workbook.tableRows("NetAssets")).toHaveLength(sample.NetAssets.length);
    expect(standIn.workbook.tableRows("Portfolios").map((r) => r[0])).toEqual(
      sample.Portfolios.map((r) => r[0])
    );
    expect(await hasPlanTables(runOf(standIn))).toBe(true);
  });

  it("asks first when plan tables hold rows, and replaces them only once confirmed", async () => {
    const standIn = planStandIn();
    const asked = await loadSamplePlan(runOf(standIn), { confirmed: false });
    expect(asked.status).toBe("needs-confirmation");
    expect(asked.message).toContain("Portfolios");
    expect(standIn.workbook.tableRows("NetAssets")).toHaveLength(4);
    await loadSamplePlan(runOf(standIn), { confirmed: true });
    expect(standIn.workbook.tableRows("NetAssets")).toHaveLength(sampleTrust().NetAssets.length);
    expect(standIn.workbook.tableRows("Portfolios")[0]![0]).toBe("Growth Portfolio");
  });
});

describe("Load sample plan after Set up plan", () => {
  it("does not ask when the tables hold only the blank row Set up plan leaves", async () => {
    const standIn = createExcelStandIn();
    const { setUpPlan } = await import("../../src/excel/setUpPlan");
    await setUpPlan(runOf(standIn), { confirmed: false });
    const result = await loadSamplePlan(runOf(standIn), { confirmed: false });
    expect(result.status).toBe("done");
  });
});

describe("progress", () => {
  it('says "Computing" once the tables are read, not "Reading NetAssets: n of n" while the engine works', async () => {
    const standIn = planStandIn({ navCount: 100 });
    const labels: string[] = [];
    await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf: AS_OF,
      progress: { report: (_done, _total, label) => labels.push(label), cancelled: () => false },
    });
    const computing = labels.indexOf("Computing");
    expect(computing).toBeGreaterThan(labels.lastIndexOf("Reading NetAssets"));
    expect(labels.indexOf("Writing accruals")).toBeGreaterThan(computing);
  });
});
