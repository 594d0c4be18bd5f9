/**
 * The pane, like the runner (test/cli/reportSheetOwner.test.ts), keeps a
 * person's own sheet named like the report (issue 22): the report goes under
 * the next free name with a sentence, and the next run refreshes that report.
 */
import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { parseQuarter } from "../../src/engine/periods";
import type { ExcelRun } from "../../src/excel/excelRun";
import { writeQuarterlyReport } from "../../src/excel/writeReport";
import type { ExcelStandIn } from "../support/excelStandIn";
import { planStandIn } from "../support/excelStandInPlan";

const runOf = (standIn: ExcelStandIn) => standIn.run as unknown as ExcelRun;
const AS_OF = day("2025-03-31");

describe("the pane and a sheet named like the report", () => {
  it("a person's sheet is kept; the report goes to “… (2)” with a sentence; the next run refreshes “… (2)”", async () => {
    const standIn = planStandIn();
    standIn.workbook.addSheet("12b-1 Report 2025-Q1").setCell(0, 0, { value: "My notes on Q1" });
    const quarter = parseQuarter("2025Q1")!;
    const first = await writeQuarterlyReport(runOf(standIn), {
      quarter,
      asOf: AS_OF,
      preparedAt: "2025-04-02 09:00",
    });
    expect(first).toMatchObject({
      status: "done",
      sheetName: "12b-1 Report 2025-Q1 (2)",
      replaced: false,
      message:
        'Sheet "12b-1 Report 2025-Q1" was not written by rule12b1 (its A1 is not a report title), so it was kept as it is; the report is in sheet "12b-1 Report 2025-Q1 (2)". Inserted the sheet "12b-1 Report 2025-Q1 (2)".',
    });
    expect(standIn.workbook.sheet("12b-1 Report 2025-Q1")!.cell(0, 0)?.value).toBe(
      "My notes on Q1"
    );
    const second = await writeQuarterlyReport(runOf(standIn), {
      quarter,
      asOf: AS_OF,
      preparedAt: "2025-04-03 09:00",
    });
    expect(second).toMatchObject({ sheetName: "12b-1 Report 2025-Q1 (2)", replaced: true });
    expect(
      standIn.workbook.sheets.filter((s) => s.name.includes("2025-Q1")).map((s) => s.name)
    ).toEqual(["12b-1 Report 2025-Q1", "12b-1 Report 2025-Q1 (2)"]);
  });
});
