/** Compute accruals on a selected range with a column-mapping step, against the stand-in. */
import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { computeAccruals } from "../../src/excel/computeAccruals";
import type { ExcelRun } from "../../src/excel/excelRun";
import {
  computeAccrualsOnRange,
  hasNetAssetsTable,
  readSelection,
} from "../../src/excel/rangeAccruals";
import type { ExcelStandIn } from "../support/excelStandIn";
import { planStandIn } from "../support/excelStandInPlan";

const runOf = (standIn: ExcelStandIn) => standIn.run as unknown as ExcelRun;
const asOf = day("2025-01-07");

/** The plan workbook with its NAV rows moved to plain cells of sheet "NAV" at B3, columns in another order and case, and no NetAssets table. */
function rangeStandIn(): ExcelStandIn {
  const standIn = planStandIn();
  const source = standIn.workbook.sheet("Net Assets")!;
  const nav = standIn.workbook.addSheet("NAV");
  const order = [1, 0, 2];
  for (let r = 0; r < 5; r += 1)
    order.forEach((from, c) => nav.setCell(2 + r, 1 + c, { value: source.value(r, from) }));
  nav.setCell(2, 1, { value: "fund" });
  nav.setCell(2, 2, { value: "DATE" });
  standIn.workbook.sheet("Net Assets")!.tables.splice(0);
  standIn.workbook.selection = { sheet: "NAV", address: "B3:D7" };
  return standIn;
}

describe("Compute accruals on a selected range", () => {
  it("maps a long-form selection and writes the same figures as the table path, right of it; a re-run is idempotent", async () => {
    const table = planStandIn();
    expect(
      (await computeAccruals(runOf(table), { mode: "values", overwrite: false, asOf })).status
    ).toBe("done");
    const expected = table.workbook.tableRows("NetAssets").map((r) => r.slice(3));

    const standIn = rangeStandIn();
    expect(await hasNetAssetsTable(runOf(standIn))).toBe(false);
    const selection = await readSelection(runOf(standIn));
    expect(selection).toMatchObject({
      address: "NAV!B3:D7",
      headers: ["fund", "DATE", "Class B net assets"],
      rowCount: 4,
      // "fund" reads as the portfolio column (issue 23).
      suggested: { Date: 1, Portfolio: 0, "Class B net assets": 2 },
      portfolios: ["Growth"],
      looksWide: false,
    });
    const mapping = { ...selection.suggested, Portfolio: 0 };
    const result = await computeAccrualsOnRange(runOf(standIn), selection.address, mapping, {
      mode: "values",
      overwrite: false,
      asOf,
    });
    expect(result.status, result.message).toBe("done");
    expect(result.rowsWritten).toBe(4);
    const nav = standIn.workbook.sheet("NAV")!;
    const block = (rows: number) =>
      Array.from({ length: rows }, (_, r) =>
        Array.from({ length: 6 }, (_, c) => nav.value(2 + r, 4 + c))
      );
    expect(block(1)[0]).toEqual([
      "Days",
      "Rate",
      "Daily fee",
      "Month to date",
      "Cap headroom",
      "Accrual note",
    ]);
    expect(block(5).slice(1)).toEqual(expected);
    expect(standIn.workbook.names.get("rule12b1_AccrualColumns")).toBe("='NAV'!$E$3:$J$3");

    const before = JSON.stringify([...nav.cells]);
    expect(
      (
        await computeAccrualsOnRange(runOf(standIn), selection.address, mapping, {
          mode: "values",
          overwrite: false,
          asOf,
        })
      ).status
    ).toBe("done");
    expect(JSON.stringify([...nav.cells])).toBe(before);
  });

  it("does not write over a user's cell in the way unless the user confirms", async () => {
    const standIn = rangeStandIn();
    const nav = standIn.workbook.sheet("NAV")!;
    nav.setCell(4, 6, { value: "ask custodian" });
    const mapping = { Date: 1, Portfolio: 0, "Class B net assets": 2 };
    const asked = await computeAccrualsOnRange(runOf(standIn), "NAV!B3:D7", mapping, {
      mode: "values",
      overwrite: false,
      asOf,
    });
    expect(asked.status).toBe("needs-confirmation");
    expect(asked.conflicts).toEqual(["NAV!G5"]);
    expect(nav.value(4, 6)).toBe("ask custodian");
    expect(nav.value(2, 4)).toBe("");
    expect(standIn.workbook.names.has("rule12b1_AccrualColumns")).toBe(false);
    expect(
      (
        await computeAccrualsOnRange(runOf(standIn), "NAV!B3:D7", mapping, {
          mode: "values",
          overwrite: true,
          asOf,
        })
      ).status
    ).toBe("done");
    expect(nav.value(2, 4)).toBe("Days");
  });

  it("a bad mapping (a column twice, no Date) gives a clear message and writes nothing", async () => {
    const standIn = rangeStandIn();
    const before = JSON.stringify(standIn.workbook.sheets.map((s) => [...s.cells]));
    const twice = await computeAccrualsOnRange(
      runOf(standIn),
      "NAV!B3:D7",
      { Date: 1, Portfolio: 0, "Class B net assets": 0 },
      { mode: "values", overwrite: true, asOf }
    );
    expect(twice.status).toBe("unusable");
    expect(twice.message).toContain(
      '"fund" is chosen for both "Portfolio" and "Class B net assets"'
    );
    const noDate = await computeAccrualsOnRange(
      runOf(standIn),
      "NAV!B3:D7",
      { Date: null, Portfolio: 0, "Class B net assets": 2 },
      { mode: "values", overwrite: true, asOf }
    );
    expect(noDate.status).toBe("unusable");
    expect(noDate.message).toMatch(/Choose the column that holds "Date".*Nothing was written/);
    expect(JSON.stringify(standIn.workbook.sheets.map((s) => [...s.cells]))).toBe(before);
    expect(standIn.workbook.names.size).toBe(0);
  });
});
