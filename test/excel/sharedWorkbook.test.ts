/**
 * Shared workbooks (issue 6): two adapter instances — two panes, two
 * co-authors — over ONE workbook, their requests interleaved (each sync of one
 * waits for a sync of the other). No duplicate sheets, no half-written blocks,
 * the second sees the first's marks, and the settings live in the workbook.
 */
import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { parseQuarter } from "../../src/engine/periods";
import { computeAccruals } from "../../src/excel/computeAccruals";
import type { ExcelRun } from "../../src/excel/excelRun";
import { readSetting, SETTING_KEYS } from "../../src/excel/settings";
import { writeQuarterlyReport } from "../../src/excel/writeReport";
import { createExcelStandIn, type StandInWorkbook } from "../support/excelStandIn";
import { planStandIn } from "../support/excelStandInPlan";

const AS_OF = day("2025-04-15");
const QUARTER = parseQuarter("2025Q1")!;

/** Lets two writers take turns: while both are running, each sync waits for the other's. */
class Alternation {
  private turn = 0;
  private readonly running = new Set<number>();
  private readonly waiting = new Map<number, () => void>();
  readonly log: number[] = [];

  start(id: number): void {
    this.running.add(id);
  }
  finish(id: number): void {
    this.running.delete(id);
    this.pass(id);
  }
  async before(id: number): Promise<void> {
    if (this.running.size > 1 && this.turn !== id)
      await new Promise<void>((resolve) => this.waiting.set(id, resolve));
    this.log.push(id);
  }
  pass(id: number): void {
    const other = 1 - id;
    this.turn = other;
    const wake = this.waiting.get(other);
    if (wake) {
      this.waiting.delete(other);
      wake();
    }
  }
}

/** An `Excel.run` over `workbook` for writer `id`, whose syncs take turns with the other writer's. */
function writer(workbook: StandInWorkbook, id: number, turns: Alternation): ExcelRun {
  const standIn = createExcelStandIn(workbook);
  const run = (batch: (context: never) => Promise<unknown>) =>
    standIn.run(async (context) => {
      const sync = context.sync.bind(context);
      context.sync = async () => {
        await turns.before(id);
        try {
          await sync();
        } finally {
          turns.pass(id);
        }
      };
      return batch(context as never);
    });
  return run as unknown as ExcelRun;
}

/** Runs both actions at once, interleaved; returns their results. */
async function together<A, B>(
  workbook: StandInWorkbook,
  first: (run: ExcelRun) => Promise<A>,
  second: (run: ExcelRun) => Promise<B>
): Promise<{ results: [A, B]; log: number[] }> {
  const turns = new Alternation();
  const go = async <T>(id: number, action: (run: ExcelRun) => Promise<T>) => {
    turns.start(id);
    try {
      return await action(writer(workbook, id, turns));
    } finally {
      turns.finish(id);
    }
  };
  turns.start(0);
  turns.start(1);
  const results = await Promise.all([go(0, first), go(1, second)]);
  return { results, log: turns.log };
}

const accrue = (run: ExcelRun) =>
  computeAccruals(run, { mode: "values", overwrite: false, asOf: AS_OF });
const report = (preparedAt: string) => (run: ExcelRun) =>
  writeQuarterlyReport(run, { quarter: QUARTER, asOf: AS_OF, preparedAt });

/** The accrual columns one writer alone produces. */
async function alone(): Promise<string> {
  const standIn = planStandIn();
  await accrue(standIn.run as unknown as ExcelRun);
  return JSON.stringify(standIn.workbook.tableRows("NetAssets"));
}

describe("two writers on one workbook", () => {
  it("Compute accruals twice at once: one set of columns, one marker, every row whole", async () => {
    const { workbook } = planStandIn();
    const { results, log } = await together(workbook, accrue, accrue);
    // They really did interleave.
    expect(log.slice(0, 6)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(results.map((r) => r.status)).toEqual(["done", "done"]);
    expect(workbook.tableHeaders("NetAssets")).toEqual([
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
    expect([...workbook.names.keys()]).toEqual(["rule12b1_AccrualColumns"]);
    expect(JSON.stringify(workbook.tableRows("NetAssets"))).toBe(await alone());
  });

  it("Quarterly report twice at once: one sheet, complete, no temporary sheets left", async () => {
    const { workbook } = planStandIn();
    const { results } = await together(workbook, report("by A"), report("by B"));
    expect(results.map((r) => r.status)).toEqual(["done", "done"]);
    expect(workbook.sheets.map((s) => s.name)).toEqual([
      "Plan",
      "Net Assets",
      "12b-1 Report 2025-Q1",
      "12b-1 Audit trail",
    ]);
    // The sheet is one writer's whole report, not a mix: compare with a report written alone.
    const single = planStandIn();
    const stamp = String(workbook.sheet("12b-1 Report 2025-Q1")!.value(1, 0)).includes("by A")
      ? "by A"
      : "by B";
    await writeQuarterlyReport(single.run as unknown as ExcelRun, {
      quarter: QUARTER,
      asOf: AS_OF,
      preparedAt: stamp,
    });
    const cells = (wb: StandInWorkbook) =>
      JSON.stringify([...wb.sheet("12b-1 Report 2025-Q1")!.cells].sort());
    expect(cells(workbook)).toBe(cells(single.workbook));
    expect(workbook.sheet("12b-1 Report 2025-Q1")!.charts).toHaveLength(1);
    expect(workbook.sheet("12b-1 Report 2025-Q1")!.visibility).toBe("Visible");
  });

  it("Compute accruals and Quarterly report at once both finish, each whole", async () => {
    const { workbook } = planStandIn();
    const { results } = await together(workbook, accrue, report("mixed"));
    expect(results.map((r) => r.status)).toEqual(["done", "done"]);
    expect(JSON.stringify(workbook.tableRows("NetAssets"))).toBe(await alone());
    expect(workbook.sheets.filter((s) => s.name.includes("Report"))).toHaveLength(1);
  });

  it("the second writer sees the first's marks: its accrual columns and its report sheet are reused", async () => {
    const { workbook } = planStandIn();
    const turns = new Alternation();
    const first = writer(workbook, 0, turns);
    const second = writer(workbook, 1, turns);
    await accrue(first);
    await report("first")(first);
    const accrued = await accrue(second);
    expect(accrued.status).toBe("done");
    expect(workbook.tableHeaders("NetAssets")).toHaveLength(9);
    const replaced = await report("second")(second);
    expect(replaced).toMatchObject({ status: "done", replaced: true });
    expect(workbook.sheets.map((s) => s.name)).toEqual([
      "Plan",
      "Net Assets",
      "12b-1 Report 2025-Q1",
      "12b-1 Audit trail",
    ]);
  });

  it("settings live in the workbook: the second writer reads the first's choice", async () => {
    const { workbook } = planStandIn();
    const turns = new Alternation();
    await computeAccruals(writer(workbook, 0, turns), {
      mode: "formulas",
      overwrite: false,
      asOf: AS_OF,
    });
    expect(workbook.settings.get(SETTING_KEYS.accrualMode)).toBe("formulas");
    expect(await readSetting(writer(workbook, 1, turns), SETTING_KEYS.accrualMode)).toBe(
      "formulas"
    );
  });
});
